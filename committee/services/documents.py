"""Working papers, draft resolutions and their signatures: every write, one transaction each.

A document action locks the document's topic (the sponsor rules and the numbers are per
topic, so its documents take turns), then the document, builds the engine's `Document` from
the rows, lets the engine decide, writes the rows, and chains one typed event onto the
committee's log. The floor is locked only for that last step, for a moment: a document never
enters the floor document. Screens are pushed after commit: the lists by the committee's
refresh, an open document by its own group (committee/realtime.py).

Amendments are in committee/services/amendments.py and use the same action.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from committee import realtime
from committee.document_rows import document_ref, engine_document
from committee.floor import decode, encode_value
from committee.models import (
    Committee,
    Delegation,
    Document,
    DocumentVersion,
    Floor,
    FloorEvent,
    Session,
    Signature,
    Topic,
)
from committee.procedure import documents as engine
from committee.procedure import voting_floor
from committee.procedure.attendance import Attendee, DelegationKind
from committee.procedure.documents import DocumentKind, DocumentStatus
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure.facts import EventKind, payload_type
from committee.procedure.facts.documents import (
    DocumentFacts,
    DocumentProjected,
    DocumentRef,
    DocumentReturned,
    DocumentSubmitted,
    DocumentVersioned,
    SignatureFacts,
)
from committee.procedure.floor import FloorDoc, Mark
from committee.procedure.parameters import Parameters
from committee.resolutions.body import check_body, clause_ids, same_text
from committee.services import clock
from committee.services.floor import FloorRefusal, append_record_event


class VersionConflict(Exception):
    """The text was saved by someone else since this editor loaded it: nothing was saved."""

    def __init__(self, document: Document, theirs: DocumentVersion) -> None:
        super().__init__(f"document {document.pk} is at version {theirs.number}")
        self.document = document
        self.theirs = theirs


@dataclass
class DocumentAction:
    """What a document service works with inside the topic's lock."""

    committee: Committee
    params: Parameters
    now: datetime
    topic: Topic
    document: Document | None
    payload: Any = None
    kind: EventKind | None = None  # set by a service whose outcome names the event
    # Delegations by id, read once: the engine's refusals name them.
    _delegations: dict[str, Delegation] = field(default_factory=dict, repr=False)
    _floor: FloorDoc | None = field(default=None, repr=False)

    @property
    def floor(self) -> FloorDoc:
        """The live floor as it is now (unlocked: attendance is read, never written)."""
        if self._floor is None:
            row = Floor.objects.filter(pk=self.committee.pk).only("state").first()
            self._floor = decode(row.state if row is not None else {})
        return self._floor

    def delegation(self, delegation_id: int | str) -> Delegation:
        key = str(delegation_id)
        if key not in self._delegations:
            found = (
                self.committee.delegations.filter(pk=int(key)).first() if key.isdigit() else None
            )
            if found is None:
                raise FloorRefusal(_("That delegation is not in this committee."))
            self._delegations[key] = found
        return self._delegations[key]

    def attendee(self, delegation_id: int | str) -> Attendee:
        delegation = self.delegation(delegation_id)
        mark = self.floor.attendance.get(str(delegation.pk), Mark())
        return Attendee(
            str(delegation.pk),
            DelegationKind(delegation.kind),
            mark.status,
            mark.since,
            mark.held_at_door,
        )

    def engine_document(self, document: Document | None = None) -> engine.Document:
        return engine_document(document or self.require_document())

    def others(self) -> list[engine.Document]:
        """Every other document of the topic, as the engine sees them."""
        rows = (
            Document.objects.filter(topic=self.topic)
            .exclude(pk=self.document.pk if self.document else None)
            .prefetch_related("signatures")
        )
        return [engine_document(row) for row in rows]

    def require_document(self) -> Document:
        if self.document is None:
            raise FloorRefusal(_("That document does not exist."))
        return self.document

    def ref(self, document: Document | None = None) -> DocumentRef:
        return document_ref(document or self.require_document())


