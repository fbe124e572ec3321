"""The voting-procedure motions' arguments as a mover gives them (procedure.md §3.2 V1–V6, §6.5).

A motion on a draft resolution in voting names it (its `target`, the draft's id); a division of
the question also names its parts (clause ids); a reorder names every draft in voting, in the
new order. `raise_motion` cleans them before the screening, which refuses what is left wrong:
a part is named once and in the order of the draft's text, so two delegations asking for the
same division in another order move the same motion; the order is kept as given, a draft named
twice or left out is for the screening to refuse. Only a division has parts and only a reorder
an order: other motions drop them, so that they cannot tell identical motions apart.
"""

from __future__ import annotations

from collections.abc import Iterable

from .choices import MotionCode
from .voting_state import VotingState
from .voting_text import text_order

# The motions that name one draft resolution in voting (their `target`).
ON_A_DRAFT = frozenset(
    {
        MotionCode.DIVIDE_QUESTION,
        MotionCode.ROLL_CALL_VOTE,
        MotionCode.ADOPT_BY_CONSENSUS,
        MotionCode.IMPORTANT_QUESTION,
        MotionCode.DIVIDE_HOUSE,
    }
)
# Every motion that names drafts in voting: those on one, and the reorder of them all.
NAMING_DRAFTS = ON_A_DRAFT | {MotionCode.REORDER_DRS}


def _names(values: Iterable[str]) -> list[str]:
    return [name for name in (str(value).strip() for value in values) if name]


def cleaned_parts(
    voting: VotingState | None, code: MotionCode, target: str | None, parts: Iterable[str]
) -> tuple[str, ...]:
    """The parts of a division, each once, in the order of the text of the draft in voting it
    names; ids that are not its clauses come last, as given (the screening refuses them)."""
    if code is not MotionCode.DIVIDE_QUESTION:
        return ()
    named = tuple(dict.fromkeys(_names(parts)))
    draft = target.removeprefix("dr:") if target else None
    if voting is None or draft not in voting.dr_order:
        return named
    order = text_order(voting.dr(draft))
    return tuple(sorted(named, key=lambda part: order.get(part, len(order))))


def cleaned_order(code: MotionCode, order: Iterable[str]) -> tuple[str, ...]:
    """The drafts in the order a reorder proposes, blanks dropped."""
    return tuple(_names(order)) if code is MotionCode.REORDER_DRS else ()
