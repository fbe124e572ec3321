"""Points and rights of reply (procedure.md §4, §2.7, §8.4).

A delegation raises a point on its phone; the engine admits it to interrupt the speaker (the
speaker's clocks stop at once), to be heard now (nobody is speaking) or to wait until the floor
opens. The dais resolves it, with a ruling for a point of order. A right of reply is asked for
after a speech; the dais grants or refuses it (a ruling that cannot be appealed) and gives the
granted delegation the floor for ``ror_seconds``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Delegation, Ruling, Speech
from committee.procedure import caucuses as rules_caucuses
from committee.procedure import speeches as rules_speeches
from committee.procedure.choices import PointKind, RorGround, RulingSubject
from committee.procedure.facts import EventKind
from committee.procedure.facts.points import (
    PointFacts,
    PointResolved,
    ReplyEnded,
    ReplyFacts,
    ReplyGranted,
    SpeakerResumed,
)
from committee.procedure.floor import FloorDoc, PendingPoint, PendingReply, PointHold, PointRuling
from committee.procedure.points import Admission, Point, PointOutcome, admit_point, is_ruling
from committee.procedure.reply import ReplyTiming, request_reply
from committee.procedure.rulings import is_appealable, make_ruling
from committee.readmodels.points import (
    RESUMABLE_SPEECH_STAGES,
    caucus_speaker_on_floor,
    point_context,
    speech_is_a_reply,
    speech_on_floor,
)
from committee.services.floor import FloorAction, FloorRefusal, floor_action

POINT_TEXT_MAX_LENGTH = 200

# How the dais disposes of a point. Only a point of order is ruled well or not well taken.
ANSWERED = PointOutcome.ANSWERED
WELL_TAKEN = PointOutcome.WELL_TAKEN
NOT_WELL_TAKEN = PointOutcome.NOT_WELL_TAKEN
OUT_OF_ORDER = PointOutcome.OUT_OF_ORDER
POINT_OUTCOMES = tuple(PointOutcome)


def _require_sitting(action: FloorAction) -> None:
    if action.session is None or action.session.closed_at is not None:
        raise FloorRefusal(_("No session is open."))


def _require_present(action: FloorAction, delegation: Delegation) -> None:
    if not action.attendee(delegation.pk).is_present:
        raise FloorRefusal(
            _("Your delegation is not marked present. Answer the roll call or send a note first.")
        )


def _pending_point(action: FloorAction, seq: int) -> PendingPoint:
    for pending in action.doc.points:
        if pending.point.seq == seq:
            return pending
    raise FloorRefusal(_("That point is no longer pending."))


def _point_facts(pending: PendingPoint) -> PointFacts:
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


def _rulings_without(doc: FloorDoc, delegation_id: str) -> tuple[PointRuling, ...]:
    return tuple(r for r in doc.point_rulings if r.point.delegation != delegation_id)


def _stop_clocks(action: FloorAction) -> PointHold:
    """Pause the speaker (and a caucus speaker's slot) for an interrupting point.

    The hold remembers only the clocks this stopped, so resuming never starts a clock the
    chair had paused on purpose.
    """
    doc, now = action.doc, action.now
    held = doc.point_hold or PointHold()
    speech = speech_on_floor(doc)
    stopped_speech = speech is not None and speech.timer.running
    if speech is not None and stopped_speech:
        action.update(speech=rules_speeches.interrupt(speech, now))
    caucus = doc.caucus
    stopped_caucus = caucus is not None and caucus_speaker_on_floor(doc) and caucus.total.running
    if caucus is not None and stopped_caucus:
        action.update(caucus=rules_caucuses.pause_caucus(caucus, now))
    return PointHold(speech=held.speech or stopped_speech, caucus=held.caucus or stopped_caucus)


# ---- points ---------------------------------------------------------------------------------


def point_raise(
    *,
    committee: Committee,
    delegation: Delegation,
    kind: PointKind,
    audibility: bool = False,
    about_conduct_of_vote: bool = False,
    text: str = "",
) -> PendingPoint:
    """A delegation raises a point; the engine says whether it interrupts, is heard, or waits."""
    text = text.strip()
    if len(text) > POINT_TEXT_MAX_LENGTH:
        raise FloorRefusal(
            _("Keep the point to %d characters; say the rest aloud.") % POINT_TEXT_MAX_LENGTH
        )
    with floor_action(committee, kind=EventKind.POINT_RAISED, delegation=delegation) as action:
        _require_sitting(action)
        _require_present(action, delegation)
        own_id = str(delegation.pk)
        if any(pending.point.delegation == own_id for pending in action.doc.points):
            raise FloorRefusal(
                _("Your delegation already has a point pending. Withdraw it to raise another.")
            )
        point = Point(
            kind=kind,
            delegation=own_id,
            seq=action.doc.next_point_number,
            audibility=audibility and kind is PointKind.PERSONAL_PRIVILEGE,
            about_conduct_of_vote=about_conduct_of_vote and kind is PointKind.ORDER,
        )
        admission = admit_point(action.params, point_context(action.doc), point)
        if admission is Admission.INTERRUPT:
            hold = _stop_clocks(action)
            action.update(point_hold=hold)
        pending = PendingPoint(point, action.now, text, admission)
        action.update(
            points=(*action.doc.points, pending),
            next_point_number=point.seq + 1,
            point_rulings=_rulings_without(action.doc, own_id),
        )
        action.payload = _point_facts(pending)
    return pending


def point_withdraw(*, committee: Committee, delegation: Delegation, seq: int) -> None:
    """A delegation takes back its own point (stopped clocks stay stopped for the dais)."""
    with floor_action(committee, kind=EventKind.POINT_WITHDRAWN, delegation=delegation) as action:
        pending = _pending_point(action, seq)
        if pending.point.delegation != str(delegation.pk):
            raise FloorRefusal(_("A delegation can withdraw only its own point."))
        action.update(points=tuple(p for p in action.doc.points if p is not pending))
        action.payload = _point_facts(pending)


def point_resolve(
    *, committee: Committee, user: Any, seq: int, outcome: str, note: str = ""
) -> None:
    """The dais answers or rules on a point; a ruling on a point of order is logged as such
    and kept as a Ruling row.

    Resolving an interrupting point does not restart the speaker: the chair usually still has
    something to say (the ruling, "can you hear now?"), and a clock that restarts by itself
    would eat the speaker's time meanwhile. The panel offers "Resume the speaker" instead.
    """
    if outcome not in POINT_OUTCOMES:
        raise FloorRefusal(_("Choose how the point was resolved."))
    outcome = PointOutcome(outcome)
    note = note.strip()
    with floor_action(committee, kind=EventKind.POINT_RESOLVED, user=user) as action:
        pending = _pending_point(action, seq)
        point = pending.point
        if outcome in (WELL_TAKEN, NOT_WELL_TAKEN) and point.kind is not PointKind.ORDER:
            raise FloorRefusal(_("Only a point of order is ruled well taken or not well taken."))
        action.update(points=tuple(p for p in action.doc.points if p is not pending))
        appealable = False
        if is_ruling(point.kind, outcome):
            ruling = make_ruling(RulingSubject.POINT_OF_ORDER, outcome, f"point-{seq}", action.now)
            appealable = is_appealable(action.params, ruling)
            # The raiser's phone shows the ruling until the delegation raises another point.
            action.update(
                point_rulings=(
                    *_rulings_without(action.doc, point.delegation),
                    PointRuling(point, ruling, note),
                )
            )
            action.create_row(
                Ruling,
                committee=action.committee,
                session=action.session,
                point_by=action.delegation(point.delegation),
                subject=point.kind.value,
                decision=ruling.decision,
                state=ruling.state.value,
                ruled_at=action.now,
            )
        action.payload = PointResolved(_point_facts(pending), outcome, note, appealable)


def point_speaker_resume(*, committee: Committee, user: Any) -> None:
    """Restart the clocks an interrupting point stopped."""
    with floor_action(committee, kind=EventKind.POINT_SPEAKER_RESUMED, user=user) as action:
        hold = action.doc.point_hold
        if hold is None:
            raise FloorRefusal(_("No speaker is waiting to resume after a point."))
        speech = speech_on_floor(action.doc)
        # Under questions or comments the speech's own controls restart its clock.
        resumed_speech = (
            hold.speech and speech is not None and speech.stage in RESUMABLE_SPEECH_STAGES
        )
        if resumed_speech and speech is not None:
            action.update(speech=rules_speeches.resume(speech, action.now))
        caucus = action.doc.caucus
        resumed_caucus = hold.caucus and caucus is not None and not caucus.ended
        if resumed_caucus and caucus is not None:
            action.update(caucus=rules_caucuses.resume_caucus(caucus, action.now))
        action.update(point_hold=None)
        holder = speech.holder if speech is not None and resumed_speech else None
        if holder is None and resumed_caucus and caucus is not None:
            holder = caucus.current
        action.payload = SpeakerResumed(int(holder) if holder else None)


# ---- rights of reply ----------------------------------------------------------------------------


def _pending_reply(action: FloorAction, delegation_id: int | str) -> PendingReply:
    for pending in action.doc.replies:
        if pending.request.requester == str(delegation_id):
            return pending
    raise FloorRefusal(_("That delegation has no right of reply pending."))


def _reply_facts(pending: PendingReply) -> ReplyFacts:
    request = pending.request
    return ReplyFacts(
        delegation=int(request.requester),
        against=int(request.against_speech_by),
        ground=request.ground,
        seconds=request.seconds,
    )


def reply_request(
    *, committee: Committee, delegation: Delegation, against_id: int, ground: RorGround
) -> PendingReply:
    """Ask for a right of reply to a speech that impugned the delegation (§2.7)."""
    with floor_action(committee, kind=EventKind.REPLY_REQUESTED, delegation=delegation) as action:
        _require_sitting(action)
        _require_present(action, delegation)
        own_id = str(delegation.pk)
        against = str(action.delegation(against_id).pk)
        if any(pending.request.requester == own_id for pending in action.doc.replies):
            raise FloorRefusal(_("Your delegation has already asked for a right of reply."))
        request = request_reply(
            action.params,
            own_id,
            against,
            ground,
            offending_speech_was_a_reply=speech_is_a_reply(action.doc, against),
        )
        pending = PendingReply(request, action.now)
        action.update(replies=(*action.doc.replies, pending))
        action.payload = _reply_facts(pending)
    return pending


def reply_withdraw(*, committee: Committee, delegation: Delegation) -> None:
    with floor_action(committee, kind=EventKind.REPLY_WITHDRAWN, delegation=delegation) as action:
        pending = _pending_reply(action, delegation.pk)
        action.update(replies=tuple(r for r in action.doc.replies if r is not pending))
        action.payload = _reply_facts(pending)


def _floor_is_free(doc: FloorDoc) -> bool:
    return speech_on_floor(doc) is None and not caucus_speaker_on_floor(doc)


def _give_reply_the_floor(action: FloorAction, pending: PendingReply) -> None:
    """The reply is a speech of its own: ``ror_seconds``, no yields, no reply to it.

    A caucus under way stops its clocks until the reply ends (the engine decides).
    """
    requester = pending.request.requester
    speech = rules_speeches.start_speech(
        action.params, requester, action.now, duration=pending.request.seconds, gsl=False
    )
    caucus = action.doc.caucus
    if caucus is not None:
        action.update(caucus=rules_caucuses.hold_for_speech(caucus, action.now))
    action.update(
        speech=speech,
        reply_speech_by=requester,
        replies=tuple(r for r in action.doc.replies if r is not pending),
    )


def reply_decide(*, committee: Committee, user: Any, delegation_id: int, grant: bool) -> None:
    """Grant or refuse a right of reply; not appealable (§2.7).

    A granted reply gets the floor at once when nobody is speaking, which is what a chair
    does nearly always ("the delegate of X has 30 seconds"). While someone speaks, or when the
    profile takes replies at the end of the day, it stays listed as granted until the dais
    gives it the floor.
    """
    kind = EventKind.REPLY_GRANTED if grant else EventKind.REPLY_REFUSED
    with floor_action(committee, kind=kind, user=user) as action:
        pending = _pending_reply(action, delegation_id)
        if pending.granted is not None:
            raise FloorRefusal(_("That right of reply has already been decided."))
        facts = _reply_facts(pending)
        if not grant:
            action.update(replies=tuple(r for r in action.doc.replies if r is not pending))
            action.payload = facts
            return
        decided = PendingReply(pending.request, pending.raised_at, granted=True)
        action.update(replies=tuple(decided if r is pending else r for r in action.doc.replies))
        speaks_now = pending.request.timing is ReplyTiming.CHAIR_SETS and _floor_is_free(action.doc)
        if speaks_now:
            _give_reply_the_floor(action, decided)
        action.payload = ReplyGranted(
            facts.delegation, facts.against, facts.ground, facts.seconds, floor_given=speaks_now
        )


def reply_give_floor(*, committee: Committee, user: Any, delegation_id: int) -> None:
    """Give a granted right of reply the floor now."""
    with floor_action(committee, kind=EventKind.REPLY_FLOOR_GIVEN, user=user) as action:
        pending = _pending_reply(action, delegation_id)
        if pending.granted is not True:
            raise FloorRefusal(_("Grant the right of reply first."))
        if not _floor_is_free(action.doc):
            raise FloorRefusal(_("Someone has the floor. Give the reply the floor after them."))
        _give_reply_the_floor(action, pending)
        action.payload = _reply_facts(pending)


def reply_end(*, committee: Committee, user: Any) -> None:
    """End the right of reply on the floor (the speakers' list's own "end" is for GSL speeches);
    a caucus the reply held restarts.

    The ended speech stays in the floor document, so a reply to it is still recognised as a
    reply to a reply.
    """
    with floor_action(committee, kind=EventKind.REPLY_ENDED, user=user) as action:
        made = record_reply_end(action)
        if made is None:
            raise FloorRefusal(_("No right of reply is being made."))
        caucus = action.doc.caucus
        if caucus is not None:
            action.update(caucus=rules_caucuses.release_after_speech(caucus, action.now))
        action.payload = ReplyEnded(made.delegation_id, made.seconds)


def record_reply_end(action: FloorAction) -> Speech | None:
    """End the right of reply under way, if any, and write its Speech row; None if none is.

    Every floor action that ends the speech on the floor or drops it from the floor calls this
    first, so that a reply counts however it ends: ended here, or cut short by a caucus that
    starts, debate that closes, an adjournment or the session's close. A reply that has ended
    already is left alone. The seconds are those on the reply's clock, so time it stood still
    for an interrupting point is not counted.
    """
    doc = action.doc
    speech = speech_on_floor(doc)
    replier = doc.reply_speech_by
    if speech is None or replier is None or not speech_is_a_reply(doc, replier):
        return None
    ended = rules_speeches.end_speech(speech, action.now)
    action.update(speech=ended)
    return action.create_row(
        Speech,
        committee=action.committee,
        session=action.session,
        delegation=action.delegation(replier),
        kind=Speech.Kind.REPLY,
        started_at=rules_speeches.turn_began(ended, action.now),
        ended_at=action.now,
        seconds=round(rules_speeches.turn_time(ended, action.now).total_seconds()),
    )
