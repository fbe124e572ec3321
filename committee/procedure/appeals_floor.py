"""Appeals of the chair's rulings, as transitions (procedure.md §3.4, §4, §8.17).

The chair is sovereign; the only check is an appeal, when the profile allows it. A delegation
appeals the chair's last ruling on a motion, or a ruling on a point of order: `appeal_ruling`
moves the appeal as a motion (voted at once, like any procedural motion: `motions_floor`), and
freezes the ruling until the appeal vote decides it (`motion_effects`). A ruling on a point of
order is appealed at once or not at all: once the chair rules again or a vote opens, the floor
has moved on.

Queries for the screens and the services: `point_ruling`, `find_ruling`,
`point_ruling_appealable` (the last ruling on a motion: `motions_floor.ruling_appealable`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from .choices import MotionCode
from .errors import ErrorCode, ProcedureError
from .facts.motions import MotionRaised
from .floor import FloorDoc, PointRuling
from .motions import Motion, MotionStatus, screen_motion
from .motions_floor import _new_id, _place, _require_acting_for_itself, motion_context
from .parameters import Parameters
from .rulings import Ruling, RulingState, is_appealable, open_appeal
from .sitting import require_open_session
from .transition import Transition

# ---- queries -----------------------------------------------------------------------------------


def point_ruling(floor: FloorDoc, ruling_id: str) -> PointRuling | None:
    """The chair's ruling `ruling_id` on a point of order, while the floor keeps it (until its
    raiser raises another point, unless it is under appeal)."""
    return next((ruled for ruled in floor.point_rulings if ruled.ruling.id == ruling_id), None)


def find_ruling(floor: FloorDoc, ruling_id: str) -> Ruling | None:
    """The ruling `ruling_id` while the floor keeps it: the last ruling on a motion, or a
    ruling on a point of order."""
    ruled = floor.motion_ruling
    if ruled is not None and ruled.ruling.id == ruling_id:
        return ruled.ruling
    on_point = point_ruling(floor, ruling_id)
    return on_point.ruling if on_point is not None else None


def _moved_on_since(floor: FloorDoc, made_at: datetime) -> bool:
    """Has the floor moved on since a ruling made at `made_at`? The chair has ruled again (on a
    motion or a point), or a vote has opened since: an appeal follows a ruling at once (§3.3)."""
    since = [ruled.ruling.made_at for ruled in floor.point_rulings]
    if floor.motion_ruling is not None:
        since.append(floor.motion_ruling.ruling.made_at)
    if floor.vote is not None:
        since.append(floor.vote.opened_at)
    if floor.motion_result is not None:
        since.append(floor.motion_result.decided_at)
    return any(moment > made_at for moment in since)


def point_ruling_appealable(floor: FloorDoc, params: Parameters, ruled: PointRuling) -> bool:
    """A ruling on a point of order may be appealed now: it is in force, the profile lets
    delegates appeal it, and the floor has not moved on since."""
    return (
        ruled.ruling.state is RulingState.IN_FORCE
        and is_appealable(params, ruled.ruling)
        and not _moved_on_since(floor, ruled.ruling.made_at)
    )


# ---- appealing --------------------------------------------------------------------------------


def appeal_ruling(
    floor: FloorDoc,
    params: Parameters,
    appellant: str,
    now: datetime,
    *,
    ruling_id: str | None = None,
    requested_by: str | None = None,
) -> Transition:
    """Appeal a ruling of the chair (§3.4, §8.17): its last ruling on a motion (`ruling_id`
    None, or that ruling's id), or a ruling on a point of order (its id) while the floor has
    not moved on since. The appeal is a motion voted at once; the ruling is frozen until the
    appeal vote, and a second appellant joins the appeal already moved. Any delegation in the
    room may appeal, as for a ruling on a motion: the rules name no appellant."""
    _require_acting_for_itself(appellant, requested_by)
    require_open_session(floor)
    ruled = floor.motion_ruling
    if ruling_id is None or (ruled is not None and ruled.ruling.id == ruling_id):
        if ruled is None:
            raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=ruling_id)
        placed, frozen = _move_appeal(floor, params, appellant, ruled.ruling, now)
        appealed = replace(placed.floor, motion_ruling=replace(ruled, ruling=frozen))
        return Transition(appealed, placed.facts)
    on_point = point_ruling(floor, ruling_id)
    if on_point is None:
        raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=ruling_id)
    in_force = on_point.ruling.state is RulingState.IN_FORCE
    if in_force and _moved_on_since(floor, on_point.ruling.made_at):
        raise ProcedureError(ErrorCode.RULING_NO_LONGER_APPEALABLE, target=ruling_id)
    placed, frozen = _move_appeal(floor, params, appellant, on_point.ruling, now)
    rulings = tuple(
        replace(ruled, ruling=frozen) if ruled.ruling.id == ruling_id else ruled
        for ruled in placed.floor.point_rulings
    )
    assert isinstance(placed.facts, MotionRaised)
    facts = replace(placed.facts, point_by=int(on_point.point.delegation))
    return Transition(replace(placed.floor, point_rulings=rulings), facts)


def _move_appeal(
    floor: FloorDoc, params: Parameters, appellant: str, ruling: Ruling, now: datetime
) -> tuple[Transition, Ruling]:
    """The motion to appeal `ruling` placed on the floor, and the ruling frozen under appeal.
    A ruling already under appeal gains an appellant until the appeal's vote starts; one the
    committee has decided on appeal is not appealed again."""
    if ruling.state in (RulingState.UPHELD, RulingState.OVERTURNED):
        raise ProcedureError(ErrorCode.RULING_ALREADY_APPEALED, target=ruling.id)
    if ruling.state is RulingState.UNDER_APPEAL:
        voting = next(
            (
                m
                for m in floor.motions.motions
                if m.code is MotionCode.APPEAL
                and m.target == ruling.id
                and m.status is MotionStatus.VOTING
            ),
            None,
        )
        if voting is not None:
            raise ProcedureError(ErrorCode.VOTE_ALREADY_STARTED, motion_id=voting.id)
        frozen = ruling
    else:
        frozen = open_appeal(params, ruling)
    floor, motion_id, number = _new_id(floor, "m")
    appeal = Motion(
        id=motion_id, code=MotionCode.APPEAL, mover=appellant, seq=number, target=ruling.id
    )
    context = replace(motion_context(floor), ruling=ruling)
    return _place(floor, screen_motion(params, context, appeal), now), frozen
