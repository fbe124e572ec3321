"""Reads for the documents' screens: lists, one document with its text, what waits for whom.

Every read here is a fixed number of queries, whatever the number of documents, signatures
or amendments. Who may see what is decided by the engine (`documents.is_visible_to`): views
and consumers ask `visible_to` before showing a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import F, Prefetch
from django.utils.translation import gettext

from committee.document_rows import engine_amendment, engine_document
from committee.labels import AMENDMENT_STATUSES, DOCUMENT_KINDS, DOCUMENT_STATUSES, label
from committee.labels import document_label as label_of
from committee.models import (
    Amendment,
    AmendmentSupport,
    Committee,
    Delegation,
    Document,
    DocumentVersion,
    Signature,
)
from committee.procedure import amendments as engine_amendments
from committee.procedure import documents as engine
from committee.procedure.amendments import AmendmentAction, AmendmentStatus
from committee.procedure.clauses import numbering
from committee.procedure.documents import DocumentKind, DocumentStatus
from committee.procedure.errors import ProcedureError
from committee.procedure.motions import MotionDocuments
from committee.procedure.voting import AmendmentAgenda
from committee.procedure.voting_floor import DrPaper
from committee.resolutions.layout import (
    body_to_resolution,
    guess_language,
    lay_out,
    resolution_to_body,
)


def document_label(document: Document) -> str:
    """ "DR 1.2", "WP 1.1", or "DR 1.?" before approval, in the active language."""
    kind = DocumentKind(document.kind)
    number = document.wp_number if kind is DocumentKind.WORKING_PAPER else document.dr_number
    return label_of(kind, document.topic.number, number)


def _documents(committee: Committee) -> Any:
    return (
        Document.objects.filter(committee=committee)
        .select_related("committee", "topic", "author")
        .prefetch_related(
            Prefetch(
                "signatures",
                queryset=Signature.objects.filter(ended_at__isnull=True).select_related(
                    "delegation"
                ),
            ),
            Prefetch(
                "amendments",
                queryset=Amendment.objects.select_related("submitter", "parent").prefetch_related(
                    Prefetch(
                        "supports", queryset=AmendmentSupport.objects.select_related("delegation")
                    )
                ),
            ),
        )
    )


@dataclass
class AmendmentCard:
    row: Amendment
    document: DocumentCard

    @property
    def pk(self) -> int:
        return self.row.pk

    @property
    def number(self) -> int:
        return self.row.number

    @property
    def status(self) -> str:
        return self.row.status

    @property
    def status_label(self) -> str:
        return label(AMENDMENT_STATUSES, self.row.status)

    @property
    def action(self) -> str:
        return self.row.action

    @property
    def is_pending(self) -> bool:
        return AmendmentStatus(self.row.status) in engine_amendments.PENDING

    def supporters(self, kind: str) -> list[Delegation]:
        return [s.delegation for s in self.row.supports.all() if s.kind == kind]

    @property
    def accepted_by(self) -> list[Delegation]:
        return self.supporters(AmendmentSupport.Kind.ACCEPTED)

    @property
    def refused_by(self) -> list[Delegation]:
        return self.supporters(AmendmentSupport.Kind.REFUSED)

    @property
    def signed_by(self) -> list[Delegation]:
        return self.supporters(AmendmentSupport.Kind.SIGNED)

    @property
    def support(self) -> int:
        """Its writer and its signatories, towards an unfriendly amendment's quota."""
        return 1 + len(self.signed_by) + len(self.accepted_by)

    @property
    def waiting_for(self) -> list[Delegation]:
        """The DR's current sponsors who have not answered "is it friendly?" yet."""
        if self.row.status != AmendmentStatus.WITH_SPONSORS:
            return []
        answered = {s.delegation_id for s in self.row.supports.all()}
        answered.add(self.row.submitter_id)
        return [d for d in self.document.sponsors if d.pk not in answered]

    def answered_by(self, delegation: Delegation) -> bool:
        return delegation.pk == self.row.submitter_id or any(
            s.delegation_id == delegation.pk for s in self.row.supports.all()
        )

    @property
    def target_label(self) -> str:
        return self.row.target_label

    def preview(self, language: str | None = None) -> Any:
        """The clause as it would read with this amendment: the amended text laid out."""
        body = self.document.body
        resolution = body_to_resolution(body)
        try:
            amended = engine_amendments.apply_amendment(
                resolution, engine_amendment(self.row, resolution)
            )
        except ProcedureError:  # lapsed, or no longer applies: there is nothing to preview
            return None
        return lay_out(resolution_to_body(amended), language=language or self.document.language)


