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
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.floor import decode
from committee.models import Committee, Delegation, Floor
from committee.procedure import caucuses as rules
from committee.procedure import speeches as rules_speeches
from committee.procedure.caucuses import Caucus, CaucusKind
from committee.procedure.choices import MoverChoice
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.motions import Motion
from committee.procedure.phases import Phase
from committee.procedure.speeches import SpeechStage
from committee.procedure.timers import expired
from committee.services.floor import FloorAction, FloorRefusal, floor_action

PHASE_OF_KIND = {
    CaucusKind.MODERATED: Phase.MOD_CAUCUS,
    CaucusKind.UNMODERATED: Phase.UNMOD_CAUCUS,
    CaucusKind.ROUND_ROBIN: Phase.ROUND_ROBIN,
}

# Why a caucus ended, as stored in the log's facts.
END_TIME_UP = "time_up"
END_REMAINDER = "remainder_shorter_than_slot"
END_CHAIR = "chair"
END_NO_SPEAKERS = "no_speakers"
END_REASONS_BY_DAIS = (END_CHAIR, END_NO_SPEAKERS)


# ---- called by the motions service, inside its floor action -------------------------------------


def start_caucus_in(
    action: FloorAction, motion: Motion, *, mover_choice: MoverChoice | None = None
) -> None:
    """Start the caucus a carried motion asked for; any running speech or caucus ends first."""
    doc = action.doc
    if doc.speech is not None and doc.speech.stage is not SpeechStage.ENDED:
        action.update(speech=rules_speeches.end_speech(doc.speech, action.now))
    if doc.caucus is not None and not doc.caucus.ended:
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
    action.facts = {**action.facts, "caucus": _caucus_facts(action, caucus)}


def extend_caucus_in(action: FloorAction, motion: Motion) -> None:
    """Extend the running caucus, or restart the one that just ended, by motion.total_seconds."""
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
    action.facts = {
        **action.facts,
        "caucus": _caucus_facts(action, extended),
        "extension_seconds": extra,
        "restarted": caucus.ended,
    }


# ---- the dais --------------------------------------------------------------------------------


def caucus_recognise(*, committee: Committee, user: Any, delegation_id: int | str) -> None:
    """Give the next slot to a delegation (moderated caucus or round robin)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind="caucus_speaker_recognised", user=user) as action:
        caucus = _running_caucus(action)
        speaker = action.delegation(delegation_id)
        key = str(speaker.pk)
        present = [k for k in action.delegations if action.attendee(k).is_present]
        recognised = _named(
            lambda: rules.recognise(action.params, caucus, key, action.now, present), action
        )
        action.update(
            caucus=recognised,
            raised_placards=tuple(k for k in action.doc.raised_placards if k != key),
        )
        slot = recognised.slot
        action.facts = {
            **_named_facts(speaker),
            "slot_seconds": int(slot.duration.total_seconds()) if slot else 0,
            "shortened": bool(
                slot
                and recognised.speaker_seconds
                and slot.duration.total_seconds() < recognised.speaker_seconds
            ),
        }


def caucus_slot_end(*, committee: Committee, user: Any) -> None:
    """The current speaker's slot is over (or the chair cuts it short)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind="caucus_slot_ended", user=user) as action:
        caucus = _running_caucus(action)
        if caucus.current is None:
            raise FloorRefusal(_("Nobody is speaking in the caucus."))
        action.facts = _named_facts(action.delegation(caucus.current))
        action.update(caucus=rules.end_slot(caucus, action.now))