def present_at_last_roll_call(committee: Committee, floor: FloorDoc) -> int:
    """The base of the quotas (§5.2): how many were present when roll was last called; before
    any roll call, how many are in the room."""
    closed = (
        FloorEvent.objects.filter(committee=committee, kind=EventKind.ROLL_CALL_CLOSED)
        .filter(undone_by__isnull=True)
        .order_by("-seq")
        .values_list("payload", flat=True)
        .first()
    )
    if closed is not None and "present" in closed:
        return int(closed["present"])
    return len(floor.present_ids())


def membership(committee: Committee) -> int:
    return committee.delegations.filter(kind=Delegation.Kind.MEMBER).count()


@contextmanager
def _names_in_refusals(action: DocumentAction) -> Iterator[None]:
    """Show delegations by name in the engine's refusals, as the floor's actions do."""
    try:
        yield
    except ProcedureError as error:
        facts = dict(error.facts)
        named = {}
        for fact in ("delegation", "missing"):
            value = facts.get(fact)
            if isinstance(value, list | tuple):
                named[fact] = [_display(action, key) for key in value]
            elif value is not None and str(value).isdigit():
                named[fact] = _display(action, value)
        if not named:
            raise
        raise ProcedureError(error.code, **(facts | named)) from error


def _display(action: DocumentAction, key: object) -> str:
    try:
        return action.delegation(str(key)).display_name()
    except FloorRefusal:
        return str(key)


# What may still be done with a draft resolution in voting procedure: show it to the room.
OPEN_IN_VOTING = frozenset({EventKind.DOCUMENT_PROJECTED})


@contextmanager
def document_action(
    committee: Committee,
    *,
    kind: EventKind,
    topic_id: int | None = None,
    document_id: int | None = None,
    user: Any = None,
    delegation: Delegation | None = None,
) -> Iterator[DocumentAction]:
    """Lock the topic (the document's, when only the document is named) and the document, run
    the service's decision, log it, push after commit."""
    kind = EventKind(kind)
    if topic_id is None and document_id is not None:
        topic_id = topic_of(committee, document_id)
    with transaction.atomic():
        topic = Topic.objects.select_for_update().filter(pk=topic_id, committee=committee).first()
        if topic is None:
            raise FloorRefusal(_("That topic is not on this committee's agenda."))
        document = None
        if document_id is not None:
            document = (
                Document.objects.select_for_update()
                .filter(pk=document_id, committee=committee, topic=topic)
                .first()
            )
            if document is None:
                raise FloorRefusal(_("That document does not exist."))
            document.topic = topic
        action = DocumentAction(
            committee=committee,
            params=committee.parameters(),
            now=clock.now(),
            topic=topic,
            document=document,
        )
        if document is not None and kind not in OPEN_IN_VOTING:
            with _names_in_refusals(action):
                voting_floor.require_not_in_voting(action.floor, str(document.pk))
        with _names_in_refusals(action):
            yield action
        kind = action.kind or kind
        expected = payload_type(kind)
        if not isinstance(action.payload, expected):
            raise TypeError(f"{kind} logs a {expected.__name__}, not {action.payload!r}")
        append_record_event(
            committee,
            FloorEvent(
                committee=committee,
                session=_open_session(committee),
                kind=kind,
                payload=encode_value(action.payload),
                actor_user=user if user is not None and user.is_authenticated else None,
                actor_delegation=delegation,
                undoable=False,
                created_at=action.now,
            ),
        )
        if action.document is not None:
            realtime.broadcast_document(committee, action.document.pk)


def _open_session(committee: Committee) -> Session | None:
    return (
        Session.objects.filter(committee=committee, closed_at__isnull=True)
        .order_by("-number")
        .first()
    )


def topic_of(committee: Committee, document_id: int) -> int:
    """The topic a document belongs to (the lock to take), or a refusal."""
    topic_id = (
        Document.objects.filter(pk=document_id, committee=committee)
        .values_list("topic_id", flat=True)
        .first()
    )
    if topic_id is None:
        raise FloorRefusal(_("That document does not exist."))
    return topic_id


def new_version(
    action: DocumentAction,
    body: dict[str, Any],
    source: str,
    *,
    delegation: Delegation | None = None,
    user: Any = None,
    amendment: Any = None,
) -> DocumentVersion:
    document = action.require_document()
    document.version += 1
    document.save(update_fields=["version"])
    return DocumentVersion.objects.create(
        document=document,
        number=document.version,
        body=body,
        source=source,
        author_delegation=delegation,
        author_user=user if user is not None and user.is_authenticated else None,
        amendment=amendment,
        created_at=action.now,
    )