@dataclass
class DocumentCard:
    """A document as its screens show it: label, status, who stands behind it, its text."""

    row: Document
    version: DocumentVersion | None = None
    amendment_rows: list[Amendment] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.row.pk

    @property
    def label(self) -> str:
        return document_label(self.row)

    @property
    def title(self) -> str:
        return self.row.title

    @property
    def kind_label(self) -> str:
        return label(DOCUMENT_KINDS, self.row.kind)

    @property
    def status(self) -> str:
        return self.row.status

    @property
    def status_label(self) -> str:
        return label(DOCUMENT_STATUSES, self.row.status)

    @cached_property
    def _signatures(self) -> list[Signature]:
        return [s for s in self.row.signatures.all() if s.ended_at is None]

    @property
    def sponsors(self) -> list[Delegation]:
        return [
            s.delegation
            for s in self._signatures
            if s.signed_at is not None and s.role == Signature.Role.SPONSOR
        ]

    @property
    def signatories(self) -> list[Delegation]:
        return [
            s.delegation
            for s in self._signatures
            if s.signed_at is not None and s.role == Signature.Role.SIGNATORY
        ]

    @property
    def invited(self) -> list[Signature]:
        return [s for s in self._signatures if s.signed_at is None]

    @property
    def support(self) -> int:
        return len(self.sponsors) + len(self.signatories)

    @property
    def quota(self) -> int | None:
        return self.row.quota

    @property
    def meets_quota(self) -> bool:
        return self.row.quota is not None and self.support >= self.row.quota

    @property
    def is_draft(self) -> bool:
        return self.row.status == DocumentStatus.DRAFT

    @property
    def is_public(self) -> bool:
        """What the engine lets every delegation of the committee read."""
        return engine.is_visible_to(engine_document(self.row), "")

    def role_of(self, delegation: Delegation | None) -> str:
        """ "sponsor", "signatory", "invited-sponsor", "invited-signatory" or ""."""
        if delegation is None:
            return ""
        for s in self._signatures:
            if s.delegation_id == delegation.pk:
                prefix = "" if s.signed_at is not None else "invited-"
                return prefix + s.role
        return ""

    def visible_to(self, delegation: Delegation | None) -> bool:
        """The dais (None) sees everything; a delegation what the engine says it may."""
        if delegation is None:
            return True
        return self.is_public or self.role_of(delegation) != ""

    @property
    def amendments(self) -> list[AmendmentCard]:
        return [AmendmentCard(row, self) for row in self.amendment_rows]

    @property
    def body(self) -> dict[str, Any]:
        return self.version.body if self.version is not None else {}

    @cached_property
    def language(self) -> str:
        return guess_language(self.body)

    @cached_property
    def layout(self) -> Any:
        return lay_out(self.body, language=self.language)

    @property
    def heading(self) -> dict[str, Any]:
        """The UN heading: committee, topic, the document's label, sponsors, signatories."""
        committee = self.row.committee
        return {
            "committee": committee.display_name(),
            "topic": self.row.topic.display_title(),
            "code": self.label,
            "sponsors": [d.display_name() for d in self.sponsors],
            "signatories": [d.display_name() for d in self.signatories],
        }

    @property
    def amendable_clauses(self) -> list[tuple[str, str, int]]:
        """(clause id, label, depth) of every operative clause, for the amendment form."""
        labels = engine_numbering(self.body)
        out: list[tuple[str, str, int]] = []

        def walk(items: list[dict[str, Any]], depth: int) -> None:
            for item in items:
                out.append((item["id"], labels.get(item["id"], ""), depth))
                walk(item.get("children") or [], depth + 1)

        walk(self.body.get("operative") or [], 1)
        return out


def engine_numbering(body: dict[str, Any]) -> dict[str, str]:
    return dict(numbering(body_to_resolution(body)))


