"""Motions on the floor and their procedural votes, as transitions (procedure.md §3, §8.10–8.18).

Each command takes the floor and its arguments and returns a `Transition`: the next floor and
the typed facts the log records. A refusal is a `ProcedureError`. The life of a motion:

- `raise_motion`: the motion is screened. Over the caps it waits, as an offer of the capped
  values, for its mover's answer (`answer_offer`); otherwise it joins the floor, merged with
  an identical motion if there is one.
- `suggest_change` (the chair's friendly change), `record_second`, `withdraw_motion` and
  `rule_on_motion` (in order, out of order, dilatory); a ruling is appealed by a motion too
  (`appeals_floor.appeal_ruling`).
- `open_vote` puts the next motion in precedence to a vote, by placard or by phone, with who
  may vote frozen: the app keeps it with the question (the floor keeps only its size) and
  hands it back. `cast_ballot` and `enter_ballot` check a phone's vote: the ballots are the
  app's rows, so the engine is given those cast so far and the floor does not change.
  `close_vote` decides from the placards counted or the ballots cast; `motion_effects` says
  what the result does; one that takes no vote (an introduction) is carried when ruled in
  order in its turn. Papers a motion may name come from the app (`MotionDocuments`).

Queries for the screens and the services: `floor_is_open`, `motion_context`,
`available_motions`, `offer_for`, `ruling_appealable`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType

from .attendance import Attendee, can_vote_procedural
from .choices import MotionCode, RulingSubject
from .electorate import ElectorateSnapshot, VoteChoice, snapshot_electorate
from .errors import ErrorCode, ProcedureError
from .facts.motions import (
    BallotCast,
    MotionChange,
    MotionDecision,
    MotionRaised,
    MotionRuled,
    MotionSeconded,
    MotionValues,
    MotionVoteOpened,
    MotionWithdrawn,
)
from .floor import FloorDoc, MotionOffer, MotionRuling, PlacardVote
from .motion_effects import carry_without_vote, decide_motion, phone_outcome, placard_outcome
from .motions import (
    NO_DOCUMENTS,
    Motion,
    MotionContext,
    MotionDocuments,
    MotionFloor,
    MotionStatus,
    Screening,
    propose,
    raisable_codes,
    recent_failure,
    rule_out,
    screen_motion,
    second_motion,
    spec_for,
    start_vote,
    with_papers,
    withdraw,
)
from .parameters import Parameters
from .rulings import RulingState, is_appealable, make_ruling
from .sitting import require_open_session
from .speeches import SpeechStage
from .thresholds import Threshold
from .transition import Transition
from .voting import ElectronicBallot, cast_electronic
from .voting_motions import cleaned_order, cleaned_parts

NO_BALLOTS: Mapping[str, VoteChoice] = MappingProxyType({})


# ---- queries -----------------------------------------------------------------------------------


def floor_is_open(floor: FloorDoc) -> bool:
    """Motions wait for the open floor: nobody speaking and no vote running (§3.1 step 1)."""
    speaking = floor.speech is not None and floor.speech.stage is not SpeechStage.ENDED
    return floor.vote is None and not speaking


def motion_context(floor: FloorDoc, *, documents: MotionDocuments = NO_DOCUMENTS) -> MotionContext:
    """What the screening of a motion needs to know about the floor and the papers named."""
    context = MotionContext(
        phase=floor.phase,
        present=floor.present_ids(),
        floor_open=floor_is_open(floor),
        topic_tabled=floor.topic_tabled,
        caucus_just_ended=floor.last_ended_caucus,
        speakers_list_closed=floor.gsl.closed,
        ruling=floor.motion_ruling.ruling if floor.motion_ruling else None,
    )
    voting = floor.voting
    if voting is not None:
        context = replace(
            context,
            drs_in_voting=voting.dr_order,
            substantive_vote_started=voting.substantive_vote_started,
            operative_clauses={dr.dr_id: dr.operative for dr in voting.drs},
            operative_subclauses={dr.dr_id: dr.subclauses for dr in voting.drs},
        )
    return with_papers(context, documents, floor.motions)


def available_motions(
    floor: FloorDoc,
    params: Parameters,
    delegation: str | None = None,
    *,
    documents: MotionDocuments = NO_DOCUMENTS,
) -> tuple[MotionCode, ...]:
    """The motions `delegation` may raise now; without a delegation, those any delegation in
    the room may raise (what the dais may enter for one). None for a delegation not present.
    A motion that names a paper is offered only when `documents` has one for it."""
    present = floor.present_ids()
    mover = delegation if delegation is not None else min(present, default=None)
    if mover is None or mover not in present:
        return ()
    return raisable_codes(params, motion_context(floor, documents=documents), mover)


def offer_for(floor: FloorDoc, motion_id: str) -> MotionOffer | None:
    """The change offered for a motion that still waits for its mover's answer."""
    return next((o for o in floor.motion_offers if o.motion.id == motion_id), None)


