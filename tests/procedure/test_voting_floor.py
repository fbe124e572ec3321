"""Voting procedure on the floor, engine only (procedure.md §6, §8.23–8.38): the doors close,
the order of voting, what each voting-procedure motion does, putting a question, counting
placards, recording a result, consensus, voiding the last result and the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import pytest

from committee.procedure import voting_floor
from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.choices import MotionCode
from committee.procedure.electorate import ElectorateSnapshot
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.voting import (
    ConsensusFailed,
    ItemSettled,
    VoteAnnounced,
    VoteOpened,
    VoteVoided,
    VotingProcedureEnded,
)
from committee.procedure.floor import FloorDoc, Mark, PlacardVote
from committee.procedure.motions import Motion, MotionFloor
from committee.procedure.parameters import Parameters
from committee.procedure.phases import Phase
from committee.procedure.sitting import open_session
from committee.procedure.thresholds import Verdict
from committee.procedure.transition import Transition
from committee.procedure.voting import AmendmentAgenda, ItemStatus, VotingTrigger
from committee.procedure.voting_state import VoteMethod, VotingState
from tests.procedure.helpers import T0, at, params

M = MotionCode
PLACARDS, PHONES, ROLL_CALL, CONSENSUS = (
    VoteMethod.PLACARDS,
    VoteMethod.PHONES,
    VoteMethod.ROLL_CALL,
    VoteMethod.CONSENSUS,
)
PENDING, ADOPTED, REJECTED = ItemStatus.PENDING, ItemStatus.ADOPTED, ItemStatus.REJECTED
NOT_PUT, LAPSED = ItemStatus.NOT_PUT, ItemStatus.LAPSED
MEMBERS = ("1", "2", "3", "4", "5", "6")
OBSERVER = "9"

# DR 7: operative c1, c2 (with sub-clauses c2a, c2b), c3; amendment 11, and 12 amending 11.
# DR 8: operative d1, d2; amendment 21.
DR7 = voting_floor.DrPaper(
    "7",
    operative=("c1", "c2", "c3"),
    subclauses=("c2a", "c2b"),
    amendments=(AmendmentAgenda("11", seq=1), AmendmentAgenda("12", seq=2, parent="11")),
    parents=(("c2a", "c2"), ("c2b", "c2")),
)
DR8 = voting_floor.DrPaper("8", operative=("d1", "d2"), amendments=(AmendmentAgenda("21", 3),))
PAPERS = (DR7, DR8)


# ---- building a floor in voting procedure ------------------------------------------------------


def room(
    *,
    pv: tuple[str, ...] = (),
    absent: tuple[str, ...] = (),
    observers: tuple[str, ...] = (OBSERVER,),
) -> dict[str, Mark]:
    marks = {}
    for key in MEMBERS:
        status = RollStatus.PRESENT_AND_VOTING if key in pv else RollStatus.PRESENT
        marks[key] = Mark(RollStatus.ABSENT if key in absent else status, T0)
    marks |= {key: Mark(RollStatus.PRESENT, T0) for key in observers}
    return marks


def people(floor: FloorDoc) -> list[Attendee]:
    """The attendance on the floor, as the app hands it to the engine."""
    return [
        Attendee(
            key,
            DelegationKind.OBSERVER if key == OBSERVER else DelegationKind.MEMBER,
            mark.status,
            mark.since,
            mark.held_at_door,
        )
        for key, mark in floor.attendance.items()
    ]


def in_voting(
    p: Parameters,
    papers: tuple[voting_floor.DrPaper, ...] = PAPERS,
    marks: dict[str, Mark] | None = None,
) -> FloorDoc:
    floor = open_session(FloorDoc(), 1).floor
    floor = replace(floor, phase=Phase.VOTING_PROCEDURE, attendance=marks or room())
    return voting_floor.begin(floor, p, VotingTrigger.CLOSURE, people(floor), papers, at(1))


def state_of(floor: FloorDoc) -> VotingState:
    assert floor.voting is not None
    return floor.voting


def statuses(floor: FloorDoc) -> list[tuple[str, ItemStatus]]:
    return [(item.ref, item.status) for item in state_of(floor).items]


def next_ref(floor: FloorDoc) -> str | None:
    """The item the next question puts."""
    item = state_of(floor).next_item()
    return item.ref if item is not None else None


def refs(floor: FloorDoc) -> list[str]:
    return [item.ref for item in state_of(floor).items]


def electorate(floor: FloorDoc, p: Parameters, membership: int = 6) -> ElectorateSnapshot:
    return voting_floor.electorate(floor, p, people(floor), membership, at(5))


def opened(floor: FloorDoc, p: Parameters, method: VoteMethod = PLACARDS) -> Transition:
    return voting_floor.open_question(floor, p, method, electorate(floor, p), at(10))


def put(floor: FloorDoc, p: Parameters, method: VoteMethod = PLACARDS) -> FloorDoc:
    return opened(floor, p, method).floor


def counted(floor: FloorDoc, p: Parameters, yes: int, no: int, abstain: int = 0) -> Transition:
    """The placards counted on the question open now, and its result announced."""
    state = state_of(floor)
    assert state.question is not None
    item = state.item(state.question.ref)
    assert item is not None
    threshold = voting_floor.threshold_for(p, state, item, state.question.method)
    snapshot = electorate(floor, p)
    result = voting_floor.placard_result(p, snapshot, threshold, yes=yes, no=no, abstain=abstain)
    return voting_floor.record_result(floor, p, result, at(20))


def vote(floor: FloorDoc, p: Parameters, *, passed: bool) -> FloorDoc:
    """The next item put by placard: six Yes, or six No."""
    opened_floor = put(floor, p)
    return counted(opened_floor, p, 6 if passed else 0, 0 if passed else 6).floor


def carried(
    floor: FloorDoc,
    p: Parameters,
    code: MotionCode,
    *,
    target: str | None = None,
    parts: tuple[str, ...] = (),
    order: tuple[str, ...] = (),
) -> FloorDoc:
    """The voting-procedure motion carried, as the motions' effects apply it."""
    motion = Motion("m1", code, "1", 1, target=target, parts=parts, order=order)
    return voting_floor.apply_motion(floor, p, motion)


