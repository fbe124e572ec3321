"""Amendments to draft resolutions, from a delegate's phone to the text (§5.4).

A delegate submits one change to a clause; the Director approves or returns it; the DR's
current sponsors are asked on their phones whether it is friendly. When every one accepts it
is applied in place as a new version of the DR, and amendments it made moot lapse or are not
put; one refusal makes it unfriendly: it collects signatories to the quota and waits for
voting procedure. The engine (committee/procedure/amendments.py) decides every step; this
module locks, writes the rows and logs, through `document_action`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from committee.document_rows import amendment_ref, engine_amendment, engine_document, to_change
from committee.models import Amendment, AmendmentSupport, Committee, Delegation, Document
from committee.procedure import amendments as engine
from committee.procedure import documents as engine_documents
from committee.procedure.amendments import AmendmentAction, AmendmentStatus
from committee.procedure.clauses import (
    next_clause_id,
    numbering,
)
from committee.procedure.facts import EventKind
from committee.procedure.facts.documents import (
    AmendmentFacts,
    AmendmentReturned,
    AmendmentSubmitted,
)
from committee.resolutions.body import CLAUSE_TEXT_MAX, BodyError
from committee.resolutions.layout import body_to_resolution, resolution_to_body
from committee.services.documents import (
    DocumentAction,
    current_version,
    document_action,
    ids_ever_used,
    new_version,
    present_at_last_roll_call,
)
from committee.services.floor import FloorRefusal

PLACEMENTS = ("after", "inside", "")


def _resolution_now(document: Document) -> Any:
    version = current_version(document)
    return body_to_resolution(version.body if version else {})


def _locked_amendment(action: DocumentAction, amendment_id: int) -> Amendment:
    document = action.require_document()
    amendment = (
        Amendment.objects.select_for_update().filter(pk=amendment_id, document=document).first()
    )
    if amendment is None:
        raise FloorRefusal(_("That amendment does not exist."))
    amendment.document = document
    return amendment


@dataclass
class AmendmentStep:
    """What an amendment service works with inside the lock: the document action, the
    amendment's locked row, and the DR's text and engine value as they are now."""

    action: DocumentAction
    amendment: Amendment
    resolution: Any
    dr: engine_documents.Document

    @property
    def engine_amendment(self) -> engine.Amendment:
        return engine_amendment(self.amendment, self.resolution)


@contextmanager
def amendment_action(
    committee: Committee,
    amendment_id: int,
    *,
    kind: EventKind,
    user: Any = None,
    delegation: Delegation | None = None,
) -> Iterator[AmendmentStep]:
    """A step of one amendment: its DR's topic, the DR and the amendment locked, in that order."""
    with document_action(
        committee,
        kind=kind,
        document_id=_document_of(committee, amendment_id),
        user=user,
        delegation=delegation,
    ) as action:
        amendment = _locked_amendment(action, amendment_id)
        document = action.require_document()
        yield AmendmentStep(action, amendment, _resolution_now(document), engine_document(document))


def _document_of(committee: Committee, amendment_id: int) -> int:
    document_id = (
        Amendment.objects.filter(pk=amendment_id, document__committee=committee)
        .values_list("document_id", flat=True)
        .first()
    )
    if document_id is None:
        raise FloorRefusal(_("That amendment does not exist."))
    return document_id


def _save_status(amendment: Amendment, after: engine.Amendment, now: Any) -> None:
    amendment.status = after.status
    amendment.quota = after.quota
    fields = ["status", "quota"]
    if after.status not in engine.PENDING:
        amendment.decided_at = now
        fields.append("decided_at")
    amendment.save(update_fields=fields)


# ---- submitting ----------------------------------------------------------------------------


