"""Points and rights of reply as floor transitions (procedure.md §4, §2.7, §8.4).

A delegation raises a point; it interrupts the speaker (whose clocks stop at once), is heard
now (nobody is speaking) or waits until the floor opens. The chair resolves it, with a ruling
for a point of order. A right of reply is asked for after a speech; the chair grants or refuses
it and gives the granted delegation the floor for ``ror_seconds``, as a speech of its own whose
turn the record keeps.

Each command takes the floor and returns a `Transition`, or raises `ProcedureError`. A point or
a reply is passed as found on the floor (`find_point`, `find_reply`): the services say so when
it is gone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from .caucuses import hold_for_speech, pause_caucus, release_after_speech, resume_caucus
from .choices import PointKind, RorGround, RulingSubject
from .errors import ErrorCode, ProcedureError
from .facts.points import (
    PointFacts,
    PointResolved,
    ReplyEnded,
    ReplyFacts,
    ReplyGranted,
    SpeakerResumed,
)
from .floor import FloorDoc, PendingPoint, PendingReply, PointHold, PointRuling
from .parameters import Parameters
from .points import Admission, Point, PointContext, PointOutcome, admit_point, is_ruling
from .reply import ReplyTiming, request_reply
from .rulings import RulingState, is_appealable, make_ruling
from .sitting import require_open_session, session_is_open
from .speeches import (
    Speech,
    SpeechStage,
    end_speech,
    interrupt,
    pois_left,
    resume,
    start_speech,
)
from .transition import Transition, Turn, TurnKind
from .turns import is_reply, speech_turn

# The stages in which resuming after a point restarts the speech's clock; under questions or
# comments the speech's own controls restart it.
RESUMABLE_SPEECH_STAGES = frozenset({SpeechStage.SPEAKING, SpeechStage.YIELDED_TO_DELEGATE})

# Any point may be answered or ruled out of order; only a point of order is taken or not.
ORDER_ONLY_OUTCOMES = frozenset({PointOutcome.WELL_TAKEN, PointOutcome.NOT_WELL_TAKEN})


# ---- what the floor looks like to a point -------------------------------------------------------


def speech_on_floor(floor: FloorDoc) -> Speech | None:
    """The speech still going on (a speech that has ended leaves the floor open)."""
    speech = floor.speech
    if speech is None or speech.stage is SpeechStage.ENDED:
        return None
    return speech


def caucus_speaker_on_floor(floor: FloorDoc) -> bool:
    caucus = floor.caucus
    return caucus is not None and not caucus.ended and caucus.current is not None


def speaker_has_floor(floor: FloorDoc) -> bool:
    """Someone is speaking: a speech (or a reply) under way, or a caucus speaker."""
    return speech_on_floor(floor) is not None or caucus_speaker_on_floor(floor)


def point_context(floor: FloorDoc) -> PointContext:
    speech = speech_on_floor(floor)
    questions = speech is not None and speech.stage is SpeechStage.QUESTIONS
    return PointContext(
        phase=floor.phase,
        speaker_has_floor=speaker_has_floor(floor),
        questions_open=questions or (speech is not None and pois_left(speech)),
        open_to_pois=speech is not None and speech.stage is SpeechStage.OPEN_TO_POIS,
    )


def who_may_raise(floor: FloorDoc) -> frozenset[str]:
    """Delegations raise points and ask for replies when they are in the room, in a sitting."""
    return floor.present_ids() if session_is_open(floor) else frozenset()


def find_point(floor: FloorDoc, seq: int) -> PendingPoint | None:
    return next((pending for pending in floor.points if pending.point.seq == seq), None)


def find_own_point(floor: FloorDoc, delegation_id: str) -> PendingPoint | None:
    return next((p for p in floor.points if p.point.delegation == delegation_id), None)


def find_reply(floor: FloorDoc, delegation_id: str) -> PendingReply | None:
    """The delegation's right of reply, asked for or granted and not yet made."""
    return next((r for r in floor.replies if r.request.requester == delegation_id), None)


def last_speech_was_a_reply(floor: FloorDoc, delegation_id: str) -> bool:
    """Was the latest speech, by this delegation, itself a right of reply (§2.7)?"""
    speech = floor.speech
    return speech is not None and speech.speaker == delegation_id and is_reply(floor, speech)


