"""Caucuses on the live floor: started by motion, run by the dais, joined from phones.

procedure.md §2.3 (moderated), §2.4 (unmoderated), §2.5 (extensions), §8.9 (remainder). The
rules themselves are tested without a database in tests/procedure/test_caucus_floor.py; these
tests are about what the services add: the lock, the log, names in refusals, the automatic end.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from committee.floor import decode_value
from committee.log.describe import describe_event
from committee.models import FloorEvent
from committee.procedure.caucuses import CaucusEndReason, CaucusKind
from committee.procedure.choices import MoverChoice
from committee.procedure.errors import ProcedureError
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts.caucus import CaucusSpeakerRecognised
from committee.procedure.phases import Phase
from committee.services import caucuses
from tests.committee.floor_caucus_helpers import (  # noqa: F401 (clock_fixture is a fixture)
    carry,
    clock_fixture,
    doc_of,
    extension,
    in_session,
    moderated,
    unmoderated,
)
from tests.committee.floor_clock import T0

pytestmark = pytest.mark.django_db


def last_event() -> FloorEvent:
    return FloorEvent.objects.order_by("-seq").first()


def last_payload() -> object:
    """The newest event's typed payload."""
    event = last_event()
    return decode_value(event.payload, payload_type(EventKind(event.kind)))


# ---- starting a caucus by motion -----------------------------------------------------------------


def test_a_carried_moderated_caucus_motion_starts_the_caucus(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60, topic="Mandates"))
    doc = doc_of(world.committee)
    assert doc.phase is Phase.MOD_CAUCUS
    assert doc.caucus.kind is CaucusKind.MODERATED
    assert doc.caucus.topic == "Mandates"
    assert doc.caucus.mover == str(world.france.pk)
    assert doc.caucus.total.deadline == T0 + timedelta(seconds=600)
    assert doc.caucus.speaker_seconds == 60


# ---- placards --------------------------------------------------------------------------------


def test_an_absent_delegation_cannot_raise_its_placard(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france))
    with pytest.raises(ProcedureError) as info:
        caucuses.caucus_placard_raise(committee=world.committee, delegation=world.kenya)
    assert info.value.code == "not_present"
    assert info.value.facts["delegation"] == "Kenya"
    assert doc_of(world.committee).raised_placards == ()


# ---- recognising speakers ------------------------------------------------------------------------


def test_recognising_gives_a_slot_and_takes_the_placard_down(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    clock.advance(10)
    caucuses.caucus_recognise(
        committee=world.committee, user=world.chair, delegation_id=world.china.pk
    )
    doc = doc_of(world.committee)
    assert doc.caucus.current == str(world.china.pk)
    assert doc.caucus.slot.deadline == T0 + timedelta(seconds=70)
    assert doc.raised_placards == ()
    assert last_payload() == CaucusSpeakerRecognised(world.china.pk, 60, shortened=False)


def test_a_mover_who_speaks_first_must_be_recognised_first(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france), mover_choice=MoverChoice.FIRST)
    with pytest.raises(ProcedureError) as info:
        caucuses.caucus_recognise(
            committee=world.committee, user=world.chair, delegation_id=world.china.pk
        )
    assert info.value.code == "not_your_turn"
    assert info.value.facts["expected"] == "France"


# ---- pausing and ending ----------------------------------------------------------------------


def test_the_chair_ends_a_caucus_early_and_the_committee_returns_to_the_gsl(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=900))
    clock.advance(420)
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    doc = doc_of(world.committee)
    assert doc.phase is Phase.GSL
    assert doc.caucus.ended_at == T0 + timedelta(seconds=420)
    assert doc.last_ended_caucus.total_seconds == 900
    event = last_event()
    assert event.kind == "caucus_ended"
    assert last_payload().reason is CaucusEndReason.CHAIR
    assert last_payload().ended_at == T0 + timedelta(seconds=420)
    assert "ended at 17:07:00" in describe_event(event, "en")  # Asia/Shanghai, the local time
    with pytest.raises(ProcedureError) as info:
        caucuses.caucus_end(committee=world.committee, user=world.chair)
    assert info.value.code == "caucus_ended"


def test_the_caucus_ends_by_itself_when_less_than_a_slot_remains(clock) -> None:
    """§8.9 default (caucus_remainder_action=end): the next caucus action ends it."""
    world = in_session()
    carry(world, moderated(world.france, total=300, speaker=60))
    caucuses.caucus_placard_raise(committee=world.committee, delegation=world.brazil)
    clock.advance(250)
    with pytest.raises(ProcedureError) as info:
        caucuses.caucus_recognise(
            committee=world.committee, user=world.chair, delegation_id=world.brazil.pk
        )
    assert info.value.code == "caucus_ended"
    doc = doc_of(world.committee)
    assert doc.phase is Phase.GSL
    assert doc.caucus.ended and doc.raised_placards == ()
    assert last_payload().reason is CaucusEndReason.REMAINDER


def test_an_expired_caucus_is_recorded_as_ending_at_its_deadline(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=600))
    clock.advance(700)  # nobody touched anything for 100 s after time ran out
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    doc = doc_of(world.committee)
    assert doc.caucus.ended_at == T0 + timedelta(seconds=600)
    assert last_payload().reason is CaucusEndReason.TIME_UP
    assert last_payload().ended_at == T0 + timedelta(seconds=600)
    assert "ended at 17:10:00 (time up)" in describe_event(last_event(), "en")


def test_a_phone_action_on_an_expired_caucus_ends_it(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=300, speaker=60))
    clock.advance(301)
    with pytest.raises(ProcedureError):
        caucuses.caucus_placard_raise(committee=world.committee, delegation=world.china)
    assert doc_of(world.committee).phase is Phase.GSL
    assert last_event().kind == "caucus_ended"
    assert last_event().actor_delegation == world.china


# ---- extensions (§2.5) ---------------------------------------------------------------------------


def test_an_extension_restarts_the_caucus_that_just_ended(clock) -> None:
    world = in_session()
    carry(world, moderated(world.france, total=600, speaker=60))
    clock.advance(600)
    caucuses.caucus_end(committee=world.committee, user=world.chair)
    clock.advance(30)
    restarted = carry(world, extension(world.china, 300))
    doc = doc_of(world.committee)
    assert doc.phase is Phase.MOD_CAUCUS
    assert not doc.caucus.ended
    assert doc.caucus.total.deadline == clock.now + timedelta(seconds=300)
    assert doc.caucus.extensions_used == 1
    assert doc.last_ended_caucus is None
    assert restarted is True


def test_a_running_caucus_is_extended_in_place(clock) -> None:
    world = in_session()
    carry(world, unmoderated(world.china, total=600))
    clock.advance(500)
    assert carry(world, extension(world.france, 300)) is False  # extended, not restarted
    doc = doc_of(world.committee)
    assert doc.caucus.total.deadline == T0 + timedelta(seconds=900)
    assert doc.phase is Phase.UNMOD_CAUCUS


# ---- an unmoderated caucus's return time --------------------------------------------------------


def test_an_unmoderated_caucus_returns_by_its_deadline_in_the_committees_time(clock) -> None:
    from committee.selectors import FloorView

    world = in_session()
    carry(world, unmoderated(world.china, total=900))
    panel = FloorView(world.committee).caucus_panel
    assert panel.return_by == T0 + timedelta(seconds=900)
    caucuses.caucus_pause(committee=world.committee, user=world.chair)
    assert FloorView(world.committee).caucus_panel.return_by is None
