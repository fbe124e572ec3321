"""Facts of voting procedure (procedure.md §6): questions put on amendments, parts of a divided
question and draft resolutions, their ballots, results, consensus and voided results.

An item is named by its ref (``dr:7``, ``am:12``, ``part:7:c3``) and, for the sentence, by the
document, amendment and clause ids it decides; delegations by their id.
"""

from __future__ import annotations

from dataclasses import dataclass

from committee.procedure.electorate import VoteChoice
from committee.procedure.facts.documents import DocumentRef
from committee.procedure.facts.kinds import EventKind
from committee.procedure.thresholds import Verdict
from committee.procedure.voting import ItemKind, ItemStatus
from committee.procedure.voting_state import VoteMethod


@dataclass(frozen=True, slots=True)
class VoteSubject:
    """What an item decides: a draft resolution, one of its amendments or a clause. The app
    adds how the log names them as they stood: the DR's number, the amendment's number, the
    clause's label."""

    ref: str
    kind: ItemKind
    document: int
    amendment: int | None = None
    clause: str | None = None
    doc: DocumentRef | None = None
    amendment_number: int | None = None
    clause_label: str | None = None


@dataclass(frozen=True, slots=True)
class VoteOpened:
    subject: VoteSubject
    method: VoteMethod
    electorate: int  # how many may vote, frozen as the question opened
    threshold: str  # "kind/base"
    first_called: int | None = None  # a roll call: who is called first
    seed: int | None = None  # a roll call drawn by lot: the seed, so the draw can be checked
    abstentions_allowed: bool = True  # False in a division of the house


@dataclass(frozen=True, slots=True)
class VoteBallot:
    """A vote given on a phone, entered by the dais, or answered aloud at a roll call."""

    subject: VoteSubject
    delegation: int
    choice: str  # a VoteChoice value, or "refused" for a passer who would not answer
    round: int = 1
    entered_by_dais: bool = False
    changed: bool = False  # it replaced the delegation's earlier answer


@dataclass(frozen=True, slots=True)
class RollCallRoundTwo:
    subject: VoteSubject
    passers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ConsensusObjected:
    subject: VoteSubject
    delegation: int
    counts: bool  # False for an observer's objection, which cannot block (§8.35)


@dataclass(frozen=True, slots=True)
class ItemSettled:
    """An item decided without its own vote: not put, lapsed, or rejected without a vote."""

    ref: str
    status: ItemStatus
    subject: VoteSubject | None = None  # how the log names it, added by the app


@dataclass(frozen=True, slots=True)
class VoteAnnounced:
    subject: VoteSubject
    method: VoteMethod
    passed: bool
    verdict: Verdict | None  # None when adopted without a vote
    yes: int = 0
    no: int = 0
    abstain: int = 0
    not_voting: int = 0
    required_yes: int = 0
    base_size: int = 0
    threshold: str = ""
    rights: tuple[int, ...] = ()  # who explains their vote after the result
    settled: tuple[ItemSettled, ...] = ()


@dataclass(frozen=True, slots=True)
class ConsensusFailed:
    subject: VoteSubject
    objections: tuple[int, ...]
    to_vote: bool  # True: proceed to a vote; False: back to negotiation


@dataclass(frozen=True, slots=True)
class AmendmentsOrdered:
    """The chair's order of a DR's unfriendly amendments, by their numbers."""

    doc: DocumentRef
    numbers: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class VoteVoided:
    subject: VoteSubject
    question: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class VotingProcedureEnded:
    adopted: tuple[int, ...]  # the draft resolutions adopted, by document id


PAYLOADS: dict[EventKind, type] = {
    EventKind.VOTE_OPENED: VoteOpened,
    EventKind.VOTE_BALLOT_CAST: VoteBallot,
    EventKind.VOTE_BALLOT_ENTERED: VoteBallot,
    EventKind.VOTE_ROLL_ANSWERED: VoteBallot,
    EventKind.VOTE_ROLL_ROUND_TWO: RollCallRoundTwo,
    EventKind.VOTE_CONSENSUS_OBJECTED: ConsensusObjected,
    EventKind.VOTE_ANNOUNCED: VoteAnnounced,
    EventKind.VOTE_CONSENSUS_FAILED: ConsensusFailed,
    EventKind.VOTE_VOIDED: VoteVoided,
    EventKind.VOTE_AMENDMENTS_ORDERED: AmendmentsOrdered,
    EventKind.VOTING_PROCEDURE_ENDED: VotingProcedureEnded,
}

__all__ = ["PAYLOADS", "VoteChoice"]