def ruling_appealable(floor: FloorDoc, params: Parameters) -> bool:
    """The last ruling on a motion is in force and the profile lets delegates appeal it."""
    ruled = floor.motion_ruling
    return (
        ruled is not None
        and ruled.ruling.state is RulingState.IN_FORCE
        and is_appealable(params, ruled.ruling)
    )


# ---- helpers -----------------------------------------------------------------------------------


def _require_acting_for_itself(delegation: str, requested_by: str | None) -> None:
    """A delegation's phone acts only for that delegation; the dais (None) acts for any."""
    if requested_by is not None and requested_by != delegation:
        raise ProcedureError(ErrorCode.ACTS_ONLY_FOR_ITSELF)


def _new_id(floor: FloorDoc, prefix: str) -> tuple[FloorDoc, str, int]:
    """The floor with its counter moved on, and the next id ("s1m3", "s1r4") with its number.
    Ids stay unique across sessions: the record finds motions by them."""
    number = floor.next_motion_number
    motion_id = f"s{floor.session_number or 0}{prefix}{number}"
    return replace(floor, next_motion_number=number + 1), motion_id, number


def _put(motions: MotionFloor, motion: Motion) -> MotionFloor:
    """The motions with one replaced (same id)."""
    return MotionFloor(tuple(motion if m.id == motion.id else m for m in motions.motions))


def _pending(floor: FloorDoc, motion_id: str) -> Motion:
    motion = floor.motions.get(motion_id)
    if motion.status is not MotionStatus.PENDING:
        raise ProcedureError(
            ErrorCode.MOTION_NOT_PENDING, motion_id=motion_id, status=motion.status.value
        )
    return motion


def _without_offers_for(floor: FloorDoc, motion_id: str) -> tuple[MotionOffer, ...]:
    return tuple(o for o in floor.motion_offers if o.motion.id != motion_id)


def _ids(keys: Iterable[str]) -> tuple[int, ...]:
    return tuple(int(key) for key in keys)


def _values(motion: Motion) -> MotionValues:
    m = motion
    return MotionValues(m.total_seconds, m.speaker_seconds, m.topic, m.target, m.parts, m.order)


def _propose(floor: FloorDoc, motion: Motion) -> tuple[FloorDoc, Motion]:
    """The floor with the motion on it, and the pending motion that carries it now (itself,
    or the identical motion it merged into)."""
    motions = propose(floor.motions, motion)
    placed = next(m for m in motions.pending if m.identity() == motion.identity())
    return replace(floor, motions=motions), placed


def _place(floor: FloorDoc, screening: Screening, now: datetime) -> Transition:
    """A screened motion onto the floor, or kept as an offer of the capped values when it is
    over the caps (§8.10)."""
    motion = screening.motion
    if screening.suggestion is not None:
        offer = MotionOffer(motion, screening.suggestion, now)
        offered = replace(floor, motion_offers=(*floor.motion_offers, offer))
        facts = MotionRaised(
            motion.id, motion.code, _ids(motion.movers), _values(motion), over_cap=True
        )
        return Transition(offered, facts)
    placed_floor, placed = _propose(floor, motion)
    facts = MotionRaised(
        motion.id,
        motion.code,
        _ids(placed.movers),
        _values(motion),
        merged_into=placed.id if placed.id != motion.id else None,
    )
    return Transition(placed_floor, facts)


