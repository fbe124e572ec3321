"""Voting procedure on the live floor (procedure.md §6, §8.28–8.38).

The doors close and the order of voting is drawn up when debate closes
(`committee.services.floor`). Then, one item at a time:
- `vote_open`: the dais puts the next item (an unfriendly amendment, a part of a divided
  question, a draft resolution) by placard, phones, roll call or consensus. The Question row
  keeps who may vote, frozen now, the threshold and, for a roll call, the order of calling and
  the seed of a draw by lot.
- phones: `vote_ballot_cast` (a delegation's own phone; a second tap changes its vote where
  the profile allows) and `vote_ballot_enter` (the dais, for a delegation without a working
  phone, logged as such). One Ballot row per question, delegation and round: its unique
  constraint keeps a double tap or a replayed request from counting twice.
- roll call: `vote_roll_answer` records each answer in calling order, corrects one until the
  result is announced; `vote_roll_round_two` calls the passers again.
- consensus: `vote_consensus_object` from a phone; `vote_consensus_confirm` by the dais once
  the objection window has run.
- `vote_close`: the result, decided by the engine from the ballot rows (or the placards the
  dais counted), is announced and written once; what it does to the papers is written in the
  same transaction: an adopted amendment applied as a new version of the DR (amendments it
  made moot lapse or are not put), a rejected part struck, the DR adopted as a resolution,
  rejected or lapsed.
- `vote_void`: the last result voided with a reason; its item is put again and the papers are
  as they were before it.
- `voting_end`: after the last item the committee returns to its agenda.

Results cannot be undone (§8.38): every action here is marked not undoable. Actions that
write papers lock the committee's topics before the floor, in the order document actions
take them, so the two never wait on each other.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import Max

from committee import realtime
from committee.document_rows import document_ref, engine_amendment
from committee.document_selectors import clause_structure
from committee.floor import decode_electorate, encode_value
from committee.models import (
    Amendment,
    Ballot,
    Committee,
    ConsensusObjection,
    Delegation,
    Document,
    DocumentVersion,
    Question,
    Signature,
    Topic,
)
from committee.procedure import amendments as amendment_rules
from committee.procedure import rollcall, voting_floor
from committee.procedure.amendments import AmendmentAction, AmendmentStatus
from committee.procedure.choices import RollCallStart
from committee.procedure.clauses import numbering
from committee.procedure.documents import DocumentStatus
from committee.procedure.electorate import ElectorateSnapshot, VoteChoice
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind
from committee.procedure.facts.voting import (
    AmendmentsOrdered,
    ConsensusObjected,
    ItemSettled,
    RollCallRoundTwo,
    VoteAnnounced,
    VoteBallot,
    VoteSubject,
)
from committee.procedure.thresholds import parse_threshold
from committee.procedure.voting import (
    ElectronicBallot,
    ItemKind,
    ItemStatus,
    VoteItem,
    VoteResult,
    cast_electronic,
    close_ballot,
    explanations_allowed,
)
from committee.procedure.voting_state import VoteMethod, VotingState, amendment_ref
from committee.resolutions.layout import body_to_resolution, resolution_to_body
from committee.services.documents import membership
from committee.services.floor import FloorAction, floor_action

# A roll call's second round is kept as ballots of round 2; phones and placards vote once.
FIRST_ROUND = 1
SECOND_ROUND = 2
# A passer who will not answer Yes or No in round 2 (§8.30), as its round-2 ballot says.
REFUSED = "refused"


@contextmanager
def _papers_action(
    committee: Committee, *, kind: EventKind, user: Any = None
) -> Iterator[FloorAction]:
    """A voting action that may write papers: the committee's topics are locked first, as a
    document action takes them, then the floor."""
    with transaction.atomic():
        list(Topic.objects.select_for_update().filter(committee=committee).order_by("pk"))
        with floor_action(committee, kind=kind, user=user) as action:
            action.undoable = False
            yield action


def _question(action: FloorAction) -> Question:
    question = voting_floor.require_question(action.doc)
    row = Question.objects.filter(pk=question.question_id, committee=action.committee).first()
    if row is None:
        raise ProcedureError(ErrorCode.NO_QUESTION_OPEN)
    return row


def _electorate(question: Question) -> ElectorateSnapshot:
    snapshot = decode_electorate(question.electorate)
    assert snapshot is not None, "a question in voting procedure keeps its electorate"
    return snapshot


def _ballots(question: Question, round_: int = FIRST_ROUND) -> dict[str, str]:
    rows = Ballot.objects.filter(question=question, round=round_)
    return {str(d): choice for d, choice in rows.values_list("delegation_id", "choice")}


# ---- how the log names an item -----------------------------------------------------------------


def _subject_of(ref: str) -> VoteSubject:
    kind, _sep, rest = ref.partition(":")
    if kind == "am":
        document = Amendment.objects.values_list("document_id", flat=True).get(pk=int(rest))
        return VoteSubject(ref, ItemKind.AMENDMENT, document, amendment=int(rest))
    if kind == "part":
        document, _sep, clause = rest.partition(":")
        return VoteSubject(ref, ItemKind.DIVISION_PART, int(document), clause=clause)
    return VoteSubject(ref, ItemKind.DR, int(rest))


def _labelled(subject: VoteSubject) -> VoteSubject:
    """The subject with the names it has now: the DR's number, the amendment's, the clause's."""
    document = Document.objects.select_related("topic").get(pk=subject.document)
    number = None
    if subject.amendment is not None:
        number = Amendment.objects.values_list("number", flat=True).get(pk=subject.amendment)
    clause_label = None
    if subject.clause:
        labels = numbering(body_to_resolution(_current_body(document)))
        clause_label = labels.get(subject.clause)
    return replace(
        subject, doc=document_ref(document), amendment_number=number, clause_label=clause_label
    )


