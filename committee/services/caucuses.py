"""Moderated, unmoderated and round-robin caucuses on the live floor (procedure.md §2.3–2.6).

A caucus starts (or is extended) only when a motion carries: the engine does it as part of
closing the motion's vote (`committee.procedure.motion_effects`), in the motions service's
floor action. Everything else here is a floor action of its own: the dais recognises
speakers, ends slots, pauses, resumes and ends the caucus; a delegation raises or lowers its
placard from its phone. What each does to the floor is decided by the engine
(`committee.procedure.caucus_floor`); a speaker's slot that ends comes back from it as a turn,
which `FloorAction.apply` writes as a Speech row of kind `caucus`.

Nothing runs in the background, so a caucus whose time is up (or whose remainder is shorter
than one slot, §8.9) is ended by the next caucus action that notices it; until then the
screens show "Time is up — end the caucus".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.floor import decode
from committee.models import Committee, Delegation, Floor
from committee.procedure import caucus_floor
from committee.procedure.caucuses import CaucusEndReason
from committee.procedure.choices import MoverChoice
from committee.procedure.facts import EventKind
from committee.services import clock
from committee.services.floor import FloorRefusal, floor_action

# Why the dais ends a caucus (the end form offers these).
END_CHAIR = CaucusEndReason.CHAIR
END_NO_SPEAKERS = CaucusEndReason.NO_SPEAKERS
END_REASONS_BY_DAIS = caucus_floor.DAIS_END_REASONS


# ---- the dais --------------------------------------------------------------------------------


def caucus_recognise(*, committee: Committee, user: Any, delegation_id: int | str) -> None:
    """Give the next slot to a delegation (moderated caucus or round robin)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_SPEAKER_RECOGNISED, user=user) as action:
        speaker = str(action.delegation(delegation_id).pk)
        action.apply(caucus_floor.recognise(action.doc, action.params, speaker, action.now))


def caucus_slot_end(*, committee: Committee, user: Any) -> None:
    """The current speaker's slot is over (or the chair cuts it short)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_SLOT_ENDED, user=user) as action:
        action.apply(caucus_floor.end_slot(action.doc, action.params, action.now))


def caucus_pause(*, committee: Committee, user: Any) -> None:
    """Stop both clocks (a point of order or privilege, or the chair's call)."""
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_PAUSED, user=user) as action:
        action.apply(caucus_floor.pause(action.doc, action.params, action.now))


def caucus_resume(*, committee: Committee, user: Any) -> None:
    end_caucus_if_due(committee, user=user)
    with floor_action(committee, kind=EventKind.CAUCUS_RESUMED, user=user) as action:
        action.apply(caucus_floor.resume(action.doc, action.params, action.now))


def caucus_end(*, committee: Committee, user: Any, reason: str = END_CHAIR) -> None:
    """The chair ends the caucus: early, because nobody wants to speak, or because time is up."""
    if reason not in END_REASONS_BY_DAIS:
        raise FloorRefusal(_("Unknown reason for ending the caucus."))
    with floor_action(committee, kind=EventKind.CAUCUS_ENDED, user=user) as action:
        transition = caucus_floor.end(
            action.doc, action.params, action.now, CaucusEndReason(reason)
        )
        action.apply(transition)


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
        transition = caucus_floor.choose_mover_position(
            action.doc,
            action.params,
            action.now,
            MoverChoice(choice),
            chosen_by=str(delegation.pk) if delegation is not None else None,
        )
        action.apply(transition)


# ---- the delegation's phone -----------------------------------------------------------------


def caucus_placard_raise(*, committee: Committee, delegation: Delegation) -> None:
    """A delegation asks to speak in the moderated caucus: it joins the queue once."""
    end_caucus_if_due(committee, delegation=delegation)
    with floor_action(
        committee, kind=EventKind.CAUCUS_PLACARD_RAISED, delegation=delegation
    ) as action:
        transition = caucus_floor.raise_placard(
            action.doc, action.params, action.now, str(delegation.pk)
        )
        action.apply(transition)


def caucus_placard_lower(*, committee: Committee, delegation: Delegation) -> None:
    with floor_action(
        committee, kind=EventKind.CAUCUS_PLACARD_LOWERED, delegation=delegation
    ) as action:
        action.apply(caucus_floor.lower_placard(action.doc, str(delegation.pk)))


# ---- the automatic end (§8.9) ----------------------------------------------------------------


def end_caucus_if_due(
    committee: Committee, *, user: Any = None, delegation: Delegation | None = None
) -> bool:
    """End the caucus if its time is up or its remainder is shorter than a slot.

    A cheap unlocked look first, so ordinary actions do not write an event; the engine decides
    again under the lock, because another dais member may have ended it meanwhile.
    """
    state = Floor.objects.filter(pk=committee.pk).values_list("state", flat=True).first()
    if not caucus_floor.is_due(decode(state or {}), committee.parameters(), clock.now()):
        return False
    try:
        with floor_action(
            committee, kind=EventKind.CAUCUS_ENDED, user=user, delegation=delegation
        ) as action:
            transition = caucus_floor.end_if_due(action.doc, action.params, action.now)
            if transition is None:
                raise _AlreadySettled
            action.apply(transition)
    except _AlreadySettled:
        return False
    return True


class _AlreadySettled(Exception):
    """Raised inside the lock to write nothing: someone else ended the caucus first."""
