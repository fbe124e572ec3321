"""Timers as values.

A timer is either *running* (it has a ``deadline``) or *paused* (it holds the ``remaining``
time). Every function takes ``now`` (a timezone-aware ``datetime``) and returns a new timer;
nothing in the engine reads the clock. Durations are ``timedelta``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from .errors import ErrorCode, ProcedureError

ZERO = timedelta(0)


def require_aware(now: datetime) -> datetime:
    """Refuse naive datetimes: mixing them with aware ones silently shifts deadlines."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ProcedureError(ErrorCode.NAIVE_DATETIME, value=now.isoformat())
    return now


def seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


@dataclass(frozen=True, slots=True)
class Timer:
    """``duration`` is the allotted time; ``remaining`` is valid while paused."""

    duration: timedelta
    remaining: timedelta
    deadline: datetime | None = None

    @property
    def running(self) -> bool:
        return self.deadline is not None


def new_timer(duration: timedelta) -> Timer:
    """A paused timer holding the whole duration."""
    if duration < ZERO:
        raise ProcedureError(ErrorCode.INVALID_DURATION, seconds=duration.total_seconds())
    return Timer(duration=duration, remaining=duration)


def remaining(timer: Timer, now: datetime) -> timedelta:
    """Time left at ``now``; never negative."""
    require_aware(now)
    if timer.deadline is None:
        return timer.remaining
    return max(ZERO, timer.deadline - now)


def elapsed(timer: Timer, now: datetime) -> timedelta:
    return timer.duration - remaining(timer, now)


def expired(timer: Timer, now: datetime) -> bool:
    return remaining(timer, now) == ZERO


def start(timer: Timer, now: datetime) -> Timer:
    """Start or resume a paused timer."""
    require_aware(now)
    if timer.running:
        raise ProcedureError(ErrorCode.TIMER_ALREADY_RUNNING)
    return replace(timer, deadline=now + timer.remaining)


def pause(timer: Timer, now: datetime) -> Timer:
    if timer.deadline is None:
        raise ProcedureError(ErrorCode.TIMER_NOT_RUNNING)
    return Timer(duration=timer.duration, remaining=remaining(timer, now), deadline=None)


def ensure_paused(timer: Timer, now: datetime) -> Timer:
    """Pause if running; a paused timer is returned unchanged (points may pile up)."""
    return pause(timer, now) if timer.running else timer


def ensure_running(timer: Timer, now: datetime) -> Timer:
    return timer if timer.running else start(timer, now)


def add_time(timer: Timer, extra: timedelta, now: datetime) -> Timer:
    """Extend (or, with a negative ``extra``, shorten) the timer, keeping its state."""
    left = remaining(timer, now) + extra
    if left < ZERO:
        raise ProcedureError(ErrorCode.INVALID_DURATION, seconds=left.total_seconds())
    duration = timer.duration + extra
    if timer.deadline is None:
        return Timer(duration=duration, remaining=left)
    return Timer(duration=duration, remaining=left, deadline=now + left)


def truncate(timer: Timer, limit: timedelta, now: datetime) -> Timer:
    """Cap the remaining time at ``limit`` (a slot that would run past a caucus's end)."""
    left = remaining(timer, now)
    if left <= limit:
        return timer
    return add_time(timer, limit - left, now)