def reply_on_floor(floor: FloorDoc) -> str | None:
    """The delegation making a right of reply now, if one is."""
    speech = speech_on_floor(floor)
    if speech is None or not is_reply(floor, speech):
        return None
    return floor.reply_speech_by


def reply_turn(floor: FloorDoc, now: datetime) -> Turn | None:
    """The turn of the right of reply under way, as if it ended now; None when none is."""
    turn = speech_turn(floor, now)
    return turn if turn is not None and turn.kind is TurnKind.REPLY else None


def speaker_waits_to_resume(floor: FloorDoc) -> bool:
    """A point stopped the speaker's clocks and they are still stopped."""
    hold = floor.point_hold
    if hold is None:
        return False
    speech = speech_on_floor(floor)
    speech_stopped = (
        hold.speech
        and speech is not None
        and speech.stage in RESUMABLE_SPEECH_STAGES
        and not speech.timer.running
    )
    caucus = floor.caucus
    caucus_stopped = (
        hold.caucus and caucus is not None and not caucus.ended and not caucus.total.running
    )
    return speech_stopped or caucus_stopped


def ruling_on(floor: FloorDoc, seq: int) -> PointRuling | None:
    """The chair's ruling on the point raised as `seq`, while its raiser's phone shows it."""
    return next((ruled for ruled in floor.point_rulings if ruled.point.seq == seq), None)


# ---- points -------------------------------------------------------------------------------------


def point_facts(pending: PendingPoint) -> PointFacts:
    point = pending.point
    return PointFacts(
        seq=point.seq,
        delegation=int(point.delegation),
        kind=point.kind,
        admission=pending.admission,
        audibility=point.audibility,
        about_conduct_of_vote=point.about_conduct_of_vote,
        text=pending.text,
    )


def _rulings_without(floor: FloorDoc, delegation_id: str) -> tuple[PointRuling, ...]:
    """The rulings kept, without the delegation's last one; a ruling under appeal stays until
    the appeal vote decides it."""
    return tuple(
        ruled
        for ruled in floor.point_rulings
        if ruled.point.delegation != delegation_id or ruled.ruling.state is RulingState.UNDER_APPEAL
    )


def _without_point(floor: FloorDoc, seq: int) -> tuple[PendingPoint, ...]:
    return tuple(pending for pending in floor.points if pending.point.seq != seq)


def _require_sitting_and_present(floor: FloorDoc, delegation_id: str) -> None:
    require_open_session(floor)
    if delegation_id not in floor.present_ids():
        raise ProcedureError(ErrorCode.RAISER_NOT_PRESENT, delegation=delegation_id)


def _stop_clocks(floor: FloorDoc, now: datetime) -> FloorDoc:
    """Pause the speaker (and a caucus speaker's slot) for an interrupting point.

    The hold remembers only the clocks this stopped, so resuming never starts a clock the
    chair had paused on purpose.
    """
    held = floor.point_hold or PointHold()
    speech = speech_on_floor(floor)
    stopped_speech = speech is not None and speech.timer.running
    if speech is not None and stopped_speech:
        floor = replace(floor, speech=interrupt(speech, now))
    caucus = floor.caucus
    stopped_caucus = caucus is not None and caucus_speaker_on_floor(floor) and caucus.total.running
    if caucus is not None and stopped_caucus:
        floor = replace(floor, caucus=pause_caucus(caucus, now))
    hold = PointHold(speech=held.speech or stopped_speech, caucus=held.caucus or stopped_caucus)
    return replace(floor, point_hold=hold)


