"""Deciding votes and running voting procedure (procedure.md §6).

- ``decide_votes``: placard (or any collected) votes → tally → outcome, with non-voters
  recorded as "did not vote" (§8.18) and the veto only where configured.
- ``ElectronicBallot``: device votes, chair entries, explicit close with "X votes missing".
- ``consensus_outcome``: only Member States present can object (§6.7, §8.35).
- ``enter_voting_procedure`` and ``VotingQueue``: the order of voting (amendments, division
  parts, the DR as amended), lapses, mutual exclusion, division rejecting a DR without a final
  vote, ``stop_after_first_adopted``, reordering.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from .attendance import Attendee, DelegationKind, decision_quorum_required
from .choices import AmendmentOrder, ConsensusFallback
from .electorate import ElectorateSnapshot, VoteChoice, check_choice
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .thresholds import Outcome, Tally, Threshold, evaluate
from .timers import require_aware

# ---- deciding a vote -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VoteResult:
    outcome: Outcome
    votes: Mapping[str, VoteChoice]
    not_voting: tuple[str, ...]  # in the snapshot, no valid vote ("did not vote")
    rights: tuple[str, ...] = ()  # asked to explain their vote, in snapshot order

    @property
    def passed(self) -> bool:
        return self.outcome.passed


def tally_votes(snapshot: ElectorateSnapshot, votes: Mapping[str, VoteChoice]) -> Tally:
    yes = no = abstain = not_voting = 0
    for voter in snapshot.voters:
        choice = votes.get(voter.delegation_id)
        if choice is None and voter.auto_abstains:
            choice = VoteChoice.ABSTAIN
        counted = choice.counts_as if choice is not None else None
        if counted is VoteChoice.YES:
            yes += 1
        elif counted is VoteChoice.NO:
            no += 1
        elif counted is VoteChoice.ABSTAIN:
            abstain += 1
        else:
            not_voting += 1
    return Tally(yes, no, abstain, not_voting)


def require_substantive_quorum(params: Parameters, snapshot: ElectorateSnapshot) -> None:
    """A substantive vote needs the decision quorum among its frozen electorate: the Member
    States in the snapshot against the committee's membership (§1.3, §8.2). Procedural votes
    still run without it, so a procedural snapshot is never refused. Call it when a vote opens;
    ``decide_votes`` checks it again."""
    if not snapshot.substantive:
        return
    members = sum(1 for v in snapshot.voters if v.kind is DelegationKind.MEMBER)
    required = decision_quorum_required(params, snapshot.membership)
    if members < required:
        raise ProcedureError(
            ErrorCode.DECISION_QUORUM_LOST, members_present=members, required=required
        )


def outcome_of(
    params: Parameters,
    snapshot: ElectorateSnapshot,
    threshold: Threshold,
    tally: Tally,
    *,
    vetoed: bool = False,
) -> Outcome:
    """The threshold applied to a tally of this electorate (its size is "present")."""
    return evaluate(
        threshold,
        tally,
        present=snapshot.size,
        membership=snapshot.membership,
        rounding=params.two_thirds_rounding,
        vetoed=vetoed,
    )


def decide_votes(
    params: Parameters,
    snapshot: ElectorateSnapshot,
    votes: Mapping[str, VoteChoice],
    threshold: Threshold,
) -> VoteResult:
    """Check the decision quorum (substantive votes) and every answer against the snapshot,
    count, and apply the threshold."""
    require_substantive_quorum(params, snapshot)
    for delegation, choice in votes.items():
        check_choice(params, snapshot, delegation, choice)
        if choice is VoteChoice.PASS:
            raise ProcedureError(ErrorCode.PASS_NOT_ALLOWED, delegation=delegation)
    tally = tally_votes(snapshot, votes)
    vetoed = snapshot.substantive and any(
        votes.get(member, VoteChoice.YES).counts_as is VoteChoice.NO
        for member in params.veto_members
    )
    outcome = outcome_of(params, snapshot, threshold, tally, vetoed=vetoed)
    auto = {v.delegation_id for v in snapshot.voters if v.auto_abstains}
    not_voting = tuple(d for d in snapshot.ids if d not in votes and d not in auto)
    rights = tuple(d for d in snapshot.ids if d in votes and votes[d].with_rights)
    return VoteResult(outcome, MappingProxyType(dict(votes)), not_voting, rights)


def explanations_allowed(
    params: Parameters,
    result: VoteResult,
    *,
    sponsors: Iterable[str] = (),
    amended: bool = False,
) -> tuple[str, ...]:
    """Who speaks after the result: those who voted with rights, capped, and (GA) not the
    sponsors of an unamended proposal (§6.4)."""
    if not params.rights_enabled:
        return ()
    barred = set() if params.sponsors_may_explain_own_vote or amended else set(sponsors)
    allowed = tuple(d for d in result.rights if d not in barred)
    if params.max_rights_per_vote is not None:
        allowed = allowed[: params.max_rights_per_vote]
    return allowed


# ---- electronic ballot (§6.3, §8.36) ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ElectronicBallot:
    snapshot: ElectorateSnapshot
    threshold: Threshold
    votes: Mapping[str, VoteChoice] = field(default_factory=lambda: MappingProxyType({}))
    entered_by_chair: frozenset[str] = frozenset()

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(d for d in self.snapshot.ids if d not in self.votes)


def cast_electronic(
    params: Parameters,
    ballot: ElectronicBallot,
    delegation: str,
    choice: VoteChoice,
    *,
    by_chair: bool = False,
) -> ElectronicBallot:
    """A device vote, or the chair entering it by hand (logged as "entered by chair")."""
    check_choice(params, ballot.snapshot, delegation, choice)
    if choice is VoteChoice.PASS:
        raise ProcedureError(ErrorCode.PASS_NOT_ALLOWED, delegation=delegation)
    if delegation in ballot.votes and not params.allow_vote_change_before_result:
        raise ProcedureError(ErrorCode.VOTE_CHANGE_NOT_ALLOWED, delegation=delegation)
    entered = ballot.entered_by_chair | {delegation} if by_chair else ballot.entered_by_chair
    if not by_chair:
        entered = entered - {delegation}
    votes = MappingProxyType({**ballot.votes, delegation: choice})
    return replace(ballot, votes=votes, entered_by_chair=entered)


def close_ballot(
    params: Parameters, ballot: ElectronicBallot, *, accept_missing: bool = False
) -> VoteResult:
    """Only the chair closes the vote; with votes missing the chair must confirm."""
    missing = ballot.missing
    if missing and not accept_missing:
        raise ProcedureError(ErrorCode.VOTES_MISSING, count=len(missing), missing=list(missing))
    return decide_votes(params, ballot.snapshot, ballot.votes, ballot.threshold)


@dataclass(frozen=True, slots=True)
class VoidedResult:
    result: VoteResult
    reason: str
    voided_at: datetime


def void_result(result: VoteResult, reason: str, now: datetime) -> VoidedResult:
    """A result cannot be undone, only voided by the chair with a logged reason (§8.38)."""
    require_aware(now)
    if not reason.strip():
        raise ProcedureError(ErrorCode.VOID_NEEDS_REASON)
    return VoidedResult(result, reason.strip(), now)


# ---- consensus (§6.7) ------------------------------------------------------------------------


class ConsensusDecision(StrEnum):
    ADOPTED_WITHOUT_VOTE = "adopted_without_vote"
    PROCEED_TO_VOTE = "proceed_to_vote"
    CONTINUE_NEGOTIATION = "continue_negotiation"


@dataclass(frozen=True, slots=True)
class ConsensusOutcome:
    decision: ConsensusDecision
    objections: tuple[str, ...]  # Member States present who objected
    ignored: tuple[str, ...]  # objections that cannot block (observers, absent, unknown)


def consensus_outcome(
    params: Parameters, attendees: Iterable[Attendee], objectors: Iterable[str]
) -> ConsensusOutcome:
    if not params.consensus_enabled:
        raise ProcedureError(ErrorCode.CONSENSUS_DISABLED)
    members = {
        a.delegation_id for a in attendees if a.is_present and a.kind is DelegationKind.MEMBER
    }
    raised = tuple(dict.fromkeys(objectors))
    objections = tuple(d for d in raised if d in members)
    ignored = tuple(d for d in raised if d not in members)
    if not objections:
        decision = ConsensusDecision.ADOPTED_WITHOUT_VOTE
    elif params.consensus_fallback is ConsensusFallback.VOTE:
        decision = ConsensusDecision.PROCEED_TO_VOTE
    else:
        decision = ConsensusDecision.CONTINUE_NEGOTIATION
    return ConsensusOutcome(decision, objections, ignored)


# ---- voting procedure (§6.1, §6.2, §6.5) -----------------------------------------------------


class VotingTrigger(StrEnum):
    CLOSURE = "closure"
    GSL_EXHAUSTION = "gsl_exhaustion"
    PREVIOUS_QUESTION = "previous_question"
    END_OF_DEBATE_TIME = "end_of_debate_time"


@dataclass(frozen=True, slots=True)
class VotingProcedure:
    trigger: VotingTrigger
    entered_at: datetime
    admitted: frozenset[str]  # present when voting procedure began: nobody else votes in it
    dr_order: tuple[str, ...]


def enter_voting_procedure(
    trigger: VotingTrigger,
    attendees: Iterable[Attendee],
    dr_order: Sequence[str],
    now: datetime,
    *,
    already_in_voting: bool = False,
) -> VotingProcedure:
    require_aware(now)
    if already_in_voting:
        raise ProcedureError(ErrorCode.ALREADY_IN_VOTING_PROCEDURE)
    admitted = frozenset(a.delegation_id for a in attendees if a.is_present)
    return VotingProcedure(trigger, now, admitted, tuple(dr_order))


class ItemKind(StrEnum):
    AMENDMENT = "amendment"
    DIVISION_PART = "division_part"
    DR = "dr"


class ItemStatus(StrEnum):
    PENDING = "pending"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NOT_PUT = "not_put"  # lapsed or excluded by an adopted amendment (§8.23, §8.24)
    LAPSED = "lapsed"  # stop_after_first_adopted (§8.34)
    REJECTED_WITHOUT_VOTE = "rejected_without_vote"  # division left nothing operative (§8.26)


@dataclass(frozen=True, slots=True)
class AmendmentAgenda:
    amendment_id: str
    seq: int  # submission order
    chair_rank: int | None = None  # chair's order (severity / furthest removed)
    parent: str | None = None  # second-degree: the amendment it amends
    excludes: frozenset[str] = frozenset()  # adopting this means the others are not put


@dataclass(frozen=True, slots=True)
class DrAgenda:
    dr_id: str
    amendments: tuple[AmendmentAgenda, ...] = ()
    division_parts: tuple[str, ...] = ()  # operative clauses (or sub-clauses) voted separately
    operative_remainder: int = 1  # operative clauses left in the remainder after division


@dataclass(frozen=True, slots=True)
class VoteItem:
    kind: ItemKind
    dr_id: str
    ref: str  # amendment id, clause id, or the DR id
    status: ItemStatus = ItemStatus.PENDING
    excludes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class VotingQueue:
    items: tuple[VoteItem, ...]
    operative_remainder: Mapping[str, int]
    substantive_vote_started: bool = False

    def next_item(self) -> VoteItem | None:
        return next((i for i in self.items if i.status is ItemStatus.PENDING), None)

    def status_of(self, ref: str) -> ItemStatus:
        return next(i.status for i in self.items if i.ref == ref)

    @property
    def adopted_drs(self) -> tuple[str, ...]:
        return tuple(
            i.ref for i in self.items if i.kind is ItemKind.DR and i.status is ItemStatus.ADOPTED
        )


def _amendment_order(params: Parameters, amendments: Sequence[AmendmentAgenda]) -> list[str]:
    """Chair's order (severity or furthest removed) or submission; second degree before parent."""
    if params.amendment_order is AmendmentOrder.SUBMISSION:
        firsts = sorted((a for a in amendments if a.parent is None), key=lambda a: a.seq)
    else:
        firsts = sorted(
            (a for a in amendments if a.parent is None),
            key=lambda a: (a.chair_rank is None, a.chair_rank or 0, a.seq),
        )
    order: list[str] = []
    for first in firsts:
        children = sorted(
            (a for a in amendments if a.parent == first.amendment_id), key=lambda a: a.seq
        )
        order += [c.amendment_id for c in children] + [first.amendment_id]
    return order


