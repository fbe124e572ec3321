"""Attendance, permissions by kind and status, quorum and the announced numbers (§1, §8.1–8.5).

Counting conventions:
- *members present* counts Member States with status Present or P&V (quorum counts members);
- *delegations present* counts Member States and observers present (the rapporteur's "N
  countries present"); NGOs are never counted;
- the *procedural electorate* is members present plus observers when
  ``observers_vote_procedural``; the *substantive electorate* is members present.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .choices import DrQuotaBase, PresentMeans, QuorumBase
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .thresholds import at_least_fraction, more_than_fraction, simple_majority, two_thirds
from .timers import require_aware


class RollStatus(StrEnum):
    ABSENT = "absent"
    PRESENT = "present"
    PRESENT_AND_VOTING = "present_and_voting"


class DelegationKind(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    NGO = "ngo"


@dataclass(frozen=True, slots=True)
class Attendee:
    """One delegation's standing. ``held_at_door`` marks a late arrival during voting (§8.1)."""

    delegation_id: str
    kind: DelegationKind
    status: RollStatus = RollStatus.ABSENT
    since: datetime | None = None
    held_at_door: bool = False

    @property
    def is_present(self) -> bool:
        return in_the_room(self.status, self.held_at_door)


def in_the_room(status: RollStatus, held_at_door: bool) -> bool:
    """Present for every rule that counts the room (quorum, votes, lists): answered present,
    and not a late arrival held at the door during voting procedure (§8.1)."""
    return status is not RollStatus.ABSENT and not held_at_door


# ---- permissions (§1.1, §1.2) ---------------------------------------------------------------


def can_vote_procedural(params: Parameters, attendee: Attendee) -> bool:
    if not attendee.is_present:
        return False
    if attendee.kind is DelegationKind.MEMBER:
        return True
    return attendee.kind is DelegationKind.OBSERVER and params.observers_vote_procedural


def can_vote_substantive(attendee: Attendee) -> bool:
    """Only Member States ever vote on substance."""
    return attendee.is_present and attendee.kind is DelegationKind.MEMBER


def may_abstain(params: Parameters, attendee: Attendee, *, substantive: bool) -> bool:
    """P&V gives up the abstention on substance; procedural votes forbid it unless configured."""
    if substantive:
        return can_vote_substantive(attendee) and attendee.status is RollStatus.PRESENT
    return can_vote_procedural(params, attendee) and params.procedural_abstention_allowed


def present_auto_abstains(params: Parameters, attendee: Attendee) -> bool:
    """SMUN-style ``present_means=auto_abstain``: a Present member abstains on substance."""
    return (
        params.present_means is PresentMeans.AUTO_ABSTAIN
        and can_vote_substantive(attendee)
        and attendee.status is RollStatus.PRESENT
    )


def can_sponsor(params: Parameters, attendee: Attendee) -> bool:
    if attendee.kind is DelegationKind.MEMBER:
        return True
    return attendee.kind is DelegationKind.OBSERVER and params.observers_may_sponsor


def can_sign(params: Parameters, attendee: Attendee) -> bool:
    if attendee.kind is DelegationKind.MEMBER:
        return True
    return attendee.kind is DelegationKind.OBSERVER and params.observers_may_sign_dr


def needs_chair_permission_to_speak(attendee: Attendee) -> bool:
    return attendee.kind is DelegationKind.NGO


# ---- status changes (§1.2, §8.1, §8.3) -------------------------------------------------------

_RANK = {RollStatus.ABSENT: 0, RollStatus.PRESENT: 1, RollStatus.PRESENT_AND_VOTING: 2}


def set_status(
    params: Parameters,
    attendee: Attendee,
    status: RollStatus,
    now: datetime,
    *,
    in_voting_procedure: bool = False,
    roll_call: bool = False,
) -> Attendee:
    """Record a new status.

    ``roll_call=True`` is the rapporteur re-taking roll: answers replace the old ones outright
    (a new session), so the downgrade rule does not apply. Outside a roll call:
    - observers and NGOs may only be Present (§1.2);
    - P&V → Present is refused unless ``allow_pv_downgrade`` (§8.3);
    - no status changes during voting procedure; a late arrival is held at the door (§8.1).
    """
    require_aware(now)
    if attendee.kind is not DelegationKind.MEMBER and status is RollStatus.PRESENT_AND_VOTING:
        raise ProcedureError(
            ErrorCode.STATUS_NOT_ALLOWED_FOR_KIND,
            delegation=attendee.delegation_id,
            kind=attendee.kind.value,
            status=status.value,
            allowed=[RollStatus.ABSENT.value, RollStatus.PRESENT.value],
        )
    if roll_call:
        return Attendee(attendee.delegation_id, attendee.kind, status, now)
    if in_voting_procedure and params.doors_closed_in_voting:
        if attendee.status is RollStatus.ABSENT and status is not RollStatus.ABSENT:
            return replace(attendee, status=status, since=now, held_at_door=True)
        if status is not attendee.status:
            raise ProcedureError(
                ErrorCode.STATUS_LOCKED_IN_VOTING,
                delegation=attendee.delegation_id,
                status=attendee.status.value,
                requested=status.value,
            )
    if (
        attendee.status is RollStatus.PRESENT_AND_VOTING
        and status is RollStatus.PRESENT
        and not params.allow_pv_downgrade
    ):
        raise ProcedureError(ErrorCode.DOWNGRADE_NOT_ALLOWED, delegation=attendee.delegation_id)
    if status is attendee.status:
        return attendee
    return Attendee(attendee.delegation_id, attendee.kind, status, now)


