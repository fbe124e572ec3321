from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from committee.procedure.attendance import RollStatus, release_held, set_status
from committee.procedure.choices import MotionCode
from committee.procedure.electorate import VoteChoice, snapshot_electorate
from committee.procedure.errors import ProcedureError
from committee.procedure.motions import Motion, MotionFloor, propose, record_result, start_vote
from committee.procedure.parameters import SIMPLE_PRESENT, SIMPLE_PV, TWO_THIRDS_PV
from committee.procedure.thresholds import Verdict
from committee.procedure.voting import (
    AmendmentAgenda,
    ConsensusDecision,
    DrAgenda,
    ElectronicBallot,
    ItemKind,
    ItemStatus,
    VotingTrigger,
    build_queue,
    cast_electronic,
    close_ballot,
    consensus_outcome,
    contradiction_warning,
    decide_votes,
    enter_voting_procedure,
    explanations_allowed,
    mark_not_put,
    record_item,
    reorder,
    void_result,
)
from tests.procedure.helpers import T0, at, c34_attendance, member, observer, params

Y, N, A = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN


def votes_for(ids: list[str], yes: int, no: int, abstain: int = 0) -> dict[str, VoteChoice]:
    choices = [Y] * yes + [N] * no + [A] * abstain
    return dict(zip(ids, choices, strict=False))


@pytest.mark.parametrize(
    ("profile", "threshold", "passes"),
    [
        ("cn_common", SIMPLE_PRESENT, False),
        ("cn_common", SIMPLE_PV, True),
        ("un_ga", SIMPLE_PRESENT, False),
    ],
)
def test_edge_18_procedural_vote_with_refusals(
    profile: str, threshold: object, passes: bool
) -> None:
    """procedure.md §8.18: a delegation that refuses a procedural vote is recorded as "did not
    vote"; under a "present" base it weighs like a No, and the result shows the base in use."""
    p = params(profile)
    snapshot = snapshot_electorate(p, 34, c34_attendance(30), substantive=False, now=T0)
    ids = list(snapshot.ids)
    result = decide_votes(p, snapshot, votes_for(ids, 15, 10), threshold)  # type: ignore[arg-type]
    assert len(result.not_voting) == 5
    assert result.outcome.tally.not_voting == 5
    assert result.passed is passes
    assert result.outcome.threshold == threshold
    assert result.outcome.base_size == (30 if threshold == SIMPLE_PRESENT else 25)


@pytest.mark.parametrize(("profile", "allowed"), [("cn_common", False), ("un_ga", True)])
def test_procedural_abstention_by_profile(profile: str, allowed: bool) -> None:
    """procedure.md §1.2 / §7.1: no abstentions on procedural votes, except un_ga."""
    p = params(profile)
    snapshot = snapshot_electorate(p, 34, c34_attendance(30), substantive=False, now=T0)
    vote = {snapshot.ids[0]: A}
    if allowed:
        assert decide_votes(p, snapshot, vote, SIMPLE_PRESENT).outcome.tally.abstain == 1
    else:
        with pytest.raises(ProcedureError) as info:
            decide_votes(p, snapshot, vote, SIMPLE_PRESENT)
        assert info.value.code == "abstention_not_allowed"


@pytest.mark.parametrize(("profile", "size"), [("cn_common", 32), ("un_ga", 30)])
def test_observers_in_the_procedural_electorate_never_in_the_substantive(
    profile: str, size: int
) -> None:
    """procedure.md §1.1: observers vote on procedure in cn_common, never on substance."""
    p = params(profile)
    people = c34_attendance(30, observers=2)
    assert snapshot_electorate(p, 34, people, substantive=False, now=T0).size == size
    substantive = snapshot_electorate(p, 34, people, substantive=True, now=T0)
    assert substantive.size == 30
    with pytest.raises(ProcedureError) as info:
        decide_votes(p, substantive, {"O00": Y}, SIMPLE_PV)
    assert info.value.code == "not_in_snapshot"


