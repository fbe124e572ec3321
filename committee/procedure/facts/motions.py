"""Facts of motions, their procedural votes, and the meeting resumed after a suspension.

A motion is named by its id on the floor ("s1m3") and its code; delegations by their id. The
topic of a caucus is the mover's own words, kept as typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from committee.procedure.choices import MotionCode
from committee.procedure.electorate import VoteChoice
from committee.procedure.facts.documents import DocumentRef
from committee.procedure.facts.kinds import EventKind
from committee.procedure.motion_registry import Effect
from committee.procedure.phases import Phase
from committee.procedure.thresholds import Verdict


class MotionDecision(StrEnum):
    """What the chair ruled on a motion (§3.4, §8.16)."""

    IN_ORDER = "in_order"
    OUT_OF_ORDER = "out_of_order"
    DILATORY = "dilatory"


@dataclass(frozen=True, slots=True)
class MotionRef:
    motion: str  # the motion's id on the floor
    code: MotionCode


@dataclass(frozen=True, slots=True)
class MotionValues:
    """What a motion asks for, as moved or as changed."""

    total_seconds: int | None = None
    speaker_seconds: int | None = None
    topic: str | None = None
    target: str | None = None  # an appeal: the ruling's id; a paper or a draft: its id
    parts: tuple[str, ...] = ()  # a division of the question: the clause ids voted separately
    order: tuple[str, ...] = ()  # a reorder: the drafts' ids in the order proposed


@dataclass(frozen=True, slots=True)
class MotionRaised:
    """`movers` are everyone moving the motion after this raise: more than one when it merged
    into an identical motion (`merged_into`, that motion's id). A motion over the limits is
    not on the floor yet: `over_cap`, and the capped values are offered to its mover. An appeal
    of a ruling on a point of order names whose point it was (`point_by`). A voting-procedure
    motion names its drafts as labelled when it was moved (`papers`: its target, or the drafts
    in the order proposed) and a division its parts as numbered then (`part_numbers`)."""

    motion: str
    code: MotionCode
    movers: tuple[int, ...]
    values: MotionValues = MotionValues()
    over_cap: bool = False
    merged_into: str | None = None
    point_by: int | None = None  # an appeal of a ruling on this delegation's point of order
    papers: tuple[DocumentRef, ...] = ()
    part_numbers: tuple[str, ...] = ()  # "2", "3(b)"


@dataclass(frozen=True, slots=True)
class MotionChange:
    """A change offered to the mover: the chair's friendly change (`friendly`), or the capped
    values of a motion raised over the limits. `values` are the changed values. The mover's
    answer given aloud and recorded by the dais (a mover without a working phone) is
    `answered_by_dais`."""

    motion: str
    code: MotionCode
    mover: int
    friendly: bool
    values: MotionValues = MotionValues()
    merged_into: str | None = None  # accepted, and the changed motion merged into this one
    answered_by_dais: bool = False


@dataclass(frozen=True, slots=True)
class MotionSeconded:
    motion: str
    code: MotionCode
    seconder: int


@dataclass(frozen=True, slots=True)
class MotionWithdrawn:
    """`by` withdrew; a merged motion stays moved by its other movers (`still_moved_by`)."""

    motion: str
    code: MotionCode
    by: tuple[int, ...]
    still_moved_by: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MotionRuled:
    motion: str
    code: MotionCode
    ruling: str  # the ruling's id on the floor, which an appeal names
    decision: MotionDecision
    appealable: bool = False
    failed_minutes_ago: int | None = None  # the same motion failed this long ago (§8.16)


@dataclass(frozen=True, slots=True)
class MotionVoteOpened:
    motion: str
    code: MotionCode
    by_phone: bool
    electorate: int  # how many may vote, frozen as the vote opened


@dataclass(frozen=True, slots=True)
class BallotCast:
    """A phone's vote, or one the dais entered for a delegation without a working phone."""

    motion: str
    code: MotionCode
    delegation: int
    choice: VoteChoice
    entered_by_dais: bool = False


@dataclass(frozen=True, slots=True)
class MotionVoteClosed:
    """The vote's result. `superseded` are the motions the carried one swept away (§3.1 step
    7); an appeal has `ruling_overturned` instead (and `point_by` for a ruling on a point of
    order, which is heard again if it was ruled out of order). `effect` is what carrying it
    did, and `effect_error` why the app could not do it ({"code": …, "facts": …}), if so."""

    motion: str
    code: MotionCode
    movers: tuple[int, ...]
    by_phone: bool
    yes: int
    no: int
    not_voting: int
    passed: bool
    verdict: Verdict
    required_yes: int
    base_size: int
    ruling_overturned: bool | None = None
    point_by: int | None = None  # the appealed ruling was on this delegation's point of order
    point_heard_again: bool = False  # overturned: the point ruled out of order is heard again
    superseded: tuple[MotionRef, ...] = ()
    effect: Effect | None = None
    effect_error: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MeetingResumed:
    phase: Phase  # where the meeting stood when it was suspended


PAYLOADS: dict[EventKind, type] = {
    EventKind.MOTION_RAISED: MotionRaised,
    EventKind.MOTION_CHANGE_SUGGESTED: MotionChange,
    EventKind.MOTION_CHANGE_ACCEPTED: MotionChange,
    EventKind.MOTION_CHANGE_REFUSED: MotionChange,
    EventKind.MOTION_SECONDED: MotionSeconded,
    EventKind.MOTION_WITHDRAWN: MotionWithdrawn,
    EventKind.MOTION_RULED: MotionRuled,
    EventKind.MOTION_VOTE_OPENED: MotionVoteOpened,
    EventKind.MOTION_BALLOT_CAST: BallotCast,
    EventKind.MOTION_BALLOT_ENTERED: BallotCast,
    EventKind.MOTION_VOTE_CLOSED: MotionVoteClosed,
    EventKind.MEETING_RESUMED: MeetingResumed,
}
