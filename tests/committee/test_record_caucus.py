"""What caucuses leave on the record: a typed payload and a sentence for every caucus action,
and a Speech of kind `caucus` for every speaking slot, written in the action that ends it."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from committee.demo import day
from committee.floor import decode_value
from committee.log.describe import describe_event, has_sentence
from committee.models import Committee, FloorEvent, Session, Speech
from committee.procedure.caucuses import CaucusKind
from committee.procedure.choices import MotionCode
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts.motions import MotionVoteClosed
from committee.procedure.motion_registry import Effect
from committee.procedure.motions import Motion
from committee.procedure.phases import Phase
from committee.services import caucuses, motions
from committee.services import floor as floor_services
from tests.committee.floor_caucus_helpers import (  # noqa: F401 (clock_fixture is a fixture)
    World,
    carry,
    clock_fixture,
    doc_of,
    in_session,
    moderated,
    unmoderated,
)
from tests.committee.floor_clock import T0
from tests.committee.test_floor_motions import raise_seconded

pytestmark = pytest.mark.django_db

CAUCUS_KINDS = [kind for kind in EventKind if kind.startswith("caucus_")]


def recognise(world: World, delegation) -> None:
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=delegation.pk
    )


def slot_end(world: World) -> None:
    caucuses.caucus_slot_end(committee=world.committee, user=world.chair)


def speeches() -> list[tuple[str, int]]:
    return [(s.delegation.name, s.seconds) for s in Speech.objects.order_by("started_at", "pk")]


def with_chinese_names(world: World) -> World:
    for delegation, name_zh in ((world.france, "法国"), (world.china, "中国")):
        delegation.name_zh = name_zh
        delegation.save(update_fields=["name_zh"])
    return world


# ---- payloads and sentences ----------------------------------------------------------------------


def test_every_caucus_kind_has_a_typed_payload_and_a_sentence() -> None:
    assert len(CAUCUS_KINDS) == 8
    assert all(payload_type(kind) is not None and has_sentence(kind) for kind in CAUCUS_KINDS)


def test_every_caucus_action_reads_in_english_and_names_delegations_in_chinese(clock) -> None:
    world = with_chinese_names(in_session())
    carry(world, moderated(world.france, total=600, speaker=60, topic="Mandates"))
    caucuses.caucus_mover_choose(committee=world.committee, delegation=world.france, choice="last")
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    caucuses.caucus_placard_lower(committee=world.committee, delegation=world.china)
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    recognise(world, world.china)
    clock.advance(20)
    caucuses.caucus_pause(committee=world.committee, user=world.chair)
    caucuses.caucus_resume(committee=world.committee, user=world.chair)
    slot_end(world)
    clock.advance(100)
    caucuses.caucus_end(committee=world.committee, user=world.chair)

    events = list(FloorEvent.objects.filter(kind__startswith="caucus_").order_by("seq"))
    assert {event.kind for event in events} == set(CAUCUS_KINDS)
    assert [describe_event(event, "en") for event in events] == [
        "Caucus: France, the mover, speaks last",
        "China raised its placard",
        "China lowered its placard",
        "China raised its placard",
        "Caucus: China recognised for 60 s",
        "Caucus paused",
        "Caucus resumed",
        "Caucus: the slot of China ended",
        "Moderated caucus on “Mandates” ended at 17:02:00 (ended by the chair)",
    ]
    for event in events:
        chinese = describe_event(event, "zh-hans")
        if event.kind == EventKind.CAUCUS_MOVER_CHOSE:
            assert "法国" in chinese and "France" not in chinese
        elif event.payload.get("delegation") == world.china.pk:
            assert "中国" in chinese and "China" not in chinese
    paused, resumed = (e for e in events if e.kind in ("caucus_paused", "caucus_resumed"))
    assert describe_event(paused, "zh-hans") == "磋商暂停"
    assert describe_event(resumed, "zh-hans") == "磋商继续"


def test_the_payloads_name_delegations_by_id_and_keep_the_movers_topic(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60, topic="Mandates"))
    recognise(world, world.china)
    clock.advance(30)
    caucuses.caucus_end(committee=world.committee, user=world.chair, reason="no_speakers")
    recognised, ended = FloorEvent.objects.filter(kind__startswith="caucus_").order_by("seq")
    assert recognised.payload == {
        "delegation": world.china.pk,
        "slot_seconds": 60,
        "shortened": False,
    }
    assert ended.payload == {
        "kind": "moderated",
        "topic": "Mandates",
        "mover": world.france.pk,
        "reason": "no_speakers",
        "ended_at": (T0 + timedelta(seconds=30)).isoformat(),
    }


def test_the_end_time_is_read_in_the_readers_time_zone(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=600, topic=""))
    clock.advance(700)
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    event = FloorEvent.objects.get(kind=EventKind.CAUCUS_ENDED)
    # The caucus ran out at its deadline, 09:10 UTC, whenever the chair noticed.
    assert describe_event(event, "en") == "Unmoderated caucus ended at 17:10:00 (time up)"
    with timezone.override(ZoneInfo("Europe/London")):
        assert describe_event(event, "en") == "Unmoderated caucus ended at 10:10:00 (time up)"


def test_a_slot_of_only_what_remains_says_so(clock) -> None:
    world = in_session(caucus_remainder_action="prompt_chair")
    carry(world, moderated(world.france, total=300, speaker=60))
    clock.advance(260)
    recognise(world, world.brazil)
    event = FloorEvent.objects.get(kind=EventKind.CAUCUS_SPEAKER_RECOGNISED)
    assert describe_event(event, "en") == "Caucus: Brazil recognised for 40 s (only what remains)"


def carry_by_vote(world: World, code: str, **values: object) -> MotionVoteClosed:
    """France moves, China seconds, the room carries the motion 3–0: the vote's payload."""
    motion_id = raise_seconded(world.committee, world.france, world.china, code, **values)
    motions.motion_vote_open(
        committee=world.committee, user=world.chair, motion_id=motion_id, by_phone=False
    )
    motions.motion_vote_close(committee=world.committee, user=world.chair, yes=3, no=0)
    event = FloorEvent.objects.filter(committee=world.committee).latest("seq")
    assert event.kind == EventKind.MOTION_VOTE_CLOSED
    return decode_value(event.payload, MotionVoteClosed)