def test_pass_is_not_a_placard_vote_and_auto_abstain() -> None:
    p = params()
    snapshot = snapshot_electorate(p, 34, c34_attendance(30), substantive=True, now=T0)
    with pytest.raises(ProcedureError) as info:
        decide_votes(p, snapshot, {"M00": VoteChoice.PASS}, SIMPLE_PV)
    assert info.value.code == "pass_not_allowed"
    auto = params(present_means="auto_abstain")
    snap = snapshot_electorate(auto, 34, c34_attendance(30, pv=10), substantive=True, now=T0)
    result = decide_votes(auto, snap, {"M00": Y}, SIMPLE_PV)
    assert result.outcome.tally.abstain == 20  # silent Present members abstain
    assert len(result.not_voting) == 9  # silent P&V members did not vote


def test_veto_only_where_configured() -> None:
    """procedure.md §6.6: a No from a veto member defeats a substantive vote."""
    people = c34_attendance(30)
    for profile_params, vetoed in ((params(), False), (params(veto_members=["M01"]), True)):
        snapshot = snapshot_electorate(profile_params, 34, people, substantive=True, now=T0)
        votes = {d: Y for d in snapshot.ids} | {"M01": N}
        result = decide_votes(profile_params, snapshot, votes, SIMPLE_PV)
        assert result.passed is not vetoed
        assert (result.outcome.verdict is Verdict.VETOED) is vetoed


# ---- snapshot ---------------------------------------------------------------------------------


def test_edge_01_late_arrival_does_not_change_an_open_vote() -> None:
    """procedure.md §8.1 / §0.3: the snapshot is frozen when the vote opens."""
    p = params()
    people = c34_attendance(29)
    snapshot = snapshot_electorate(p, 34, people, substantive=True, now=T0)
    people[29] = set_status(p, people[29], RollStatus.PRESENT, at(5))
    assert snapshot.size == 29
    assert snapshot_electorate(p, 34, people, substantive=True, now=at(6)).size == 30


@settings(deadline=None, max_examples=50)
@given(st.lists(st.tuples(st.integers(0, 33), st.sampled_from(list(RollStatus))), max_size=20))
def test_property_the_snapshot_never_changes_after_a_vote_opens(
    changes: list[tuple[int, RollStatus]],
) -> None:
    p = params(allow_pv_downgrade=True)
    people = c34_attendance(20, pv=5)
    snapshot = snapshot_electorate(p, 34, people, substantive=True, now=T0)
    frozen = (snapshot.voters, snapshot.size, snapshot.membership)
    for index, status in changes:
        people[index] = set_status(p, people[index], status, at(index + 1), roll_call=True)
    assert (snapshot.voters, snapshot.size, snapshot.membership) == frozen


def test_doors_closed_voting_procedure_admits_only_those_present_at_entry() -> None:
    """procedure.md §1.2 / §6.1: a delegation not present when voting procedure began cannot
    vote in it."""
    p = params()
    people = c34_attendance(29)
    procedure = enter_voting_procedure(VotingTrigger.CLOSURE, people, ["DR1.1"], T0)
    people[29] = set_status(p, people[29], RollStatus.PRESENT, at(5), in_voting_procedure=True)
    snapshot = snapshot_electorate(
        p, 34, people, substantive=True, now=at(6), admitted=procedure.admitted
    )
    assert snapshot.size == 29
    released = release_held(people)
    assert (
        snapshot_electorate(
            p, 34, released, substantive=True, now=at(7), admitted=procedure.admitted
        ).size
        == 29
    )
    with pytest.raises(ProcedureError) as info:
        enter_voting_procedure(VotingTrigger.GSL_EXHAUSTION, people, [], T0, already_in_voting=True)
    assert info.value.code == "already_in_voting_procedure"