def _name_in_log(action: FloorAction) -> None:
    """The action's facts name its item as it stands now (before the result changes it)."""
    payload = action.payload
    if hasattr(payload, "subject"):
        payload = replace(payload, subject=_labelled(payload.subject))
    if isinstance(payload, VoteAnnounced):
        settled = tuple(replace(s, subject=_labelled(_subject_of(s.ref))) for s in payload.settled)
        payload = replace(payload, settled=settled)
    action.payload = payload


# ---- putting the question ----------------------------------------------------------------------


def _question_row(action: FloorAction, item: VoteItem) -> dict[str, Any]:
    """What the Question row says it decides: the DR, and the amendment or clause."""
    document = Document.objects.get(pk=int(item.dr_id.removeprefix("dr:")))
    values: dict[str, Any] = {"document": document}
    if item.kind is ItemKind.AMENDMENT:
        values["kind"] = Question.Kind.AMENDMENT
        values["amendment"] = Amendment.objects.get(pk=int(item.ref.split(":", 1)[1]))
    elif item.kind is ItemKind.DIVISION_PART:
        values["kind"] = Question.Kind.DIVISION_PART
        values["clause"] = item.ref.rsplit(":", 1)[1]
    else:
        values["kind"] = Question.Kind.DR
    return values


def vote_open(*, committee: Committee, user: Any, method: str) -> Question:
    """Put the next item in the order of voting to the committee."""
    try:
        chosen = VoteMethod(method)
    except ValueError:
        raise ProcedureError(ErrorCode.METHOD_NOT_ALLOWED, method=method) from None
    with floor_action(committee, kind=EventKind.VOTE_OPENED, user=user) as action:
        action.undoable = False
        snapshot = voting_floor.electorate(
            action.doc, action.params, action.attendees(), membership(committee), action.now
        )
        item = voting_floor.next_question(action.doc)
        if item is None:
            raise ProcedureError(ErrorCode.NOTHING_TO_VOTE_ON)
        state = action.doc.voting
        assert state is not None
        threshold = voting_floor.threshold_for(action.params, state, item, chosen)
        order: tuple[str, ...] = ()
        seed = None
        if chosen is VoteMethod.ROLL_CALL:
            if action.params.roll_call_start is RollCallStart.DRAWN_BY_LOT:
                seed = secrets.randbelow(2**31)
            _call, called = rollcall.start_roll_call(
                action.params, snapshot, threshold, list(action.delegations), seed
            )
            order = called.order
        first = int(order[0]) if order else None
        action.apply(
            voting_floor.open_question(
                action.doc,
                action.params,
                chosen,
                snapshot,
                action.now,
                first_called=first,
                seed=seed,
            )
        )
        _name_in_log(action)
        question = action.create_row(
            Question,
            committee=committee,
            session=action.session,
            method=chosen.value,
            opened_at=action.now,
            electorate=encode_value(snapshot),
            threshold=threshold.as_text(),
            call_order=[int(d) for d in order],
            call_seed=seed,
            **_question_row(action, item),
        )
        state = action.doc.voting
        assert state is not None and state.question is not None
        opened = replace(state.question, question_id=question.pk)
        action.update(voting=replace(state, question=opened))
    return question


