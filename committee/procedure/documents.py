"""Working papers and draft resolutions (procedure.md §5.1, §5.2, §8.19–8.21).

The signatory quota is computed when the document is submitted, from the last roll call, and
stored: later attendance changes neither invalidate a DR nor raise its requirement. Numbers
("DR 1.2") follow the order of Director approval within a topic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from .attendance import Attendee, can_sign, can_sponsor
from .choices import DrQuotaBase
from .errors import ErrorCode, ProcedureError
from .parameters import Parameters
from .thresholds import at_least_fraction


class DocumentKind(StrEnum):
    WORKING_PAPER = "working_paper"
    DRAFT_RESOLUTION = "draft_resolution"


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    INTRODUCED = "introduced"
    WITHDRAWN = "withdrawn"
    ADOPTED = "adopted"
    REJECTED = "rejected"
    LAPSED = "lapsed"


_OPEN = frozenset({DocumentStatus.DRAFT, DocumentStatus.SUBMITTED, DocumentStatus.APPROVED})
_ALIVE = _OPEN | {DocumentStatus.INTRODUCED}
_PREFIX = {DocumentKind.WORKING_PAPER: "WP", DocumentKind.DRAFT_RESOLUTION: "DR"}


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    kind: DocumentKind
    topic: int
    sponsors: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    status: DocumentStatus = DocumentStatus.DRAFT
    quota: int | None = None  # fixed at submission
    number: int | None = None  # n in "DR t.n", fixed at approval
    changed_by_voted_amendment: bool = False

    @property
    def label(self) -> str:
        suffix = f"{self.topic}.{self.number}" if self.number is not None else f"{self.topic}.?"
        return f"{_PREFIX[self.kind]} {suffix}"

    @property
    def support(self) -> int:
        return len(self.sponsors) + len(self.signatories)

    @property
    def meets_quota(self) -> bool:
        return self.quota is not None and self.support >= self.quota


def _require_status(doc: Document, allowed: Iterable[DocumentStatus]) -> None:
    allowed = tuple(allowed)
    if doc.status not in allowed:
        raise ProcedureError(
            ErrorCode.DOCUMENT_WRONG_STATUS,
            document=doc.label,
            status=doc.status.value,
            expected=sorted(s.value for s in allowed),
        )


def quota_for(
    params: Parameters, kind: DocumentKind, present_at_last_roll_call: int, membership: int
) -> int:
    if kind is DocumentKind.WORKING_PAPER:
        return at_least_fraction(params.wp_signatory_quota, present_at_last_roll_call)
    base = (
        membership if params.dr_quota_base is DrQuotaBase.MEMBERSHIP else present_at_last_roll_call
    )
    return at_least_fraction(params.dr_quota_fraction, base)


def submit(
    params: Parameters, doc: Document, *, present_at_last_roll_call: int, membership: int
) -> Document:
    """Submit to the Director; the quota that applies is stored now (§8.20)."""
    _require_status(doc, [DocumentStatus.DRAFT])
    if len(doc.sponsors) < params.dr_min_sponsors and doc.kind is DocumentKind.DRAFT_RESOLUTION:
        raise ProcedureError(
            ErrorCode.QUOTA_NOT_MET,
            document=doc.label,
            count=len(doc.sponsors),
            quota=params.dr_min_sponsors,
        )
    quota = quota_for(params, doc.kind, present_at_last_roll_call, membership)
    return replace(doc, status=DocumentStatus.SUBMITTED, quota=quota)


def approve(doc: Document, others: Iterable[Document]) -> Document:
    """Director approval numbers the document: next number in its topic and kind."""
    _require_status(doc, [DocumentStatus.SUBMITTED])
    used = [
        o.number
        for o in others
        if o.kind is doc.kind and o.topic == doc.topic and o.number is not None and o.id != doc.id
    ]
    return replace(doc, status=DocumentStatus.APPROVED, number=max(used, default=0) + 1)


def introduce(params: Parameters, doc: Document) -> Document:
    """Approved and holding the stored quota; a WP is introduced by distribution (§5.1)."""
    needs_approval = (
        doc.kind is DocumentKind.DRAFT_RESOLUTION or params.wp_requires_director_approval
    )
    if needs_approval and doc.status is not DocumentStatus.APPROVED:
        raise ProcedureError(ErrorCode.NOT_APPROVED, document=doc.label)
    _require_status(doc, [DocumentStatus.APPROVED, DocumentStatus.SUBMITTED])
    if not doc.meets_quota:
        raise ProcedureError(
            ErrorCode.QUOTA_NOT_MET, document=doc.label, count=doc.support, quota=doc.quota
        )
    return replace(doc, status=DocumentStatus.INTRODUCED)


def _documents_of(
    delegation: str, others: Iterable[Document], doc: Document, role: str
) -> list[str]:
    return [
        o.label
        for o in others
        if o.id != doc.id
        and o.kind is DocumentKind.DRAFT_RESOLUTION
        and o.topic == doc.topic
        and o.status in _ALIVE
        and delegation in (o.sponsors if role == "sponsor" else o.signatories)
    ]


def _require_unlisted(doc: Document, delegation: str) -> None:
    if delegation in doc.sponsors or delegation in doc.signatories:
        raise ProcedureError(ErrorCode.ALREADY_LISTED, delegation=delegation, document=doc.label)


def add_sponsor(
    params: Parameters, doc: Document, attendee: Attendee, others: Iterable[Document]
) -> Document:
    """§5.2 sponsors: members only, one DR per topic, not a signatory of another DR."""
    _require_status(doc, _OPEN)
    delegation = attendee.delegation_id
    if not can_sponsor(params, attendee):
        raise ProcedureError(
            ErrorCode.CANNOT_SPONSOR, delegation=delegation, kind=attendee.kind.value
        )
    _require_unlisted(doc, delegation)
    if params.dr_max_sponsors is not None and len(doc.sponsors) >= params.dr_max_sponsors:
        raise ProcedureError(ErrorCode.MAX_SPONSORS, limit=params.dr_max_sponsors)
    if doc.kind is DocumentKind.DRAFT_RESOLUTION:
        others = tuple(others)
        sponsored = _documents_of(delegation, others, doc, "sponsor")
        limit = params.dr_sponsor_limit_per_delegation
        if limit is not None and len(sponsored) >= limit:
            raise ProcedureError(
                ErrorCode.SPONSOR_LIMIT, delegation=delegation, documents=sponsored, limit=limit
            )
        signed = _documents_of(delegation, others, doc, "signatory")
        if signed and not params.sponsor_may_sign_other_dr:
            raise ProcedureError(
                ErrorCode.SIGNATORY_OF_OTHER_DR, delegation=delegation, documents=signed
            )
    return replace(doc, sponsors=(*doc.sponsors, delegation))


def add_signatory(
    params: Parameters, doc: Document, attendee: Attendee, others: Iterable[Document]
) -> Document:
    """§5.2 signatories: several DRs allowed, but not while sponsoring another DR."""
    _require_status(doc, _OPEN)
    delegation = attendee.delegation_id
    if not can_sign(params, attendee):
        raise ProcedureError(ErrorCode.CANNOT_SIGN, delegation=delegation, kind=attendee.kind.value)
    _require_unlisted(doc, delegation)
    if doc.kind is DocumentKind.DRAFT_RESOLUTION and not params.sponsor_may_sign_other_dr:
        sponsored = _documents_of(delegation, others, doc, "sponsor")
        if sponsored:
            raise ProcedureError(
                ErrorCode.SPONSOR_OF_OTHER_DR, delegation=delegation, documents=sponsored
            )
    return replace(doc, signatories=(*doc.signatories, delegation))


def withdraw_signature(doc: Document, delegation: str) -> Document:
    """Allowed before the DR is introduced."""
    _require_status(doc, _OPEN)
    if delegation not in doc.signatories:
        raise ProcedureError(ErrorCode.NOT_LISTED, delegation=delegation, document=doc.label)
    return replace(doc, signatories=tuple(s for s in doc.signatories if s != delegation))


def withdraw_sponsor(params: Parameters, doc: Document, delegation: str) -> Document:
    """A sponsor withdraws in writing; with fewer than ``dr_min_sponsors`` left the DR is
    withdrawn (§8.21)."""
    _require_status(doc, _ALIVE)
    if delegation not in doc.sponsors:
        raise ProcedureError(ErrorCode.NOT_LISTED, delegation=delegation, document=doc.label)
    sponsors = tuple(s for s in doc.sponsors if s != delegation)
    status = DocumentStatus.WITHDRAWN if len(sponsors) < params.dr_min_sponsors else doc.status
    return replace(doc, sponsors=sponsors, status=status)


def withdraw_document(doc: Document, agreeing: Iterable[str]) -> Document:
    """Withdrawing the whole DR needs every current sponsor (§5.2, §8.21)."""
    _require_status(doc, _ALIVE)
    agreed = set(agreeing)
    missing = [s for s in doc.sponsors if s not in agreed]
    if missing:
        raise ProcedureError(
            ErrorCode.WITHDRAWAL_NEEDS_ALL_SPONSORS, document=doc.label, missing=missing
        )
    return replace(doc, status=DocumentStatus.WITHDRAWN)


def record_vote(doc: Document, adopted: bool) -> Document:
    _require_status(doc, [DocumentStatus.INTRODUCED])
    return replace(doc, status=DocumentStatus.ADOPTED if adopted else DocumentStatus.REJECTED)


# ---- writing and review ----------------------------------------------------------------------


def require_sponsor(doc: Document, delegation: str) -> None:
    """Only a sponsor writes, submits, invites and answers for the document."""
    if delegation not in doc.sponsors:
        raise ProcedureError(ErrorCode.NOT_A_SPONSOR, delegation=delegation, document=doc.label)


def require_editable(doc: Document, delegation: str) -> None:
    """Sponsors edit the text while it is a draft; once submitted, only the Director's
    non-substantive fixes change it (§5.4), until the dais returns it."""
    require_sponsor(doc, delegation)
    _require_status(doc, [DocumentStatus.DRAFT])


def require_typo_fixable(doc: Document) -> None:
    """The dais fixes spelling and punctuation while the document is before it or on the
    floor, never after the vote."""
    _require_status(doc, _ALIVE - {DocumentStatus.DRAFT})


def back_to_draft(doc: Document) -> Document:
    """The dais returns a submitted paper (with a reason), or its sponsors take it back: it
    is a draft again and its quota is computed anew at the next submission."""
    _require_status(doc, [DocumentStatus.SUBMITTED])
    return replace(doc, status=DocumentStatus.DRAFT, quota=None)


def promote(
    params: Parameters, doc: Document, *, present_at_last_roll_call: int, membership: int
) -> Document:
    """A working paper the Director approved goes forward as a draft resolution: submitted
    again, now with the DR's quota and rules; its DR number comes at the DR's approval."""
    if doc.kind is not DocumentKind.WORKING_PAPER:
        raise ProcedureError(ErrorCode.NOT_A_WORKING_PAPER, document=doc.label)
    _require_status(doc, [DocumentStatus.APPROVED, DocumentStatus.INTRODUCED])
    as_draft = replace(
        doc, kind=DocumentKind.DRAFT_RESOLUTION, status=DocumentStatus.DRAFT, number=None
    )
    return submit(
        params,
        as_draft,
        present_at_last_roll_call=present_at_last_roll_call,
        membership=membership,
    )


def check_may_join(
    params: Parameters,
    doc: Document,
    attendee: Attendee,
    others: Iterable[Document],
    *,
    as_sponsor: bool,
) -> None:
    """Would `attendee` be accepted as a sponsor (or signatory)? Asked before an invitation
    is sent, so a delegation is never asked for what the rules would refuse it."""
    if as_sponsor:
        add_sponsor(params, doc, attendee, others)
    else:
        add_signatory(params, doc, attendee, others)


def is_visible_to(doc: Document, delegation: str, invited: Iterable[str] = ()) -> bool:
    """Approved papers are the committee's; before approval only their sponsors, signatories
    and the delegations asked to join see them (the dais sees everything)."""
    if doc.status is DocumentStatus.WITHDRAWN and doc.number is not None:
        return True  # withdrawn after the Director numbered it: it was the committee's
    if doc.status not in (DocumentStatus.DRAFT, DocumentStatus.SUBMITTED, DocumentStatus.WITHDRAWN):
        return True
    return delegation in doc.sponsors or delegation in doc.signatories or delegation in invited
