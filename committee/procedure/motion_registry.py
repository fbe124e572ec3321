"""The data-driven motion table (procedure.md §3.2, §9 "Motion registry").

``motion_registry(params)`` loads the table for a profile: thresholds, speakers, seconds,
precedence and availability come from the parameters; the rest is fixed data below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from .choices import MotionCode, RulingSubject
from .parameters import SIMPLE_PRESENT, Parameters, SpeakerSplit
from .phases import Phase
from .thresholds import Threshold, ThresholdBase, ThresholdKind


class Effect(StrEnum):
    """What carrying the motion does; the service layer acts on it."""

    OVERTURN_RULING = "overturn_ruling"
    END_SESSION = "end_session"
    SUSPEND = "suspend"
    TABLE_TOPIC = "table_topic"
    ENTER_VOTING = "enter_voting"
    RESUME_TOPIC = "resume_topic"
    RECONSIDER = "reconsider"
    INTRODUCE_DOCUMENT = "introduce_document"
    EXTEND_CAUCUS = "extend_caucus"
    START_UNMODERATED = "start_unmoderated"
    START_MODERATED = "start_moderated"
    START_ROUND_ROBIN = "start_round_robin"
    START_QA = "start_qa"
    EXTEND_DEBATE = "extend_debate"
    TABLE_CLAUSE = "table_clause"
    SET_SPEAKING_TIME = "set_speaking_time"
    CLOSE_SPEAKERS_LIST = "close_speakers_list"
    REOPEN_SPEAKERS_LIST = "reopen_speakers_list"
    OPEN_GSL = "open_gsl"
    SET_AGENDA = "set_agenda"
    REORDER = "reorder"
    DIVIDE = "divide"
    ROLL_CALL = "roll_call"
    CONSENSUS = "consensus"
    IMPORTANT_QUESTION = "important_question"
    DIVIDE_HOUSE = "divide_house"


class MotionArg(StrEnum):
    """Fields of ``Motion`` a code requires (its parameter schema)."""

    TOTAL_SECONDS = "total_seconds"
    SPEAKER_SECONDS = "speaker_seconds"
    TOPIC = "topic"
    TARGET = "target"
    PARTS = "parts"
    ORDER = "order"


@dataclass(frozen=True, slots=True)
class MotionSpec:
    code: MotionCode
    phases: frozenset[Phase]
    needs_second: bool
    speakers: SpeakerSplit
    threshold: Threshold | None  # None: no vote (introductions)
    precedence: int  # 0 is voted first
    params_schema: tuple[MotionArg, ...]
    appealable: bool  # may the chair's ruling on it be appealed
    ruling_subject: RulingSubject
    effect: Effect
    enabled: bool
    is_caucus: bool = False
    speech_seconds: int = 0  # each speaker for or against: the agenda's or a motion's limit


_DEBATE = frozenset({Phase.GSL})
_START = frozenset({Phase.AGENDA, Phase.GSL})
_VOTING = frozenset({Phase.VOTING_PROCEDURE})
_ANY = frozenset(Phase)
_NONE = SpeakerSplit(0, 0)
_A = MotionArg


@dataclass(frozen=True, slots=True)
class _Row:
    phases: frozenset[Phase]
    second: bool
    args: tuple[MotionArg, ...]
    effect: Effect
    subject: RulingSubject = RulingSubject.OUT_OF_ORDER
    caucus: bool = False


_ROWS: Mapping[MotionCode, _Row] = {
    MotionCode.APPEAL: _Row(_ANY, True, (_A.TARGET,), Effect.OVERTURN_RULING),
    MotionCode.ADJOURN_MEETING: _Row(_START, True, (), Effect.END_SESSION),
    MotionCode.SUSPEND_MEETING: _Row(_START, True, (), Effect.SUSPEND),
    MotionCode.TABLE_DEBATE: _Row(_DEBATE, True, (), Effect.TABLE_TOPIC),
    MotionCode.CLOSE_DEBATE: _Row(_DEBATE, True, (), Effect.ENTER_VOTING),
    MotionCode.PREVIOUS_QUESTION: _Row(_DEBATE, True, (), Effect.ENTER_VOTING),
    MotionCode.RESUME_DEBATE: _Row(_START, True, (), Effect.RESUME_TOPIC),
    MotionCode.RECONSIDER: _Row(_DEBATE, True, (_A.TARGET,), Effect.RECONSIDER),
    MotionCode.INTRODUCE_DR: _Row(
        _DEBATE,
        False,
        (_A.TARGET,),
        Effect.INTRODUCE_DOCUMENT,
    ),
    MotionCode.INTRODUCE_AMENDMENT: _Row(
        _DEBATE,
        False,
        (_A.TARGET,),
        Effect.INTRODUCE_DOCUMENT,
    ),
    MotionCode.INTRODUCE_WP: _Row(
        _DEBATE,
        False,
        (_A.TARGET,),
        Effect.INTRODUCE_DOCUMENT,
    ),
    MotionCode.EXTEND_CAUCUS: _Row(
        _DEBATE,
        True,
        (_A.TOTAL_SECONDS,),
        Effect.EXTEND_CAUCUS,
        RulingSubject.CAUCUS_LENGTH,
    ),
    MotionCode.UNMODERATED_CAUCUS: _Row(
        _DEBATE,
        True,
        (_A.TOTAL_SECONDS, _A.TOPIC),
        Effect.START_UNMODERATED,
        RulingSubject.CAUCUS_LENGTH,
        caucus=True,
    ),
    MotionCode.MODERATED_CAUCUS: _Row(
        _DEBATE,
        True,
        (_A.TOTAL_SECONDS, _A.SPEAKER_SECONDS, _A.TOPIC),
        Effect.START_MODERATED,
        RulingSubject.CAUCUS_LENGTH,
        caucus=True,
    ),
    MotionCode.ROUND_ROBIN: _Row(
        _DEBATE,
        True,
        (_A.SPEAKER_SECONDS,),
        Effect.START_ROUND_ROBIN,
        RulingSubject.CAUCUS_LENGTH,
        caucus=True,
    ),
    MotionCode.QA_SESSION: _Row(
        _DEBATE,
        True,
        (_A.TARGET, _A.TOTAL_SECONDS),
        Effect.START_QA,
    ),
    MotionCode.EXTEND_DEBATE_TIME: _Row(
        _DEBATE,
        True,
        (_A.TOTAL_SECONDS,),
        Effect.EXTEND_DEBATE,
    ),
    MotionCode.TABLE_CLAUSE: _Row(_DEBATE, True, (_A.TARGET,), Effect.TABLE_CLAUSE),
    MotionCode.SET_SPEAKING_TIME: _Row(
        _START,
        True,
        (_A.SPEAKER_SECONDS,),
        Effect.SET_SPEAKING_TIME,
    ),
    MotionCode.CLOSE_SPEAKERS_LIST: _Row(_DEBATE, True, (), Effect.CLOSE_SPEAKERS_LIST),
    MotionCode.REOPEN_SPEAKERS_LIST: _Row(_DEBATE, True, (), Effect.REOPEN_SPEAKERS_LIST),
    MotionCode.OPEN_GSL: _Row(
        frozenset({Phase.AGENDA}),
        True,
        (),
        Effect.OPEN_GSL,
    ),
    MotionCode.SET_AGENDA: _Row(
        frozenset({Phase.AGENDA}),
        True,
        (_A.TARGET,),
        Effect.SET_AGENDA,
    ),
    MotionCode.REORDER_DRS: _Row(_VOTING, True, (_A.ORDER,), Effect.REORDER),
    MotionCode.DIVIDE_QUESTION: _Row(_VOTING, True, (_A.TARGET, _A.PARTS), Effect.DIVIDE),
    MotionCode.ROLL_CALL_VOTE: _Row(_VOTING, True, (_A.TARGET,), Effect.ROLL_CALL),
    MotionCode.ADOPT_BY_CONSENSUS: _Row(_VOTING, False, (_A.TARGET,), Effect.CONSENSUS),
    MotionCode.IMPORTANT_QUESTION: _Row(
        _VOTING,
        True,
        (_A.TARGET,),
        Effect.IMPORTANT_QUESTION,
    ),
    MotionCode.DIVIDE_HOUSE: _Row(_VOTING, True, (_A.TARGET,), Effect.DIVIDE_HOUSE),
}

_THIMUN_ONLY = frozenset(
    {
        MotionCode.PREVIOUS_QUESTION,
        MotionCode.EXTEND_DEBATE_TIME,
        MotionCode.TABLE_CLAUSE,
        MotionCode.DIVIDE_HOUSE,
    }
)
_NO_VOTE = frozenset(
    {MotionCode.INTRODUCE_AMENDMENT, MotionCode.INTRODUCE_WP, MotionCode.ADOPT_BY_CONSENSUS}
)
_CONSENSUS = Threshold(ThresholdKind.CONSENSUS, ThresholdBase.PRESENT)


def _enabled(params: Parameters, code: MotionCode) -> bool:
    flags: Mapping[MotionCode, bool] = {
        MotionCode.APPEAL: params.appeal_enabled,
        MotionCode.RECONSIDER: params.reconsider_enabled,
        MotionCode.ROUND_ROBIN: params.round_robin_enabled,
        MotionCode.CLOSE_SPEAKERS_LIST: params.allow_close_speakers_list,
        MotionCode.REOPEN_SPEAKERS_LIST: params.allow_close_speakers_list,
        MotionCode.REORDER_DRS: params.reorder_enabled,
        MotionCode.DIVIDE_QUESTION: params.division_enabled,
        MotionCode.ADOPT_BY_CONSENSUS: params.consensus_enabled,
        MotionCode.IMPORTANT_QUESTION: params.important_question_enabled,
        MotionCode.SET_AGENDA: params.topics > 1,
    }
    if code in _THIMUN_ONLY:
        return params.thimun_motions_enabled
    return flags.get(code, True)


def _speakers(params: Parameters, code: MotionCode) -> SpeakerSplit:
    table: Mapping[MotionCode, SpeakerSplit] = {
        MotionCode.TABLE_DEBATE: params.table_speakers,
        MotionCode.RESUME_DEBATE: params.table_speakers,
        MotionCode.CLOSE_DEBATE: params.closure_speakers,
        MotionCode.RECONSIDER: SpeakerSplit(0, 2),
        MotionCode.APPEAL: SpeakerSplit(1, 1),
        MotionCode.DIVIDE_QUESTION: SpeakerSplit(2, 2),
        MotionCode.IMPORTANT_QUESTION: SpeakerSplit(2, 2),
        MotionCode.SET_AGENDA: SpeakerSplit(
            params.agenda_speakers_per_side, params.agenda_speakers_per_side
        ),
    }
    return table.get(code, _NONE)


def _on_request(params: Parameters, code: MotionCode) -> bool:
    """A roll-call vote any member may request, with no vote on the request (GA practice,
    `roll_call_on_request`: §3.2 V3, §6.3): the chair rules it in order and it is carried."""
    return code is MotionCode.ROLL_CALL_VOTE and params.roll_call_on_request


def _threshold(params: Parameters, code: MotionCode) -> Threshold | None:
    if code in _NO_VOTE:
        return _CONSENSUS if code is MotionCode.ADOPT_BY_CONSENSUS else None
    if _on_request(params, code):
        return None
    table: Mapping[MotionCode, Threshold | None] = {
        MotionCode.APPEAL: params.appeal_threshold,
        MotionCode.TABLE_DEBATE: params.table_threshold,
        MotionCode.RESUME_DEBATE: params.table_threshold,
        MotionCode.CLOSE_DEBATE: params.closure_threshold,
        MotionCode.PREVIOUS_QUESTION: params.closure_threshold,
        MotionCode.RECONSIDER: params.reconsider_threshold,
        MotionCode.INTRODUCE_DR: params.dr_introduction_vote,
        MotionCode.TABLE_CLAUSE: Threshold(ThresholdKind.TWO_THIRDS, ThresholdBase.PRESENT),
    }
    return table.get(code, SIMPLE_PRESENT)


@lru_cache(maxsize=64)
def motion_registry(params: Parameters) -> Mapping[MotionCode, MotionSpec]:
    """The motion table for a resolved set of parameters (cached: parameters are immutable)."""
    rank = {code: index for index, code in enumerate(params.motion_precedence)}
    table: dict[MotionCode, MotionSpec] = {}
    for code, row in _ROWS.items():
        subject = row.subject
        table[code] = MotionSpec(
            code=code,
            phases=row.phases,
            needs_second=row.second
            and params.motions_require_second
            and not _on_request(params, code),
            speakers=_speakers(params, code),
            threshold=_threshold(params, code),
            precedence=rank[code],
            params_schema=row.args,
            appealable=params.appeal_enabled and subject not in params.non_appealable_rulings,
            ruling_subject=subject,
            effect=row.effect,
            enabled=_enabled(params, code),
            is_caucus=row.caucus,
            speech_seconds=(
                params.agenda_speech_seconds
                if code is MotionCode.SET_AGENDA
                else params.motion_speaker_seconds
            ),
        )
    return MappingProxyType(table)
