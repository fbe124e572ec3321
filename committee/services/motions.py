"""Motions on the live floor and their procedural votes (procedure.md §3, §8.10–8.18).

Each function is one floor action: it locks the floor, asks the engine for the transition
(`committee.procedure.motions_floor`; what a result does: `committee.procedure.motion_effects`),
applies it and writes the record's rows. The life of a motion:
- `motion_raise`: a delegation (or the dais for it) raises a motion. A motion over the caps
  waits as an offer of the capped values until its mover answers (`motion_offer_answer`: on
  its phone, or aloud to the dais, who records it); otherwise it joins the floor, merged with
  an identical one.
- `motion_second`, `motion_withdraw`, `motion_suggest` (the chair's friendly change), and
  `motion_rule` (in order / out of order / dilatory), which a delegation may appeal
  (`motion_appeal`) when the profile allows it, as it may the chair's ruling on a point of
  order (named by its id; `committee.services.points` writes that ruling's row).
- `motion_vote_open` puts the next motion in precedence to a vote, by placard (the dais types
  the counts at `motion_vote_close`) or by phone (`motion_ballot_cast`; `motion_ballot_enter`
  when the dais enters it for a delegation without a working phone). Closing decides on the
  motion's threshold with the electorate frozen at the opening; the first motion that passes
  is carried out at once (a caucus too: the engine starts or extends it) and the rest are
  superseded.

The record outlasts the floor as rows, written inside each action so that undo takes them back
with it: a Motion row for every motion raised, kept in step with the floor (status, seconder,
values, the co-movers that merged into it; its mover stays the delegation that raised it, and
a mover who leaves a merged motion is listed under "withdrawn_by" in its fields); a Ruling row
for each ruling on a motion and an Appeal row once it (or a ruling on a point) is appealed; a
Question row for each vote, which keeps who may vote as the vote opened (the floor keeps only
how many: every log event stores the floor's change), and a Ballot row for each vote cast on a
phone or entered by the dais, the only place a ballot is kept (the engine is handed the
electorate and the ballots from the rows). The Ballot row's unique constraint keeps one vote
per delegation per question.

Votes cannot be undone (§8.38): their actions are marked not undoable.

Motions that name a paper (to introduce a draft resolution, a working paper or an amendment;
a Q&A session) are screened against the papers read from the rows
(`committee.document_selectors.motion_papers`): a document is named by its id, an amendment by
"a" and its id. A motion that takes no vote (an introduction, unless the profile puts it to
one) is carried when the chair rules it in order in its turn. Once a motion to introduce a
document is carried, the document is introduced (`committee.services.documents`) after the
floor's change commits, as the dais user who carried it: a document action locks the topic,
the document and then the floor, so it never runs inside a floor action. Its refusal then (a
signature withdrawn meanwhile) is only logged: the dais can still introduce it by hand. Taking
no vote, that ruling cannot be undone either.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from committee.document_rows import document_ref, engine_document
from committee.document_selectors import (
    DocumentsView,
    MotionPapers,
    engine_numbering,
    motion_papers,
)
from committee.floor import decode_electorate, encode_value
from committee.models import Appeal, Ballot, Committee, Delegation, Document, Question
from committee.models import Motion as MotionRecord
from committee.models import Ruling as RulingRecord
from committee.procedure import appeals_floor, motion_effects, motions_floor
from committee.procedure import documents as document_rules
from committee.procedure.choices import MotionCode
from committee.procedure.documents import DocumentStatus
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.motions import MotionDecision, MotionRaised
from committee.procedure.floor import PlacardVote
from committee.procedure.motions import (
    INTRODUCTIONS,
    PAPER_MOTIONS,
    Motion,
    MotionFloor,
    MotionStatus,
    spec_for,
)
from committee.procedure.phases import Phase
from committee.procedure.rulings import RulingState
from committee.procedure.voting_motions import NAMING_DRAFTS
from committee.services.documents import document_introduce
from committee.services.floor import FloorAction, FloorRefusal, floor_action

logger = logging.getLogger(__name__)

RULING_DECISIONS = tuple(decision.value for decision in MotionDecision)
CHOICES = (VoteChoice.YES.value, VoteChoice.NO.value)
# A procedural vote is taken in one round.
BALLOT_ROUND = 1
# The motion's values a Motion row keeps in its `fields`.
MOTION_VALUES = ("total_seconds", "speaker_seconds", "topic", "target", "parts", "order")


def _requested_by(delegation: Delegation | None) -> str | None:
    """The delegation whose phone asks, for the engine; None when the dais acts."""
    return str(delegation.pk) if delegation is not None else None


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
    given = {key: value for key, value in values.items() if value not in (None, "", ())}
    # Parts and an order are lists, as the JSON field gives them back.
    return {**others, **{k: list(v) if isinstance(v, tuple) else v for k, v in given.items()}}


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


def _ruling_row(action: FloorAction, ruling_id: str) -> RulingRecord | None:
    """The row of a ruling the floor keeps: for the last ruling on a motion, the newest row on
    that motion; for a ruling on a point of order, the row of its raiser's point ruled then."""
    ruled = action.doc.motion_ruling
    rulings = RulingRecord.objects.filter(committee=action.committee)
    if ruled is not None and ruled.ruling.id == ruling_id:
        return rulings.filter(motion__floor_id=ruled.motion_id).order_by("-pk").first()
    on_point = appeals_floor.point_ruling(action.doc, ruling_id)
    if on_point is None:
        return None
    on_points = rulings.filter(
        motion__isnull=True,
        point_by_id=int(on_point.point.delegation),
        ruled_at=on_point.ruling.made_at,
    )
    return on_points.order_by("-pk").first()