# ---- consensus --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "objectors", "decision"),
    [
        ("cn_common", ["O00"], ConsensusDecision.ADOPTED_WITHOUT_VOTE),
        ("un_ga", ["O00", "O01"], ConsensusDecision.ADOPTED_WITHOUT_VOTE),
        ("cn_common", ["M03"], ConsensusDecision.PROCEED_TO_VOTE),
        ("un_ga", ["M03"], ConsensusDecision.CONTINUE_NEGOTIATION),
        ("cn_common", ["M33"], ConsensusDecision.ADOPTED_WITHOUT_VOTE),  # absent member
    ],
)
def test_edge_35_consensus_objection_by_an_observer(
    profile: str, objectors: list[str], decision: ConsensusDecision
) -> None:
    """procedure.md §8.35 / §6.7: observers cannot block; a Member State objection follows
    consensus_fallback."""
    outcome = consensus_outcome(params(profile), c34_attendance(30, observers=2), objectors)
    assert outcome.decision is decision
    assert set(outcome.objections) | set(outcome.ignored) == set(objectors)


def test_consensus_disabled() -> None:
    with pytest.raises(ProcedureError) as info:
        consensus_outcome(params(consensus_enabled=False), [], [])
    assert info.value.code == "consensus_disabled"


# ---- electronic ballot, void ------------------------------------------------------------------


def test_edge_36_electronic_vote_with_a_missing_device() -> None:
    """procedure.md §8.36: the chair enters a vote by hand ("entered by chair"); the vote closes
    only when the chair closes it, showing "X votes missing"."""
    p = params("una_usa")
    people = [member("A"), member("B"), member("C", RollStatus.PRESENT_AND_VOTING)]
    snapshot = snapshot_electorate(p, 3, people, substantive=True, now=T0)
    ballot = ElectronicBallot(snapshot, p.substantive_threshold)
    ballot = cast_electronic(p, ballot, "A", Y)
    ballot = cast_electronic(p, ballot, "B", N, by_chair=True)
    assert ballot.entered_by_chair == frozenset({"B"})
    with pytest.raises(ProcedureError) as info:
        close_ballot(p, ballot)
    assert info.value.code == "votes_missing"
    assert info.value.facts["count"] == 1 and info.value.facts["missing"] == ["C"]
    with pytest.raises(ProcedureError) as info:
        cast_electronic(p, ballot, "C", A)
    assert info.value.code == "abstention_not_allowed"
    with pytest.raises(ProcedureError) as info:
        cast_electronic(p, ballot, "C", VoteChoice.PASS)
    assert info.value.code == "pass_not_allowed"
    result = close_ballot(p, ballot, accept_missing=True)
    assert result.not_voting == ("C",)
    assert result.outcome.verdict is Verdict.EQUALLY_DIVIDED
    changed = cast_electronic(p, ballot, "B", Y)  # the device itself now votes
    assert changed.entered_by_chair == frozenset()
    with pytest.raises(ProcedureError) as info:
        cast_electronic(params(allow_vote_change_before_result=False), ballot, "A", N)
    assert info.value.code == "vote_change_not_allowed"


def test_edge_38_votes_are_voided_with_a_reason_never_undone() -> None:
    """procedure.md §8.38: after the result, a vote can only be voided with a logged reason."""
    p = params()
    snapshot = snapshot_electorate(p, 1, [member("A")], substantive=True, now=T0)
    result = decide_votes(p, snapshot, {"A": Y}, TWO_THIRDS_PV)
    with pytest.raises(ProcedureError) as info:
        void_result(result, "   ", at(1))
    assert info.value.code == "void_needs_reason"
    voided = void_result(result, " wrong count ", at(1))
    assert voided.reason == "wrong count" and voided.result is result


