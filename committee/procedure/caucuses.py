"""Moderated and unmoderated caucuses, round robins and extensions (procedure.md §2.3–2.6,
§8.9).

A caucus has a running total timer. In a moderated caucus the chair recognises speakers from
raised placards; each gets a slot of ``speaker_seconds``. When what is left is shorter than a
slot the caucus ends automatically (``caucus_remainder_action=end``) or, if the chair is asked
instead, the next speaker gets only what remains.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from fractions import Fraction

from .choices import CaucusRemainderAction, MotionCode, MoverChoice, MoverPosition
from .errors import ErrorCode, ProcedureError
from .motions import EndedCaucus, Motion
from .parameters import Parameters
from .timers import (
    Timer,
    add_time,
    elapsed,
    ensure_paused,
    ensure_running,
    expired,
    new_timer,
    remaining,
    seconds,
    start,
    truncate,
)


class CaucusKind(StrEnum):
    MODERATED = "moderated"
    UNMODERATED = "unmoderated"
    ROUND_ROBIN = "round_robin"


class CaucusEndReason(StrEnum):
    """Why a caucus ended (§2.3 "Ending", §8.9)."""

    TIME_UP = "time_up"
    REMAINDER = "remainder_shorter_than_slot"
    CHAIR = "chair"
    NO_SPEAKERS = "no_speakers"


_KIND_OF = {
    MotionCode.MODERATED_CAUCUS: CaucusKind.MODERATED,
    MotionCode.UNMODERATED_CAUCUS: CaucusKind.UNMODERATED,
    MotionCode.ROUND_ROBIN: CaucusKind.ROUND_ROBIN,
}
_CODE_OF = {kind: code for code, kind in _KIND_OF.items()}


@dataclass(frozen=True, slots=True)
class Caucus:
    kind: CaucusKind
    mover: str
    topic: str
    total: Timer
    original_seconds: int
    speaker_seconds: int | None = None
    mover_choice: MoverChoice | None = None
    order: tuple[str, ...] = ()  # round robin: present delegations in roll order
    spoken: tuple[str, ...] = ()
    current: str | None = None
    slot: Timer | None = None
    slot_started_at: datetime | None = None  # when the current speaker was recognised
    extensions_used: int = 0
    ended_at: datetime | None = None
    held: bool = False  # stopped for a speech outside the caucus (a right of reply)

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


def _mover_choice(params: Parameters, choice: MoverChoice | None) -> MoverChoice:
    position = params.mod_mover_position
    if position is MoverPosition.FIRST:
        allowed = {MoverChoice.FIRST}
    elif position is MoverPosition.NONE:
        allowed = {MoverChoice.NOT_SPEAKING}
    else:
        allowed = set(MoverChoice)
    default = MoverChoice.FIRST if position is MoverPosition.FIRST else MoverChoice.NOT_SPEAKING
    picked = default if choice is None else choice
    if picked not in allowed:
        raise ProcedureError(
            ErrorCode.MOVER_POSITION_NOT_ALLOWED,
            choice=picked.value,
            allowed=sorted(c.value for c in allowed),
        )
    return picked


def start_caucus(
    params: Parameters,
    motion: Motion,
    now: datetime,
    *,
    mover_choice: MoverChoice | None = None,
    roll_order: Sequence[str] = (),
) -> Caucus:
    """Start the caucus a carried motion asked for."""
    kind = _KIND_OF.get(motion.code)
    if kind is None:
        raise ProcedureError(ErrorCode.UNKNOWN_MOTION, motion_id=motion.id)
    if kind is CaucusKind.ROUND_ROBIN:
        if not params.round_robin_enabled:
            raise ProcedureError(ErrorCode.ROUND_ROBIN_DISABLED)
        slot = motion.speaker_seconds or params.round_robin_seconds
        total_seconds = slot * len(roll_order)
        return Caucus(
            kind,
            motion.mover,
            motion.topic or "",
            start(new_timer(seconds(total_seconds)), now),
            total_seconds,
            speaker_seconds=slot,
            order=tuple(roll_order),
        )
    total_seconds = motion.total_seconds or 0
    choice = _mover_choice(params, mover_choice) if kind is CaucusKind.MODERATED else None
    return Caucus(
        kind,
        motion.mover,
        motion.topic or "",
        start(new_timer(seconds(total_seconds)), now),
        total_seconds,
        speaker_seconds=motion.speaker_seconds,
        mover_choice=choice,
    )


def choose_mover_position(params: Parameters, caucus: Caucus, choice: MoverChoice) -> Caucus:
    """The mover of a moderated caucus picks first, last or not speaking (§2.3).

    The choice stays open until the mover has spoken; "first" only until anyone has.
    """
    if caucus.kind is not CaucusKind.MODERATED:
        raise ProcedureError(ErrorCode.WRONG_YIELD_STAGE, stage=caucus.kind.value)
    picked = _mover_choice(params, choice)
    mover_done = caucus.mover in caucus.spoken or caucus.current == caucus.mover
    someone_spoke = bool(caucus.spoken) or caucus.current is not None
    if mover_done or (picked is MoverChoice.FIRST and someone_spoke):
        raise ProcedureError(ErrorCode.MOVER_CHOICE_TOO_LATE, choice=picked.value)
    return replace(caucus, mover_choice=picked)


def remainder_shorter_than_slot(caucus: Caucus, now: datetime) -> bool:
    if caucus.speaker_seconds is None:
        return False
    return remaining(caucus.total, now) < seconds(caucus.speaker_seconds)


def should_end(params: Parameters, caucus: Caucus, now: datetime) -> bool:
    """Time is up, or (by default) less than one slot remains and nobody is speaking."""
    if caucus.ended or expired(caucus.total, now):
        return True
    return (
        caucus.current is None
        and params.caucus_remainder_action is CaucusRemainderAction.END
        and remainder_shorter_than_slot(caucus, now)
    )


def due_end_reason(params: Parameters, caucus: Caucus, now: datetime) -> CaucusEndReason | None:
    """Why the caucus must end by itself now, or None while it may go on."""
    if not should_end(params, caucus, now):
        return None
    return CaucusEndReason.TIME_UP if expired(caucus.total, now) else CaucusEndReason.REMAINDER


def next_required_speaker(caucus: Caucus, now: datetime) -> str | None:
    """Who must be recognised next: the mover first/last, or the next in a round robin."""
    if caucus.kind is CaucusKind.ROUND_ROBIN:
        done = (*caucus.spoken, caucus.current)
        pending = [d for d in caucus.order if d not in done]
        return pending[0] if pending else None
    if caucus.mover in caucus.spoken or caucus.speaker_seconds is None:
        return None
    if caucus.current == caucus.mover:
        return None  # the mover has been recognised and speaks now
    if caucus.mover_choice is MoverChoice.FIRST and not caucus.spoken:
        return caucus.mover
    # With "last", the last full slot is kept for the mover.
    last_slot = remaining(caucus.total, now) < seconds(2 * caucus.speaker_seconds)
    if caucus.mover_choice is MoverChoice.LAST and last_slot:
        return caucus.mover
    return None


def recognise(
    params: Parameters, caucus: Caucus, delegation: str, now: datetime, present: Collection[str]
) -> Caucus:
    """Give the floor to a delegation for one slot (moderated caucus or round robin)."""
    if caucus.kind is CaucusKind.UNMODERATED or caucus.speaker_seconds is None:
        raise ProcedureError(ErrorCode.WRONG_YIELD_STAGE, stage=caucus.kind.value)
    if should_end(params, caucus, now):
        raise ProcedureError(ErrorCode.CAUCUS_ENDED)
    if delegation not in present:
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=delegation)
    required = next_required_speaker(caucus, now)
    if required is not None and required != delegation:
        raise ProcedureError(ErrorCode.NOT_YOUR_TURN, delegation=delegation, expected=required)
    if caucus.mover_choice is MoverChoice.NOT_SPEAKING and delegation == caucus.mover:
        raise ProcedureError(
            ErrorCode.MOVER_POSITION_NOT_ALLOWED,
            choice=MoverChoice.NOT_SPEAKING.value,
            allowed=[MoverChoice.NOT_SPEAKING.value],
        )
    finished = end_slot(caucus, now)
    # A slot never runs past the caucus's end: the speaker gets only what remains.
    slot = truncate(
        start(new_timer(seconds(caucus.speaker_seconds)), now), remaining(caucus.total, now), now
    )
    return replace(finished, current=delegation, slot=slot, slot_started_at=now)


@dataclass(frozen=True, slots=True)
class SlotSpoken:
    """A caucus speaker's turn, as the record keeps it once the slot ends."""

    delegation: str
    started_at: datetime
    ended_at: datetime
    used: timedelta  # on the slot's clock: pauses excluded, never more than the slot


