"""Shared set-up for the caucus tests: a committee in session, a clock, caucuses by motion."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from committee.floor import decode
from committee.models import Committee, Delegation, Floor
from committee.procedure import caucus_floor
from committee.procedure.choices import MotionCode, MoverChoice
from committee.procedure.facts import EventKind
from committee.procedure.facts.motions import MotionVoteClosed
from committee.procedure.floor import FloorDoc
from committee.procedure.motion_registry import Effect
from committee.procedure.motions import Motion
from committee.procedure.thresholds import Verdict
from committee.services import floor as floor_services
from committee.services.floor import floor_action
from tests import factories
from tests.committee.floor_clock import Clock, start_clock


@pytest.fixture(name="clock")
def clock_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    yield start_clock(monkeypatch)


@dataclass
class World:
    committee: Committee
    chair: object
    france: Delegation
    china: Delegation
    brazil: Delegation
    kenya: Delegation  # absent


def in_session(committee: Committee | None = None, **overrides: object) -> World:
    """A committee in formal debate: France, China and Brazil present, Kenya absent."""
    committee = committee or factories.committee()
    if overrides:
        committee.rules_overrides = overrides
        committee.save(update_fields=["rules_overrides"])
    brazil, china, france, kenya = factories.delegations(
        committee, ["Brazil", "China", "France", "Kenya"]
    )
    chair = factories.dais_user(committee)
    floor_services.session_open(committee=committee, user=chair)
    floor_services.roll_call_start(committee=committee, user=chair)
    for delegation in (france, china, brazil):
        floor_services.attendance_set(
            committee=committee, delegation_id=delegation.pk, status="present", user=chair
        )
    floor_services.roll_call_close(committee=committee, user=chair)
    return World(committee, chair, france, china, brazil, kenya)


def moderated(mover: Delegation, total: int = 600, speaker: int = 60, topic: str = "Mandates"):
    return Motion("m1", MotionCode.MODERATED_CAUCUS, str(mover.pk), 1, total, speaker, topic)


def unmoderated(mover: Delegation, total: int = 900, topic: str = "Drafting"):
    return Motion("m2", MotionCode.UNMODERATED_CAUCUS, str(mover.pk), 2, total, None, topic)


def extension(mover: Delegation, seconds: int) -> Motion:
    return Motion("m3", MotionCode.EXTEND_CAUCUS, str(mover.pk), 3, seconds)


EFFECTS = {
    MotionCode.MODERATED_CAUCUS: Effect.START_MODERATED,
    MotionCode.UNMODERATED_CAUCUS: Effect.START_UNMODERATED,
    MotionCode.ROUND_ROBIN: Effect.START_ROUND_ROBIN,
    MotionCode.EXTEND_CAUCUS: Effect.EXTEND_CAUCUS,
}


def carried(motion: Motion) -> MotionVoteClosed:
    """The motions service's record of a caucus motion carried unanimously by three."""
    return MotionVoteClosed(
        motion=motion.id,
        code=motion.code,
        movers=(int(motion.mover),),
        by_phone=False,
        yes=3,
        no=0,
        not_voting=0,
        passed=True,
        verdict=Verdict.ADOPTED,
        required_yes=2,
        base_size=3,
        effect=EFFECTS[motion.code],
    )


def carry(world: World, motion: Motion, mover_choice: MoverChoice | None = None) -> bool:
    """What closing the vote does when a caucus motion carries: the engine starts or extends
    the caucus, and the vote's facts are logged. For an extension, whether it restarted a
    caucus that had ended."""
    with floor_action(
        world.committee, kind=EventKind.MOTION_VOTE_CLOSED, user=world.chair
    ) as action:
        if motion.code is MotionCode.EXTEND_CAUCUS:
            restarted = caucus_floor.extension_restarts(action.doc)
            transition = caucus_floor.extend(action.doc, action.params, motion, action.now)
        else:
            restarted = False
            transition = caucus_floor.start(
                action.doc,
                action.params,
                motion,
                action.now,
                roll_order=list(action.delegations),
                mover_choice=mover_choice,
            )
        action.apply(replace(transition, facts=carried(motion)))
    return restarted


def doc_of(committee: Committee) -> FloorDoc:
    return decode(Floor.objects.get(pk=committee.pk).state)
