"""Percentiles and summaries, with what never arrived counted as slower than anything that did."""

import math
from collections.abc import Sequence
from typing import Any

PERCENTILES = (50, 95, 99)


def percentile(ordered: Sequence[float], share: float, *, missing: int = 0) -> float | None:
    """The nearest-rank percentile of sorted samples, `missing` more of them never arriving.

    None when the rank falls among the missing ones (more than 100 - share % never arrived),
    or when there is nothing at all.
    """
    total = len(ordered) + missing
    if total == 0:
        return None
    rank = max(1, math.ceil(share / 100 * total))
    if rank > len(ordered):
        return None
    return ordered[rank - 1]


def summary(samples: Sequence[float], *, missing: int = 0, digits: int = 2) -> dict[str, Any]:
    """count, missing, p50/p95/p99, max and mean of samples (seconds), in milliseconds."""
    ordered = sorted(samples)

    def ms(value: float | None) -> float | None:
        return None if value is None else round(value * 1000, digits)

    result: dict[str, Any] = {"count": len(ordered), "missing": missing}
    for share in PERCENTILES:
        result[f"p{share}_ms"] = ms(percentile(ordered, share, missing=missing))
    result["max_ms"] = ms(ordered[-1]) if ordered and not missing else None
    result["mean_ms"] = ms(sum(ordered) / len(ordered)) if ordered else None
    return result


def ratio(value: float | None, floor: float | None, digits: int = 1) -> float | None:
    if value is None or not floor:
        return None
    return round(value / floor, digits)