def release_held(attendees: Iterable[Attendee]) -> tuple[Attendee, ...]:
    """Voting procedure ended: those waiting at the door become present."""
    return tuple(replace(a, held_at_door=False) if a.held_at_door else a for a in attendees)


def is_upgrade(old: RollStatus, new: RollStatus) -> bool:
    return _RANK[new] > _RANK[old]


# ---- quorum and announced numbers (§1.3, §1.4, §8.5) ----------------------------------------


def quorum_base_size(
    params: Parameters,
    membership: int,
    *,
    registered: int | None = None,
    present_at_first_roll: int | None = None,
) -> int:
    """The n that quorum fractions apply to; falls back to membership when a count is unknown."""
    if params.quorum_base is QuorumBase.REGISTERED and registered is not None:
        return registered
    if params.quorum_base is QuorumBase.PRESENT_AT_FIRST_ROLL and present_at_first_roll is not None:
        return present_at_first_roll
    return membership


def decision_quorum_required(
    params: Parameters,
    membership: int,
    *,
    registered: int | None = None,
    present_at_first_roll: int | None = None,
) -> int:
    """Members present a decision needs: more than ``quorum_decision_fraction`` of the quorum
    base (for C34's 34 members, 18)."""
    base = quorum_base_size(
        params, membership, registered=registered, present_at_first_roll=present_at_first_roll
    )
    return more_than_fraction(params.quorum_decision_fraction, base)


def members_present(attendees: Iterable[Attendee]) -> int:
    """Member States in the room: what quorum counts (§1.3)."""
    return sum(1 for a in attendees if a.is_present and a.kind is DelegationKind.MEMBER)


def decision_quorum_holds(
    params: Parameters, attendees: Iterable[Attendee], membership: int
) -> bool:
    """Enough Member States are present for a substantive vote (§1.3); when not, substantive
    votes are refused and the dais shows a banner."""
    return members_present(attendees) >= decision_quorum_required(params, membership)


@dataclass(frozen=True, slots=True)
class BaseNumbers:
    """The majorities for one base (one electorate)."""

    size: int
    simple_majority: int
    two_thirds: int


def base_numbers(params: Parameters, size: int) -> BaseNumbers:
    return BaseNumbers(size, simple_majority(size), two_thirds(size, params.two_thirds_rounding))


@dataclass(frozen=True, slots=True)
class Numbers:
    """What the rapporteur announces after each roll call and the dais screen shows.

    The headline four are ``delegations_present``, ``simple_majority``, ``two_thirds`` and
    ``signatory_quota``; ``procedural`` and ``substantive`` give both bases at once (§8.5).
    """

    membership: int
    members_present: int
    observers_present: int
    delegations_present: int
    simple_majority: int
    two_thirds: int
    signatory_quota: int
    quorum_open_required: int
    quorum_decision_required: int
    quorum_open_met: bool
    quorum_decision_met: bool
    procedural: BaseNumbers
    substantive: BaseNumbers


def signatory_quota(params: Parameters, delegations_present: int, membership: int) -> int:
    base = membership if params.dr_quota_base is DrQuotaBase.MEMBERSHIP else delegations_present
    return at_least_fraction(params.dr_quota_fraction, base)


def announce_numbers(
    params: Parameters,
    membership: int,
    attendees: Iterable[Attendee],
    *,
    registered: int | None = None,
    present_at_first_roll: int | None = None,
) -> Numbers:
    """Quorum and majorities from the current attendance.

    For C34 (34 members, 30 present): opening quorum 12, decision quorum 18, simple majority 16,
    two-thirds 20, quota 6.
    """
    if membership < 1:
        raise ProcedureError(ErrorCode.INVALID_MEMBERSHIP, membership=membership)
    present = [a for a in attendees if a.is_present]
    members = members_present(present)
    observers = sum(1 for a in present if a.kind is DelegationKind.OBSERVER)
    delegations = members + observers
    procedural = sum(1 for a in present if can_vote_procedural(params, a))
    q_base = quorum_base_size(
        params, membership, registered=registered, present_at_first_roll=present_at_first_roll
    )
    open_required = at_least_fraction(params.quorum_open_fraction, q_base)
    decision_required = decision_quorum_required(
        params, membership, registered=registered, present_at_first_roll=present_at_first_roll
    )
    return Numbers(
        membership=membership,
        members_present=members,
        observers_present=observers,
        delegations_present=delegations,
        simple_majority=simple_majority(delegations),
        two_thirds=two_thirds(delegations, params.two_thirds_rounding),
        signatory_quota=signatory_quota(params, delegations, membership),
        quorum_open_required=open_required,
        quorum_decision_required=decision_required,
        quorum_open_met=members >= open_required,
        quorum_decision_met=members >= decision_required,
        procedural=base_numbers(params, procedural),
        substantive=base_numbers(params, members),
    )


class QuorumState(StrEnum):
    """§1.3 / §8.4: what the committee may do with the quorum it has."""

    FULL = "full"  # debate and all votes
    DEBATE_ONLY = "debate_only"  # opening quorum holds: debate and procedural votes only
    NONE = "none"  # below opening quorum: the chair may suspend


def quorum_state(numbers: Numbers) -> QuorumState:
    if numbers.quorum_decision_met:
        return QuorumState.FULL
    if numbers.quorum_open_met:
        return QuorumState.DEBATE_ONLY
    return QuorumState.NONE


def require_decision_quorum(numbers: Numbers) -> None:
    """Substantive votes are blocked while the decision quorum is lost (§8.2)."""
    if not numbers.quorum_decision_met:
        raise ProcedureError(
            ErrorCode.DECISION_QUORUM_LOST,
            members_present=numbers.members_present,
            required=numbers.quorum_decision_required,
        )