def refusal(call: Callable[..., object], *args: object, **kwargs: object) -> ProcedureError:
    with pytest.raises(ProcedureError) as refused:
        call(*args, **kwargs)
    return refused.value


# ---- the doors close, the order of voting (§6.1, §6.2) -----------------------------------------


def test_the_doors_close_on_the_delegations_present_only() -> None:
    marks = room(pv=("2",), absent=("5",))
    marks["6"] = Mark(RollStatus.PRESENT, T0, held_at_door=True)
    floor = in_voting(params(), marks=marks)
    state = state_of(floor)
    assert state.admitted == ("1", "2", "3", "4", OBSERVER)
    assert state.trigger is VotingTrigger.CLOSURE
    assert state.entered_at == at(1)
    assert state.question is None and not state.substantive_vote_started


def test_only_members_admitted_and_still_in_the_room_vote_on_substance() -> None:
    p = params()
    floor = in_voting(p, marks=room(absent=("6",)))
    # "6" arrives after the doors closed and waits; "5" leaves the room.
    attendance = dict(floor.attendance)
    attendance["6"] = Mark(RollStatus.PRESENT, at(2), held_at_door=True)
    attendance["5"] = Mark(RollStatus.ABSENT, at(2))
    floor = replace(floor, attendance=attendance)
    assert electorate(floor, p).ids == ("1", "2", "3", "4")


def test_with_the_doors_left_open_a_late_arrival_votes() -> None:
    p = params(doors_closed_in_voting=False)
    floor = in_voting(p, marks=room(absent=("6",)))
    attendance = {**floor.attendance, "6": Mark(RollStatus.PRESENT, at(2))}
    floor = replace(floor, attendance=attendance)
    assert electorate(floor, p).ids == MEMBERS


def test_begin_needs_voting_procedure_and_happens_once() -> None:
    p = params()
    gsl = replace(open_session(FloorDoc(), 1).floor, phase=Phase.GSL, attendance=room())
    refused = refusal(voting_floor.begin, gsl, p, VotingTrigger.CLOSURE, people(gsl), PAPERS, at(1))
    assert refused.code == ErrorCode.NOT_IN_VOTING_PROCEDURE
    floor = in_voting(p)
    again = refusal(
        voting_floor.begin, floor, p, VotingTrigger.CLOSURE, people(floor), PAPERS, at(2)
    )
    assert again.code == ErrorCode.ALREADY_IN_VOTING_PROCEDURE


def test_the_order_is_each_drafts_amendments_second_degree_first_then_the_draft() -> None:
    floor = in_voting(params())
    assert refs(floor) == ["am:12", "am:11", "dr:7", "am:21", "dr:8"]
    assert all(status is PENDING for _ref, status in statuses(floor))
    assert state_of(floor).dr_order == ("7", "8")
    assert [item.dr_id for item in state_of(floor).items[:3]] == ["dr:7"] * 3


def test_the_chairs_order_of_amendments_or_their_submission() -> None:
    amendments = (
        AmendmentAgenda("31", seq=1, chair_rank=2),
        AmendmentAgenda("32", seq=2, chair_rank=1),
        AmendmentAgenda("33", seq=3),
    )
    paper = voting_floor.DrPaper("9", operative=("e1",), amendments=amendments)
    by_chair = in_voting(params(), papers=(paper,))
    assert refs(by_chair) == ["am:32", "am:31", "am:33", "dr:9"]
    by_submission = in_voting(params(amendment_order="submission"), papers=(paper,))
    assert refs(by_submission) == ["am:31", "am:32", "am:33", "dr:9"]


# ---- voting-procedure motions (§3.2 V1–V6, §6.5) -----------------------------------------------


def test_a_carried_reorder_puts_the_drafts_and_their_amendments_in_the_new_order() -> None:
    floor = carried(in_voting(params()), params(), M.REORDER_DRS, order=("8", "7"))
    assert refs(floor) == ["am:21", "dr:8", "am:12", "am:11", "dr:7"]
    assert state_of(floor).dr_order == ("8", "7")