# ---- raising -----------------------------------------------------------------------------------


def raise_motion(
    floor: FloorDoc,
    params: Parameters,
    code: MotionCode,
    mover: str,
    now: datetime,
    *,
    total_seconds: int | None = None,
    speaker_seconds: int | None = None,
    topic: str | None = None,
    target: str | None = None,
    parts: Iterable[str] = (),
    order: Iterable[str] = (),
    requested_by: str | None = None,
    documents: MotionDocuments = NO_DOCUMENTS,
) -> Transition:
    """A delegation raises a motion from its phone (`requested_by`), or the dais enters it
    for the delegation; `target` names one of `documents` (a motion to introduce, a Q&A) or
    a draft in voting, with a division's `parts`; a reorder the drafts' `order` (§6.5)."""
    _require_acting_for_itself(mover, requested_by)
    require_open_session(floor)
    floor, motion_id, number = _new_id(floor, "m")
    target = (target or "").strip() or None
    motion = Motion(
        id=motion_id,
        code=code,
        mover=mover,
        seq=number,
        total_seconds=total_seconds,
        speaker_seconds=speaker_seconds,
        topic=(topic or "").strip() or None,
        target=target,
        parts=cleaned_parts(floor.voting, code, target, parts),
        order=cleaned_order(code, order),
    )
    context = motion_context(floor, documents=documents)
    return _place(floor, screen_motion(params, context, motion), now)


def answer_offer(
    floor: FloorDoc,
    params: Parameters,
    motion_id: str,
    accept: bool,
    now: datetime,
    *,
    requested_by: str | None = None,
    documents: MotionDocuments = NO_DOCUMENTS,
) -> Transition:
    """The mover accepts or refuses the change offered for its motion (§8.10, §8.15), from its
    phone (`requested_by`) or through the dais."""
    offer = offer_for(floor, motion_id)
    if offer is None:
        raise ProcedureError(ErrorCode.UNKNOWN_MOTION, motion_id=motion_id)
    _require_acting_for_itself(offer.motion.mover, requested_by)
    floor = replace(floor, motion_offers=_without_offers_for(floor, motion_id))
    facts = MotionChange(
        motion_id,
        offer.motion.code,
        int(offer.motion.mover),
        offer.friendly,
        _values(offer.suggestion),
    )
    if offer.friendly:
        if not accept:
            return Transition(floor, facts)  # the motion is voted as it was moved
        current = _pending(floor, motion_id)
        changed = replace(offer.suggestion, seconder=current.seconder, co_movers=current.co_movers)
        return Transition(replace(floor, motions=_put(floor.motions, changed)), facts)
    if not accept:
        # Refusing the capped values leaves the motion out of order; it stays on record.
        ruled_out = replace(offer.motion, status=MotionStatus.OUT_OF_ORDER, decided_at=now)
        motions = MotionFloor((*floor.motions.motions, ruled_out))
        return Transition(replace(floor, motions=motions), facts)
    # The floor may have moved on since the offer: the capped motion is screened again.
    again = screen_motion(params, motion_context(floor, documents=documents), offer.suggestion)
    floor, placed = _propose(floor, again.suggestion or again.motion)
    merged_into = placed.id if placed.id != motion_id else None
    return Transition(floor, replace(facts, merged_into=merged_into))


