"""The general speakers' list and its speeches with yields, as floor transitions (§2.2, §8.6–8.8,
§8.11).

Each command takes the floor and its arguments and returns a `Transition`: the next floor, the
typed facts the log records and the turns at the microphone that ended (the record writes one
Speech row per turn). A refusal is a `ProcedureError`. The queries at the end tell the screens
which actions the commands would accept now.

A holder open to points of information (THIMUN) takes them as questions of its speech: the
chair recognises a questioner, who asks, the speaker answers, and one follow-up may be allowed;
the speech's clock stays stopped throughout. When the holder stops taking them (it closes them,
yields, or its speech ends), the points of information to the speaker still waiting lapse.

Delegations are the floor's keys (their ids as strings). A command that a delegation sends from
its phone names it as `requested_by`; the dais sends None. When the last speaker on the list
finishes, the list is exhausted and, if the rules say so, debate closes: whatever is still being
said is cut short and the committee enters voting procedure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from . import speakers as rules
from . import speeches as rules_speeches
from .attendance import Attendee
from .choices import GslExhaustionAction, PointKind, YieldKind
from .errors import ErrorCode, ProcedureError
from .facts.speakers import (
    AnswerFinished,
    AnswerStarted,
    CommentStarted,
    DebateClosed,
    ListClosedSet,
    ListExhausted,
    PoisClosed,
    PoisOpened,
    QuestionAsked,
    SelfServiceSet,
    SpeakerAdded,
    SpeakerCalled,
    SpeakerMoved,
    SpeakerRemoved,
    SpeechEnded,
    YieldAnswered,
    YieldDeclared,
)
from .floor import FloorDoc
from .parameters import Parameters
from .phases import Phase
from .points import settled_by_question, waiting_questioners
from .sitting import require_open_session, session_is_open
from .speeches import QuestionStep, Speech, SpeechStage
from .transition import Transition, Turn
from .turns import end_every_turn, speech_turn
from .voting import VotingTrigger, enter_voting_procedure


def _id(key: str | None) -> int | None:
    """A delegation's key on the floor as the id the log's facts use."""
    return None if key is None else int(key)


def _require_acting_for_itself(delegation: str, requested_by: str | None) -> None:
    if requested_by is not None and requested_by != delegation:
        raise ProcedureError(ErrorCode.ACTS_ONLY_FOR_ITSELF)


def _require_debate_open(floor: FloorDoc) -> None:
    require_open_session(floor)
    if floor.phase is Phase.VOTING_PROCEDURE:
        raise ProcedureError(ErrorCode.DEBATE_CLOSED)


def debate_open(floor: FloorDoc) -> bool:
    """The list can be built in any phase of the session except voting procedure."""
    return session_is_open(floor) and floor.phase is not Phase.VOTING_PROCEDURE


def _require_gsl_phase(floor: FloorDoc) -> None:
    require_open_session(floor)
    if floor.phase is not Phase.GSL:
        raise ProcedureError(ErrorCode.NOT_IN_GSL, phase=floor.phase.value)


def _live_list_speech(floor: FloorDoc) -> Speech:
    """The GSL speech under way: there is one, and it has not ended."""
    require_open_session(floor)
    speech = floor.speech
    if speech is None or not speech.gsl or speech.stage is SpeechStage.ENDED:
        raise ProcedureError(ErrorCode.NO_LIST_SPEECH)
    return speech


def speaking_time(floor: FloorDoc, params: Parameters) -> int:
    """The speaking time in force, in seconds: set by motion, else the profile's (§2.2)."""
    return floor.speaking_time or params.gsl_speaking_time


# ---- the list ---------------------------------------------------------------------------------


def add_speaker(
    floor: FloorDoc, params: Parameters, delegation: str, *, requested_by: str | None = None
) -> Transition:
    """Add a delegation at the end: the dais adds anyone present; a phone adds itself, while
    the dais takes names from phones."""
    _require_acting_for_itself(delegation, requested_by)
    _require_debate_open(floor)
    if requested_by is not None and not floor.gsl_self_service:
        raise ProcedureError(ErrorCode.SELF_SERVICE_OFF)
    gsl = rules.add_speaker(params, floor.gsl, delegation, floor.present_ids())
    return Transition(
        replace(floor, gsl=gsl), SpeakerAdded(int(delegation), position=len(gsl.entries))
    )


def remove_speaker(
    floor: FloorDoc, delegation: str, *, requested_by: str | None = None
) -> Transition:
    """The dais removes an entry; a delegation withdraws its own."""
    _require_acting_for_itself(delegation, requested_by)
    require_open_session(floor)
    gsl = rules.remove_speaker(floor.gsl, delegation)
    return Transition(replace(floor, gsl=gsl), SpeakerRemoved(int(delegation)))