def test_a_reorder_that_does_not_name_every_draft_exactly_once_is_refused() -> None:
    floor = in_voting(params())
    for order in (("8",), ("8", "8"), ("8", "7", "6")):
        refused = refusal(carried, floor, params(), M.REORDER_DRS, order=order)
        assert refused.code == ErrorCode.REORDER_INVALID


def test_a_division_puts_its_parts_in_the_order_of_the_text_before_the_draft() -> None:
    floor = carried(
        in_voting(params()), params(), M.DIVIDE_QUESTION, target="7", parts=("c3", "c1")
    )
    assert refs(floor)[:5] == ["am:12", "am:11", "part:7:c1", "part:7:c3", "dr:7"]
    assert state_of(floor).dr("7").divided


def test_a_division_by_sub_clause_keeps_the_order_of_the_text() -> None:
    """Sub-clause c2b sits in c2, so it is voted before c3 (not after every operative clause)."""
    p = params(division_unit="subclause")
    floor = carried(in_voting(p), p, M.DIVIDE_QUESTION, target="7", parts=("c3", "c2b", "c1"))
    assert refs(floor)[2:6] == ["part:7:c1", "part:7:c2b", "part:7:c3", "dr:7"]


@pytest.mark.parametrize(
    "parts",
    [
        pytest.param(("p1",), id="a preambular clause"),
        pytest.param(("c9",), id="an unknown clause"),
        pytest.param(("c1", "c1"), id="the same clause twice"),
        pytest.param((), id="no part"),
        pytest.param(("c2a",), id="a sub-clause where the unit is the clause"),
    ],
)
def test_a_division_naming_what_it_may_not_is_refused(parts: tuple[str, ...]) -> None:
    floor = in_voting(params())
    refused = refusal(carried, floor, params(), M.DIVIDE_QUESTION, target="7", parts=parts)
    assert refused.code == ErrorCode.DIVISION_INVALID
    assert refs(floor) == ["am:12", "am:11", "dr:7", "am:21", "dr:8"]


def test_a_division_naming_a_clause_and_a_sub_clause_inside_it_is_refused() -> None:
    p = params(division_unit="subclause")
    refused = refusal(carried, in_voting(p), p, M.DIVIDE_QUESTION, target="7", parts=("c2", "c2a"))
    assert refused.code == ErrorCode.DIVISION_INVALID


def test_a_draft_is_divided_once_and_only_a_draft_in_voting_is_divided() -> None:
    p = params()
    floor = carried(in_voting(p), p, M.DIVIDE_QUESTION, target="7", parts=("c1",))
    again = refusal(carried, floor, p, M.DIVIDE_QUESTION, target="7", parts=("c2",))
    assert again.code == ErrorCode.DIVISION_INVALID
    unknown = refusal(carried, floor, p, M.DIVIDE_QUESTION, target="5", parts=("c1",))
    assert unknown.code == ErrorCode.DIVISION_INVALID


def test_a_roll_call_carried_on_a_draft_is_required_for_the_draft_as_amended_only() -> None:
    p = params()
    floor = carried(in_voting(p), p, M.DIVIDE_QUESTION, target="7", parts=("c1",))
    before = state_of(floor)
    dr_item, part, amendment = before.item("dr:7"), before.item("part:7:c1"), before.item("am:12")
    assert dr_item is not None and part is not None and amendment is not None
    # Without the motion there is no roll call.
    refused = refusal(voting_floor.check_method, p, before, dr_item, ROLL_CALL)
    assert refused.code == ErrorCode.METHOD_NOT_ALLOWED
    state = state_of(carried(floor, p, M.ROLL_CALL_VOTE, target="7"))
    assert state.dr("7").roll_call and not state.dr("8").roll_call
    for method in (PLACARDS, PHONES):
        refused = refusal(voting_floor.check_method, p, state, dr_item, method)
        assert refused.code == ErrorCode.ROLL_CALL_REQUIRED
    voting_floor.check_method(p, state, dr_item, ROLL_CALL)
    # Its amendments and its divided parts are voted the ordinary way (§6.2 step 3).
    for item in (amendment, part):
        voting_floor.check_method(p, state, item, PLACARDS)
        refused = refusal(voting_floor.check_method, p, state, item, ROLL_CALL)
        assert refused.code == ErrorCode.METHOD_NOT_ALLOWED


def test_a_flag_on_a_draft_not_in_voting_is_refused() -> None:
    refused = refusal(carried, in_voting(params()), params(), M.ROLL_CALL_VOTE, target="5")
    assert refused.code == ErrorCode.DOCUMENT_NOT_READY


def test_consensus_only_after_its_motion_unless_the_chair_may_propose_it() -> None:
    p = params()
    floor = in_voting(p)
    dr_item = state_of(floor).item("dr:7")
    assert dr_item is not None
    refused = refusal(voting_floor.check_method, p, state_of(floor), dr_item, CONSENSUS)
    assert refused.code == ErrorCode.METHOD_NOT_ALLOWED
    flagged = state_of(carried(floor, p, M.ADOPT_BY_CONSENSUS, target="7"))
    assert flagged.dr("7").consensus
    voting_floor.check_method(p, flagged, dr_item, CONSENSUS)
    proposing = params(chair_may_propose_consensus=True)
    voting_floor.check_method(proposing, state_of(floor), dr_item, CONSENSUS)
    disabled = params(consensus_enabled=False)
    refused = refusal(voting_floor.check_method, disabled, flagged, dr_item, CONSENSUS)
    assert refused.code == ErrorCode.CONSENSUS_DISABLED


