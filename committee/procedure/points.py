"""Points (procedure.md §4, §6.1).

Points need no second and no vote; the chair answers at once. A point that may interrupt
pauses the speaker's timer; the others wait until the floor opens. During voting procedure
only personal privilege, order (about the conduct of the vote) and inquiry are in order. A
point of information to the speaker is in order only while the speaker takes questions: during
a yield to questions, or (THIMUN) while it is open to points of information and takes another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .choices import PointKind
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .phases import Phase

PRIORITY: tuple[PointKind, ...] = tuple(PointKind)  # highest first

IN_ORDER_DURING_VOTING = frozenset(
    {PointKind.PERSONAL_PRIVILEGE, PointKind.ORDER, PointKind.PARLIAMENTARY_INQUIRY}
)


@dataclass(frozen=True, slots=True)
class Point:
    kind: PointKind
    delegation: str
    seq: int  # order raised
    audibility: bool = False  # personal privilege about hearing the speaker
    about_conduct_of_vote: bool = False  # a point of order during voting procedure


@dataclass(frozen=True, slots=True)
class PointContext:
    phase: Phase
    speaker_has_floor: bool = False
    questions_open: bool = False  # a speaker has yielded to questions / takes another POI
    open_to_pois: bool = False  # the speaker is open to POIs (THIMUN), maybe all taken


class Admission(StrEnum):
    INTERRUPT = "interrupt"  # pause the speaker's timer and hear it now
    NOW = "now"  # nobody is speaking: hear it now
    QUEUED = "queued"  # wait until the floor opens


class PointOutcome(StrEnum):
    """How the chair disposes of a point: answered, or, for a point of order, ruled on."""

    ANSWERED = "answered"
    WELL_TAKEN = "well_taken"
    NOT_WELL_TAKEN = "not_well_taken"
    OUT_OF_ORDER = "out_of_order"


# Only a point of order is ruled well or not well taken; ruling one out of order is a ruling too.
RULED_OUTCOMES = frozenset(
    {PointOutcome.WELL_TAKEN, PointOutcome.NOT_WELL_TAKEN, PointOutcome.OUT_OF_ORDER}
)


def is_ruling(kind: PointKind, outcome: PointOutcome) -> bool:
    """Is disposing of a point this way a ruling of the chair (§3.4)?"""
    return kind is PointKind.ORDER and outcome in RULED_OUTCOMES


def may_interrupt(params: Parameters, point: Point) -> bool:
    if point.kind is PointKind.PERSONAL_PRIVILEGE:
        return point.audibility
    if point.kind is PointKind.ORDER:
        return params.point_of_order_interrupts
    return False


def admit_point(params: Parameters, ctx: PointContext, point: Point) -> Admission:
    """Is the point in order, and does it interrupt, get heard now, or wait?"""
    if point.kind not in params.points_enabled:
        raise ProcedureError(ErrorCode.POINT_DISABLED, point=point.kind.value)
    if ctx.phase is Phase.VOTING_PROCEDURE:
        if point.kind not in IN_ORDER_DURING_VOTING:
            raise ProcedureError(
                ErrorCode.POINT_NOT_IN_ORDER, point=point.kind.value, reason="voting_procedure"
            )
        if point.kind is PointKind.ORDER and not point.about_conduct_of_vote:
            raise ProcedureError(
                ErrorCode.POINT_NOT_IN_ORDER, point=point.kind.value, reason="conduct_of_vote_only"
            )
    if point.kind is PointKind.INFORMATION_TO_SPEAKER:
        # A question to the speaker belongs to the yield (or to the speaker's being open to
        # points of information): it never interrupts.
        if not ctx.questions_open:
            raise ProcedureError(
                ErrorCode.POINT_NOT_IN_ORDER,
                point=point.kind.value,
                reason=_why_no_poi(params, ctx),
            )
        return Admission.NOW
    if not ctx.speaker_has_floor:
        return Admission.NOW
    return Admission.INTERRUPT if may_interrupt(params, point) else Admission.QUEUED


def _why_no_poi(params: Parameters, ctx: PointContext) -> str:
    if ctx.open_to_pois:
        return "pois_all_taken"
    if params.open_to_pois_enabled:
        return "speaker_not_open_to_pois"
    return "no_yield_to_questions"


def waiting_questioners(points: Iterable[Point]) -> tuple[str, ...]:
    """Delegations whose point of information asks to question the speaker, first raised first."""
    asking = sorted(
        (p for p in points if p.kind is PointKind.INFORMATION_TO_SPEAKER), key=lambda p: p.seq
    )
    return tuple(p.delegation for p in asking)


def settled_by_question(point: Point, questioner: str) -> bool:
    """Recognising a delegation's question to the speaker settles its point of information."""
    return point.kind is PointKind.INFORMATION_TO_SPEAKER and point.delegation == questioner


def sort_points(points: Iterable[Point]) -> tuple[Point, ...]:
    """Queued points in priority order, then in the order raised."""
    rank = {kind: index for index, kind in enumerate(PRIORITY)}
    return tuple(sorted(points, key=lambda p: (rank[p.kind], p.seq)))