@pytest.mark.parametrize(
    ("profile", "overrides", "expected"),
    [
        ("cn_common", {}, ("M00", "M01", "M02")),
        ("un_ga", {}, ("M01", "M02")),
        ("cn_common", {"max_rights_per_vote": 1}, ("M00",)),
        ("cn_common", {"rights_enabled": False}, ()),
    ],
)
def test_explanations_of_vote(
    profile: str, overrides: dict[str, object], expected: tuple[str, ...]
) -> None:
    """procedure.md §6.4 explanations: with rights, capped; GA sponsors may not explain their
    own unamended proposal."""
    p = params(profile, **overrides)
    snapshot = snapshot_electorate(params(), 34, c34_attendance(30), substantive=True, now=T0)
    votes = {
        "M00": VoteChoice.YES_WITH_RIGHTS,
        "M01": VoteChoice.NO_WITH_RIGHTS,
        "M02": VoteChoice.YES_WITH_RIGHTS,
        "M03": Y,
    }
    result = decide_votes(params(), snapshot, votes, SIMPLE_PV)
    assert explanations_allowed(p, result, sponsors=["M00"]) == expected
    assert explanations_allowed(params("un_ga"), result, sponsors=["M00"], amended=True) == (
        "M00",
        "M01",
        "M02",
    )


# ---- order of voting ----------------------------------------------------------------------------


def agenda() -> list[DrAgenda]:
    return [
        DrAgenda(
            "DR1.1",
            (
                AmendmentAgenda("A1", seq=1, chair_rank=2),
                AmendmentAgenda("A2", seq=2, chair_rank=1, excludes=frozenset({"A3"})),
                AmendmentAgenda("A3", seq=3, chair_rank=3),
                AmendmentAgenda("A2a", seq=4, parent="A2"),
            ),
            division_parts=("op3", "op5"),
            operative_remainder=2,
        ),
        DrAgenda("DR1.2"),
    ]


@pytest.mark.parametrize(
    ("profile", "overrides", "order"),
    [
        ("cn_common", {}, ["A2a", "A2", "A1", "A3"]),
        ("un_ga", {}, ["A2a", "A2", "A1", "A3"]),
        ("cn_common", {"amendment_order": "submission"}, ["A1", "A2a", "A2", "A3"]),
    ],
)
def test_order_of_voting(profile: str, overrides: dict[str, object], order: list[str]) -> None:
    """procedure.md §6.2: amendments in the chosen order (second degree before its parent),
    then divisions, then the DR as amended; then the next DR."""
    queue = build_queue(params(profile, **overrides), agenda())
    refs = [i.ref for i in queue.items]
    assert refs == [*order, "op3", "op5", "DR1.1", "DR1.2"]
    assert [i.kind for i in queue.items][-3:] == [ItemKind.DIVISION_PART, ItemKind.DR, ItemKind.DR]


def run(queue, results):  # type: ignore[no-untyped-def]
    p = params()
    for ref, adopted in results:
        queue = record_item(p, queue, ref, adopted)
    return queue


def test_edge_24_mutually_exclusive_amendment_is_not_put_to_the_vote() -> None:
    """procedure.md §8.24 / §5.4: once one passes, the other is "not put to the vote"."""
    queue = run(build_queue(params(), agenda()), [("A2a", False), ("A2", True)])
    assert queue.status_of("A3") is ItemStatus.NOT_PUT
    queue = run(queue, [("A1", False)])
    nxt = queue.next_item()
    assert nxt is not None and nxt.ref == "op3"


def test_edge_23_lapsed_amendment_is_skipped() -> None:
    """procedure.md §8.23: an amendment whose target was struck lapses and is skipped."""
    queue = mark_not_put(build_queue(params(), agenda()), "A2a")
    nxt = queue.next_item()
    assert nxt is not None and nxt.ref == "A2"


def test_votes_follow_the_queue() -> None:
    with pytest.raises(ProcedureError) as info:
        record_item(params(), build_queue(params(), agenda()), "A1", True)
    assert info.value.code == "not_your_turn"