def test_a_division_of_the_house_allows_no_abstention() -> None:
    p = params("thimun")
    floor = carried(in_voting(p, papers=(DR8,)), p, M.DIVIDE_HOUSE, target="8")
    floor = vote(floor, p, passed=False)  # amendment 21: an ordinary vote
    snapshot = electorate(floor, p)
    assert snapshot.size == 6
    assert not any(voter.may_abstain or voter.auto_abstains for voter in snapshot.voters)
    transition = opened(floor, p)
    assert isinstance(transition.facts, VoteOpened)
    assert not transition.facts.abstentions_allowed
    refused = refusal(counted, transition.floor, p, 3, 2, 1)
    assert refused.code == ErrorCode.TOO_MANY_ABSTENTIONS
    assert refused.facts == {"abstain": 1, "allowed": 0}


def test_an_important_question_raises_the_threshold_of_the_draft_and_its_parts() -> None:
    p = params("un_ga")
    floor = carried(in_voting(p), p, M.DIVIDE_QUESTION, target="7", parts=("c1",))
    state = state_of(carried(floor, p, M.IMPORTANT_QUESTION, target="7"))
    thresholds = {
        item.ref: voting_floor.threshold_for(p, state, item, PLACARDS).as_text()
        for item in state.items
    }
    assert thresholds == {
        "am:12": "simple/present_and_voting",
        "am:11": "simple/present_and_voting",
        "part:7:c1": "two_thirds/present_and_voting",
        "dr:7": "two_thirds/present_and_voting",
        "am:21": "simple/present_and_voting",
        "dr:8": "simple/present_and_voting",
    }


def test_voting_procedure_motions_are_out_of_order_once_a_substantive_vote_opens() -> None:
    p = params()
    floor = put(in_voting(p), p)
    assert state_of(floor).substantive_vote_started
    refused = refusal(carried, floor, p, M.REORDER_DRS, order=("8", "7"))
    assert refused.code == ErrorCode.MOTION_WRONG_PHASE
    assert refused.facts["reason"] == "substantive_vote_started"
    decided = counted(floor, p, 6, 0).floor
    refused = refusal(carried, decided, p, M.DIVIDE_QUESTION, target="7", parts=("c1",))
    assert refused.code == ErrorCode.MOTION_WRONG_PHASE


def test_an_open_consensus_question_is_no_vote_yet_but_the_order_stays_put() -> None:
    p = params(chair_may_propose_consensus=True)
    floor = put(in_voting(p, papers=(replace(DR8, amendments=()),)), p, CONSENSUS)
    assert not state_of(floor).substantive_vote_started
    refused = refusal(carried, floor, p, M.DIVIDE_QUESTION, target="8", parts=("d1",))
    assert refused.code == ErrorCode.QUESTION_ALREADY_OPEN
    # A roll call asked for while the chair seeks consensus is noted for the vote.
    assert state_of(carried(floor, p, M.ROLL_CALL_VOTE, target="8")).dr("8").roll_call


# ---- putting the question ----------------------------------------------------------------------


def test_the_next_item_is_put_with_its_threshold_and_frozen_electorate() -> None:
    p = params(unfriendly_amendment_threshold="simple/present_and_voting")
    transition = opened(in_voting(p), p)
    facts = transition.facts
    assert isinstance(facts, VoteOpened)
    assert (facts.subject.ref, facts.subject.document, facts.subject.amendment) == ("am:12", 7, 12)
    assert (facts.method, facts.electorate, facts.threshold) == (
        PLACARDS,
        6,
        "simple/present_and_voting",
    )
    question = state_of(transition.floor).question
    assert question is not None
    assert (question.ref, question.electorate_size, question.opened_at) == ("am:12", 6, at(10))
    assert statuses(transition.floor)[0] == ("am:12", PENDING)


def test_a_draft_is_put_with_the_substantive_threshold() -> None:
    p = params(unfriendly_amendment_threshold="simple/present_and_voting")
    floor = in_voting(p, papers=(replace(DR8, amendments=()),))
    facts = opened(floor, p).facts
    assert isinstance(facts, VoteOpened) and facts.threshold == "two_thirds/present_and_voting"


def test_a_consensus_question_keeps_its_objection_window() -> None:
    p = params(chair_may_propose_consensus=True, consensus_objection_window=15)
    floor = put(in_voting(p), p, CONSENSUS)
    question = state_of(floor).question
    assert question is not None and question.objections_until == at(25)


def test_a_question_is_put_only_in_voting_procedure() -> None:
    p = params()
    gsl = replace(open_session(FloorDoc(), 1).floor, phase=Phase.GSL)
    refused = refusal(
        voting_floor.open_question, gsl, p, PLACARDS, electorate(in_voting(p), p), at(3)
    )
    assert refused.code == ErrorCode.NOT_IN_VOTING_PROCEDURE


