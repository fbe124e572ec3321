"""Chair rulings and appeals (procedure.md §3.4, §8.17).

The chair is sovereign; the only check is an appeal, when the profile allows it. An appeal is
voted at once on the question "shall the ruling be overturned?": the ruling stands unless the
overturn reaches ``appeal_threshold``. Until then the ruling is frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .choices import RulingSubject
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .thresholds import Outcome, Tally, evaluate
from .timers import require_aware


class RulingState(StrEnum):
    IN_FORCE = "in_force"
    UNDER_APPEAL = "under_appeal"  # frozen until the appeal vote
    UPHELD = "upheld"
    OVERTURNED = "overturned"


@dataclass(frozen=True, slots=True)
class Ruling:
    id: str
    subject: RulingSubject
    decision: str  # what the chair decided, e.g. "dilatory", "out_of_order", "granted"
    made_at: datetime
    state: RulingState = RulingState.IN_FORCE


def is_appealable(params: Parameters, ruling: Ruling) -> bool:
    return params.appeal_enabled and ruling.subject not in params.non_appealable_rulings


def make_ruling(subject: RulingSubject, decision: str, ruling_id: str, now: datetime) -> Ruling:
    require_aware(now)
    return Ruling(id=ruling_id, subject=subject, decision=decision, made_at=now)


def open_appeal(params: Parameters, ruling: Ruling) -> Ruling:
    if not params.appeal_enabled:
        raise ProcedureError(ErrorCode.APPEAL_DISABLED)
    if not is_appealable(params, ruling):
        raise ProcedureError(ErrorCode.NOT_APPEALABLE, subject=ruling.subject.value)
    if ruling.state is not RulingState.IN_FORCE:
        raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=ruling.id)
    return replace(ruling, state=RulingState.UNDER_APPEAL)


@dataclass(frozen=True, slots=True)
class AppealResult:
    ruling: Ruling
    outcome: Outcome

    @property
    def overturned(self) -> bool:
        return self.ruling.state is RulingState.OVERTURNED


def decide_appeal(
    params: Parameters, ruling: Ruling, tally: Tally, *, present: int, membership: int
) -> AppealResult:
    """``tally.yes`` are votes to overturn. A tie leaves the ruling standing."""
    if ruling.state is not RulingState.UNDER_APPEAL:
        raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=ruling.id)
    outcome = evaluate(
        params.appeal_threshold,
        tally,
        present=present,
        membership=membership,
        rounding=params.two_thirds_rounding,
    )
    state = RulingState.OVERTURNED if outcome.passed else RulingState.UPHELD
    return AppealResult(replace(ruling, state=state), outcome)
