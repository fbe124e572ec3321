"""The dais's side of working papers, draft resolutions and amendments.

The Director's queue is a live region of the dais's floor page (templates/committee/regions/
_documents.html); its buttons post here. One document has a page of its own: its live text
(pushed to it as the document changes), the dais's actions beside it, the wording fix and the
projector's pages; and a page of its versions, compared.

Every action is a POST that calls one service. Success is 204 (every screen catches up by
push), a refusal 409 with the reason, bad input 400: as the floor's actions answer
(committee/floor_responses.py).
"""

import json
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee import document_forms
from committee.access import dais_required
from committee.document_selectors import DocumentCard, DocumentsView
from committee.floor_forms import ID_MAX, first_error
from committee.floor_responses import perform, refusal_response
from committee.models import Committee, DocumentVersion, Floor
from committee.procedure.clauses import numbering
from committee.procedure.documents import DocumentStatus
from committee.resolutions.body import CLAUSE_TEXT_MAX, BodyError
from committee.resolutions.diff import diff_bodies
from committee.resolutions.layout import body_to_resolution
from committee.resolutions.pages import paginate, projector_page
from committee.services import amendments, documents
from committee.services.documents import VersionConflict

# Statuses in which the Director may still correct the wording (the engine has the last word).
FIXABLE = frozenset({DocumentStatus.SUBMITTED, DocumentStatus.APPROVED, DocumentStatus.INTRODUCED})
ACTIONS_TEMPLATE = "committee/documents/_dais_actions.html"
FIX_TEMPLATE = "committee/documents/_fix_form.html"
# Sent with a projection's answer: the document page's actions redraw themselves (a stop
# changes no document, so no document push would tell them).
PROJECTED_EVENT = "documentProjected"


@dataclass(frozen=True)
class ClauseField:
    """One clause in the Director's fix form: its stored words, where it stands."""

    id: str
    reference: str  # the engine's number: "PP1", "2(a)"
    preambular: bool
    depth: int
    text: str

    @property
    def name(self) -> str:
        return f"clause-{self.id}"

    @property
    def number(self) -> str:
        return self.reference.removeprefix("PP")


def clause_fields(body: dict[str, Any]) -> list[ClauseField]:
    """Every clause of the body, preamble first, each followed by its sub-clauses."""
    references = numbering(body_to_resolution(body))
    fields: list[ClauseField] = []

    def walk(items: list[dict[str, Any]], depth: int, preambular: bool) -> None:
        for item in items:
            key = str(item["id"])
            fields.append(
                ClauseField(key, references[key], preambular, depth, str(item.get("text") or ""))
            )
            walk(item.get("children") or [], depth + 1, preambular)

    walk(body.get("preambular") or [], 1, True)
    walk(body.get("operative") or [], 1, False)
    return fields


def body_with_texts(body: dict[str, Any], texts: dict[str, str]) -> dict[str, Any] | None:
    """The same clauses in the same places with the posted words; None if a clause is missing
    (the form came from another version of the text)."""

    def walk(items: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
        out = []
        for item in items:
            key = str(item["id"])
            children = walk(item.get("children") or [])
            if key not in texts or children is None:
                return None
            out.append({"id": key, "text": texts[key], "children": children})
        return out

    preambular = walk(body.get("preambular") or [])
    operative = walk(body.get("operative") or [])
    if preambular is None or operative is None:
        return None
    return {"preambular": preambular, "operative": operative}


def _card(committee: Committee, document_id: int) -> DocumentCard:
    card = DocumentsView(committee).card(document_id)
    if card is None:
        raise Http404
    return card


def _actions_context(committee: Committee, card: DocumentCard) -> dict[str, Any]:
    floor = Floor.objects.filter(pk=committee.pk).values("projected_document", "projected_page")
    shown = floor.first() or {}
    on_projector = shown.get("projected_document") == card.pk
    # What the committee may read, the projector may show.
    projectable = card.is_public and card.status != DocumentStatus.WITHDRAWN
    return {
        "committee": committee,
        "card": card,
        "projectable": projectable,
        "on_projector": on_projector,
        "page": projector_page(card.layout, shown["projected_page"]) if on_projector else None,
        "page_numbers": range(1, len(paginate(card.layout)) + 1) if projectable else (),
        "reason_form": document_forms.ReasonForm(),
    }


def _fix_context(
    committee: Committee, card: DocumentCard, saved: int | None = None
) -> dict[str, Any]:
    return {
        "committee": committee,
        "card": card,
        "fields": clause_fields(card.body),
        "version": card.row.version,
        "text_max": CLAUSE_TEXT_MAX,
        "saved": saved,
    }


# ---- pages ------------------------------------------------------------------------------------


@require_GET
@dais_required
def dais_document(request: HttpRequest, committee: Committee, document_id: int) -> HttpResponse:
    request.committee = committee  # type: ignore[attr-defined]  # for the header
    card = _card(committee, document_id)
    context = _actions_context(committee, card) | {
        "fixable": card.status in FIXABLE,
        "ws_path": f"/ws/c/{committee.slug}/?document={card.pk}",
    }
    if context["fixable"]:
        context |= _fix_context(committee, card)
    return render(request, "committee/documents/dais_document.html", context)


@require_GET
@dais_required
def dais_document_actions(
    request: HttpRequest, committee: Committee, document_id: int
) -> HttpResponse:
    """The dais's actions for a document as they are now: the page fetches them again
    whenever the document is pushed to it."""
    return render(
        request, ACTIONS_TEMPLATE, _actions_context(committee, _card(committee, document_id))
    )


@require_GET
@dais_required
def dais_document_history(
    request: HttpRequest, committee: Committee, document_id: int
) -> HttpResponse:
    """Every version of a document, and what one of them changed from the one before."""
    request.committee = committee  # type: ignore[attr-defined]
    card = _card(committee, document_id)
    versions = list(
        DocumentVersion.objects.filter(document_id=card.pk)
        .select_related("author_delegation", "author_user", "amendment")
        .order_by("-number")
    )
    wanted = request.GET.get("version", "")
    number = int(wanted) if wanted.isdigit() else card.row.version
    by_number = {v.number: v for v in versions}
    shown = by_number.get(number)
    if shown is None:
        raise Http404
    before = by_number.get(number - 1)
    return render(
        request,
        "committee/documents/dais_document_history.html",
        {
            "committee": committee,
            "card": card,
            "versions": versions,
            "shown": shown,
            "before": before,
            "diff": diff_bodies(before.body if before else {}, shown.body),
        },
    )


# ---- the Director's review --------------------------------------------------------------------


@require_POST
@dais_required
def approve(request: HttpRequest, committee: Committee, document_id: int) -> HttpResponse:
    return perform(
        request,
        documents.document_approve,
        committee=committee,
        user=request.user,
        document_id=document_id,
    )


@require_POST
@dais_required
def return_document(request: HttpRequest, committee: Committee, document_id: int) -> HttpResponse:
    form = document_forms.ReasonForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, first_error(form), status=400)
    return perform(
        request,
        documents.document_return,
        committee=committee,
        user=request.user,
        document_id=document_id,
        reason=form.cleaned_data["reason"],
    )