def test_one_question_at_a_time() -> None:
    p = params()
    floor = put(in_voting(p), p)
    assert refusal(opened, floor, p).code == ErrorCode.QUESTION_ALREADY_OPEN
    motion_vote = replace(in_voting(p), vote=PlacardVote("m1", at(2)))
    assert refusal(opened, motion_vote, p).code == ErrorCode.QUESTION_ALREADY_OPEN


def test_pending_motions_are_decided_before_the_question_is_put() -> None:
    p = params()
    motion = Motion("m1", M.ROLL_CALL_VOTE, "1", 1, target="7")
    floor = replace(in_voting(p), motions=MotionFloor((motion,)))
    refused = refusal(opened, floor, p)
    assert (refused.code, refused.facts) == (ErrorCode.MOTIONS_PENDING, {"count": 1})


def test_nothing_is_put_once_every_item_is_decided() -> None:
    p = params()
    floor = in_voting(p, papers=(replace(DR8, amendments=()),))
    floor = vote(floor, p, passed=True)
    assert refusal(opened, floor, p).code == ErrorCode.NOTHING_TO_VOTE_ON


def test_a_method_the_item_does_not_allow_is_refused() -> None:
    p = params()
    refused = refusal(opened, in_voting(p), p, ROLL_CALL)
    assert (refused.code, refused.facts) == (ErrorCode.METHOD_NOT_ALLOWED, {"method": "roll_call"})
    assert refusal(opened, in_voting(p), p, CONSENSUS).code == ErrorCode.METHOD_NOT_ALLOWED


def test_no_substantive_question_without_the_decision_quorum() -> None:
    p = params()
    floor = in_voting(p, marks=room(absent=("4", "5", "6")))
    snapshot = electorate(floor, p, membership=10)  # 3 members of 10: 6 needed
    refused = refusal(voting_floor.open_question, floor, p, PLACARDS, snapshot, at(10))
    assert refused.code == ErrorCode.DECISION_QUORUM_LOST
    assert refused.facts == {"members_present": 3, "required": 6}
    assert state_of(floor).question is None


def test_a_roll_call_opens_with_who_is_called_first_and_the_seed() -> None:
    p = params()
    floor = carried(
        in_voting(p, papers=(replace(DR8, amendments=()),)), p, M.ROLL_CALL_VOTE, target="8"
    )
    snapshot = electorate(floor, p)
    transition = voting_floor.open_question(
        floor, p, ROLL_CALL, snapshot, at(10), first_called=4, seed=99
    )
    assert isinstance(transition.facts, VoteOpened)
    assert (transition.facts.first_called, transition.facts.seed) == (4, 99)
    two = voting_floor.start_round_two(transition.floor)
    question = state_of(two).question
    assert question is not None and question.round == 2
    placards = put(in_voting(p), p)
    assert refusal(voting_floor.start_round_two, placards).code == ErrorCode.NO_QUESTION_OPEN


# ---- counting placards -------------------------------------------------------------------------


def test_placards_cannot_count_more_votes_than_voters() -> None:
    p = params()
    floor = put(in_voting(p), p)
    for yes, no, abstain in ((4, 3, 0), (6, 0, 1), (-1, 2, 0)):
        refused = refusal(counted, floor, p, yes, no, abstain)
        assert refused.code == ErrorCode.PLACARD_COUNTS_TOO_HIGH
        assert refused.facts["size"] == 6


def test_placards_cannot_count_more_abstentions_than_may_abstain() -> None:
    """Present and Voting members give up the abstention on substance (§8.29)."""
    p = params()
    floor = put(in_voting(p, marks=room(pv=("1", "2", "3", "4"))), p)
    refused = refusal(counted, floor, p, 2, 1, 3)
    assert (refused.code, refused.facts) == (
        ErrorCode.TOO_MANY_ABSTENTIONS,
        {"abstain": 3, "allowed": 2},
    )
    facts = counted(floor, p, 3, 1, 2).facts
    assert isinstance(facts, VoteAnnounced) and facts.abstain == 2


def test_placards_not_raised_are_recorded_as_not_voting() -> None:
    p = params()
    facts = counted(put(in_voting(p), p), p, 4, 1).facts
    assert isinstance(facts, VoteAnnounced)
    assert (facts.yes, facts.no, facts.abstain, facts.not_voting) == (4, 1, 0, 1)


def test_a_tie_fails_equally_divided() -> None:
    p = params("una_usa")
    facts = counted(put(in_voting(p), p), p, 3, 3).facts
    assert isinstance(facts, VoteAnnounced)
    assert not facts.passed and facts.verdict is Verdict.EQUALLY_DIVIDED


# ---- recording results -------------------------------------------------------------------------


def test_an_adopted_amendment_moves_the_order_on() -> None:
    p = params()
    transition = counted(put(in_voting(p), p), p, 5, 1)
    facts = transition.facts
    assert isinstance(facts, VoteAnnounced)
    assert (facts.subject.ref, facts.passed, facts.verdict) == ("am:12", True, Verdict.ADOPTED)
    assert (facts.yes, facts.no, facts.required_yes, facts.base_size) == (5, 1, 4, 6)
    state = state_of(transition.floor)
    assert statuses(transition.floor)[0] == ("am:12", ADOPTED)
    assert state.question is None and next_ref(transition.floor) == "am:11"
    assert state.last is not None and (state.last.ref, state.last.passed) == ("am:12", True)