def entry_at(floor: FloorDoc, position: int) -> str | None:
    """Who is at a place on the list (1 is the next speaker); None outside the list."""
    entries = floor.gsl.entries
    return entries[position - 1] if 1 <= position <= len(entries) else None


def move_speaker(
    floor: FloorDoc, params: Parameters, from_position: int, to_position: int
) -> Transition:
    """The dais moves an entry to another place (positions count from 1, the next speaker)."""
    require_open_session(floor)
    gsl = rules.move_speaker(params, floor.gsl, from_position - 1, to_position - 1)
    moved = entry_at(floor, from_position)
    assert moved is not None  # move_speaker refuses a place outside the list
    return Transition(replace(floor, gsl=gsl), SpeakerMoved(int(moved), from_position, to_position))


def set_self_service(floor: FloorDoc, on: bool) -> Transition:
    """Let delegations add themselves from their phones, or stop it."""
    require_open_session(floor)
    return Transition(replace(floor, gsl_self_service=on), SelfServiceSet(on))


def set_list_closed(floor: FloorDoc, params: Parameters, closed: bool) -> Transition:
    """Close the list to new names, or reopen it."""
    require_open_session(floor)
    gsl = rules.set_closed(params, floor.gsl, closed)
    return Transition(replace(floor, gsl=gsl), ListClosedSet(closed))


# ---- the end of a turn on the list and of the list ---------------------------------------------


def _enter_voting_procedure(
    floor: FloorDoc, attendees: Iterable[Attendee], now: datetime
) -> tuple[FloorDoc, int, tuple[Turn, ...]]:
    """§2.2 exhaustion / §6.1: debate on the topic closes and voting procedure begins. Whatever
    is still being said (a right of reply to the last speech, say) is cut short. Gives the
    floor, how many delegations are admitted, and the turns that ended."""
    procedure = enter_voting_procedure(
        VotingTrigger.GSL_EXHAUSTION,
        attendees,
        (),  # documents come in a later version: nothing to vote on yet
        now,
        already_in_voting=floor.phase is Phase.VOTING_PROCEDURE,
    )
    floor, turns = end_every_turn(floor, now)
    closed = replace(floor, phase=Phase.VOTING_PROCEDURE, speech=None, gsl_recognised=None)
    return closed, len(procedure.admitted), turns


def _finish_turn(
    floor: FloorDoc, params: Parameters, attendees: Iterable[Attendee], now: datetime
) -> tuple[FloorDoc, ListExhausted | None, tuple[Turn, ...]]:
    """The current speaker has finished: it is marked spoken, and debate closes if the list is
    exhausted and the rules say so. Gives the floor, whether the list ran out, and the turns
    that closing debate cut short."""
    floor = replace(floor, gsl=rules.finish_current(floor.gsl), gsl_recognised=None)
    status = rules.list_status(params, floor.gsl)
    if not status.exhausted:
        return floor, None, ()
    if status.action is not GslExhaustionAction.CLOSE_DEBATE:
        return floor, ListExhausted(), ()
    floor, admitted, turns = _enter_voting_procedure(floor, attendees, now)
    return floor, ListExhausted(admitted=admitted), turns


def _store_speech(
    floor: FloorDoc,
    params: Parameters,
    attendees: Iterable[Attendee],
    speech: Speech,
    now: datetime,
) -> tuple[FloorDoc, ListExhausted | None, tuple[Turn, ...]]:
    """Put the speech on the floor; if it has just ended, the speaker's turn on the list is
    over."""
    floor = replace(floor, speech=speech)
    if speech.stage is not SpeechStage.ENDED:
        return floor, None, ()
    return _finish_turn(floor, params, attendees, now)


def _turns(*turns: Turn | None) -> tuple[Turn, ...]:
    return tuple(turn for turn in turns if turn is not None)


def _open_to_pois(floor: FloorDoc) -> bool:
    speech = floor.speech
    return speech is not None and speech.stage is SpeechStage.OPEN_TO_POIS


def _lapse_pois(before: FloorDoc, after: FloorDoc) -> tuple[FloorDoc, tuple[int, ...]]:
    """The holder has stopped taking points of information (`before` it took them, `after`
    it does not): the points of information to the speaker still waiting lapse. Gives the
    floor without them, and their numbers."""
    if not _open_to_pois(before) or _open_to_pois(after):
        return after, ()
    lapsed = tuple(
        pending.point.seq
        for pending in after.points
        if pending.point.kind is PointKind.INFORMATION_TO_SPEAKER
    )
    if not lapsed:
        return after, ()
    kept = tuple(pending for pending in after.points if pending.point.seq not in lapsed)
    return replace(after, points=kept), lapsed


