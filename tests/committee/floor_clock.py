"""A test clock for the floor: services, floor actions and screens all read timezone.now()."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

# A fixed start, so "Return by HH:MM" can be checked (09:00 UTC is 17:00 in Asia/Shanghai).
T0 = datetime(2024, 5, 23, 9, 0, tzinfo=UTC)


@dataclass
class Clock:
    """Stands in for timezone.now(); a test moves it on with advance()."""

    now: datetime = T0

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def start_clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Make timezone.now() read a clock the test advances (use it in a `clock` fixture)."""
    current = Clock()
    monkeypatch.setattr(timezone, "now", lambda: current.now)
    return current