def ids_ever_used(document: Document) -> set[str]:
    """Every clause id the document's versions and amendments have used: a new clause never
    takes one, so an amendment can never hit a clause it was not written for."""
    used: set[str] = set()
    for body in document.versions.values_list("body", flat=True):
        used |= clause_ids(body)
    used.update(i for i in document.amendments.values_list("new_clause_id", flat=True) if i)
    return used


def current_version(document: Document) -> DocumentVersion | None:
    return document.versions.filter(number=document.version).first()


# ---- writing -----------------------------------------------------------------------------------


def document_create(
    *,
    committee: Committee,
    delegation: Delegation,
    topic_id: int,
    title: str,
    body: dict[str, Any],
    imported: bool = False,
) -> Document:
    """A delegation starts a working paper; it is its first sponsor (the engine checks it may
    sponsor at all)."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_CREATED,
        topic_id=topic_id,
        delegation=delegation,
    ) as action:
        draft = engine.Document(id="new", kind=DocumentKind.WORKING_PAPER, topic=0)
        engine.add_sponsor(action.params, draft, action.attendee(delegation.pk), [])
        action.document = Document.objects.create(
            committee=committee,
            topic=action.topic,
            kind=DocumentKind.WORKING_PAPER,
            status=DocumentStatus.DRAFT,
            title=title,
            author=delegation,
            created_at=action.now,
        )
        Signature.objects.create(
            document=action.document,
            delegation=delegation,
            role=Signature.Role.SPONSOR,
            signed_at=action.now,
        )
        source = DocumentVersion.Source.IMPORTED if imported else DocumentVersion.Source.WRITTEN
        new_version(action, check_body(body), source, delegation=delegation)
        action.payload = DocumentFacts(action.ref(), delegation.pk)
    return action.document


def document_save(
    *,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    title: str,
    body: dict[str, Any],
    base_version: int,
    imported: bool = False,
) -> DocumentVersion | None:
    """A sponsor saves the draft. Saved over a newer version than the editor loaded, nothing
    is saved and `VersionConflict` carries the other text, so neither is lost. Nothing new to
    save (an autosave of what is stored) returns None and logs nothing."""
    document = Document.objects.filter(pk=document_id, committee=committee).first()
    if document is not None and _unchanged(document, title, body, base_version):
        # Nothing to save, but only a sponsor of a draft hears so (checked again when saving).
        engine.require_editable(engine_document(document), str(delegation.pk))
        return None
    kind = EventKind.DOCUMENT_IMPORTED if imported else EventKind.DOCUMENT_EDITED
    with document_action(
        committee,
        kind=kind,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        document = action.require_document()
        engine.require_editable(action.engine_document(), str(delegation.pk))
        if base_version != document.version:
            theirs = current_version(document)
            raise VersionConflict(document, theirs)
        if title != document.title:
            document.title = title
            document.save(update_fields=["title"])
        previous = current_version(document)
        checked = check_body(
            body,
            keep_ids_of=previous.body if previous else None,
            taken=ids_ever_used(document),
        )
        source = DocumentVersion.Source.IMPORTED if imported else DocumentVersion.Source.WRITTEN
        version = new_version(action, checked, source, delegation=delegation)
        action.payload = DocumentVersioned(action.ref(), version.number, delegation.pk)
    return version


def _unchanged(document: Document, title: str, body: dict[str, Any], base_version: int) -> bool:
    if base_version != document.version or title != document.title:
        return False
    stored = current_version(document)
    return stored is not None and same_text(stored.body, body)


def document_submit(
    *, committee: Committee, delegation: Delegation, document_id: int, as_draft_resolution: bool
) -> None:
    """A sponsor hands the draft to the Director, as a working paper or, straight away, as a
    draft resolution; the quota that applies is fixed now (§8.20)."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_SUBMITTED,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        doc = action.engine_document()
        engine.require_sponsor(doc, str(delegation.pk))
        if as_draft_resolution and doc.kind is DocumentKind.WORKING_PAPER:
            doc = replace(doc, kind=DocumentKind.DRAFT_RESOLUTION)
            _check_dr_sponsors(action, doc)
        submitted = engine.submit(action.params, doc, **_quota_bases(action))
        _save_submission(action, submitted)
        action.payload = DocumentSubmitted(action.ref(), delegation.pk, submitted.quota or 0)


