"""The working-paper editor of a delegation (phone or laptop): start a paper, write it clause
by clause with autosave, settle a save that crossed another sponsor's, and import a pasted
text after checking how it was split.

The clause tree lives in the page (static/js/editor.js) and travels as JSON in the hidden
`body` field of DocumentTextForm; the services check it again and give new clauses their ids.
A new clause carries a page-made "key" instead of an id: the answer to a save says which id
each key received, so the next save sends the ids and the clauses keep them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from committee.access import delegate_required
from committee.document_forms import BODY_JSON_MAX, DocumentCreateForm, DocumentTextForm, PasteForm
from committee.document_rows import engine_document
from committee.document_selectors import DocumentCard, DocumentsView
from committee.floor_forms import first_error
from committee.floor_responses import refusal_response
from committee.models import DOCUMENT_TITLE_MAX, Committee, Delegation, DocumentVersion, Topic
from committee.procedure import documents as engine
from committee.procedure.clauses import MAX_DEPTH, letter, roman
from committee.procedure.errors import ErrorCode, ProcedureError
from committee.procedure_messages import describe
from committee.resolutions.body import CLAUSE_TEXT_MAX, BodyError, check_body
from committee.resolutions.layout import Layout, guess_language, lay_out
from committee.resolutions.splitter import MAX_CHARACTERS
from committee.services import documents
from committee.services.documents import VersionConflict
from committee.services.floor import FloorRefusal

# What an editor for a new paper starts with: one empty clause in each part.
EMPTY_BODY: dict[str, Any] = {
    "preambular": [{"text": ""}],
    "operative": [{"text": "", "children": []}],
}
# The keys editor.js gives new clauses ("n1", "n2"…); anything else is ignored.
NEW_CLAUSE_KEY = re.compile(r"n\d{1,9}")

NEW_PAGE = "delegates/editor/new.html"
EDIT_PAGE = "delegates/editor/edit.html"


# ---- the clause tree as the editor draws it ----------------------------------------------------


@dataclass
class EditorClause:
    """One clause of the editor: its stored id ("" for a new one), text and computed label."""

    id: str
    text: str
    label: str
    depth: int
    children: list[EditorClause] = field(default_factory=list)


def clause_label(part: str, depth: int, index: int, parent_label: str) -> str:
    """ "PP1", "1", "1(a)", "1(a)(i)": the engine's numbering, from positions."""
    if part == "preambular":
        return f"PP{index}"
    if depth == 1:
        return str(index)
    marker = letter(index) if depth == 2 else roman(index)
    return f"{parent_label}({marker})"


def editor_clauses(items: Any, part: str, depth: int = 1, parent: str = "") -> list[EditorClause]:
    """The clauses of one part, from a stored body or from what a browser sent (so anything
    that is not a clause is passed over; one level beyond the limit is still drawn, so a
    refused text is shown whole and can be fixed)."""
    if not isinstance(items, list) or depth > MAX_DEPTH + 1:
        return []
    clauses = []
    for index, item in enumerate((i for i in items if isinstance(i, dict)), start=1):
        label = clause_label(part, depth, index, parent)
        children = item.get("children") if part == "operative" else None
        clauses.append(
            EditorClause(
                id=str(item.get("id") or ""),
                text=str(item.get("text") or ""),
                label=label,
                depth=depth,
                children=editor_clauses(children, part, depth + 1, label),
            )
        )
    return clauses


def editor_tree(body: Any) -> dict[str, list[EditorClause]]:
    body = body if isinstance(body, dict) else {}
    return {part: editor_clauses(body.get(part), part) for part in ("preambular", "operative")}


def posted_body(data: QueryDict) -> Any:
    """The body a browser sent, to draw again after a refusal; the empty start if unreadable."""
    raw = data.get("body", "")
    if len(raw) > BODY_JSON_MAX:
        return EMPTY_BODY
    try:
        value = json.loads(raw)
    except ValueError:
        return EMPTY_BODY
    return value if isinstance(value, dict) else EMPTY_BODY


def layout_of(body: Any) -> Layout | None:
    """The text in the UN format, or None when it cannot be laid out as it is."""
    try:
        checked = check_body(body)
    except BodyError:
        return None
    return lay_out(checked, language=guess_language(checked))


