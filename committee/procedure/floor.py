"""The floor document: a committee's whole live state as one value of engine types.

Phase, attendance, the speakers' list, the speech and its timer, the caucus, motions, the vote
in progress, points and replies. The engine's floor transitions take one and give the next
(``committee.procedure.sitting`` and the area modules); the app stores it as JSON in the
committee's Floor row (``committee.floor``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .attendance import RollStatus, in_the_room
from .caucuses import Caucus
from .motions import EndedCaucus, Motion, MotionFloor
from .phases import Phase
from .points import Admission, Point
from .reply import ReplyRequest
from .rulings import Ruling
from .speakers import SpeakersList
from .speeches import Speech
from .thresholds import Outcome
from .voting_state import VotingState


@dataclass(frozen=True, slots=True)
class Mark:
    """A delegation's attendance in the current session."""

    status: RollStatus = RollStatus.ABSENT
    since: datetime | None = None
    held_at_door: bool = False  # arrived during voting procedure: waits at the door


@dataclass(frozen=True, slots=True)
class PlacardVote:
    """A procedural vote in progress, by placard (the dais types the counts when it closes the
    vote) or by phone. Who may vote and its ballots are kept with the question put to the vote,
    in the record, under `question_id`: not on the floor, which every log event diffs."""

    motion_id: str
    opened_at: datetime
    by_phone: bool = False
    electorate_size: int = 0  # how many may vote, frozen when the vote opened
    question_id: int | None = None  # the question put to the vote, in the record


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
    until it raises another point (a ruling under appeal stays until the appeal vote)."""

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


# The latest answers of FloorDoc.present_ids, by the id of the floor asked.
_PRESENT_IDS: dict[int, tuple[FloorDoc, frozenset[str]]] = {}
_PRESENT_IDS_KEPT = 16


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
    voting: VotingState | None = None  # voting procedure on the topic (§6)

    def status_of(self, delegation_id: int | str) -> RollStatus:
        mark = self.attendance.get(str(delegation_id))
        return RollStatus.ABSENT if mark is None else mark.status

    def present_ids(self) -> frozenset[str]:
        """Delegations in the room now, by the engine's one definition of present."""
        # Asked many times of one floor (for every delegation a screen offers a choice to),
        # and a floor never changes, so the latest few answers are kept.
        kept = _PRESENT_IDS.get(id(self))
        if kept is not None and kept[0] is self:
            return kept[1]
        present = frozenset(
            key
            for key, mark in self.attendance.items()
            if in_the_room(mark.status, mark.held_at_door)
        )
        if len(_PRESENT_IDS) >= _PRESENT_IDS_KEPT:
            _PRESENT_IDS.clear()  # one step, whatever other threads do meanwhile
        # The floor is kept with its answer, so its id cannot pass to another floor meanwhile.
        _PRESENT_IDS[id(self)] = (self, present)
        return present
