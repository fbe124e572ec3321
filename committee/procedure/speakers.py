"""The general speakers' list (procedure.md §2.2, §8.6, §8.11).

One entry per delegation at a time by default, present delegations only, never back to back
unless allowed. When the last speaker finishes, debate closes (or the chair is asked).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from .choices import GslExhaustionAction
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters


@dataclass(frozen=True, slots=True)
class SpeakersList:
    entries: tuple[str, ...] = ()
    closed: bool = False
    current: str | None = None  # who holds the floor from the list right now
    spoken: tuple[str, ...] = ()  # in order, for the record and the exhaustion rule


def add_speaker(
    params: Parameters, speakers: SpeakersList, delegation: str, present: Collection[str]
) -> SpeakersList:
    """Add at the end. Refused: list closed, absent, over the entry limit, or back to back."""
    if speakers.closed:
        raise ProcedureError(ErrorCode.SPEAKERS_LIST_CLOSED)
    if delegation not in present:
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=delegation)
    entries = speakers.entries.count(delegation)
    if entries >= params.gsl_max_entries_per_delegation:
        raise ProcedureError(
            ErrorCode.ALREADY_ON_LIST,
            delegation=delegation,
            entries=entries,
            limit=params.gsl_max_entries_per_delegation,
        )
    previous = speakers.entries[-1] if speakers.entries else speakers.current
    if previous == delegation and not params.gsl_allow_consecutive:
        raise ProcedureError(ErrorCode.CONSECUTIVE_ENTRY, delegation=delegation)
    return replace(speakers, entries=(*speakers.entries, delegation))


def remove_speaker(speakers: SpeakersList, delegation: str) -> SpeakersList:
    """The chair removes an entry, or a delegation withdraws its own (the first one)."""
    if delegation not in speakers.entries:
        raise ProcedureError(ErrorCode.NOT_ON_LIST, delegation=delegation)
    index = speakers.entries.index(delegation)
    return replace(speakers, entries=speakers.entries[:index] + speakers.entries[index + 1 :])


def move_speaker(
    params: Parameters, speakers: SpeakersList, from_index: int, to_index: int
) -> SpeakersList:
    """The chair moves the entry at ``from_index`` to ``to_index`` (0 is the next speaker).

    The move must not put a delegation back to back with itself (nor right after the current
    speaker) unless the rules allow consecutive entries.
    """
    length = len(speakers.entries)
    for index in (from_index, to_index):
        if not 0 <= index < length:
            raise ProcedureError(ErrorCode.NO_SUCH_PLACE, position=index + 1, length=length)
    entries = list(speakers.entries)
    entries.insert(to_index, entries.pop(from_index))
    if not params.gsl_allow_consecutive:
        order = [speakers.current, *entries]
        for previous, following in zip(order, order[1:], strict=False):
            if previous is not None and previous == following:
                raise ProcedureError(ErrorCode.CONSECUTIVE_ENTRY, delegation=following)
    return replace(speakers, entries=tuple(entries))


def call_next(speakers: SpeakersList) -> SpeakersList:
    """The next entry takes the floor (the previous speaker, if any, is recorded as spoken)."""
    finished = finish_current(speakers)
    if not finished.entries:
        raise ProcedureError(ErrorCode.SPEAKERS_LIST_EMPTY)
    head, *rest = finished.entries
    return replace(finished, entries=tuple(rest), current=head)


def finish_current(speakers: SpeakersList) -> SpeakersList:
    if speakers.current is None:
        return speakers
    return replace(speakers, current=None, spoken=(*speakers.spoken, speakers.current))


def set_closed(params: Parameters, speakers: SpeakersList, closed: bool) -> SpeakersList:
    if not params.allow_close_speakers_list:
        raise ProcedureError(ErrorCode.MOTION_DISABLED, motion="close_speakers_list")
    return replace(speakers, closed=closed)


def check_speaking_time(params: Parameters, seconds: int) -> int:
    """A motion to set speaking time must stay within the profile's bounds (§2.2)."""
    if not params.min_speaking_time <= seconds <= params.max_speaking_time:
        raise ProcedureError(
            ErrorCode.SPEAKING_TIME_OUT_OF_RANGE,
            value=seconds,
            minimum=params.min_speaking_time,
            maximum=params.max_speaking_time,
        )
    return seconds


@dataclass(frozen=True, slots=True)
class ListStatus:
    remaining: int  # entries still to speak, the current speaker included
    warn: bool  # "closing debate automatically after N more speakers" (§8.11)
    exhausted: bool
    action: GslExhaustionAction | None  # what exhaustion triggers, when exhausted


def list_status(params: Parameters, speakers: SpeakersList) -> ListStatus:
    remaining = len(speakers.entries) + (1 if speakers.current is not None else 0)
    exhausted = remaining == 0 and bool(speakers.spoken)
    return ListStatus(
        remaining=remaining,
        warn=0 < remaining <= params.gsl_warning_remaining,
        exhausted=exhausted,
        action=params.gsl_exhaustion_action if exhausted else None,
    )