# ---- phones ------------------------------------------------------------------------------------


def _cast(action: FloorAction, delegation: Delegation, choice: str, *, by_dais: bool) -> None:
    voting_floor.require_question(action.doc, VoteMethod.PHONES)
    question = _question(action)
    try:
        chosen = VoteChoice(choice)
    except ValueError:
        raise ProcedureError(ErrorCode.NOT_ELIGIBLE_TO_VOTE, delegation=delegation.pk) from None
    cast = {d: VoteChoice(c) for d, c in _ballots(question).items()}
    key = str(delegation.pk)
    if by_dais and key in cast:
        raise ProcedureError(ErrorCode.ALREADY_VOTED, delegation=key)
    ballot = ElectronicBallot(_electorate(question), parse_threshold(question.threshold), cast)
    cast_electronic(action.params, ballot, key, chosen, by_chair=by_dais)
    earlier = Ballot.objects.filter(question=question, delegation=delegation, round=FIRST_ROUND)
    row = earlier.first()
    if row is None:
        action.create_row(
            Ballot,
            question=question,
            delegation=delegation,
            round=FIRST_ROUND,
            choice=chosen.value,
            entered_by_dais=by_dais,
            cast_at=action.now,
        )
    else:
        action.update_row(row, choice=chosen.value, entered_by_dais=by_dais, cast_at=action.now)
    action.payload = VoteBallot(
        voting_floor.question_subject(action.doc),
        delegation.pk,
        chosen.value,
        entered_by_dais=by_dais,
        changed=row is not None,
    )
    _name_in_log(action)


def vote_ballot_cast(*, committee: Committee, delegation: Delegation, choice: str) -> None:
    """A delegation votes on its phone; a second tap changes its vote until the vote closes,
    where the profile allows it (§8.31)."""
    with floor_action(committee, kind=EventKind.VOTE_BALLOT_CAST, delegation=delegation) as action:
        action.undoable = False
        _cast(action, delegation, choice, by_dais=False)


def vote_ballot_enter(
    *, committee: Committee, user: Any, delegation_id: int | str, choice: str
) -> None:
    """The dais enters the vote of a delegation without a working phone (§8.36); one that has
    voted keeps its own vote."""
    with floor_action(committee, kind=EventKind.VOTE_BALLOT_ENTERED, user=user) as action:
        action.undoable = False
        _cast(action, action.delegation(delegation_id), choice, by_dais=True)


# ---- roll call ---------------------------------------------------------------------------------


def _roll_call(action: FloorAction, question: Question) -> rollcall.RollCall:
    """The roll call as its ballots stand: round 1 in calling order, then the passers'."""
    params = action.params
    call = rollcall.RollCall(
        _electorate(question),
        parse_threshold(question.threshold),
        tuple(str(d) for d in question.call_order),
    )
    first = _ballots(question, FIRST_ROUND)
    for delegation in call.order:
        if delegation not in first:
            break
        call = rollcall.answer(params, call, delegation, VoteChoice(first[delegation]))
    if question.round < SECOND_ROUND:
        return call
    call = rollcall.start_round_two(call)
    second = _ballots(question, SECOND_ROUND)
    for delegation in call.passers:
        choice = second.get(delegation)
        if choice is None:
            break
        if choice == REFUSED:
            call = rollcall.refuse_in_round_two(params, call, delegation)
        else:
            call = rollcall.answer(params, call, delegation, VoteChoice(choice))
    return call