def raise_point(
    floor: FloorDoc,
    params: Parameters,
    delegation_id: str,
    kind: PointKind,
    now: datetime,
    *,
    audibility: bool = False,
    about_conduct_of_vote: bool = False,
    text: str = "",
) -> Transition:
    """A present delegation raises one point at a time; it interrupts, is heard, or waits.
    Raising a point clears the ruling on the delegation's last one from its phone."""
    _require_sitting_and_present(floor, delegation_id)
    if find_own_point(floor, delegation_id) is not None:
        raise ProcedureError(ErrorCode.POINT_ALREADY_PENDING, delegation=delegation_id)
    point = Point(
        kind=kind,
        delegation=delegation_id,
        seq=floor.next_point_number,
        audibility=audibility and kind is PointKind.PERSONAL_PRIVILEGE,
        about_conduct_of_vote=about_conduct_of_vote and kind is PointKind.ORDER,
    )
    admission = admit_point(params, point_context(floor), point)
    speech = speech_on_floor(floor)
    if kind is PointKind.INFORMATION_TO_SPEAKER and speech and speech.holder == delegation_id:
        raise ProcedureError(ErrorCode.POINT_NOT_IN_ORDER, point=kind.value, reason="own_speech")
    if admission is Admission.INTERRUPT:
        floor = _stop_clocks(floor, now)
    pending = PendingPoint(point, now, text, admission)
    raised = replace(
        floor,
        points=(*floor.points, pending),
        next_point_number=point.seq + 1,
        point_rulings=_rulings_without(floor, delegation_id),
    )
    return Transition(raised, point_facts(pending))


def withdraw_point(floor: FloorDoc, pending: PendingPoint, delegation_id: str) -> Transition:
    """A delegation takes back its own point; clocks it stopped stay stopped for the dais."""
    if pending.point.delegation != delegation_id:
        raise ProcedureError(ErrorCode.NOT_OWN_POINT, delegation=delegation_id)
    withdrawn = replace(floor, points=_without_point(floor, pending.point.seq))
    return Transition(withdrawn, point_facts(pending))


def resolve_point(
    floor: FloorDoc,
    params: Parameters,
    pending: PendingPoint,
    outcome: PointOutcome,
    now: datetime,
    *,
    note: str = "",
) -> Transition:
    """The chair answers a point, or rules on a point of order (`ruling_on` then finds the
    ruling, which the raiser's phone shows until it raises another point).

    Resolving an interrupting point does not restart the speaker: the chair usually still has
    something to say, and a clock that restarted by itself would eat the speaker's time.
    """
    point = pending.point
    if outcome in ORDER_ONLY_OUTCOMES and point.kind is not PointKind.ORDER:
        raise ProcedureError(ErrorCode.NOT_A_POINT_OF_ORDER, point=point.kind.value)
    resolved = replace(floor, points=_without_point(floor, point.seq))
    appealable = False
    if is_ruling(point.kind, outcome):
        ruling = make_ruling(RulingSubject.POINT_OF_ORDER, outcome, f"point-{point.seq}", now)
        appealable = is_appealable(params, ruling)
        rulings = (*_rulings_without(floor, point.delegation), PointRuling(point, ruling, note))
        resolved = replace(resolved, point_rulings=rulings)
    return Transition(resolved, PointResolved(point_facts(pending), outcome, note, appealable))


def resume_speaker(floor: FloorDoc, now: datetime) -> Transition:
    """Restart the clocks an interrupting point stopped, and only those."""
    hold = floor.point_hold
    if hold is None:
        raise ProcedureError(ErrorCode.NO_SPEAKER_TO_RESUME)
    speech = speech_on_floor(floor)
    resumed_speech = hold.speech and speech is not None and speech.stage in RESUMABLE_SPEECH_STAGES
    if resumed_speech and speech is not None:
        floor = replace(floor, speech=resume(speech, now))
    caucus = floor.caucus
    resumed_caucus = hold.caucus and caucus is not None and not caucus.ended
    if resumed_caucus and caucus is not None:
        floor = replace(floor, caucus=resume_caucus(caucus, now))
    holder = speech.holder if speech is not None and resumed_speech else None
    if holder is None and resumed_caucus and caucus is not None:
        holder = caucus.current
    resumed = replace(floor, point_hold=None)
    return Transition(resumed, SpeakerResumed(int(holder) if holder else None))


# ---- rights of reply ----------------------------------------------------------------------------


def reply_facts(pending: PendingReply) -> ReplyFacts:
    request = pending.request
    return ReplyFacts(
        delegation=int(request.requester),
        against=int(request.against_speech_by),
        ground=request.ground,
        seconds=request.seconds,
    )


def _without_reply(floor: FloorDoc, pending: PendingReply) -> tuple[PendingReply, ...]:
    requester = pending.request.requester
    return tuple(r for r in floor.replies if r.request.requester != requester)