def amendment_submit(
    *,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    action: str,
    target: str,
    placement: str,
    text: str,
    rationale: str,
    parent_id: int | None = None,
) -> Amendment:
    """A delegate's amendment to a clause of an approved draft resolution."""
    text = " ".join(text.split())
    try:
        kind = AmendmentAction(action)
    except ValueError:
        raise FloorRefusal(_("Choose add, modify or strike.")) from None
    if kind is AmendmentAction.MOVE or placement not in PLACEMENTS:
        raise FloorRefusal(_("Choose add, modify or strike."))
    if kind is not AmendmentAction.STRIKE and not text:
        raise BodyError(_("A clause is empty: write its text or remove it."))
    if len(text) > CLAUSE_TEXT_MAX:
        raise BodyError(
            _("A clause may be at most %(limit)s characters long.") % {"limit": CLAUSE_TEXT_MAX}
        )
    with document_action(
        committee,
        kind=EventKind.AMENDMENT_SUBMITTED,
        document_id=document_id,
        delegation=delegation,
    ) as doc_action:
        document = doc_action.require_document()
        dr = engine_document(document)
        resolution = _resolution_now(document)
        parent = None
        if parent_id is not None:
            parent = document.amendments.filter(pk=parent_id).first()
            if parent is None:
                raise FloorRefusal(_("That amendment does not exist."))
        last = document.amendments.order_by("-number").values_list("number", flat=True).first()
        number = (last or 0) + 1
        new_id = ""
        if kind is AmendmentAction.ADD:
            new_id = next_clause_id(resolution, tuple(ids_ever_used(document)))
        row = Amendment(
            document=document,
            number=number,
            submitter=delegation,
            parent=parent,
            action=kind,
            target=target,
            placement=placement if kind is AmendmentAction.ADD else "",
            new_clause_id=new_id,
            text="" if kind is AmendmentAction.STRIKE else text,
            rationale=" ".join(rationale.split()),
            target_label=numbering(resolution).get(target, "") if target else "",
            status=AmendmentStatus.SUBMITTED,
            base_version=document.version,
            created_at=doc_action.now,
        )
        others = {
            str(a.number): engine_amendment(a, resolution)
            for a in document.amendments.select_related("parent").prefetch_related("supports")
        }
        proposed = engine.Amendment(
            id=str(number),
            dr_id=str(document.pk),
            changes=(to_change(row, resolution),),
            parent=str(parent.number) if parent is not None else None,
            submitter=str(delegation.pk),
        )
        submitted = engine.submit_amendment(doc_action.params, proposed, dr, resolution, others)
        row.status = submitted.status
        row.save()
        doc_action.payload = AmendmentSubmitted(
            amendment_ref(row), delegation.pk, kind, row.target_label
        )
    return row


# ---- the Director ------------------------------------------------------------------------------


def amendment_approve(*, committee: Committee, user: Any, amendment_id: int) -> None:
    """The Director approves it; the sponsors are asked next (or, where its writer and backers
    are every sponsor, it is applied at once)."""
    with amendment_action(
        committee, amendment_id, kind=EventKind.AMENDMENT_APPROVED, user=user
    ) as step:
        action = step.action
        after = engine.approve_amendment(
            action.params,
            step.engine_amendment,
            step.dr,
            present_at_last_roll_call(committee, action.floor),
        )
        action.payload = _settle(action, step.amendment, after, step.resolution, user=user)


def amendment_return(*, committee: Committee, user: Any, amendment_id: int, reason: str) -> None:
    """The Director sends it back to its writer with a reason."""
    with amendment_action(
        committee, amendment_id, kind=EventKind.AMENDMENT_RETURNED, user=user
    ) as step:
        amendment = step.amendment
        after = engine.return_amendment(step.engine_amendment)
        amendment.return_reason = reason
        amendment.save(update_fields=["return_reason"])
        _save_status(amendment, after, step.action.now)
        step.action.payload = AmendmentReturned(amendment_ref(amendment), reason)


# ---- sponsors and signatories ----------------------------------------------------------------


def amendment_answer(
    *, committee: Committee, delegation: Delegation, amendment_id: int, accept: bool
) -> None:
    """A sponsor of the DR answers "is this friendly?" on its phone."""
    with amendment_action(
        committee, amendment_id, kind=EventKind.AMENDMENT_ANSWERED, delegation=delegation
    ) as step:
        action = step.action
        after = engine.answer_friendly(
            action.params,
            step.engine_amendment,
            step.dr,
            str(delegation.pk),
            accept=accept,
            present_at_last_roll_call=present_at_last_roll_call(committee, action.floor),
        )
        kind = AmendmentSupport.Kind.ACCEPTED if accept else AmendmentSupport.Kind.REFUSED
        _support(step, delegation, kind)
        action.payload = _settle(
            action, step.amendment, after, step.resolution, delegation=delegation
        )