def vote_roll_answer(
    *, committee: Committee, user: Any, delegation_id: int | str, choice: str
) -> None:
    """The answer of the delegation called (Yes, No, Abstain, Pass, Yes or No with rights;
    "refused" for a passer who will not answer in round 2), or the correction of an answer
    given, until the result is announced (§6.4, §8.29–8.32)."""
    with floor_action(committee, kind=EventKind.VOTE_ROLL_ANSWERED, user=user) as action:
        action.undoable = False
        voting_floor.require_question(action.doc, VoteMethod.ROLL_CALL)
        question = _question(action)
        delegation = action.delegation(delegation_id)
        key = str(delegation.pk)
        call = _roll_call(action, question)
        call.snapshot.voter(key)  # one not admitted when the doors closed is not called
        awaiting = call.awaiting
        in_turn = bool(awaiting) and awaiting[0] == key
        round_ = question.round if key in call.passers and question.round > 1 else FIRST_ROUND
        if choice == REFUSED:
            rollcall.refuse_in_round_two(action.params, call, key)
        else:
            try:
                chosen = VoteChoice(choice)
            except ValueError:
                raise ProcedureError(ErrorCode.NOT_ELIGIBLE_TO_VOTE, delegation=key) from None
            if in_turn:
                rollcall.answer(action.params, call, key, chosen)
            else:
                rollcall.change_vote(action.params, call, key, chosen)
        row = Ballot.objects.filter(question=question, delegation=delegation, round=round_).first()
        if row is None:
            action.create_row(
                Ballot,
                question=question,
                delegation=delegation,
                round=round_,
                choice=choice,
                entered_by_dais=True,
                cast_at=action.now,
            )
        else:
            action.update_row(row, choice=choice, cast_at=action.now)
        action.payload = VoteBallot(
            voting_floor.question_subject(action.doc),
            delegation.pk,
            choice,
            round=round_,
            entered_by_dais=True,
            changed=row is not None,
        )
        _name_in_log(action)


def vote_roll_round_two(*, committee: Committee, user: Any) -> None:
    """Round 1 is over: the passers are called again, Yes or No only."""
    with floor_action(committee, kind=EventKind.VOTE_ROLL_ROUND_TWO, user=user) as action:
        action.undoable = False
        voting_floor.require_question(action.doc, VoteMethod.ROLL_CALL)
        question = _question(action)
        call = rollcall.start_round_two(_roll_call(action, question))
        if not call.passers:
            raise ProcedureError(ErrorCode.ROUND_NOT_FINISHED, missing=[])
        action.update_row(question, round=SECOND_ROUND)
        action.doc = voting_floor.start_round_two(action.doc)
        action.payload = RollCallRoundTwo(
            voting_floor.question_subject(action.doc), tuple(int(d) for d in call.passers)
        )
        _name_in_log(action)


# ---- consensus ---------------------------------------------------------------------------------


def vote_consensus_object(*, committee: Committee, delegation: Delegation) -> None:
    """A delegation objects to adoption without a vote, until the chair closes the window;
    an observer's objection is kept but cannot block (§8.35)."""
    with floor_action(
        committee, kind=EventKind.VOTE_CONSENSUS_OBJECTED, delegation=delegation
    ) as action:
        action.undoable = False
        voting_floor.require_question(action.doc, VoteMethod.CONSENSUS)
        question = _question(action)
        if ConsensusObjection.objects.filter(question=question, delegation=delegation).exists():
            raise ProcedureError(ErrorCode.ALREADY_VOTED, delegation=delegation.pk)
        action.create_row(
            ConsensusObjection, question=question, delegation=delegation, raised_at=action.now
        )
        attendee = action.attendee(delegation.pk)
        counts = attendee.is_present and delegation.is_member
        action.payload = ConsensusObjected(
            voting_floor.question_subject(action.doc), delegation.pk, counts
        )
        _name_in_log(action)


