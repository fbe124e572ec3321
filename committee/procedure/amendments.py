"""Amendments to draft resolutions (procedure.md §5.4, §8.22–8.25, §8.27).

An amendment is a list of changes (ADD / MODIFY / STRIKE / MOVE) aimed at operative clauses by
their stable ids. Friendly: signed by every *current* sponsor, applied at once. Unfriendly: the
DR's quota and a vote. Second-degree amendments (where allowed) replace the changes of the
amendment they amend; third-degree ones are never in order. An amendment whose target clause
is gone lapses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from .attendance import Attendee, can_sign
from .clauses import MAX_DEPTH, Clause, ClauseKind, Resolution, depth_of, find, kind_of, validate
from .documents import Document, DocumentKind, DocumentStatus
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .thresholds import at_least_fraction


class AmendmentAction(StrEnum):
    ADD = "add"
    MODIFY = "modify"
    STRIKE = "strike"
    MOVE = "move"


class AmendmentKind(StrEnum):
    NON_SUBSTANTIVE = "non_substantive"
    FRIENDLY = "friendly"
    UNFRIENDLY = "unfriendly"


@dataclass(frozen=True, slots=True)
class Change:
    """``target`` is the clause for MODIFY/STRIKE/MOVE and the parent for ADD (None: a new
    operative clause). ``position`` is the 0-based index among the new siblings (None: last)."""

    action: AmendmentAction
    target: str | None = None
    text: str | None = None
    new_id: str | None = None
    position: int | None = None
    destination: str | None = None  # MOVE: the new parent (None: top level)


class AmendmentStatus(StrEnum):
    """An amendment's way through the committee (§5.4). The Director approves or returns it
    first; the DR's sponsors are then asked whether it is friendly. All accept: it is applied
    at once. One refuses: it is unfriendly, collects signatories to the quota, then waits for
    voting procedure."""

    SUBMITTED = "submitted"  # before the Director
    RETURNED = "returned"  # the Director sent it back with a reason
    WITH_SPONSORS = "with_sponsors"  # approved; the DR's sponsors are asked
    APPLIED = "applied"  # friendly: incorporated in place, no vote
    UNFRIENDLY = "unfriendly"  # collecting signatories to the quota
    AWAITING_VOTE = "awaiting_vote"  # unfriendly with its quota: voted before its DR
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"  # its target clause is gone
    NOT_PUT = "not_put"  # a change adopted first made it moot
    ADOPTED = "adopted"
    REJECTED = "rejected"


PENDING = frozenset(
    {
        AmendmentStatus.SUBMITTED,
        AmendmentStatus.WITH_SPONSORS,
        AmendmentStatus.UNFRIENDLY,
        AmendmentStatus.AWAITING_VOTE,
    }
)


@dataclass(frozen=True, slots=True)
class Amendment:
    id: str
    dr_id: str
    changes: tuple[Change, ...]
    supporters: tuple[str, ...] = ()  # who signed it (sponsors and others)
    parent: str | None = None  # second degree: the amendment this one amends
    status: AmendmentStatus = AmendmentStatus.SUBMITTED
    submitter: str | None = None
    refused_by: tuple[str, ...] = ()  # sponsors who would not take it as friendly
    quota: int | None = None  # fixed when it becomes unfriendly


def _targets(change: Change) -> tuple[str, ...]:
    ids = [change.target] if change.target is not None else []
    if change.action is AmendmentAction.MOVE and change.destination is not None:
        ids.append(change.destination)
    return tuple(ids)


def missing_targets(amendment: Amendment, resolution: Resolution) -> tuple[str, ...]:
    return tuple(
        target
        for change in amendment.changes
        for target in _targets(change)
        if find(resolution, target) is None
    )


def is_lapsed(amendment: Amendment, resolution: Resolution) -> bool:
    """Its target was struck by an earlier adopted amendment (§5.4 conflicts)."""
    return bool(missing_targets(amendment, resolution))


def check_amendment(
    params: Parameters,
    amendment: Amendment,
    resolution: Resolution,
    others: Mapping[str, Amendment],
) -> None:
    """Refuse what can never be put: empty, preamble, unknown clause, wrong degree (§8.23,
    §8.25)."""
    if not amendment.changes:
        raise ProcedureError(ErrorCode.EMPTY_AMENDMENT)
    if amendment.parent is not None:
        if not params.allow_second_degree:
            raise ProcedureError(ErrorCode.SECOND_DEGREE_NOT_ALLOWED)
        parent = others.get(amendment.parent)
        if parent is None:
            raise ProcedureError(ErrorCode.UNKNOWN_MOTION, motion_id=amendment.parent)
        if parent.parent is not None:
            raise ProcedureError(ErrorCode.THIRD_DEGREE_NOT_ALLOWED, parent=parent.id)
    for change in amendment.changes:
        for target in _targets(change):
            kind = kind_of(resolution, target)
            if kind is None:
                raise ProcedureError(
                    ErrorCode.UNKNOWN_CLAUSE, clause=target, document=amendment.dr_id
                )
            if kind is ClauseKind.PREAMBULAR and not params.allow_preamble_amendments:
                raise ProcedureError(ErrorCode.PREAMBLE_NOT_AMENDABLE, clause=target)


def check_friendly(params: Parameters, amendment: Amendment, dr: Document) -> None:
    """Every *current* sponsor must have signed, unless friendly amendments are locked (§8.22)."""
    if params.lock_friendly_after_voted_amendment and dr.changed_by_voted_amendment:
        raise ProcedureError(ErrorCode.FRIENDLY_LOCKED, document=dr.label)
    missing = [s for s in dr.sponsors if s not in amendment.supporters]
    if missing:
        raise ProcedureError(ErrorCode.FRIENDLY_NEEDS_ALL_SPONSORS, missing=missing)


def unfriendly_quota(params: Parameters, present_at_last_roll_call: int) -> int:
    return at_least_fraction(params.effective_unfriendly_quota_fraction, present_at_last_roll_call)


def check_unfriendly(
    params: Parameters, amendment: Amendment, present_at_last_roll_call: int
) -> int:
    """The same quota as a DR (by default); returns the quota that applied."""
    quota = unfriendly_quota(params, present_at_last_roll_call)
    if len(set(amendment.supporters)) < quota:
        raise ProcedureError(
            ErrorCode.QUOTA_NOT_MET,
            document=amendment.id,
            count=len(set(amendment.supporters)),
            quota=quota,
        )
    return quota


def classify(params: Parameters, amendment: Amendment, dr: Document) -> AmendmentKind:
    try:
        check_friendly(params, amendment, dr)
    except ProcedureError:
        return AmendmentKind.UNFRIENDLY
    return AmendmentKind.FRIENDLY


def amend_amendment(parent: Amendment, child: Amendment) -> Amendment:
    """An adopted second-degree amendment replaces the changes of the one it amends."""
    if child.parent != parent.id:
        raise ProcedureError(ErrorCode.UNKNOWN_MOTION, motion_id=child.parent)
    return replace(parent, changes=child.changes)


# ---- the way through the committee -------------------------------------------------------------


def _require_status(amendment: Amendment, allowed: Iterable[AmendmentStatus]) -> None:
    allowed = tuple(allowed)
    if amendment.status not in allowed:
        raise ProcedureError(
            ErrorCode.AMENDMENT_WRONG_STATUS,
            amendment=amendment.id,
            status=amendment.status.value,
            expected=sorted(s.value for s in allowed),
        )


def check_amendable(dr: Document) -> None:
    """Amendments are to draft resolutions the Director approved, until they are voted on."""
    if dr.kind is not DocumentKind.DRAFT_RESOLUTION or dr.status not in (
        DocumentStatus.APPROVED,
        DocumentStatus.INTRODUCED,
    ):
        raise ProcedureError(
            ErrorCode.DOCUMENT_WRONG_STATUS,
            document=dr.label,
            status=dr.status.value,
            expected=[DocumentStatus.APPROVED.value, DocumentStatus.INTRODUCED.value],
        )


def submit_amendment(
    params: Parameters,
    amendment: Amendment,
    dr: Document,
    resolution: Resolution,
    others: Mapping[str, Amendment],
) -> Amendment:
    """A delegate's amendment goes to the Director; its writer supports it."""
    check_amendable(dr)
    check_amendment(params, amendment, resolution, others)
    supporters = amendment.supporters
    if amendment.submitter is not None and amendment.submitter not in supporters:
        supporters = (amendment.submitter, *supporters)
    return replace(amendment, status=AmendmentStatus.SUBMITTED, supporters=supporters)


