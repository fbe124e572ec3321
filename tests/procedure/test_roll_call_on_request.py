"""A roll-call vote on request (procedure.md §3.2 V3, §6.3, `roll_call_on_request`): in the
GA any member may ask for one and there is no vote on the request; elsewhere it is a motion put
to a procedural vote."""

from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure import voting_floor
from committee.procedure.attendance import RollStatus
from committee.procedure.choices import MotionCode
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.motions import MotionDecision, MotionRaised, MotionRuled
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.motion_registry import Effect
from committee.procedure.motions import MotionStatus, spec_for
from committee.procedure.motions_floor import open_vote, raise_motion, record_second, rule_on_motion
from committee.procedure.parameters import SIMPLE_PRESENT, Parameters
from committee.procedure.phases import Phase
from committee.procedure.sitting import open_session
from committee.procedure.voting import VotingTrigger
from tests.procedure.helpers import T0, at, member, params

ROOM = ("1", "2", "3", "4")
DR = "12"


def test_under_un_ga_the_request_takes_no_vote_and_no_second() -> None:
    spec = spec_for(params("un_ga"), MotionCode.ROLL_CALL_VOTE)
    assert spec.threshold is None
    assert not spec.needs_second
    assert spec.effect is Effect.ROLL_CALL


@pytest.mark.parametrize("profile", ["cn_common", "una_usa", "hmun", "nmun", "thimun"])
def test_elsewhere_it_is_a_seconded_motion_carried_by_a_simple_majority(profile: str) -> None:
    spec = spec_for(params(profile), MotionCode.ROLL_CALL_VOTE)
    assert spec.threshold == SIMPLE_PRESENT
    assert spec.needs_second


def test_the_parameter_alone_makes_it_a_request_even_where_motions_are_seconded() -> None:
    rules = params("cn_common", roll_call_on_request=True)
    assert rules.motions_require_second
    spec = spec_for(rules, MotionCode.ROLL_CALL_VOTE)
    assert spec.threshold is None
    assert not spec.needs_second
    # Only the roll-call request changes: the other voting-procedure motions are still voted.
    assert spec_for(rules, MotionCode.DIVIDE_QUESTION).threshold == SIMPLE_PRESENT
    assert spec_for(rules, MotionCode.DIVIDE_QUESTION).needs_second


def in_voting(rules: Parameters) -> tuple[FloorDoc, str]:
    """Session 1 in voting procedure on DR 12, with a roll-call vote on it requested by "1"."""
    floor = open_session(FloorDoc(), 1).floor
    floor = replace(
        floor,
        phase=Phase.VOTING_PROCEDURE,
        attendance={key: Mark(RollStatus.PRESENT, T0) for key in ROOM},
    )
    papers = [voting_floor.DrPaper(DR, operative=("c1", "c2"))]
    attendees = [member(key) for key in ROOM]
    floor = voting_floor.begin(floor, rules, VotingTrigger.CLOSURE, attendees, papers, at(1))
    raised = raise_motion(floor, rules, MotionCode.ROLL_CALL_VOTE, "1", at(2), target=DR)
    assert isinstance(raised.facts, MotionRaised)
    return raised.floor, raised.facts.motion


def opened(floor: FloorDoc, rules: Parameters, motion_id: str) -> FloorDoc:
    return open_vote(
        floor,
        rules,
        motion_id,
        at(10),
        by_phone=False,
        membership=len(ROOM),
        attendees=[member(key) for key in ROOM],
    ).transition.floor


def test_un_ga_the_request_ruled_in_order_is_carried_without_a_vote() -> None:
    rules = params("un_ga")
    floor, request = in_voting(rules)
    ruled = rule_on_motion(floor, rules, request, MotionDecision.IN_ORDER, at(5))
    assert ruled.floor.motions.get(request).status is MotionStatus.CARRIED
    # No procedural vote on the request, and no question put on the draft resolution yet.
    assert ruled.floor.vote is None
    assert ruled.floor.motion_result is None
    assert ruled.floor.voting is not None and ruled.floor.voting.question is None
    assert isinstance(ruled.facts, MotionRuled)
    assert not ruled.facts.appealable  # the floor moved on: nothing is left to appeal


def test_un_ga_the_request_is_never_put_to_a_vote() -> None:
    rules = params("un_ga")
    floor, request = in_voting(rules)
    with pytest.raises(ProcedureError) as info:
        opened(floor, rules, request)
    assert info.value.code == ErrorCode.MOTION_NOT_VOTED
    assert info.value.facts == {"motion": "roll_call_vote"}


def test_cn_common_the_motion_ruled_in_order_waits_for_its_vote() -> None:
    rules = params("cn_common")
    floor, request = in_voting(rules)
    ruled = rule_on_motion(floor, rules, request, MotionDecision.IN_ORDER, at(5)).floor
    assert ruled.motions.get(request).status is MotionStatus.PENDING
    with pytest.raises(ProcedureError) as info:
        opened(ruled, rules, request)
    assert info.value.code == ErrorCode.MOTION_NEEDS_SECOND
    seconded = record_second(ruled, rules, request, "2").floor
    voting = opened(seconded, rules, request)
    assert voting.vote is not None and voting.vote.motion_id == request
    assert voting.motions.get(request).status is MotionStatus.VOTING