def vote_consensus_confirm(*, committee: Committee, user: Any) -> None:
    """The chair closes the objection window: adopted without a vote, or the fallback."""
    with _papers_action(committee, kind=EventKind.VOTE_ANNOUNCED, user=user) as action:
        question = _question(action)
        objectors = [
            str(d)
            for d in ConsensusObjection.objects.filter(question=question).values_list(
                "delegation_id", flat=True
            )
        ]
        transition = voting_floor.consensus_decide(
            action.doc, action.params, action.attendees(), objectors, action.now
        )
        action.apply(transition)
        if not isinstance(transition.facts, VoteAnnounced):
            action.kind = EventKind.VOTE_CONSENSUS_FAILED
            action.update_row(question, closed_at=action.now, passed=False)
            _name_in_log(action)
            return
        action.update_row(question, closed_at=action.now, passed=True)
        _papers_follow(action, question, transition.facts)


# ---- the result --------------------------------------------------------------------------------


def _voting(action: FloorAction) -> VotingState:
    state = action.doc.voting
    if state is None:
        raise ProcedureError(ErrorCode.NOT_IN_VOTING_PROCEDURE)
    return state


def _result(
    action: FloorAction,
    question: Question,
    yes: int | None,
    no: int | None,
    abstain: int | None,
    accept_missing: bool,
) -> VoteResult:
    snapshot = _electorate(question)
    threshold = parse_threshold(question.threshold)
    method = VoteMethod(question.method)
    if method is VoteMethod.PLACARDS:
        if yes is None or no is None:
            raise ProcedureError(ErrorCode.PLACARD_COUNTS_NEEDED)
        return voting_floor.placard_result(
            action.params, snapshot, threshold, yes=yes, no=no, abstain=abstain or 0
        )
    if method is VoteMethod.PHONES:
        cast = {d: VoteChoice(c) for d, c in _ballots(question).items()}
        ballot = ElectronicBallot(snapshot, threshold, cast)
        return close_ballot(action.params, ballot, accept_missing=accept_missing)
    if method is VoteMethod.ROLL_CALL:
        call = _roll_call(action, question)
        return rollcall.announce(action.params, call)[1]
    raise ProcedureError(ErrorCode.METHOD_NOT_ALLOWED, method=method.value)


def _sponsors(document: Document) -> list[str]:
    sponsors = Signature.objects.filter(
        document=document, role=Signature.Role.SPONSOR, signed_at__isnull=False, ended=""
    )
    return [str(d) for d in sponsors.values_list("delegation_id", flat=True)]


def vote_close(
    *,
    committee: Committee,
    user: Any,
    yes: int | None = None,
    no: int | None = None,
    abstain: int | None = None,
    accept_missing: bool = False,
) -> None:
    """Close the question and announce its result: counted placards checked against who may
    vote, the phones' ballots (with "N missing" confirmed), or the finished roll call."""
    with _papers_action(committee, kind=EventKind.VOTE_ANNOUNCED, user=user) as action:
        question = _question(action)
        result = _result(action, question, yes, no, abstain, accept_missing)
        document = question.document
        assert document is not None
        amended = document.changed_by_voted_amendment or question.kind == Question.Kind.AMENDMENT
        rights = explanations_allowed(
            action.params, result, sponsors=_sponsors(document), amended=amended
        )
        transition = voting_floor.record_result(
            action.doc, action.params, result, action.now, rights=rights
        )
        action.apply(transition)
        outcome = result.outcome
        action.update_row(
            question,
            closed_at=action.now,
            yes=outcome.tally.yes,
            no=outcome.tally.no,
            abstain=outcome.tally.abstain,
            not_voting=outcome.tally.not_voting,
            passed=outcome.passed,
            verdict=outcome.verdict.value,
            required_yes=outcome.required_yes,
            base_size=outcome.base_size,
            rights=[int(d) for d in rights],
        )
        assert isinstance(transition.facts, VoteAnnounced)
        _papers_follow(action, question, transition.facts)


# ---- what a result does to the papers ----------------------------------------------------------


def _new_version(action: FloorAction, document: Document, body: dict[str, Any], **kw: Any) -> None:
    document.version += 1
    document.save(update_fields=["version"])
    DocumentVersion.objects.create(
        document=document, number=document.version, body=body, created_at=action.now, **kw
    )


def _current_body(document: Document) -> dict[str, Any]:
    version = document.versions.filter(number=document.version).first()
    return version.body if version is not None else {}