def caucus_pause(*, committee: Committee, user: Any) -> None:
    """Stop both clocks (a point of order or privilege, or the chair's call)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind="caucus_paused", user=user) as action:
        caucus = _running_caucus(action)
        if not caucus.total.running:
            raise FloorRefusal(_("The caucus is already paused."))
        action.update(caucus=rules.pause_caucus(caucus, action.now))
        action.facts = {"topic": caucus.topic}


def caucus_resume(*, committee: Committee, user: Any) -> None:
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind="caucus_resumed", user=user) as action:
        caucus = _running_caucus(action)
        if caucus.total.running:
            raise FloorRefusal(_("The caucus is already running."))
        action.update(caucus=rules.resume_caucus(caucus, action.now))
        action.facts = {"topic": caucus.topic}


def caucus_end(*, committee: Committee, user: Any, reason: str = END_CHAIR) -> None:
    """The chair ends the caucus: early, because nobody wants to speak, or because time is up."""
    if reason not in END_REASONS_BY_DAIS:
        raise FloorRefusal(_("Unknown reason for ending the caucus."))
    with floor_action(committee, kind="caucus_ended", user=user) as action:
        caucus = _running_caucus(action, allow_due=True)
        _finish(action, caucus, _due_reason(action, caucus) or reason)


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
        committee, kind="caucus_mover_chose", user=user, delegation=delegation
    ) as action:
        caucus = _running_caucus(action)
        if delegation is not None and str(delegation.pk) != caucus.mover:
            raise FloorRefusal(_("Only the mover of the caucus chooses when to speak."))
        chosen = rules.choose_mover_position(action.params, caucus, MoverChoice(choice))
        action.update(caucus=chosen)
        action.facts = {**_named_facts(action.delegation(caucus.mover)), "choice": choice}


# ---- the delegation's phone -----------------------------------------------------------------


def caucus_placard_raise(*, committee: Committee, delegation: Delegation) -> None:
    """A delegation asks to speak in the moderated caucus: it joins the queue once."""
    end_caucus_if_due(committee, delegation=delegation)
    with floor_action(committee, kind="caucus_placard_raised", delegation=delegation) as action:
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
        action.facts = _named_facts(delegation)


def caucus_placard_lower(*, committee: Committee, delegation: Delegation) -> None:
    with floor_action(committee, kind="caucus_placard_lowered", delegation=delegation) as action:
        key = str(delegation.pk)
        if key not in action.doc.raised_placards:
            raise FloorRefusal(_("Your placard is not raised."))
        action.update(raised_placards=tuple(k for k in action.doc.raised_placards if k != key))
        action.facts = _named_facts(delegation)


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
    if not rules.should_end(committee.parameters(), doc.caucus, timezone.now()):
        return False
    try:
        with floor_action(
            committee, kind="caucus_ended", user=user, delegation=delegation
        ) as action:
            caucus = action.doc.caucus
            reason = _due_reason(action, caucus) if caucus and not caucus.ended else None
            if caucus is None or reason is None:
                raise _AlreadySettled
            _finish(action, caucus, reason)
    except _AlreadySettled:
        return False
    return True


class _AlreadySettled(Exception):
    """Raised inside the lock to write nothing: someone else ended the caucus first."""


def _due_reason(action: FloorAction, caucus: Caucus) -> str | None:
    if not rules.should_end(action.params, caucus, action.now):
        return None
    return END_TIME_UP if expired(caucus.total, action.now) else END_REMAINDER


def _finish(action: FloorAction, caucus: Caucus, reason: str) -> None:
    # When time ran out, the caucus ended at its deadline, not when someone noticed.
    deadline = caucus.total.deadline
    ended_at = deadline if reason == END_TIME_UP and deadline and deadline < action.now else None
    ended = rules.end_caucus(caucus, ended_at or action.now)
    action.update(
        caucus=ended,
        last_ended_caucus=rules.as_ended(ended),
        raised_placards=(),
        phase=Phase.GSL,
    )
    action.facts = {
        "caucus": _caucus_facts(action, ended),
        "reason": reason,
        "ended_at": _local_time(ended.ended_at or action.now),
    }


# ---- helpers ---------------------------------------------------------------------------------


def _running_caucus(action: FloorAction, *, allow_due: bool = False) -> Caucus:
    caucus = action.doc.caucus
    if caucus is None:
        raise FloorRefusal(_("No caucus is running."))
    if caucus.ended or (not allow_due and rules.should_end(action.params, caucus, action.now)):
        raise ProcedureError(ErrorCode.CAUCUS_ENDED)
    return caucus


def _caucus_facts(action: FloorAction, caucus: Caucus) -> dict[str, Any]:
    mover = action.delegations.get(caucus.mover)
    return {
        "kind": caucus.kind.value,
        "topic": caucus.topic,
        "mover": mover.name if mover else "",
        "total_seconds": int(caucus.total.duration.total_seconds()),
        "speaker_seconds": caucus.speaker_seconds,
    }


def _named_facts(delegation: Delegation) -> dict[str, Any]:
    """The delegation for the log: its id, so screens name it in their language, and its name."""
    return {"delegation_id": str(delegation.pk), "delegation": delegation.name}


def _local_time(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M:%S")


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
