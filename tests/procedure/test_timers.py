from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from committee.procedure.errors import ProcedureError
from committee.procedure.timers import (
    add_time,
    elapsed,
    ensure_paused,
    ensure_running,
    expired,
    new_timer,
    pause,
    remaining,
    seconds,
    start,
    truncate,
)
from tests.procedure.helpers import T0, at


def test_a_new_timer_is_paused_with_its_whole_duration() -> None:
    timer = new_timer(seconds(90))
    assert not timer.running
    assert remaining(timer, T0) == seconds(90)
    assert remaining(timer, at(500)) == seconds(90)


def test_running_timer_counts_down_from_now_and_never_goes_negative() -> None:
    timer = start(new_timer(seconds(90)), T0)
    assert timer.running
    assert remaining(timer, at(30)) == seconds(60)
    assert elapsed(timer, at(30)) == seconds(30)
    assert not expired(timer, at(89))
    assert expired(timer, at(91))
    assert remaining(timer, at(200)) == timedelta(0)


def test_pause_and_resume_keep_the_remaining_time() -> None:
    """procedure.md §2.2: the speech timer pauses for interrupting points and resumes after."""
    timer = pause(start(new_timer(seconds(90)), T0), at(40))
    assert remaining(timer, at(100)) == seconds(50)
    resumed = start(timer, at(100))
    assert remaining(resumed, at(110)) == seconds(40)


def test_pause_and_start_refuse_the_wrong_state() -> None:
    timer = new_timer(seconds(10))
    with pytest.raises(ProcedureError) as info:
        pause(timer, T0)
    assert info.value.code == "timer_not_running"
    with pytest.raises(ProcedureError) as info:
        start(start(timer, T0), T0)
    assert info.value.code == "timer_already_running"


def test_ensure_helpers_are_idempotent() -> None:
    timer = new_timer(seconds(10))
    assert ensure_paused(timer, T0) == timer
    running = ensure_running(timer, T0)
    assert ensure_running(running, at(1)) == running
    assert not ensure_paused(running, at(1)).running


def test_add_time_extends_running_and_paused_timers() -> None:
    running = add_time(start(new_timer(seconds(60)), T0), seconds(30), at(10))
    assert remaining(running, at(10)) == seconds(80)
    assert running.duration == seconds(90)
    paused = add_time(new_timer(seconds(60)), seconds(-20), T0)
    assert remaining(paused, T0) == seconds(40)
    with pytest.raises(ProcedureError) as info:
        add_time(paused, seconds(-41), T0)
    assert info.value.code == "invalid_duration"


def test_truncate_caps_the_remaining_time() -> None:
    """procedure.md §8.9: a slot running past the caucus total gets only what remains."""
    timer = start(new_timer(seconds(60)), T0)
    assert remaining(truncate(timer, seconds(25), T0), T0) == seconds(25)
    assert truncate(timer, seconds(90), T0) == timer


def test_naive_datetimes_and_negative_durations_are_refused() -> None:
    with pytest.raises(ProcedureError) as info:
        start(new_timer(seconds(1)), datetime(2024, 5, 23, 9, 0))  # noqa: DTZ001
    assert info.value.code == "naive_datetime"
    with pytest.raises(ProcedureError) as info:
        new_timer(seconds(-1))
    assert info.value.code == "invalid_duration"
