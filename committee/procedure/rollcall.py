"""The roll-call vote protocol (procedure.md §6.4, §8.29–8.32, §8.37).

Round 1: each delegation in the snapshot, in order, answers Yes / No / Abstain (Present
members on substance only) / Pass / Yes or No with rights. Round 2: passers again, Yes or No
only; one who still will not answer is handled by ``second_pass_policy``. Votes may change until
the result is announced, then they are frozen. At the end every member of the snapshot has
either voted or is recorded as not voting.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .choices import RollCallStart, SecondPassPolicy
from .electorate import ElectorateSnapshot, VoteChoice, check_choice
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .thresholds import Threshold
from .voting import VoteResult, decide_votes


@dataclass(frozen=True, slots=True)
class CallOrder:
    order: tuple[str, ...]
    seed: int | None  # stored in the log so the draw can be checked (§8.37)
    first: str | None


def call_order(
    params: Parameters, alphabetical: Sequence[str], seed: int | None = None
) -> CallOrder:
    """Alphabetical from the first name, or from a name drawn by lot with ``seed``."""
    names = tuple(alphabetical)
    if not names:
        return CallOrder((), seed, None)
    if params.roll_call_start is RollCallStart.ALPHABETICAL_FIRST or seed is None:
        return CallOrder(names, None, names[0])
    start = random.Random(seed).randrange(len(names))  # deterministic for a given seed
    return CallOrder(names[start:] + names[:start], seed, names[start])


@dataclass(frozen=True, slots=True)
class RollCall:
    snapshot: ElectorateSnapshot
    threshold: Threshold
    order: tuple[str, ...]
    round: int = 1
    answers: Mapping[str, VoteChoice] = field(default_factory=lambda: MappingProxyType({}))
    passers: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()  # passed twice: recorded per second_pass_policy
    violations: tuple[str, ...] = ()  # passed twice and recorded as not voting
    announced: bool = False

    @property
    def awaiting(self) -> tuple[str, ...]:
        """Still to answer in the current round, in call order."""
        if self.round == 1:
            return tuple(d for d in self.order if d not in self.answers)
        done = set(self.refused) | {d for d in self.passers if self._final(d)}
        return tuple(d for d in self.passers if d not in done)

    def _final(self, delegation: str) -> bool:
        choice = self.answers.get(delegation)
        return choice is not None and choice is not VoteChoice.PASS


def start_roll_call(
    params: Parameters,
    snapshot: ElectorateSnapshot,
    threshold: Threshold,
    alphabetical: Sequence[str],
    seed: int | None = None,
) -> tuple[RollCall, CallOrder]:
    """Only delegations in the snapshot are called."""
    eligible = set(snapshot.ids)
    called = call_order(params, [d for d in alphabetical if d in eligible], seed)
    missing = [d for d in snapshot.ids if d not in called.order]
    order = called.order + tuple(missing)  # anyone not in the alphabetical list goes last
    return RollCall(snapshot, threshold, order), replace(called, order=order)


def _require_open(call: RollCall) -> None:
    if call.announced:
        raise ProcedureError(ErrorCode.RESULT_ALREADY_ANNOUNCED)


def answer(params: Parameters, call: RollCall, delegation: str, choice: VoteChoice) -> RollCall:
    """The delegation called next answers; a refused answer leaves the call unchanged (§8.29)."""
    _require_open(call)
    call.snapshot.voter(delegation)  # not in the snapshot: refused
    awaiting = call.awaiting
    if not awaiting or awaiting[0] != delegation:
        if delegation in call.answers and call._final(delegation):
            raise ProcedureError(ErrorCode.ALREADY_VOTED, delegation=delegation)
        raise ProcedureError(
            ErrorCode.NOT_YOUR_TURN,
            delegation=delegation,
            expected=awaiting[0] if awaiting else None,
        )
    if call.round == 1:
        check_choice(params, call.snapshot, delegation, choice, allow_pass=True)
        passers = (*call.passers, delegation) if choice is VoteChoice.PASS else call.passers
        return replace(
            call, answers=MappingProxyType({**call.answers, delegation: choice}), passers=passers
        )
    # Round 2: Yes or No only; rights only if passers_may_request_rights (§8.32).
    if choice in (VoteChoice.ABSTAIN, VoteChoice.PASS):
        code = (
            ErrorCode.PASS_NOT_ALLOWED
            if choice is VoteChoice.PASS
            else ErrorCode.ABSTENTION_NOT_ALLOWED
        )
        raise ProcedureError(code, delegation=delegation)
    check_choice(
        params, call.snapshot, delegation, choice, allow_rights=params.passers_may_request_rights
    )
    return replace(call, answers=MappingProxyType({**call.answers, delegation: choice}))


def start_round_two(call: RollCall) -> RollCall:
    _require_open(call)
    if call.round != 1 or call.awaiting:
        raise ProcedureError(ErrorCode.ROUND_NOT_FINISHED, missing=list(call.awaiting))
    return replace(call, round=2)


def refuse_in_round_two(params: Parameters, call: RollCall, delegation: str) -> RollCall:
    """A passer will not answer Yes or No (§8.30): not voting (a violation), or an abstention
    if the policy allows it and the delegation may abstain. A second Pass is never a vote."""
    _require_open(call)
    if call.round != 2 or delegation not in call.awaiting:
        raise ProcedureError(
            ErrorCode.NOT_YOUR_TURN,
            delegation=delegation,
            expected=call.awaiting[0] if call.awaiting else None,
        )
    voter = call.snapshot.voter(delegation)
    if params.second_pass_policy is SecondPassPolicy.ABSTAIN and voter.may_abstain:
        answers = MappingProxyType({**call.answers, delegation: VoteChoice.ABSTAIN})
        return replace(call, answers=answers, refused=(*call.refused, delegation))
    answers = MappingProxyType({d: c for d, c in call.answers.items() if d != delegation})
    return replace(
        call,
        answers=answers,
        refused=(*call.refused, delegation),
        violations=(*call.violations, delegation),
    )


def change_vote(
    params: Parameters, call: RollCall, delegation: str, choice: VoteChoice
) -> RollCall:
    """Allowed until the result is announced (§8.31)."""
    _require_open(call)
    if not params.allow_vote_change_before_result:
        raise ProcedureError(ErrorCode.VOTE_CHANGE_NOT_ALLOWED, delegation=delegation)
    if not call._final(delegation):
        raise ProcedureError(ErrorCode.NOT_YOUR_TURN, delegation=delegation, expected=delegation)
    passed_before = delegation in call.passers
    check_choice(
        params,
        call.snapshot,
        delegation,
        choice,
        allow_rights=params.passers_may_request_rights or not passed_before,
    )
    if choice is VoteChoice.PASS or (passed_before and choice is VoteChoice.ABSTAIN):
        code = (
            ErrorCode.PASS_NOT_ALLOWED
            if choice is VoteChoice.PASS
            else ErrorCode.ABSTENTION_NOT_ALLOWED
        )
        raise ProcedureError(code, delegation=delegation)
    return replace(call, answers=MappingProxyType({**call.answers, delegation: choice}))


def announce(params: Parameters, call: RollCall) -> tuple[RollCall, VoteResult]:
    """Close the roll call: every round finished; the result is announced and votes freeze."""
    _require_open(call)
    if call.awaiting or (call.round == 1 and call.passers):
        missing = list(call.awaiting) or list(call.passers)
        raise ProcedureError(ErrorCode.ROUND_NOT_FINISHED, missing=missing)
    votes = {d: c for d, c in call.answers.items() if c is not VoteChoice.PASS}
    result = decide_votes(params, call.snapshot, votes, call.threshold)
    return replace(call, announced=True), result
