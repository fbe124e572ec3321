"""The order of voting and a draft resolution's text (procedure.md §6.5, §8.23, §8.26).

- ``queue_of``: the order of voting as ``voting.record_item`` reads it, with what each draft
  keeps operative outside the parts of a divided question.
- ``divide``: a carried division of the question; its parts are clauses the division may name
  (``division_unit``), none inside another, voted in the order of the text before the draft.
- ``revise_text``: the draft's clauses as an adopted amendment left them; parts whose clause
  is gone are not put, and a divided draft left with nothing operative is rejected without a
  vote. ``settle_items``: items a change of the text made moot are not put.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from types import MappingProxyType

from .division import check_parts, divisible
from .errors import ErrorCode, ProcedureError
from .facts.voting import ItemSettled
from .floor import FloorDoc
from .motions import Motion
from .parameters import Parameters
from .phases import Phase
from .voting import ItemKind, ItemStatus, VoteItem, VotingQueue
from .voting_state import DrInVoting, VotingState, dr_ref, part_ref, ref_target


def queue_of(state: VotingState) -> VotingQueue:
    remainder = {
        dr_ref(dr.dr_id): sum(
            1 for clause in dr.operative if state.item(part_ref(dr.dr_id, clause)) is None
        )
        for dr in state.drs
    }
    return VotingQueue(state.items, MappingProxyType(remainder), state.substantive_vote_started)


def text_order(dr: DrInVoting) -> dict[str, int]:
    """The draft's operative clauses and sub-clauses by their place in the text: each clause
    followed by what sits in it. Sub-clauses whose clause is not known come last."""
    children: dict[str, list[str]] = {}
    for child, parent in dr.parents:
        children.setdefault(parent, []).append(child)
    placed: list[str] = []
    stack = list(reversed(dr.operative))
    while stack:
        clause = stack.pop()
        placed.append(clause)
        stack += reversed(children.get(clause, []))
    seen = set(placed)
    placed += [clause for clause in dr.subclauses if clause not in seen]
    return {clause: index for index, clause in enumerate(placed)}


def inside_another_part(dr: DrInVoting, parts: Sequence[str]) -> bool:
    """A part that sits in a clause also named as a part (clause 2 and its sub-clause 2(a))."""
    parent = dict(dr.parents)
    named = set(parts)
    for part in parts:
        above = parent.get(part)
        while above is not None:
            if above in named:
                return True
            above = parent.get(above)
    return False


def divide(params: Parameters, state: VotingState, motion: Motion) -> VotingState:
    """A carried division of the question on the draft the motion names."""
    dr_id = (motion.target or "").removeprefix("dr:")
    dr = next((d for d in state.drs if d.dr_id == dr_id), None)
    allowed = divisible(params, dr.operative, dr.subclauses) if dr is not None else frozenset()
    parts = motion.parts
    if dr is None or dr.divided:
        raise ProcedureError(ErrorCode.DIVISION_INVALID, target=dr_id, parts=list(parts))
    check_parts(dr_id, parts, allowed)
    if inside_another_part(dr, parts):
        raise ProcedureError(
            ErrorCode.DIVISION_INVALID, target=dr_id, parts=list(parts), allowed=sorted(allowed)
        )
    # Parts are voted in the order of the text, after the DR's amendments, before the DR.
    order = text_order(dr)
    new = [
        VoteItem(ItemKind.DIVISION_PART, dr_ref(dr_id), part_ref(dr_id, p))
        for p in sorted(parts, key=order.__getitem__)
    ]
    items = list(state.items)
    at = next(i for i, item in enumerate(items) if item.ref == dr_ref(dr_id))
    items[at:at] = new
    drs = tuple(replace(d, divided=True) if d.dr_id == dr_id else d for d in state.drs)
    return replace(state, items=tuple(items), drs=drs)


def _voting(floor: FloorDoc) -> VotingState:
    if floor.phase is not Phase.VOTING_PROCEDURE or floor.voting is None:
        raise ProcedureError(ErrorCode.NOT_IN_VOTING_PROCEDURE)
    return floor.voting


def settle_items(floor: FloorDoc, refs: Iterable[str]) -> tuple[FloorDoc, tuple[ItemSettled, ...]]:
    """Items a change of the text made moot (an amendment whose clause is gone, a part struck
    by an adopted amendment) are not put."""
    state = _voting(floor)
    moot = {r for r in refs if (i := state.item(r)) is not None and i.status is ItemStatus.PENDING}
    if not moot:
        return floor, ()
    items = tuple(
        replace(i, status=ItemStatus.NOT_PUT) if i.ref in moot else i for i in state.items
    )
    settled = tuple(ItemSettled(i.ref, ItemStatus.NOT_PUT) for i in items if i.ref in moot)
    return replace(floor, voting=replace(state, items=items)), settled


def revise_text(
    floor: FloorDoc,
    dr_id: str,
    operative: Sequence[str],
    subclauses: Sequence[str] = (),
    parents: Sequence[tuple[str, str]] = (),
) -> tuple[FloorDoc, tuple[ItemSettled, ...]]:
    """A draft's clauses as an adopted amendment left them. A part of a divided question whose
    clause is gone is not put; what is left operative after the division is counted from the
    new text, so a divided draft left with nothing operative is rejected without a vote
    (§6.5, §8.26)."""
    revised, settled = _revise(_voting(floor), dr_id, operative, subclauses, parents)
    return replace(floor, voting=revised), settled


def _revise(
    state: VotingState,
    dr_id: str,
    operative: Sequence[str],
    subclauses: Sequence[str] = (),
    parents: Sequence[tuple[str, str]] = (),
) -> tuple[VotingState, tuple[ItemSettled, ...]]:
    """The draft's clauses as they now stand, and the items that settles."""
    plain = dr_id.removeprefix("dr:")
    if plain not in state.dr_order:
        raise ProcedureError(ErrorCode.DOCUMENT_NOT_READY, motion="voting", target=dr_id)
    ref = dr_ref(plain)
    drs = tuple(
        replace(d, operative=tuple(operative), subclauses=tuple(subclauses), parents=tuple(parents))
        if d.dr_id == plain
        else d
        for d in state.drs
    )
    revised = replace(state, drs=drs)
    still = {*operative, *subclauses}
    parts = [i for i in state.items if i.kind is ItemKind.DIVISION_PART and i.dr_id == ref]
    gone = {i.ref for i in parts if i.status is ItemStatus.PENDING and ref_target(i) not in still}
    changes = dict.fromkeys(gone, ItemStatus.NOT_PUT)
    decided = all(i.status is not ItemStatus.PENDING or i.ref in gone for i in parts)
    dr_item = state.item(ref)
    if parts and decided and dr_item is not None and dr_item.status is ItemStatus.PENDING:
        kept = sum(1 for i in parts if i.status is ItemStatus.ADOPTED)
        if kept + queue_of(revised).operative_remainder[ref] == 0:
            changes[ref] = ItemStatus.REJECTED_WITHOUT_VOTE
    items = tuple(replace(i, status=changes[i.ref]) if i.ref in changes else i for i in state.items)
    settled = tuple(ItemSettled(i.ref, i.status) for i in items if i.ref in changes)
    return replace(revised, items=items), settled
