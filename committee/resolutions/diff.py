"""What changed between two versions of a resolution, clause by clause.

Clauses are matched by their stable ids, never by position. Each clause gets one status:

- ``added``: only in the new version; ``struck``: only in the old one (its sub-clauses that
  are not elsewhere in the new version are struck with it);
- ``modified``: its text changed (whatever happened to its number);
- ``moved``: same text, but it changed parent, or its order among the siblings it kept;
- ``renumbered``: same text, same place among its siblings, yet a different number, because a
  clause before it (or its parent's number) changed;
- ``unchanged``: same text, same number.

Texts are compared without the closing punctuation the layout computes, so a stored trailing
";" is no change. The pieces of a modified clause come from a word-level diff (a token keeps
its spaces as tokens of their own), character by character for Chinese, Japanese and Korean
text. The list runs depth-first in the new version's order, preamble first; a struck clause
stands right after the old sibling it followed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any, NamedTuple

from committee.procedure.clauses import Clause, ClauseKind, Resolution, numbering

from .layout import body_to_resolution, clause_text


class ClauseStatus(StrEnum):
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    ADDED = "added"
    STRUCK = "struck"
    MOVED = "moved"
    RENUMBERED = "renumbered"


class PieceOp(StrEnum):
    SAME = "same"
    ADDED = "added"
    STRUCK = "struck"


class Piece(NamedTuple):
    op: PieceOp
    text: str


@dataclass(frozen=True, slots=True)
class ClauseDiff:
    """``old_label``/``new_label`` are the engine's numbers ("2(a)", "PP1"); None where the
    clause does not exist. ``depth`` is the clause's depth where it is shown (old for struck)."""

    id: str
    part: ClauseKind
    depth: int
    old_label: str | None
    new_label: str | None
    status: ClauseStatus
    pieces: tuple[Piece, ...]

    @property
    def relabelled(self) -> bool:
        return None not in (self.old_label, self.new_label) and self.old_label != self.new_label


# ---- text ----------------------------------------------------------------------------------