def test_a_rejected_amendment_is_rejected_and_the_next_item_follows() -> None:
    p = params()
    floor = counted(put(in_voting(p), p), p, 1, 5).floor
    assert statuses(floor)[:2] == [("am:12", REJECTED), ("am:11", PENDING)]


def test_an_adopted_amendment_settles_those_it_excludes() -> None:
    amendments = (
        AmendmentAgenda("31", seq=1, excludes=frozenset({"32"})),
        AmendmentAgenda("32", seq=2),
    )
    p = params()
    floor = in_voting(p, papers=(voting_floor.DrPaper("9", ("e1", "e2"), amendments=amendments),))
    transition = counted(put(floor, p), p, 6, 0)
    assert isinstance(transition.facts, VoteAnnounced)
    assert transition.facts.settled == (ItemSettled("am:32", NOT_PUT),)
    assert statuses(transition.floor) == [("am:31", ADOPTED), ("am:32", NOT_PUT), ("dr:9", PENDING)]


def test_a_rejected_part_leaves_the_rest_of_the_draft_to_be_voted() -> None:
    p = params()
    floor = carried(
        in_voting(p, papers=(replace(DR8, amendments=()),)),
        p,
        M.DIVIDE_QUESTION,
        target="8",
        parts=("d1",),
    )
    floor = vote(floor, p, passed=False)
    assert statuses(floor) == [("part:8:d1", REJECTED), ("dr:8", PENDING)]


def test_every_part_rejected_and_nothing_left_rejects_the_draft_without_a_vote() -> None:
    p = params()
    paper = replace(DR8, amendments=())
    floor = carried(
        in_voting(p, papers=(paper, replace(DR7, amendments=()))),
        p,
        M.DIVIDE_QUESTION,
        target="8",
        parts=("d2", "d1"),
    )
    floor = vote(floor, p, passed=False)
    transition = counted(put(floor, p), p, 0, 6)
    assert isinstance(transition.facts, VoteAnnounced)
    assert transition.facts.settled == (ItemSettled("dr:8", ItemStatus.REJECTED_WITHOUT_VOTE),)
    assert next_ref(transition.floor) == "dr:7"


def test_a_part_adopted_keeps_the_draft_to_be_voted() -> None:
    p = params()
    floor = carried(
        in_voting(p, papers=(replace(DR8, amendments=()),)),
        p,
        M.DIVIDE_QUESTION,
        target="8",
        parts=("d1", "d2"),
    )
    floor = vote(vote(floor, p, passed=True), p, passed=False)
    assert statuses(floor) == [("part:8:d1", ADOPTED), ("part:8:d2", REJECTED), ("dr:8", PENDING)]


def test_stop_after_first_adopted_lapses_the_later_drafts() -> None:
    p = params(stop_after_first_adopted=True)
    floor = in_voting(p, papers=(replace(DR7, amendments=()), DR8))
    transition = counted(put(floor, p), p, 6, 0)
    assert isinstance(transition.facts, VoteAnnounced)
    assert set(transition.facts.settled) == {
        ItemSettled("am:21", LAPSED),
        ItemSettled("dr:8", LAPSED),
    }
    assert state_of(transition.floor).finished


def test_without_stop_after_first_adopted_the_next_draft_is_voted() -> None:
    p = params()
    floor = vote(in_voting(p, papers=(replace(DR7, amendments=()), DR8)), p, passed=True)
    assert next_ref(floor) == "am:21"


def test_only_a_consensus_question_is_adopted_without_a_vote() -> None:
    p = params()
    floor = put(in_voting(p), p)
    refused = refusal(voting_floor.record_result, floor, p, None, at(20))
    assert refused.code == ErrorCode.METHOD_NOT_ALLOWED
    assert state_of(floor).question is not None


def test_a_result_needs_a_question_open() -> None:
    p = params()
    refused = refusal(voting_floor.record_result, in_voting(p), p, None, at(20))
    assert refused.code == ErrorCode.NO_QUESTION_OPEN


# ---- the text changed by an adopted amendment (§8.23, §8.26) -----------------------------------


def divided_dr7(p: Parameters, parts: tuple[str, ...]) -> FloorDoc:
    floor = in_voting(p, papers=(replace(DR7, amendments=(AmendmentAgenda("11", 1),)),))
    return carried(floor, p, M.DIVIDE_QUESTION, target="7", parts=parts)


def test_a_part_whose_clause_an_amendment_struck_is_not_put() -> None:
    p = params()
    floor = vote(divided_dr7(p, ("c1", "c3")), p, passed=True)  # amendment 11 strikes c3
    floor, settled = voting_floor.revise_text(floor, "7", ("c1", "c2"), ("c2a", "c2b"))
    assert settled == (ItemSettled("part:7:c3", NOT_PUT),)
    assert state_of(floor).dr("7").operative == ("c1", "c2")
    assert statuses(floor)[1:] == [
        ("part:7:c1", PENDING),
        ("part:7:c3", NOT_PUT),
        ("dr:7", PENDING),
    ]


