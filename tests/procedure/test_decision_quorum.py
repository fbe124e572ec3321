"""The decision quorum decides whether a substantive vote may be taken (procedure.md §1.3, §8.2):
with it lost, substantive votes are refused and procedural votes still run."""

from __future__ import annotations

from dataclasses import replace

import pytest

from committee.procedure.attendance import (
    Attendee,
    DelegationKind,
    RollStatus,
    announce_numbers,
    decision_quorum_holds,
    decision_quorum_required,
)
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice, snapshot_electorate
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.motion_effects import phone_outcome, placard_outcome
from committee.procedure.parameters import SIMPLE_PRESENT, SIMPLE_PV, Parameters
from committee.procedure.profiles import PROFILE_NAMES
from committee.procedure.rollcall import announce, answer, start_roll_call
from committee.procedure.voting import (
    ElectronicBallot,
    close_ballot,
    decide_votes,
    require_substantive_quorum,
)
from tests.procedure.helpers import T0, c34_attendance, member, observer, params

Y, N = VoteChoice.YES, VoteChoice.NO


def snapshot(
    p: Parameters, present: int, *, substantive: bool = True, membership: int = 34
) -> ElectorateSnapshot:
    people = [member(f"M{i:02d}") for i in range(present)]
    people += [member(f"M{i:02d}", RollStatus.ABSENT) for i in range(present, membership)]
    return snapshot_electorate(p, membership, people, substantive=substantive, now=T0)


def all_yes(snap: ElectorateSnapshot) -> dict[str, VoteChoice]:
    return dict.fromkeys(snap.ids, Y)


def refusal(command: object, *args: object) -> ProcedureError:
    with pytest.raises(ProcedureError) as info:
        command(*args)  # type: ignore[operator]
    return info.value


# ---- the edge of each profile's fraction --------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_a_substantive_vote_is_decided_with_exactly_the_decision_quorum(profile: str) -> None:
    """C34: 34 members, a majority is 18 (§1.3)."""
    p = params(profile)
    required = decision_quorum_required(p, 34)
    assert required == 18
    snap = snapshot(p, required)
    result = decide_votes(p, snap, all_yes(snap), p.substantive_threshold)
    assert result.passed
    assert result.outcome.tally.yes == 18


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_one_member_below_the_decision_quorum_refuses_the_substantive_vote(profile: str) -> None:
    p = params(profile)
    snap = snapshot(p, decision_quorum_required(p, 34) - 1)
    error = refusal(decide_votes, p, snap, all_yes(snap), p.substantive_threshold)
    assert error.code == ErrorCode.DECISION_QUORUM_LOST
    assert error.facts == {"members_present": 17, "required": 18}


@pytest.mark.parametrize(
    ("fraction", "membership", "required"),
    [("1/2", 5, 3), ("1/2", 6, 4), ("2/3", 34, 23), ("1/3", 9, 4)],
)
def test_the_edge_follows_the_configured_fraction(
    fraction: str, membership: int, required: int
) -> None:
    """ "More than" the fraction of the membership: floor(f·n) + 1."""
    p = params(quorum_decision_fraction=fraction)
    assert decision_quorum_required(p, membership) == required
    at_quorum = snapshot(p, required, membership=membership)
    assert decide_votes(p, at_quorum, all_yes(at_quorum), SIMPLE_PV).passed
    below = snapshot(p, required - 1, membership=membership)
    error = refusal(require_substantive_quorum, p, below)
    assert error.code == ErrorCode.DECISION_QUORUM_LOST
    assert error.facts == {"members_present": required - 1, "required": required}


def test_the_refusal_comes_before_any_answer_is_looked_at() -> None:
    """Without a quorum nothing is decided, whatever was voted."""
    p = params()
    snap = snapshot(p, 10)
    error = refusal(decide_votes, p, snap, {}, SIMPLE_PV)
    assert error.code == ErrorCode.DECISION_QUORUM_LOST