# Han, kana, hangul, and the CJK and full-width punctuation blocks.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
)
# One CJK character, a word of anything else, a run of spaces, or one punctuation mark.
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])\w)+|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def text_pieces(old: str, new: str) -> tuple[Piece, ...]:
    """``old`` turned into ``new``: what stays, what is struck, what is added, in reading
    order (struck before added where a span is replaced)."""
    before, after = tokens(old), tokens(new)
    # Spaces never anchor a match on their own, so a rewritten phrase reads as one change.
    matcher = SequenceMatcher(str.isspace, before, after, autojunk=False)
    pieces: list[Piece] = []

    def put(op: PieceOp, parts: list[str]) -> None:
        text = "".join(parts)
        if not text:
            return
        if pieces and pieces[-1].op is op:
            pieces[-1] = Piece(op, pieces[-1].text + text)
        else:
            pieces.append(Piece(op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            put(PieceOp.SAME, before[i1:i2])
        else:
            put(PieceOp.STRUCK, before[i1:i2])
            put(PieceOp.ADDED, after[j1:j2])
    return tuple(pieces)


# ---- the clause trees ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    clause: Clause
    part: ClauseKind
    parent: str | None
    siblings: tuple[str, ...]


def _places(resolution: Resolution) -> dict[str, _Place]:
    places: dict[str, _Place] = {}

    def visit(clauses: tuple[Clause, ...], part: ClauseKind, parent: str | None) -> None:
        siblings = tuple(c.id for c in clauses)
        for clause in clauses:
            places[clause.id] = _Place(clause, part, parent, siblings)
            visit(clause.children, part, clause.id)

    visit(resolution.preamble, ClauseKind.PREAMBULAR, None)
    visit(resolution.operative, ClauseKind.OPERATIVE, None)
    return places


def _moved(old: Mapping[str, _Place], new: Mapping[str, _Place]) -> set[str]:
    """Clauses that changed parent, or fell out of the longest common order of the siblings
    that stayed together."""
    moved = {
        cid
        for cid in old.keys() & new.keys()
        if (old[cid].part, old[cid].parent) != (new[cid].part, new[cid].parent)
    }
    for new_siblings in {place.siblings for place in new.values()}:
        stayed = [c for c in new_siblings if c in old and c not in moved]
        if not stayed:
            continue
        old_order = [c for c in old[stayed[0]].siblings if c in stayed]
        matcher = SequenceMatcher(None, old_order, stayed, autojunk=False)
        kept = {
            c
            for block in matcher.get_matching_blocks()
            for c in stayed[block.b : block.b + block.size]
        }
        moved |= set(stayed) - kept
    return moved


def _side_by_side(
    new_children: tuple[Clause, ...], old_children: tuple[Clause, ...], new_ids: Mapping[str, Any]
) -> list[tuple[Clause, bool]]:
    """The new siblings in order, each struck old sibling (marked True) inserted after the one
    it followed."""
    rows = [(clause, False) for clause in new_children]
    after = -1  # where the next struck clause goes: after this row
    for old in old_children:
        if old.id in new_ids:
            here = [i for i, (c, struck) in enumerate(rows) if not struck and c.id == old.id]
            if here:
                after = here[0]
            continue
        after += 1
        rows.insert(after, (old, True))
    return rows


def diff_bodies(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[ClauseDiff]:
    old_resolution, new_resolution = body_to_resolution(old), body_to_resolution(new)
    old_places, new_places = _places(old_resolution), _places(new_resolution)
    old_labels, new_labels = numbering(old_resolution), numbering(new_resolution)
    moved = _moved(old_places, new_places)

    def status(cid: str) -> ClauseStatus:
        if cid not in old_places:
            return ClauseStatus.ADDED
        if cid not in new_places:
            return ClauseStatus.STRUCK
        if clause_text(old_places[cid].clause.text) != clause_text(new_places[cid].clause.text):
            return ClauseStatus.MODIFIED
        if cid in moved:
            return ClauseStatus.MOVED
        if old_labels[cid] != new_labels[cid]:
            return ClauseStatus.RENUMBERED
        return ClauseStatus.UNCHANGED

    def pieces(cid: str, state: ClauseStatus) -> tuple[Piece, ...]:
        before = clause_text(old_places[cid].clause.text) if cid in old_places else ""
        after = clause_text(new_places[cid].clause.text) if cid in new_places else ""
        if state is ClauseStatus.ADDED:
            return (Piece(PieceOp.ADDED, after),)
        if state is ClauseStatus.STRUCK:
            return (Piece(PieceOp.STRUCK, before),)
        if state is ClauseStatus.MODIFIED:
            return text_pieces(before, after)
        return (Piece(PieceOp.SAME, after),)

    def rows(
        new_children: tuple[Clause, ...],
        old_children: tuple[Clause, ...],
        part: ClauseKind,
        depth: int,
    ) -> Iterator[ClauseDiff]:
        for clause, struck in _side_by_side(new_children, old_children, new_places):
            state = status(clause.id)
            yield ClauseDiff(
                id=clause.id,
                part=part,
                depth=depth,
                old_label=old_labels.get(clause.id),
                new_label=new_labels.get(clause.id),
                status=state,
                pieces=pieces(clause.id, state),
            )
            if struck:
                yield from rows((), clause.children, part, depth + 1)
            else:
                earlier = old_places.get(clause.id)
                earlier_children = earlier.clause.children if earlier else ()
                yield from rows(clause.children, earlier_children, part, depth + 1)

    return [
        *rows(new_resolution.preamble, old_resolution.preamble, ClauseKind.PREAMBULAR, 1),
        *rows(new_resolution.operative, old_resolution.operative, ClauseKind.OPERATIVE, 1),
    ]