def _appeal_row(action: FloorAction, ruling_id: str) -> Appeal | None:
    ruling = _ruling_row(action, ruling_id)
    return Appeal.objects.filter(ruling=ruling).first() if ruling is not None else None


# ---- papers named by motions --------------------------------------------------------------------


def _papers(committee: Committee, code: MotionCode) -> MotionPapers:
    """The papers a motion may name, read from the rows only for a motion that names one (or,
    for closure of debate, needs a draft resolution on the floor; a voting-procedure motion
    names its drafts in the log)."""
    if code not in PAPER_MOTIONS | NAMING_DRAFTS and code is not MotionCode.CLOSE_DEBATE:
        return MotionPapers()
    return motion_papers(DocumentsView(committee))


@contextmanager
def _papers_named_in_refusals(action: FloorAction, papers: MotionPapers) -> Iterator[None]:
    """A motion naming a paper that is not ready is refused with the paper's label and, for a
    document to introduce, the engine's reason it may not be introduced (not approved, short
    of its quota). A paper the committee may not read yet is not described."""
    try:
        yield
    except ProcedureError as error:
        paper = papers.by_target.get(str(error.facts.get("target")))
        if error.code != ErrorCode.DOCUMENT_NOT_READY or paper is None or not paper.card.is_public:
            raise
        if paper.amendment is None and error.facts.get("motion") in INTRODUCTIONS:
            document_rules.introduce(action.params, engine_document(paper.card.row))
        raise ProcedureError(error.code, **(error.facts | {"target": paper.label})) from error


def _introduce_after_commit(committee: Committee, user: Any, motion: Motion) -> None:
    """The document a carried motion introduces is introduced once the floor's change is
    stored; an amendment's introduction is the motion carried. A refusal then is logged."""
    target = motion.target or ""
    if motion.code not in INTRODUCTIONS or not target.isdigit():
        return
    document_id = int(target)

    def introduce() -> None:
        status = Document.objects.filter(pk=document_id).values_list("status", flat=True).first()
        if status != DocumentStatus.APPROVED:
            return  # introduced meanwhile (by hand), or decided since: nothing to do
        try:
            document_introduce(committee=committee, user=user, document_id=document_id)
        except (ProcedureError, FloorRefusal) as refusal:
            logger.warning(
                "Motion %s to introduce document %s was carried in committee %s, but the "
                "document was not introduced: %s",
                motion.id,
                document_id,
                committee.pk,
                refusal,
            )

    transaction.on_commit(introduce, robust=True)