def suggest_change(
    floor: FloorDoc,
    params: Parameters,
    motion_id: str,
    now: datetime,
    *,
    total_seconds: int | None = None,
    speaker_seconds: int | None = None,
    topic: str | None = None,
    documents: MotionDocuments = NO_DOCUMENTS,
) -> Transition:
    """The chair offers the mover a friendly change (a shorter time, say) to a pending motion;
    a value not given stays as moved."""
    motion = _pending(floor, motion_id)
    changed = replace(
        motion,
        total_seconds=total_seconds if total_seconds is not None else motion.total_seconds,
        speaker_seconds=speaker_seconds if speaker_seconds is not None else motion.speaker_seconds,
        topic=(topic.strip() or None) if topic is not None else motion.topic,
    )
    if changed.identity() == motion.identity():
        raise ProcedureError(ErrorCode.SUGGESTION_UNCHANGED, motion_id=motion_id)
    # The change must itself be in order and within the caps (the floor is open to the chair).
    context = motion_context(floor, documents=documents)
    screening = screen_motion(params, replace(context, floor_open=True), changed)
    if screening.suggestion is not None:
        raise screening.reasons[0]
    offer = MotionOffer(motion, changed, now, friendly=True)
    offered = replace(floor, motion_offers=(*_without_offers_for(floor, motion_id), offer))
    facts = MotionChange(
        motion.id, motion.code, int(motion.mover), friendly=True, values=_values(changed)
    )
    return Transition(offered, facts)


# ---- on the floor ------------------------------------------------------------------------------


def record_second(
    floor: FloorDoc,
    params: Parameters,
    motion_id: str,
    seconder: str,
    *,
    requested_by: str | None = None,
) -> Transition:
    """A delegation present, not a mover, seconds a motion that needs a second: from its phone
    (`requested_by`), or the dais records who did."""
    _require_acting_for_itself(seconder, requested_by)
    motion = _pending(floor, motion_id)
    if not spec_for(params, motion.code).needs_second:
        raise ProcedureError(ErrorCode.SECOND_NOT_NEEDED, motion=motion.code.value)
    if motion.seconder is not None:
        raise ProcedureError(ErrorCode.ALREADY_SECONDED, delegation=motion.seconder)
    seconded = second_motion(params, motion, seconder, floor.present_ids())
    facts = MotionSeconded(motion.id, motion.code, int(seconder))
    return Transition(replace(floor, motions=_put(floor.motions, seconded)), facts)


def withdraw_motion(floor: FloorDoc, motion_id: str, *, by: str | None = None) -> Transition:
    """A mover withdraws its motion until its vote starts (§8.15); a merged motion stays moved
    by its other movers. Without `by`, the dais withdraws it for every mover."""
    motion = floor.motions.get(motion_id)
    withdrawing = (by,) if by is not None else motion.movers
    motions = floor.motions
    for mover in withdrawing:
        motions = withdraw(motions, motion_id, mover)
    remaining = motions.get(motion_id)
    still_moved_by = remaining.movers if remaining.status is MotionStatus.PENDING else ()
    withdrawn = replace(floor, motions=motions, motion_offers=_without_offers_for(floor, motion_id))
    facts = MotionWithdrawn(motion.id, motion.code, _ids(withdrawing), _ids(still_moved_by))
    return Transition(withdrawn, facts)


