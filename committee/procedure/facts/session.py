"""Facts of sessions, roll call, attendance, the speaker's timer and undo."""

from __future__ import annotations

from dataclasses import dataclass

from committee.procedure.attendance import RollStatus
from committee.procedure.facts.kinds import EventKind


@dataclass(frozen=True, slots=True)
class NoFacts:
    """The kind says it all (e.g. "roll call started")."""


@dataclass(frozen=True, slots=True)
class SessionFacts:
    number: int


@dataclass(frozen=True, slots=True)
class RollCallClosed:
    present: int


@dataclass(frozen=True, slots=True)
class AttendanceSet:
    delegation: int
    status: RollStatus
    held_at_door: bool = False


@dataclass(frozen=True, slots=True)
class TimerExtended:
    seconds: int


@dataclass(frozen=True, slots=True)
class Undone:
    """An undo names the event it reverted; the log line describes that event again."""

    undone_seq: int
    undone_kind: EventKind


PAYLOADS: dict[EventKind, type] = {
    EventKind.SESSION_OPENED: SessionFacts,
    EventKind.SESSION_CLOSED: SessionFacts,
    EventKind.ROLL_CALL_STARTED: NoFacts,
    EventKind.ROLL_CALL_CLOSED: RollCallClosed,
    EventKind.ATTENDANCE_MARKED: AttendanceSet,
    EventKind.ATTENDANCE_ANSWERED: AttendanceSet,
    EventKind.TIMER_START: NoFacts,
    EventKind.TIMER_PAUSE: NoFacts,
    EventKind.TIMER_RESET: NoFacts,
    EventKind.TIMER_EXTEND: TimerExtended,
    EventKind.UNDO: Undone,
}