@pytest.mark.parametrize(
    ("remainder", "parts", "dr_status"),
    [
        (0, [False, False], ItemStatus.REJECTED_WITHOUT_VOTE),
        (0, [True, False], ItemStatus.PENDING),
        (2, [False, False], ItemStatus.PENDING),
    ],
)
def test_edge_26_division_leaves_no_operative_clause(
    remainder: int, parts: list[bool], dr_status: ItemStatus
) -> None:
    """procedure.md §8.26 / §6.5: every operative part rejected → the DR is rejected without a
    final vote (also when only preambular clauses remain)."""
    queue = build_queue(
        params(), [DrAgenda("DR1.1", division_parts=("op1", "op2"), operative_remainder=remainder)]
    )
    queue = run(queue, [("op1", parts[0]), ("op2", parts[1])])
    assert queue.status_of("DR1.1") is dr_status


@pytest.mark.parametrize(
    ("stop", "second"), [(False, ItemStatus.PENDING), (True, ItemStatus.LAPSED)]
)
def test_edge_34_stop_after_first_adopted_and_contradiction_warning(
    stop: bool, second: ItemStatus
) -> None:
    """procedure.md §8.34 / §5.2: several adopted DRs → warn; stop_after_first_adopted makes
    the later ones lapse."""
    p = params(stop_after_first_adopted=stop)
    queue = build_queue(p, [DrAgenda("DR1.1"), DrAgenda("DR1.2")])
    queue = record_item(p, queue, "DR1.1", True)
    assert queue.status_of("DR1.2") is second
    if not stop:
        queue = record_item(p, queue, "DR1.2", True)
        assert contradiction_warning(queue)
    else:
        assert not contradiction_warning(queue) and queue.next_item() is None


def test_edge_33_several_reorder_motions() -> None:
    """procedure.md §8.33: taken in order received; the first that passes applies, the rest
    lapse; if all fail the original order stands."""
    p = params()
    queue = build_queue(p, [DrAgenda("DR1.1"), DrAgenda("DR1.2"), DrAgenda("DR1.3")])
    floor = MotionFloor()
    orders = [("DR1.3", "DR1.1", "DR1.2"), ("DR1.2", "DR1.3", "DR1.1"), ("DR1.2", "DR1.1", "DR1.3")]
    for seq, order in enumerate(orders):
        floor = propose(
            floor,
            Motion(f"r{seq}", MotionCode.REORDER_DRS, f"M0{seq}", seq, order=order, seconder="X"),
        )
    floor = record_result(start_vote(p, floor, "r0"), "r0", False, at(1))
    floor = record_result(start_vote(p, floor, "r1"), "r1", True, at(2))
    assert floor.get("r2").status.value == "superseded"
    carried = floor.carried
    assert carried is not None
    reordered = reorder(queue, carried.order)
    assert [i.ref for i in reordered.items] == ["DR1.2", "DR1.3", "DR1.1"]
    assert [i.ref for i in queue.items] == ["DR1.1", "DR1.2", "DR1.3"]  # all fail: unchanged
    started = record_item(p, reordered, "DR1.2", False)
    with pytest.raises(ProcedureError) as info:
        reorder(started, ["DR1.1", "DR1.2", "DR1.3"])
    assert info.value.code == "reorder_invalid"
    with pytest.raises(ProcedureError):
        reorder(queue, ["DR1.1"])


def test_the_queue_keeps_amendments_with_their_dr_when_reordered() -> None:
    queue = reorder(build_queue(params(), agenda()), ["DR1.2", "DR1.1"])
    assert [i.ref for i in queue.items][:2] == ["DR1.2", "A2a"]


def test_repeated_observer_objection_is_recorded_once_and_ignored() -> None:
    """procedure.md §6.7 step 2: observers cannot block."""
    outcome = consensus_outcome(params(), [member("A"), observer("O")], ["O", "O"])
    assert outcome.ignored == ("O",) and outcome.objections == ()
