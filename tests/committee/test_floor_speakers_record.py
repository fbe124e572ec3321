"""What the speakers' list leaves on the record: a Speech row for each turn at the microphone
(seconds on the speaker's clock) and a typed log event that reads in each language."""

from __future__ import annotations

import re

import pytest

from committee.floor import decode_value
from committee.log.describe import describe_event
from committee.models import FloorEvent, Speech
from committee.procedure.choices import RorGround, YieldKind
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts.speakers import (
    ListExhausted,
    SpeakerCalled,
    YieldAnswered,
    YieldDeclared,
)
from committee.services import floor, points, speakers
from tests.committee.floor_speakers_setup import Clock, Room, install_clock, open_room

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
# "Answer finished": the speaker's name is in the facts, not in the sentence.
SAYS_NO_NAME = {EventKind.GSL_ANSWER_FINISHED}
CHINESE_NAMES = {
    "Argentina": "阿根廷",
    "Brazil": "巴西",
    "China": "中国",
    "Denmark": "丹麦",
    "Egypt": "埃及",
}


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture
def room(clock: Clock) -> Room:
    """Brazil has the floor (90 s); China and Egypt wait."""
    room = open_room()
    for name in ("Brazil", "China", "Egypt"):
        speakers.speaker_add(committee=room.committee, delegation_id=room.id(name), user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    return room


def rows(room: Room) -> list[Speech]:
    return list(Speech.objects.filter(committee=room.committee).order_by("started_at", "pk"))


def yield_to(room: Room, kind: str, target: str | None = None) -> None:
    speakers.yield_declare(
        committee=room.committee,
        user=room.chair,
        kind=kind,
        target_id=None if target is None else room.id(target),
    )


def timer(room: Room, command: str, seconds: int = 0) -> None:
    floor.speech_timer_control(
        committee=room.committee, user=room.chair, command=command, seconds=seconds
    )


# ---- the Speech rows ---------------------------------------------------------------------------


def test_a_speech_ended_by_the_chair_counts_its_clock_without_the_pause(
    room: Room, clock: Clock
) -> None:
    began = clock.now
    clock.advance(30)
    timer(room, "pause")
    clock.advance(100)  # the clock is stopped
    timer(room, "start")
    clock.advance(20)
    assert rows(room) == []  # nothing is written while the speech goes on
    speakers.speech_end(committee=room.committee, user=room.chair)
    (speech,) = rows(room)
    assert speech.delegation == room.by_name["Brazil"]
    assert speech.kind == Speech.Kind.GSL
    assert speech.seconds == 50
    assert (speech.started_at, speech.ended_at) == (began, clock.now)
    assert speech.session.number == 1
    assert speech.yielded_to == "" and speech.yielded_to_delegation is None


def test_an_extension_is_not_time_spoken(room: Room, clock: Clock) -> None:
    clock.advance(80)
    timer(room, "extend", seconds=30)
    clock.advance(25)
    speakers.speech_end(committee=room.committee, user=room.chair)
    assert [s.seconds for s in rows(room)] == [105]


def test_calling_the_next_speaker_records_the_one_speaking(room: Room, clock: Clock) -> None:
    clock.advance(61)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    assert [(s.delegation.name, s.kind, s.seconds) for s in rows(room)] == [
        ("Brazil", Speech.Kind.GSL, 61)
    ]
    clock.advance(5)
    speakers.speech_end(committee=room.committee, user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)  # China, already ended
    assert [(s.delegation.name, s.seconds) for s in rows(room)] == [("Brazil", 61), ("China", 5)]


def test_time_over_the_speaking_time_is_not_counted(room: Room, clock: Clock) -> None:
    clock.advance(200)
    speakers.speech_end(committee=room.committee, user=room.chair)
    assert [s.seconds for s in rows(room)] == [90]


def test_a_yield_to_a_delegate_records_both_turns(room: Room, clock: Clock) -> None:
    clock.advance(30)
    yield_to(room, "delegate", "Argentina")
    yielded_at = clock.now
    assert [(s.delegation.name, s.seconds) for s in rows(room)] == [("Brazil", 30)]
    clock.advance(20)  # Argentina decides: nobody speaks
    speakers.yield_respond(
        committee=room.committee, accept=True, delegation=room.by_name["Argentina"]
    )
    accepted_at = clock.now
    clock.advance(25)
    yield_to(room, "chair")
    speaker, delegate = rows(room)
    assert speaker.kind == Speech.Kind.GSL
    assert speaker.ended_at == yielded_at
    assert speaker.yielded_to == YieldKind.DELEGATE
    assert speaker.yielded_to_delegation == room.by_name["Argentina"]
    assert delegate.delegation == room.by_name["Argentina"]
    assert delegate.kind == Speech.Kind.YIELDED
    assert (delegate.started_at, delegate.ended_at) == (accepted_at, clock.now)
    assert delegate.seconds == 25
    assert delegate.yielded_to == YieldKind.CHAIR


def test_the_delegate_yielded_to_is_recorded_when_the_chair_ends_the_speech(
    room: Room, clock: Clock
) -> None:
    yield_to(room, "delegate", "Argentina")
    speakers.yield_respond(committee=room.committee, accept=True, user=room.chair)
    clock.advance(40)
    speakers.speech_end(committee=room.committee, user=room.chair)
    delegate = rows(room)[-1]
    assert (delegate.delegation.name, delegate.kind, delegate.seconds) == (
        "Argentina",
        Speech.Kind.YIELDED,
        40,
    )
    assert delegate.yielded_to == ""


def test_a_declined_or_reverted_yield_records_only_the_speaker(room: Room, clock: Clock) -> None:
    clock.advance(10)
    yield_to(room, "delegate", "Argentina")
    clock.advance(5)
    speakers.yield_respond(committee=room.committee, accept=False, user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)  # China
    clock.advance(12)
    yield_to(room, "delegate", "Denmark")  # absent: the time reverts at once
    assert [(s.delegation.name, s.seconds, s.yielded_to_delegation.name) for s in rows(room)] == [
        ("Brazil", 10, "Argentina"),
        ("China", 12, "Denmark"),
    ]


def test_calling_the_next_speaker_while_a_yield_waits_adds_no_row(room: Room, clock: Clock) -> None:
    clock.advance(10)
    yield_to(room, "delegate", "Argentina")
    clock.advance(30)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    assert [(s.delegation.name, s.seconds) for s in rows(room)] == [("Brazil", 10)]


def test_answers_count_and_asking_does_not(room: Room, clock: Clock) -> None:
    clock.advance(30)
    yield_to(room, "questions")
    clock.advance(15)  # the chair looks for questioners
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    clock.advance(20)  # China asks
    speakers.answer_start(committee=room.committee, user=room.chair)
    clock.advance(25)  # Brazil answers
    speakers.answer_finish(committee=room.committee, user=room.chair)
    clock.advance(10)
    speakers.speech_end(committee=room.committee, user=room.chair)
    (speech,) = rows(room)
    assert (speech.seconds, speech.yielded_to) == (55, YieldKind.QUESTIONS)


def test_an_answer_that_uses_up_the_time_records_the_whole_speech(room: Room, clock: Clock) -> None:
    clock.advance(80)
    yield_to(room, "questions")
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    speakers.answer_start(committee=room.committee, user=room.chair)
    clock.advance(30)
    speakers.answer_finish(committee=room.committee, user=room.chair)
    (speech,) = rows(room)
    assert (speech.seconds, speech.yielded_to) == (90, YieldKind.QUESTIONS)


def test_comments_are_not_the_speakers_time(room: Room, clock: Clock) -> None:
    clock.advance(60)
    yield_to(room, "comments")
    speakers.comment_start(committee=room.committee, user=room.chair, commenter_id=room.id("China"))
    clock.advance(30)
    speakers.speech_end(committee=room.committee, user=room.chair)
    (speech,) = rows(room)
    assert (speech.delegation.name, speech.seconds) == ("Brazil", 60)
    assert speech.yielded_to == YieldKind.COMMENTS


def test_the_last_speech_is_recorded_when_debate_closes(clock: Clock) -> None:
    room = open_room()
    speakers.speaker_add(committee=room.committee, delegation_id=room.id("Brazil"), user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    clock.advance(45)
    yield_to(room, "chair")
    assert [(s.delegation.name, s.seconds, s.yielded_to) for s in rows(room)] == [
        ("Brazil", 45, YieldKind.CHAIR)
    ]
    event = room.event(EventKind.GSL_YIELD)
    assert decode_value(event.payload, YieldDeclared).exhausted == ListExhausted(admitted=4)


def test_a_reply_on_the_floor_is_recorded_when_the_chair_closes_debate(clock: Clock) -> None:
    room = open_room(rules_overrides={"gsl_exhaustion_action": "prompt_chair"})
    speakers.speaker_add(committee=room.committee, delegation_id=room.id("Brazil"), user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    clock.advance(50)
    speakers.speech_end(committee=room.committee, user=room.chair)  # the list is exhausted
    china = room.by_name["China"]
    points.reply_request(
        committee=room.committee,
        delegation=china,
        against_id=room.id("Brazil"),
        ground=RorGround.NATIONAL_INTEGRITY,
    )
    points.reply_decide(
        committee=room.committee, user=room.chair, delegation_id=china.pk, grant=True
    )
    clock.advance(20)
    speakers.debate_close(committee=room.committee, user=room.chair)
    assert [(s.delegation.name, s.kind, s.seconds) for s in rows(room)] == [
        ("Brazil", Speech.Kind.GSL, 50),
        ("China", Speech.Kind.REPLY, 20),
    ]


def test_undo_takes_the_row_back(room: Room, clock: Clock) -> None:
    clock.advance(30)
    speakers.speech_end(committee=room.committee, user=room.chair)
    assert len(rows(room)) == 1
    floor.floor_undo(committee=room.committee, user=room.chair)
    assert rows(room) == []
    assert room.doc().speech.timer.running  # Brazil speaks on
    clock.advance(10)
    speakers.speech_end(committee=room.committee, user=room.chair)
    assert [s.seconds for s in rows(room)] == [40]


def test_undo_of_an_accepted_yield_keeps_the_speakers_row(room: Room, clock: Clock) -> None:
    clock.advance(30)
    yield_to(room, "delegate", "Argentina")
    speakers.yield_respond(committee=room.committee, accept=True, user=room.chair)
    floor.floor_undo(committee=room.committee, user=room.chair)  # the answer, not the yield
    assert [(s.delegation.name, s.seconds) for s in rows(room)] == [("Brazil", 30)]
    floor.floor_undo(committee=room.committee, user=room.chair)  # now the yield
    assert rows(room) == []


# ---- the log -------------------------------------------------------------------------------------


def play_every_kind(clock: Clock) -> Room:
    """Every kind of speakers' event once, on a list the chair closes by hand."""
    room = open_room(
        rules_overrides={
            "gsl_exhaustion_action": "prompt_chair",
            "allow_follow_up": True,
            "open_to_pois_enabled": True,
        }
    )
    for name, chinese in CHINESE_NAMES.items():
        delegation = room.by_name[name]
        delegation.name_zh = chinese
        delegation.save(update_fields=["name_zh"])
    committee, chair = room.committee, room.chair
    for name in ("Brazil", "China", "Egypt", "Argentina"):
        speakers.speaker_add(committee=committee, delegation_id=room.id(name), user=chair)
    speakers.speaker_remove(committee=committee, delegation_id=room.id("Argentina"), user=chair)
    speakers.speaker_move(
        committee=committee,
        user=chair,
        delegation_id=room.id("China"),
        from_position=2,
        to_position=1,
    )
    speakers.self_service_set(committee=committee, user=chair, on=True)
    speakers.list_closed_set(committee=committee, user=chair, closed=True)
    speakers.speaker_next(committee=committee, user=chair)  # China
    clock.advance(20)
    yield_to(room, "delegate", "Argentina")
    speakers.yield_respond(committee=committee, accept=True, user=chair)
    clock.advance(20)
    yield_to(room, "chair")
    speakers.speaker_next(committee=committee, user=chair)  # Brazil
    speakers.pois_open(committee=committee, user=chair, offered=1)
    speakers.pois_close(committee=committee, user=chair)
    yield_to(room, "questions")
    speakers.question_ask(committee=committee, user=chair, questioner_id=room.id("Egypt"))
    speakers.question_ask(committee=committee, user=chair, follow_up=True)
    speakers.answer_start(committee=committee, user=chair)
    clock.advance(10)
    speakers.answer_finish(committee=committee, user=chair)
    speakers.speech_end(committee=committee, user=chair)
    speakers.speaker_next(committee=committee, user=chair)  # Egypt, the last one
    yield_to(room, "comments")
    speakers.comment_start(committee=committee, user=chair, commenter_id=room.id("Argentina"))
    speakers.speaker_next(committee=committee, user=chair)  # nobody left: exhausted
    speakers.debate_close(committee=committee, user=chair)
    return room


def test_every_speakers_event_is_typed_and_names_delegations_in_each_language(
    clock: Clock,
) -> None:
    room = play_every_kind(clock)
    events = FloorEvent.objects.filter(committee=room.committee, kind__startswith="gsl_")
    gsl_kinds = {kind for kind in EventKind if kind.value.startswith("gsl_")}
    assert {EventKind(e.kind) for e in events} == gsl_kinds
    english_names = set(CHINESE_NAMES)
    for event in events:
        payload = decode_value(event.payload, payload_type(EventKind(event.kind)))
        english = describe_event(event, "en")
        chinese = describe_event(event, "zh-hans")
        assert CJK.search(chinese) and not CJK.search(english), event.kind
        assert not any(name in chinese for name in english_names), (event.kind, chinese)
        named = getattr(payload, "delegation", None)
        if named is not None and event.kind not in SAYS_NO_NAME:
            delegation = next(d for d in room.by_name.values() if d.pk == named)
            assert delegation.name in english, (event.kind, english)
            assert delegation.name_zh in chinese, (event.kind, chinese)


def test_the_log_reads_as_the_dais_saw_it(clock: Clock) -> None:
    room = play_every_kind(clock)
    assert room.log_line(EventKind.GSL_SPEAKER_REMOVED) == (
        "Argentina removed from the speakers' list"
    )
    assert room.log_line(EventKind.GSL_SELF_SERVICE) == (
        "Phones may add themselves to the speakers' list"
    )
    assert room.log_line(EventKind.GSL_LIST_CLOSED) == "Speakers' list closed"
    assert room.log_line(EventKind.GSL_YIELD) == "Egypt yields to comments"
    assert room.log_line(EventKind.GSL_QUESTION) == "Follow-up question from Egypt"
    assert room.log_line(EventKind.GSL_ANSWER_STARTED) == "Brazil answers"
    assert room.log_line(EventKind.GSL_ANSWER_FINISHED) == "Answer finished"
    assert room.log_line(EventKind.GSL_SPEAKER_CALLED) == (
        "Speech of Egypt ended · The speakers' list is exhausted"
    )
    assert room.log_line(EventKind.GSL_DEBATE_CLOSED) == (
        "Debate closed by the chair · The speakers' list is exhausted: voting procedure"
        " (4 delegations admitted)"
    )
    assert room.log_line(EventKind.GSL_DEBATE_CLOSED, "zh-hans") == (
        "主席宣布结束辩论 · 发言名单已用尽：进入表决程序（4 个代表团参加表决）"
    )


def test_the_log_keeps_ids_not_names(room: Room, clock: Clock) -> None:
    yield_to(room, "delegate", "Argentina")
    speakers.yield_respond(committee=room.committee, accept=True, user=room.chair)
    called = room.event(EventKind.GSL_SPEAKER_CALLED)
    assert decode_value(called.payload, SpeakerCalled) == SpeakerCalled(
        room.id("Brazil"), seconds=90
    )
    answered = room.event(EventKind.GSL_YIELD_ANSWERED)
    assert answered.payload == {
        "delegation": room.id("Argentina"),
        "speaker": room.id("Brazil"),
        "accepted": True,
        "exhausted": None,
    }
    assert decode_value(answered.payload, YieldAnswered).accepted
    stored = str([e.payload for e in FloorEvent.objects.filter(committee=room.committee)])
    assert "Argentina" not in stored and "Brazil" not in stored