# ---- speeches ----------------------------------------------------------------------------------


def call_next_speaker(
    floor: FloorDoc, params: Parameters, attendees: Iterable[Attendee], now: datetime
) -> Transition:
    """End the current speech, if any, and give the floor to the next speaker on the list for
    the speaking time in force. After the last speaker, the list is exhausted instead."""
    _require_gsl_phase(floor)
    was = floor
    before = floor.gsl.current
    speech = floor.speech
    ending_now = speech is not None and speech.stage is not SpeechStage.ENDED
    if speech is not None and ending_now and not speech.gsl:
        raise ProcedureError(ErrorCode.NOT_A_LIST_SPEECH)
    finished = ending_now or before is not None
    ended: tuple[Turn, ...] = ()
    if speech is not None and ending_now:
        ended = _turns(speech_turn(floor, now))
        floor = replace(floor, speech=rules_speeches.end_speech(speech, now))
    exhausted = None
    if finished:
        floor, exhausted, cut_short = _finish_turn(floor, params, attendees, now)
        ended += cut_short
    floor, lapsed = _lapse_pois(was, floor)
    if finished and not floor.gsl.entries:
        # The last speaker has finished: the list is exhausted.
        facts = SpeakerCalled(None, finished=_id(before), exhausted=exhausted, points_lapsed=lapsed)
        return Transition(floor, facts, ended)
    called = rules.call_next(floor.gsl)
    assert called.current is not None  # call_next refuses an empty list
    seconds = speaking_time(floor, params)
    started = rules_speeches.start_speech(params, called.current, now, duration=seconds)
    # Debate has moved on: the caucus that ended before can no longer be extended.
    floor = replace(floor, gsl=called, speech=started, gsl_recognised=None, last_ended_caucus=None)
    facts = SpeakerCalled(
        int(called.current),
        seconds=seconds,
        finished=_id(before) if finished else None,
        points_lapsed=lapsed,
    )
    return Transition(floor, facts, ended)


def end_speech(
    floor: FloorDoc, params: Parameters, attendees: Iterable[Attendee], now: datetime
) -> Transition:
    """The chair ends the GSL speech under way (time is up, or the speaker has finished)."""
    speech = _live_list_speech(floor)
    turn = speech_turn(floor, now)
    ended, exhausted, cut_short = _store_speech(
        floor, params, attendees, rules_speeches.end_speech(speech, now), now
    )
    ended, lapsed = _lapse_pois(floor, ended)
    facts = SpeechEnded(int(speech.speaker), exhausted=exhausted, points_lapsed=lapsed)
    return Transition(ended, facts, _turns(turn) + cut_short)


def declare_yield(
    floor: FloorDoc,
    params: Parameters,
    attendees: Iterable[Attendee],
    kind: YieldKind,
    now: datetime,
    *,
    target: str | None = None,
) -> Transition:
    """The holder of the floor yields the remaining time (§2.2 "Yields"), as the chair records.
    A yield to the chair or to a delegate ends the holder's turn; the delegate yielded to
    starts its own on accepting."""
    speech = _live_list_speech(floor)
    yielded = rules_speeches.declare_yield(
        params, speech, kind, now, target=target, present=floor.present_ids()
    )
    turn = None
    if kind in (YieldKind.CHAIR, YieldKind.DELEGATE):
        turn = speech_turn(floor, now, yielded_to=kind, target=target)
    stored, exhausted, cut_short = _store_speech(floor, params, attendees, yielded, now)
    stored, lapsed = _lapse_pois(floor, stored)
    facts = YieldDeclared(
        int(speech.holder),
        kind,
        target=_id(target),
        reverted=yielded.reverted_to_chair,
        exhausted=exhausted,
        points_lapsed=lapsed,
    )
    return Transition(stored, facts, _turns(turn) + cut_short)


def answer_yield(
    floor: FloorDoc,
    params: Parameters,
    attendees: Iterable[Attendee],
    accept: bool,
    now: datetime,
    *,
    requested_by: str | None = None,
) -> Transition:
    """The delegate yielded to accepts or declines, on its phone (`requested_by`), or the dais
    records its spoken answer. Declined, the time reverts to the chair and the speech ends."""
    require_open_session(floor)
    speech = floor.speech
    if speech is None or speech.pending_target is None:
        raise ProcedureError(ErrorCode.NO_PENDING_YIELD)
    if requested_by is not None and requested_by != speech.pending_target:
        raise ProcedureError(ErrorCode.NOT_YIELDED_TO)
    answered = rules_speeches.respond_to_yield(speech, accept, now)
    floor, exhausted, cut_short = _store_speech(floor, params, attendees, answered, now)
    facts = YieldAnswered(
        int(speech.pending_target), int(speech.holder), accept, exhausted=exhausted
    )
    return Transition(floor, facts, cut_short)


