"""A laid-out resolution cut into projector pages.

The projector is one screen that nobody scrolls (1920×1080 and the like), so a long draft
resolution is shown a page at a time and the dais turns the pages. A page holds whole
top-level clauses while they fit; a clause longer than a page is cut between its sub-clauses,
and its continuation repeats the clause's number with an ellipsis for its words, so the room
still sees whose sub-clauses these are.

What fits is estimated by counting characters, not by measuring: every clause costs its text
plus a line's worth for the line it starts, and a Chinese (or other full-width) character
counts double, being about twice as wide as a Latin letter. The budget is what the projector's
resolution type (templates/committee/documents/_resolution_text.html, `resolution--projector`)
holds below the projector's bar at 1920×1080.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from committee.procedure.clauses import ClauseKind

from .layout import CHINESE, LaidClause, Layout

# About 18 lines of 100 Latin characters each fit on the screen; a paragraph's last line is
# half empty on average, which LINE_COST charges.
PAGE_BUDGET = 1400
LINE_COST = 50

# Characters about twice as wide as a Latin letter: CJK, kana, Hangul, full-width forms.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


@dataclass(frozen=True, slots=True)
class ProjectorPage:
    """One page of a document on the projector: its clauses (a Layout the resolution template
    draws as it is), its number (from 1) and how many pages there are."""

    layout: Layout
    number: int
    count: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def text_weight(text: str) -> int:
    """The width of a text in Latin characters: wide characters count double."""
    return len(text) + len(_WIDE.findall(text))


def _own_weight(clause: LaidClause) -> int:
    return text_weight(f"{clause.label} {clause.text}") + LINE_COST


def clause_weight(clause: LaidClause) -> int:
    """A clause with all its sub-clauses."""
    return _own_weight(clause) + sum(clause_weight(child) for child in clause.children)


def _continued(clause: LaidClause, children: tuple[LaidClause, ...], language: str) -> LaidClause:
    ellipsis = "……" if language == CHINESE else "…"
    return replace(clause, opening="", rest=ellipsis, ending="", children=children)


def _pieces(clause: LaidClause, budget: int, language: str) -> list[LaidClause]:
    """The clause whole if it fits a page; otherwise cut between its sub-clauses."""
    if clause_weight(clause) <= budget or not clause.children:
        return [clause]
    pieces: list[LaidClause] = []
    head: LaidClause | None = clause
    taken: list[LaidClause] = []
    used = _own_weight(clause)
    for child in clause.children:
        weight = clause_weight(child)
        if taken and used + weight > budget:
            pieces.append(_piece(clause, head, tuple(taken), language))
            head, taken, used = None, [], _own_weight(clause)
        taken.append(child)
        used += weight
    pieces.append(_piece(clause, head, tuple(taken), language))
    return pieces


def _piece(
    clause: LaidClause, head: LaidClause | None, children: tuple[LaidClause, ...], language: str
) -> LaidClause:
    if head is not None:
        return replace(head, children=children)
    return _continued(clause, children, language)


def paginate(layout: Layout, *, budget: int = PAGE_BUDGET) -> list[Layout]:
    """The resolution's pages, in order; always at least one (an empty text is one empty
    page). Each page is a Layout of the clauses on it, with their numbers as in the whole."""
    pages: list[list[tuple[ClauseKind, LaidClause]]] = [[]]
    used = 0
    for kind, clauses in layout.parts:
        for clause in clauses:
            for piece in _pieces(clause, budget, layout.language):
                weight = clause_weight(piece)
                if pages[-1] and used + weight > budget:
                    pages.append([])
                    used = 0
                pages[-1].append((kind, piece))
                used += weight
    return [
        replace(
            layout,
            preambular=tuple(c for kind, c in page if kind is ClauseKind.PREAMBULAR),
            operative=tuple(c for kind, c in page if kind is ClauseKind.OPERATIVE),
        )
        for page in pages
    ]


def projector_page(layout: Layout, number: int, *, budget: int = PAGE_BUDGET) -> ProjectorPage:
    """Page `number` of the resolution; a number past the end shows the last page (the text
    may have grown shorter since the dais turned to it)."""
    pages = paginate(layout, budget=budget)
    shown = min(max(1, number), len(pages))
    return ProjectorPage(layout=pages[shown - 1], number=shown, count=len(pages))
