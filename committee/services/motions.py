"""Motions on the live floor and their procedural votes (procedure.md §3, §8.10–8.18).

The life of a motion, each step one floor action:
- `motion_raise`: a delegation (or the dais for it) raises a motion; the engine screens it. A
  motion over the caps is parked as an offer with the engine's capped values until its mover
  answers (`motion_offer_answer`); otherwise it joins the floor, merged with an identical one.
- `motion_second`, `motion_withdraw`, `motion_suggest` (the chair's friendly change), and
  `motion_rule` (in order / out of order / dilatory), which a delegation may appeal
  (`motion_appeal`) when the profile allows it.
- `motion_vote_open` puts the next motion in precedence to a vote, by placard (the dais types
  the counts at `motion_vote_close`) or by phone (`motion_ballot_cast`; `motion_ballot_enter`
  when the dais enters it for a delegation without a working phone). Closing decides on the
  motion's threshold with the electorate frozen at the opening; the first motion that passes
  is carried out at once and the rest are superseded.

The record outlasts the floor as rows, written inside each action so that undo takes them back
with it: a Motion row for every motion raised, kept in step with the floor (status, seconder,
values, the co-movers that merged into it; its mover stays the delegation that raised it, and
a mover who leaves a merged motion is listed under "withdrawn_by" in its fields); a Ruling row
for each ruling on a motion and an Appeal row once it is appealed; a Question row for each vote
and a Ballot row for each vote cast on a phone or entered by the dais, the only place a ballot
is kept. The Ballot row's unique constraint keeps one vote per delegation per question.

Votes cannot be undone (§8.38): their actions are marked not undoable.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from committee.floor import encode_value
from committee.models import Appeal, Ballot, Committee, Delegation, Question
from committee.models import Motion as MotionRecord
from committee.models import Ruling as RulingRecord
from committee.procedure import motions as rules
from committee.procedure import speakers as rules_speakers
from committee.procedure.attendance import can_vote_procedural
from committee.procedure.choices import MotionCode, RulingSubject
from committee.procedure.electorate import VoteChoice, snapshot_electorate
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.motions import (
    BallotCast,
    MeetingResumed,
    MotionChange,
    MotionDecision,
    MotionRaised,
    MotionRef,
    MotionRuled,
    MotionSeconded,
    MotionValues,
    MotionVoteClosed,
    MotionVoteOpened,
    MotionWithdrawn,
)
from committee.procedure.floor import (
    EFFECT_NOT_AUTOMATIC,
    FloorDoc,
    MotionOffer,
    MotionRuling,
    MotionVoteResult,
    PlacardVote,
)
from committee.procedure.motion_registry import Effect, MotionSpec
from committee.procedure.motions import Motion, MotionFloor, MotionStatus
from committee.procedure.phases import Phase
from committee.procedure.rulings import RulingState, decide_appeal, make_ruling, open_appeal
from committee.procedure.thresholds import Outcome, Tally, Threshold, evaluate
from committee.procedure.voting import ElectronicBallot, cast_electronic, close_ballot
from committee.readmodels.motions import motion_context
from committee.services.caucuses import extend_caucus_in, start_caucus_in
from committee.services.floor import FloorAction, FloorRefusal, floor_action
from committee.services.turns import record_turns_cut_short

RULING_DECISIONS = tuple(decision.value for decision in MotionDecision)
CHOICES = (VoteChoice.YES.value, VoteChoice.NO.value)
# A procedural vote is taken in one round.
BALLOT_ROUND = 1
# The motion's values a Motion row keeps in its `fields`.
MOTION_VALUES = ("total_seconds", "speaker_seconds", "topic", "target")

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


def _ids(keys: Iterable[str]) -> tuple[int, ...]:
    return tuple(int(key) for key in keys)


def _values(motion: Motion) -> MotionValues:
    return MotionValues(motion.total_seconds, motion.speaker_seconds, motion.topic, motion.target)


def _new_id(action: FloorAction, prefix: str) -> tuple[str, int]:
    number = action.doc.next_motion_number
    action.update(next_motion_number=number + 1)
    # Ids stay unique across sessions: the Motion rows are found by them.
    return f"s{action.doc.session_number or 0}{prefix}{number}", number


def _without_offers_for(doc: FloorDoc, motion_id: str) -> tuple[MotionOffer, ...]:
    return tuple(o for o in doc.motion_offers if o.motion.id != motion_id)


# ---- the rows of the record ---------------------------------------------------------------------


@contextmanager
def _motion_action(
    committee: Committee,
    *,
    kind: EventKind,
    user: Any = None,
    delegation: Delegation | None = None,
) -> Iterator[FloorAction]:
    """A floor action on motions, after which every motion it changed has its row in step."""
    with floor_action(committee, kind=kind, user=user, delegation=delegation) as action:
        before = action.doc.motions
        yield action
        _record_motions(action, before)


def _record_motions(action: FloorAction, before: MotionFloor) -> None:
    """A row for each motion new on the floor; the changes of the others onto their rows."""
    earlier = {m.id: m for m in before.motions}
    changed = [m for m in action.doc.motions.motions if earlier.get(m.id) != m]
    rows = _motion_rows(action, [m.id for m in changed])
    for motion in changed:
        row = rows.get(motion.id)
        if row is None:
            _create_motion_row(action, motion)
        else:
            _update_motion_row(action, row, motion, earlier.get(motion.id))


def _motion_rows(action: FloorAction, floor_ids: list[str]) -> dict[str, MotionRecord]:
    if not floor_ids:
        return {}
    rows = MotionRecord.objects.filter(committee=action.committee, floor_id__in=floor_ids)
    return {row.floor_id: row for row in rows}


def _motion_row(action: FloorAction, motion: Motion) -> MotionRecord:
    """The motion's row (written now if the motion is older than the record)."""
    row = _motion_rows(action, [motion.id]).get(motion.id)
    return row if row is not None else _create_motion_row(action, motion)


