from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.procedure.attendance import RollStatus
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice, snapshot_electorate
from committee.procedure.errors import ProcedureError
from committee.procedure.parameters import Parameters
from committee.procedure.rollcall import (
    RollCall,
    announce,
    answer,
    call_order,
    change_vote,
    refuse_in_round_two,
    start_roll_call,
    start_round_two,
)
from tests.procedure.helpers import T0, member, observer, params

Y, N, A, PASS = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN, VoteChoice.PASS
YR, NR = VoteChoice.YES_WITH_RIGHTS, VoteChoice.NO_WITH_RIGHTS
NAMES = ["Argentina", "Brazil", "China", "Denmark"]


def snapshot(p: Parameters) -> ElectorateSnapshot:
    people = [
        member("Argentina"),
        member("Brazil", RollStatus.PRESENT_AND_VOTING),
        member("China"),
        member("Denmark", RollStatus.PRESENT_AND_VOTING),
        observer("Holy See"),
    ]
    return snapshot_electorate(p, 4, people, substantive=True, now=T0)


def begin(p: Parameters) -> RollCall:
    call, _ = start_roll_call(p, snapshot(p), p.substantive_threshold, NAMES)
    return call


def test_round_one_calls_the_snapshot_in_order() -> None:
    """procedure.md §6.4 round 1; observers are not in a substantive snapshot."""
    p = params()
    call = begin(p)
    assert call.order == tuple(NAMES)
    with pytest.raises(ProcedureError) as info:
        answer(p, call, "Brazil", Y)
    assert info.value.code == "not_your_turn"
    with pytest.raises(ProcedureError) as info:
        answer(p, call, "Holy See", Y)
    assert info.value.code == "not_in_snapshot"
    call = answer(p, call, "Argentina", A)
    with pytest.raises(ProcedureError) as info:
        answer(p, call, "Argentina", Y)
    assert info.value.code == "already_voted"


@pytest.mark.parametrize("profile", ["cn_common", "una_usa", "thimun", "un_ga"])
def test_edge_29_abstention_by_a_present_and_voting_delegation_is_refused(profile: str) -> None:
    """procedure.md §8.29: refused; the delegation is asked again (the call is unchanged)."""
    p = params(profile)
    call = answer(p, begin(p), "Argentina", Y)
    with pytest.raises(ProcedureError) as info:
        answer(p, call, "Brazil", A)
    assert info.value.code == "abstention_not_allowed"
    assert call.awaiting[0] == "Brazil"
    assert answer(p, call, "Brazil", N).answers["Brazil"] is N


def finish_round_one(p: Parameters, choices: list[VoteChoice]) -> RollCall:
    call = begin(p)
    for name, choice in zip(NAMES, choices, strict=True):
        call = answer(p, call, name, choice)
    return call


@pytest.mark.parametrize(
    ("policy", "who", "recorded"),
    [("not_voting", "China", None), ("abstain", "China", A), ("abstain", "Brazil", None)],
)
def test_edge_30_a_delegation_that_passes_twice(
    policy: str, who: str, recorded: VoteChoice | None
) -> None:
    """procedure.md §8.30: round 2 accepts only Yes/No; a refusal is recorded as not voting (a
    violation) or, under "abstain", as an abstention only for a Present member."""
    p = params(second_pass_policy=policy)
    choices = [Y, PASS, PASS, N]
    call = start_round_two(finish_round_one(p, choices))
    assert call.awaiting == ("Brazil", "China")
    for bad, code in ((PASS, "pass_not_allowed"), (A, "abstention_not_allowed")):
        with pytest.raises(ProcedureError) as info:
            answer(p, call, "Brazil", bad)
        assert info.value.code == code
    other = "China" if who == "Brazil" else "Brazil"
    if who == "Brazil":
        call = refuse_in_round_two(p, call, "Brazil")
        call = answer(p, call, "China", Y)
    else:
        call = answer(p, call, "Brazil", Y)
        call = refuse_in_round_two(p, call, "China")
    call, result = announce(p, call)
    assert result.votes.get(who) is recorded
    assert (who in result.not_voting) is (recorded is None)
    assert (who in call.violations) is (recorded is None)
    assert result.votes[other] is Y


def test_edge_31_vote_change_until_the_result_then_frozen() -> None:
    """procedure.md §8.31."""
    p = params()
    call = finish_round_one(p, [Y, N, Y, N])
    call = change_vote(p, call, "Brazil", Y)
    with pytest.raises(ProcedureError) as info:
        change_vote(p, call, "Brazil", PASS)
    assert info.value.code == "pass_not_allowed"
    call, result = announce(p, call)
    assert result.votes["Brazil"] is Y and result.passed
    for attempt in (
        lambda: change_vote(p, call, "Brazil", N),
        lambda: answer(p, call, "Brazil", N),
    ):
        with pytest.raises(ProcedureError) as info:
            attempt()
        assert info.value.code == "result_already_announced"
    with pytest.raises(ProcedureError) as info:
        change_vote(params(allow_vote_change_before_result=False), begin(p), "Argentina", Y)
    assert info.value.code == "vote_change_not_allowed"
    with pytest.raises(ProcedureError) as info:
        change_vote(p, begin(p), "Argentina", Y)
    assert info.value.code == "not_your_turn"