def test_a_caucus_started_or_extended_by_a_vote_is_logged_as_the_vote(clock) -> None:
    world = in_session()
    started = carry_by_vote(
        world, "moderated_caucus", total_seconds=600, speaker_seconds=60, topic="Mandates"
    )
    assert (started.passed, started.effect, started.effect_error) == (
        True,
        Effect.START_MODERATED,
        {},
    )
    assert doc_of(world.committee).phase == Phase.MOD_CAUCUS
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    extended = carry_by_vote(world, "extend_caucus", total_seconds=60)
    assert (extended.passed, extended.effect, extended.effect_error) == (
        True,
        Effect.EXTEND_CAUCUS,
        {},
    )
    assert doc_of(world.committee).caucus.extensions_used == 1


# ---- speeches ------------------------------------------------------------------------------------


def test_a_slot_ended_by_the_chair_is_a_caucus_speech_without_its_pauses(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    clock.advance(10)
    recognise(world, world.china)
    clock.advance(20)
    caucuses.caucus_pause(committee=world.committee, user=world.chair)
    clock.advance(100)  # a point of order: not the speaker's time
    caucuses.caucus_resume(committee=world.committee, user=world.chair)
    clock.advance(15)
    slot_end(world)
    speech = Speech.objects.get()
    assert speech.kind == Speech.Kind.CAUCUS
    assert speech.delegation == world.china
    assert speech.committee == world.committee
    assert speech.session == Session.objects.get(committee=world.committee, number=1)
    assert speech.started_at == T0 + timedelta(seconds=10)
    assert speech.ended_at == T0 + timedelta(seconds=145)
    assert speech.seconds == 35
    assert speech.yielded_to == "" and speech.yielded_to_delegation is None


def test_recognising_the_next_speaker_records_the_slot_before(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    recognise(world, world.china)
    clock.advance(30)
    recognise(world, world.brazil)
    assert speeches() == [("China", 30)]
    clock.advance(45)
    slot_end(world)
    assert speeches() == [("China", 30), ("Brazil", 45)]


def test_a_slot_that_ran_out_ends_when_its_clock_did(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    recognise(world, world.china)
    clock.advance(75)  # the chair ends the slot 15 s late
    slot_end(world)
    speech = Speech.objects.get()
    assert (speech.seconds, speech.ended_at) == (60, T0 + timedelta(seconds=60))


@pytest.mark.parametrize("reason", ["chair", "no_speakers"])
def test_ending_the_caucus_under_a_speaker_records_the_slot(clock, reason: str) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    recognise(world, world.china)
    clock.advance(25)
    caucuses.caucus_end(committee=world.committee, user=world.chair, reason=reason)
    assert speeches() == [("China", 25)]
    assert doc_of(world.committee).caucus.ended


def test_a_caucus_that_runs_out_under_a_speaker_records_the_slot_to_its_end(clock) -> None:
    world = in_session(caucus_remainder_action="prompt_chair")
    carry(world, moderated(world.france, total=300, speaker=60))
    clock.advance(270)
    recognise(world, world.china)  # only 30 s remain
    clock.advance(50)
    with pytest.raises(ProcedureError):  # the phone's action ends the caucus instead
        caucuses.caucus_placard_raise(committee=world.committee, delegation=world.brazil)
    speech = Speech.objects.get()
    assert (speech.seconds, speech.ended_at) == (30, T0 + timedelta(seconds=300))
    ended = FloorEvent.objects.get(kind=EventKind.CAUCUS_ENDED)
    assert ended.rows and ended.payload["reason"] == "time_up"


def test_a_carried_motion_that_ends_the_caucus_records_the_slot(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    recognise(world, world.china)
    clock.advance(20)
    carry(world, unmoderated(world.brazil))
    assert speeches() == [("China", 20)]
    assert doc_of(world.committee).caucus.kind is CaucusKind.UNMODERATED


def test_a_round_robin_turn_is_a_caucus_speech(clock) -> None:
    world = in_session(round_robin_enabled=True)
    robin = Motion("m4", MotionCode.ROUND_ROBIN, str(world.france.pk), 4, None, 30, "Views")
    carry(world, robin)
    recognise(world, world.brazil)  # the first present delegation in roll order
    clock.advance(28)
    slot_end(world)
    assert speeches() == [("Brazil", 28)]


def test_no_speech_is_recorded_when_nobody_speaks(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=600))
    clock.advance(300)
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    carry(world, moderated(world.france, total=600, speaker=60))
    recognise(world, world.china)
    clock.advance(30)
    slot_end(world)
    clock.advance(5)
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    assert speeches() == [("China", 30)]
    ended = FloorEvent.objects.filter(kind=EventKind.CAUCUS_ENDED)
    assert [event.rows for event in ended] == [[], []]


@pytest.mark.parametrize("ends_the_slot", ["slot_end", "next_speaker", "caucus_end"])
def test_undo_takes_the_slots_speech_back(clock, ends_the_slot: str) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    recognise(world, world.china)
    clock.advance(30)
    if ends_the_slot == "slot_end":
        slot_end(world)
    elif ends_the_slot == "next_speaker":
        recognise(world, world.brazil)
    else:
        caucuses.caucus_end(committee=world.committee, user=world.chair)
    assert speeches() == [("China", 30)]
    floor_services.floor_undo(committee=world.committee, user=world.chair)
    assert speeches() == []
    assert doc_of(world.committee).caucus.current == str(world.china.pk)


# ---- the demo morning ----------------------------------------------------------------------------


@pytest.fixture
def c34(settings) -> Committee:
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
    call_command("seed_demo", stdout=StringIO())
    return Committee.objects.get(slug="c34")


def test_the_demo_mornings_caucus_speeches_are_the_scripted_ones(c34: Committee) -> None:
    summary = day.play_c34_morning(c34, get_user_model().objects.create_user("a-chair"))
    scripted = [
        (s.session, s.delegation, s.seconds) for s in summary.speeches if s.kind == "caucus"
    ]
    recorded = [
        (s.session.number, s.delegation.name, s.seconds)
        for s in Speech.objects.filter(committee=c34, kind=Speech.Kind.CAUCUS)
        .select_related("session", "delegation")
        .order_by("started_at")
    ]
    assert len(scripted) == 8
    assert recorded == scripted