def _require_recognisable(floor: FloorDoc, speech: Speech, delegation: str) -> None:
    """A questioner or commenter: a present delegation other than the one holding the floor."""
    if delegation == speech.holder:
        raise ProcedureError(ErrorCode.HOLDER_NOT_RECOGNISABLE)
    if delegation not in floor.present_ids():
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=delegation)


def _asked(
    floor: FloorDoc,
    params: Parameters,
    speech: Speech,
    questioner: str | None,
    now: datetime,
    *,
    follow_up: bool,
) -> Transition:
    poi = speech.stage is SpeechStage.OPEN_TO_POIS
    asked = rules_speeches.ask_question(params, speech, now, follow_up=follow_up)
    # The questioner's point of information to the speaker is answered by recognising it.
    settled = [p for p in floor.points if settled_by_question(p.point, questioner or "")]
    floor = replace(
        floor,
        speech=asked,
        gsl_recognised=questioner,
        points=tuple(p for p in floor.points if p not in settled),
    )
    facts = QuestionAsked(
        _id(questioner),
        int(speech.holder),
        asked.questions,
        follow_up=follow_up,
        points_settled=tuple(p.point.seq for p in settled),
        poi=poi,
    )
    return Transition(floor, facts)


def ask_question(floor: FloorDoc, params: Parameters, questioner: str, now: datetime) -> Transition:
    """The chair recognises a questioner, who asks; asking time does not count (§2.2). To a
    holder open to points of information, it asks one (none of the holder's time counts)."""
    speech = _live_list_speech(floor)
    _require_recognisable(floor, speech, questioner)
    return _asked(floor, params, speech, questioner, now, follow_up=False)


def ask_follow_up(floor: FloorDoc, params: Parameters, now: datetime) -> Transition:
    """The questioner last recognised asks a follow-up to its question."""
    speech = _live_list_speech(floor)
    return _asked(floor, params, speech, floor.gsl_recognised, now, follow_up=True)


def start_answer(floor: FloorDoc, now: datetime) -> Transition:
    """The speaker answers: the remaining time runs (but not for a point of information)."""
    speech = _live_list_speech(floor)
    answering = rules_speeches.start_answer(speech, now)
    return Transition(replace(floor, speech=answering), AnswerStarted(int(speech.holder)))


def finish_answer(
    floor: FloorDoc, params: Parameters, attendees: Iterable[Attendee], now: datetime
) -> Transition:
    """The answer is over: back to recognising questioners, or the speech ends if the answer
    used up the time."""
    speech = _live_list_speech(floor)
    finished = rules_speeches.finish_answer(speech, now)
    speech_ended = finished.stage is SpeechStage.ENDED
    turn = speech_turn(floor, now) if speech_ended else None
    floor, exhausted, cut_short = _store_speech(floor, params, attendees, finished, now)
    facts = AnswerFinished(int(speech.holder), speech_ended=speech_ended, exhausted=exhausted)
    return Transition(floor, facts, _turns(turn) + cut_short)


def start_comment(floor: FloorDoc, params: Parameters, commenter: str, now: datetime) -> Transition:
    """The chair recognises a delegate to comment on the speech, for comment_seconds (§2.2)."""
    speech = _live_list_speech(floor)
    _require_recognisable(floor, speech, commenter)
    commented = rules_speeches.start_comment(params, speech, now)
    facts = CommentStarted(
        int(commenter),
        int(speech.holder),
        number=commented.comments,
        seconds=params.comment_seconds,
    )
    return Transition(replace(floor, speech=commented, gsl_recognised=commenter), facts)


# ---- open to points of information (THIMUN) ------------------------------------------------------


def _require_holder(speech: Speech, requested_by: str | None) -> None:
    """From a phone, only the delegation holding the floor speaks for itself."""
    if requested_by is not None and requested_by != speech.holder:
        raise ProcedureError(ErrorCode.NOT_FLOOR_HOLDER)