def ask_for_reply(
    floor: FloorDoc,
    params: Parameters,
    delegation_id: str,
    against_id: str,
    ground: RorGround,
    now: datetime,
) -> Transition:
    """A present delegation asks, once, for a right of reply to a speech that impugned it."""
    _require_sitting_and_present(floor, delegation_id)
    if find_reply(floor, delegation_id) is not None:
        raise ProcedureError(ErrorCode.REPLY_ALREADY_REQUESTED, delegation=delegation_id)
    request = request_reply(
        params,
        delegation_id,
        against_id,
        ground,
        offending_speech_was_a_reply=last_speech_was_a_reply(floor, against_id),
    )
    pending = PendingReply(request, now)
    asked = replace(floor, replies=(*floor.replies, pending))
    return Transition(asked, reply_facts(pending))


def withdraw_reply(floor: FloorDoc, pending: PendingReply) -> Transition:
    withdrawn = replace(floor, replies=_without_reply(floor, pending))
    return Transition(withdrawn, reply_facts(pending))


def _give_the_floor(
    floor: FloorDoc, params: Parameters, pending: PendingReply, now: datetime
) -> FloorDoc:
    """The reply is a speech of its own: ``ror_seconds``, no yields. A caucus under way stops
    its clocks until the reply ends."""
    requester = pending.request.requester
    speech = start_speech(params, requester, now, duration=pending.request.seconds, gsl=False)
    caucus = floor.caucus
    if caucus is not None:
        floor = replace(floor, caucus=hold_for_speech(caucus, now))
    return replace(
        floor, speech=speech, reply_speech_by=requester, replies=_without_reply(floor, pending)
    )


def decide_on_reply(
    floor: FloorDoc, params: Parameters, pending: PendingReply, grant: bool, now: datetime
) -> Transition:
    """Grant or refuse a right of reply, once; not appealable (§2.7).

    A granted reply gets the floor at once when nobody is speaking, which is what a chair
    does nearly always. While someone speaks, or when the profile takes replies at the end of
    the day, it stays listed as granted until the chair gives it the floor.
    """
    if pending.granted is not None:
        raise ProcedureError(ErrorCode.REPLY_ALREADY_DECIDED)
    facts = reply_facts(pending)
    if not grant:
        return Transition(replace(floor, replies=_without_reply(floor, pending)), facts)
    granted = replace(pending, granted=True)
    requester = pending.request.requester
    replies = tuple(granted if r.request.requester == requester else r for r in floor.replies)
    floor = replace(floor, replies=replies)
    speaks_now = pending.request.timing is ReplyTiming.CHAIR_SETS and not speaker_has_floor(floor)
    if speaks_now:
        floor = _give_the_floor(floor, params, granted, now)
    return Transition(
        floor,
        ReplyGranted(
            facts.delegation, facts.against, facts.ground, facts.seconds, floor_given=speaks_now
        ),
    )


def give_reply_the_floor(
    floor: FloorDoc, params: Parameters, pending: PendingReply, now: datetime
) -> Transition:
    """A granted right of reply speaks now, once nobody else is speaking."""
    if pending.granted is not True:
        raise ProcedureError(ErrorCode.REPLY_NOT_GRANTED)
    if speaker_has_floor(floor):
        raise ProcedureError(ErrorCode.REPLY_WAITS_FOR_FLOOR)
    return Transition(_give_the_floor(floor, params, pending, now), reply_facts(pending))


def end_reply(floor: FloorDoc, now: datetime) -> Transition:
    """The right of reply on the floor ends, and its turn is recorded; a caucus it held
    restarts. The ended speech stays on the floor, so a reply to it is still recognised as a
    reply to a reply."""
    turn = reply_turn(floor, now)
    if turn is None or floor.speech is None:
        raise ProcedureError(ErrorCode.NO_REPLY_ON_FLOOR)
    ended = replace(floor, speech=end_speech(floor.speech, now))
    if ended.caucus is not None:
        ended = replace(ended, caucus=release_after_speech(ended.caucus, now))
    seconds_used = round(turn.used.total_seconds())
    return Transition(ended, ReplyEnded(int(turn.delegation), seconds_used), (turn,))