def test_what_is_left_of_a_divided_draft_is_counted_from_its_amended_text() -> None:
    """c3 was left out of the division, then struck: with c1 and c2 rejected nothing operative
    is left, so the draft is rejected without a vote."""
    p = params()
    floor = vote(divided_dr7(p, ("c1", "c2")), p, passed=True)
    floor, _settled = voting_floor.revise_text(floor, "7", ("c1", "c2"))
    floor = vote(floor, p, passed=False)
    transition = counted(put(floor, p), p, 0, 6)
    assert isinstance(transition.facts, VoteAnnounced)
    assert transition.facts.settled == (ItemSettled("dr:7", ItemStatus.REJECTED_WITHOUT_VOTE),)


def test_a_clause_an_amendment_added_keeps_a_divided_draft_alive() -> None:
    p = params()
    floor = vote(divided_dr7(p, ("c1", "c2", "c3")), p, passed=True)
    floor, _settled = voting_floor.revise_text(floor, "7", ("c1", "c2", "c3", "c4"))
    for _part in range(3):
        floor = vote(floor, p, passed=False)
    assert statuses(floor)[-1] == ("dr:7", PENDING)


def test_every_part_struck_by_amendments_and_nothing_left_rejects_the_draft() -> None:
    p = params()
    floor = vote(divided_dr7(p, ("c1", "c2", "c3")), p, passed=True)
    floor, settled = voting_floor.revise_text(floor, "7", ())
    assert settled[-1] == ItemSettled("dr:7", ItemStatus.REJECTED_WITHOUT_VOTE)
    assert state_of(floor).finished


# ---- consensus (§6.7, §8.35) -------------------------------------------------------------------


def consensus_floor(p: Parameters) -> FloorDoc:
    return put(
        in_voting(p, papers=(replace(DR8, amendments=()), replace(DR7, amendments=()))),
        p,
        CONSENSUS,
    )


def decide(
    floor: FloorDoc, p: Parameters, objectors: tuple[str, ...], when: datetime | None = None
) -> Transition:
    """The chair closes the objection window (by default well after it has run)."""
    return voting_floor.consensus_decide(floor, p, people(floor), objectors, when or at(30))


def test_the_chair_cannot_close_the_window_before_it_has_run() -> None:
    p = params(chair_may_propose_consensus=True, consensus_objection_window=10)
    floor = consensus_floor(p)
    refused = refusal(decide, floor, p, (), at(15))
    assert (refused.code, refused.facts) == (ErrorCode.OBJECTION_WINDOW_OPEN, {"seconds": 6})
    assert isinstance(decide(floor, p, (), at(20)).facts, VoteAnnounced)


def test_no_objection_adopts_without_a_vote() -> None:
    p = params(chair_may_propose_consensus=True)
    transition = decide(consensus_floor(p), p, ())
    facts = transition.facts
    assert isinstance(facts, VoteAnnounced)
    assert (facts.passed, facts.verdict, facts.method) == (True, None, CONSENSUS)
    assert statuses(transition.floor)[0] == ("dr:8", ADOPTED)
    assert state_of(transition.floor).substantive_vote_started


def test_an_observers_objection_cannot_block() -> None:
    p = params(chair_may_propose_consensus=True)
    transition = decide(consensus_floor(p), p, (OBSERVER,))
    assert isinstance(transition.facts, VoteAnnounced) and transition.facts.passed


def test_an_objection_by_a_member_who_left_the_room_cannot_block() -> None:
    p = params(chair_may_propose_consensus=True)
    floor = consensus_floor(p)
    floor = replace(floor, attendance={**floor.attendance, "3": Mark(RollStatus.ABSENT, at(12))})
    assert isinstance(decide(floor, p, ("3",)).facts, VoteAnnounced)


def test_a_members_objection_leads_to_a_vote_under_the_vote_fallback() -> None:
    p = params()
    floor = in_voting(p, papers=(replace(DR8, amendments=()),))
    floor = put(carried(floor, p, M.ADOPT_BY_CONSENSUS, target="8"), p, CONSENSUS)
    transition = decide(floor, p, ("2", OBSERVER))
    facts = transition.facts
    assert isinstance(facts, ConsensusFailed)
    assert (facts.objections, facts.to_vote) == ((2,), True)
    state = state_of(transition.floor)
    assert state.question is None and statuses(transition.floor) == [("dr:8", PENDING)]
    # The motion for consensus is spent: the item is now put to a vote.
    assert not state.dr("8").consensus
    assert refusal(opened, transition.floor, p, CONSENSUS).code == ErrorCode.METHOD_NOT_ALLOWED
    assert isinstance(opened(transition.floor, p).facts, VoteOpened)


