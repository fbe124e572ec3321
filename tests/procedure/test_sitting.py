"""Sessions, roll call, attendance and the speaker's timer as pure floor transitions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from committee.procedure.attendance import Attendee, DelegationKind, RollStatus
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts.session import (
    AttendanceSet,
    NoFacts,
    RollCallClosed,
    SessionFacts,
    TimerExtended,
)
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.phases import Phase
from committee.procedure.sitting import (
    TIMER_EXTENSION_MAX_SECONDS,
    TimerCommand,
    close_roll_call,
    close_session,
    control_speech_timer,
    mark_attendance,
    open_session,
    start_roll_call,
)
from committee.procedure.speeches import start_speech
from committee.procedure.timers import remaining
from tests.procedure.helpers import T0, params

RULES = params("cn_common")


def refused(code: ErrorCode, transition, *args, **kwargs) -> None:
    with pytest.raises(ProcedureError) as error:
        transition(*args, **kwargs)
    assert error.value.code == code


def attendee(key: str, status: RollStatus = RollStatus.ABSENT) -> Attendee:
    return Attendee(key, DelegationKind.MEMBER, status)


def in_session() -> FloorDoc:
    return start_roll_call(open_session(FloorDoc(), 1).floor).floor


def test_a_session_opens_with_everyone_absent_and_keeps_the_speaking_time() -> None:
    before = FloorDoc(
        session_number=1,
        phase=Phase.ADJOURNED,
        speaking_time=75,
        attendance={"1": Mark(RollStatus.PRESENT)},
    )
    opened = open_session(before, 2)
    assert opened.facts == SessionFacts(2)
    assert opened.floor == FloorDoc(phase=Phase.NOT_STARTED, session_number=2, speaking_time=75)


def test_only_one_session_is_open_at_a_time() -> None:
    refused(ErrorCode.SESSION_ALREADY_OPEN, open_session, in_session(), 2)


def test_closing_keeps_attendance_for_the_record_and_drops_the_rest() -> None:
    floor = replace(in_session(), attendance={"1": Mark(RollStatus.PRESENT)}, speaking_time=60)
    closed = close_session(floor, T0)
    assert closed.floor.phase is Phase.ADJOURNED
    assert closed.floor.attendance == floor.attendance
    assert closed.floor.speaking_time == 60
    refused(ErrorCode.NO_OPEN_SESSION, close_session, closed.floor, T0)


def test_roll_call_is_not_taken_outside_a_session_or_in_voting_procedure() -> None:
    refused(ErrorCode.NO_OPEN_SESSION, start_roll_call, FloorDoc())
    voting = replace(in_session(), phase=Phase.VOTING_PROCEDURE)
    refused(ErrorCode.ROLL_CALL_IN_VOTING, start_roll_call, voting)


def test_closing_roll_call_counts_who_is_in_the_room_and_opens_the_speakers_list() -> None:
    floor = replace(
        in_session(),
        attendance={
            "1": Mark(RollStatus.PRESENT),
            "2": Mark(RollStatus.PRESENT_AND_VOTING),
            "3": Mark(RollStatus.ABSENT),
        },
    )
    closed = close_roll_call(floor)
    assert closed.facts == RollCallClosed(present=2)
    assert closed.floor.phase is Phase.GSL and not closed.floor.roll_call_open
    refused(ErrorCode.ROLL_CALL_NOT_OPEN, close_roll_call, closed.floor)


def test_a_delegation_answers_only_for_itself_and_only_while_roll_is_called() -> None:
    floor = in_session()
    refused(
        ErrorCode.ANSWERS_ONLY_FOR_ITSELF,
        mark_attendance,
        floor,
        RULES,
        attendee("2"),
        RollStatus.PRESENT,
        T0,
        answered_by="1",
    )
    answered = mark_attendance(floor, RULES, attendee("1"), RollStatus.PRESENT, T0, answered_by="1")
    assert answered.facts == AttendanceSet(1, RollStatus.PRESENT)
    after_roll_call = close_roll_call(answered.floor).floor
    refused(
        ErrorCode.LATE_ANSWER,
        mark_attendance,
        after_roll_call,
        RULES,
        attendee("2"),
        RollStatus.PRESENT,
        T0,
        answered_by="2",
    )


def test_a_late_arrival_in_voting_procedure_waits_at_the_door_and_is_not_in_the_room() -> None:
    voting = replace(close_roll_call(in_session()).floor, phase=Phase.VOTING_PROCEDURE)
    arrived = mark_attendance(voting, RULES, attendee("7"), RollStatus.PRESENT, T0)
    assert arrived.facts == AttendanceSet(7, RollStatus.PRESENT, held_at_door=True)
    assert "7" not in arrived.floor.present_ids()


def test_the_speakers_timer_pauses_resumes_resets_and_extends() -> None:
    speaking = replace(in_session(), speech=start_speech(RULES, "1", T0, duration=60))
    later = T0 + timedelta(seconds=10)
    paused = control_speech_timer(speaking, TimerCommand.PAUSE, later)
    assert paused.facts == NoFacts()
    assert remaining(paused.floor.speech.timer, later + timedelta(minutes=5)) == timedelta(
        seconds=50
    )
    extended = control_speech_timer(paused.floor, TimerCommand.EXTEND, later, seconds=30)
    assert extended.facts == TimerExtended(30)
    assert remaining(extended.floor.speech.timer, later) == timedelta(seconds=80)
    reset = control_speech_timer(extended.floor, TimerCommand.RESET, later)
    # An extension lengthens the speech itself: a reset starts it again at its new length.
    assert remaining(reset.floor.speech.timer, later) == timedelta(seconds=90)
    resumed = control_speech_timer(paused.floor, TimerCommand.START, later)
    assert resumed.floor.speech.timer.deadline == later + timedelta(seconds=50)


@pytest.mark.parametrize("seconds", [0, -5, TIMER_EXTENSION_MAX_SECONDS + 1])
def test_an_extension_must_be_positive_and_bounded(seconds: int) -> None:
    speaking = replace(in_session(), speech=start_speech(RULES, "1", T0, duration=60))
    refused(
        ErrorCode.INVALID_EXTENSION,
        control_speech_timer,
        speaking,
        TimerCommand.EXTEND,
        T0,
        seconds=seconds,
    )


def test_there_is_no_speakers_timer_without_a_speaker() -> None:
    refused(ErrorCode.NO_SPEAKER, control_speech_timer, in_session(), TimerCommand.START, T0)