def approve_amendment(
    params: Parameters, amendment: Amendment, dr: Document, present_at_last_roll_call: int
) -> Amendment:
    """The Director approves it (§5.4: friendly amendments too, before any sponsor's yes);
    the sponsors are asked next. Sponsors who wrote or backed it have accepted already; where
    friendly amendments are locked it goes the unfriendly way at once."""
    _require_status(amendment, [AmendmentStatus.SUBMITTED])
    check_amendable(dr)
    approved = replace(amendment, status=AmendmentStatus.WITH_SPONSORS)
    if params.lock_friendly_after_voted_amendment and dr.changed_by_voted_amendment:
        return _unfriendly(params, approved, present_at_last_roll_call)
    if amendment.parent is not None:
        # An amendment to an amendment is put to the vote before the one it changes (§5.4):
        # sponsors cannot take it into the text on their own.
        return _unfriendly(params, approved, present_at_last_roll_call)
    return settle_friendly(params, approved, dr)


def return_amendment(amendment: Amendment) -> Amendment:
    _require_status(amendment, [AmendmentStatus.SUBMITTED])
    return replace(amendment, status=AmendmentStatus.RETURNED)


def answer_friendly(
    params: Parameters,
    amendment: Amendment,
    dr: Document,
    delegation: str,
    *,
    accept: bool,
    present_at_last_roll_call: int,
) -> Amendment:
    """A current sponsor's answer. When every current sponsor has accepted, the amendment is
    friendly (APPLIED: the caller applies it); one refusal makes it unfriendly (§5.4)."""
    _require_status(amendment, [AmendmentStatus.WITH_SPONSORS])
    if delegation not in dr.sponsors:
        raise ProcedureError(ErrorCode.NOT_ASKED, delegation=delegation, amendment=amendment.id)
    if delegation in amendment.supporters or delegation in amendment.refused_by:
        raise ProcedureError(
            ErrorCode.ALREADY_ANSWERED, delegation=delegation, amendment=amendment.id
        )
    if not accept:
        refused = replace(amendment, refused_by=(*amendment.refused_by, delegation))
        return _unfriendly(params, refused, present_at_last_roll_call)
    accepted = replace(amendment, supporters=(*amendment.supporters, delegation))
    return settle_friendly(params, accepted, dr)