class DocumentsView:
    """A committee's documents with their current text, signatures and amendments: four
    queries, however many there are."""

    def __init__(self, committee: Committee) -> None:
        self.committee = committee
        rows = list(_documents(committee))
        current = DocumentVersion.objects.filter(
            document__committee=committee, number=F("document__version")
        )
        versions = {(v.document_id, v.number): v for v in current}
        self.cards = [
            DocumentCard(row, versions.get((row.pk, row.version)), list(row.amendments.all()))
            for row in rows
        ]

    def card(self, document_id: int) -> DocumentCard | None:
        return next((c for c in self.cards if c.pk == document_id), None)

    def visible_to(self, delegation: Delegation | None) -> list[DocumentCard]:
        return [c for c in self.cards if c.visible_to(delegation)]

    @property
    def public(self) -> list[DocumentCard]:
        return [c for c in self.cards if c.is_public and c.status != DocumentStatus.WITHDRAWN]

    # ---- the dais -------------------------------------------------------------------------

    @property
    def awaiting_director(self) -> list[DocumentCard]:
        return [c for c in self.cards if c.status == DocumentStatus.SUBMITTED]

    @property
    def amendments_awaiting_director(self) -> list[AmendmentCard]:
        return [
            a for c in self.cards for a in c.amendments if a.status == AmendmentStatus.SUBMITTED
        ]

    @property
    def amendments_in_progress(self) -> list[AmendmentCard]:
        waiting = (
            AmendmentStatus.WITH_SPONSORS,
            AmendmentStatus.UNFRIENDLY,
            AmendmentStatus.AWAITING_VOTE,
        )
        return [a for c in self.cards for a in c.amendments if a.status in waiting]

    # ---- one delegation --------------------------------------------------------------------

    def asks_of(self, delegation: Delegation) -> dict[str, list[Any]]:
        """What waits for this delegation's answer: invitations to sponsor or sign, and
        amendments its sponsorship is asked to accept as friendly."""
        invitations = [c for c in self.cards if c.role_of(delegation).startswith("invited-")]
        friendly = [
            a
            for c in self.cards
            if c.role_of(delegation) == "sponsor"
            for a in c.amendments
            if a.status == AmendmentStatus.WITH_SPONSORS and not a.answered_by(delegation)
        ]
        return {"invitations": invitations, "friendly": friendly}

    def digest_for(self, delegation: Delegation) -> tuple[Any, ...]:
        """A small value that changes when what this delegation is asked changes (a phone's
        own fragment is drawn again only then)."""
        asks = self.asks_of(delegation)
        return (
            tuple((c.pk, c.role_of(delegation), c.status) for c in asks["invitations"]),
            tuple((a.pk, a.status) for a in asks["friendly"]),
        )


# The newest DocumentsView of each committee, by the seq of its last documents event: every
# push of the floor asks what waits for each phone, and documents change far less often.
_KEPT_VIEWS: dict[int, tuple[int, DocumentsView]] = {}
_KEPT_VIEWS_MAX = 64


def documents_view(committee: Committee, documents_seq: int) -> DocumentsView:
    """The committee's documents as of `documents_seq`, read again only when it moved."""
    kept = _KEPT_VIEWS.get(committee.pk)
    if kept is not None and kept[0] == documents_seq:
        return kept[1]
    view = DocumentsView(committee)
    if len(_KEPT_VIEWS) >= _KEPT_VIEWS_MAX:
        _KEPT_VIEWS.clear()
    _KEPT_VIEWS[committee.pk] = (documents_seq, view)
    return view


def forget_documents_views() -> None:
    """Drop the kept views (tests, whose committees reuse ids from a rolled-back database)."""
    _KEPT_VIEWS.clear()


def is_visible(document: Document, delegation: Delegation | None) -> bool:
    """One document, for a view or a consumer deciding whether to show it."""
    if delegation is None:
        return True
    signed = document.signatures.filter(ended_at__isnull=True, delegation=delegation).exists()
    return signed or engine.is_visible_to(engine_document(document), str(delegation.pk))


__all__ = [
    "AmendmentAction",
    "AmendmentCard",
    "DocumentCard",
    "DocumentsView",
    "document_label",
    "is_visible",
]


# ---- what motions may name (procedure.md §3.2 rows 7–9 and 13) -------------------------------

# A motion names a document by its id ("12"), an amendment by this and its id ("a7").
AMENDMENT_TARGET_PREFIX = "a"


def amendment_target(amendment_id: int) -> str:
    return f"{AMENDMENT_TARGET_PREFIX}{amendment_id}"


@dataclass(frozen=True)
class MotionPaper:
    """A document, or one of its amendments, as a motion names it (`target`). Its repr is
    the name alone: screens fingerprint the motions that name it."""

    target: str
    card: DocumentCard = field(repr=False)
    amendment: AmendmentCard | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        """ "DR 1.2", or "Amendment 3 to DR 1.2", in the active language."""
        if self.amendment is None:
            return self.card.label
        return gettext("Amendment %(number)s to %(document)s") % {
            "number": self.amendment.number,
            "document": self.card.label,
        }

    @property
    def choice_label(self) -> str:
        """As a list to choose from shows it: "DR 1.2 — Rapid deployment"."""
        return f"{self.label} — {self.card.title}"