def test_a_members_objection_returns_the_draft_to_negotiation_under_that_fallback() -> None:
    p = params("un_ga")
    transition = decide(consensus_floor(p), p, ("2",))
    facts = transition.facts
    assert isinstance(facts, ConsensusFailed) and not facts.to_vote
    # The draft is not put in this voting procedure; the next one is.
    assert statuses(transition.floor) == [("dr:8", NOT_PUT), ("dr:7", PENDING)]
    assert next_ref(transition.floor) == "dr:7"


def test_consensus_is_decided_only_on_a_consensus_question() -> None:
    p = params()
    refused = refusal(decide, put(in_voting(p), p), p, ())
    assert refused.code == ErrorCode.NO_QUESTION_OPEN


# ---- voiding the last result (§8.38) -----------------------------------------------------------


def test_the_last_result_voided_puts_its_item_again_with_the_order_as_it_stood() -> None:
    amendments = (
        AmendmentAgenda("31", seq=1, excludes=frozenset({"32"})),
        AmendmentAgenda("32", seq=2),
    )
    p = params()
    floor = in_voting(p, papers=(voting_floor.DrPaper("9", ("e1",), amendments=amendments),))
    before = statuses(floor)
    decided = counted(put(floor, p), p, 6, 0).floor
    transition = voting_floor.void_last(decided, "am:31", "  Miscounted placards ", at(40))
    facts = transition.facts
    assert isinstance(facts, VoteVoided)
    assert (facts.subject.ref, facts.reason) == ("am:31", "Miscounted placards")
    assert statuses(transition.floor) == before
    state = state_of(transition.floor)
    assert state.last is None and next_ref(transition.floor) == "am:31"
    # The vote had started: voting-procedure motions stay out of order.
    assert state.substantive_vote_started


def test_voiding_needs_a_reason() -> None:
    p = params()
    decided = vote(in_voting(p), p, passed=True)
    refused = refusal(voting_floor.void_last, decided, "am:12", "   ", at(40))
    assert refused.code == ErrorCode.VOID_NEEDS_REASON
    assert state_of(decided).last is not None


def test_only_the_last_result_can_be_voided_and_only_once() -> None:
    p = params()
    two = vote(vote(in_voting(p), p, passed=False), p, passed=False)
    refused = refusal(voting_floor.void_last, two, "am:12", "wrong", at(40))
    assert (refused.code, refused.facts) == (ErrorCode.NOTHING_TO_VOID, {"ref": "am:12"})
    voided = voting_floor.void_last(two, "am:11", "wrong", at(40)).floor
    again = refusal(voting_floor.void_last, voided, "am:11", "wrong", at(41))
    assert again.code == ErrorCode.NOTHING_TO_VOID


def test_no_voiding_while_the_next_question_is_open() -> None:
    p = params()
    floor = put(vote(in_voting(p), p, passed=False), p)
    refused = refusal(voting_floor.void_last, floor, "am:12", "wrong", at(40))
    assert refused.code == ErrorCode.NOTHING_TO_VOID


def test_voiding_an_amendment_restores_the_drafts_clauses() -> None:
    p = params()
    floor = vote(divided_dr7(p, ("c1", "c3")), p, passed=True)
    floor, _settled = voting_floor.revise_text(floor, "7", ("c1", "c2"))
    voided = voting_floor.void_last(floor, "am:11", "wrong text applied", at(40)).floor
    assert state_of(voided).dr("7").operative == ("c1", "c2", "c3")
    assert statuses(voided)[1:] == [
        ("part:7:c1", PENDING),
        ("part:7:c3", PENDING),
        ("dr:7", PENDING),
    ]


def test_a_consensus_adoption_can_be_voided_and_put_again() -> None:
    p = params(chair_may_propose_consensus=True)
    adopted = decide(consensus_floor(p), p, ()).floor
    voided = voting_floor.void_last(adopted, "dr:8", "an objection was missed", at(40)).floor
    assert statuses(voided)[0] == ("dr:8", PENDING)


# ---- the end -----------------------------------------------------------------------------------


def test_voting_procedure_ends_only_when_every_item_is_decided() -> None:
    p = params()
    floor = in_voting(p, papers=(replace(DR8, amendments=()),))
    refused = refusal(voting_floor.end, floor)
    assert (refused.code, refused.facts) == (ErrorCode.VOTING_NOT_FINISHED, {"next": "dr:8"})
    opened_floor = put(floor, p)
    assert refusal(voting_floor.end, opened_floor).code == ErrorCode.VOTING_NOT_FINISHED


def test_the_end_returns_to_the_agenda_and_opens_the_doors() -> None:
    p = params()
    floor = in_voting(p, papers=(replace(DR8, amendments=()), replace(DR7, amendments=())))
    floor = replace(
        floor, attendance={**floor.attendance, "10": Mark(RollStatus.PRESENT, at(3), True)}
    )
    floor = vote(vote(floor, p, passed=True), p, passed=False)
    transition = voting_floor.end(floor)
    assert transition.facts == VotingProcedureEnded((8,))
    ended = transition.floor
    assert (ended.phase, ended.voting, ended.topic_tabled) == (Phase.AGENDA, None, False)
    assert not ended.attendance["10"].held_at_door
    assert "10" in ended.present_ids()
    assert refusal(voting_floor.end, ended).code == ErrorCode.NOT_IN_VOTING_PROCEDURE
