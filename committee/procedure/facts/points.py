"""Facts of points and rights of reply.

The point's text and the chair's note are what was typed: they are kept as typed, never
translated. Delegations are ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from committee.procedure.choices import PointKind, RorGround
from committee.procedure.facts.kinds import EventKind
from committee.procedure.points import Admission, PointOutcome


@dataclass(frozen=True, slots=True)
class PointFacts:
    """A point as it was raised: by whom, which kind, how the engine admitted it."""

    seq: int
    delegation: int
    kind: PointKind
    admission: Admission
    audibility: bool = False  # personal privilege: the delegation cannot hear the speaker
    about_conduct_of_vote: bool = False
    text: str = ""

    @property
    def interrupted(self) -> bool:
        return self.admission is Admission.INTERRUPT


@dataclass(frozen=True, slots=True)
class PointResolved:
    point: PointFacts
    outcome: PointOutcome
    note: str = ""
    appealable: bool = False  # a ruling on a point of order the profile lets be appealed


@dataclass(frozen=True, slots=True)
class SpeakerResumed:
    """The clocks a point stopped run again; `delegation` is who speaks on, if anyone."""

    delegation: int | None = None


@dataclass(frozen=True, slots=True)
class ReplyFacts:
    """A right of reply: who asks, against whose speech, on which ground, for how long."""

    delegation: int
    against: int
    ground: RorGround
    seconds: int


@dataclass(frozen=True, slots=True)
class ReplyGranted:
    delegation: int
    against: int
    ground: RorGround
    seconds: int
    floor_given: bool  # the reply got the floor at once


@dataclass(frozen=True, slots=True)
class ReplyEnded:
    delegation: int
    seconds_used: int  # on the reply's clock, pauses excluded


PAYLOADS: dict[EventKind, type] = {
    EventKind.POINT_RAISED: PointFacts,
    EventKind.POINT_WITHDRAWN: PointFacts,
    EventKind.POINT_RESOLVED: PointResolved,
    EventKind.POINT_SPEAKER_RESUMED: SpeakerResumed,
    EventKind.REPLY_REQUESTED: ReplyFacts,
    EventKind.REPLY_WITHDRAWN: ReplyFacts,
    EventKind.REPLY_GRANTED: ReplyGranted,
    EventKind.REPLY_REFUSED: ReplyFacts,
    EventKind.REPLY_FLOOR_GIVEN: ReplyFacts,
    EventKind.REPLY_ENDED: ReplyEnded,
}
