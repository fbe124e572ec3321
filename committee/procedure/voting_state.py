"""Voting procedure as the floor keeps it (procedure.md §6): which draft resolutions are voted
on, the order of voting, the question put now and the last result.

Only ids and small values live here; who may vote on a question and every ballot are kept in
the record with the question (its row), never on the floor, which every log event diffs.
Item refs name what an item decides: ``dr:<id>`` a draft resolution, ``am:<id>`` an amendment,
``part:<dr id>:<clause id>`` a part of a divided question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .voting import ItemKind, ItemStatus, VoteItem, VotingTrigger


class VoteMethod(StrEnum):
    """How a question is put (§6.3)."""

    PLACARDS = "placards"  # the dais counts and types Yes / No / Abstain
    PHONES = "phones"  # each delegation votes on its phone
    ROLL_CALL = "roll_call"  # the dais calls each delegation in order (§6.4)
    CONSENSUS = "consensus"  # "is there any objection?" (§6.7)


def dr_ref(dr_id: str) -> str:
    return f"dr:{dr_id}"


def amendment_ref(amendment_id: str) -> str:
    return f"am:{amendment_id}"


def part_ref(dr_id: str, clause_id: str) -> str:
    return f"part:{dr_id}:{clause_id}"


def ref_target(item: VoteItem) -> str:
    """What the item's ref names without its prefix: the DR, amendment or clause id."""
    if item.kind is ItemKind.DIVISION_PART:
        return item.ref.rsplit(":", 1)[1]
    return item.ref.split(":", 1)[1]


@dataclass(frozen=True, slots=True)
class DrInVoting:
    """A draft resolution in voting procedure and what the carried voting-procedure motions
    asked of it."""

    dr_id: str
    operative: tuple[str, ...]  # its operative clauses, by id, in order
    subclauses: tuple[str, ...] = ()  # their sub-clauses, by id (division by sub-clause)
    # Each sub-clause with the clause it sits in, in the order of the text: how a division by
    # sub-clause puts its parts in the text's order and keeps a part out of another part.
    parents: tuple[tuple[str, str], ...] = ()
    roll_call: bool = False  # a roll-call vote was carried (or requested) on it
    consensus: bool = False  # a motion to adopt it by consensus was carried
    divide_house: bool = False  # THIMUN: every member votes For or Against
    important: bool = False  # declared an important question: its own threshold (§6.6)
    divided: bool = False  # a division of the question was carried on it
    second_degree: tuple[tuple[str, str], ...] = ()  # (amendment, the amendment it amends)


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """The question put to the committee now."""

    ref: str
    method: VoteMethod
    opened_at: datetime
    electorate_size: int  # how many may vote, frozen as it opened
    question_id: int | None = None  # its row in the record: who may vote, the ballots
    round: int = 1  # a roll call's round
    objections_until: datetime | None = None  # consensus: when the window closes


@dataclass(frozen=True, slots=True)
class DecidedItem:
    """The last item decided, kept so the dais can void it (§8.38): the order of voting as it
    stood before the result."""

    ref: str
    question_id: int | None
    passed: bool
    method: VoteMethod
    decided_at: datetime
    items_before: tuple[VoteItem, ...] = ()
    drs_before: tuple[DrInVoting, ...] = ()  # the drafts' clauses and flags before it


@dataclass(frozen=True, slots=True)
class VotingState:
    trigger: VotingTrigger
    entered_at: datetime
    admitted: tuple[str, ...]  # present when the doors closed: nobody else votes in it
    drs: tuple[DrInVoting, ...] = ()
    items: tuple[VoteItem, ...] = ()
    substantive_vote_started: bool = False
    question: OpenQuestion | None = None
    last: DecidedItem | None = None

    @property
    def dr_order(self) -> tuple[str, ...]:
        return tuple(dr.dr_id for dr in self.drs)

    def dr(self, dr_id: str) -> DrInVoting:
        """A DR by its id, or by its item's ref ("dr:7")."""
        plain = dr_id.removeprefix("dr:")
        return next(dr for dr in self.drs if dr.dr_id == plain)

    def item(self, ref: str) -> VoteItem | None:
        return next((i for i in self.items if i.ref == ref), None)

    def next_item(self) -> VoteItem | None:
        return next((i for i in self.items if i.status is ItemStatus.PENDING), None)

    @property
    def finished(self) -> bool:
        return self.next_item() is None
