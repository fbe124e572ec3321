"""What a floor transition gives back: the next floor, the facts the log records, and the
turns at the microphone that ended in it (the record writes one Speech row per turn).

Every floor command of the engine (``sitting``, and the areas' ``*_floor`` modules) returns a
``Transition``; the services store the floor, log the facts and write the turns, and decide
nothing themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .choices import YieldKind
from .floor import FloorDoc


class TurnKind(StrEnum):
    GSL = "gsl"  # a speech from the general speakers' list
    YIELDED = "yielded"  # time another delegation yielded to this one
    CAUCUS = "caucus"  # a moderated-caucus slot
    REPLY = "reply"  # a right of reply


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn at the microphone that has ended: who, what kind, when, and the time used on
    its clock (pauses for points and question-asking excluded)."""

    delegation: str
    kind: TurnKind
    started_at: datetime
    ended_at: datetime
    used: timedelta
    yielded_to: YieldKind | None = None
    yielded_to_delegation: str | None = None


@dataclass(frozen=True, slots=True)
class Transition:
    floor: FloorDoc
    facts: object
    ended_turns: tuple[Turn, ...] = ()
