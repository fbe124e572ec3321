"""Points and rights of reply (procedure.md §4, §2.7, §8.4).

A delegation raises a point on its phone; the dais resolves it, with a ruling for a point of
order. A right of reply is asked for after a speech; the dais grants or refuses it and gives
the granted delegation the floor. The engine (``committee.procedure.points_floor``) decides
every step; this module locks the floor, applies the engine's transition and writes the lasting
rows: the Ruling on a point of order, and (through the transition's turns) a reply's Speech.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Delegation, Ruling
from committee.procedure import points_floor
from committee.procedure.choices import PointKind, RorGround
from committee.procedure.facts import EventKind
from committee.procedure.floor import PendingPoint, PendingReply
from committee.procedure.points import PointOutcome
from committee.services.floor import FloorAction, FloorRefusal, floor_action

POINT_TEXT_MAX_LENGTH = 200

# How the dais disposes of a point. Only a point of order is ruled well or not well taken.
ANSWERED = PointOutcome.ANSWERED
WELL_TAKEN = PointOutcome.WELL_TAKEN
NOT_WELL_TAKEN = PointOutcome.NOT_WELL_TAKEN
OUT_OF_ORDER = PointOutcome.OUT_OF_ORDER
POINT_OUTCOMES = tuple(PointOutcome)


def _pending_point(action: FloorAction, seq: int) -> PendingPoint:
    pending = points_floor.find_point(action.doc, seq)
    if pending is None:
        raise FloorRefusal(_("That point is no longer pending."))
    return pending


def _pending_reply(action: FloorAction, delegation_id: int | str) -> PendingReply:
    pending = points_floor.find_reply(action.doc, str(delegation_id))
    if pending is None:
        raise FloorRefusal(_("That delegation has no right of reply pending."))
    return pending


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
        transition = points_floor.raise_point(
            action.doc,
            action.params,
            str(delegation.pk),
            kind,
            action.now,
            audibility=audibility,
            about_conduct_of_vote=about_conduct_of_vote,
            text=text,
        )
        action.apply(transition)
    return transition.floor.points[-1]


def point_withdraw(*, committee: Committee, delegation: Delegation, seq: int) -> None:
    """A delegation takes back its own point (stopped clocks stay stopped for the dais)."""
    with floor_action(committee, kind=EventKind.POINT_WITHDRAWN, delegation=delegation) as action:
        pending = _pending_point(action, seq)
        action.apply(points_floor.withdraw_point(action.doc, pending, str(delegation.pk)))


def point_resolve(
    *, committee: Committee, user: Any, seq: int, outcome: str, note: str = ""
) -> None:
    """The dais answers or rules on a point; a ruling on a point of order is kept as a Ruling
    row. The speaker is not restarted: the panel offers "Resume the speaker" instead."""
    if outcome not in POINT_OUTCOMES:
        raise FloorRefusal(_("Choose how the point was resolved."))
    with floor_action(committee, kind=EventKind.POINT_RESOLVED, user=user) as action:
        pending = _pending_point(action, seq)
        action.apply(
            points_floor.resolve_point(
                action.doc,
                action.params,
                pending,
                PointOutcome(outcome),
                action.now,
                note=note.strip(),
            )
        )
        ruled = points_floor.ruling_on(action.doc, seq)
        if ruled is not None:
            action.create_row(
                Ruling,
                committee=action.committee,
                session=action.session,
                point_by=action.delegation(ruled.point.delegation),
                subject=ruled.point.kind.value,
                decision=ruled.ruling.decision,
                state=ruled.ruling.state.value,
                ruled_at=ruled.ruling.made_at,
            )


def point_speaker_resume(*, committee: Committee, user: Any) -> None:
    """Restart the clocks an interrupting point stopped."""
    with floor_action(committee, kind=EventKind.POINT_SPEAKER_RESUMED, user=user) as action:
        action.apply(points_floor.resume_speaker(action.doc, action.now))


# ---- rights of reply ----------------------------------------------------------------------------


def reply_request(
    *, committee: Committee, delegation: Delegation, against_id: int, ground: RorGround
) -> PendingReply:
    """Ask for a right of reply to a speech that impugned the delegation (§2.7)."""
    with floor_action(committee, kind=EventKind.REPLY_REQUESTED, delegation=delegation) as action:
        against = str(action.delegation(against_id).pk)
        transition = points_floor.ask_for_reply(
            action.doc, action.params, str(delegation.pk), against, ground, action.now
        )
        action.apply(transition)
    return transition.floor.replies[-1]


def reply_withdraw(*, committee: Committee, delegation: Delegation) -> None:
    with floor_action(committee, kind=EventKind.REPLY_WITHDRAWN, delegation=delegation) as action:
        pending = _pending_reply(action, delegation.pk)
        action.apply(points_floor.withdraw_reply(action.doc, pending))


def reply_decide(*, committee: Committee, user: Any, delegation_id: int, grant: bool) -> None:
    """Grant or refuse a right of reply; a granted one speaks at once if nobody is speaking."""
    kind = EventKind.REPLY_GRANTED if grant else EventKind.REPLY_REFUSED
    with floor_action(committee, kind=kind, user=user) as action:
        pending = _pending_reply(action, delegation_id)
        action.apply(
            points_floor.decide_on_reply(action.doc, action.params, pending, grant, action.now)
        )


def reply_give_floor(*, committee: Committee, user: Any, delegation_id: int) -> None:
    """Give a granted right of reply the floor now."""
    with floor_action(committee, kind=EventKind.REPLY_FLOOR_GIVEN, user=user) as action:
        pending = _pending_reply(action, delegation_id)
        action.apply(
            points_floor.give_reply_the_floor(action.doc, action.params, pending, action.now)
        )


def reply_end(*, committee: Committee, user: Any) -> None:
    """End the right of reply on the floor (its Speech row comes from the ended turn); a
    caucus the reply held restarts."""
    with floor_action(committee, kind=EventKind.REPLY_ENDED, user=user) as action:
        action.apply(points_floor.end_reply(action.doc, action.now))
