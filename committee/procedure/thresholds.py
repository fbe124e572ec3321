"""Majority arithmetic and vote evaluation (procedure.md §1.4, §6.6).

A threshold is a pair (kind, base). ``evaluate`` turns a tally and the electorate's sizes into
a decision. Ties always fail and the chair has no casting vote; a veto exists only when the
caller says a veto member voted No on a substantive question.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .errors import ErrorCode, ProcedureError


class ThresholdKind(StrEnum):
    SIMPLE = "simple"
    TWO_THIRDS = "two_thirds"
    UNANIMOUS = "unanimous"
    CONSENSUS = "consensus"


class ThresholdBase(StrEnum):
    PRESENT = "present"
    PRESENT_AND_VOTING = "present_and_voting"
    MEMBERSHIP = "membership"


class TwoThirdsRounding(StrEnum):
    CEIL = "ceil"  # at least two thirds: 30 -> 20
    STRICTLY_MORE = "strictly_more"  # "2/3 + 1" handbooks: more than two thirds: 30 -> 21


@dataclass(frozen=True, slots=True)
class Threshold:
    kind: ThresholdKind
    base: ThresholdBase = ThresholdBase.PRESENT_AND_VOTING

    def as_text(self) -> str:
        return f"{self.kind.value}/{self.base.value}"


def parse_threshold(value: object) -> Threshold:
    """Accept a ``Threshold``, ``"kind/base"`` (or ``"kind·base"``), ``{"kind": .., "base": ..}``
    or ``["kind", "base"]``. Consensus needs no base (``"consensus"``)."""
    if isinstance(value, Threshold):
        return value
    kind_raw: object
    base_raw: object
    if isinstance(value, str):
        parts = value.replace("·", "/").split("/")
        kind_raw = parts[0].strip()
        base_raw = parts[1].strip() if len(parts) == 2 else None
        if len(parts) > 2:
            kind_raw = None
    elif isinstance(value, Mapping):
        kind_raw, base_raw = value.get("kind"), value.get("base")
        if set(value) - {"kind", "base"}:
            kind_raw = None
    elif isinstance(value, list | tuple) and len(value) == 2:
        kind_raw, base_raw = value[0], value[1]
    else:
        kind_raw = base_raw = None
    kinds = [k.value for k in ThresholdKind]
    bases = [b.value for b in ThresholdBase]
    if kind_raw not in kinds:
        raise ProcedureError(
            ErrorCode.INVALID_THRESHOLD, value=repr(value), allowed_kinds=kinds, allowed_bases=bases
        )
    kind = ThresholdKind(str(kind_raw))
    if base_raw is None and kind is ThresholdKind.CONSENSUS:
        return Threshold(kind, ThresholdBase.PRESENT)
    if base_raw not in bases:
        raise ProcedureError(
            ErrorCode.INVALID_THRESHOLD, value=repr(value), allowed_kinds=kinds, allowed_bases=bases
        )
    return Threshold(kind, ThresholdBase(str(base_raw)))


def simple_majority(n: int) -> int:
    """More than half: floor(n/2) + 1."""
    return n // 2 + 1


def two_thirds(n: int, rounding: TwoThirdsRounding = TwoThirdsRounding.CEIL) -> int:
    """At least two thirds (ceil) or more than two thirds (floor + 1)."""
    if rounding is TwoThirdsRounding.CEIL:
        return -(-2 * n // 3)
    return 2 * n // 3 + 1


def at_least_fraction(fraction: Fraction, n: int) -> int:
    """ "At least a fraction" of n means ceil(f * n)."""
    return math.ceil(fraction * n)


def more_than_fraction(fraction: Fraction, n: int) -> int:
    """ "More than a fraction" of n means floor(f * n) + 1 (for 1/2: a majority)."""
    return math.floor(fraction * n) + 1


@dataclass(frozen=True, slots=True)
class Tally:
    """Counted answers. ``not_voting`` are eligible voters present who gave no valid vote."""

    yes: int = 0
    no: int = 0
    abstain: int = 0
    not_voting: int = 0

    @property
    def present_and_voting(self) -> int:
        return self.yes + self.no

    @property
    def present(self) -> int:
        return self.yes + self.no + self.abstain + self.not_voting


class Verdict(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    EQUALLY_DIVIDED = "equally_divided"  # a tie: rejected, no casting vote (§8.28)
    VETOED = "vetoed"
    NO_VOTES = "no_votes"  # nobody voted Yes or No under a present-and-voting base


@dataclass(frozen=True, slots=True)
class Outcome:
    """The decision plus everything the result screen shows (base in use, required Yes)."""

    passed: bool
    verdict: Verdict
    threshold: Threshold
    tally: Tally
    base_size: int
    required_yes: int


def required_yes(
    threshold: Threshold,
    tally: Tally,
    *,
    present: int,
    membership: int,
    rounding: TwoThirdsRounding = TwoThirdsRounding.CEIL,
) -> tuple[int, int]:
    """(base size, Yes votes needed) for a threshold; consensus counts as unanimous."""
    if threshold.base is ThresholdBase.PRESENT_AND_VOTING:
        n = tally.present_and_voting
    elif threshold.base is ThresholdBase.PRESENT:
        n = present
    else:
        n = membership
    if threshold.kind is ThresholdKind.SIMPLE:
        need = simple_majority(n)
    elif threshold.kind is ThresholdKind.TWO_THIRDS:
        need = two_thirds(n, rounding)
    else:
        need = n
    # Nothing passes with zero Yes votes, whatever the base.
    return n, max(need, 1)


def evaluate(
    threshold: Threshold,
    tally: Tally,
    *,
    present: int,
    membership: int,
    rounding: TwoThirdsRounding = TwoThirdsRounding.CEIL,
    vetoed: bool = False,
) -> Outcome:
    """Decide a vote.

    ``present`` is the number of eligible voters present (the snapshot's electorate) and
    ``membership`` the committee's membership; only the base named by the threshold is used.
    Under ``present`` abstentions and non-votes weigh like a No; under ``present_and_voting``
    they are ignored.
    """
    if tally.present > present and threshold.base is ThresholdBase.PRESENT:
        # A tally larger than the electorate means the caller mixed up snapshots.
        present = tally.present
    n, need = required_yes(
        threshold, tally, present=present, membership=membership, rounding=rounding
    )
    if vetoed:
        verdict = Verdict.VETOED
    elif tally.yes == tally.no:
        verdict = Verdict.NO_VOTES if tally.yes == 0 else Verdict.EQUALLY_DIVIDED
    elif tally.yes >= need:
        verdict = Verdict.ADOPTED
    else:
        verdict = Verdict.REJECTED
    return Outcome(
        passed=verdict is Verdict.ADOPTED,
        verdict=verdict,
        threshold=threshold,
        tally=tally,
        base_size=n,
        required_yes=need,
    )
