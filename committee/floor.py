"""The floor document: a committee's whole live state as one value of engine types.

Services load it from the Floor row, ask the rules engine for the next value, and store it
back; templates read it through FloorView. The engine's frozen dataclasses are turned into JSON
and back by one cattrs converter, so a new engine field needs no code here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import cattrs

from committee.procedure.attendance import RollStatus
from committee.procedure.caucuses import Caucus
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice
from committee.procedure.motions import EndedCaucus, Motion, MotionFloor
from committee.procedure.phases import Phase
from committee.procedure.points import Admission, Point
from committee.procedure.reply import ReplyRequest
from committee.procedure.rulings import Ruling
from committee.procedure.speakers import SpeakersList
from committee.procedure.speeches import Speech
from committee.procedure.thresholds import Outcome
from committee.procedure.timers import Timer


@dataclass(frozen=True, slots=True)
class Mark:
    """A delegation's attendance in the current session."""

    status: RollStatus = RollStatus.ABSENT
    since: datetime | None = None
    held_at_door: bool = False  # arrived during voting procedure: waits at the door


@dataclass(frozen=True, slots=True)
class PlacardVote:
    """A procedural vote in progress: counts typed by the dais, or ballots from phones."""

    motion_id: str
    opened_at: datetime
    by_phone: bool = False
    yes: int | None = None
    no: int | None = None
    electorate: ElectorateSnapshot | None = None  # who may vote, frozen when the vote opened
    ballots: dict[str, VoteChoice] = field(default_factory=dict)  # phone votes by delegation
    # Ballots the dais entered for delegations without a working phone.
    entered_by_dais: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PendingPoint:
    point: Point
    raised_at: datetime
    text: str = ""
    admission: Admission = Admission.NOW  # how the engine admitted it when it was raised


@dataclass(frozen=True, slots=True)
class PendingReply:
    request: ReplyRequest
    raised_at: datetime
    granted: bool | None = None


@dataclass(frozen=True, slots=True)
class PointHold:
    """The clocks an interrupting point stopped; the dais restarts them after ruling."""

    speech: bool = False
    caucus: bool = False


@dataclass(frozen=True, slots=True)
class PointRuling:
    """The chair's ruling on a delegation's point of order, kept for that delegation's phone
    until it raises another point."""

    point: Point
    ruling: Ruling
    note: str = ""


@dataclass(frozen=True, slots=True)
class MotionOffer:
    """A change to a motion that waits for its mover's answer: the engine's cap on a motion
    raised over the limits (not on the floor yet, §8.10), or the chair's friendly change to a
    pending motion (§8.15)."""

    motion: Motion
    suggestion: Motion
    offered_at: datetime
    friendly: bool = False


@dataclass(frozen=True, slots=True)
class MotionRuling:
    """The chair's latest ruling on a motion, which may be appealed (§3.4, §8.17)."""

    ruling: Ruling
    motion_id: str


# The effect of a carried motion that the app does not apply by itself: the dais applies it.
EFFECT_NOT_AUTOMATIC = "not_automatic"


@dataclass(frozen=True, slots=True)
class MotionVoteResult:
    """How the last procedural vote ended, with the base in use (§8.18)."""

    motion_id: str
    outcome: Outcome
    by_phone: bool
    decided_at: datetime
    # Carried, but the effect could not be applied: why, as {"code": an ErrorCode value,
    # "facts": its facts} or {"code": EFFECT_NOT_AUTOMATIC}; worded when shown.
    effect_error: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FloorDoc:
    phase: Phase = Phase.NOT_STARTED
    session_number: int | None = None
    roll_call_open: bool = False
    attendance: dict[str, Mark] = field(default_factory=dict)  # by delegation id
    speaking_time: int | None = None  # None: the profile's gsl_speaking_time
    gsl_self_service: bool = False
    gsl: SpeakersList = SpeakersList()
    speech: Speech | None = None
    caucus: Caucus | None = None
    last_ended_caucus: EndedCaucus | None = None
    raised_placards: tuple[str, ...] = ()  # moderated caucus: who wants to speak, in order
    motions: MotionFloor = MotionFloor()
    next_motion_number: int = 1
    vote: PlacardVote | None = None
    points: tuple[PendingPoint, ...] = ()
    next_point_number: int = 1
    replies: tuple[PendingReply, ...] = ()
    suspended_until: datetime | None = None
    point_hold: PointHold | None = None  # clocks stopped by an interrupting point
    point_rulings: tuple[PointRuling, ...] = ()  # the latest ruling on each raiser's point
    reply_speech_by: str | None = None  # the speech on the floor is this delegation's reply
    motion_offers: tuple[MotionOffer, ...] = ()  # changes waiting for the mover's answer
    motion_ruling: MotionRuling | None = None
    motion_result: MotionVoteResult | None = None
    topic_tabled: bool = False  # debate on the topic was adjourned (tabled)
    phase_before_suspension: Phase | None = None
    gsl_recognised: str | None = None  # GSL yield: the questioner or commenter recognised

    def status_of(self, delegation_id: int | str) -> RollStatus:
        mark = self.attendance.get(str(delegation_id))
        return RollStatus.ABSENT if mark is None else mark.status

    def present_ids(self) -> frozenset[str]:
        return frozenset(k for k, m in self.attendance.items() if m.status is not RollStatus.ABSENT)


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook(datetime, lambda value: value.isoformat())
    converter.register_structure_hook(datetime, lambda value, _type: datetime.fromisoformat(value))
    converter.register_unstructure_hook(timedelta, lambda value: value.total_seconds())
    converter.register_structure_hook(timedelta, lambda value, _type: timedelta(seconds=value))
    return converter


_converter = _make_converter()


def encode(doc: FloorDoc) -> dict[str, Any]:
    return _converter.unstructure(doc)


def decode(data: dict[str, Any]) -> FloorDoc:
    if not data:
        return FloorDoc()
    return _converter.structure(data, FloorDoc)


def encode_value(value: Any) -> Any:
    """Any engine value as JSON, e.g. for the facts of a log event."""
    return _converter.unstructure(value)


def timer_attributes(timer: Timer | None, now: datetime) -> dict[str, Any]:
    """What a screen needs to count a timer down by itself (see static/js/live.js)."""
    if timer is None:
        return {"running": False, "deadline_ms": None, "remaining_ms": 0, "duration_ms": 0}
    remaining = (
        timer.remaining if timer.deadline is None else max(timer.deadline - now, timedelta())
    )
    return {
        "running": timer.deadline is not None,
        "deadline_ms": int(timer.deadline.timestamp() * 1000) if timer.deadline else None,
        "remaining_ms": int(remaining.total_seconds() * 1000),
        "duration_ms": int(timer.duration.total_seconds() * 1000),
    }
