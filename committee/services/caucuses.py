"""Moderated, unmoderated and round-robin caucuses on the live floor (procedure.md §2.3–2.6).

A caucus starts only when a motion carries: the motions service calls `start_caucus_in` (or
`extend_caucus_in`) inside its own floor action. Everything else here is a floor action of its
own: the dais recognises speakers from the raised placards, ends slots, pauses, resumes and ends
the caucus; a delegation raises or lowers its placard from its phone.

Nothing runs in the background, so a caucus whose time is up (or whose remainder is shorter
than one slot, §8.9) is ended by the next caucus action that notices it; until then the
screens show "Time is up — end the caucus".

While the caucus runs, `doc.caucus` holds it; once it ends, `doc.caucus` keeps the ended
caucus (``ended_at`` set, so a carried extension can restart it), `doc.last_ended_caucus`
tells a motion to extend what it may extend, and the committee is back on the GSL.

Whenever a speaker's slot ends (the dais ends it, recognises the next speaker, or the caucus
ends under the speaker) the turn is written as a Speech row of kind `caucus`, inside the same
floor action, by `record_slot_end`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.floor import decode
from committee.models import Committee, Delegation, Floor, Speech
from committee.procedure import caucuses as rules
from committee.procedure import speeches as rules_speeches
from committee.procedure.caucuses import Caucus, CaucusEndReason, CaucusKind
from committee.procedure.choices import MoverChoice
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.caucus import (
    CaucusDelegation,
    CaucusEnded,
    CaucusMoverChose,
    CaucusSpeakerRecognised,
)
from committee.procedure.facts.session import NoFacts
from committee.procedure.motions import Motion
from committee.procedure.phases import Phase
from committee.procedure.speeches import SpeechStage
from committee.services import clock
from committee.services.floor import FloorAction, FloorRefusal, floor_action
from committee.services.points import record_reply_end
from committee.services.speakers import record_speech_end

PHASE_OF_KIND = {
    CaucusKind.MODERATED: Phase.MOD_CAUCUS,
    CaucusKind.UNMODERATED: Phase.UNMOD_CAUCUS,
    CaucusKind.ROUND_ROBIN: Phase.ROUND_ROBIN,
}

# Why a caucus ended, as the log keeps it; the dais gives one of the last two.
END_TIME_UP = CaucusEndReason.TIME_UP
END_REMAINDER = CaucusEndReason.REMAINDER
END_CHAIR = CaucusEndReason.CHAIR
END_NO_SPEAKERS = CaucusEndReason.NO_SPEAKERS
END_REASONS_BY_DAIS = (END_CHAIR, END_NO_SPEAKERS)


# ---- called by the motions service, inside its floor action -------------------------------------


def start_caucus_in(
    action: FloorAction, motion: Motion, *, mover_choice: MoverChoice | None = None
) -> None:
    """Start the caucus a carried motion asked for; any running speech or caucus ends first.

    The motion's event describes what carried: nothing is added to its payload here.
    """
    doc = action.doc
    if doc.speech is not None and doc.speech.stage is not SpeechStage.ENDED:
        # The speech in progress is cut short: its turn is recorded (a reply or a GSL turn).
        record_reply_end(action)
        record_speech_end(action, action.doc.speech)
        doc = action.doc
    if doc.speech is not None and doc.speech.stage is not SpeechStage.ENDED:
        action.update(speech=rules_speeches.end_speech(doc.speech, action.now))
    if doc.caucus is not None and not doc.caucus.ended:
        record_slot_end(action, doc.caucus)
        action.update(caucus=rules.end_caucus(doc.caucus, action.now))
    present_in_roll_order = [
        key for key in action.delegations if action.attendee(key).is_present
    ]  # action.delegations follows the committee's roll order
    caucus = _named(
        lambda: rules.start_caucus(
            action.params,
            motion,
            action.now,
            mover_choice=mover_choice,
            roll_order=present_in_roll_order,
        ),
        action,
    )
    action.update(
        caucus=caucus,
        phase=PHASE_OF_KIND[caucus.kind],
        raised_placards=(),
        last_ended_caucus=None,
    )


def extend_caucus_in(action: FloorAction, motion: Motion) -> bool:
    """Extend the running caucus, or restart the one that just ended, by motion.total_seconds.

    True when the caucus had ended and starts again. Nothing is added to the motion's payload.
    """
    caucus = action.doc.caucus
    if caucus is None or (caucus.ended and action.doc.last_ended_caucus is None):
        raise ProcedureError(ErrorCode.NO_CAUCUS_TO_EXTEND)
    extra = motion.total_seconds or 0
    extended = rules.extend(action.params, caucus, extra, action.now)
    action.update(
        caucus=extended,
        phase=PHASE_OF_KIND[extended.kind],
        last_ended_caucus=None,
    )
    return caucus.ended


def record_slot_end(action: FloorAction, caucus: Caucus) -> Speech | None:
    """Write the turn of the speaker whose slot ends in this action, as a Speech of kind
    `caucus` (seconds on the slot's clock, pauses excluded); None when nobody is speaking.

    Pass the caucus as it was before the slot ended. Every way a slot ends calls this, the
    motions service too when a carried motion ends a caucus under a speaker.
    """
    spoken = rules.slot_spoken(caucus, action.now)
    if spoken is None:
        return None
    speech: Speech = action.create_row(
        Speech,
        committee=action.committee,
        session=action.session,
        delegation=action.delegation(spoken.delegation),
        kind=Speech.Kind.CAUCUS,
        started_at=spoken.started_at,
        ended_at=spoken.ended_at,
        seconds=round(spoken.used.total_seconds()),
    )
    return speech


# ---- the dais --------------------------------------------------------------------------------


def caucus_recognise(*, committee: Committee, user: Any, delegation_id: int | str) -> None:
    """Give the next slot to a delegation (moderated caucus or round robin)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_SPEAKER_RECOGNISED, user=user) as action:
        caucus = _running_caucus(action)
        speaker = action.delegation(delegation_id)
        key = str(speaker.pk)
        present = [k for k in action.delegations if action.attendee(k).is_present]
        recognised = _named(
            lambda: rules.recognise(action.params, caucus, key, action.now, present), action
        )
        record_slot_end(action, caucus)  # the previous speaker's slot, if one was running
        action.update(
            caucus=recognised,
            raised_placards=tuple(k for k in action.doc.raised_placards if k != key),
        )
        slot_seconds = recognised.slot.duration.total_seconds() if recognised.slot else 0
        action.payload = CaucusSpeakerRecognised(
            delegation=speaker.pk,
            slot_seconds=round(slot_seconds),
            shortened=slot_seconds < (recognised.speaker_seconds or 0),
        )


