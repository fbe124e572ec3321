"""The committee's phase (procedure.md §9): what the floor is doing right now."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    NOT_STARTED = "not_started"
    ROLL_CALL = "roll_call"
    AGENDA = "agenda"
    GSL = "gsl"  # formal debate on the topic
    MOD_CAUCUS = "mod_caucus"
    UNMOD_CAUCUS = "unmod_caucus"
    ROUND_ROBIN = "round_robin"
    DOC_INTRO = "doc_intro"
    QA = "qa"
    RIGHT_OF_REPLY = "right_of_reply"
    VOTING_PROCEDURE = "voting_procedure"
    SUSPENDED = "suspended"
    ADJOURNED = "adjourned"


class FloorState(StrEnum):
    FLOOR_OPEN = "floor_open"
    SPEAKER_HAS_FLOOR = "speaker_has_floor"
    YIELD_PHASE = "yield_phase"
    MOTION_SPEECHES = "motion_speeches"
    PROCEDURAL_VOTE = "procedural_vote"


DEBATE_PHASES: frozenset[Phase] = frozenset(
    {
        Phase.GSL,
        Phase.MOD_CAUCUS,
        Phase.UNMOD_CAUCUS,
        Phase.ROUND_ROBIN,
        Phase.DOC_INTRO,
        Phase.QA,
        Phase.RIGHT_OF_REPLY,
    }
)
