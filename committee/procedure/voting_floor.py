"""Voting procedure on the floor (procedure.md §6, §8.28–8.38).

- ``begin``: the doors close on the delegations present and the order of voting is built from
  the draft resolutions in voting and their unfriendly amendments (§6.1, §6.2).
- ``apply_motion``: what a carried voting-procedure motion does — reorder the draft
  resolutions, divide the question (parts checked against the clause tree), a roll-call vote,
  adoption by consensus, a division of the house.
- ``electorate``: who may vote on the question put now, frozen as it opens: those admitted
  when the doors closed, with no abstentions in a division of the house.
- ``open_question``: the next item is put by placard, phones, roll call or consensus; a
  substantive vote needs the decision quorum.
- ``record_result``: the result is announced and the order of voting moves on (lapses, mutual
  exclusion, a divided DR left with nothing, ``stop_after_first_adopted``); ``settle_items``
  marks items a change of the text made moot; ``revise_text`` takes a DR's clauses as an
  adopted amendment left them (parts whose clause is gone are not put).
- ``consensus_decide``: the chair closes the objection window (§6.7, §8.35); under
  ``continue_negotiation`` an objection takes the DR out of this voting procedure.
- ``void_last``: the last result voided with a reason, its item put again (§8.38).
- ``end``: after the last item, voting procedure ends and the committee returns to its agenda.

Ballots are never here: the app hands the engine the electorate and the ballots from the
record (``voting.decide_votes``, ``voting.cast_electronic``, the ``rollcall`` module).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from types import MappingProxyType

from .attendance import Attendee
from .choices import MotionCode
from .electorate import ElectorateSnapshot, snapshot_electorate
from .errors import ErrorCode, ProcedureError
from .facts.voting import (
    ConsensusFailed,
    ItemSettled,
    VoteAnnounced,
    VoteOpened,
    VoteSubject,
    VoteVoided,
    VotingProcedureEnded,
)
from .floor import FloorDoc
from .motions import Motion
from .parameters import Parameters
from .phases import Phase
from .thresholds import Tally, Threshold, ThresholdBase, ThresholdKind
from .timers import require_aware
from .transition import Transition
from .voting import (
    AmendmentAgenda,
    ConsensusDecision,
    DrAgenda,
    ItemKind,
    ItemStatus,
    VoteItem,
    VoteResult,
    VotingTrigger,
    build_queue,
    consensus_outcome,
    outcome_of,
    record_item,
    reorder,
    require_substantive_quorum,
)
from .voting_state import (
    DecidedItem,
    DrInVoting,
    OpenQuestion,
    VoteMethod,
    VotingState,
    amendment_ref,
    dr_ref,
    ref_target,
)
from .voting_text import divide, queue_of, revise_text, settle_items

CONSENSUS_THRESHOLD = Threshold(ThresholdKind.CONSENSUS, ThresholdBase.PRESENT)


@dataclass(frozen=True, slots=True)
class DrPaper:
    """A draft resolution put to voting procedure, as the record has it: its clauses and its
    unfriendly amendments waiting for the vote (ids, with the chair's order if set)."""

    dr_id: str
    operative: tuple[str, ...]
    subclauses: tuple[str, ...] = ()
    amendments: tuple[AmendmentAgenda, ...] = ()
    parents: tuple[tuple[str, str], ...] = ()  # (sub-clause, the clause it sits in), text order


def _require_voting(floor: FloorDoc) -> VotingState:
    if floor.phase is not Phase.VOTING_PROCEDURE or floor.voting is None:
        raise ProcedureError(ErrorCode.NOT_IN_VOTING_PROCEDURE)
    return floor.voting


def _with_refs(dr: DrPaper) -> DrAgenda:
    """The engine's agenda with refs that say what each item is."""
    amendments = tuple(
        replace(
            a,
            amendment_id=amendment_ref(a.amendment_id),
            parent=amendment_ref(a.parent) if a.parent else None,
            excludes=frozenset(amendment_ref(e) for e in a.excludes),
        )
        for a in dr.amendments
    )
    return DrAgenda(dr_ref(dr.dr_id), amendments, (), len(dr.operative))


def begin(
    floor: FloorDoc,
    params: Parameters,
    trigger: VotingTrigger,
    attendees: Iterable[Attendee],
    papers: Sequence[DrPaper],
    now: datetime,
) -> FloorDoc:
    """The doors close on the delegations present; the order of voting is the draft
    resolutions' numbering, each with its unfriendly amendments before it."""
    require_aware(now)
    if floor.phase is not Phase.VOTING_PROCEDURE:
        raise ProcedureError(ErrorCode.NOT_IN_VOTING_PROCEDURE)
    if floor.voting is not None:
        raise ProcedureError(ErrorCode.ALREADY_IN_VOTING_PROCEDURE)
    # An item's dr_id is the ref of its DR's own item ("dr:7"), as the queue keys them.
    items = build_queue(params, [_with_refs(dr) for dr in papers]).items
    state = VotingState(
        trigger=trigger,
        entered_at=now,
        admitted=tuple(sorted(a.delegation_id for a in attendees if a.is_present)),
        drs=tuple(
            DrInVoting(
                dr.dr_id,
                dr.operative,
                dr.subclauses,
                dr.parents,
                second_degree=tuple(
                    (amendment_ref(a.amendment_id), amendment_ref(a.parent))
                    for a in dr.amendments
                    if a.parent
                ),
            )
            for dr in papers
        ),
        items=items,
    )
    return replace(floor, voting=state)


# ---- voting-procedure motions (§3.2 V1–V6) -----------------------------------------------------

VOTING_MOTIONS = frozenset(
    {
        MotionCode.REORDER_DRS,
        MotionCode.DIVIDE_QUESTION,
        MotionCode.ROLL_CALL_VOTE,
        MotionCode.ADOPT_BY_CONSENSUS,
        MotionCode.DIVIDE_HOUSE,
    }
)


def _flag(
    state: VotingState, target: str | None, change: Callable[[DrInVoting], DrInVoting]
) -> VotingState:
    dr_id = (target or "").removeprefix("dr:")
    if dr_id not in state.dr_order:
        raise ProcedureError(ErrorCode.DOCUMENT_NOT_READY, motion="voting", target=target)
    drs = tuple(change(d) if d.dr_id == dr_id else d for d in state.drs)
    return replace(state, drs=drs)


def apply_motion(floor: FloorDoc, params: Parameters, motion: Motion) -> FloorDoc:
    """What a carried voting-procedure motion does to the order of voting: only before the
    first substantive vote starts (§6.1), and the order of voting never moves under a question
    put (a consensus question may be open while a roll call is requested)."""
    state = _require_voting(floor)
    if state.substantive_vote_started:
        raise ProcedureError(
            ErrorCode.MOTION_WRONG_PHASE,
            motion=motion.code.value,
            phase=floor.phase.value,
            allowed=[Phase.VOTING_PROCEDURE.value],
            reason="substantive_vote_started",
        )
    reshapes = motion.code in (MotionCode.REORDER_DRS, MotionCode.DIVIDE_QUESTION)
    if reshapes and state.question is not None:
        raise ProcedureError(ErrorCode.QUESTION_ALREADY_OPEN)
    match motion.code:
        case MotionCode.REORDER_DRS:
            order = tuple(dr_ref(o.removeprefix("dr:")) for o in motion.order)
            queue = reorder(queue_of(state), order)
            rank = {ref: index for index, ref in enumerate(order)}
            drs = tuple(sorted(state.drs, key=lambda d: rank[dr_ref(d.dr_id)]))
            state = replace(state, items=queue.items, drs=drs)
        case MotionCode.DIVIDE_QUESTION:
            state = divide(params, state, motion)
        case MotionCode.ROLL_CALL_VOTE:
            state = _flag(state, motion.target, lambda d: replace(d, roll_call=True))
        case MotionCode.ADOPT_BY_CONSENSUS:
            state = _flag(state, motion.target, lambda d: replace(d, consensus=True))
        case MotionCode.DIVIDE_HOUSE:
            state = _flag(state, motion.target, lambda d: replace(d, divide_house=True))
        case MotionCode.IMPORTANT_QUESTION:
            state = _flag(state, motion.target, lambda d: replace(d, important=True))
    return replace(floor, voting=state)


def order_amendments(floor: FloorDoc, dr_id: str, order: Sequence[str]) -> FloorDoc:
    """The chair's order of a DR's unfriendly amendments (furthest removed or most severe
    first, §6.2), set before any of them is voted: `order` names the amendments by ref; an
    amendment to an amendment stays just before the one it amends."""
    state = _require_voting(floor)
    ref = dr_ref(dr_id)
    mine = {i.ref: i for i in state.items if i.dr_id == ref and i.kind is ItemKind.AMENDMENT}
    parent_of = dict(state.dr(dr_id).second_degree) if dr_id in state.dr_order else {}
    firsts = [r for r in mine if r not in parent_of]
    started = any(i.status is not ItemStatus.PENDING for i in mine.values())
    asked = state.question is not None and state.question.ref in mine
    if started or asked or sorted(order) != sorted(firsts):
        raise ProcedureError(ErrorCode.REORDER_INVALID, order=list(order), expected=firsts)
    ordered = [
        mine[r] for first in order for r in (*(c for c in mine if parent_of.get(c) == first), first)
    ]
    others = [i for i in state.items if i.ref not in mine]
    at = next(index for index, item in enumerate(others) if item.ref == ref)
    others[at:at] = ordered
    return replace(floor, voting=replace(state, items=tuple(others)))


# ---- putting the question ----------------------------------------------------------------------


def subject(item: VoteItem) -> VoteSubject:
    target = ref_target(item)
    return VoteSubject(
        item.ref,
        item.kind,
        int(item.dr_id.removeprefix("dr:")),
        int(target) if item.kind is ItemKind.AMENDMENT else None,
        target if item.kind is ItemKind.DIVISION_PART else None,
    )


def threshold_for(
    params: Parameters, state: VotingState, item: VoteItem, method: VoteMethod
) -> Threshold:
    """An amendment's threshold, or the DR's (also for its divided parts): raised where the
    committee declared the DR an important question (§6.6)."""
    if method is VoteMethod.CONSENSUS:
        return CONSENSUS_THRESHOLD
    if item.kind is ItemKind.AMENDMENT:
        return params.effective_unfriendly_amendment_threshold
    if state.dr(item.dr_id).important:
        return params.important_question_threshold
    return params.substantive_threshold


def next_question(floor: FloorDoc) -> VoteItem | None:
    """The item the next question puts, if voting procedure is under way."""
    return floor.voting.next_item() if floor.voting is not None else None


def electorate(
    floor: FloorDoc,
    params: Parameters,
    attendees: Iterable[Attendee],
    membership: int,
    now: datetime,
) -> ElectorateSnapshot:
    """Who may vote on the next question: those admitted when the doors closed and still in
    the room; every member For or Against in a division of the house."""
    state = _require_voting(floor)
    item = state.next_item()
    house = item is not None and state.dr(item.dr_id).divide_house
    # With the doors left open (`doors_closed_in_voting` off) a late arrival votes too.
    admitted = frozenset(state.admitted) if params.doors_closed_in_voting else None
    return snapshot_electorate(
        params,
        membership,
        attendees,
        substantive=True,
        now=now,
        admitted=admitted,
        abstentions_allowed=not house,
    )


def check_method(
    params: Parameters, state: VotingState, item: VoteItem, method: VoteMethod
) -> None:
    """Whether the item may be put that way: "is there any objection?" where consensus was
    moved on the DR, where the chair may propose it, or for an amendment where an unopposed
    amendment passes (§6.7, §7.1); a roll call only, and always, on the DR as amended where one
    was carried (§6.2 step 3): its amendments and divided parts are voted the ordinary way."""
    dr = state.dr(item.dr_id)
    on_the_dr = item.kind is ItemKind.DR
    if method is VoteMethod.CONSENSUS:
        if not params.consensus_enabled:
            raise ProcedureError(ErrorCode.CONSENSUS_DISABLED)
        unopposed = item.kind is ItemKind.AMENDMENT and params.amendment_passes_if_unopposed
        if not ((dr.consensus and on_the_dr) or params.chair_may_propose_consensus or unopposed):
            raise ProcedureError(ErrorCode.METHOD_NOT_ALLOWED, method=method.value)
        return
    if dr.roll_call and on_the_dr and method is not VoteMethod.ROLL_CALL:
        raise ProcedureError(ErrorCode.ROLL_CALL_REQUIRED, document=item.dr_id)
    if method is VoteMethod.ROLL_CALL and not (dr.roll_call and on_the_dr):
        raise ProcedureError(ErrorCode.METHOD_NOT_ALLOWED, method=method.value)


def open_question(
    floor: FloorDoc,
    params: Parameters,
    method: VoteMethod,
    snapshot: ElectorateSnapshot,
    now: datetime,
    *,
    first_called: int | None = None,
    seed: int | None = None,
) -> Transition:
    """Put the next item in the order of voting to the committee."""
    require_aware(now)
    state = _require_voting(floor)
    if state.question is not None or floor.vote is not None:
        raise ProcedureError(ErrorCode.QUESTION_ALREADY_OPEN)
    if floor.motions.pending:
        raise ProcedureError(ErrorCode.MOTIONS_PENDING, count=len(floor.motions.pending))
    item = state.next_item()
    if item is None:
        raise ProcedureError(ErrorCode.NOTHING_TO_VOTE_ON)
    check_method(params, state, item, method)
    require_substantive_quorum(params, snapshot)
    window = None
    if method is VoteMethod.CONSENSUS:
        window = now + timedelta(seconds=params.consensus_objection_window)
    question = OpenQuestion(item.ref, method, now, snapshot.size, objections_until=window)
    # Once a substantive vote starts the voting-procedure motions are out of order (§6.1); a
    # consensus question is no vote yet: an objection may still lead to a roll call.
    started = state.substantive_vote_started or method is not VoteMethod.CONSENSUS
    house = state.dr(item.dr_id).divide_house
    facts = VoteOpened(
        subject(item),
        method,
        snapshot.size,
        threshold_for(params, state, item, method).as_text(),
        first_called=first_called,
        seed=seed,
        abstentions_allowed=not house,
    )
    opened = replace(state, question=question, substantive_vote_started=started)
    return Transition(replace(floor, voting=opened), facts)


def require_not_in_voting(floor: FloorDoc, document_id: str) -> None:
    """A draft resolution in voting procedure is frozen: no signature, amendment or change of
    its text until voting procedure ends, but what the votes themselves do (§6.1)."""
    state = floor.voting
    if state is not None and document_id in state.dr_order:
        raise ProcedureError(ErrorCode.DOCUMENT_IN_VOTING, document=document_id)


def require_question(floor: FloorDoc, *methods: VoteMethod) -> OpenQuestion:
    """The question open now, put by one of `methods`."""
    state = _require_voting(floor)
    question = state.question
    if question is None or (methods and question.method not in methods):
        raise ProcedureError(ErrorCode.NO_QUESTION_OPEN)
    return question


def question_subject(floor: FloorDoc) -> VoteSubject:
    state = _require_voting(floor)
    question = require_question(floor)
    item = state.item(question.ref)
    assert item is not None
    return subject(item)


def start_round_two(floor: FloorDoc) -> FloorDoc:
    state = _require_voting(floor)
    question = require_question(floor, VoteMethod.ROLL_CALL)
    return replace(floor, voting=replace(state, question=replace(question, round=2)))


# ---- results -----------------------------------------------------------------------------------


def _settled(
    before: Sequence[VoteItem], after: Sequence[VoteItem], ref: str
) -> tuple[ItemSettled, ...]:
    was = {i.ref: i.status for i in before}
    return tuple(
        ItemSettled(i.ref, i.status) for i in after if i.ref != ref and was.get(i.ref) != i.status
    )


def record_result(
    floor: FloorDoc,
    params: Parameters,
    result: VoteResult | None,
    now: datetime,
    *,
    rights: Sequence[str] = (),
) -> Transition:
    """Announce the result of the question open now (None: adopted without a vote) and move
    the order of voting on."""
    require_aware(now)
    state = _require_voting(floor)
    question = require_question(floor)
    if result is None and question.method is not VoteMethod.CONSENSUS:
        raise ProcedureError(ErrorCode.METHOD_NOT_ALLOWED, method=question.method.value)
    item = state.item(question.ref)
    assert item is not None
    passed = True if result is None else result.passed
    queue = record_item(params, queue_of(state), item.ref, passed)
    last = DecidedItem(
        item.ref, question.question_id, passed, question.method, now, state.items, state.drs
    )
    after = replace(
        state,
        items=queue.items,
        substantive_vote_started=True,
        question=None,
        last=last,
    )
    if result is None:
        facts = VoteAnnounced(subject(item), question.method, True, None)
    else:
        outcome = result.outcome
        facts = VoteAnnounced(
            subject(item),
            question.method,
            passed,
            outcome.verdict,
            yes=outcome.tally.yes,
            no=outcome.tally.no,
            abstain=outcome.tally.abstain,
            not_voting=outcome.tally.not_voting,
            required_yes=outcome.required_yes,
            base_size=outcome.base_size,
            threshold=outcome.threshold.as_text(),
            rights=tuple(int(d) for d in rights),
        )
    facts = replace(facts, settled=_settled(state.items, queue.items, item.ref))
    return Transition(replace(floor, voting=after), facts)


def placard_result(
    params: Parameters,
    snapshot: ElectorateSnapshot,
    threshold: Threshold,
    *,
    yes: int,
    no: int,
    abstain: int,
) -> VoteResult:
    """The placards the dais counted, checked against who may vote: no more votes than
    voters, and no more abstentions than voters who may abstain (none where the base or a
    division of the house forbids them)."""
    counted = yes + no + abstain
    if min(yes, no, abstain) < 0 or counted > snapshot.size:
        raise ProcedureError(
            ErrorCode.PLACARD_COUNTS_TOO_HIGH, size=snapshot.size, yes=yes, no=no, abstain=abstain
        )
    may_abstain = sum(1 for voter in snapshot.voters if voter.may_abstain)
    if abstain > may_abstain:
        raise ProcedureError(ErrorCode.TOO_MANY_ABSTENTIONS, abstain=abstain, allowed=may_abstain)
    require_substantive_quorum(params, snapshot)
    tally = Tally(yes, no, abstain, snapshot.size - counted)
    outcome = outcome_of(params, snapshot, threshold, tally)
    return VoteResult(outcome, MappingProxyType({}), ())


def consensus_decide(
    floor: FloorDoc,
    params: Parameters,
    attendees: Iterable[Attendee],
    objectors: Iterable[str],
    now: datetime,
) -> Transition:
    """The chair closes the objection window once it has run: no objection by a Member State
    present adopts the item without a vote; otherwise the profile's fallback (§6.7)."""
    require_aware(now)
    state = _require_voting(floor)
    question = require_question(floor, VoteMethod.CONSENSUS)
    if question.objections_until is not None and now < question.objections_until:
        raise ProcedureError(
            ErrorCode.OBJECTION_WINDOW_OPEN,
            seconds=int((question.objections_until - now).total_seconds()) + 1,
        )
    decided = consensus_outcome(params, attendees, objectors)
    if decided.decision is ConsensusDecision.ADOPTED_WITHOUT_VOTE:
        return record_result(floor, params, None, now)
    item = state.item(question.ref)
    assert item is not None
    to_vote = decided.decision is ConsensusDecision.PROCEED_TO_VOTE
    dr_id = item.dr_id.removeprefix("dr:")
    drs = tuple(replace(d, consensus=False) if d.dr_id == dr_id else d for d in state.drs)
    items = state.items
    if not to_vote:
        # Back to informal consultations: the draft is not put to the vote in this voting
        # procedure; its papers stay as they are.
        items = tuple(
            replace(i, status=ItemStatus.NOT_PUT)
            if i.dr_id == item.dr_id and i.status is ItemStatus.PENDING
            else i
            for i in items
        )
    after = replace(state, question=None, drs=drs, items=items)
    facts = ConsensusFailed(subject(item), tuple(int(d) for d in decided.objections), to_vote)
    return Transition(replace(floor, voting=after), facts)


def void_last(floor: FloorDoc, ref: str, reason: str, now: datetime) -> Transition:
    """A result cannot be undone, only voided with a reason; its item is put again, with the
    order of voting as it stood before it (§8.38)."""
    require_aware(now)
    state = _require_voting(floor)
    last = state.last
    if last is None or last.ref != ref or state.question is not None:
        raise ProcedureError(ErrorCode.NOTHING_TO_VOID, ref=ref)
    if not reason.strip():
        raise ProcedureError(ErrorCode.VOID_NEEDS_REASON)
    item = state.item(ref)
    assert item is not None
    # The vote had started: the voting-procedure motions stay out of order.
    after = replace(state, items=last.items_before, drs=last.drs_before or state.drs, last=None)
    facts = VoteVoided(subject(item), last.question_id, reason.strip())
    return Transition(replace(floor, voting=after), facts)


def end(floor: FloorDoc) -> Transition:
    """After the last item voting procedure ends; the committee returns to its agenda."""
    state = _require_voting(floor)
    if not state.finished or state.question is not None:
        pending = state.next_item()
        raise ProcedureError(ErrorCode.VOTING_NOT_FINISHED, next=pending.ref if pending else None)
    adopted = tuple(
        int(ref_target(i))
        for i in state.items
        if i.kind is ItemKind.DR and i.status is ItemStatus.ADOPTED
    )
    # The doors open: those who waited at the door come in (§8.1).
    attendance = {
        key: replace(mark, held_at_door=False) if mark.held_at_door else mark
        for key, mark in floor.attendance.items()
    }
    ended = replace(
        floor, phase=Phase.AGENDA, voting=None, topic_tabled=False, attendance=attendance
    )
    return Transition(ended, VotingProcedureEnded(adopted))


__all__ = [
    "CONSENSUS_THRESHOLD",
    "DrPaper",
    "VotingTrigger",
    "apply_motion",
    "begin",
    "consensus_decide",
    "electorate",
    "end",
    "next_question",
    "open_question",
    "order_amendments",
    "placard_result",
    "require_not_in_voting",
    "record_result",
    "revise_text",
    "settle_items",
    "void_last",
]