def _row_fields(motion: Motion, kept: dict[str, Any]) -> dict[str, Any]:
    """The motion's values, with what else the row keeps (who withdrew, a merge)."""
    values = {name: getattr(motion, name) for name in MOTION_VALUES}
    others = {key: value for key, value in kept.items() if key not in MOTION_VALUES}
    return {**others, **{key: value for key, value in values.items() if value not in (None, "")}}


def _delegation_or_none(action: FloorAction, key: str | None) -> Delegation | None:
    return action.delegation(key) if key is not None else None


def _create_motion_row(action: FloorAction, motion: Motion) -> MotionRecord:
    row = action.create_row(
        MotionRecord,
        committee=action.committee,
        session=action.session,
        floor_id=motion.id,
        code=motion.code.value,
        mover=action.delegation(motion.mover),
        seconder=_delegation_or_none(action, motion.seconder),
        fields=_row_fields(motion, {}),
        status=motion.status.value,
        raised_at=action.now,
        decided_at=motion.decided_at,
    )
    if motion.co_movers:
        _add_co_movers(action, row, motion.co_movers)
    return row


def _update_motion_row(
    action: FloorAction, row: MotionRecord, motion: Motion, earlier: Motion | None
) -> None:
    changes: dict[str, Any] = {}
    if row.status != motion.status.value:
        changes["status"] = motion.status.value
    if row.decided_at != motion.decided_at:
        changes["decided_at"] = motion.decided_at
    if row.seconder_id != (int(motion.seconder) if motion.seconder else None):
        changes["seconder"] = _delegation_or_none(action, motion.seconder)
    fields = _row_fields(motion, row.fields)
    if fields != row.fields:
        changes["fields"] = fields
    if changes:
        action.update_row(row, **changes)
    joined = set(motion.movers) - set(earlier.movers if earlier else (motion.mover,))
    if joined:
        _add_co_movers(action, row, sorted(joined))


