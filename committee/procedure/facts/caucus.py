"""Facts of caucuses: speakers recognised, slots, pauses, the mover's choice, placards, the end.

A caucus starts or is extended only when a motion carries: that is the motion's event, and the
motion's facts say what carried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from committee.procedure.caucuses import CaucusEndReason, CaucusKind
from committee.procedure.choices import MoverChoice
from committee.procedure.facts.kinds import EventKind
from committee.procedure.facts.session import NoFacts


@dataclass(frozen=True, slots=True)
class CaucusDelegation:
    """The delegation whose slot ended, or whose placard went up or down."""

    delegation: int


@dataclass(frozen=True, slots=True)
class CaucusSpeakerRecognised:
    delegation: int
    slot_seconds: int
    shortened: bool = False  # the slot is only what remains of the caucus (§8.9)


@dataclass(frozen=True, slots=True)
class CaucusMoverChose:
    delegation: int  # the mover
    choice: MoverChoice


@dataclass(frozen=True, slots=True)
class CaucusEnded:
    """`topic` is the mover's own words, kept as typed: nothing to translate."""

    kind: CaucusKind
    topic: str
    mover: int
    reason: CaucusEndReason
    ended_at: datetime  # the deadline when time ran out, else when the dais ended it


PAYLOADS: dict[EventKind, type] = {
    EventKind.CAUCUS_SPEAKER_RECOGNISED: CaucusSpeakerRecognised,
    EventKind.CAUCUS_SLOT_ENDED: CaucusDelegation,
    EventKind.CAUCUS_PAUSED: NoFacts,
    EventKind.CAUCUS_RESUMED: NoFacts,
    EventKind.CAUCUS_ENDED: CaucusEnded,
    EventKind.CAUCUS_MOVER_CHOSE: CaucusMoverChose,
    EventKind.CAUCUS_PLACARD_RAISED: CaucusDelegation,
    EventKind.CAUCUS_PLACARD_LOWERED: CaucusDelegation,
}
