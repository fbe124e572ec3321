"""Turns at the microphone: who holds the floor now, and the record of a turn that ends.

A turn is a GSL speech (or the time yielded to another delegation in it), a moderated-caucus
slot, or a right of reply. Whatever ends one (the speaker finishes, the chair moves on, a caucus
starts, the session closes) asks here for its `Turn`, which the transition hands back so that
the record gets one Speech row per turn.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from .caucuses import end_slot, slot_spoken
from .choices import YieldKind
from .floor import FloorDoc
from .speeches import Speech, SpeechStage, end_speech, turn_began, turn_open, turn_time
from .transition import Turn, TurnKind


def is_reply(floor: FloorDoc, speech: Speech) -> bool:
    """The speech on the floor is a delegation's right of reply (§2.7)."""
    return (
        not speech.gsl
        and floor.reply_speech_by is not None
        and speech.speaker == floor.reply_speech_by
    )


def speech_turn(
    floor: FloorDoc,
    now: datetime,
    *,
    yielded_to: YieldKind | None = None,
    target: str | None = None,
) -> Turn | None:
    """The turn of whoever holds the floor in the speech under way, as if it ended now;
    None when nobody holds it (no speech, it has ended, or a yield waits for its answer).
    `yielded_to` and `target` are the yield the holder makes as the turn ends."""
    speech = floor.speech
    if speech is None or not turn_open(speech):
        return None
    if speech.gsl:
        kind = TurnKind.GSL if speech.delegate_yields == 0 else TurnKind.YIELDED
        if yielded_to is None and speech.stage in (SpeechStage.QUESTIONS, SpeechStage.COMMENTS):
            yielded_to = speech.yield_kind  # answered questions, or heard comments, to the end
    elif is_reply(floor, speech):
        kind = TurnKind.REPLY
    else:
        return None
    return Turn(
        delegation=speech.holder,
        kind=kind,
        started_at=turn_began(speech, now),
        ended_at=now,
        used=turn_time(speech, now),
        yielded_to=yielded_to,
        yielded_to_delegation=target,
    )


def slot_turn(floor: FloorDoc, now: datetime) -> Turn | None:
    """The turn of the caucus speaker whose slot would end now; None when nobody speaks."""
    if floor.caucus is None:
        return None
    spoken = slot_spoken(floor.caucus, now)
    if spoken is None:
        return None
    return Turn(
        delegation=spoken.delegation,
        kind=TurnKind.CAUCUS,
        started_at=spoken.started_at,
        ended_at=spoken.ended_at,
        used=spoken.used,
    )


def end_every_turn(floor: FloorDoc, now: datetime) -> tuple[FloorDoc, tuple[Turn, ...]]:
    """Cut short whatever is being said (a speech, a reply, a caucus slot): the floor with
    those turns ended, and their records."""
    turns: list[Turn] = []
    speech = floor.speech
    if speech is not None and speech.stage is not SpeechStage.ENDED:
        turn = speech_turn(floor, now)
        if turn is not None:
            turns.append(turn)
        floor = replace(floor, speech=end_speech(speech, now))
    turn = slot_turn(floor, now)
    if turn is not None and floor.caucus is not None:
        turns.append(turn)
        floor = replace(floor, caucus=end_slot(floor.caucus, now))
    return floor, tuple(turns)