@dataclass(frozen=True)
class MotionPapers:
    """The papers each kind of motion may name now, and every paper by its motion name."""

    draft_resolutions: list[MotionPaper] = field(default_factory=list)
    working_papers: list[MotionPaper] = field(default_factory=list)
    amendments: list[MotionPaper] = field(default_factory=list)
    introduced: list[MotionPaper] = field(default_factory=list)
    by_target: dict[str, MotionPaper] = field(default_factory=dict)

    @property
    def engine(self) -> MotionDocuments:
        """The names the engine's screening checks a motion against."""

        def names(papers: list[MotionPaper]) -> frozenset[str]:
            return frozenset(paper.target for paper in papers)

        return MotionDocuments(
            draft_resolutions=names(self.draft_resolutions),
            working_papers=names(self.working_papers),
            amendments=names(self.amendments),
            introduced=names(self.introduced),
            introduced_drs=names(
                [p for p in self.introduced if p.card.row.kind == DocumentKind.DRAFT_RESOLUTION]
            ),
        )


def _introducible(card: DocumentCard, params: Any) -> bool:
    """The engine would introduce it now: approved and holding its quota (§5.1, §5.2)."""
    try:
        engine.introduce(params, engine_document(card.row))
    except ProcedureError:
        return False
    return True


def motion_papers(view: DocumentsView | None) -> MotionPapers:
    """From the view's rows, no query: the draft resolutions and working papers that may be
    introduced, the unfriendly amendments holding their quota (to a DR approved or introduced),
    and the documents introduced (what a Q&A session is about)."""
    if view is None:
        return MotionPapers()
    params = view.committee.parameters()
    papers = MotionPapers()
    for card in view.cards:
        paper = MotionPaper(str(card.pk), card)
        papers.by_target[paper.target] = paper
        if card.status == DocumentStatus.INTRODUCED:
            papers.introduced.append(paper)
        elif _introducible(card, params):
            if card.row.kind == DocumentKind.DRAFT_RESOLUTION:
                papers.draft_resolutions.append(paper)
            else:
                papers.working_papers.append(paper)
        dr_alive = card.status in (DocumentStatus.APPROVED, DocumentStatus.INTRODUCED)
        for amendment in card.amendments:
            named = MotionPaper(amendment_target(amendment.pk), card, amendment)
            papers.by_target[named.target] = named
            if dr_alive and amendment.status == AmendmentStatus.AWAITING_VOTE:
                papers.amendments.append(named)
    return papers


def voting_papers(committee: Committee) -> list[DrPaper]:
    """The draft resolutions introduced, in their numbering, each with its clauses and the
    unfriendly amendments waiting for the vote: what voting procedure puts to the committee.
    Three queries."""
    documents = list(
        Document.objects.filter(
            committee=committee,
            kind=DocumentKind.DRAFT_RESOLUTION,
            status=DocumentStatus.INTRODUCED,
        ).order_by("topic_id", "dr_number", "pk")
    )
    bodies = {
        (v.document_id, v.number): v.body
        for v in DocumentVersion.objects.filter(document__in=documents).only(
            "document_id", "number", "body"
        )
    }
    waiting: dict[int, list[Amendment]] = {}
    for amendment in Amendment.objects.filter(
        document__in=documents, status=AmendmentStatus.AWAITING_VOTE
    ).order_by("document_id", "number"):
        waiting.setdefault(amendment.document_id, []).append(amendment)
    papers = []
    for document in documents:
        body = bodies.get((document.pk, document.version)) or {}
        agenda = tuple(
            AmendmentAgenda(str(a.pk), a.number, parent=str(a.parent_id) if a.parent_id else None)
            for a in waiting.get(document.pk, [])
        )
        operative, subclauses, parents = clause_structure(body)
        papers.append(DrPaper(str(document.pk), operative, subclauses, agenda, parents))
    return papers


def clause_structure(
    body: dict[str, Any],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    """A text's operative clauses, every clause under them, and each of those with the clause
    it sits in (all by id, in the text's order): what voting procedure divides."""
    operative = body.get("operative") or []
    parents: list[tuple[str, str]] = []

    def under(clause: dict[str, Any]) -> None:
        for child in clause.get("children") or []:
            parents.append((child["id"], clause["id"]))
            under(child)

    for clause in operative:
        under(clause)
    return tuple(c["id"] for c in operative), tuple(c for c, _p in parents), tuple(parents)
