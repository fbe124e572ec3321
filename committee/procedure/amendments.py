"""Amendments to draft resolutions (procedure.md §5.4, §8.22–8.25, §8.27).

An amendment is a list of changes (ADD / MODIFY / STRIKE / MOVE) aimed at operative clauses by
their stable ids. Friendly: signed by every *current* sponsor, applied at once. Unfriendly: the
DR's quota and a vote. Second-degree amendments (where allowed) replace the changes of the
amendment they amend; third-degree ones are never in order. An amendment whose target clause
is gone lapses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from .clauses import MAX_DEPTH, Clause, ClauseKind, Resolution, depth_of, find, kind_of, validate
from .documents import Document
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


@dataclass(frozen=True, slots=True)
class Amendment:
    id: str
    dr_id: str
    changes: tuple[Change, ...]
    supporters: tuple[str, ...] = ()  # who signed it (sponsors and others)
    parent: str | None = None  # second degree: the amendment this one amends


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