@pytest.mark.parametrize(("allowed", "error"), [(False, "rights_not_allowed"), (True, None)])
def test_edge_32_rights_after_a_pass(allowed: bool, error: str | None) -> None:
    """procedure.md §8.32: blocked when passers_may_request_rights=false."""
    p = params(passers_may_request_rights=allowed)
    call = start_round_two(finish_round_one(p, [YR, PASS, Y, N]))
    if error:
        with pytest.raises(ProcedureError) as info:
            answer(p, call, "Brazil", NR)
        assert info.value.code == error
        with pytest.raises(ProcedureError) as info:
            change_vote(p, answer(p, call, "Brazil", N), "Brazil", NR)
        assert info.value.code == error
        call = answer(p, call, "Brazil", N)
    else:
        call = answer(p, call, "Brazil", NR)
    _, result = announce(p, call)
    assert result.rights == (("Argentina", "Brazil") if allowed else ("Argentina",))


def test_rights_disabled_and_pass_disabled() -> None:
    p = params(rights_enabled=False, allow_pass=False)
    for choice, code in ((YR, "rights_not_allowed"), (PASS, "pass_not_allowed")):
        with pytest.raises(ProcedureError) as info:
            answer(p, begin(p), "Argentina", choice)
        assert info.value.code == code


def test_rounds_must_finish_before_the_result() -> None:
    p = params()
    call = answer(p, begin(p), "Argentina", PASS)
    with pytest.raises(ProcedureError) as info:
        start_round_two(call)
    assert info.value.code == "round_not_finished"
    with pytest.raises(ProcedureError) as info:
        announce(p, call)
    assert info.value.code == "round_not_finished"
    full = finish_round_one(p, [PASS, Y, Y, Y])
    with pytest.raises(ProcedureError) as info:
        announce(p, full)  # passers still owe round 2
    assert info.value.facts["missing"] == ["Argentina"]
    with pytest.raises(ProcedureError) as info:
        refuse_in_round_two(p, full, "Argentina")
    assert info.value.code == "not_your_turn"


@pytest.mark.parametrize(("profile", "first"), [("cn_common", "Argentina"), ("un_ga", "China")])
def test_edge_37_roll_call_start_drawn_by_lot(profile: str, first: str) -> None:
    """procedure.md §8.37 / §6.3: store the seed and the drawn name so the order can be
    checked; the same seed always gives the same order."""
    p = params(profile)
    _, order = start_roll_call(p, snapshot(p), p.substantive_threshold, NAMES, seed=7)
    assert order.first == first
    assert order.order[0] == first and sorted(order.order) == NAMES
    again = call_order(p, NAMES, seed=7)
    assert again == call_order(p, NAMES, seed=7)
    if profile == "un_ga":
        assert again.seed == 7
    assert call_order(p, [], seed=1).first is None


def test_delegations_missing_from_the_alphabetical_list_are_called_last() -> None:
    p = params()
    call, order = start_roll_call(p, snapshot(p), p.substantive_threshold, ["China", "Argentina"])
    assert call.order == ("China", "Argentina", "Brazil", "Denmark") == order.order


first_round = st.sampled_from([Y, N, A, PASS, YR, NR])
second_round = st.sampled_from([Y, N, None])  # None: refuses to answer


@settings(deadline=None, max_examples=50)
@given(
    st.lists(first_round, min_size=4, max_size=4),
    st.lists(second_round, min_size=4, max_size=4),
    st.sampled_from(["not_voting", "abstain"]),
)
def test_property_every_member_of_the_snapshot_voted_or_is_recorded_not_voting(
    first: list[VoteChoice], second: list[VoteChoice | None], policy: str
) -> None:
    p = params(second_pass_policy=policy)
    call = begin(p)
    for name, choice in zip(NAMES, first, strict=True):
        try:
            call = answer(p, call, name, choice)
        except ProcedureError:
            call = answer(p, call, name, N)  # asked again after a refused abstention
    if call.passers:
        call = start_round_two(call)
        for name, choice in zip(NAMES, second, strict=True):
            if name not in call.passers:
                continue
            call = (
                refuse_in_round_two(p, call, name)
                if choice is None
                else answer(p, call, name, choice)
            )
    call, result = announce(p, call)
    voted = set(result.votes)
    assert voted | set(result.not_voting) == set(call.snapshot.ids)
    assert not voted & set(result.not_voting)
    assert PASS not in result.votes.values()
    tally = result.outcome.tally
    assert tally.present == len(call.snapshot.ids)