def new_clause_ids(sent: Any, saved: Any) -> dict[str, str]:
    """{key: id} for every clause the browser sent without an id: the stored body keeps the
    sent clauses' order, so the two are walked side by side."""
    found: dict[str, str] = {}

    def walk(sent_items: Any, saved_items: Any) -> None:
        if not isinstance(sent_items, list) or not isinstance(saved_items, list):
            return
        sent_clauses = [i for i in sent_items if isinstance(i, dict)]
        for one, stored in zip(sent_clauses, saved_items, strict=False):
            key = one.get("key")
            if isinstance(key, str) and NEW_CLAUSE_KEY.fullmatch(key) and stored.get("id"):
                found[key] = stored["id"]
            walk(one.get("children"), stored.get("children"))

    for part in ("preambular", "operative"):
        walk((sent or {}).get(part), (saved or {}).get(part))
    return found


# ---- what every page needs --------------------------------------------------------------------


def _language() -> str:
    return get_language() or "en"


def _limits() -> dict[str, int]:
    return {
        "clause_max": CLAUSE_TEXT_MAX,
        "title_max": DOCUMENT_TITLE_MAX,
        "paste_max": MAX_CHARACTERS,
        "max_depth": MAX_DEPTH,
    }


def _card(committee: Committee, delegation: Delegation, document_id: int) -> DocumentCard:
    """The document, if this delegation may see it at all; a 404 otherwise (a paper it may
    not read does not exist for it)."""
    card = DocumentsView(committee).card(document_id)
    if card is None or not card.visible_to(delegation):
        raise Http404
    return card


def _edit_refusal(card: DocumentCard, delegation: Delegation) -> ProcedureError | None:
    """Why this delegation may not edit the paper now (the engine decides), or None."""
    try:
        engine.require_editable(engine_document(card.row), str(delegation.pk))
    except ProcedureError as error:
        return error
    return None


def _refused(
    request: HttpRequest, committee: Committee, card: DocumentCard, error: ProcedureError
) -> HttpResponse:
    message = describe(error, _language())
    status = 403 if error.code == ErrorCode.NOT_A_SPONSOR else 409
    if request.htmx:
        return refusal_response(request, message, status=status)
    context = {"committee": committee, "card": card, "message": message}
    return render(request, "delegates/editor/refused.html", context, status=status)


def _topics(committee: Committee) -> list[Topic]:
    return list(committee.topics.all())


def _chosen_topic(data: QueryDict, topics: list[Topic]) -> Topic | None:
    """The topic the form names, if it is one of the committee's; the only one otherwise."""
    wanted = data.get("topic", "")
    for topic in topics:
        if str(topic.pk) == wanted:
            return topic
    return topics[0] if len(topics) == 1 else None


def _new_page(
    request: HttpRequest,
    committee: Committee,
    *,
    form: DocumentCreateForm | None = None,
    paste_form: PasteForm | None = None,
    body: Any = None,
    error: str = "",
    topic_error: str = "",
    status: int = 200,
) -> HttpResponse:
    topics = _topics(committee)
    data = request.POST if request.method == "POST" else QueryDict()
    chosen = _chosen_topic(data, topics)
    form = form or DocumentCreateForm(initial={"title": data.get("title", "")})
    paste_form = paste_form or PasteForm()
    if form.errors:
        topic_error = topic_error or " ".join(form.errors.get("topic", []))
        error = error or " ".join(form.errors.get("body", []) + form.errors.get("imported", []))
    context = {
        "committee": committee,
        "topics": topics,
        "chosen_topic": chosen,
        "form": form,
        "paste_form": paste_form,
        # The paste is shown open when it is what the delegate was doing.
        "paste_open": paste_form.is_bound or bool(paste_form.initial.get("text")),
        "tree": editor_tree(EMPTY_BODY if body is None else body),
        "body_json": json.dumps(EMPTY_BODY if body is None else body, ensure_ascii=False),
        "imported": data.get("imported") in ("on", "1", "true"),
        "error": error,
        "topic_error": topic_error,
        **_limits(),
    }
    return render(request, NEW_PAGE, context, status=status)


