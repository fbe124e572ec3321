"""Sessions, roll call, attendance and the speaker's timer, as floor transitions.

Each function takes the floor and the command's arguments and returns a `Transition`: the next
floor and the typed facts the log records. A refusal is a `ProcedureError`. The services lock
the floor, call one of these, save, log and push; they decide nothing themselves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum

from .attendance import Attendee, RollStatus, set_status
from .errors import ErrorCode, ProcedureError
from .facts.session import AttendanceSet, NoFacts, RollCallClosed, SessionFacts, TimerExtended
from .floor import FloorDoc, Mark
from .parameters import Parameters
from .phases import Phase
from .speeches import interrupt, resume
from .timers import add_time, new_timer
from .transition import Transition
from .turns import end_every_turn

# Longer than any speech; it also keeps the deadline far from datetime's own limits.
TIMER_EXTENSION_MAX_SECONDS = 3 * 60 * 60


def session_is_open(floor: FloorDoc) -> bool:
    return floor.session_number is not None and floor.phase is not Phase.ADJOURNED


def require_open_session(floor: FloorDoc) -> None:
    if not session_is_open(floor):
        raise ProcedureError(ErrorCode.NO_OPEN_SESSION)


def present_count(floor: FloorDoc) -> int:
    return len(floor.present_ids())


def open_session(floor: FloorDoc, number: int) -> Transition:
    """The next sitting starts with everyone absent until roll call; the chair's speaking time
    carries over."""
    if session_is_open(floor):
        raise ProcedureError(ErrorCode.SESSION_ALREADY_OPEN, number=floor.session_number)
    opened = FloorDoc(
        phase=Phase.NOT_STARTED, session_number=number, speaking_time=floor.speaking_time
    )
    return Transition(opened, SessionFacts(number))


def close_session(floor: FloorDoc, now: datetime) -> Transition:
    """Whatever is being said is cut short (and recorded); only attendance (for the record)
    and the speaking time outlive a closed sitting."""
    require_open_session(floor)
    assert floor.session_number is not None
    _, cut_short = end_every_turn(floor, now)
    closed = FloorDoc(
        phase=Phase.ADJOURNED,
        session_number=floor.session_number,
        attendance=floor.attendance,
        speaking_time=floor.speaking_time,
    )
    return Transition(closed, SessionFacts(floor.session_number), cut_short)


def start_roll_call(floor: FloorDoc) -> Transition:
    """Take (or re-take) roll: answers replace the earlier ones (§1.2)."""
    require_open_session(floor)
    if floor.phase is Phase.VOTING_PROCEDURE:
        raise ProcedureError(ErrorCode.ROLL_CALL_IN_VOTING)
    return Transition(replace(floor, phase=Phase.ROLL_CALL, roll_call_open=True), NoFacts())


def close_roll_call(floor: FloorDoc) -> Transition:
    """End roll call; the committee moves to formal debate on the speakers' list."""
    require_open_session(floor)
    if not floor.roll_call_open:
        raise ProcedureError(ErrorCode.ROLL_CALL_NOT_OPEN)
    closed = replace(floor, phase=Phase.GSL, roll_call_open=False)
    return Transition(closed, RollCallClosed(present_count(floor)))


def mark_attendance(
    floor: FloorDoc,
    params: Parameters,
    attendee: Attendee,
    status: RollStatus,
    now: datetime,
    *,
    answered_by: str | None = None,
) -> Transition:
    """Record a status: the dais marks anyone; a delegation (`answered_by`) answers for itself
    and only while roll is being called (§1.2). Afterwards the rules for late arrivals,
    upgrades, downgrades and closed doors apply (§8.1, §8.3)."""
    require_open_session(floor)
    if answered_by is not None:
        if answered_by != attendee.delegation_id:
            raise ProcedureError(ErrorCode.ANSWERS_ONLY_FOR_ITSELF)
        if not floor.roll_call_open:
            raise ProcedureError(ErrorCode.LATE_ANSWER)
    updated = set_status(
        params,
        attendee,
        status,
        now,
        in_voting_procedure=floor.phase is Phase.VOTING_PROCEDURE,
        roll_call=floor.roll_call_open,
    )
    mark = Mark(updated.status, updated.since, updated.held_at_door)
    marked = replace(floor, attendance={**floor.attendance, attendee.delegation_id: mark})
    facts = AttendanceSet(int(attendee.delegation_id), updated.status, updated.held_at_door)
    return Transition(marked, facts)


class TimerCommand(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESET = "reset"
    EXTEND = "extend"


def control_speech_timer(
    floor: FloorDoc, command: TimerCommand, now: datetime, *, seconds: int = 0
) -> Transition:
    """Start, pause, reset or extend the current speaker's timer (server-authoritative)."""
    speech = floor.speech
    if speech is None:
        raise ProcedureError(ErrorCode.NO_SPEAKER)
    facts: object = NoFacts()
    if command is TimerCommand.START:
        speech = resume(speech, now)
    elif command is TimerCommand.PAUSE:
        speech = interrupt(speech, now)
    elif command is TimerCommand.RESET:
        # The speech starts again: the holder's turn counts from here.
        speech = replace(
            speech, timer=new_timer(speech.timer.duration), turn_clock_at_start=timedelta()
        )
    else:
        if not 0 < seconds <= TIMER_EXTENSION_MAX_SECONDS:
            raise ProcedureError(ErrorCode.INVALID_EXTENSION, limit=TIMER_EXTENSION_MAX_SECONDS)
        speech = replace(speech, timer=add_time(speech.timer, timedelta(seconds=seconds), now))
        facts = TimerExtended(seconds)
    return Transition(replace(floor, speech=speech), facts)