def build_queue(params: Parameters, agenda: Sequence[DrAgenda]) -> VotingQueue:
    items: list[VoteItem] = []
    for dr in agenda:
        by_id = {a.amendment_id: a for a in dr.amendments}
        for amendment_id in _amendment_order(params, dr.amendments):
            excludes = by_id[amendment_id].excludes
            items.append(VoteItem(ItemKind.AMENDMENT, dr.dr_id, amendment_id, excludes=excludes))
        items += [VoteItem(ItemKind.DIVISION_PART, dr.dr_id, part) for part in dr.division_parts]
        items.append(VoteItem(ItemKind.DR, dr.dr_id, dr.dr_id))
    remainder = MappingProxyType({dr.dr_id: dr.operative_remainder for dr in agenda})
    return VotingQueue(tuple(items), remainder)


def _set(queue: VotingQueue, changes: Mapping[str, ItemStatus]) -> tuple[VoteItem, ...]:
    return tuple(replace(i, status=changes[i.ref]) if i.ref in changes else i for i in queue.items)


def mark_not_put(queue: VotingQueue, ref: str) -> VotingQueue:
    """A lapsed amendment (its target clause is gone) is skipped."""
    return replace(queue, items=_set(queue, {ref: ItemStatus.NOT_PUT}))


def record_item(params: Parameters, queue: VotingQueue, ref: str, adopted: bool) -> VotingQueue:
    """Record the result of the next item and apply its consequences."""
    item = queue.next_item()
    if item is None or item.ref != ref:
        raise ProcedureError(
            ErrorCode.NOT_YOUR_TURN, delegation=ref, expected=item.ref if item else None
        )
    changes: dict[str, ItemStatus] = {ref: ItemStatus.ADOPTED if adopted else ItemStatus.REJECTED}
    pending = [i for i in queue.items if i.status is ItemStatus.PENDING and i.ref != ref]
    if item.kind is ItemKind.AMENDMENT and adopted:
        for other in pending:
            if other.ref in item.excludes or ref in other.excludes:
                changes[other.ref] = ItemStatus.NOT_PUT
    if item.kind is ItemKind.DIVISION_PART:
        parts = [
            i for i in queue.items if i.kind is ItemKind.DIVISION_PART and i.dr_id == item.dr_id
        ]
        decided = {p.ref: p.status for p in parts} | {ref: changes[ref]}
        if all(s is not ItemStatus.PENDING for s in decided.values()):
            kept = sum(1 for s in decided.values() if s is ItemStatus.ADOPTED)
            if kept + queue.operative_remainder.get(item.dr_id, 0) == 0:
                changes[item.dr_id] = ItemStatus.REJECTED_WITHOUT_VOTE
    if item.kind is ItemKind.DR and adopted and params.stop_after_first_adopted:
        for other in pending:
            changes[other.ref] = ItemStatus.LAPSED
    return replace(queue, items=_set(queue, changes), substantive_vote_started=True)


def reorder(queue: VotingQueue, order: Sequence[str]) -> VotingQueue:
    """A carried reorder motion; only before the first substantive vote (§3.2 V1)."""
    current = list(dict.fromkeys(i.dr_id for i in queue.items))
    if queue.substantive_vote_started or sorted(order) != sorted(current):
        raise ProcedureError(ErrorCode.REORDER_INVALID, order=list(order), expected=current)
    rank = {dr: index for index, dr in enumerate(order)}
    items = sorted(queue.items, key=lambda i: rank[i.dr_id])  # stable within each DR
    return replace(queue, items=tuple(items))


def contradiction_warning(queue: VotingQueue) -> bool:
    """Several adopted DRs on one topic: warn the chair they may contradict (§8.34)."""
    return len(queue.adopted_drs) > 1