def _drafts_named(raised: MotionRaised, papers: MotionPapers) -> MotionRaised:
    """The raise's facts with the drafts it names as labelled now (its target, or the drafts
    in the order proposed) and a division's parts as the draft's text numbers them now."""
    values = raised.values
    named = [papers.by_target.get(key) for key in (values.order or (values.target or "",))]
    cards = [paper.card for paper in named if paper is not None and paper.amendment is None]
    numbers: tuple[str, ...] = ()
    if values.parts and cards:
        labels = engine_numbering(cards[0].body)
        numbers = tuple(labels.get(part, part) for part in values.parts)
    refs = tuple(document_ref(card.row) for card in cards)
    return dataclasses.replace(raised, papers=refs, part_numbers=numbers)


# ---- raising ------------------------------------------------------------------------------------


def motion_raise(
    *,
    committee: Committee,
    code: str,
    mover_id: int | str,
    total_seconds: int | None = None,
    speaker_seconds: int | None = None,
    topic: str = "",
    target: str = "",
    parts: Iterable[str] = (),
    order: Iterable[str] = (),
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """A delegation raises a motion from its phone, or the dais enters one for it. `target`
    names the paper a motion to introduce (or a Q&A session) is about, or the draft in voting
    a voting-procedure motion is about; a division names its `parts` (clause ids), a reorder
    the drafts in voting in their new `order`. The log names them as numbered now."""
    if code not in set(MotionCode) or code == MotionCode.APPEAL:
        raise FloorRefusal(_("Choose a motion from the list."))
    papers = _papers(committee, MotionCode(code))
    with _motion_action(
        committee, kind=EventKind.MOTION_RAISED, user=user, delegation=delegation
    ) as action:
        mover = action.delegation(mover_id)
        with _papers_named_in_refusals(action, papers):
            transition = motions_floor.raise_motion(
                action.doc,
                action.params,
                MotionCode(code),
                str(mover.pk),
                action.now,
                total_seconds=total_seconds,
                speaker_seconds=speaker_seconds,
                topic=topic,
                target=target,
                parts=tuple(parts),
                order=tuple(order),
                requested_by=_requested_by(delegation),
                documents=papers.engine,
            )
        action.apply(transition)
        if MotionCode(code) in NAMING_DRAFTS:
            action.payload = _drafts_named(action.payload, papers)
        if action.payload.over_cap:
            # Raised, though not on the floor until its mover accepts the capped values.
            offer = motions_floor.offer_for(action.doc, action.payload.motion)
            assert offer is not None
            _create_motion_row(action, offer.motion)


def motion_appeal(
    *,
    committee: Committee,
    appellant_id: int | str,
    ruling_id: str = "",
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """Appeal a ruling of the chair (§3.4, §8.17): its last ruling on a motion (no
    `ruling_id`), or a ruling on a point of order (its id). The appeal is a motion voted at
    once. A delegation appeals on its phone (`delegation`); a dais `user` records the appeal
    of a delegation without a working phone. The ruling's row is marked under appeal and an
    Appeal row names the appellant; a second appellant joins the appeal already moved."""
    with _motion_action(
        committee, kind=EventKind.MOTION_RAISED, user=user, delegation=delegation
    ) as action:
        appellant = action.delegation(appellant_id)
        transition = appeals_floor.appeal_ruling(
            action.doc,
            action.params,
            str(appellant.pk),
            action.now,
            ruling_id=ruling_id or None,
            requested_by=_requested_by(delegation),
        )
        moved = transition.facts
        assert isinstance(moved, MotionRaised) and moved.values.target is not None
        target = moved.values.target
        before = appeals_floor.find_ruling(action.doc, target)
        action.apply(transition)
        frozen = appeals_floor.find_ruling(action.doc, target)
        if before is None or frozen is None or frozen == before:
            return  # the ruling was already under appeal: the appellant joined the appeal
        ruling_row = _ruling_row(action, target)
        if ruling_row is not None:
            action.update_row(ruling_row, state=frozen.state.value)
            action.create_row(Appeal, ruling=ruling_row, appellant=appellant)


def motion_offer_answer(
    *,
    committee: Committee,
    motion_id: str,
    accept: bool,
    user: Any = None,
    delegation: Delegation | None = None,
) -> None:
    """The mover accepts or refuses the change offered for its motion (§8.10, §8.15), on its
    phone (`delegation`), or aloud to a dais `user` who records the answer for it (a mover
    without a working phone, as §8.36 has the dais enter a vote): the log says so, and a phone
    still answers only for its own motion."""
    kind = EventKind.MOTION_CHANGE_ACCEPTED if accept else EventKind.MOTION_CHANGE_REFUSED
    with _motion_action(committee, kind=kind, user=user, delegation=delegation) as action:
        offer = motions_floor.offer_for(action.doc, motion_id)
        if offer is None:
            raise FloorRefusal(_("That change is no longer waiting for an answer."))
        papers = _papers(committee, offer.motion.code)
        with _papers_named_in_refusals(action, papers):
            transition = motions_floor.answer_offer(
                action.doc,
                action.params,
                motion_id,
                accept,
                action.now,
                requested_by=_requested_by(delegation),
                documents=papers.engine,
            )
        action.apply(transition)
        if delegation is None:
            action.payload = dataclasses.replace(action.payload, answered_by_dais=True)
        if action.payload.merged_into is not None:
            _merged_away(action, motion_id, action.payload.merged_into)


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
        papers = _papers(committee, action.doc.motions.get(motion_id).code)
        with _papers_named_in_refusals(action, papers):
            transition = motions_floor.suggest_change(
                action.doc,
                action.params,
                motion_id,
                action.now,
                total_seconds=total_seconds,
                speaker_seconds=speaker_seconds,
                topic=topic,
                documents=papers.engine,
            )
        action.apply(transition)


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
    with _motion_action(
        committee, kind=EventKind.MOTION_SECONDED, user=user, delegation=delegation
    ) as action:
        seconder = action.delegation(seconder_id)
        transition = motions_floor.record_second(
            action.doc,
            action.params,
            motion_id,
            str(seconder.pk),
            requested_by=_requested_by(delegation),
        )
        action.apply(transition)


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
        by = str(delegation.pk) if delegation is not None else None
        transition = motions_floor.withdraw_motion(action.doc, motion_id, by=by)
        action.apply(transition)
        withdrawn = action.payload
        if withdrawn.still_moved_by:
            row = _motion_row(action, action.doc.motions.get(motion_id))
            withdrawn_by = sorted({*row.fields.get("withdrawn_by", ()), *withdrawn.by})
            action.update_row(row, fields={**row.fields, "withdrawn_by": withdrawn_by})


def motion_rule(*, committee: Committee, user: Any, motion_id: str, decision: str) -> None:
    """The chair rules a pending motion in order, out of order or dilatory (§3.4, §8.16). A
    motion that takes no vote ruled in order in its turn is carried (an introduction: its
    document is introduced after commit)."""
    if decision not in RULING_DECISIONS:
        raise FloorRefusal(_("Rule the motion in order, out of order or dilatory."))
    with _motion_action(committee, kind=EventKind.MOTION_RULED, user=user) as action:
        waiting = [o.motion for o in action.doc.motion_offers if not o.friendly]
        transition = motions_floor.rule_on_motion(
            action.doc, action.params, motion_id, MotionDecision(decision), action.now
        )
        action.apply(transition)
        motion = action.doc.motions.get(motion_id)
        ruled = action.doc.motion_ruling
        if motion.status is MotionStatus.CARRIED:
            # Carried without a vote: the floor moved on, no ruling is left to appeal, and
            # the document it introduces is not taken back by undo.
            action.undoable = False
            _supersede_rows(action, [m.id for m in waiting])
            _introduce_after_commit(committee, user, motion)
            subject = spec_for(action.params, motion.code).ruling_subject
            state = RulingState.IN_FORCE
        else:
            assert ruled is not None
            subject, state = ruled.ruling.subject, ruled.ruling.state
        action.create_row(
            RulingRecord,
            committee=action.committee,
            session=action.session,
            motion=_motion_row(action, motion),
            subject=subject.value,
            decision=decision,
            state=state.value,
            ruled_at=action.now,
        )


def _supersede_rows(action: FloorAction, motion_ids: list[str]) -> None:
    """The rows of motions the carried one swept away from outside the floor's list (those
    still waiting for their mover to accept the limits)."""
    for row in _motion_rows(action, motion_ids).values():
        action.update_row(row, status=MotionStatus.SUPERSEDED.value, decided_at=action.now)


# ---- the vote -----------------------------------------------------------------------------------


def motion_vote_open(*, committee: Committee, user: Any, motion_id: str, by_phone: bool) -> None:
    """Put the next motion in precedence to a procedural vote, by placard or by phone."""
    with _motion_action(committee, kind=EventKind.MOTION_VOTE_OPENED, user=user) as action:
        action.undoable = False
        members = sum(1 for d in action.delegations.values() if d.is_member)
        opened = motions_floor.open_vote(
            action.doc,
            action.params,
            motion_id,
            action.now,
            by_phone=by_phone,
            membership=members,
            attendees=action.attendees(),
        )
        action.apply(opened.transition)
        vote = action.doc.vote
        assert vote is not None
        motion = action.doc.motions.get(motion_id)
        question = action.create_row(
            Question,
            committee=action.committee,
            session=action.session,
            motion=_motion_row(action, motion),
            method=Question.Method.PHONES if by_phone else Question.Method.PLACARDS,
            opened_at=action.now,
            electorate=encode_value(opened.electorate),
        )
        # The vote names its question in the record: who may vote and the ballots are there.
        action.update(vote=dataclasses.replace(vote, question_id=question.pk))
        if motion.code is MotionCode.APPEAL and motion.target is not None:
            appeal = _appeal_row(action, motion.target)
            if appeal is not None:
                action.update_row(appeal, question=question)


def motion_ballot_cast(*, committee: Committee, delegation: Delegation, choice: str) -> None:
    """A delegation votes Yes or No on its phone; a second tap changes its vote (§8.31)."""
    if choice not in CHOICES:
        raise FloorRefusal(_("Vote yes or no: procedural votes allow no abstention."))
    with _motion_action(
        committee, kind=EventKind.MOTION_BALLOT_CAST, delegation=delegation
    ) as action:
        action.undoable = False
        vote = action.doc.vote
        cast = _cast_choices(vote)
        transition = motions_floor.cast_ballot(
            action.doc,
            action.params,
            action.attendee(delegation.pk),
            VoteChoice(choice),
            cast,
            electorate=_electorate(vote),
        )
        action.apply(transition)
        if str(delegation.pk) not in cast:
            _store_ballot(action, delegation, choice, entered_by_dais=False)
        else:  # a second tap, or the phone back after the dais entered its vote
            assert vote is not None
            earlier = Ballot.objects.get(
                question_id=vote.question_id, delegation=delegation, round=BALLOT_ROUND
            )
            action.update_row(earlier, choice=choice, entered_by_dais=False, cast_at=action.now)


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
        delegation = action.delegation(delegation_id)
        vote = action.doc.vote
        transition = motions_floor.enter_ballot(
            action.doc,
            action.params,
            str(delegation.pk),
            VoteChoice(choice),
            _cast_choices(vote),
            electorate=_electorate(vote),
        )
        action.apply(transition)
        _store_ballot(action, delegation, choice, entered_by_dais=True)


def _question(vote: PlacardVote | None) -> Question | None:
    """The question put to the vote running now."""
    if vote is None or vote.question_id is None:
        return None
    return Question.objects.filter(pk=vote.question_id).first()


def _electorate(vote: PlacardVote | None) -> ElectorateSnapshot | None:
    """Who may vote in the vote running now, as its question keeps it; None without a vote."""
    if vote is None or vote.question_id is None:
        return None
    question = Question.objects.filter(pk=vote.question_id).order_by()
    return decode_electorate(question.values_list("electorate", flat=True).first())


def _cast_choices(vote: PlacardVote | None) -> dict[str, VoteChoice]:
    """The ballots of the phone vote running now, by delegation id: the rows hold the votes."""
    if vote is None or not vote.by_phone or vote.question_id is None:
        return {}
    ballots = Ballot.objects.filter(question_id=vote.question_id, round=BALLOT_ROUND)
    return {
        str(delegation_id): VoteChoice(choice)
        for delegation_id, choice in ballots.values_list("delegation_id", "choice")
    }


def _store_ballot(
    action: FloorAction, delegation: Delegation, choice: str, *, entered_by_dais: bool
) -> None:
    vote = action.doc.vote
    assert vote is not None
    action.create_row(
        Ballot,
        question_id=vote.question_id,
        delegation=delegation,
        round=BALLOT_ROUND,
        choice=choice,
        entered_by_dais=entered_by_dais,
        cast_at=action.now,
    )


def motion_vote_close(
    *, committee: Committee, user: Any, yes: int | None = None, no: int | None = None
) -> None:
    """Close the vote and decide; a motion that passes is carried out at once."""
    with _motion_action(committee, kind=EventKind.MOTION_VOTE_CLOSED, user=user) as action:
        action.undoable = False
        vote = action.doc.vote
        question = _question(vote)
        # Decided from the stored ballots: the database, not the screen, holds the votes.
        ballots = _cast_choices(vote)
        closed = motions_floor.close_vote(
            action.doc,
            action.params,
            action.now,
            electorate=decode_electorate(question.electorate) if question else None,
            yes=yes,
            no=no,
            ballots=ballots,
            roll_order=list(action.delegations),  # the committee's roll order
        )
        action.apply(closed)
        _record_vote_closed(action, question)
        decided = action.doc.motions.get(action.payload.motion)
        if decided.status is MotionStatus.CARRIED:
            _introduce_after_commit(committee, user, decided)


def _record_vote_closed(action: FloorAction, question: Question | None) -> None:
    """The question's result; an appeal's ruling and appeal rows; the rows of motions that
    were waiting for their mover and are superseded; the session row when it adjourned."""
    closed = action.payload
    if question is not None:
        action.update_row(
            question, closed_at=action.now, yes=closed.yes, no=closed.no, passed=closed.passed
        )
    target = action.doc.motions.get(closed.motion).target
    ruling = appeals_floor.find_ruling(action.doc, target) if target is not None else None
    if closed.ruling_overturned is not None and target is not None and ruling is not None:
        ruling_row = _ruling_row(action, target)
        if ruling_row is not None:
            action.update_row(ruling_row, state=ruling.state.value)
            appeal_row = Appeal.objects.filter(ruling=ruling_row).first()
            if appeal_row is not None:
                action.update_row(appeal_row, overturned=closed.ruling_overturned)
    on_floor = {m.id for m in action.doc.motions.motions}
    _supersede_rows(action, [ref.motion for ref in closed.superseded if ref.motion not in on_floor])
    session = action.session
    if action.doc.phase is Phase.ADJOURNED and session is not None and not session.closed_at:
        action.update_row(session, closed_at=action.now)


def meeting_resume(*, committee: Committee, user: Any) -> None:
    """The chair resumes a suspended meeting where it stood."""
    with floor_action(committee, kind=EventKind.MEETING_RESUMED, user=user) as action:
        action.apply(motion_effects.resume_meeting(action.doc))