def waiting_for(amendment: Amendment, dr: Document) -> tuple[str, ...]:
    """The current sponsors who have not answered yet."""
    if amendment.status is not AmendmentStatus.WITH_SPONSORS:
        return ()
    return tuple(s for s in dr.sponsors if s not in amendment.supporters)


def settle_friendly(params: Parameters, amendment: Amendment, dr: Document) -> Amendment:
    """APPLIED once every current sponsor of the DR supports it; otherwise as it was."""
    try:
        check_friendly(params, amendment, dr)
    except ProcedureError:
        return amendment
    return replace(amendment, status=AmendmentStatus.APPLIED)


def _unfriendly(
    params: Parameters, amendment: Amendment, present_at_last_roll_call: int
) -> Amendment:
    quota = unfriendly_quota(params, present_at_last_roll_call)
    status = (
        AmendmentStatus.AWAITING_VOTE
        if len(set(amendment.supporters)) >= quota
        else AmendmentStatus.UNFRIENDLY
    )
    return replace(amendment, status=status, quota=quota)


def sign_amendment(params: Parameters, amendment: Amendment, attendee: Attendee) -> Amendment:
    """An unfriendly amendment collects signatories, as a DR does, until its quota."""
    _require_status(amendment, [AmendmentStatus.UNFRIENDLY])
    delegation = attendee.delegation_id
    if not can_sign(params, attendee):
        raise ProcedureError(ErrorCode.CANNOT_SIGN, delegation=delegation, kind=attendee.kind.value)
    if delegation in amendment.supporters:
        raise ProcedureError(ErrorCode.ALREADY_LISTED, delegation=delegation, document=amendment.id)
    signed = replace(amendment, supporters=(*amendment.supporters, delegation))
    if amendment.quota is not None and len(set(signed.supporters)) >= amendment.quota:
        return replace(signed, status=AmendmentStatus.AWAITING_VOTE)
    return signed


def withdraw_amendment(amendment: Amendment, delegation: str) -> Amendment:
    """Its writer withdraws it while it is still pending."""
    _require_status(amendment, PENDING)
    if delegation != amendment.submitter:
        raise ProcedureError(ErrorCode.OWN_AMENDMENT, delegation=delegation, amendment=amendment.id)
    return replace(amendment, status=AmendmentStatus.WITHDRAWN)


def _touched(change: Change) -> str | None:
    if change.action in (AmendmentAction.MODIFY, AmendmentAction.STRIKE, AmendmentAction.MOVE):
        return change.target
    return None


