"""The time every floor action is stamped with.

Normally the wall clock. `simulated()` lets a script play a whole morning in a few seconds:
the demo day moves a simulated clock forward between actions, so speeches and caucuses get
real durations in the record without anyone waiting for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

from django.utils import timezone

_simulated_now: ContextVar[datetime | None] = ContextVar("simulated_now", default=None)


def now() -> datetime:
    simulated = _simulated_now.get()
    return timezone.now() if simulated is None else simulated


@contextmanager
def simulated(start: datetime) -> Iterator[None]:
    """Stamp floor actions with a clock that stands still until `advance()` moves it."""
    if timezone.is_naive(start):
        raise ValueError("The simulated clock needs an aware datetime.")
    token = _simulated_now.set(start)
    try:
        yield
    finally:
        _simulated_now.reset(token)


def advance(seconds: float) -> datetime:
    """Move the simulated clock forward; only inside `simulated()`."""
    current = _simulated_now.get()
    if current is None:
        raise RuntimeError("advance() moves only a simulated clock.")
    moved = current + timedelta(seconds=seconds)
    _simulated_now.set(moved)
    return moved
