"""The electorate snapshot and per-answer checks (procedure.md §0.3 point 3, §6.3, §6.4).

When a vote opens, who may vote and the base numbers are frozen. Later attendance changes never
touch a snapshot: it is an immutable value built from the attendance at that moment.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .attendance import (
    Attendee,
    DelegationKind,
    RollStatus,
    can_vote_procedural,
    can_vote_substantive,
    may_abstain,
    present_auto_abstains,
)
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .timers import require_aware


class VoteChoice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    PASS = "pass"
    YES_WITH_RIGHTS = "yes_with_rights"
    NO_WITH_RIGHTS = "no_with_rights"

    @property
    def with_rights(self) -> bool:
        return self in (VoteChoice.YES_WITH_RIGHTS, VoteChoice.NO_WITH_RIGHTS)

    @property
    def counts_as(self) -> VoteChoice:
        """Yes/No with rights count as Yes/No."""
        if self is VoteChoice.YES_WITH_RIGHTS:
            return VoteChoice.YES
        if self is VoteChoice.NO_WITH_RIGHTS:
            return VoteChoice.NO
        return self


@dataclass(frozen=True, slots=True)
class Voter:
    delegation_id: str
    kind: DelegationKind
    status: RollStatus
    may_abstain: bool
    auto_abstains: bool = False


@dataclass(frozen=True, slots=True)
class ElectorateSnapshot:
    """Who may vote on one question, frozen when the vote opens."""

    voters: tuple[Voter, ...]
    membership: int
    substantive: bool
    taken_at: datetime

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(v.delegation_id for v in self.voters)

    @property
    def size(self) -> int:
        return len(self.voters)

    def voter(self, delegation: str) -> Voter:
        for voter in self.voters:
            if voter.delegation_id == delegation:
                return voter
        raise ProcedureError(ErrorCode.NOT_IN_SNAPSHOT, delegation=delegation)


def snapshot_electorate(
    params: Parameters,
    membership: int,
    attendees: Iterable[Attendee],
    *,
    substantive: bool,
    now: datetime,
    admitted: frozenset[str] | None = None,
    abstentions_allowed: bool = True,
) -> ElectorateSnapshot:
    """Freeze the electorate. ``admitted`` limits it to those present when voting procedure
    began (the doors are closed: §1.2, §6.1). ``abstentions_allowed=False`` is THIMUN's
    division of the house: every voter must vote For or Against, whatever its roll status, so
    nobody may abstain and a silent Present member does not abstain either (§6.3)."""
    require_aware(now)
    voters = []
    for attendee in attendees:
        if admitted is not None and attendee.delegation_id not in admitted:
            continue
        eligible = (
            can_vote_substantive(attendee) if substantive else can_vote_procedural(params, attendee)
        )
        if eligible:
            voters.append(
                Voter(
                    attendee.delegation_id,
                    attendee.kind,
                    attendee.status,
                    abstentions_allowed and may_abstain(params, attendee, substantive=substantive),
                    abstentions_allowed and substantive and present_auto_abstains(params, attendee),
                )
            )
    return ElectorateSnapshot(tuple(voters), membership, substantive, now)


def check_choice(
    params: Parameters,
    snapshot: ElectorateSnapshot,
    delegation: str,
    choice: VoteChoice,
    *,
    allow_pass: bool = False,
    allow_rights: bool = True,
) -> Voter:
    """Refuse an answer the delegation may not give (§6.4 per-answer rules)."""
    voter = snapshot.voter(delegation)
    if choice is VoteChoice.ABSTAIN and not voter.may_abstain:
        raise ProcedureError(ErrorCode.ABSTENTION_NOT_ALLOWED, delegation=delegation)
    if choice is VoteChoice.PASS and not (allow_pass and params.allow_pass):
        raise ProcedureError(ErrorCode.PASS_NOT_ALLOWED, delegation=delegation)
    if choice.with_rights and not (allow_rights and params.rights_enabled):
        raise ProcedureError(ErrorCode.RIGHTS_NOT_ALLOWED, delegation=delegation)
    return voter