def _add_co_movers(action: FloorAction, row: MotionRecord, keys: Iterable[str]) -> None:
    """Record delegations that moved the same motion (rows of their own, so undo takes them
    back); the mover who raised it is not its own co-mover."""
    through = MotionRecord.co_movers.through
    already = set(through.objects.filter(motion=row).values_list("delegation_id", flat=True))
    for key in keys:
        if int(key) != row.mover_id and int(key) not in already:
            action.create_row(through, motion=row, delegation=action.delegation(key))


def _ruling_row(action: FloorAction, ruled: MotionRuling) -> RulingRecord | None:
    """The row of the floor's latest ruling on a motion: the newest one on that motion."""
    rulings = RulingRecord.objects.filter(
        committee=action.committee, motion__floor_id=ruled.motion_id
    )
    return rulings.order_by("-pk").first()


def _appeal_row(action: FloorAction, ruled: MotionRuling) -> Appeal | None:
    ruling = _ruling_row(action, ruled)
    return Appeal.objects.filter(ruling=ruling).first() if ruling is not None else None


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
    with _motion_action(
        committee, kind=EventKind.MOTION_RAISED, user=user, delegation=delegation
    ) as action:
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
        action.payload = _place(action, motion)


def motion_appeal(
    *,
    committee: Committee,
    appellant_id: int | str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """Appeal the chair's last ruling on a motion (§3.4): a motion voted at once."""
    _acting_for(delegation, appellant_id)
    with _motion_action(
        committee, kind=EventKind.MOTION_RAISED, user=user, delegation=delegation
    ) as action:
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
        action.payload = _place(action, appeal)
        if ruled.ruling.state is RulingState.IN_FORCE:
            frozen = open_appeal(action.params, ruled.ruling)  # frozen until the appeal vote
            action.update(motion_ruling=dataclasses.replace(ruled, ruling=frozen))
            ruling_row = _ruling_row(action, ruled)
            if ruling_row is not None:
                action.update_row(ruling_row, state=frozen.state.value)
                action.create_row(Appeal, ruling=ruling_row, appellant=appellant)


def _place(action: FloorAction, motion: Motion) -> MotionRaised:
    """Screen a raised motion: onto the floor (merged with an identical one), or parked as an
    offer with the engine's capped values when it is over the caps."""
    screening = _ask(
        action, lambda: rules.screen_motion(action.params, motion_context(action.doc), motion)
    )
    if screening.suggestion is not None:
        offer = MotionOffer(motion, screening.suggestion, action.now)
        action.update(motion_offers=(*action.doc.motion_offers, offer))
        _create_motion_row(action, motion)  # raised, though not on the floor until accepted
        return MotionRaised(
            motion.id, motion.code, _ids(motion.movers), _values(motion), over_cap=True
        )
    placed = _propose(action, motion)
    return MotionRaised(
        motion.id,
        motion.code,
        _ids(placed.movers),
        _values(motion),
        merged_into=placed.id if placed.id != motion.id else None,
    )


def _propose(action: FloorAction, motion: Motion) -> Motion:
    """Put the motion on the floor; the pending motion that carries it now (itself, or the
    identical motion it merged into)."""
    floor = rules.propose(action.doc.motions, motion)
    action.update(motions=floor)
    return next(m for m in floor.pending if m.identity() == motion.identity())


def motion_offer_answer(
    *,
    committee: Committee,
    motion_id: str,
    accept: bool,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The mover accepts or refuses the change offered for its motion (§8.10, §8.15)."""
    kind = EventKind.MOTION_CHANGE_ACCEPTED if accept else EventKind.MOTION_CHANGE_REFUSED
    with _motion_action(committee, kind=kind, user=user, delegation=delegation) as action:
        offer = next((o for o in action.doc.motion_offers if o.motion.id == motion_id), None)
        if offer is None:
            raise FloorRefusal(_("That change is no longer waiting for an answer."))
        _acting_for(delegation, offer.motion.mover)
        action.update(motion_offers=_without_offers_for(action.doc, motion_id))
        action.payload = MotionChange(
            motion_id,
            offer.motion.code,
            int(offer.motion.mover),
            offer.friendly,
            _values(offer.suggestion),
        )
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
        placed = _propose(action, again.suggestion or again.motion)
        if placed.id != motion_id:
            _merged_away(action, motion_id, placed.id)
            action.payload = dataclasses.replace(action.payload, merged_into=placed.id)


def _merged_away(action: FloorAction, motion_id: str, merged_into: str) -> None:
    """The accepted motion is the same as one already on the floor: its mover now moves that
    one, and its own row says where it went."""
    row = _motion_rows(action, [motion_id]).get(motion_id)
    if row is not None:
        action.update_row(
            row,
            status=MotionStatus.SUPERSEDED.value,
            decided_at=action.now,
            fields={**row.fields, "merged_into": merged_into},
        )


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
    with _motion_action(committee, kind=EventKind.MOTION_CHANGE_SUGGESTED, user=user) as action:
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
        action.payload = MotionChange(
            motion.id, motion.code, int(motion.mover), friendly=True, values=_values(changed)
        )


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
    with _motion_action(
        committee, kind=EventKind.MOTION_SECONDED, user=user, delegation=delegation
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
                action.params, motion, str(seconder.pk), action.doc.present_ids()
            ),
        )
        action.update(motions=_put(action.doc.motions, seconded))
        action.payload = MotionSeconded(motion.id, motion.code, seconder.pk)


def motion_withdraw(
    *,
    committee: Committee,
    motion_id: str,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """A mover withdraws its motion until its vote starts (§8.15); the dais may do it for the
    movers when they ask from the floor."""
    with _motion_action(
        committee, kind=EventKind.MOTION_WITHDRAWN, user=user, delegation=delegation
    ) as action:
        motion = _ask(action, lambda: action.doc.motions.get(motion_id))
        by = [str(delegation.pk)] if delegation is not None else list(motion.movers)
        floor = action.doc.motions
        for mover in by:
            with _names(action):
                floor = rules.withdraw(floor, motion_id, mover)
        action.update(motions=floor, motion_offers=_without_offers_for(action.doc, motion_id))
        remaining = floor.get(motion_id)
        still_moved_by = remaining.movers if remaining.status is MotionStatus.PENDING else ()
        if still_moved_by:
            row = _motion_row(action, motion)
            withdrawn_by = sorted({*row.fields.get("withdrawn_by", ()), *_ids(by)})
            action.update_row(row, fields={**row.fields, "withdrawn_by": withdrawn_by})
        action.payload = MotionWithdrawn(motion.id, motion.code, _ids(by), _ids(still_moved_by))


def motion_rule(*, committee: Committee, user: Any, motion_id: str, decision: str) -> None:
    """The chair rules a pending motion in order, out of order or dilatory (§3.4, §8.16)."""
    if decision not in RULING_DECISIONS:
        raise FloorRefusal(_("Rule the motion in order, out of order or dilatory."))
    with _motion_action(committee, kind=EventKind.MOTION_RULED, user=user) as action:
        current = action.doc.motion_ruling
        if current is not None and current.ruling.state is RulingState.UNDER_APPEAL:
            raise FloorRefusal(_("The last ruling is under appeal: vote on the appeal first."))
        motion = _pending(action, motion_id)
        spec = _spec(action, motion)
        subject = spec.ruling_subject
        if decision == MotionDecision.DILATORY:
            subject = (
                RulingSubject.DILATORY_CAUCUS if spec.is_caucus else RulingSubject.DILATORY_MOTION
            )
        ruling_id, _number = _new_id(action, "r")
        ruling = make_ruling(subject, decision, ruling_id, action.now)
        floor = action.doc.motions
        if decision != MotionDecision.IN_ORDER:
            floor = rules.rule_out(floor, motion_id, dilatory=decision == MotionDecision.DILATORY)
            floor = _put(floor, dataclasses.replace(floor.get(motion_id), decided_at=action.now))
        action.update(
            motions=floor,
            motion_ruling=MotionRuling(ruling, motion_id),
            motion_offers=_without_offers_for(action.doc, motion_id),
        )
        action.create_row(
            RulingRecord,
            committee=action.committee,
            session=action.session,
            motion=_motion_row(action, motion),
            subject=subject.value,
            decision=decision,
            state=ruling.state.value,
            ruled_at=action.now,
        )
        failed = rules.recent_failure(action.doc.motions.motions, motion, action.now)
        action.payload = MotionRuled(
            motion.id,
            motion.code,
            ruling_id,
            MotionDecision(decision),
            appealable=spec.appealable and subject not in action.params.non_appealable_rulings,
            failed_minutes_ago=int(failed.total_seconds() // 60) if failed else None,
        )


# ---- the vote -----------------------------------------------------------------------------------


def motion_vote_open(*, committee: Committee, user: Any, motion_id: str, by_phone: bool) -> None:
    """Put the next motion in precedence to a procedural vote, by placard or by phone."""
    with _motion_action(committee, kind=EventKind.MOTION_VOTE_OPENED, user=user) as action:
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
        question = action.create_row(
            Question,
            committee=action.committee,
            session=action.session,
            motion=_motion_row(action, motion),
            method=Question.Method.PHONES if by_phone else Question.Method.PLACARDS,
            opened_at=action.now,
        )
        vote = PlacardVote(
            motion_id=motion_id,
            opened_at=action.now,
            by_phone=by_phone,
            electorate=electorate,
            question_id=question.pk,
        )
        ruling = action.doc.motion_ruling
        if ruling is not None and ruling.ruling.state is not RulingState.UNDER_APPEAL:
            ruling = None  # the floor moved on: the ruling is no longer appealable, nor news
        if motion.code is MotionCode.APPEAL and ruling is not None:
            appeal = _appeal_row(action, ruling)
            if appeal is not None:
                action.update_row(appeal, question=question)
        action.update(motions=floor, vote=vote, motion_result=None, motion_ruling=ruling)
        action.payload = MotionVoteOpened(motion.id, motion.code, by_phone, electorate.size)


def motion_ballot_cast(*, committee: Committee, delegation: Delegation, choice: str) -> None:
    """A delegation votes Yes or No on its phone; a second tap changes its vote (§8.31)."""
    if choice not in CHOICES:
        raise FloorRefusal(_("Vote yes or no: procedural votes allow no abstention."))
    with _motion_action(
        committee, kind=EventKind.MOTION_BALLOT_CAST, delegation=delegation
    ) as action:
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
        stored = _stored_ballots(vote)
        # The engine checks the vote: in the electorate, and a change only where allowed.
        _ask(
            action,
            lambda: cast_electronic(
                action.params, _ballot(action, vote, stored), key, VoteChoice(choice)
            ),
        )
        earlier = stored.get(key)
        if earlier is None:
            _store_ballot(action, vote, delegation, choice, entered_by_dais=False)
        else:  # a second tap, or the phone back after the dais entered its vote
            action.update_row(earlier, choice=choice, entered_by_dais=False, cast_at=action.now)
        action.payload = _ballot_facts(action, vote, delegation, choice, entered_by_dais=False)


def motion_ballot_enter(
    *, committee: Committee, user: Any, delegation_id: int | str, choice: str
) -> None:
    """The dais enters the vote of a delegation without a working phone, in a phone vote.

    The log says the dais entered it. A delegation that has already voted keeps its own vote:
    the dais cannot overwrite it, so no delegation is counted twice or changed behind its back.
    """
    if choice not in CHOICES:
        raise FloorRefusal(_("Vote yes or no: procedural votes allow no abstention."))
    with _motion_action(committee, kind=EventKind.MOTION_BALLOT_ENTERED, user=user) as action:
        action.undoable = False
        vote = _open_phone_vote(
            action, _("This vote is taken by placard: count the placards instead.")
        )
        delegation = action.delegation(delegation_id)
        key = str(delegation.pk)
        stored = _stored_ballots(vote)
        if key in stored:
            raise FloorRefusal(
                _("%(delegation)s has already voted; its own vote stands.")
                % {"delegation": delegation.display_name()}
            )
        ballot = _ballot(action, vote, stored)
        _ask(
            action,
            lambda: cast_electronic(action.params, ballot, key, VoteChoice(choice), by_chair=True),
        )
        _store_ballot(action, vote, delegation, choice, entered_by_dais=True)
        action.payload = _ballot_facts(action, vote, delegation, choice, entered_by_dais=True)


def _open_phone_vote(action: FloorAction, by_placard: str | Promise) -> PlacardVote:
    """The vote under way, if it is taken on phones; `by_placard` says what to do instead."""
    vote = action.doc.vote
    if vote is None or vote.electorate is None:
        raise FloorRefusal(_("No vote is open."))
    if not vote.by_phone:
        raise FloorRefusal(by_placard)
    return vote


def _stored_ballots(vote: PlacardVote) -> dict[str, Ballot]:
    """The ballots of the vote running now, by delegation id: the rows hold the votes."""
    ballots = Ballot.objects.filter(question_id=vote.question_id, round=BALLOT_ROUND)
    return {str(ballot.delegation_id): ballot for ballot in ballots}


def _store_ballot(
    action: FloorAction,
    vote: PlacardVote,
    delegation: Delegation,
    choice: str,
    *,
    entered_by_dais: bool,
) -> None:
    action.create_row(
        Ballot,
        question_id=vote.question_id,
        delegation=delegation,
        round=BALLOT_ROUND,
        choice=choice,
        entered_by_dais=entered_by_dais,
        cast_at=action.now,
    )


def _ballot_facts(
    action: FloorAction,
    vote: PlacardVote,
    delegation: Delegation,
    choice: str,
    *,
    entered_by_dais: bool,
) -> BallotCast:
    motion = action.doc.motions.get(vote.motion_id)
    return BallotCast(motion.id, motion.code, delegation.pk, VoteChoice(choice), entered_by_dais)


def _ballot(action: FloorAction, vote: PlacardVote, stored: dict[str, Ballot]) -> ElectronicBallot:
    """The engine's view of the phone vote running now, from its stored ballots."""
    assert vote.electorate is not None
    return ElectronicBallot(
        vote.electorate,
        _threshold(action, vote),
        {key: VoteChoice(ballot.choice) for key, ballot in stored.items()},
        frozenset(key for key, ballot in stored.items() if ballot.entered_by_dais),
    )


def _threshold(action: FloorAction, vote: PlacardVote) -> Threshold:
    motion = action.doc.motions.get(vote.motion_id)
    threshold = _spec(action, motion).threshold
    if threshold is None:
        raise FloorRefusal(_("This motion is not put to a vote."))
    return threshold


def _phone_outcome(action: FloorAction, vote: PlacardVote) -> Outcome:
    """Decide from the stored ballots: the database, not the screen, holds the votes."""
    assert vote.electorate is not None
    votes = {
        key: VoteChoice(ballot.choice)
        for key, ballot in _stored_ballots(vote).items()
        if key in vote.electorate.ids
    }
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
    with _motion_action(committee, kind=EventKind.MOTION_VOTE_CLOSED, user=user) as action:
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
        question = Question.objects.filter(pk=vote.question_id).first()
        if question is not None:
            action.update_row(
                question,
                closed_at=action.now,
                yes=outcome.tally.yes,
                no=outcome.tally.no,
                passed=outcome.passed,
            )
        result = MotionVoteResult(motion.id, outcome, vote.by_phone, action.now)
        closed = MotionVoteClosed(
            motion.id,
            motion.code,
            _ids(motion.movers),
            vote.by_phone,
            yes=outcome.tally.yes,
            no=outcome.tally.no,
            not_voting=outcome.tally.not_voting,
            passed=outcome.passed,
            verdict=outcome.verdict,
            required_yes=outcome.required_yes,
            base_size=outcome.base_size,
        )
        if motion.code is MotionCode.APPEAL:
            overturned = _decide_appeal(action, motion, outcome, vote)
            action.update(vote=None, motion_result=result)
            action.payload = dataclasses.replace(closed, ruling_overturned=overturned)
            return
        pending = {m.id for m in action.doc.motions.pending}
        floor = rules.record_result(action.doc.motions, motion.id, outcome.passed, action.now)
        action.update(motions=floor, vote=None, motion_result=result)
        action.payload = closed
        if not outcome.passed:
            return
        superseded = [
            MotionRef(m.id, m.code)
            for m in floor.motions
            if m.id in pending and m.status is MotionStatus.SUPERSEDED
        ]
        superseded += _supersede_offers(action)  # the motions they change are superseded too
        action.payload = dataclasses.replace(
            closed,
            superseded=tuple(superseded),
            effect=_spec(action, motion).effect,
            effect_error=_carry_out(action, motion),
        )


def _supersede_offers(action: FloorAction) -> list[MotionRef]:
    """Motions raised over the caps and still waiting for their mover are superseded."""
    waiting = [o.motion for o in action.doc.motion_offers if not o.friendly]
    action.update(motion_offers=())
    rows = _motion_rows(action, [motion.id for motion in waiting])
    for motion in waiting:
        row = rows.get(motion.id)
        if row is not None:
            action.update_row(row, status=MotionStatus.SUPERSEDED.value, decided_at=action.now)
    return [MotionRef(motion.id, motion.code) for motion in waiting]


def _decide_appeal(
    action: FloorAction, appeal: Motion, outcome: Outcome, vote: PlacardVote
) -> bool:
    """An appeal passes when the ruling is overturned; it drops no other motion. Whether the
    ruling was overturned."""
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
    ruling_row = _ruling_row(action, ruled)
    if ruling_row is not None:
        action.update_row(ruling_row, state=decided.ruling.state.value)
        appeal_row = Appeal.objects.filter(ruling=ruling_row).first()
        if appeal_row is not None:
            action.update_row(appeal_row, overturned=decided.overturned)
    return decided.overturned


def _reverse_ruling(floor: MotionFloor, ruled: MotionRuling, action: FloorAction) -> MotionFloor:
    """An overturned ruling is reversed: a motion ruled out comes back; one ruled in order is
    out of order."""
    motion = floor.get(ruled.motion_id)
    if ruled.ruling.decision == MotionDecision.IN_ORDER:
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


def _carry_out(action: FloorAction, motion: Motion) -> dict[str, Any]:
    """Apply the carried motion's effect. If the effect is refused, the vote still stands:
    the result keeps why (also returned; {} when applied), and the dais applies it by hand."""
    before = action.doc
    rows_before = len(action.rows)
    try:
        with transaction.atomic():  # a refused effect leaves no rows behind either
            _apply_effect(action, motion)
    except (ProcedureError, FloorRefusal) as refusal:
        action.doc = before
        del action.rows[rows_before:]
        reason = _effect_error(refusal)
        result = action.doc.motion_result
        assert result is not None
        action.update(motion_result=dataclasses.replace(result, effect_error=reason))
        return reason
    return {}


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
        start_caucus_in(action, motion)
    elif effect is Effect.EXTEND_CAUCUS:
        extend_caucus_in(action, motion)
    else:
        raise FloorRefusal(_("This motion is not carried out automatically yet: apply it by hand."))


def _adjourn(action: FloorAction) -> None:
    """End the session, as closing it from the dais does, keeping the motions' record."""
    session = action.session
    assert session is not None
    record_turns_cut_short(action)
    action.update_row(session, closed_at=action.now)
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


def meeting_resume(*, committee: Committee, user: Any) -> None:
    """The chair resumes a suspended meeting where it stood."""
    with floor_action(committee, kind=EventKind.MEETING_RESUMED, user=user) as action:
        if action.doc.phase is not Phase.SUSPENDED:
            raise FloorRefusal(_("The meeting is not suspended."))
        phase = action.doc.phase_before_suspension or Phase.GSL
        action.update(phase=phase, phase_before_suspension=None, suspended_until=None)
        action.payload = MeetingResumed(phase)