class _Writes:
    """What a result wrote on the papers, kept with its question so that voiding it puts back
    exactly that: each amendment's and document's status before, each text's version before."""

    def __init__(self) -> None:
        self.amendments: dict[str, str] = {}
        self.documents: dict[str, str] = {}
        self.texts: dict[str, int] = {}

    def amendment(self, amendment: Amendment, status: AmendmentStatus, now: Any) -> None:
        self.amendments.setdefault(str(amendment.pk), amendment.status)
        _set_amendment(amendment, status, now)

    def document(self, document: Document) -> None:
        self.documents.setdefault(str(document.pk), document.status)

    def text(self, action: FloorAction, document: Document, body: Any, **source: Any) -> None:
        self.texts.setdefault(str(document.pk), document.version)
        _new_version(action, document, body, **source)

    def as_json(self) -> dict[str, Any]:
        return {"amendments": self.amendments, "documents": self.documents, "texts": self.texts}


def _papers_follow(action: FloorAction, question: Question, announced: VoteAnnounced) -> None:
    """Write what the result did to the papers, and settle the items it made moot."""
    action.payload = announced
    _name_in_log(action)  # named as they stood before the result changes the text
    announced = action.payload
    subject = announced.subject
    document = Document.objects.select_for_update().get(pk=subject.document)
    writes = _Writes()
    moot: list[ItemSettled] = []
    if subject.kind is ItemKind.AMENDMENT and subject.amendment is not None:
        amendment = Amendment.objects.select_for_update().get(pk=subject.amendment)
        status = AmendmentStatus.ADOPTED if announced.passed else AmendmentStatus.REJECTED
        writes.amendment(amendment, status, action.now)
        if announced.passed:
            moot = _apply_adopted(action, writes, document, amendment)
    elif subject.kind is ItemKind.DIVISION_PART and not announced.passed and subject.clause:
        resolution = body_to_resolution(_current_body(document))
        strike = amendment_rules.Change(AmendmentAction.STRIKE, target=subject.clause)
        struck = amendment_rules.apply_change(resolution, strike)
        writes.text(action, document, resolution_to_body(struck), source="division")
    elif subject.kind is ItemKind.DR:
        writes.document(document)
        _decide_document(document, announced.passed, action.now)
    for item in (*announced.settled, *moot):
        _settle_row(action, writes, item)
    if moot:
        named = tuple(replace(m, subject=_labelled(_subject_of(m.ref))) for m in moot)
        action.payload = replace(announced, settled=announced.settled + named)
    action.update_row(question, effects=writes.as_json())
    action.documents_changed = True
    transaction.on_commit(lambda: realtime.broadcast_document(action.committee, document.pk))


def _set_amendment(amendment: Amendment, status: AmendmentStatus | str, now: Any) -> None:
    amendment.status = AmendmentStatus(status).value
    amendment.decided_at = now
    amendment.save(update_fields=["status", "decided_at"])


def _apply_adopted(
    action: FloorAction, writes: _Writes, document: Document, amendment: Amendment
) -> list[ItemSettled]:
    """The adopted amendment becomes the DR's text; amendments it made moot lapse or are not
    put; the engine counts the divided DR's clauses from the new text."""
    before = body_to_resolution(_current_body(document))
    applied = amendment_rules.apply_amendment(before, engine_amendment(amendment, before))
    body = resolution_to_body(applied)
    writes.text(action, document, body, source="amendment", amendment=amendment)
    document.changed_by_voted_amendment = True
    document.save(update_fields=["changed_by_voted_amendment"])
    pending = [
        a
        for a in document.amendments.exclude(pk=amendment.pk).select_related("parent")
        if AmendmentStatus(a.status) in amendment_rules.PENDING
    ]
    outcome = amendment_rules.settle_pending(
        [engine_amendment(a, applied) for a in pending], before, applied, str(amendment.number)
    )
    by_number = {str(a.number): a for a in pending}
    refs = []
    for number, status in outcome.items():
        writes.amendment(by_number[number], status, action.now)
        refs.append(amendment_ref(str(by_number[number].pk)))
    action.doc, lapsed = voting_floor.settle_items(action.doc, refs)
    operative, subclauses, parents = clause_structure(body)
    action.doc, moot = voting_floor.revise_text(
        action.doc, str(document.pk), operative, subclauses, parents
    )
    return [*lapsed, *moot]


