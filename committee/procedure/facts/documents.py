"""Facts of documents, their signatures and their amendments.

A document is named by its id with what makes its label ("DR 1.2") at the time of the event:
its kind, its topic's number and its number. Delegations are ids; reasons the Director typed
are kept as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from committee.procedure.amendments import AmendmentAction, AmendmentStatus
from committee.procedure.documents import DocumentKind
from committee.procedure.facts.kinds import EventKind


@dataclass(frozen=True, slots=True)
class DocumentRef:
    document: int
    kind: DocumentKind
    topic: int  # the topic's number
    number: int | None = None  # None until the Director approves it


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Something done to a document as a whole, by a delegation or by the dais."""

    doc: DocumentRef
    delegation: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentVersioned:
    """A new version of the text: written, pasted in, or corrected by the Director (no
    delegation)."""

    doc: DocumentRef
    version: int
    delegation: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentSubmitted:
    doc: DocumentRef
    delegation: int
    quota: int


@dataclass(frozen=True, slots=True)
class DocumentReturned:
    doc: DocumentRef
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SignatureFacts:
    """An invitation, a signature, a refusal or a withdrawal: who, as what, asked by whom."""

    doc: DocumentRef
    delegation: int
    sponsor: bool
    by: int | None = None


@dataclass(frozen=True, slots=True)
class AmendmentRef:
    amendment: int
    number: int
    doc: DocumentRef


@dataclass(frozen=True, slots=True)
class AmendmentSubmitted:
    ref: AmendmentRef
    delegation: int
    action: AmendmentAction
    clause: str = ""  # the target's label when it was written ("2(b)"); "" for a new clause


@dataclass(frozen=True, slots=True)
class AmendmentFacts:
    """A step of an amendment: who acted (None: the dais) and where it stands after."""

    ref: AmendmentRef
    status: AmendmentStatus
    delegation: int | None = None
    version: int | None = None  # the DR's version that applying it made
    lapsed: tuple[int, ...] = ()  # other amendments (by number) that lapsed with it
    not_put: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class AmendmentReturned:
    ref: AmendmentRef
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DocumentProjected:
    doc: DocumentRef | None  # None: the projector shows the floor again
    page: int = 1


PAYLOADS: dict[EventKind, type] = {
    EventKind.DOCUMENT_CREATED: DocumentFacts,
    EventKind.DOCUMENT_EDITED: DocumentVersioned,
    EventKind.DOCUMENT_IMPORTED: DocumentVersioned,
    EventKind.DOCUMENT_SUBMITTED: DocumentSubmitted,
    EventKind.DOCUMENT_TAKEN_BACK: DocumentFacts,
    EventKind.DOCUMENT_RETURNED: DocumentReturned,
    EventKind.DOCUMENT_APPROVED: DocumentFacts,
    EventKind.DOCUMENT_PROMOTED: DocumentSubmitted,
    EventKind.DOCUMENT_INTRODUCED: DocumentFacts,
    EventKind.DOCUMENT_WITHDRAWAL_ASKED: DocumentFacts,
    EventKind.DOCUMENT_WITHDRAWN: DocumentFacts,
    EventKind.DOCUMENT_FIXED: DocumentVersioned,
    EventKind.DOCUMENT_PROJECTED: DocumentProjected,
    EventKind.SIGNATURE_INVITED: SignatureFacts,
    EventKind.SIGNATURE_SIGNED: SignatureFacts,
    EventKind.SIGNATURE_DECLINED: SignatureFacts,
    EventKind.SIGNATURE_WITHDRAWN: SignatureFacts,
    EventKind.AMENDMENT_SUBMITTED: AmendmentSubmitted,
    EventKind.AMENDMENT_APPROVED: AmendmentFacts,
    EventKind.AMENDMENT_RETURNED: AmendmentReturned,
    EventKind.AMENDMENT_ANSWERED: AmendmentFacts,
    EventKind.AMENDMENT_SIGNED: AmendmentFacts,
    EventKind.AMENDMENT_WITHDRAWN: AmendmentFacts,
}