def rule_on_motion(
    floor: FloorDoc,
    params: Parameters,
    motion_id: str,
    decision: MotionDecision,
    now: datetime,
) -> Transition:
    """The chair rules a pending motion in order, out of order or dilatory (§3.4, §8.16). One
    that takes no vote (an introduction) ruled in order in its turn is carried, as a vote that
    passed would carry it; that ruling is not left to appeal: the floor has moved on."""
    current = floor.motion_ruling
    if current is not None and current.ruling.state is RulingState.UNDER_APPEAL:
        raise ProcedureError(ErrorCode.RULING_UNDER_APPEAL)
    motion = _pending(floor, motion_id)
    spec = spec_for(params, motion.code)
    subject = spec.ruling_subject
    if decision is MotionDecision.DILATORY:
        subject = RulingSubject.DILATORY_CAUCUS if spec.is_caucus else RulingSubject.DILATORY_MOTION
    floor, ruling_id, _number = _new_id(floor, "r")
    ruling = make_ruling(subject, decision.value, ruling_id, now)
    motions = floor.motions
    if decision is not MotionDecision.IN_ORDER:
        motions = rule_out(motions, motion_id, dilatory=decision is MotionDecision.DILATORY)
        motions = _put(motions, replace(motions.get(motion_id), decided_at=now))
    ruled = replace(
        floor,
        motions=motions,
        motion_ruling=MotionRuling(ruling, motion_id),
        motion_offers=_without_offers_for(floor, motion_id),
    )
    failed = recent_failure(ruled.motions.motions, motion, now)
    facts = MotionRuled(
        motion.id,
        motion.code,
        ruling_id,
        decision,
        appealable=spec.appealable and subject not in params.non_appealable_rulings,
        failed_minutes_ago=int(failed.total_seconds() // 60) if failed else None,
    )
    carried = None
    if decision is MotionDecision.IN_ORDER:
        carried = carry_without_vote(replace(ruled, motion_ruling=None), params, motion_id, now)
    if carried is not None:
        return Transition(carried[0], replace(facts, appealable=False), carried[1])
    return Transition(ruled, facts)


# ---- the vote ----------------------------------------------------------------------------------


def _threshold(params: Parameters, motion: Motion) -> Threshold:
    threshold = spec_for(params, motion.code).threshold
    if threshold is None:
        raise ProcedureError(ErrorCode.MOTION_NOT_VOTED, motion=motion.code.value)
    return threshold


@dataclass(frozen=True, slots=True)
class OpenedVote:
    """A vote opened, and who may vote, frozen now: the app keeps it with the question put to
    the vote and hands it back to the commands that need it; the floor keeps only its size."""

    transition: Transition
    electorate: ElectorateSnapshot


def open_vote(
    floor: FloorDoc,
    params: Parameters,
    motion_id: str,
    now: datetime,
    *,
    by_phone: bool,
    membership: int,
    attendees: Iterable[Attendee],
) -> OpenedVote:
    """Put the next motion in precedence to a procedural vote, by placard or by phone; who may
    vote is frozen now. The app links the vote to its record (`PlacardVote.question_id`)."""
    require_open_session(floor)
    if floor.vote is not None:
        raise ProcedureError(ErrorCode.VOTE_ALREADY_RUNNING, motion_id=floor.vote.motion_id)
    motion = _pending(floor, motion_id)
    if any(o.friendly and o.motion.id == motion_id for o in floor.motion_offers):
        raise ProcedureError(ErrorCode.CHANGE_AWAITING_MOVER, motion_id=motion_id)
    _threshold(params, motion)
    motions = start_vote(params, floor.motions, motion_id)
    electorate = snapshot_electorate(params, membership, attendees, substantive=False, now=now)
    vote = PlacardVote(
        motion_id=motion_id, opened_at=now, by_phone=by_phone, electorate_size=electorate.size
    )
    ruling = floor.motion_ruling
    if ruling is not None and ruling.ruling.state is not RulingState.UNDER_APPEAL:
        ruling = None  # the floor moved on: the ruling is no longer appealable, nor news
    voting = replace(floor, motions=motions, vote=vote, motion_result=None, motion_ruling=ruling)
    facts = MotionVoteOpened(motion.id, motion.code, by_phone, electorate.size)
    return OpenedVote(Transition(voting, facts), electorate)


def _running_vote(floor: FloorDoc) -> PlacardVote:
    vote = floor.vote
    if vote is None:
        raise ProcedureError(ErrorCode.NO_VOTE_OPEN)
    return vote


def _frozen(electorate: ElectorateSnapshot | None) -> ElectorateSnapshot:
    """The running vote's electorate; the app has none when no vote is running."""
    if electorate is None:
        raise ProcedureError(ErrorCode.NO_VOTE_OPEN)
    return electorate


def _ballot(
    params: Parameters,
    floor: FloorDoc,
    vote: PlacardVote,
    electorate: ElectorateSnapshot | None,
    cast: Mapping[str, VoteChoice],
) -> ElectronicBallot:
    """The phone vote running now, with the ballots cast so far."""
    electorate = _frozen(electorate)
    threshold = _threshold(params, floor.motions.get(vote.motion_id))
    return ElectronicBallot(electorate, threshold, MappingProxyType(dict(cast)))


def _ballot_facts(
    floor: FloorDoc, vote: PlacardVote, delegation: str, choice: VoteChoice, *, by_dais: bool
) -> BallotCast:
    motion = floor.motions.get(vote.motion_id)
    return BallotCast(motion.id, motion.code, int(delegation), choice, by_dais)


def cast_ballot(
    floor: FloorDoc,
    params: Parameters,
    voter: Attendee,
    choice: VoteChoice,
    cast: Mapping[str, VoteChoice] = NO_BALLOTS,
    *,
    electorate: ElectorateSnapshot | None,
) -> Transition:
    """A delegation votes on its phone; a second tap changes its vote where the profile allows
    it (§8.31). `cast` are the ballots cast so far, by delegation; `electorate` is who may
    vote, as `open_vote` froze it."""
    vote = _running_vote(floor)
    if not vote.by_phone:
        raise ProcedureError(ErrorCode.BALLOT_IN_PLACARD_VOTE)
    if not voter.is_present:
        raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=voter.delegation_id)
    if not can_vote_procedural(params, voter):
        raise ProcedureError(ErrorCode.NOT_ELIGIBLE_TO_VOTE, delegation=voter.delegation_id)
    # In the electorate frozen at the opening, and a change only where allowed.
    ballot = _ballot(params, floor, vote, electorate, cast)
    cast_electronic(params, ballot, voter.delegation_id, choice)
    facts = _ballot_facts(floor, vote, voter.delegation_id, choice, by_dais=False)
    return Transition(floor, facts)