def settle_pending(
    pending: Iterable[Amendment],
    before: Resolution,
    after: Resolution,
    applied: str | None = None,
) -> dict[str, AmendmentStatus]:
    """What a change of the text does to the amendments still pending (§5.4 conflicts,
    §8.23–8.24): one whose target is gone lapses; one that rewrites or strikes a clause whose
    text has just changed is not put (it was written against words that no longer stand), and
    so is an amendment to the amendment `applied` (what it would have changed is settled)."""
    outcome: dict[str, AmendmentStatus] = {}
    for amendment in pending:
        if amendment.status not in PENDING:
            continue
        if applied is not None and amendment.parent == applied:
            outcome[amendment.id] = AmendmentStatus.NOT_PUT
            continue
        if is_lapsed(amendment, after):
            outcome[amendment.id] = AmendmentStatus.LAPSED
            continue
        for change in amendment.changes:
            target = _touched(change)
            if target is None:
                continue
            old, new = find(before, target), find(after, target)
            if old is not None and new is not None and old.text != new.text:
                outcome[amendment.id] = AmendmentStatus.NOT_PUT
                break
    return outcome


# ---- applying changes to the clause tree -------------------------------------------------------


def _remove(
    clauses: tuple[Clause, ...], clause_id: str
) -> tuple[tuple[Clause, ...], Clause | None]:
    kept: list[Clause] = []
    removed: Clause | None = None
    for clause in clauses:
        if clause.id == clause_id:
            removed = clause
            continue
        children, found = _remove(clause.children, clause_id)
        removed = removed or found
        kept.append(replace(clause, children=children) if found else clause)
    return tuple(kept), removed


def _insert(
    clauses: tuple[Clause, ...], parent: str | None, position: int | None, new: Clause
) -> tuple[Clause, ...]:
    if parent is None:
        index = len(clauses) if position is None else max(0, min(position, len(clauses)))
        return (*clauses[:index], new, *clauses[index:])
    return tuple(
        replace(c, children=_insert(c.children, None, position, new))
        if c.id == parent
        else replace(c, children=_insert(c.children, parent, position, new))
        for c in clauses
    )


def _modify(clauses: tuple[Clause, ...], clause_id: str, text: str) -> tuple[Clause, ...]:
    return tuple(
        replace(c, text=text)
        if c.id == clause_id
        else replace(c, children=_modify(c.children, clause_id, text))
        for c in clauses
    )


Edit = Callable[[tuple[Clause, ...]], tuple[Clause, ...]]


def _on_part(resolution: Resolution, target: str | None, edit: Edit) -> Resolution:
    """Apply ``edit`` to the part holding ``target`` (new top-level clauses are operative)."""
    if target is not None and kind_of(resolution, target) is ClauseKind.PREAMBULAR:
        return replace(resolution, preamble=edit(resolution.preamble))
    return replace(resolution, operative=edit(resolution.operative))


def apply_change(resolution: Resolution, change: Change) -> Resolution:
    action = change.action
    if action is AmendmentAction.ADD:
        if change.new_id is None:
            raise ProcedureError(ErrorCode.EMPTY_AMENDMENT)
        if change.target is not None and depth_of(resolution, change.target) >= MAX_DEPTH:
            raise ProcedureError(ErrorCode.CLAUSE_TOO_DEEP, limit=MAX_DEPTH)
        new = Clause(change.new_id, change.text or "")
        return validate(
            _on_part(
                resolution,
                change.target,
                lambda part: _insert(part, change.target, change.position, new),
            )
        )
    target = change.target
    moved = find(resolution, target) if target is not None else None
    if target is None or moved is None:
        raise ProcedureError(ErrorCode.UNKNOWN_CLAUSE, clause=target, document="?")
    if action is AmendmentAction.MODIFY:
        return _on_part(resolution, target, lambda part: _modify(part, target, change.text or ""))
    if action is AmendmentAction.STRIKE:
        return _on_part(resolution, target, lambda part: _remove(part, target)[0])
    # MOVE: take the clause (with its sub-clauses) out and put it under the destination.
    if change.destination == target or (
        change.destination is not None and any(c.id == change.destination for c in _subtree(moved))
    ):
        raise ProcedureError(ErrorCode.MOVE_NOT_ALLOWED, clause=target)
    without = _on_part(resolution, target, lambda part: _remove(part, target)[0])
    placed = _on_part(
        without,
        change.destination,
        lambda part: _insert(part, change.destination, change.position, moved),
    )
    return validate(placed)


def _subtree(clause: Clause) -> tuple[Clause, ...]:
    out: list[Clause] = []
    for child in clause.children:
        out += [child, *_subtree(child)]
    return tuple(out)


def apply_amendment(resolution: Resolution, amendment: Amendment) -> Resolution:
    """Apply every change in order; a lapsed amendment is refused (§8.23)."""
    missing = missing_targets(amendment, resolution)
    if missing:
        raise ProcedureError(ErrorCode.AMENDMENT_LAPSED, amendment=amendment.id, clause=missing[0])
    for change in amendment.changes:
        resolution = apply_change(resolution, change)
    return resolution