def _check_dr_sponsors(action: DocumentAction, doc: engine.Document) -> None:
    """Sponsoring a DR is subject to the DR's rules (one per topic…): every sponsor of the
    paper going forward as one is checked as if it signed up now."""
    others = action.others()
    for sponsor in doc.sponsors:
        unlisted = engine.Document(id=doc.id, kind=DocumentKind.DRAFT_RESOLUTION, topic=doc.topic)
        engine.add_sponsor(action.params, unlisted, action.attendee(sponsor), others)


def _quota_bases(action: DocumentAction) -> dict[str, int]:
    """What the quota is computed from when a paper is submitted (§5.2, §8.20)."""
    return {
        "present_at_last_roll_call": present_at_last_roll_call(action.committee, action.floor),
        "membership": membership(action.committee),
    }


def _save_submission(action: DocumentAction, submitted: engine.Document) -> None:
    document = action.require_document()
    document.kind = submitted.kind
    document.status = submitted.status
    document.quota = submitted.quota
    document.submitted_at = action.now
    document.return_reason = ""
    document.save(update_fields=["kind", "status", "quota", "submitted_at", "return_reason"])


def document_take_back(*, committee: Committee, delegation: Delegation, document_id: int) -> None:
    """Its sponsors take a submitted paper back to edit it (the Director has not acted)."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_TAKEN_BACK,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        doc = action.engine_document()
        engine.require_sponsor(doc, str(delegation.pk))
        _back_to_draft(action, engine.back_to_draft(doc))
        action.payload = DocumentFacts(action.ref(), delegation.pk)


def _back_to_draft(action: DocumentAction, doc: engine.Document, reason: str = "") -> None:
    document = action.require_document()
    document.status = doc.status
    document.quota = doc.quota
    document.return_reason = reason
    if document.wp_number is None:
        document.kind = DocumentKind.WORKING_PAPER  # never numbered: it starts over as a paper
    document.save(update_fields=["status", "quota", "return_reason", "kind"])


# ---- the Director's review -------------------------------------------------------------------


def document_return(*, committee: Committee, user: Any, document_id: int, reason: str) -> None:
    """The Director sends a submitted paper back to its sponsors with a reason."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_RETURNED,
        document_id=document_id,
        user=user,
    ) as action:
        _back_to_draft(action, engine.back_to_draft(action.engine_document()), reason)
        action.payload = DocumentReturned(action.ref(), reason)


def document_approve(*, committee: Committee, user: Any, document_id: int) -> None:
    """The Director approves: the next number of its kind in its topic, in approval order."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_APPROVED,
        document_id=document_id,
        user=user,
    ) as action:
        document = action.require_document()
        approved = engine.approve(action.engine_document(), action.others())
        if approved.kind is DocumentKind.WORKING_PAPER:
            document.wp_number = approved.number
        else:
            document.dr_number = approved.number
        document.status = approved.status
        document.approved_at = action.now
        document.save(update_fields=["wp_number", "dr_number", "status", "approved_at"])
        action.payload = DocumentFacts(action.ref())


def document_promote(*, committee: Committee, delegation: Delegation, document_id: int) -> None:
    """Its sponsors put an approved working paper forward as a draft resolution."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_PROMOTED,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        doc = action.engine_document()
        engine.require_sponsor(doc, str(delegation.pk))
        _check_dr_sponsors(action, doc)
        promoted = engine.promote(action.params, doc, **_quota_bases(action))
        _save_submission(action, promoted)
        action.payload = DocumentSubmitted(action.ref(), delegation.pk, promoted.quota or 0)


