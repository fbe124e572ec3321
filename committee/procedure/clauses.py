"""The clause tree of a resolution (procedure.md §5.3, §8.27).

Clauses carry stable ids chosen by the caller (database rows); display numbers ("3", "3(b)",
"3(b)(ii)") are computed from positions, so amendments can add and strike clauses while later
amendments still hit the right clause.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from .errors import ErrorCode, ProcedureError

MAX_DEPTH = 3  # clause, sub-clause (a), sub-sub-clause (i)


class ClauseKind(StrEnum):
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"


@dataclass(frozen=True, slots=True)
class Clause:
    id: str
    text: str
    children: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    preamble: tuple[Clause, ...] = ()
    operative: tuple[Clause, ...] = ()


def walk(clauses: tuple[Clause, ...], depth: int = 1) -> Iterator[tuple[Clause, int]]:
    for clause in clauses:
        yield clause, depth
        yield from walk(clause.children, depth + 1)


def validate(resolution: Resolution) -> Resolution:
    """Ids are unique across the whole text and nesting stays within three levels."""
    seen: set[str] = set()
    for part in (resolution.preamble, resolution.operative):
        for clause, depth in walk(part):
            if clause.id in seen:
                raise ProcedureError(ErrorCode.DUPLICATE_CLAUSE_ID, clause=clause.id)
            seen.add(clause.id)
            if depth > MAX_DEPTH:
                raise ProcedureError(ErrorCode.CLAUSE_TOO_DEEP, limit=MAX_DEPTH)
    return resolution


def kind_of(resolution: Resolution, clause_id: str) -> ClauseKind | None:
    if any(c.id == clause_id for c, _ in walk(resolution.preamble)):
        return ClauseKind.PREAMBULAR
    if any(c.id == clause_id for c, _ in walk(resolution.operative)):
        return ClauseKind.OPERATIVE
    return None


def find(resolution: Resolution, clause_id: str) -> Clause | None:
    for part in (resolution.preamble, resolution.operative):
        for clause, _ in walk(part):
            if clause.id == clause_id:
                return clause
    return None


def depth_of(resolution: Resolution, clause_id: str) -> int:
    for part in (resolution.preamble, resolution.operative):
        for clause, depth in walk(part):
            if clause.id == clause_id:
                return depth
    raise ProcedureError(ErrorCode.UNKNOWN_CLAUSE, clause=clause_id, document="?")


_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def letter(n: int) -> str:
    """1 → a … 26 → z, 27 → aa."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def numbering(resolution: Resolution) -> Mapping[str, str]:
    """Display labels by clause id: operative "1", "1(a)", "1(a)(i)"; preamble "PP1"."""
    labels: dict[str, str] = {}

    def label(clauses: tuple[Clause, ...], prefix: str, depth: int) -> None:
        for index, clause in enumerate(clauses, start=1):
            if depth == 1:
                text = f"{prefix}{index}"
            elif depth == 2:
                text = f"{prefix}({letter(index)})"
            else:
                text = f"{prefix}({roman(index)})"
            labels[clause.id] = text
            label(clause.children, text, depth + 1)

    label(resolution.preamble, "PP", 1)
    label(resolution.operative, "", 1)
    return labels


def parent_and_index(resolution: Resolution, clause_id: str) -> tuple[str | None, int]:
    """Where a clause stands: its parent's id (None at the top of its part) and its index."""

    def search(clauses: tuple[Clause, ...], parent: str | None) -> tuple[str | None, int] | None:
        for index, clause in enumerate(clauses):
            if clause.id == clause_id:
                return parent, index
            found = search(clause.children, clause.id)
            if found is not None:
                return found
        return None

    for part in (resolution.preamble, resolution.operative):
        found = search(part, None)
        if found is not None:
            return found
    raise ProcedureError(ErrorCode.UNKNOWN_CLAUSE, clause=clause_id, document="?")


def next_clause_id(resolution: Resolution, taken: tuple[str, ...] = ()) -> str:
    """A clause id not used in the text (nor in `taken`: ids pending amendments hold), so a
    new clause never takes the id of one struck or proposed before."""
    used = {c.id for part in (resolution.preamble, resolution.operative) for c, _ in walk(part)}
    used.update(taken)
    numbers = [int(i[1:]) for i in used if i[:1] in ("c", "p") and i[1:].isdigit()]
    return f"c{max(numbers, default=0) + 1}"