def caucus_slot_end(*, committee: Committee, user: Any) -> None:
    """The current speaker's slot is over (or the chair cuts it short)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_SLOT_ENDED, user=user) as action:
        caucus = _running_caucus(action)
        if caucus.current is None:
            raise FloorRefusal(_("Nobody is speaking in the caucus."))
        record_slot_end(action, caucus)
        action.update(caucus=rules.end_slot(caucus, action.now))
        action.payload = CaucusDelegation(int(caucus.current))


def caucus_pause(*, committee: Committee, user: Any) -> None:
    """Stop both clocks (a point of order or privilege, or the chair's call)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_PAUSED, user=user) as action:
        caucus = _running_caucus(action)
        if not caucus.total.running:
            raise FloorRefusal(_("The caucus is already paused."))
        action.update(caucus=rules.pause_caucus(caucus, action.now))
        action.payload = NoFacts()


def caucus_resume(*, committee: Committee, user: Any) -> None:
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_RESUMED, user=user) as action:
        caucus = _running_caucus(action)
        if caucus.total.running:
            raise FloorRefusal(_("The caucus is already running."))
        action.update(caucus=rules.resume_caucus(caucus, action.now))
        action.payload = NoFacts()


def caucus_end(*, committee: Committee, user: Any, reason: str = END_CHAIR) -> None:
    """The chair ends the caucus: early, because nobody wants to speak, or because time is up."""
    if reason not in END_REASONS_BY_DAIS:
        raise FloorRefusal(_("Unknown reason for ending the caucus."))
    with floor_action(committee, kind=EventKind.CAUCUS_ENDED, user=user) as action:
        caucus = _running_caucus(action, allow_due=True)
        due = rules.due_end_reason(action.params, caucus, action.now)
        _finish(action, caucus, due or CaucusEndReason(reason))