def open_to_pois(
    floor: FloorDoc,
    params: Parameters,
    now: datetime,
    *,
    offered: int | None = None,
    requested_by: str | None = None,
) -> Transition:
    """The holder of the floor, on its phone (`requested_by`) or as the dais records, is open to
    `offered` points of information (None: as many as the chair takes); its clock stops."""
    speech = _live_list_speech(floor)
    _require_holder(speech, requested_by)
    opened = rules_speeches.open_to_pois(params, speech, now, offered=offered)
    facts = PoisOpened(int(speech.holder), offered=offered, limit=opened.poi_limit)
    return Transition(replace(floor, speech=opened, gsl_recognised=None), facts)


def close_pois(floor: FloorDoc, *, requested_by: str | None = None) -> Transition:
    """The holder takes no more points of information: the ones still waiting lapse, and it
    holds the floor again (its clock stopped) until it yields or the chair moves on."""
    speech = _live_list_speech(floor)
    _require_holder(speech, requested_by)
    closed = replace(floor, speech=rules_speeches.close_pois(speech), gsl_recognised=None)
    closed, lapsed = _lapse_pois(floor, closed)
    facts = PoisClosed(int(speech.holder), taken=speech.questions, points_lapsed=lapsed)
    return Transition(closed, facts)


def close_debate(
    floor: FloorDoc, params: Parameters, attendees: Iterable[Attendee], now: datetime
) -> Transition:
    """With gsl_exhaustion_action=prompt_chair, the chair closes debate on an exhausted list."""
    _require_gsl_phase(floor)
    if not rules.list_status(params, floor.gsl).exhausted:
        raise ProcedureError(ErrorCode.LIST_NOT_EXHAUSTED)
    floor, admitted, turns = _enter_voting_procedure(floor, attendees, now)
    return Transition(floor, DebateClosed(admitted=admitted), turns)


# ---- queries: what the commands would accept now -------------------------------------------------


def may_add(
    floor: FloorDoc, params: Parameters, delegation: str, *, by_itself: bool = False
) -> bool:
    """The delegation may be added to the list now (by the dais, or `by_itself` on its phone)."""
    try:
        add_speaker(floor, params, delegation, requested_by=delegation if by_itself else None)
    except ProcedureError:
        return False
    return True


def open_yields(floor: FloorDoc, params: Parameters, now: datetime) -> frozenset[YieldKind]:
    """The kinds of yield the holder of the floor may make now. A yield to a delegate needs
    another delegation in the room; which one does not change what the rules allow."""
    speech = floor.speech
    if speech is None:
        return frozenset()
    others = sorted(floor.present_ids() - {speech.holder})
    target = others[0] if others else None
    allowed: set[YieldKind] = set()
    for kind in YieldKind:
        if kind is YieldKind.DELEGATE and target is None:
            continue
        try:
            declare_yield(floor, params, (), kind, now, target=target)
        except ProcedureError:
            continue
        allowed.add(kind)
    return frozenset(allowed)


def may_ask_follow_up(floor: FloorDoc, params: Parameters, now: datetime) -> bool:
    """A follow-up to the last question may be asked now."""
    try:
        ask_follow_up(floor, params, now)
    except ProcedureError:
        return False
    return True


def may_comment(floor: FloorDoc, params: Parameters, now: datetime) -> bool:
    """The chair may recognise another comment on the speech now."""
    try:
        speech = _live_list_speech(floor)
        rules_speeches.start_comment(params, speech, now)
    except ProcedureError:
        return False
    return True


def may_open_to_pois(
    floor: FloorDoc, params: Parameters, now: datetime, *, requested_by: str | None = None
) -> bool:
    """The holder may say now that it is open to points of information."""
    try:
        open_to_pois(floor, params, now, requested_by=requested_by)
    except ProcedureError:
        return False
    return True


def may_close_pois(floor: FloorDoc, *, requested_by: str | None = None) -> bool:
    """The holder is open to points of information and may stop taking them."""
    try:
        close_pois(floor, requested_by=requested_by)
    except ProcedureError:
        return False
    return True


def may_recognise_poi(floor: FloorDoc) -> bool:
    """The chair may recognise a point of information now: the holder is open to them, takes
    another, and none is being asked or answered."""
    speech = floor.speech
    return (
        speech is not None
        and rules_speeches.pois_left(speech)
        and speech.question_step is QuestionStep.IDLE
    )


def poi_queue(floor: FloorDoc) -> tuple[str, ...]:
    """The delegations waiting with a point of information to the speaker, first raised
    first, while the holder takes points of information."""
    if not _open_to_pois(floor):
        return ()
    return waiting_questioners(pending.point for pending in floor.points)


def may_close_debate(floor: FloorDoc, params: Parameters) -> bool:
    """The chair may close debate on the exhausted list now (prompt_chair)."""
    try:
        _require_gsl_phase(floor)
    except ProcedureError:
        return False
    return rules.list_status(params, floor.gsl).exhausted