@require_POST
@dais_required
def introduce(request: HttpRequest, committee: Committee, document_id: int) -> HttpResponse:
    return perform(
        request,
        documents.document_introduce,
        committee=committee,
        user=request.user,
        document_id=document_id,
    )


@require_POST
@dais_required
def fix(request: HttpRequest, committee: Committee, document_id: int) -> HttpResponse:
    """The Director's correction of wording, from a form of one field per clause
    (`clause-<id>`) over the version the form was loaded with."""
    base = request.POST.get("base_version", "")
    if not (base.isdigit() and int(base) <= ID_MAX):
        return refusal_response(request, _("Reload the page: the version is missing."), status=400)
    loaded = DocumentVersion.objects.filter(
        document_id=document_id, document__committee=committee, number=int(base)
    ).first()
    if loaded is None:
        return refusal_response(request, _("That document does not exist."))
    texts = {
        key.removeprefix("clause-"): value
        for key, value in request.POST.items()
        if key.startswith("clause-")
    }
    body = body_with_texts(loaded.body, texts)
    if body is None:
        return refusal_response(
            request,
            _("The text has changed since this form was loaded: reload the page."),
            status=400,
        )
    form = document_forms.FixForm({"body": json.dumps(body), "base_version": loaded.number})
    if not form.is_valid():
        return refusal_response(request, first_error(form), status=400)
    try:
        response = perform(
            request,
            documents.document_fix,
            committee=committee,
            user=request.user,
            document_id=document_id,
            body=form.cleaned_data["body"],
            base_version=form.cleaned_data["base_version"],
        )
    except BodyError as error:
        return refusal_response(request, str(error.message), status=400)
    except VersionConflict:
        return refusal_response(
            request,
            _("Someone changed this text since you opened it: reload the page, then correct it."),
        )
    if response.status_code != 204:
        return response
    # The form again, over the new version, so the next correction starts from it.
    card = _card(committee, document_id)
    return render(request, FIX_TEMPLATE, _fix_context(committee, card, saved=card.row.version))


@require_POST
@dais_required
def project(request: HttpRequest, committee: Committee) -> HttpResponse:
    """A document's page on the projector, or (no document) the floor again."""
    form = document_forms.ProjectForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, first_error(form), status=400)
    response = perform(
        request,
        documents.document_project,
        committee=committee,
        user=request.user,
        document_id=form.cleaned_data["document"],
        page=form.cleaned_data["page"] or 1,
    )
    if response.status_code == 204:
        response["HX-Trigger"] = PROJECTED_EVENT
    return response


# ---- amendments ---------------------------------------------------------------------------------


@require_POST
@dais_required
def amendment_approve(
    request: HttpRequest, committee: Committee, amendment_id: int
) -> HttpResponse:
    return perform(
        request,
        amendments.amendment_approve,
        committee=committee,
        user=request.user,
        amendment_id=amendment_id,
    )


@require_POST
@dais_required
def amendment_return(request: HttpRequest, committee: Committee, amendment_id: int) -> HttpResponse:
    form = document_forms.ReasonForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, first_error(form), status=400)
    return perform(
        request,
        amendments.amendment_return,
        committee=committee,
        user=request.user,
        amendment_id=amendment_id,
        reason=form.cleaned_data["reason"],
    )