def document_introduce(*, committee: Committee, user: Any, document_id: int) -> None:
    """The committee took the document up (its motion carried, or the chair recognised its
    introduction): approved and holding its quota (§5.2)."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_INTRODUCED,
        document_id=document_id,
        user=user,
    ) as action:
        document = action.require_document()
        introduced = engine.introduce(action.params, action.engine_document())
        document.status = introduced.status
        document.introduced_at = action.now
        document.save(update_fields=["status", "introduced_at"])
        action.payload = DocumentFacts(action.ref())


def document_fix(
    *, committee: Committee, user: Any, document_id: int, body: dict[str, Any], base_version: int
) -> DocumentVersion:
    """The Director corrects spelling and punctuation (§5.4 non-substantive): the same clauses
    in the same places, only their words touched."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_FIXED,
        document_id=document_id,
        user=user,
    ) as action:
        document = action.require_document()
        engine.require_typo_fixable(action.engine_document())
        if base_version != document.version:
            raise VersionConflict(document, current_version(document))
        previous = current_version(document)
        checked = check_body(body, keep_ids_of=previous.body, same_structure=True)
        version = new_version(action, checked, DocumentVersion.Source.DIRECTOR_FIX, user=user)
        action.payload = DocumentVersioned(action.ref(), version.number)
    return version


def document_project(
    *, committee: Committee, user: Any, document_id: int | None, page: int = 1
) -> None:
    """Show a document on the projector (a page of it), or the floor again."""
    topic_id = topic_of(committee, document_id) if document_id is not None else None
    if topic_id is None:
        topic_id = committee.topics.values_list("pk", flat=True).first()
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_PROJECTED,
        topic_id=topic_id,
        document_id=document_id,
        user=user,
    ) as action:
        document = action.document
        if document is not None and not engine.is_visible_to(action.engine_document(), ""):
            raise FloorRefusal(_("Only approved documents can be shown to the room."))
        Floor.objects.filter(pk=committee.pk).update(
            projected_document=document, projected_page=max(1, page)
        )
        ref = action.ref() if document is not None else None
        action.payload = DocumentProjected(ref, max(1, page))


# ---- sponsors and signatories ------------------------------------------------------------------