def amendment_sign(*, committee: Committee, delegation: Delegation, amendment_id: int) -> None:
    """A delegation signs an unfriendly amendment towards its quota."""
    with amendment_action(
        committee, amendment_id, kind=EventKind.AMENDMENT_SIGNED, delegation=delegation
    ) as step:
        after = engine.sign_amendment(
            step.action.params, step.engine_amendment, step.action.attendee(delegation.pk)
        )
        _support(step, delegation, AmendmentSupport.Kind.SIGNED)
        _save_status(step.amendment, after, step.action.now)
        step.action.payload = AmendmentFacts(
            amendment_ref(step.amendment), after.status, delegation.pk
        )


def amendment_withdraw(*, committee: Committee, delegation: Delegation, amendment_id: int) -> None:
    """Its writer withdraws it while it is pending."""
    with amendment_action(
        committee, amendment_id, kind=EventKind.AMENDMENT_WITHDRAWN, delegation=delegation
    ) as step:
        after = engine.withdraw_amendment(step.engine_amendment, str(delegation.pk))
        _save_status(step.amendment, after, step.action.now)
        step.action.payload = AmendmentFacts(
            amendment_ref(step.amendment), after.status, delegation.pk
        )


def _support(step: AmendmentStep, delegation: Delegation, kind: str) -> None:
    AmendmentSupport.objects.create(
        amendment=step.amendment, delegation=delegation, kind=kind, at=step.action.now
    )


def _settle(
    action: DocumentAction,
    amendment: Amendment,
    after: engine.Amendment,
    resolution: Any,
    *,
    delegation: Delegation | None = None,
    user: Any = None,
) -> AmendmentFacts:
    """Save the amendment's new status; a friendly one is applied in place as a new version
    of the DR, and the pending amendments it made moot lapse or are not put (§8.23–8.24)."""
    _save_status(amendment, after, action.now)
    if after.status is not AmendmentStatus.APPLIED:
        return AmendmentFacts(amendment_ref(amendment), after.status, _pk(delegation))
    applied = engine.apply_amendment(resolution, after)
    version = new_version(
        action,
        resolution_to_body(applied),
        "amendment",
        delegation=delegation,
        user=user,
        amendment=amendment,
    )
    document = action.require_document()
    pending = [
        a
        for a in document.amendments.exclude(pk=amendment.pk)
        .select_related("parent")
        .prefetch_related("supports")
        if AmendmentStatus(a.status) in engine.PENDING
    ]
    by_number = {str(a.number): a for a in pending}
    # Placed against the new text: an amendment to add after a clause now struck names it.
    outcome = engine.settle_pending(
        [engine_amendment(a, applied) for a in pending], resolution, applied, after.id
    )
    lapsed, not_put = [], []
    for number, status in outcome.items():
        row = by_number[number]
        row.status = status
        row.decided_at = action.now
        row.save(update_fields=["status", "decided_at"])
        (lapsed if status is AmendmentStatus.LAPSED else not_put).append(row.number)
    return AmendmentFacts(
        amendment_ref(amendment),
        after.status,
        _pk(delegation),
        version.number,
        tuple(lapsed),
        tuple(not_put),
    )


def reconsider_friendly(action: DocumentAction) -> None:
    """A sponsor left the DR: an amendment every remaining sponsor has accepted is friendly
    now, and is applied (§8.22: friendly needs the current sponsors only)."""
    document = action.require_document()
    dr = engine_document(document)
    waiting = document.amendments.filter(status=AmendmentStatus.WITH_SPONSORS).order_by("number")
    for amendment in waiting.select_related("parent").prefetch_related("supports"):
        resolution = _resolution_now(document)
        after = engine.settle_friendly(action.params, engine_amendment(amendment, resolution), dr)
        if after.status is AmendmentStatus.APPLIED:
            _settle(action, amendment, after, resolution)


def _pk(delegation: Delegation | None) -> int | None:
    return delegation.pk if delegation is not None else None
