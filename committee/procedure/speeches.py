"""A GSL speech and its yield (procedure.md §2.2 "Yields", §4, §7.2, §8.7, §8.8).

One yield per speech. A yield to a delegate needs the delegate's acceptance; if they are absent
or decline, the time reverts to the chair. Beyond ``yield_chain_max`` successive yields to
delegates, only a yield to the chair is accepted. Under questions, by default only the
speaker's answers use the remaining time (the timer pauses while the chair recognises a
questioner and while a question is asked).

Open to points of information (THIMUN, ``open_to_pois_enabled``): the holder of the floor, once
finished speaking, says it is open to points of information, to a number of them or to as many
as the chair takes (at most ``max_pois``). This is not a yield: the speech's clock stops, and
points of information take none of the speaker's time (neither asking nor answering). The chair
recognises a questioner, who asks; the speaker answers; one follow-up to each point may be
allowed (``allow_follow_up``). Closing the points gives the floor back to the holder, whose
clock stays stopped until it yields or the chair moves on; the holder may also yield straight
from the points, as from its speech.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from .choices import PointKind, QuestionTimeCounts, YieldKind
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
    OPEN_TO_POIS = "open_to_pois"  # the holder takes points of information (not a yield)
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
    # Open to points of information: how many the holder takes (None: as many as the chair
    # recognises). `questions` counts the points taken since it opened.
    poi_limit: int | None = None
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


def _holder_stage(speech: Speech) -> SpeechStage:
    """Where the holder stands once its points of information are over: speaking on its own
    time, or on time yielded to it."""
    if speech.delegate_yields == 0:
        return SpeechStage.SPEAKING
    return SpeechStage.YIELDED_TO_DELEGATE


def _stage_for_yield(speech: Speech) -> SpeechStage:
    """The stage a yield is judged from: a holder open to points of information yields as
    from its speech, once no point is being asked or answered."""
    if speech.stage is not SpeechStage.OPEN_TO_POIS:
        return speech.stage
    if speech.question_step is not QuestionStep.IDLE:
        raise ProcedureError(ErrorCode.POI_IN_PROGRESS)
    return _holder_stage(speech)


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
    stage = _stage_for_yield(speech)
    if kind is YieldKind.CHAIR:
        if stage not in (SpeechStage.SPEAKING, SpeechStage.YIELDED_TO_DELEGATE):
            raise ProcedureError(ErrorCode.YIELD_ALREADY_DECLARED)
        return replace(_end(speech, now), yield_kind=kind)
    if not speech.gsl or kind not in params.yields_enabled:
        raise ProcedureError(
            ErrorCode.YIELD_NOT_ENABLED,
            kind=kind.value,
            allowed=sorted(k.value for k in params.yields_enabled | {YieldKind.CHAIR}),
        )
    if stage is SpeechStage.YIELDED_TO_DELEGATE and kind is YieldKind.DELEGATE:
        if speech.delegate_yields >= params.yield_chain_max:
            raise ProcedureError(ErrorCode.YIELD_CHAIN_EXCEEDED, limit=params.yield_chain_max)
    elif stage is not SpeechStage.SPEAKING:
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
    # Points of information taken before are not questions of the yield.
    return replace(
        paused, stage=stage, question_step=QuestionStep.IDLE, questions=0, follow_up_open=False
    )


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


# ---- open to points of information (THIMUN) ------------------------------------------------------


def open_to_pois(
    params: Parameters, speech: Speech, now: datetime, *, offered: int | None = None
) -> Speech:
    """The holder, having finished speaking, is open to `offered` points of information (None:
    to as many as the chair takes, at most ``max_pois``). Its clock stops: points of
    information take none of its time."""
    if not speech.gsl:
        raise ProcedureError(ErrorCode.NOT_A_LIST_SPEECH)
    enabled = params.open_to_pois_enabled
    if not enabled or PointKind.INFORMATION_TO_SPEAKER not in params.points_enabled:
        raise ProcedureError(ErrorCode.POIS_NOT_ENABLED)
    if speech.stage is SpeechStage.OPEN_TO_POIS:
        raise ProcedureError(ErrorCode.POIS_ALREADY_OPEN)
    if speech.stage not in (SpeechStage.SPEAKING, SpeechStage.YIELDED_TO_DELEGATE):
        raise ProcedureError(ErrorCode.WRONG_YIELD_STAGE, stage=speech.stage.value)
    limit = params.max_pois
    if offered is not None:
        if offered < 1:
            raise ProcedureError(ErrorCode.INVALID_POI_OFFER, value=offered)
        if limit is not None and offered > limit:
            raise ProcedureError(ErrorCode.POI_OFFER_OVER_LIMIT, value=offered, limit=limit)
        limit = offered
    return replace(
        speech,
        stage=SpeechStage.OPEN_TO_POIS,
        timer=ensure_paused(speech.timer, now),
        questions=0,
        follow_up_open=False,
        question_step=QuestionStep.IDLE,
        poi_limit=limit,
    )


def close_pois(speech: Speech) -> Speech:
    """The holder takes no more points of information (a point being asked or answered ends
    with it): it holds the floor again, its clock still stopped."""
    _require_stage(speech, SpeechStage.OPEN_TO_POIS)
    return replace(
        speech,
        stage=_holder_stage(speech),
        question_step=QuestionStep.IDLE,
        follow_up_open=False,
        poi_limit=None,
    )


def pois_left(speech: Speech) -> bool:
    """The holder is open to points of information and takes another one."""
    if speech.stage is not SpeechStage.OPEN_TO_POIS:
        return False
    return speech.poi_limit is None or speech.questions < speech.poi_limit


def _ask_poi(params: Parameters, speech: Speech, *, follow_up: bool) -> Speech:
    """A recognised delegation asks a point of information, or its one follow-up; the clock
    stays stopped."""
    if speech.question_step is not QuestionStep.IDLE:
        raise ProcedureError(ErrorCode.POI_IN_PROGRESS)
    if follow_up:
        if not (params.allow_follow_up and speech.follow_up_open):
            raise ProcedureError(ErrorCode.FOLLOW_UP_NOT_ALLOWED)
        asked = replace(speech, follow_up_open=False)
    else:
        if not pois_left(speech):
            raise ProcedureError(ErrorCode.POI_LIMIT_REACHED, limit=speech.poi_limit)
        asked = replace(speech, questions=speech.questions + 1, follow_up_open=True)
    return replace(asked, question_step=QuestionStep.ASKING)


# ---- questions and comments ----------------------------------------------------------------------


def ask_question(
    params: Parameters, speech: Speech, now: datetime, *, follow_up: bool = False
) -> Speech:
    """A recognised delegate asks; asking time counts only if ``question_time_counts=all``.
    To a holder open to points of information, it asks a point of information."""
    if speech.stage is SpeechStage.OPEN_TO_POIS:
        return _ask_poi(params, speech, follow_up=follow_up)
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
    """The speaker answers: under questions its remaining time runs; a point of information
    takes none of it."""
    if speech.stage is SpeechStage.OPEN_TO_POIS:
        if speech.question_step is not QuestionStep.ASKING:
            raise ProcedureError(ErrorCode.NO_POI_ASKED)
        return replace(speech, question_step=QuestionStep.ANSWERING)
    _require_stage(speech, SpeechStage.QUESTIONS)
    return replace(
        speech, question_step=QuestionStep.ANSWERING, timer=ensure_running(speech.timer, now)
    )


def finish_answer(speech: Speech, now: datetime) -> Speech:
    """Back to the chair recognising questioners; the speech ends when time is up. A point of
    information may be closed while still being asked (the speaker answered at once)."""
    if speech.stage is SpeechStage.OPEN_TO_POIS:
        if speech.question_step is QuestionStep.IDLE:
            raise ProcedureError(ErrorCode.NO_POI_ASKED)
        return replace(speech, question_step=QuestionStep.IDLE)
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
