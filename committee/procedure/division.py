"""Division of the question (procedure.md §6.5): what a division may name.

Only operative clauses, or also their sub-clauses where the profile divides by sub-clause
(`division_unit`); a preambular clause always stays with the remainder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .choices import DivisionUnit
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters


def divisible(
    params: Parameters, operative: Iterable[str], subclauses: Iterable[str]
) -> frozenset[str]:
    """The clause ids a division of this DR may name."""
    if params.division_unit is DivisionUnit.SUBCLAUSE:
        return frozenset(operative) | frozenset(subclauses)
    return frozenset(operative)


def check_parts(target: str, parts: Sequence[str], allowed: frozenset[str]) -> None:
    """Each part a clause the division may name, named once; at least one."""
    if not parts or len(set(parts)) != len(parts) or any(p not in allowed for p in parts):
        raise ProcedureError(
            ErrorCode.DIVISION_INVALID, target=target, parts=list(parts), allowed=sorted(allowed)
        )
