"""Right of reply (procedure.md §2.7).

Only for an attack on national or personal integrity (or personal only, per profile), asked
right after the speech, never interrupting. The chair's decision is a ruling that is not
appealable by default. There is no reply to a reply unless the profile allows it. A reply
made during a caucus is no part of the caucus's time: the caucus's clocks stop while it lasts
(``caucuses.hold_for_speech`` and ``caucuses.release_after_speech``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .choices import RorGround, RorScope, RulingSubject
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .rulings import Ruling, make_ruling


class ReplyTiming(StrEnum):
    CHAIR_SETS = "chair_sets"  # immediately or after the current speakers
    END_OF_DAY = "end_of_day"  # un_ga practice


_SCOPES = {
    RorScope.NATIONAL_OR_PERSONAL: frozenset(
        {RorGround.NATIONAL_INTEGRITY, RorGround.PERSONAL_INTEGRITY}
    ),
    RorScope.END_OF_DAY: frozenset({RorGround.NATIONAL_INTEGRITY, RorGround.PERSONAL_INTEGRITY}),
    RorScope.PERSONAL_ONLY: frozenset({RorGround.PERSONAL_INTEGRITY}),
}


@dataclass(frozen=True, slots=True)
class ReplyRequest:
    requester: str
    against_speech_by: str
    ground: RorGround
    seconds: int
    timing: ReplyTiming


def request_reply(
    params: Parameters,
    requester: str,
    against_speech_by: str,
    ground: RorGround,
    *,
    offending_speech_was_a_reply: bool = False,
) -> ReplyRequest:
    """Check that a right of reply may be asked for; the chair then grants or refuses it."""
    if not params.ror_enabled:
        raise ProcedureError(ErrorCode.RIGHT_OF_REPLY_DISABLED)
    if offending_speech_was_a_reply and not params.ror_reply_to_reply:
        raise ProcedureError(ErrorCode.REPLY_TO_REPLY)
    if ground not in _SCOPES[params.ror_scope]:
        raise ProcedureError(
            ErrorCode.RIGHT_OF_REPLY_OUT_OF_SCOPE, scope=params.ror_scope.value, ground=ground.value
        )
    if requester == against_speech_by:
        raise ProcedureError(ErrorCode.YIELD_TO_SELF)
    timing = (
        ReplyTiming.END_OF_DAY
        if params.ror_scope is RorScope.END_OF_DAY
        else ReplyTiming.CHAIR_SETS
    )
    return ReplyRequest(requester, against_speech_by, ground, params.ror_seconds, timing)


def decide_reply(granted: bool, ruling_id: str, now: datetime) -> Ruling:
    """The chair's decision, logged as a ruling (non-appealable unless the profile says so)."""
    return make_ruling(
        RulingSubject.RIGHT_OF_REPLY, "granted" if granted else "refused", ruling_id, now
    )
