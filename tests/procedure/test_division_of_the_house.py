"""THIMUN's division of the house: every member must vote For or Against, whatever its roll
status; nobody abstains (procedure.md §3.2 V6, §6.3)."""

from __future__ import annotations

import pytest

from committee.procedure.attendance import RollStatus
from committee.procedure.electorate import (
    ElectorateSnapshot,
    VoteChoice,
    check_choice,
    snapshot_electorate,
)
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.parameters import SIMPLE_PRESENT, SIMPLE_PV, Parameters
from committee.procedure.rollcall import (
    announce,
    answer,
    refuse_in_round_two,
    start_roll_call,
    start_round_two,
)
from committee.procedure.voting import decide_votes
from tests.procedure.helpers import T0, c34_attendance, params

Y, N, A, PASS = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN, VoteChoice.PASS


def division(p: Parameters, *, substantive: bool = True, pv: int = 0) -> ElectorateSnapshot:
    """30 of C34's members present, the first `pv` of them P&V, as a division of the house."""
    people = c34_attendance(30, pv=pv)
    return snapshot_electorate(
        p, 34, people, substantive=substantive, now=T0, abstentions_allowed=False
    )


def test_no_voter_may_abstain_or_abstains_by_default() -> None:
    p = params("thimun", present_means="auto_abstain")
    snap = division(p, pv=10)
    assert snap.size == 30
    assert {v.status for v in snap.voters} == {
        RollStatus.PRESENT,
        RollStatus.PRESENT_AND_VOTING,
    }
    assert not any(v.may_abstain for v in snap.voters)
    assert not any(v.auto_abstains for v in snap.voters)


def test_a_present_member_may_not_abstain_in_a_division_of_the_house() -> None:
    p = params("thimun")
    ordinary = snapshot_electorate(p, 34, c34_attendance(30), substantive=True, now=T0)
    assert check_choice(p, ordinary, "M00", A).status is RollStatus.PRESENT
    with pytest.raises(ProcedureError) as info:
        check_choice(p, division(p), "M00", A)
    assert info.value.code == ErrorCode.ABSTENTION_NOT_ALLOWED
    assert info.value.facts == {"delegation": "M00"}
    assert check_choice(p, division(p), "M00", Y).delegation_id == "M00"


def test_decide_votes_refuses_an_abstention_and_counts_only_for_and_against() -> None:
    p = params("thimun")
    snap = division(p)
    with pytest.raises(ProcedureError) as info:
        decide_votes(p, snap, {"M00": Y, "M01": A}, SIMPLE_PV)
    assert info.value.code == ErrorCode.ABSTENTION_NOT_ALLOWED
    votes = {d: (Y if i < 16 else N) for i, d in enumerate(snap.ids)}
    result = decide_votes(p, snap, votes, SIMPLE_PV)
    assert (result.outcome.tally.yes, result.outcome.tally.no) == (16, 14)
    assert result.outcome.tally.abstain == 0
    assert result.passed


def test_a_silent_present_member_did_not_vote_rather_than_abstained() -> None:
    """With ``present_means=auto_abstain`` a silent Present member abstains in an ordinary vote;
    in a division of the house there are no abstentions, so it did not vote."""
    p = params("thimun", present_means="auto_abstain")
    ordinary = snapshot_electorate(p, 34, c34_attendance(30), substantive=True, now=T0)
    assert decide_votes(p, ordinary, {"M00": Y}, SIMPLE_PV).outcome.tally.abstain == 29
    result = decide_votes(p, division(p), {"M00": Y}, SIMPLE_PV)
    assert result.outcome.tally.abstain == 0
    assert result.outcome.tally.not_voting == 29
    assert len(result.not_voting) == 29


def test_procedural_abstention_is_off_too_where_the_profile_allows_it() -> None:
    """un_ga lets members abstain on procedural votes; not in a division of the house."""
    p = params("un_ga")
    ordinary = snapshot_electorate(p, 34, c34_attendance(30), substantive=False, now=T0)
    assert decide_votes(p, ordinary, {"M00": A}, SIMPLE_PRESENT).outcome.tally.abstain == 1
    with pytest.raises(ProcedureError) as info:
        decide_votes(p, division(p, substantive=False), {"M00": A}, SIMPLE_PRESENT)
    assert info.value.code == ErrorCode.ABSTENTION_NOT_ALLOWED


def test_a_passer_who_still_will_not_answer_is_not_turned_into_an_abstention() -> None:
    """``second_pass_policy=abstain`` abstains a Present passer only if it may abstain (§8.30)."""
    p = params("thimun", second_pass_policy="abstain")
    snap = division(p)
    call, _order = start_roll_call(p, snap, SIMPLE_PV, list(snap.ids))
    call = answer(p, call, "M00", PASS)
    for delegation in snap.ids[1:]:
        call = answer(p, call, delegation, Y)
    call = refuse_in_round_two(p, start_round_two(call), "M00")
    assert call.violations == ("M00",)
    _call, result = announce(p, call)
    assert result.not_voting == ("M00",)
    assert result.outcome.tally.abstain == 0