def _editor_context(committee: Committee, card: DocumentCard) -> dict[str, Any]:
    body = card.body
    return {
        "committee": committee,
        "card": card,
        "heading": card.heading,
        "form": DocumentTextForm(initial={"title": card.title, "base_version": card.row.version}),
        "tree": editor_tree(body),
        "body_json": json.dumps(body, ensure_ascii=False),
        "base_version": card.row.version,
        "paste_form": PasteForm(),
        **_limits(),
    }


def _failure_message(error: Exception) -> tuple[str, int]:
    """A refused write as words in the user's language, and its status code."""
    if isinstance(error, BodyError):
        return str(error.message), 400
    if isinstance(error, ProcedureError):
        return describe(error, _language()), 409
    if isinstance(error, FloorRefusal):
        return str(error.message), 409
    raise error


# ---- starting a paper -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@delegate_required
def paper_new(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """Choose the topic and the title, then write the first clauses (or paste the text): the
    paper is created with them, and the editor opens on it."""
    if request.method == "GET":
        return _new_page(request, committee)
    form = DocumentCreateForm(request.POST)
    if not form.is_valid():
        return _new_page(request, committee, form=form, body=posted_body(request.POST), status=400)
    chosen = _chosen_topic(request.POST, _topics(committee))
    if chosen is None or chosen.pk != form.cleaned_data["topic"]:
        return _new_page(
            request,
            committee,
            form=form,
            body=posted_body(request.POST),
            topic_error=_("Choose a topic."),
            status=400,
        )
    try:
        document = documents.document_create(
            committee=committee,
            delegation=delegation,
            topic_id=chosen.pk,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            imported=form.cleaned_data["imported"],
        )
    except (BodyError, ProcedureError, FloorRefusal) as error:
        message, status = _failure_message(error)
        return _new_page(
            request,
            committee,
            form=form,
            body=form.cleaned_data["body"],
            error=message,
            status=status,
        )
    messages.success(request, _("The paper is created. Keep writing: it saves as you type."))
    return redirect("paper_edit", committee.slug, document.pk)


# ---- writing ----------------------------------------------------------------------------------


@require_GET
@delegate_required
def paper_edit(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """The editor on the paper's latest version. Asked by the conflict panel ("Load their
    version"), only the editor's form is sent back: the panel with the delegate's own text
    stays on the page to copy from."""
    card = _card(committee, delegation, document_id)
    refusal = _edit_refusal(card, delegation)
    if refusal is not None:
        return _refused(request, committee, card, refusal)
    context = _editor_context(committee, card)
    if request.htmx:
        return render(request, "delegates/editor/_loaded.html", context)
    return render(request, EDIT_PAGE, context)


@require_POST
@delegate_required
def paper_save(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """Save the editor's text as a new version (autosave, the Save button, "Keep mine" and a
    confirmed import). A save over a version the editor did not load saves nothing and
    answers 409 with both texts."""
    card = _card(committee, delegation, document_id)
    refusal = _edit_refusal(card, delegation)
    if refusal is not None:
        # Asked first: the service answers "nothing to save" to an unchanged text before
        # it asks whether the delegation may write at all.
        status = 403 if refusal.code == ErrorCode.NOT_A_SPONSOR else 409
        return _save_failed(request, committee, card, describe(refusal, _language()), status)
    form = DocumentTextForm(request.POST)
    if not form.is_valid():
        return _save_failed(request, committee, card, first_error(form), 400)
    sent = form.cleaned_data
    try:
        version = documents.document_save(
            committee=committee,
            delegation=delegation,
            document_id=card.pk,
            title=sent["title"],
            body=sent["body"],
            base_version=sent["base_version"],
            imported=request.POST.get("imported") == "1",
        )
    except VersionConflict as conflict:
        return _conflict(request, committee, card, conflict.theirs, sent)
    except (BodyError, ProcedureError, FloorRefusal) as error:
        message, status = _failure_message(error)
        return _save_failed(request, committee, card, message, status)
    if not request.htmx:
        if version is not None:
            messages.success(
                request, _("Saved as version %(number)s.") % {"number": version.number}
            )
        return redirect("paper_edit", committee.slug, card.pk)
    context = {
        "version": version,
        "base_version": version.number if version is not None else sent["base_version"],
        # "Keep mine" settles the conflict: its panel goes. After "Load their version" the
        # panel stays while the delegate copies from it, whatever is saved meanwhile.
        "settled": request.POST.get("keep_mine") == "1",
    }
    response = render(request, "delegates/editor/_status.html", context)
    saved = version.body if version is not None else None
    response["HX-Trigger"] = json.dumps(
        {"editor-saved": {"ids": new_clause_ids(sent["body"], saved) if saved else {}}}
    )
    return response


def _save_failed(
    request: HttpRequest, committee: Committee, card: DocumentCard, message: str, status: int
) -> HttpResponse:
    """Nothing was saved: say why where the editor shows its state."""
    if not request.htmx:
        messages.error(request, message)
        return redirect("paper_edit", committee.slug, card.pk)
    context = {"message": message}
    return render(request, "delegates/editor/_status.html", context, status=status)


def _conflict(
    request: HttpRequest,
    committee: Committee,
    card: DocumentCard,
    theirs: DocumentVersion,
    sent: dict[str, Any],
) -> HttpResponse:
    """Both texts and the two ways on: load theirs (yours stays here) or keep yours."""
    context = {
        "committee": committee,
        "card": card,
        "theirs": theirs,
        "their_title": card.row.title,
        "their_layout": lay_out(theirs.body, language=guess_language(theirs.body)),
        "your_title": sent["title"],
        "your_layout": layout_of(sent["body"]),
        "your_tree": editor_tree(sent["body"]),
        "your_json": json.dumps(sent["body"], ensure_ascii=False),
        "imported": request.POST.get("imported") == "1",
        "inline": bool(request.htmx),
    }
    if not request.htmx:
        return render(request, "delegates/editor/conflict.html", context, status=409)
    response = render(request, "delegates/editor/_conflict.html", context, status=409)
    response["HX-Retarget"] = "#editor-conflict"
    response["HX-Reswap"] = "innerHTML"
    return response


# ---- importing a pasted text -------------------------------------------------------------------


@require_POST
@delegate_required
def paper_paste_preview(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    """Split a pasted text and show how it was read, for the delegate to confirm: a new paper
    (with the topic and title chosen) or the whole text of a draft it sponsors. "Edit the
    paste" comes back here with `edit` to show the text again."""
    card = None
    if request.POST.get("document", "").isdigit():
        card = _card(committee, delegation, int(request.POST["document"]))
        refusal = _edit_refusal(card, delegation)
        if refusal is not None:
            return _refused(request, committee, card, refusal)
    editing = request.POST.get("edit") == "1"
    form = (
        PasteForm(initial={"text": request.POST.get("text", "")})
        if editing
        else PasteForm(request.POST)
    )
    chosen = None
    if card is None:
        chosen = _chosen_topic(request.POST, _topics(committee))
        if editing:
            return _new_page(request, committee, paste_form=form)
        valid = form.is_valid()
        if chosen is None or not valid:
            topic_error = _("Choose a topic.") if chosen is None else ""
            return _new_page(
                request, committee, paste_form=form, topic_error=topic_error, status=400
            )
    elif editing:
        return _paste_page(request, committee, card, form, status=200)
    elif not form.is_valid():
        return _paste_page(request, committee, card, form, status=400)
    split = form.cleaned_data["text"].as_json()
    body = {"preambular": split["preambular"], "operative": split["operative"]}
    try:
        check_body(body)
        problem = ""
    except BodyError as error:
        problem = str(error.message)
    context = {
        "committee": committee,
        "card": card,
        "topic": chosen,
        "title": request.POST.get("title", "")[:DOCUMENT_TITLE_MAX] if card is None else "",
        "text": request.POST.get("text", ""),
        "tree": editor_tree(body),
        "unplaced": split["unplaced"],
        "body_json": json.dumps(body, ensure_ascii=False),
        # The text it replaces is the one stored now: a save in between is a conflict.
        "base_version": card.row.version if card is not None else "",
        "problem": problem,
    }
    return render(request, "delegates/editor/preview.html", context)


def _paste_page(
    request: HttpRequest,
    committee: Committee,
    card: DocumentCard,
    form: PasteForm,
    *,
    status: int,
) -> HttpResponse:
    context = {
        "committee": committee,
        "card": card,
        "paste_form": form,
        **_limits(),
    }
    return render(request, "delegates/editor/paste.html", context, status=status)
