"""What the result of a procedural vote does to the floor (procedure.md §3.1 steps 7–8, §3.4,
§8.14, §8.17, §8.18).

`decide_motion` records the result. An appeal upholds or overturns the ruling, and an
overturned ruling is reversed; it drops no other motion. Any other motion that fails is just
failed. The first that passes is carried, every other pending motion (and every motion still
waiting for its mover to accept the caps) is superseded, and its effect is applied at once: the
speaking time, the speakers' list, suspending, adjourning (whatever is being said is cut short),
voting procedure, tabling or resuming debate, starting or extending a caucus (the caucus area's
`caucus_floor.start` and `caucus_floor.extend`); introducing a paper changes nothing on the
floor (the app introduces the document the motion names). An effect that cannot be applied
leaves the vote standing: the result keeps why (the engine's refusal, or that the app does not
apply it by itself), and the dais applies it by hand.

`phone_outcome` and `placard_outcome` decide a vote from the ballots cast or the placards
counted. `carry_without_vote` carries a motion that takes no vote (an introduction, §3.2 rows
7–9) in its turn, as a vote that passed would.

The ruling appealed may be the last ruling on a motion or a ruling on a point of order; an
overturned ruling on a point is reversed by `reverse_point_ruling`.

`resume_meeting` ends a suspension where the meeting stood.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from enum import Enum
from types import MappingProxyType
from typing import Any

from . import caucus_floor, voting_floor
from .choices import MotionCode
from .electorate import ElectorateSnapshot, VoteChoice
from .errors import ErrorCode, ProcedureError
from .facts.motions import MeetingResumed, MotionDecision, MotionRef, MotionVoteClosed
from .floor import (
    EFFECT_NOT_AUTOMATIC,
    FloorDoc,
    MotionRuling,
    MotionVoteResult,
    PendingPoint,
    PlacardVote,
    PointRuling,
)
from .motion_registry import Effect
from .motions import (
    Motion,
    MotionFloor,
    MotionStatus,
    next_to_vote,
    record_result,
    spec_for,
    start_vote,
)
from .parameters import Parameters
from .phases import Phase
from .points import Admission, PointOutcome
from .points_floor import speaker_has_floor
from .rulings import AppealResult, Ruling, decide_appeal
from .speakers import check_speaking_time, set_closed
from .thresholds import Outcome, Tally, Threshold, evaluate
from .transition import Transition, Turn
from .turns import end_every_turn
from .voting import ElectronicBallot, close_ballot


def decide_motion(
    floor: FloorDoc,
    params: Parameters,
    vote: PlacardVote,
    outcome: Outcome,
    now: datetime,
    *,
    electorate: ElectorateSnapshot,
    roll_order: Sequence[str],
) -> Transition:
    """Record the vote's outcome on the motion put to it, and carry it out if it passed.
    `electorate` is who could vote, frozen when the vote opened (an appeal's base);
    `roll_order` is every delegation in roll order, for a caucus the motion starts."""
    motion = floor.motions.get(vote.motion_id)
    tally = outcome.tally
    closed = MotionVoteClosed(
        motion.id,
        motion.code,
        tuple(int(key) for key in motion.movers),
        vote.by_phone,
        yes=tally.yes,
        no=tally.no,
        not_voting=tally.not_voting,
        passed=outcome.passed,
        verdict=outcome.verdict,
        required_yes=outcome.required_yes,
        base_size=outcome.base_size,
    )
    result = MotionVoteResult(motion.id, outcome, vote.by_phone, now)
    floor = replace(floor, vote=None, motion_result=result)
    if motion.code is MotionCode.APPEAL:
        return _decide_appeal(floor, params, motion, electorate, outcome, closed, now)
    pending = {m.id for m in floor.motions.pending}
    motions = record_result(floor.motions, motion.id, outcome.passed, now)
    floor = replace(floor, motions=motions)
    if not outcome.passed:
        return Transition(floor, closed)
    superseded = [
        MotionRef(m.id, m.code)
        for m in motions.motions
        if m.id in pending and m.status is MotionStatus.SUPERSEDED
    ]
    # Motions raised over the caps and still waiting for their mover are superseded too.
    superseded += [
        MotionRef(o.motion.id, o.motion.code) for o in floor.motion_offers if not o.friendly
    ]
    floor = replace(floor, motion_offers=())
    effect = spec_for(params, motion.code).effect
    facts = replace(closed, superseded=tuple(superseded), effect=effect)
    return _carry_out(floor, params, motion, effect, facts, now, roll_order)


def carry_without_vote(
    floor: FloorDoc, params: Parameters, motion_id: str, now: datetime
) -> tuple[FloorDoc, tuple[Turn, ...]] | None:
    """Carry a motion that takes no vote if its turn has come (no vote running, next in
    precedence): every other pending motion and every motion still waiting for its mover is
    superseded, and its effect applied (an effect the engine refuses refuses the carrying).
    None for a motion put to a vote, or not in its turn."""
    motion = floor.motions.get(motion_id)
    spec = spec_for(params, motion.code)
    upcoming = next_to_vote(params, floor.motions)
    in_turn = floor.vote is None and upcoming is not None and upcoming.id == motion_id
    if spec.threshold is not None or not in_turn:
        return None
    motions = record_result(start_vote(params, floor.motions, motion_id), motion_id, True, now)
    carried = replace(floor, motions=motions, motion_offers=())
    return _apply(carried, params, motion, spec.effect, now, roll_order=()) or (carried, ())


# ---- the outcome of a vote ----------------------------------------------------------------------


def phone_outcome(
    params: Parameters,
    electorate: ElectorateSnapshot,
    threshold: Threshold,
    ballots: Mapping[str, VoteChoice],
) -> Outcome:
    """A phone vote decided on the ballots cast by its electorate."""
    voters = frozenset(electorate.ids)
    counted = {key: choice for key, choice in ballots.items() if key in voters}
    ballot = ElectronicBallot(electorate, threshold, MappingProxyType(counted))
    # The chair closes the vote; the screens showed how many votes were missing (§8.36).
    return close_ballot(params, ballot, accept_missing=True).outcome


def placard_outcome(
    params: Parameters,
    electorate: ElectorateSnapshot,
    threshold: Threshold,
    yes: int | None,
    no: int | None,
) -> Outcome:
    """A placard vote decided on the placards counted."""
    if yes is None or no is None:
        raise ProcedureError(ErrorCode.PLACARD_COUNTS_NEEDED)
    size = electorate.size
    if yes < 0 or no < 0 or yes + no > size:
        raise ProcedureError(ErrorCode.PLACARD_COUNTS_TOO_HIGH, size=size, yes=yes, no=no)
    # Procedural votes allow no abstention: whoever held no placard up "did not vote" (§8.18).
    tally = Tally(yes=yes, no=no, not_voting=size - yes - no)
    return evaluate(
        threshold,
        tally,
        present=size,
        membership=electorate.membership,
        rounding=params.two_thirds_rounding,
    )


# ---- appeals ------------------------------------------------------------------------------------


def _decide_appeal(
    floor: FloorDoc,
    params: Parameters,
    appeal: Motion,
    electorate: ElectorateSnapshot,
    outcome: Outcome,
    facts: MotionVoteClosed,
    now: datetime,
) -> Transition:
    """An appeal passes when the ruling is overturned (§8.17): the last ruling on a motion, or
    a ruling on a point of order. An overturned ruling is reversed."""
    ruled = floor.motion_ruling
    if ruled is not None and ruled.ruling.id == appeal.target:
        decided = _decided(params, ruled.ruling, electorate, outcome)
        motions = _appeal_decided(floor.motions, appeal, decided, now)
        if decided.overturned:
            motions = reverse_ruling(motions, ruled, now)
        decided_floor = replace(
            floor, motions=motions, motion_ruling=replace(ruled, ruling=decided.ruling)
        )
        return Transition(decided_floor, replace(facts, ruling_overturned=decided.overturned))
    on_point = next((r for r in floor.point_rulings if r.ruling.id == appeal.target), None)
    if on_point is None:
        raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=appeal.target)
    decided = _decided(params, on_point.ruling, electorate, outcome)
    rulings = tuple(
        replace(r, ruling=decided.ruling) if r.ruling.id == appeal.target else r
        for r in floor.point_rulings
    )
    decided_floor = replace(
        floor,
        motions=_appeal_decided(floor.motions, appeal, decided, now),
        point_rulings=rulings,
    )
    heard_again = None
    if decided.overturned:
        heard_again = reverse_point_ruling(decided_floor, on_point, now)
    closed = replace(
        facts,
        ruling_overturned=decided.overturned,
        point_by=int(on_point.point.delegation),
        point_heard_again=heard_again is not None,
    )
    return Transition(heard_again or decided_floor, closed)


def _decided(
    params: Parameters, ruling: Ruling, electorate: ElectorateSnapshot, outcome: Outcome
) -> AppealResult:
    """The ruling upheld or overturned by the vote, on the base frozen when it opened."""
    return decide_appeal(
        params, ruling, outcome.tally, present=electorate.size, membership=electorate.membership
    )


def _appeal_decided(
    motions: MotionFloor, appeal: Motion, decided: AppealResult, now: datetime
) -> MotionFloor:
    status = MotionStatus.CARRIED if decided.overturned else MotionStatus.FAILED
    return _put(motions, replace(appeal, status=status, decided_at=now))


def reverse_point_ruling(floor: FloorDoc, ruled: PointRuling, now: datetime) -> FloorDoc | None:
    """An overturned ruling on a point of order is reversed. A point ruled out of order is in
    order after all: it waits again for the chair to rule on it (under a new number, after the
    speaker if someone has the floor), when its raiser is still in the room with no other point
    pending. A point ruled well or not well taken changes nothing on the floor: the reversed
    ruling stands and the chair acts on it. None when the floor does not change."""
    if ruled.ruling.decision != PointOutcome.OUT_OF_ORDER:
        return None
    raiser = ruled.point.delegation
    if raiser not in floor.present_ids() or any(p.point.delegation == raiser for p in floor.points):
        return None
    point = replace(ruled.point, seq=floor.next_point_number)
    admission = Admission.QUEUED if speaker_has_floor(floor) else Admission.NOW
    pending = PendingPoint(point, now, admission=admission)
    return replace(floor, points=(*floor.points, pending), next_point_number=point.seq + 1)


def reverse_ruling(motions: MotionFloor, ruled: MotionRuling, now: datetime) -> MotionFloor:
    """An overturned ruling is reversed: a motion ruled out of order (or dilatory) is pending
    again; one ruled in order is out of order. A motion that has moved on stays as it is."""
    motion = motions.get(ruled.motion_id)
    if ruled.ruling.decision == MotionDecision.IN_ORDER:
        if motion.status is not MotionStatus.PENDING:
            return motions
        return _put(motions, replace(motion, status=MotionStatus.OUT_OF_ORDER, decided_at=now))
    if motion.status in (MotionStatus.OUT_OF_ORDER, MotionStatus.DILATORY):
        return _put(motions, replace(motion, status=MotionStatus.PENDING, decided_at=None))
    return motions


def _put(motions: MotionFloor, motion: Motion) -> MotionFloor:
    return MotionFloor(tuple(motion if m.id == motion.id else m for m in motions.motions))


# ---- carrying out the motion that passed --------------------------------------------------------


def _carry_out(
    floor: FloorDoc,
    params: Parameters,
    motion: Motion,
    effect: Effect,
    facts: MotionVoteClosed,
    now: datetime,
    roll_order: Sequence[str],
) -> Transition:
    """The vote's facts stand whatever the effect does; a refused effect only adds why."""
    try:
        applied = _apply(floor, params, motion, effect, now, roll_order)
    except ProcedureError as refusal:
        return _with_effect_error(floor, facts, effect_error(refusal))
    if applied is None:
        return _with_effect_error(floor, facts, {"code": EFFECT_NOT_AUTOMATIC})
    carried, turns = applied
    return Transition(carried, facts, turns)


def _apply(
    floor: FloorDoc,
    params: Parameters,
    motion: Motion,
    effect: Effect,
    now: datetime,
    roll_order: Sequence[str],
) -> tuple[FloorDoc, tuple[Turn, ...]] | None:
    """The floor with the effect applied, and the turns it cut short; None for an effect the
    app does not apply by itself."""
    match effect:
        case Effect.START_MODERATED | Effect.START_UNMODERATED:
            started = caucus_floor.start(floor, params, motion, now, roll_order=roll_order)
            return started.floor, started.ended_turns
        case Effect.EXTEND_CAUCUS:
            extended = caucus_floor.extend(floor, params, motion, now)
            return extended.floor, extended.ended_turns
        case Effect.SET_SPEAKING_TIME:
            seconds = check_speaking_time(params, motion.speaker_seconds or 0)
            return replace(floor, speaking_time=seconds), ()
        case Effect.CLOSE_SPEAKERS_LIST:
            return replace(floor, gsl=set_closed(params, floor.gsl, True)), ()
        case Effect.REOPEN_SPEAKERS_LIST:
            return replace(floor, gsl=set_closed(params, floor.gsl, False)), ()
        case Effect.SUSPEND:
            return replace(floor, phase=Phase.SUSPENDED, phase_before_suspension=floor.phase), ()
        case Effect.END_SESSION:
            return _adjourn(floor, now)
        case Effect.ENTER_VOTING:
            return replace(floor, phase=Phase.VOTING_PROCEDURE), ()
        case Effect.TABLE_TOPIC:
            return replace(floor, phase=Phase.AGENDA, topic_tabled=True), ()
        case Effect.RESUME_TOPIC:
            return replace(floor, phase=Phase.GSL, topic_tabled=False), ()
        case Effect.OPEN_GSL:
            return replace(floor, phase=Phase.GSL), ()
        case Effect.INTRODUCE_DOCUMENT:
            return floor, ()  # carried; the app introduces the paper the motion names
        case (
            Effect.REORDER
            | Effect.DIVIDE
            | Effect.ROLL_CALL
            | Effect.CONSENSUS
            | Effect.DIVIDE_HOUSE
            | Effect.IMPORTANT_QUESTION
        ):
            return voting_floor.apply_motion(floor, params, motion), ()
    return None


def _adjourn(floor: FloorDoc, now: datetime) -> tuple[FloorDoc, tuple[Turn, ...]]:
    """The session ends as closing it from the dais does, keeping the motions' record;
    whatever is being said is cut short."""
    ended, turns = end_every_turn(floor, now)
    adjourned = FloorDoc(
        phase=Phase.ADJOURNED,
        session_number=ended.session_number,
        attendance=ended.attendance,
        speaking_time=ended.speaking_time,
        motions=ended.motions,
        next_motion_number=ended.next_motion_number,
        motion_result=ended.motion_result,
    )
    return adjourned, turns


# ---- an effect refused --------------------------------------------------------------------------


def _plain(value: object) -> object:
    """A refusal's fact as the stored floor keeps it (JSON)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(item) for item in value]
    return value


def effect_error(refusal: ProcedureError) -> dict[str, Any]:
    """Why an effect was refused, as data each screen words in its own language: the engine's
    code and facts (delegations by id)."""
    return {"code": refusal.code, "facts": {key: _plain(v) for key, v in refusal.facts.items()}}


def _with_effect_error(
    floor: FloorDoc, facts: MotionVoteClosed, reason: dict[str, Any]
) -> Transition:
    result = floor.motion_result
    assert result is not None
    kept = replace(floor, motion_result=replace(result, effect_error=reason))
    return Transition(kept, replace(facts, effect_error=reason))


# ---- after a suspension -------------------------------------------------------------------------


def resume_meeting(floor: FloorDoc) -> Transition:
    """The chair resumes a suspended meeting where it stood."""
    if floor.phase is not Phase.SUSPENDED:
        raise ProcedureError(ErrorCode.MEETING_NOT_SUSPENDED)
    phase = floor.phase_before_suspension or Phase.GSL
    resumed = replace(floor, phase=phase, phase_before_suspension=None, suspended_until=None)
    return Transition(resumed, MeetingResumed(phase))