def slot_spoken(caucus: Caucus, now: datetime) -> SlotSpoken | None:
    """The turn of the speaker whose slot ends at ``now``; None when nobody is speaking.

    A slot whose clock ran out ended when it did, not when the dais noticed.
    """
    if caucus.current is None or caucus.slot is None:
        return None
    slot = caucus.slot
    ended_at = slot.deadline if slot.deadline is not None and slot.deadline < now else now
    used = elapsed(slot, ended_at)
    # Floors stored before the start was kept: the turn began at least `used` ago.
    started_at = caucus.slot_started_at or ended_at - used
    return SlotSpoken(caucus.current, started_at, ended_at, used)


def end_slot(caucus: Caucus, now: datetime) -> Caucus:
    if caucus.current is None:
        return caucus
    return replace(
        caucus,
        current=None,
        slot=None,
        slot_started_at=None,
        spoken=(*caucus.spoken, caucus.current),
    )


def pause_caucus(caucus: Caucus, now: datetime) -> Caucus:
    """A point of order or privilege stops both clocks."""
    slot = ensure_paused(caucus.slot, now) if caucus.slot else None
    return replace(caucus, total=ensure_paused(caucus.total, now), slot=slot)


def resume_caucus(caucus: Caucus, now: datetime) -> Caucus:
    slot = ensure_running(caucus.slot, now) if caucus.slot else None
    return replace(caucus, total=ensure_running(caucus.total, now), slot=slot, held=False)


