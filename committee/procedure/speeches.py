"""A GSL speech and its yield (procedure.md §2.2 "Yields", §8.7, §8.8).

One yield per speech. A yield to a delegate needs the delegate's acceptance; if they are absent
or decline, the time reverts to the chair. Beyond ``yield_chain_max`` successive yields to
delegates, only a yield to the chair is accepted. Under questions, by default only the
speaker's answers use the remaining time (the timer pauses while the chair recognises a
questioner and while a question is asked).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .choices import QuestionTimeCounts, YieldKind
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .timers import (
    ZERO,
    Timer,
    elapsed,
    ensure_paused,
    ensure_running,
    expired,
    new_timer,
    remaining,
    seconds,
    start,
)


class SpeechStage(StrEnum):
    SPEAKING = "speaking"
    AWAITING_ACCEPTANCE = "awaiting_acceptance"
    YIELDED_TO_DELEGATE = "yielded_to_delegate"
    QUESTIONS = "questions"
    COMMENTS = "comments"
    ENDED = "ended"


class QuestionStep(StrEnum):
    IDLE = "idle"  # the chair is recognising a questioner
    ASKING = "asking"
    ANSWERING = "answering"


@dataclass(frozen=True, slots=True)
class Speech:
    speaker: str
    holder: str  # who speaks now: the speaker or the delegate yielded to
    timer: Timer
    stage: SpeechStage = SpeechStage.SPEAKING
    gsl: bool = True  # yields exist only in GSL speeches
    yield_kind: YieldKind | None = None
    delegate_yields: int = 0
    pending_target: str | None = None
    questions: int = 0
    follow_up_open: bool = False  # a follow-up may be asked to the last question
    question_step: QuestionStep = QuestionStep.IDLE
    comments: int = 0
    comment_timer: Timer | None = None
    reverted_to_chair: bool = False  # §8.7: absent or declining delegate
    # The holder's turn at the microphone, for the record: when it began and how much of the
    # speech's clock had run by then (a delegate yielded to speaks on the speaker's clock).
    turn_started_at: datetime | None = None
    turn_clock_at_start: timedelta = ZERO


def start_speech(
    params: Parameters,
    speaker: str,
    now: datetime,
    *,
    duration: int | None = None,
    gsl: bool = True,
) -> Speech:
    length = params.gsl_speaking_time if duration is None else duration
    timer = start(new_timer(seconds(length)), now)
    return Speech(speaker, speaker, timer, gsl=gsl, turn_started_at=now)


def interrupt(speech: Speech, now: datetime) -> Speech:
    """An interrupting point pauses the speaker's timer (§4)."""
    return replace(speech, timer=ensure_paused(speech.timer, now))


def resume(speech: Speech, now: datetime) -> Speech:
    if speech.stage not in (SpeechStage.SPEAKING, SpeechStage.YIELDED_TO_DELEGATE):
        raise ProcedureError(ErrorCode.WRONG_YIELD_STAGE, stage=speech.stage.value)
    return replace(speech, timer=ensure_running(speech.timer, now))


def _end(speech: Speech, now: datetime, *, reverted: bool = False) -> Speech:
    return replace(
        speech,
        stage=SpeechStage.ENDED,
        timer=ensure_paused(speech.timer, now),
        pending_target=None,
        reverted_to_chair=reverted,
    )


def end_speech(speech: Speech, now: datetime) -> Speech:
    return _end(speech, now)


def declare_yield(
    params: Parameters,
    speech: Speech,
    kind: YieldKind,
    now: datetime,
    *,
    target: str | None = None,
    present: Collection[str] = (),
) -> Speech:
    """The holder of the floor yields the remaining time."""
    if kind is YieldKind.CHAIR:
        if speech.stage not in (SpeechStage.SPEAKING, SpeechStage.YIELDED_TO_DELEGATE):
            raise ProcedureError(ErrorCode.YIELD_ALREADY_DECLARED)
        return replace(_end(speech, now), yield_kind=kind)
    if not speech.gsl or kind not in params.yields_enabled:
        raise ProcedureError(
            ErrorCode.YIELD_NOT_ENABLED,
            kind=kind.value,
            allowed=sorted(k.value for k in params.yields_enabled | {YieldKind.CHAIR}),
        )
    if speech.stage is SpeechStage.YIELDED_TO_DELEGATE and kind is YieldKind.DELEGATE:
        if speech.delegate_yields >= params.yield_chain_max:
            raise ProcedureError(ErrorCode.YIELD_CHAIN_EXCEEDED, limit=params.yield_chain_max)
    elif speech.stage is not SpeechStage.SPEAKING:
        raise ProcedureError(ErrorCode.YIELD_ALREADY_DECLARED)
    if remaining(speech.timer, now) == ZERO:
        raise ProcedureError(ErrorCode.NO_TIME_TO_YIELD)
    paused = replace(speech, timer=ensure_paused(speech.timer, now), yield_kind=kind)
    if kind is YieldKind.DELEGATE:
        if target is None or target == speech.holder:
            raise ProcedureError(ErrorCode.YIELD_TO_SELF)
        if target not in present:
            return _end(paused, now, reverted=True)
        return replace(paused, stage=SpeechStage.AWAITING_ACCEPTANCE, pending_target=target)
    stage = SpeechStage.QUESTIONS if kind is YieldKind.QUESTIONS else SpeechStage.COMMENTS
    return replace(paused, stage=stage, question_step=QuestionStep.IDLE)


