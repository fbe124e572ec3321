"""Motions on the live floor and their procedural votes (procedure.md §3, §8.10–8.18).

The life of a motion, each step one floor action:
- `motion_raise`: a delegation (or the dais for it) raises a motion; the engine screens it. A
  motion over the caps is parked as an offer with the engine's capped values until its mover
  answers (`motion_offer_answer`); otherwise it joins the floor, merged with an identical one.
- `motion_second`, `motion_withdraw`, `motion_suggest` (the chair's friendly change), and
  `motion_rule` (in order / out of order / dilatory), which a delegation may appeal
  (`motion_appeal`) when the profile allows it.
- `motion_vote_open` puts the next motion in precedence to a vote, by placard (the dais types
  the counts at `motion_vote_close`) or by phone (`motion_ballot_cast`, one ProceduralBallot row
  per delegation; `motion_ballot_enter` when the dais enters it for a delegation without a
  working phone). Closing decides on the motion's threshold with the electorate frozen at the
  opening; the first motion that passes is carried out at once and the rest are superseded.

Votes cannot be undone (§8.38): their actions are marked not undoable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committee.floor import (
    EFFECT_NOT_AUTOMATIC,
    FloorDoc,
    MotionOffer,
    MotionRuling,
    MotionVoteResult,
    PlacardVote,
    encode_value,
)
from committee.models import Committee, Delegation, ProceduralBallot
from committee.procedure import motions as rules
from committee.procedure import speakers as rules_speakers
from committee.procedure.attendance import can_vote_procedural
from committee.procedure.choices import MotionCode, RulingSubject
from committee.procedure.electorate import VoteChoice, snapshot_electorate
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.motion_registry import Effect, MotionSpec
from committee.procedure.motions import Motion, MotionFloor, MotionStatus
from committee.procedure.phases import Phase
from committee.procedure.rulings import RulingState, decide_appeal, make_ruling, open_appeal
from committee.procedure.thresholds import Outcome, Tally, Threshold, evaluate
from committee.procedure.voting import ElectronicBallot, cast_electronic, close_ballot
from committee.readmodels.motions import motion_context, present_ids
from committee.services.floor import FloorAction, FloorRefusal, floor_action

RULING_DECISIONS = ("in_order", "out_of_order", "dilatory")
CHOICES = (VoteChoice.YES.value, VoteChoice.NO.value)

T = TypeVar("T")


# ---- helpers ------------------------------------------------------------------------------------


@contextmanager
def _names(action: FloorAction) -> Iterator[None]:
    """Refusals from the engine name delegations by their id; show their names instead."""
    try:
        yield
    except ProcedureError as error:
        facts = dict(error.facts)
        changed = False
        for key in ("delegation", "expected"):
            value = facts.get(key)
            if value is not None and str(value) in action.delegations:
                facts[key] = action.delegations[str(value)].display_name()
                changed = True
        if not changed:
            raise
        raise ProcedureError(error.code, **facts) from error


def _ask(action: FloorAction, decide: Callable[[], T]) -> T:
    with _names(action):
        return decide()


def _require_session(action: FloorAction) -> None:
    if action.session is None or action.session.closed_at is not None:
        raise FloorRefusal(_("No session is open. Open a session first."))


def _spec(action: FloorAction, motion: Motion) -> MotionSpec:
    return rules.spec_for(action.params, motion.code)


def _put(floor: MotionFloor, motion: Motion) -> MotionFloor:
    """The floor with one motion replaced (same id)."""
    return MotionFloor(tuple(motion if m.id == motion.id else m for m in floor.motions))


def _pending(action: FloorAction, motion_id: str) -> Motion:
    motion = _ask(action, lambda: action.doc.motions.get(motion_id))
    if motion.status is not MotionStatus.PENDING:
        raise ProcedureError(
            ErrorCode.MOTION_NOT_PENDING, motion_id=motion_id, status=motion.status.value
        )
    return motion


def _acting_for(delegation: Delegation | None, delegation_id: int | str) -> None:
    """A phone acts only for its own delegation."""
    if delegation is not None and str(delegation.pk) != str(delegation_id):
        raise FloorRefusal(_("A delegation acts only for itself."))


def _motion_facts(action: FloorAction, motion: Motion) -> dict[str, Any]:
    return {
        "motion_id": motion.id,
        "code": motion.code.value,
        "movers": [action.delegation(key).name for key in motion.movers],
        "total_seconds": motion.total_seconds,
        "speaker_seconds": motion.speaker_seconds,
        "topic": motion.topic or "",
    }


def _new_id(action: FloorAction, prefix: str) -> tuple[str, int]:
    number = action.doc.next_motion_number
    action.update(next_motion_number=number + 1)
    # Ids stay unique across sessions: ballots are stored under them.
    return f"s{action.doc.session_number or 0}{prefix}{number}", number


def _without_offers_for(doc: FloorDoc, motion_id: str) -> tuple[MotionOffer, ...]:
    return tuple(o for o in doc.motion_offers if o.motion.id != motion_id)


# ---- raising ------------------------------------------------------------------------------------


def motion_raise(
    *,
    committee: Committee,
    code: str,
    mover_id: int | str,
    total_seconds: int | None = None,
    speaker_seconds: int | None = None,
    topic: str = "",
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """A delegation raises a motion from its phone, or the dais enters one for it."""
    if code not in set(MotionCode) or code == MotionCode.APPEAL:
        raise FloorRefusal(_("Choose a motion from the list."))
    _acting_for(delegation, mover_id)
    with floor_action(committee, kind="motion_raised", user=user, delegation=delegation) as action:
        _require_session(action)
        mover = action.delegation(mover_id)
        motion_id, number = _new_id(action, "m")
        motion = Motion(
            id=motion_id,
            code=MotionCode(code),
            mover=str(mover.pk),
            seq=number,
            total_seconds=total_seconds,
            speaker_seconds=speaker_seconds,
            topic=topic.strip() or None,
        )
        _place(action, motion)


def motion_appeal(
    *,
    committee: Committee,
    appellant_id: int | str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """Appeal the chair's last ruling on a motion (§3.4): a motion voted at once."""
    _acting_for(delegation, appellant_id)
    with floor_action(committee, kind="motion_raised", user=user, delegation=delegation) as action:
        _require_session(action)
        ruled = action.doc.motion_ruling
        if ruled is None:
            raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=None)
        appellant = action.delegation(appellant_id)
        motion_id, number = _new_id(action, "m")
        appeal = Motion(
            id=motion_id,
            code=MotionCode.APPEAL,
            mover=str(appellant.pk),
            seq=number,
            target=ruled.ruling.id,
        )
        _place(action, appeal)
        if ruled.ruling.state is RulingState.IN_FORCE:
            frozen = open_appeal(action.params, ruled.ruling)  # frozen until the appeal vote
            action.update(motion_ruling=dataclasses.replace(ruled, ruling=frozen))


