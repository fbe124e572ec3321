"""Yields of a GSL speech (procedure.md §2.2 "Yields", §8.7, §8.8) on the live floor."""

from __future__ import annotations

from datetime import timedelta

import pytest

from committee.procedure.phases import Phase
from committee.procedure.speeches import QuestionStep, SpeechStage
from committee.services import speakers
from tests.committee.floor_speakers_setup import Clock, Room, install_clock, notice, open_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return install_clock(monkeypatch)


@pytest.fixture
def room(clock: Clock) -> Room:
    """Brazil has the floor (90 s); China and Egypt wait, so debate does not close."""
    room = open_room()
    for name in ("Brazil", "China", "Egypt"):
        speakers.speaker_add(committee=room.committee, delegation_id=room.id(name), user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    return room


def declare(room: Room, kind: str, target: str | None = None) -> int:
    values = {"kind": kind}
    if target is not None:
        values["target"] = str(room.id(target))
    response = room.dais().post(room.url("floor_speakers_yield"), values, HTTP_HX_REQUEST="true")
    return response.status_code


def answer_on_phone(room: Room, name: str, accept: bool) -> object:
    return room.phone(name).post(
        room.url("delegate_speakers_yield_answer"),
        {"accept": "1" if accept else "0"},
        HTTP_HX_REQUEST="true",
    )


def remaining_seconds(room: Room, clock: Clock) -> float:
    timer = room.doc().speech.timer
    left = timer.remaining if timer.deadline is None else timer.deadline - clock.now
    return left.total_seconds()


# ---- to another delegate ------------------------------------------------------------------------


def test_a_yield_to_a_delegate_waits_for_its_answer_on_its_phone(room: Room, clock: Clock) -> None:
    clock.advance(30)
    assert declare(room, "delegate", "Argentina") == 204
    speech = room.doc().speech
    assert speech.stage is SpeechStage.AWAITING_ACCEPTANCE
    assert speech.timer.deadline is None  # the clock stops while the delegate decides
    phone = room.phone_region("Argentina")
    assert 'data-testid="yield-accept"' in phone
    assert "Brazil yields the remaining time to you." in phone
    assert 'data-testid="yield-accept"' not in room.phone_region("China")
    assert "Yielded to Argentina: waiting for the answer" in room.region()
    assert room.log_line("gsl_yield") == "Brazil yields to Argentina"


def test_an_accepted_yield_gives_the_floor_and_the_remaining_time(room: Room, clock: Clock) -> None:
    clock.advance(30)
    declare(room, "delegate", "Argentina")
    clock.advance(20)  # deciding takes no speaking time
    assert answer_on_phone(room, "Argentina", accept=True).status_code == 204
    speech = room.doc().speech
    assert speech.holder == room.key("Argentina")
    assert speech.speaker == room.key("Brazil")
    assert speech.stage is SpeechStage.YIELDED_TO_DELEGATE
    assert speech.timer.deadline == clock.now + timedelta(seconds=60)
    html = room.region()
    assert 'data-testid="speakers-holder">Argentina<' in html
    assert "yielded by Brazil" in html
    assert "You have the floor." in room.phone_region("Argentina")
    assert room.log_line("gsl_yield_answered") == "Argentina accepts the yield"


def test_a_declined_yield_reverts_the_time_to_the_chair(room: Room, clock: Clock) -> None:
    declare(room, "delegate", "Argentina")
    assert answer_on_phone(room, "Argentina", accept=False).status_code == 204
    doc = room.doc()
    assert doc.speech.stage is SpeechStage.ENDED
    assert doc.speech.reverted_to_chair is True
    assert doc.speech.holder == room.key("Brazil")
    assert doc.gsl.spoken == (room.key("Brazil"),)
    assert doc.phase is Phase.GSL  # China and Egypt still wait
    assert "the time reverted to the chair" in room.region()
    assert 'data-testid="yield-accept"' not in room.phone_region("Argentina")
    assert room.log_line("gsl_yield_answered") == (
        "Argentina declines the yield: the time reverts to the chair"
    )


def test_a_yield_to_an_absent_delegate_reverts_to_the_chair(room: Room) -> None:
    assert declare(room, "delegate", "Denmark") == 204
    speech = room.doc().speech
    assert speech.stage is SpeechStage.ENDED
    assert speech.reverted_to_chair is True


def test_only_the_delegate_yielded_to_can_answer(room: Room) -> None:
    declare(room, "delegate", "Argentina")
    response = answer_on_phone(room, "China", accept=True)
    assert response.status_code == 409
    assert "Only the delegation yielded to can answer." in notice(response)
    assert room.doc().speech.stage is SpeechStage.AWAITING_ACCEPTANCE


def test_answering_when_no_yield_waits_is_refused(room: Room) -> None:
    response = answer_on_phone(room, "Argentina", accept=True)
    assert response.status_code == 409
    assert "No yield to a delegate is waiting for an answer." in notice(response)


def test_the_dais_can_record_the_answer_for_a_delegate_without_a_phone(room: Room) -> None:
    declare(room, "delegate", "Argentina")
    response = room.dais().post(
        room.url("floor_speakers_yield_answer"), {"accept": "1"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 204
    assert room.doc().speech.holder == room.key("Argentina")


def test_the_delegate_yielded_to_may_only_yield_to_the_chair(room: Room) -> None:
    declare(room, "delegate", "Argentina")
    answer_on_phone(room, "Argentina", accept=True)
    html = room.region()
    assert '"kind": "chair"' in html
    assert '"kind": "questions"' not in html and '"kind": "delegate"' not in html
    response = room.dais().post(
        room.url("floor_speakers_yield"),
        {"kind": "delegate", "target": room.id("China")},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    assert "only a yield to the chair" in notice(response)


def test_a_second_yield_is_refused(room: Room) -> None:
    assert declare(room, "questions") == 204
    response = room.dais().post(
        room.url("floor_speakers_yield"), {"kind": "comments"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "A yield has already been declared for this speech." in notice(response)


def test_a_yield_to_a_delegate_needs_a_target(room: Room) -> None:
    response = room.dais().post(
        room.url("floor_speakers_yield"), {"kind": "delegate"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400


# ---- to the chair -------------------------------------------------------------------------------


def test_a_yield_to_the_chair_ends_the_speech(room: Room) -> None:
    assert declare(room, "chair") == 204
    doc = room.doc()
    assert doc.speech.stage is SpeechStage.ENDED
    assert doc.gsl.current is None
    assert "Speech ended: yielded to the chair" in room.region()


# ---- to questions -----------------------------------------------------------------------------


def test_only_answering_time_counts_under_questions(room: Room, clock: Clock) -> None:
    clock.advance(30)  # 60 s left
    declare(room, "questions")
    assert room.doc().speech.timer.deadline is None
    assert "the chair recognises a questioner" in room.region()
    clock.advance(15)  # the chair looks for questioners: no time used
    asked = room.dais().post(
        room.url("floor_speakers_question"),
        {"questioner": room.id("China")},
        HTTP_HX_REQUEST="true",
    )
    assert asked.status_code == 204
    speech = room.doc().speech
    assert speech.question_step is QuestionStep.ASKING
    assert speech.timer.deadline is None
    assert "Question from China (clock stopped)" in room.region()
    assert "Question from China" in room.region("phone-now")
    clock.advance(20)  # China asks: no time used
    assert remaining_seconds(room, clock) == 60
    speakers.answer_start(committee=room.committee, user=room.chair)
    assert room.doc().speech.timer.deadline == clock.now + timedelta(seconds=60)
    assert "Answering China (clock running)" in room.region()
    clock.advance(25)  # Brazil answers: time runs
    speakers.answer_finish(committee=room.committee, user=room.chair)
    speech = room.doc().speech
    assert speech.question_step is QuestionStep.IDLE
    assert speech.timer.remaining == timedelta(seconds=35)
    assert room.log_line("gsl_question") == "Question 1 from China"


def test_the_answer_that_uses_up_the_time_ends_the_speech(room: Room, clock: Clock) -> None:
    declare(room, "questions")
    speakers.question_ask(committee=room.committee, user=room.chair, questioner_id=room.id("China"))
    speakers.answer_start(committee=room.committee, user=room.chair)
    clock.advance(120)
    speakers.answer_finish(committee=room.committee, user=room.chair)
    doc = room.doc()
    assert doc.speech.stage is SpeechStage.ENDED
    assert doc.gsl.spoken == (room.key("Brazil"),)


def test_the_speaker_cannot_question_itself(room: Room) -> None:
    declare(room, "questions")
    response = room.dais().post(
        room.url("floor_speakers_question"),
        {"questioner": room.id("Brazil")},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409


# ---- to comments --------------------------------------------------------------------------------


def test_comments_have_their_own_clock_and_a_limit(room: Room, clock: Clock) -> None:
    declare(room, "comments")
    for name in ("China", "Egypt"):
        response = room.dais().post(
            room.url("floor_speakers_comment"),
            {"commenter": room.id(name)},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 204
    speech = room.doc().speech
    assert speech.comments == 2
    assert speech.comment_timer.deadline == clock.now + timedelta(seconds=30)
    html = room.region()
    assert "Comment 2 of 2: Egypt" in html
    assert 'data-duration-ms="30000"' in html  # the comment's clock is shown
    third = room.dais().post(
        room.url("floor_speakers_comment"),
        {"commenter": room.id("Argentina")},
        HTTP_HX_REQUEST="true",
    )
    assert third.status_code == 409
    assert "The limit of 2 comments has been reached." in notice(third)
    assert room.log_line("gsl_comment") == "Comment 2 by Egypt (30 s)"


# ---- yields and the end of the list ---------------------------------------------------------


def test_a_yield_that_ends_the_last_speech_closes_debate(clock: Clock) -> None:
    room = open_room()
    speakers.speaker_add(committee=room.committee, delegation_id=room.id("Brazil"), user=room.chair)
    speakers.speaker_next(committee=room.committee, user=room.chair)
    assert declare(room, "delegate", "Argentina") == 204
    assert room.doc().phase is Phase.GSL  # the yield is still open
    answer_on_phone(room, "Argentina", accept=False)
    assert room.doc().phase is Phase.VOTING_PROCEDURE