def hold_for_speech(caucus: Caucus, now: datetime) -> Caucus:
    """A speech outside the caucus (a right of reply, §2.7) is no part of the caucus's time:
    both clocks stop while it lasts. A caucus the chair has paused stays as the chair left it.
    """
    if caucus.ended or not caucus.total.running:
        return caucus
    return replace(pause_caucus(caucus, now), held=True)


def release_after_speech(caucus: Caucus, now: datetime) -> Caucus:
    """The speech that held the caucus is over: restart the clocks it stopped, and only those."""
    if caucus.ended or not caucus.held:
        return caucus
    return resume_caucus(caucus, now)


def end_caucus(caucus: Caucus, now: datetime) -> Caucus:
    """Time ran out, nobody wants to speak, the chair ends it early, or a motion ends it.
    ``ended_at`` records the actual end."""
    if caucus.ended:
        raise ProcedureError(ErrorCode.CAUCUS_ENDED)
    done = end_slot(caucus, now)
    return replace(done, total=ensure_paused(done.total, now), ended_at=now, held=False)


def as_ended(caucus: Caucus) -> EndedCaucus:
    """What a motion to extend needs to know about this caucus."""
    return EndedCaucus(_CODE_OF[caucus.kind], caucus.original_seconds, caucus.extensions_used)


def may_be_extended(params: Parameters, caucus: Caucus) -> bool:
    return caucus.extensions_used < params.max_extensions_per_caucus


def longest_extension_seconds(params: Parameters, caucus: Caucus) -> int:
    """An extension lasts at most ``extension_max_fraction`` of the original length (§2.5)."""
    return int(params.extension_max_fraction * Fraction(caucus.original_seconds))


def extend(params: Parameters, caucus: Caucus, extra_seconds: int, now: datetime) -> Caucus:
    """A carried extension, within the limits on their number and length."""
    if not may_be_extended(params, caucus):
        raise ProcedureError(
            ErrorCode.EXTENSION_LIMIT_REACHED,
            used=caucus.extensions_used,
            limit=params.max_extensions_per_caucus,
        )
    longest = longest_extension_seconds(params, caucus)
    if not 0 < extra_seconds <= longest:
        raise ProcedureError(ErrorCode.EXTENSION_TOO_LONG, value=extra_seconds, maximum=longest)
    total = add_time(caucus.total, seconds(extra_seconds), now)
    return replace(
        caucus,
        total=ensure_running(total, now),
        ended_at=None,
        extensions_used=caucus.extensions_used + 1,
    )


def return_by(caucus: Caucus) -> datetime | None:
    """The "return by HH:MM" of an unmoderated caucus (None while paused)."""
    return caucus.total.deadline