def _place(action: FloorAction, motion: Motion) -> None:
    """Screen a raised motion: onto the floor (merged with an identical one), or parked as an
    offer with the engine's capped values when it is over the caps."""
    screening = _ask(
        action, lambda: rules.screen_motion(action.params, motion_context(action.doc), motion)
    )
    action.facts = _motion_facts(action, motion)
    if screening.suggestion is not None:
        offer = MotionOffer(motion, screening.suggestion, action.now)
        action.update(motion_offers=(*action.doc.motion_offers, offer))
        action.facts["over_cap"] = True
        return
    _propose(action, motion)


def _propose(action: FloorAction, motion: Motion) -> None:
    before = action.doc.motions
    after = rules.propose(before, motion)
    if len(after.motions) == len(before.motions):
        merged_into = next(m for m in after.pending if motion.mover in m.movers)
        action.facts["merged_into"] = merged_into.id
        action.facts["movers"] = [action.delegation(k).name for k in merged_into.movers]
    action.update(motions=after)


def motion_offer_answer(
    *,
    committee: Committee,
    motion_id: str,
    accept: bool,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The mover accepts or refuses the change offered for its motion (§8.10, §8.15)."""
    kind = "motion_change_accepted" if accept else "motion_change_refused"
    with floor_action(committee, kind=kind, user=user, delegation=delegation) as action:
        offer = next((o for o in action.doc.motion_offers if o.motion.id == motion_id), None)
        if offer is None:
            raise FloorRefusal(_("That change is no longer waiting for an answer."))
        _acting_for(delegation, offer.motion.mover)
        action.update(motion_offers=_without_offers_for(action.doc, motion_id))
        action.facts = {**_motion_facts(action, offer.suggestion), "friendly": offer.friendly}
        if offer.friendly:
            if accept:
                current = _pending(action, motion_id)
                changed = dataclasses.replace(
                    offer.suggestion, seconder=current.seconder, co_movers=current.co_movers
                )
                action.update(motions=_put(action.doc.motions, changed))
            return  # refused: the motion is voted as it was moved
        screening = rules.Screening(offer.motion, offer.suggestion)
        try:
            settled = rules.settle_suggestion(screening, mover_accepts=accept)
        except ProcedureError:
            # Refusing the capped values leaves the motion out of order; keep it on record.
            ruled_out = dataclasses.replace(
                offer.motion, status=MotionStatus.OUT_OF_ORDER, decided_at=action.now
            )
            action.update(motions=MotionFloor((*action.doc.motions.motions, ruled_out)))
            return
        # The floor may have moved on since the offer: screen the accepted motion again.
        again = _ask(
            action, lambda: rules.screen_motion(action.params, motion_context(action.doc), settled)
        )
        _propose(action, again.suggestion or again.motion)


def motion_suggest(
    *,
    committee: Committee,
    user: Any,
    motion_id: str,
    total_seconds: int | None = None,
    speaker_seconds: int | None = None,
    topic: str | None = None,
) -> None:
    """The chair offers the mover a friendly change (e.g. a shorter time) to a pending motion."""
    with floor_action(committee, kind="motion_change_suggested", user=user) as action:
        motion = _pending(action, motion_id)
        changed = dataclasses.replace(
            motion,
            total_seconds=total_seconds if total_seconds is not None else motion.total_seconds,
            speaker_seconds=(
                speaker_seconds if speaker_seconds is not None else motion.speaker_seconds
            ),
            topic=(topic.strip() or None) if topic is not None else motion.topic,
        )
        if changed.identity() == motion.identity():
            raise FloorRefusal(_("The suggested change is the same as the motion."))
        screening = _ask(
            action,
            lambda: rules.screen_motion(
                action.params,
                dataclasses.replace(motion_context(action.doc), floor_open=True),
                changed,
            ),
        )
        if screening.suggestion is not None:
            raise screening.reasons[0]  # the chair's change must itself be within the caps
        offer = MotionOffer(motion, changed, action.now, friendly=True)
        action.update(motion_offers=(*_without_offers_for(action.doc, motion_id), offer))
        action.facts = _motion_facts(action, changed)


# ---- on the floor -------------------------------------------------------------------------------


def motion_second(
    *,
    committee: Committee,
    motion_id: str,
    seconder_id: int | str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """A second delegation seconds a motion from its phone, or the dais records who did."""
    _acting_for(delegation, seconder_id)
    with floor_action(
        committee, kind="motion_seconded", user=user, delegation=delegation
    ) as action:
        motion = _pending(action, motion_id)
        seconder = action.delegation(seconder_id)
        if not _spec(action, motion).needs_second:
            raise FloorRefusal(_("This motion needs no second."))
        if motion.seconder is not None:
            raise FloorRefusal(
                _("%(delegation)s has already seconded this motion.")
                % {"delegation": action.delegation(motion.seconder).display_name()}
            )
        seconded = _ask(
            action,
            lambda: rules.second_motion(
                action.params, motion, str(seconder.pk), present_ids(action.doc)
            ),
        )
        action.update(motions=_put(action.doc.motions, seconded))
        action.facts = {**_motion_facts(action, motion), "seconder": seconder.name}


def motion_withdraw(
    *,
    committee: Committee,
    motion_id: str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """A mover withdraws its motion until its vote starts (§8.15); the dais may do it for the
    movers when they ask from the floor."""
    with floor_action(
        committee, kind="motion_withdrawn", user=user, delegation=delegation
    ) as action:
        motion = _ask(action, lambda: action.doc.motions.get(motion_id))
        by = [str(delegation.pk)] if delegation is not None else list(motion.movers)
        floor = action.doc.motions
        for mover in by:
            with _names(action):
                floor = rules.withdraw(floor, motion_id, mover)
        action.update(motions=floor, motion_offers=_without_offers_for(action.doc, motion_id))
        action.facts = {
            **_motion_facts(action, motion),
            "by": [action.delegation(key).name for key in by],
            "still_moved": floor.get(motion_id).status is MotionStatus.PENDING,
        }


def motion_rule(*, committee: Committee, user: Any, motion_id: str, decision: str) -> None:
    """The chair rules a pending motion in order, out of order or dilatory (§3.4, §8.16)."""
    if decision not in RULING_DECISIONS:
        raise FloorRefusal(_("Rule the motion in order, out of order or dilatory."))
    with floor_action(committee, kind="motion_ruled", user=user) as action:
        current = action.doc.motion_ruling
        if current is not None and current.ruling.state is RulingState.UNDER_APPEAL:
            raise FloorRefusal(_("The last ruling is under appeal: vote on the appeal first."))
        motion = _pending(action, motion_id)
        spec = _spec(action, motion)
        subject = spec.ruling_subject
        if decision == "dilatory":
            subject = (
                RulingSubject.DILATORY_CAUCUS if spec.is_caucus else RulingSubject.DILATORY_MOTION
            )
        ruling_id, _number = _new_id(action, "r")
        ruling = make_ruling(subject, decision, ruling_id, action.now)
        floor = action.doc.motions
        if decision != "in_order":
            floor = rules.rule_out(floor, motion_id, dilatory=decision == "dilatory")
            floor = _put(floor, dataclasses.replace(floor.get(motion_id), decided_at=action.now))
        action.update(
            motions=floor,
            motion_ruling=MotionRuling(ruling, motion_id),
            motion_offers=_without_offers_for(action.doc, motion_id),
        )
        failed = rules.recent_failure(action.doc.motions.motions, motion, action.now)
        action.facts = {
            **_motion_facts(action, motion),
            "decision": decision,
            "appealable": spec.appealable and subject not in action.params.non_appealable_rulings,
            "failed_minutes_ago": int(failed.total_seconds() // 60) if failed else None,
        }


# ---- the vote -----------------------------------------------------------------------------------


def motion_vote_open(*, committee: Committee, user: Any, motion_id: str, by_phone: bool) -> None:
    """Put the next motion in precedence to a procedural vote, by placard or by phone."""
    with floor_action(committee, kind="motion_vote_opened", user=user) as action:
        _require_session(action)
        action.undoable = False
        if action.doc.vote is not None:
            raise FloorRefusal(_("A vote is already running. Close it first."))
        motion = _pending(action, motion_id)
        if any(o.friendly and o.motion.id == motion_id for o in action.doc.motion_offers):
            raise FloorRefusal(_("The mover has not yet answered the suggested change."))
        spec = _spec(action, motion)
        if spec.threshold is None:
            raise FloorRefusal(_("This motion is not put to a vote."))
        try:
            floor = rules.start_vote(action.params, action.doc.motions, motion_id)
        except ProcedureError as error:
            if error.code != ErrorCode.NOT_YOUR_TURN:
                raise
            raise FloorRefusal(
                _("Another motion comes first in precedence: vote on it first.")
            ) from error
        members = sum(1 for d in action.delegations.values() if d.is_member)
        electorate = snapshot_electorate(
            action.params, members, action.attendees(), substantive=False, now=action.now
        )
        vote = PlacardVote(
            motion_id=motion_id,
            opened_at=action.now,
            by_phone=by_phone,
            yes=0 if by_phone else None,
            no=0 if by_phone else None,
            electorate=electorate,
        )
        ruling = action.doc.motion_ruling
        if ruling is not None and ruling.ruling.state is not RulingState.UNDER_APPEAL:
            ruling = None  # the floor moved on: the ruling is no longer appealable, nor news
        action.update(motions=floor, vote=vote, motion_result=None, motion_ruling=ruling)
        action.facts = {
            **_motion_facts(action, motion),
            "by_phone": by_phone,
            "electorate": electorate.size,
        }


def motion_ballot_cast(*, committee: Committee, delegation: Delegation, choice: str) -> None:
    """A delegation votes Yes or No on its phone; a second tap changes its vote (§8.31).

    The ProceduralBallot row's unique constraint keeps one vote per delegation per motion.
    """
    if choice not in CHOICES:
        raise FloorRefusal(_("Vote yes or no: procedural votes allow no abstention."))
    with floor_action(committee, kind="motion_ballot_cast", delegation=delegation) as action:
        action.undoable = False
        vote = _open_phone_vote(action, _("This vote is taken by placard: raise your placard."))
        key = str(delegation.pk)
        attendee = action.attendee(key)
        if not attendee.is_present:
            raise ProcedureError(ErrorCode.NOT_PRESENT, delegation=delegation.display_name())
        if not can_vote_procedural(action.params, attendee):
            raise ProcedureError(
                ErrorCode.NOT_ELIGIBLE_TO_VOTE, delegation=delegation.display_name()
            )
        cast = _ask(
            action,
            lambda: cast_electronic(action.params, _ballot(action, vote), key, VoteChoice(choice)),
        )
        ProceduralBallot.objects.update_or_create(
            committee=committee,
            motion_id=vote.motion_id,
            delegation=delegation,
            defaults={"choice": choice},
        )
        _record_cast(action, vote, cast, delegation, choice)


def motion_ballot_enter(
    *, committee: Committee, user: Any, delegation_id: int | str, choice: str
) -> None:
    """The dais enters the vote of a delegation without a working phone, in a phone vote.

    The log says the dais entered it. A delegation that has already voted keeps its own vote:
    the dais cannot overwrite it, so no delegation is counted twice or changed behind its back.
    """
    if choice not in CHOICES:
        raise FloorRefusal(_("Vote yes or no: procedural votes allow no abstention."))
    with floor_action(committee, kind="motion_ballot_entered", user=user) as action:
        action.undoable = False
        vote = _open_phone_vote(
            action, _("This vote is taken by placard: count the placards instead.")
        )
        delegation = action.delegation(delegation_id)
        key = str(delegation.pk)
        if key in vote.ballots:
            raise FloorRefusal(
                _("%(delegation)s has already voted; its own vote stands.")
                % {"delegation": delegation.display_name()}
            )
        ballot = _ballot(action, vote)
        cast = _ask(
            action,
            lambda: cast_electronic(action.params, ballot, key, VoteChoice(choice), by_chair=True),
        )
        ProceduralBallot.objects.create(
            committee=committee, motion_id=vote.motion_id, delegation=delegation, choice=choice
        )
        _record_cast(action, vote, cast, delegation, choice)
        action.facts["entered_by_dais"] = True


def _open_phone_vote(action: FloorAction, by_placard: str | Promise) -> PlacardVote:
    """The vote under way, if it is taken on phones; `by_placard` says what to do instead."""
    vote = action.doc.vote
    if vote is None or vote.electorate is None:
        raise FloorRefusal(_("No vote is open."))
    if not vote.by_phone:
        raise FloorRefusal(by_placard)
    return vote


def _ballot(action: FloorAction, vote: PlacardVote) -> ElectronicBallot:
    """The engine's view of the phone vote running now."""
    assert vote.electorate is not None
    return ElectronicBallot(
        vote.electorate, _threshold(action, vote), vote.ballots, frozenset(vote.entered_by_dais)
    )


def _record_cast(
    action: FloorAction,
    vote: PlacardVote,
    cast: ElectronicBallot,
    delegation: Delegation,
    choice: str,
) -> None:
    """Keep the running tally on the floor in step with the ballot just cast."""
    ballots = dict(cast.votes)
    action.update(
        vote=dataclasses.replace(
            vote,
            ballots=ballots,
            entered_by_dais=tuple(sorted(cast.entered_by_chair)),
            yes=sum(1 for c in ballots.values() if c is VoteChoice.YES),
            no=sum(1 for c in ballots.values() if c is VoteChoice.NO),
        )
    )
    action.facts = {
        "motion_id": vote.motion_id,
        "code": action.doc.motions.get(vote.motion_id).code.value,
        "delegation": delegation.name,
        "choice": choice,
    }


def _threshold(action: FloorAction, vote: PlacardVote) -> Threshold:
    motion = action.doc.motions.get(vote.motion_id)
    threshold = _spec(action, motion).threshold
    if threshold is None:
        raise FloorRefusal(_("This motion is not put to a vote."))
    return threshold


def _phone_outcome(action: FloorAction, vote: PlacardVote) -> Outcome:
    """Decide from the stored ballots: the database, not the screen, holds the votes."""
    assert vote.electorate is not None
    rows = ProceduralBallot.objects.filter(committee=action.committee, motion_id=vote.motion_id)
    votes = {str(row.delegation_id): VoteChoice(row.choice) for row in rows}
    votes = {key: choice for key, choice in votes.items() if key in vote.electorate.ids}
    ballot = ElectronicBallot(vote.electorate, _threshold(action, vote), votes)
    # The chair closes the vote; the screen showed how many votes were missing (§8.36).
    return close_ballot(action.params, ballot, accept_missing=True).outcome


def _placard_outcome(action: FloorAction, vote: PlacardVote, yes: int, no: int) -> Outcome:
    assert vote.electorate is not None
    size = vote.electorate.size
    if yes < 0 or no < 0 or yes + no > size:
        raise FloorRefusal(
            _("Yes and No together cannot exceed the %(size)d delegations entitled to vote.")
            % {"size": size}
        )
    # Procedural votes allow no abstention: whoever held no placard up "did not vote" (§8.18).
    tally = Tally(yes=yes, no=no, not_voting=size - yes - no)
    return evaluate(
        _threshold(action, vote),
        tally,
        present=size,
        membership=vote.electorate.membership,
        rounding=action.params.two_thirds_rounding,
    )


def motion_vote_close(
    *, committee: Committee, user: Any, yes: int | None = None, no: int | None = None
) -> None:
    """Close the vote and decide; a motion that passes is carried out at once."""
    with floor_action(committee, kind="motion_vote_closed", user=user) as action:
        action.undoable = False
        vote = action.doc.vote
        if vote is None or vote.electorate is None:
            raise FloorRefusal(_("No vote is open."))
        if vote.by_phone:
            outcome = _phone_outcome(action, vote)
        else:
            if yes is None or no is None:
                raise FloorRefusal(_("Enter the number of Yes and No placards."))
            outcome = _placard_outcome(action, vote, yes, no)
        motion = action.doc.motions.get(vote.motion_id)
        result = MotionVoteResult(motion.id, outcome, vote.by_phone, action.now)
        action.facts = {
            **_motion_facts(action, motion),
            "yes": outcome.tally.yes,
            "no": outcome.tally.no,
            "not_voting": outcome.tally.not_voting,
            "passed": outcome.passed,
            "verdict": outcome.verdict.value,
            "threshold": outcome.threshold.as_text(),
            "base_size": outcome.base_size,
            "required_yes": outcome.required_yes,
            "by_phone": vote.by_phone,
        }
        if motion.code is MotionCode.APPEAL:
            _decide_appeal(action, motion, outcome, vote)
            action.update(vote=None, motion_result=result)
            return
        floor = rules.record_result(action.doc.motions, motion.id, outcome.passed, action.now)
        action.update(motions=floor, vote=None, motion_result=result)
        if outcome.passed:
            action.update(motion_offers=())  # the motions they change are superseded too
            _carry_out(action, motion)


def _decide_appeal(
    action: FloorAction, appeal: Motion, outcome: Outcome, vote: PlacardVote
) -> None:
    """An appeal passes when the ruling is overturned; it drops no other motion."""
    assert vote.electorate is not None
    ruled = action.doc.motion_ruling
    if ruled is None or ruled.ruling.id != appeal.target:
        raise ProcedureError(ErrorCode.NO_RULING_TO_APPEAL, target=appeal.target)
    decided = decide_appeal(
        action.params,
        ruled.ruling,
        outcome.tally,
        present=vote.electorate.size,
        membership=vote.electorate.membership,
    )
    status = MotionStatus.CARRIED if decided.overturned else MotionStatus.FAILED
    floor = _put(
        action.doc.motions, dataclasses.replace(appeal, status=status, decided_at=action.now)
    )
    if decided.overturned:
        floor = _reverse_ruling(floor, ruled, action)
    action.update(motions=floor, motion_ruling=dataclasses.replace(ruled, ruling=decided.ruling))
    action.facts["ruling_overturned"] = decided.overturned


def _reverse_ruling(floor: MotionFloor, ruled: MotionRuling, action: FloorAction) -> MotionFloor:
    """An overturned ruling is reversed: a motion ruled out comes back; one ruled in order is
    out of order."""
    motion = floor.get(ruled.motion_id)
    if ruled.ruling.decision == "in_order":
        if motion.status is not MotionStatus.PENDING:
            return floor
        reversed_motion = dataclasses.replace(
            motion, status=MotionStatus.OUT_OF_ORDER, decided_at=action.now
        )
    elif motion.status in (MotionStatus.OUT_OF_ORDER, MotionStatus.DILATORY):
        reversed_motion = dataclasses.replace(motion, status=MotionStatus.PENDING, decided_at=None)
    else:
        return floor
    return _put(floor, reversed_motion)


# ---- carrying out the motion that passed --------------------------------------------------------


def _carry_out(action: FloorAction, motion: Motion) -> None:
    """Apply the carried motion's effect. If the effect is refused, the vote still stands:
    the result keeps why, and the dais applies it by hand."""
    before = action.doc
    facts = dict(action.facts)
    try:
        _apply_effect(action, motion)
    except (ProcedureError, FloorRefusal) as refusal:
        action.doc = before
        reason = _effect_error(refusal)
        action.facts = {**facts, "effect_error": reason}
        result = action.doc.motion_result
        assert result is not None
        action.update(motion_result=dataclasses.replace(result, effect_error=reason))


def _effect_error(refusal: ProcedureError | FloorRefusal) -> dict[str, Any]:
    """Why an effect was refused, as data that each screen words in its own language: the
    engine's code and facts, or EFFECT_NOT_AUTOMATIC for a refusal of the app itself."""
    if not isinstance(refusal, ProcedureError):
        return {"code": EFFECT_NOT_AUTOMATIC}
    # The services swap delegation ids for names in the request's language (`_names`): keep
    # the engine's own facts, with the ids, so that nothing translated is stored.
    cause = refusal.__cause__
    engine_error = cause if isinstance(cause, ProcedureError) else refusal
    return {"code": engine_error.code, "facts": encode_value(dict(engine_error.facts))}


def _apply_effect(action: FloorAction, motion: Motion) -> None:
    effect = _spec(action, motion).effect
    doc, params = action.doc, action.params
    if effect is Effect.SET_SPEAKING_TIME:
        seconds = rules_speakers.check_speaking_time(params, motion.speaker_seconds or 0)
        action.update(speaking_time=seconds)
    elif effect is Effect.CLOSE_SPEAKERS_LIST:
        action.update(gsl=rules_speakers.set_closed(params, doc.gsl, True))
    elif effect is Effect.REOPEN_SPEAKERS_LIST:
        action.update(gsl=rules_speakers.set_closed(params, doc.gsl, False))
    elif effect is Effect.SUSPEND:
        action.update(phase=Phase.SUSPENDED, phase_before_suspension=doc.phase)
    elif effect is Effect.END_SESSION:
        _adjourn(action)
    elif effect is Effect.ENTER_VOTING:
        action.update(phase=Phase.VOTING_PROCEDURE)
    elif effect is Effect.TABLE_TOPIC:
        action.update(phase=Phase.AGENDA, topic_tabled=True)
    elif effect is Effect.RESUME_TOPIC:
        action.update(phase=Phase.GSL, topic_tabled=False)
    elif effect is Effect.OPEN_GSL:
        action.update(phase=Phase.GSL)
    elif effect in (Effect.START_MODERATED, Effect.START_UNMODERATED):
        from committee.services.caucuses import start_caucus_in

        start_caucus_in(action, motion)
    elif effect is Effect.EXTEND_CAUCUS:
        from committee.services.caucuses import extend_caucus_in

        extend_caucus_in(action, motion)
    else:
        raise FloorRefusal(_("This motion is not carried out automatically yet: apply it by hand."))
    action.facts["effect"] = effect.value


def _adjourn(action: FloorAction) -> None:
    """End the session, as closing it from the dais does, keeping the motions' record."""
    session = action.session
    assert session is not None
    session.closed_at = action.now
    session.save(update_fields=["closed_at"])
    doc = action.doc
    action.doc = FloorDoc(
        phase=Phase.ADJOURNED,
        session_number=session.number,
        attendance=doc.attendance,
        speaking_time=doc.speaking_time,
        motions=doc.motions,
        next_motion_number=doc.next_motion_number,
        motion_result=doc.motion_result,
    )
    action.facts["session"] = session.number


def meeting_resume(*, committee: Committee, user: Any) -> None:
    """The chair resumes a suspended meeting where it stood."""
    with floor_action(committee, kind="meeting_resumed", user=user) as action:
        if action.doc.phase is not Phase.SUSPENDED:
            raise FloorRefusal(_("The meeting is not suspended."))
        phase = action.doc.phase_before_suspension or Phase.GSL
        action.update(phase=phase, phase_before_suspension=None, suspended_until=None)
        action.facts = {"phase": phase.value}