def enter_ballot(
    floor: FloorDoc,
    params: Parameters,
    delegation: str,
    choice: VoteChoice,
    cast: Mapping[str, VoteChoice] = NO_BALLOTS,
    *,
    electorate: ElectorateSnapshot | None,
) -> Transition:
    """The dais enters the vote of a delegation without a working phone, in a phone vote. A
    delegation that has voted keeps its own vote: the dais cannot overwrite it. `electorate`
    is who may vote, as `open_vote` froze it."""
    vote = _running_vote(floor)
    if not vote.by_phone:
        raise ProcedureError(ErrorCode.ENTRY_IN_PLACARD_VOTE)
    if delegation in cast:
        raise ProcedureError(ErrorCode.OWN_VOTE_STANDS, delegation=delegation)
    ballot = _ballot(params, floor, vote, electorate, cast)
    cast_electronic(params, ballot, delegation, choice, by_chair=True)
    return Transition(floor, _ballot_facts(floor, vote, delegation, choice, by_dais=True))


def close_vote(
    floor: FloorDoc,
    params: Parameters,
    now: datetime,
    *,
    electorate: ElectorateSnapshot | None,
    yes: int | None = None,
    no: int | None = None,
    ballots: Mapping[str, VoteChoice] = NO_BALLOTS,
    roll_order: Sequence[str],
) -> Transition:
    """Close the vote and decide, with the `electorate` `open_vote` froze: a placard vote on
    the `yes` and `no` placards counted, a phone vote on the `ballots` cast (by delegation;
    only the electorate's count). A motion that passes is carried out at once (`decide_motion`);
    `roll_order` is every delegation in the committee's roll order, for a caucus it starts."""
    vote = _running_vote(floor)
    electorate = _frozen(electorate)
    threshold = _threshold(params, floor.motions.get(vote.motion_id))
    if vote.by_phone:
        outcome = phone_outcome(params, electorate, threshold, ballots)
    else:
        outcome = placard_outcome(params, electorate, threshold, yes, no)
    return decide_motion(
        floor, params, vote, outcome, now, electorate=electorate, roll_order=roll_order
    )