def signature_invite(
    *,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    invitee_id: int,
    as_sponsor: bool,
) -> Signature:
    """A sponsor asks another delegation to co-sponsor or to sign. The engine is asked first
    whether it could join, so nobody is asked for what the rules would refuse."""
    with document_action(
        committee,
        kind=EventKind.SIGNATURE_INVITED,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        doc = action.engine_document()
        engine.require_sponsor(doc, str(delegation.pk))
        invitee = action.delegation(invitee_id)
        _require_not_asked(action.require_document(), invitee)
        engine.check_may_join(
            action.params, doc, action.attendee(invitee.pk), action.others(), as_sponsor=as_sponsor
        )
        role = Signature.Role.SPONSOR if as_sponsor else Signature.Role.SIGNATORY
        signature = Signature.objects.create(
            document=action.document,
            delegation=invitee,
            role=role,
            invited_by=delegation,
            invited_at=action.now,
        )
        action.payload = SignatureFacts(action.ref(), invitee.pk, as_sponsor, delegation.pk)
    return signature


def _require_not_asked(document: Document, invitee: Delegation) -> None:
    if document.signatures.filter(delegation=invitee, ended_at__isnull=True).exists():
        raise FloorRefusal(_("That delegation has already been asked or has already signed."))


def signature_answer(
    *, committee: Committee, delegation: Delegation, document_id: int, accept: bool
) -> None:
    """The invited delegation accepts (and is checked by the engine now, against the documents
    as they are now) or declines."""
    kind = EventKind.SIGNATURE_SIGNED if accept else EventKind.SIGNATURE_DECLINED
    with document_action(
        committee,
        kind=kind,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        document = action.require_document()
        invitation = document.signatures.filter(
            delegation=delegation, ended_at__isnull=True, signed_at__isnull=True
        ).first()
        if invitation is None:
            raise FloorRefusal(_("Your delegation has not been asked to join this document."))
        as_sponsor = invitation.role == Signature.Role.SPONSOR
        if accept:
            _join(action, delegation, as_sponsor=as_sponsor)
            invitation.signed_at = action.now
            invitation.save(update_fields=["signed_at"])
        else:
            invitation.ended_at = action.now
            invitation.ended = Signature.Ended.DECLINED
            invitation.save(update_fields=["ended_at", "ended"])
        action.payload = SignatureFacts(
            action.ref(), delegation.pk, as_sponsor, invitation.invited_by_id
        )


def _join(action: DocumentAction, delegation: Delegation, *, as_sponsor: bool) -> None:
    # The engine judges the document without the invitation itself (it is not a signature yet).
    doc = action.engine_document()
    attendee = action.attendee(delegation.pk)
    if as_sponsor:
        engine.add_sponsor(action.params, doc, attendee, action.others())
    else:
        engine.add_signatory(action.params, doc, attendee, action.others())


def signature_sign(*, committee: Committee, delegation: Delegation, document_id: int) -> None:
    """A delegation signs an approved draft resolution it can read, unasked (§5.2)."""
    with document_action(
        committee,
        kind=EventKind.SIGNATURE_SIGNED,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        document = action.require_document()
        doc = action.engine_document()
        if not engine.is_visible_to(doc, str(delegation.pk)):
            raise FloorRefusal(_("That document does not exist."))
        pending = document.signatures.filter(delegation=delegation, ended_at__isnull=True).first()
        if pending is not None and pending.signed_at is None:
            raise FloorRefusal(_("Your delegation has been asked already: answer the request."))
        _join(action, delegation, as_sponsor=False)
        Signature.objects.create(
            document=document,
            delegation=delegation,
            role=Signature.Role.SIGNATORY,
            signed_at=action.now,
        )
        action.payload = SignatureFacts(action.ref(), delegation.pk, False)


def signature_withdraw(*, committee: Committee, delegation: Delegation, document_id: int) -> None:
    """A signatory withdraws before introduction; a sponsor withdraws in writing, and the
    paper is withdrawn when too few sponsors remain (§5.2, §8.21)."""
    with document_action(
        committee,
        kind=EventKind.SIGNATURE_WITHDRAWN,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        document = action.require_document()
        doc = action.engine_document()
        key = str(delegation.pk)
        as_sponsor = key in doc.sponsors
        if as_sponsor:
            after = engine.withdraw_sponsor(action.params, doc, key)
        else:
            after = engine.withdraw_signature(doc, key)
        document.signatures.filter(
            delegation=delegation, ended_at__isnull=True, signed_at__isnull=False
        ).update(ended_at=action.now, ended=Signature.Ended.WITHDRAWN)
        if after.status is not doc.status:
            document.status = after.status
            document.save(update_fields=["status"])
        elif as_sponsor:
            # Amendments waiting for the sponsors now need the ones who remain (§8.22).
            from committee.services.amendments import reconsider_friendly  # imports this module

            reconsider_friendly(action)
        action.payload = SignatureFacts(action.ref(), delegation.pk, as_sponsor)


def document_withdraw(*, committee: Committee, delegation: Delegation, document_id: int) -> None:
    """A sponsor agrees to withdraw the whole paper; it is withdrawn once every current
    sponsor has agreed (§5.2, §8.21). Until then the others see who has agreed."""
    with document_action(
        committee,
        kind=EventKind.DOCUMENT_WITHDRAWAL_ASKED,
        document_id=document_id,
        delegation=delegation,
    ) as action:
        document = action.require_document()
        doc = action.engine_document()
        engine.require_sponsor(doc, str(delegation.pk))
        document.signatures.filter(
            delegation=delegation, ended_at__isnull=True, signed_at__isnull=False
        ).update(withdrawal_asked_at=action.now)
        agreeing = document.signatures.filter(
            ended_at__isnull=True, withdrawal_asked_at__isnull=False
        ).values_list("delegation_id", flat=True)
        try:
            withdrawn = engine.withdraw_document(doc, [str(pk) for pk in agreeing])
        except ProcedureError as error:
            if error.code != ErrorCode.WITHDRAWAL_NEEDS_ALL_SPONSORS:
                raise
            action.payload = DocumentFacts(action.ref(), delegation.pk)
            return
        document.status = withdrawn.status
        document.save(update_fields=["status"])
        action.kind = EventKind.DOCUMENT_WITHDRAWN
        action.payload = DocumentFacts(action.ref(), delegation.pk)


__all__ = [
    "DocumentAction",
    "VersionConflict",
    "document_action",
    "document_approve",
    "document_create",
    "document_fix",
    "document_introduce",
    "document_project",
    "document_promote",
    "document_return",
    "document_save",
    "document_submit",
    "document_take_back",
    "document_withdraw",
    "engine_document",
    "signature_answer",
    "signature_invite",
    "signature_sign",
    "signature_withdraw",
]