def _decide_document(document: Document, adopted: bool, now: Any) -> None:
    if adopted:
        taken = Document.objects.filter(topic_id=document.topic_id).aggregate(
            n=Max("resolution_number")
        )["n"]
        document.status = DocumentStatus.ADOPTED.value
        document.resolution_number = (taken or 0) + 1
    else:
        document.status = DocumentStatus.REJECTED.value
    document.decided_at = now
    document.save(update_fields=["status", "resolution_number", "decided_at"])


def _settle_row(action: FloorAction, writes: _Writes, settled: ItemSettled) -> None:
    """An item decided without its own vote, written on its paper."""
    kind, _sep, target = settled.ref.partition(":")
    if kind == "am":
        amendment = Amendment.objects.get(pk=int(target))
        if AmendmentStatus(amendment.status) in amendment_rules.PENDING:
            writes.amendment(amendment, AmendmentStatus.NOT_PUT, action.now)
    elif kind == "dr":
        document = Document.objects.get(pk=int(target))
        if settled.status is ItemStatus.LAPSED:
            status = DocumentStatus.LAPSED
        elif settled.status is ItemStatus.REJECTED_WITHOUT_VOTE:
            status = DocumentStatus.REJECTED
        else:
            return
        writes.document(document)
        document.status = status.value
        document.decided_at = action.now
        document.save(update_fields=["status", "decided_at"])


# ---- the chair's order of amendments ------------------------------------------------------------


def voting_amendment_order(
    *, committee: Committee, user: Any, document_id: int, order: list[str]
) -> None:
    """The chair puts a DR's unfriendly amendments in the order they are voted (§6.2)."""
    with floor_action(committee, kind=EventKind.VOTE_AMENDMENTS_ORDERED, user=user) as action:
        action.undoable = False
        action.doc = voting_floor.order_amendments(action.doc, str(document_id), order)
        document = Document.objects.select_related("topic").get(pk=document_id, committee=committee)
        action.payload = AmendmentsOrdered(
            document_ref(document),
            tuple(
                Amendment.objects.values_list("number", flat=True).get(
                    pk=int(ref.split(":", 1)[1]), document=document
                )
                for ref in order
            ),
        )


# ---- voiding and the end -----------------------------------------------------------------------


def vote_void(*, committee: Committee, user: Any, reason: str) -> None:
    """Void the last result with a reason (§8.38): its item is put again, and every paper it
    changed is as it was before it."""
    with _papers_action(committee, kind=EventKind.VOTE_VOIDED, user=user) as action:
        state = _voting(action)
        last = state.last
        if last is None:
            raise ProcedureError(ErrorCode.NOTHING_TO_VOID, ref="")
        action.apply(voting_floor.void_last(action.doc, last.ref, reason, action.now))
        _name_in_log(action)
        question = Question.objects.filter(pk=last.question_id).first()
        if question is not None:
            action.update_row(question, voided_at=action.now, void_reason=reason.strip())
        _restore_papers(action, question)


def _restore_papers(action: FloorAction, question: Question | None) -> None:
    """Put back on the papers exactly what the voided result wrote (its question keeps it)."""
    effects = question.effects if question is not None else {}
    for amendment_id, status in (effects.get("amendments") or {}).items():
        _set_amendment(Amendment.objects.get(pk=int(amendment_id)), status, None)
    for document_id, status in (effects.get("documents") or {}).items():
        document = Document.objects.select_for_update().get(pk=int(document_id))
        document.status = status
        document.resolution_number = None
        document.decided_at = None
        document.save(update_fields=["status", "resolution_number", "decided_at"])
    for document_id, version in (effects.get("texts") or {}).items():
        document = Document.objects.select_for_update().get(pk=int(document_id))
        earlier = document.versions.get(number=version)
        _new_version(action, document, earlier.body, source="voided")
    action.documents_changed = True


def voting_end(*, committee: Committee, user: Any) -> None:
    """Every item decided: voting procedure ends and the committee returns to its agenda."""
    with floor_action(committee, kind=EventKind.VOTING_PROCEDURE_ENDED, user=user) as action:
        action.undoable = False
        action.apply(voting_floor.end(action.doc))
