"""How the document rows become the engine's values: a document with its sponsors and
signatories, an amendment with its change placed against the text as it is now."""

from __future__ import annotations

from typing import Any

from committee.models import Amendment, AmendmentSupport, Document, Signature
from committee.procedure import amendments as engine_amendments
from committee.procedure import documents as engine
from committee.procedure.amendments import AmendmentAction, AmendmentStatus, Change
from committee.procedure.clauses import ClauseKind, kind_of, parent_and_index
from committee.procedure.documents import DocumentKind, DocumentStatus
from committee.procedure.facts.documents import AmendmentRef, DocumentRef


def document_ref(document: Document) -> DocumentRef:
    kind = DocumentKind(document.kind)
    number = document.wp_number if kind is DocumentKind.WORKING_PAPER else document.dr_number
    return DocumentRef(document.pk, kind, document.topic.number, number)


def live_signatures(document: Document) -> list[Signature]:
    """The document's signatures not ended, in the order they were given (prefetched rows
    are used as they are)."""
    return [s for s in document.signatures.all() if s.ended_at is None]


def engine_document(document: Document) -> engine.Document:
    signed = [s for s in live_signatures(document) if s.signed_at is not None]
    signed.sort(key=lambda s: (s.signed_at, s.pk))
    kind = DocumentKind(document.kind)
    return engine.Document(
        id=str(document.pk),
        kind=kind,
        topic=document.topic.number,
        sponsors=tuple(str(s.delegation_id) for s in signed if s.role == Signature.Role.SPONSOR),
        signatories=tuple(
            str(s.delegation_id) for s in signed if s.role == Signature.Role.SIGNATORY
        ),
        status=DocumentStatus(document.status),
        quota=document.quota,
        number=document.wp_number if kind is DocumentKind.WORKING_PAPER else document.dr_number,
        changed_by_voted_amendment=document.changed_by_voted_amendment,
    )


def amendment_ref(amendment: Amendment) -> AmendmentRef:
    return AmendmentRef(amendment.pk, amendment.number, document_ref(amendment.document))


def to_change(amendment: Amendment, resolution: Any) -> Change:
    """The engine's change, placed against the text as it is now: "after clause 2" follows
    clause 2 wherever amendments applied before it have moved it."""
    action = AmendmentAction(amendment.action)
    if action is not AmendmentAction.ADD:
        return Change(action, target=amendment.target, text=amendment.text or None)
    new_id = amendment.new_clause_id
    if not amendment.target:
        return Change(action, target=None, text=amendment.text, new_id=new_id)
    if (
        amendment.placement == "inside"
        or kind_of(resolution, amendment.target) is not ClauseKind.OPERATIVE
    ):
        # Under the clause; or the clause it should follow is gone or preambular: the change
        # names it, so it lapses or is refused.
        return Change(action, target=amendment.target, text=amendment.text, new_id=new_id)
    parent, index = parent_and_index(resolution, amendment.target)
    return Change(action, target=parent, text=amendment.text, new_id=new_id, position=index + 1)


def engine_amendment(amendment: Amendment, resolution: Any) -> engine_amendments.Amendment:
    supports = list(amendment.supports.all())
    supporters = [str(amendment.submitter_id)] + [
        str(s.delegation_id)
        for s in supports
        if s.kind != AmendmentSupport.Kind.REFUSED and s.delegation_id != amendment.submitter_id
    ]
    return engine_amendments.Amendment(
        id=str(amendment.number),
        dr_id=str(amendment.document_id),
        changes=(to_change(amendment, resolution),),
        supporters=tuple(supporters),
        parent=str(amendment.parent.number) if amendment.parent_id else None,
        status=AmendmentStatus(amendment.status),
        submitter=str(amendment.submitter_id),
        refused_by=tuple(
            str(s.delegation_id) for s in supports if s.kind == AmendmentSupport.Kind.REFUSED
        ),
        quota=amendment.quota,
    )