def test_the_quorum_counts_the_frozen_electorate_not_the_room_now() -> None:
    """Doors closed: only those admitted when voting procedure began are in the snapshot, so a
    room that is full now still has no quorum for the vote if too few were admitted."""
    p = params()
    people = c34_attendance(30)
    admitted = frozenset(f"M{i:02d}" for i in range(17))
    snap = snapshot_electorate(p, 34, people, substantive=True, now=T0, admitted=admitted)
    assert refusal(require_substantive_quorum, p, snap).code == ErrorCode.DECISION_QUORUM_LOST


def test_only_member_states_in_the_snapshot_count() -> None:
    """Quorum counts Member States (§1.3): an observer slipped into a snapshot adds nothing."""
    p = params()
    snap = snapshot(p, 17)
    with_observer = replace(
        snap,
        voters=(
            *snap.voters,
            replace(snap.voters[0], delegation_id="O00", kind=DelegationKind.OBSERVER),
        ),
    )
    error = refusal(require_substantive_quorum, p, with_observer)
    assert error.facts == {"members_present": 17, "required": 18}


# ---- procedural votes are not checked -----------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_a_procedural_vote_is_decided_without_the_decision_quorum(profile: str) -> None:
    p = params(profile)
    snap = snapshot(p, 12, substantive=False)
    require_substantive_quorum(p, snap)
    result = decide_votes(p, snap, all_yes(snap), SIMPLE_PRESENT)
    assert result.passed
    assert result.outcome.base_size == 12


def test_motion_votes_by_phone_and_placard_still_run_without_the_quorum() -> None:
    """The callers of the engine's procedural votes: a motion's phone vote goes through
    ``close_ballot`` → ``decide_votes``; a placard vote is counted by ``placard_outcome``."""
    p = params()
    snap = snapshot(p, 12, substantive=False)
    assert phone_outcome(p, snap, SIMPLE_PRESENT, all_yes(snap)).passed
    assert placard_outcome(p, snap, SIMPLE_PRESENT, 12, 0).passed


# ---- the callers of decide_votes on substance --------------------------------------------------


def test_an_electronic_ballot_on_substance_cannot_be_closed_without_the_quorum() -> None:
    p = params()
    snap = snapshot(p, 17)
    ballot = ElectronicBallot(snap, SIMPLE_PV, all_yes(snap))
    error = refusal(lambda: close_ballot(p, ballot, accept_missing=True))
    assert error.code == ErrorCode.DECISION_QUORUM_LOST


def test_a_roll_call_on_substance_cannot_be_announced_without_the_quorum() -> None:
    p = params()
    snap = snapshot(p, 17)
    call, _order = start_roll_call(p, snap, SIMPLE_PV, list(snap.ids))
    for delegation in snap.ids:
        call = answer(p, call, delegation, N)
    error = refusal(announce, p, call)
    assert error.code == ErrorCode.DECISION_QUORUM_LOST


# ---- the banner's question ----------------------------------------------------------------------


@pytest.mark.parametrize("profile", PROFILE_NAMES)
def test_decision_quorum_holds_agrees_with_the_announced_numbers(profile: str) -> None:
    p = params(profile)
    for present in range(35):
        people = c34_attendance(present)
        numbers = announce_numbers(p, 34, people)
        assert decision_quorum_holds(p, people, 34) is numbers.quorum_decision_met
        assert decision_quorum_holds(p, people, 34) is (present >= 18)


def test_observers_and_those_held_at_the_door_do_not_make_the_quorum() -> None:
    p = params()
    people: list[Attendee] = c34_attendance(17, observers=5)
    assert not decision_quorum_holds(p, people, 34)
    people[17] = replace(member("M17"), held_at_door=True)  # arrived during voting procedure
    assert not decision_quorum_holds(p, people, 34)
    assert not decision_quorum_holds(p, [*people, observer("O99")], 34)
    people[17] = member("M17")
    assert decision_quorum_holds(p, people, 34)