def caucus_mover_choose(
    *,
    committee: Committee,
    choice: str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The mover of a moderated caucus chooses to speak first, last or not at all (§2.3)."""
    if choice not in set(MoverChoice):
        raise FloorRefusal(_("Choose first, last or not speaking."))
    end_caucus_if_due(committee, user=user, delegation=delegation)
    with floor_action(
        committee, kind=EventKind.CAUCUS_MOVER_CHOSE, user=user, delegation=delegation
    ) as action:
        caucus = _running_caucus(action)
        if delegation is not None and str(delegation.pk) != caucus.mover:
            raise FloorRefusal(_("Only the mover of the caucus chooses when to speak."))
        chosen = rules.choose_mover_position(action.params, caucus, MoverChoice(choice))
        action.update(caucus=chosen)
        action.payload = CaucusMoverChose(int(caucus.mover), MoverChoice(choice))


# ---- the delegation's phone -----------------------------------------------------------------


def caucus_placard_raise(*, committee: Committee, delegation: Delegation) -> None:
    """A delegation asks to speak in the moderated caucus: it joins the queue once."""
    end_caucus_if_due(committee, delegation=delegation)
    with floor_action(
        committee, kind=EventKind.CAUCUS_PLACARD_RAISED, delegation=delegation
    ) as action:
        caucus = _running_caucus(action)
        key = str(delegation.pk)
        if caucus.kind is not CaucusKind.MODERATED:
            raise FloorRefusal(_("Placards are raised only in a moderated caucus."))
        if not action.attendee(key).is_present:
            raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=delegation.display_name())
        if key in action.doc.raised_placards:
            raise FloorRefusal(_("Your placard is already raised."))
        if key == caucus.current:
            raise FloorRefusal(_("You have the floor now."))
        action.update(raised_placards=(*action.doc.raised_placards, key))
        action.payload = CaucusDelegation(delegation.pk)


def caucus_placard_lower(*, committee: Committee, delegation: Delegation) -> None:
    with floor_action(
        committee, kind=EventKind.CAUCUS_PLACARD_LOWERED, delegation=delegation
    ) as action:
        key = str(delegation.pk)
        if key not in action.doc.raised_placards:
            raise FloorRefusal(_("Your placard is not raised."))
        action.update(raised_placards=tuple(k for k in action.doc.raised_placards if k != key))
        action.payload = CaucusDelegation(delegation.pk)


# ---- the automatic end (§8.9) ----------------------------------------------------------------


def end_caucus_if_due(
    committee: Committee, *, user: Any = None, delegation: Delegation | None = None
) -> bool:
    """End the caucus if its time is up or its remainder is shorter than a slot.

    A cheap unlocked look first, so ordinary actions do not write an event; the decision is
    taken again under the lock, because another dais member may have ended it meanwhile.
    """
    state = Floor.objects.filter(pk=committee.pk).values_list("state", flat=True).first()
    doc = decode(state or {})
    if doc.caucus is None or doc.caucus.ended:
        return False
    if not rules.should_end(committee.parameters(), doc.caucus, clock.now()):
        return False
    try:
        with floor_action(
            committee, kind=EventKind.CAUCUS_ENDED, user=user, delegation=delegation
        ) as action:
            caucus = action.doc.caucus
            reason = (
                rules.due_end_reason(action.params, caucus, action.now)
                if caucus and not caucus.ended
                else None
            )
            if caucus is None or reason is None:
                raise _AlreadySettled
            _finish(action, caucus, reason)
    except _AlreadySettled:
        return False
    return True


class _AlreadySettled(Exception):
    """Raised inside the lock to write nothing: someone else ended the caucus first."""


def _finish(action: FloorAction, caucus: Caucus, reason: CaucusEndReason) -> None:
    # When time ran out, the caucus ended at its deadline, not when someone noticed.
    deadline = caucus.total.deadline
    ended_at = (
        deadline
        if reason is CaucusEndReason.TIME_UP and deadline and deadline < action.now
        else action.now
    )
    record_slot_end(action, caucus)
    ended = rules.end_caucus(caucus, ended_at)
    action.update(
        caucus=ended,
        last_ended_caucus=rules.as_ended(ended),
        raised_placards=(),
        phase=Phase.GSL,
    )
    action.payload = CaucusEnded(
        kind=ended.kind,
        topic=ended.topic,
        mover=int(ended.mover),
        reason=reason,
        ended_at=ended_at,
    )


# ---- helpers ---------------------------------------------------------------------------------


def _running_caucus(action: FloorAction, *, allow_due: bool = False) -> Caucus:
    caucus = action.doc.caucus
    if caucus is None:
        raise FloorRefusal(_("No caucus is running."))
    if caucus.ended or (not allow_due and rules.should_end(action.params, caucus, action.now)):
        raise ProcedureError(ErrorCode.CAUCUS_ENDED)
    return caucus


def _named(decide: Any, action: FloorAction) -> Caucus:
    """Ask the engine; put delegations' names, not their ids, into a refusal's facts."""
    try:
        result: Caucus = decide()
    except ProcedureError as error:
        facts = dict(error.facts)
        for name in ("delegation", "expected"):
            if name in facts and str(facts[name]) in action.delegations:
                facts[name] = action.delegations[str(facts[name])].display_name()
        raise ProcedureError(error.code, **facts) from error
    return result
