"""Sentences for documents, their signatures and their amendments.

A document is named by its label in the reader's language ("DR 1.2", 决议草案 1.2); an
amendment by its number and its document's label.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from committee.labels import AMENDMENT_ACTIONS, AMENDMENT_STATUSES, document_label, label
from committee.log.describe import Names
from committee.procedure.facts import EventKind
from committee.procedure.facts.documents import (
    AmendmentFacts,
    AmendmentRef,
    AmendmentReturned,
    AmendmentSubmitted,
    DocumentFacts,
    DocumentProjected,
    DocumentRef,
    DocumentReturned,
    DocumentSubmitted,
    DocumentVersioned,
    SignatureFacts,
)


def _doc(ref: DocumentRef) -> str:
    return document_label(ref.kind, ref.topic, ref.number)


def _amendment(ref: AmendmentRef) -> str:
    return _("amendment %(number)s to %(document)s") % {
        "number": ref.number,
        "document": _doc(ref.doc),
    }


def _words(facts: DocumentFacts, names: Names) -> dict[str, object]:
    return {"document": _doc(facts.doc), "delegation": names(facts.delegation)}


def _created(facts: DocumentFacts, names: Names) -> str:
    return _("%(delegation)s started writing %(document)s") % _words(facts, names)


def _version_words(facts: DocumentVersioned, names: Names) -> dict[str, object]:
    return {
        "document": _doc(facts.doc),
        "delegation": names(facts.delegation),
        "version": facts.version,
    }


def _edited(facts: DocumentVersioned, names: Names) -> str:
    return _("%(delegation)s saved %(document)s (version %(version)s)") % _version_words(
        facts, names
    )


def _imported(facts: DocumentVersioned, names: Names) -> str:
    return _("%(delegation)s pasted in the text of %(document)s (version %(version)s)") % (
        _version_words(facts, names)
    )


def _submitted(facts: DocumentSubmitted, names: Names) -> str:
    return _("%(delegation)s submitted %(document)s to the Director (quota %(quota)s)") % {
        "delegation": names(facts.delegation),
        "document": _doc(facts.doc),
        "quota": facts.quota,
    }


def _promoted(facts: DocumentSubmitted, names: Names) -> str:
    return _("%(delegation)s submitted %(document)s as a draft resolution (quota %(quota)s)") % {
        "delegation": names(facts.delegation),
        "document": _doc(facts.doc),
        "quota": facts.quota,
    }


def _taken_back(facts: DocumentFacts, names: Names) -> str:
    return _("%(delegation)s took %(document)s back to edit it") % _words(facts, names)


def _returned(facts: DocumentReturned, _names: Names) -> str:
    words = {"document": _doc(facts.doc), "reason": facts.reason}
    if facts.reason:
        return _("The Director returned %(document)s: %(reason)s") % words
    return _("The Director returned %(document)s") % words


def _approved(facts: DocumentFacts, _names: Names) -> str:
    return _("The Director approved %(document)s") % {"document": _doc(facts.doc)}


def _introduced(facts: DocumentFacts, _names: Names) -> str:
    return _("%(document)s was introduced") % {"document": _doc(facts.doc)}


def _withdrawal_asked(facts: DocumentFacts, names: Names) -> str:
    return _("%(delegation)s agreed to withdraw %(document)s") % _words(facts, names)


def _withdrawn(facts: DocumentFacts, _names: Names) -> str:
    return _("%(document)s was withdrawn") % {"document": _doc(facts.doc)}


def _fixed(facts: DocumentVersioned, _names: Names) -> str:
    return _("The Director corrected the wording of %(document)s (version %(version)s)") % {
        "document": _doc(facts.doc),
        "version": facts.version,
    }


def _projected(facts: DocumentProjected, _names: Names) -> str:
    if facts.doc is None:
        return _("The projector shows the floor again")
    return _("The projector shows %(document)s, page %(page)s") % {
        "document": _doc(facts.doc),
        "page": facts.page,
    }


def _signature_words(facts: SignatureFacts, names: Names) -> dict[str, object]:
    return {
        "delegation": names(facts.delegation),
        "by": names(facts.by),
        "document": _doc(facts.doc),
    }


def _invited(facts: SignatureFacts, names: Names) -> str:
    words = _signature_words(facts, names)
    if facts.sponsor:
        return _("%(by)s asked %(delegation)s to co-sponsor %(document)s") % words
    return _("%(by)s asked %(delegation)s to sign %(document)s") % words


def _signed(facts: SignatureFacts, names: Names) -> str:
    words = _signature_words(facts, names)
    if facts.sponsor:
        return _("%(delegation)s became a sponsor of %(document)s") % words
    return _("%(delegation)s signed %(document)s") % words


def _declined(facts: SignatureFacts, names: Names) -> str:
    return _("%(delegation)s declined to join %(document)s") % _signature_words(facts, names)


def _signature_withdrawn(facts: SignatureFacts, names: Names) -> str:
    words = _signature_words(facts, names)
    if facts.sponsor:
        return _("%(delegation)s withdrew as a sponsor of %(document)s") % words
    return _("%(delegation)s withdrew its signature from %(document)s") % words


def _amendment_submitted(facts: AmendmentSubmitted, names: Names) -> str:
    words = {
        "delegation": names(facts.delegation),
        "amendment": _amendment(facts.ref),
        "action": label(AMENDMENT_ACTIONS, facts.action),
        "clause": facts.clause,
    }
    if facts.clause:
        return _("%(delegation)s submitted %(amendment)s (%(action)s, clause %(clause)s)") % words
    return _("%(delegation)s submitted %(amendment)s (%(action)s)") % words


def _step_words(facts: AmendmentFacts, names: Names) -> dict[str, object]:
    return {
        "amendment": _amendment(facts.ref),
        "delegation": names(facts.delegation),
        "status": label(AMENDMENT_STATUSES, facts.status),
    }


def _amendment_approved(facts: AmendmentFacts, names: Names) -> str:
    return _("The Director approved %(amendment)s: %(status)s") % _step_words(facts, names)


def _amendment_returned(facts: AmendmentReturned, _names: Names) -> str:
    words = {"amendment": _amendment(facts.ref), "reason": facts.reason}
    if facts.reason:
        return _("The Director returned %(amendment)s: %(reason)s") % words
    return _("The Director returned %(amendment)s") % words


def _amendment_answered(facts: AmendmentFacts, names: Names) -> str:
    return _("%(delegation)s answered on %(amendment)s: %(status)s") % _step_words(facts, names)


def _amendment_signed(facts: AmendmentFacts, names: Names) -> str:
    return _("%(delegation)s signed %(amendment)s: %(status)s") % _step_words(facts, names)


def _amendment_withdrawn(facts: AmendmentFacts, names: Names) -> str:
    return _("%(delegation)s withdrew %(amendment)s") % _step_words(facts, names)


SENTENCES = {
    EventKind.DOCUMENT_CREATED: _created,
    EventKind.DOCUMENT_EDITED: _edited,
    EventKind.DOCUMENT_IMPORTED: _imported,
    EventKind.DOCUMENT_SUBMITTED: _submitted,
    EventKind.DOCUMENT_TAKEN_BACK: _taken_back,
    EventKind.DOCUMENT_RETURNED: _returned,
    EventKind.DOCUMENT_APPROVED: _approved,
    EventKind.DOCUMENT_PROMOTED: _promoted,
    EventKind.DOCUMENT_INTRODUCED: _introduced,
    EventKind.DOCUMENT_WITHDRAWAL_ASKED: _withdrawal_asked,
    EventKind.DOCUMENT_WITHDRAWN: _withdrawn,
    EventKind.DOCUMENT_FIXED: _fixed,
    EventKind.DOCUMENT_PROJECTED: _projected,
    EventKind.SIGNATURE_INVITED: _invited,
    EventKind.SIGNATURE_SIGNED: _signed,
    EventKind.SIGNATURE_DECLINED: _declined,
    EventKind.SIGNATURE_WITHDRAWN: _signature_withdrawn,
    EventKind.AMENDMENT_SUBMITTED: _amendment_submitted,
    EventKind.AMENDMENT_APPROVED: _amendment_approved,
    EventKind.AMENDMENT_RETURNED: _amendment_returned,
    EventKind.AMENDMENT_ANSWERED: _amendment_answered,
    EventKind.AMENDMENT_SIGNED: _amendment_signed,
    EventKind.AMENDMENT_WITHDRAWN: _amendment_withdrawn,
}