def respond_to_yield(speech: Speech, accept: bool, now: datetime) -> Speech:
    """The delegate yielded to accepts (and speaks for the remaining time) or declines."""
    if speech.stage is not SpeechStage.AWAITING_ACCEPTANCE or speech.pending_target is None:
        raise ProcedureError(ErrorCode.NO_PENDING_YIELD)
    if not accept:
        return _end(speech, now, reverted=True)
    return replace(
        speech,
        holder=speech.pending_target,
        pending_target=None,
        stage=SpeechStage.YIELDED_TO_DELEGATE,
        delegate_yields=speech.delegate_yields + 1,
        timer=ensure_running(speech.timer, now),
        turn_started_at=now,
        turn_clock_at_start=elapsed(speech.timer, now),
    )


def _require_stage(speech: Speech, stage: SpeechStage) -> None:
    if speech.stage is not stage:
        raise ProcedureError(ErrorCode.WRONG_YIELD_STAGE, stage=speech.stage.value)


def ask_question(
    params: Parameters, speech: Speech, now: datetime, *, follow_up: bool = False
) -> Speech:
    """A recognised delegate asks; asking time counts only if ``question_time_counts=all``."""
    _require_stage(speech, SpeechStage.QUESTIONS)
    if follow_up:
        if not (params.allow_follow_up and speech.follow_up_open):
            raise ProcedureError(ErrorCode.FOLLOW_UP_NOT_ALLOWED)
        asked = replace(speech, follow_up_open=False)
    else:
        if params.max_questions is not None and speech.questions >= params.max_questions:
            raise ProcedureError(ErrorCode.QUESTION_LIMIT_REACHED, limit=params.max_questions)
        asked = replace(speech, questions=speech.questions + 1, follow_up_open=True)
    if remaining(speech.timer, now) == ZERO:
        raise ProcedureError(ErrorCode.NO_TIME_TO_YIELD)
    counts = params.question_time_counts is QuestionTimeCounts.ALL
    timer = ensure_running(speech.timer, now) if counts else ensure_paused(speech.timer, now)
    return replace(asked, question_step=QuestionStep.ASKING, timer=timer)


def start_answer(speech: Speech, now: datetime) -> Speech:
    _require_stage(speech, SpeechStage.QUESTIONS)
    return replace(
        speech, question_step=QuestionStep.ANSWERING, timer=ensure_running(speech.timer, now)
    )


def finish_answer(speech: Speech, now: datetime) -> Speech:
    """Back to the chair recognising questioners; the speech ends when time is up."""
    _require_stage(speech, SpeechStage.QUESTIONS)
    done = replace(speech, question_step=QuestionStep.IDLE, timer=ensure_paused(speech.timer, now))
    return _end(done, now) if expired(done.timer, now) else done


def start_comment(params: Parameters, speech: Speech, now: datetime) -> Speech:
    """Each comment gets its own ``comment_seconds``; no yield after a comment (§2.2)."""
    _require_stage(speech, SpeechStage.COMMENTS)
    if speech.comments >= params.max_comments:
        raise ProcedureError(ErrorCode.COMMENT_LIMIT_REACHED, limit=params.max_comments)
    timer = start(new_timer(seconds(params.comment_seconds)), now)
    return replace(speech, comments=speech.comments + 1, comment_timer=timer)


def time_left(speech: Speech, now: datetime) -> timedelta:
    return remaining(speech.timer, now)


def turn_open(speech: Speech) -> bool:
    """Someone holds the floor in this speech: it has not ended, and no yield awaits an answer."""
    return speech.stage not in (SpeechStage.ENDED, SpeechStage.AWAITING_ACCEPTANCE)


def turn_time(speech: Speech, now: datetime) -> timedelta:
    """The holder's time on the speech's clock since taking the floor; the clock stops for
    interruptions and (by default) while a question is asked, so neither counts. An extension
    adds to both the duration and the time left, so it changes nothing here."""
    return max(ZERO, elapsed(speech.timer, now) - speech.turn_clock_at_start)


def turn_began(speech: Speech, now: datetime) -> datetime:
    """When the holder took the floor (for a speech stored before this was kept: as if its
    clock had run without a stop)."""
    if speech.turn_started_at is not None:
        return speech.turn_started_at
    return now - turn_time(speech, now)
