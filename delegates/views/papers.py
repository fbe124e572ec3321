"""The delegation's papers on its phone (procedure.md §5): its own working papers and draft
resolutions and the committee's approved ones; one paper with what the delegation may do with
it now; amendments written with a live preview; the text's history.

A paper's page shows its live region (pushed to every reader by committee/realtime.py
`broadcast_document`) and, below it, the actions open to this delegation, drawn for the
request. Each action is a POST that parses its form and calls one service. It answers with
the actions drawn again (the region follows by push), 409 with the reason a service refused,
400 with the message of a bad field. A paper the delegation may not read is a 404, whatever
it asks for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee import realtime
from committee.access import delegate_required
from committee.document_forms import AmendmentForm, AnswerForm, InviteForm, SubmitForm
from committee.document_rows import to_change
from committee.document_selectors import AmendmentCard, DocumentCard, DocumentsView
from committee.floor_forms import first_error
from committee.floor_responses import refusal_response
from committee.models import Amendment, Committee, Delegation, Signature
from committee.procedure.amendments import AmendmentStatus, apply_change
from committee.procedure.clauses import find, next_clause_id
from committee.procedure.documents import DocumentKind, DocumentStatus
from committee.procedure.errors import ProcedureError
from committee.procedure_messages import describe
from committee.resolutions.body import BodyError
from committee.resolutions.diff import Piece, diff_bodies, text_pieces
from committee.resolutions.layout import (
    LaidClause,
    body_to_resolution,
    clause_text,
    lay_out,
    resolution_to_body,
)
from committee.services import amendments, documents
from committee.services.floor import FloorRefusal

LIST_PAGE = "delegates/papers/list.html"
READ_PAGE = "delegates/papers/read.html"
HISTORY_PAGE = "delegates/papers/history.html"
ACTIONS = "delegates/papers/_actions.html"
PREVIEW = "delegates/papers/_amendment_preview.html"

# Statuses in which sponsors may still gather names, and in which a sponsor may still withdraw
# (procedure.md §5.2; the engine decides again).
OPEN = (DocumentStatus.DRAFT, DocumentStatus.SUBMITTED, DocumentStatus.APPROVED)
ALIVE = (*OPEN, DocumentStatus.INTRODUCED)
AMENDABLE = (DocumentStatus.APPROVED, DocumentStatus.INTRODUCED)
EMPTY_BODY: dict[str, Any] = {"preambular": [], "operative": []}

# The amendment form's one "what to do" choice, as the form's action and placement.
CHANGES: dict[str, tuple[str, str]] = {
    "add-after": ("add", "after"),
    "add-inside": ("add", "inside"),
    "add-end": ("add", "end"),
    "modify": ("modify", ""),
    "strike": ("strike", ""),
}


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _visible_card(committee: Committee, delegation: Delegation, document_id: int) -> DocumentCard:
    """The paper as its screens show it; 404 when it is not this committee's or the
    delegation may not read it (a draft of others)."""
    card = DocumentsView(committee).card(document_id)
    if card is None or not card.visible_to(delegation):
        raise Http404
    return card


def _amendment_of(card: DocumentCard, amendment_id: int) -> AmendmentCard:
    """One of this paper's amendments: an id from elsewhere is a 404."""
    found = next((a for a in card.amendments if a.pk == amendment_id), None)
    if found is None:
        raise Http404
    return found


# ---- what the delegation may do -----------------------------------------------------------------


class PaperActions:
    """What one delegation may do with one paper now, as its phone offers it. The buttons
    follow the rules loosely; the services decide when one is pressed."""

    def __init__(self, committee: Committee, card: DocumentCard, delegation: Delegation) -> None:
        self.committee = committee
        self.card = card
        self.delegation = delegation
        self.role = card.role_of(delegation)
        self.status = DocumentStatus(card.status)
        self.kind = DocumentKind(card.row.kind)

    @property
    def invitation(self) -> Signature | None:
        return next((s for s in self.card.invited if s.delegation_id == self.delegation.pk), None)

    @property
    def is_sponsor(self) -> bool:
        return self.role == "sponsor"

    @property
    def may_edit(self) -> bool:
        return self.is_sponsor and self.status is DocumentStatus.DRAFT

    @property
    def may_submit_as_paper(self) -> bool:
        return self.may_edit and self.kind is DocumentKind.WORKING_PAPER

    @property
    def may_take_back(self) -> bool:
        return self.is_sponsor and self.status is DocumentStatus.SUBMITTED

    @property
    def may_promote(self) -> bool:
        return (
            self.is_sponsor
            and self.kind is DocumentKind.WORKING_PAPER
            and self.status in (DocumentStatus.APPROVED, DocumentStatus.INTRODUCED)
        )

    @property
    def may_invite(self) -> bool:
        return self.is_sponsor and self.status in OPEN

    @cached_property
    def invitees(self) -> list[Delegation]:
        """The committee's delegations not yet asked, listed or this one."""
        card = self.card
        taken = {d.pk for d in (*card.sponsors, *card.signatories)} | {self.delegation.pk}
        taken |= {s.delegation_id for s in card.invited}
        return [d for d in self.committee.delegations.all() if d.pk not in taken]

    @property
    def may_sign(self) -> bool:
        return (
            self.role == ""
            and self.kind is DocumentKind.DRAFT_RESOLUTION
            and self.status is DocumentStatus.APPROVED
        )

    @property
    def may_withdraw_signature(self) -> bool:
        return self.role == "signatory" and self.status in OPEN

    @property
    def may_withdraw_sponsorship(self) -> bool:
        return self.is_sponsor and self.status in ALIVE

    @property
    def return_reason(self) -> str:
        if self.is_sponsor and self.status is DocumentStatus.DRAFT:
            return self.card.row.return_reason
        return ""

    @cached_property
    def friendly_asks(self) -> list[AmendmentCard]:
        """Amendments the delegation, as a sponsor, is asked to take as friendly."""
        return [
            a
            for a in self.card.amendments
            if any(d.pk == self.delegation.pk for d in a.waiting_for)
        ]

    @cached_property
    def signable(self) -> list[AmendmentCard]:
        """Unfriendly amendments it has not signed (nor written, nor answered)."""
        return [
            a
            for a in self.card.amendments
            if a.status == AmendmentStatus.UNFRIENDLY and not a.answered_by(self.delegation)
        ]

    @cached_property
    def own_pending(self) -> list[AmendmentCard]:
        return [
            a
            for a in self.card.amendments
            if a.row.submitter_id == self.delegation.pk and a.is_pending
        ]

    @property
    def anything(self) -> bool:
        return any(
            (
                self.invitation,
                self.may_edit,
                self.may_take_back,
                self.may_promote,
                self.may_invite,
                self.may_sign,
                self.may_withdraw_signature,
                self.may_withdraw_sponsorship,
                self.friendly_asks,
                self.signable,
                self.own_pending,
            )
        )


def _actions_context(
    committee: Committee, delegation: Delegation, card: DocumentCard
) -> dict[str, Any]:
    return {
        "committee": committee,
        "delegation": delegation,
        "card": card,
        "actions": PaperActions(committee, card, delegation),
    }


def _is_amendable(card: DocumentCard) -> bool:
    return card.row.kind == DocumentKind.DRAFT_RESOLUTION and card.status in AMENDABLE


# ---- the amendment form and its preview ---------------------------------------------------------


@dataclass(frozen=True)
class ClauseChoice:
    id: str
    label: str
    depth: int
    text: str


def clause_choices(card: DocumentCard) -> list[ClauseChoice]:
    """The operative clauses an amendment may aim at, numbered as the text reads now."""
    texts: dict[str, str] = {}

    def collect(items: list[dict[str, Any]]) -> None:
        for item in items:
            texts[item["id"]] = item.get("text") or ""
            collect(item.get("children") or [])

    collect(card.body.get("operative") or [])
    return [
        ClauseChoice(clause_id, label, depth, texts.get(clause_id, ""))
        for clause_id, label, depth in card.amendable_clauses
    ]


def amendment_form_data(post: QueryDict) -> dict[str, str]:
    """The page's fields as AmendmentForm reads them: its one "change" choice is the form's
    action and placement."""
    action, placement = CHANGES.get(post.get("change", ""), ("", ""))
    return {
        "action": action,
        "placement": placement,
        "target": post.get("target", ""),
        "text": post.get("text", ""),
        "rationale": post.get("rationale", ""),
        "parent": post.get("parent", ""),
    }


@dataclass(frozen=True)
class ClausePreview:
    """An amendment's clause as the text would read with it: laid out in the amended text (as
    it reads now, for a strike), with the words a modification changes."""

    action: str
    clause: LaidClause
    pieces: tuple[Piece, ...] = ()

    @property
    def struck(self) -> bool:
        return self.action == "strike"


def _laid(clauses: tuple[LaidClause, ...], clause_id: str) -> LaidClause | None:
    for clause in clauses:
        if clause.id == clause_id:
            return clause
        found = _laid(clause.children, clause_id)
        if found is not None:
            return found
    return None


def preview_amendment(
    body: dict[str, Any], *, action: str, target: str, placement: str, text: str, language: str
) -> ClausePreview | None:
    """The clause an amendment adds, rewrites or strikes, as it would read; None when the
    clause it aims at is no longer in the text. Placed the way the service places it
    (committee/document_rows.py `to_change`); a change the engine refuses raises its
    ProcedureError."""
    resolution = body_to_resolution(body)
    if target and find(resolution, target) is None:
        return None
    if action == "strike":
        laid = _laid(lay_out(body, language=language).operative, target)
        return ClausePreview(action, laid) if laid is not None else None
    text = " ".join(text.split())
    new_id = next_clause_id(resolution) if action == "add" else ""
    unsaved = Amendment(
        action=action, target=target, placement=placement, new_clause_id=new_id, text=text
    )
    amended = apply_change(resolution, to_change(unsaved, resolution))
    layout = lay_out(resolution_to_body(amended), language=language)
    laid = _laid(layout.operative, new_id or target)
    if laid is None:
        return None
    pieces: tuple[Piece, ...] = ()
    if action == "modify":
        before = find(resolution, target)
        pieces = text_pieces(clause_text(before.text if before else ""), clause_text(text))
    return ClausePreview(action, laid, pieces)


def _amendment_form_context(card: DocumentCard, target: str = "") -> dict[str, Any]:
    return {
        "form": AmendmentForm(),
        "clauses": clause_choices(card),
        "selected_target": target,
        "amendable_amendments": amendable_amendments(card),
    }


def amendable_amendments(card: DocumentCard) -> list[AmendmentCard]:
    """The pending amendments an amendment may amend, where the profile allows amendments to
    amendments (§5.4; never to an amendment that itself amends one)."""
    if not card.row.committee.parameters().allow_second_degree:
        return []
    return [a for a in card.amendments if a.is_pending and a.row.parent_id is None]


def _posted_version(post: QueryDict) -> int | None:
    value = post.get("clauses_version", "")
    return int(value) if value.isdigit() else None


# ---- pages --------------------------------------------------------------------------------------


def _live_context(committee: Committee, delegation: Delegation, ws_path: str) -> dict[str, Any]:
    """What a live phone page needs: the regions its screens were last sent (the floor's
    pending answers reach the delegation here too) and its websocket."""
    return {
        "regions": realtime.page_regions(committee, realtime.DELEGATES, _language(), delegation),
        "ws_path": ws_path,
    }


@require_GET
@delegate_required
def paper_list(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """The delegation's own papers, whatever their status, then the committee's approved
    ones (a live region every phone shares)."""
    papers = DocumentsView(committee)
    own = [(card, card.role_of(delegation)) for card in papers.cards if card.role_of(delegation)]
    return render(
        request,
        LIST_PAGE,
        {
            "committee": committee,
            "delegation": delegation,
            "own": own,
            **_live_context(committee, delegation, f"/ws/c/{committee.slug}/"),
        },
    )


@require_GET
@delegate_required
def paper_read(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    card = _visible_card(committee, delegation, document_id)
    context = {
        **_actions_context(committee, delegation, card),
        **_live_context(committee, delegation, f"/ws/c/{committee.slug}/?document={card.pk}"),
        "amendable": _is_amendable(card),
    }
    if context["amendable"]:
        context.update(_amendment_form_context(card))
    return render(request, READ_PAGE, context)


@require_GET
@delegate_required
def paper_actions(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """The actions drawn again: the page asks after each push of the paper's region."""
    card = DocumentsView(committee).card(document_id)
    if card is None or not card.visible_to(delegation):
        if request.htmx:
            return _to_the_list(committee)  # its page shows a paper no longer its to read
        raise Http404
    return render(request, ACTIONS, _actions_context(committee, delegation, card))


@require_GET
@delegate_required
def paper_history(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """Every version of the text, and what one of them changed from the one before."""
    card = _visible_card(committee, delegation, document_id)
    versions = list(
        card.row.versions.select_related("author_delegation", "amendment").order_by("number")
    )
    wanted = request.GET.get("version", "")
    number = int(wanted) if wanted.isdigit() else card.row.version
    shown = next((v for v in versions if v.number == number), None)
    if shown is None and versions:
        raise Http404
    before = next((v for v in versions if v.number == number - 1), None)
    diff = diff_bodies(before.body if before else EMPTY_BODY, shown.body) if shown else []
    return render(
        request,
        HISTORY_PAGE,
        {
            "committee": committee,
            "delegation": delegation,
            "card": card,
            "versions": list(reversed(versions)),
            "shown": shown,
            "before": before,
            "diff": diff,
        },
    )


# ---- actions ------------------------------------------------------------------------------------


def _answer(
    request: HttpRequest,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    *,
    reset_amendment_form: bool = False,
) -> HttpResponse:
    """After an action: the actions drawn again for this delegation (with a notice when live
    updates are down, since other screens will not show it yet)."""
    if not request.htmx:
        return redirect("paper_read", slug=committee.slug, document_id=document_id)
    card = DocumentsView(committee).card(document_id)
    if card is None or not card.visible_to(delegation):
        return _to_the_list(committee)  # it declined a draft, or left one
    context = _actions_context(committee, delegation, card)
    html = render_to_string(ACTIONS, context, request)
    if reset_amendment_form and _is_amendable(card):
        html += render_to_string(
            "delegates/papers/_amendment_form.html",
            {**context, **_amendment_form_context(card), "oob": True},
            request,
        )
    if not realtime.live_updates_available():
        message = _("Saved, but live updates are down: screens will catch up when they return.")
        html += render_to_string(
            "delegates/papers/_notice_oob.html", {"message": message, "level": "error"}
        )
    return HttpResponse(html)


def _to_the_list(committee: Committee) -> HttpResponse:
    """The page goes to the papers list: the paper is no longer the delegation's to read."""
    return HttpResponse(
        status=204, headers={"HX-Redirect": reverse("paper_list", args=[committee.slug])}
    )


def _act(
    request: HttpRequest,
    committee: Committee,
    delegation: Delegation,
    card: DocumentCard,
    service: Callable[..., Any],
    *,
    reset_amendment_form: bool = False,
    **arguments: Any,
) -> HttpResponse:
    """Run one service for the phone's own delegation; the actions again, or why not."""
    try:
        service(committee=committee, delegation=delegation, **arguments)
    except ProcedureError as error:
        return refusal_response(request, describe(error, _language()))
    except FloorRefusal as refusal:
        return refusal_response(request, str(refusal.message))
    except BodyError as error:
        return refusal_response(request, str(error.message), status=400)
    return _answer(
        request, committee, delegation, card.pk, reset_amendment_form=reset_amendment_form
    )


def _bad(request: HttpRequest, form: Any) -> HttpResponse:
    return refusal_response(request, first_error(form), status=400)


@require_POST
@delegate_required
def paper_answer(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """Accept or decline the invitation to co-sponsor or sign."""
    card = _visible_card(committee, delegation, document_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _bad(request, form)
    return _act(
        request,
        committee,
        delegation,
        card,
        documents.signature_answer,
        document_id=card.pk,
        accept=form.accepted,
    )


@require_POST
@delegate_required
def paper_invite(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """A sponsor asks another delegation to co-sponsor or to sign."""
    card = _visible_card(committee, delegation, document_id)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _bad(request, form)
    return _act(
        request,
        committee,
        delegation,
        card,
        documents.signature_invite,
        document_id=card.pk,
        invitee_id=form.cleaned_data["invitee"],
        as_sponsor=form.cleaned_data["as_sponsor"],
    )


@require_POST
@delegate_required
def paper_submit(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """Hand the draft to the Director, as a working paper or as a draft resolution."""
    card = _visible_card(committee, delegation, document_id)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _bad(request, form)
    return _act(
        request,
        committee,
        delegation,
        card,
        documents.document_submit,
        document_id=card.pk,
        as_draft_resolution=form.cleaned_data["as_draft_resolution"],
    )


@require_POST
@delegate_required
def paper_take_back(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    card = _visible_card(committee, delegation, document_id)
    return _act(
        request, committee, delegation, card, documents.document_take_back, document_id=card.pk
    )


@require_POST
@delegate_required
def paper_promote(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """An approved working paper goes forward as a draft resolution."""
    card = _visible_card(committee, delegation, document_id)
    return _act(
        request, committee, delegation, card, documents.document_promote, document_id=card.pk
    )


@require_POST
@delegate_required
def paper_sign(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """Sign an approved draft resolution, unasked."""
    card = _visible_card(committee, delegation, document_id)
    return _act(request, committee, delegation, card, documents.signature_sign, document_id=card.pk)


@require_POST
@delegate_required
def paper_withdraw(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """Withdraw the delegation's signature, or its sponsorship."""
    card = _visible_card(committee, delegation, document_id)
    return _act(
        request, committee, delegation, card, documents.signature_withdraw, document_id=card.pk
    )


# ---- amendments ---------------------------------------------------------------------------------


@require_POST
@delegate_required
def paper_amendment_preview(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    """The clause as it would read, while the amendment is being written. The clause list
    comes again when the text changed since the form was drawn (a friendly amendment
    renumbered it); the clause chosen stays chosen, by its id."""
    card = _visible_card(committee, delegation, document_id)
    data = amendment_form_data(request.POST)
    context: dict[str, Any] = {"committee": committee, "card": card}
    started = (
        data["target"] or data["text"] or (data["action"], data["placement"]) == CHANGES["add-end"]
    )
    if started:
        form = AmendmentForm(data)
        if not form.is_valid():
            context["message"] = first_error(form)
        else:
            fields = form.cleaned_data
            try:
                context["preview"] = preview_amendment(
                    card.body,
                    action=fields["action"],
                    target=fields["target"],
                    placement=fields["placement"],
                    text=fields["text"],
                    language=card.language,
                )
            except ProcedureError as error:
                context["message"] = describe(error, _language())
            else:
                if context["preview"] is None:
                    context["message"] = _(
                        "That clause is no longer in the text: choose another one."
                    )
    if _posted_version(request.POST) != card.row.version:
        context.update(_amendment_form_context(card, data["target"]))
        context["clauses_oob"] = True
    return render(request, PREVIEW, context)


@require_POST
@delegate_required
def paper_amendment_submit(
    request: HttpRequest, committee: Committee, delegation: Delegation, document_id: int
) -> HttpResponse:
    card = _visible_card(committee, delegation, document_id)
    form = AmendmentForm(amendment_form_data(request.POST))
    if not form.is_valid():
        return _bad(request, form)
    fields = form.cleaned_data
    return _act(
        request,
        committee,
        delegation,
        card,
        amendments.amendment_submit,
        reset_amendment_form=True,
        document_id=card.pk,
        action=fields["action"],
        target=fields["target"],
        placement=fields["placement"],
        text=fields["text"],
        rationale=fields["rationale"],
        parent_id=fields["parent"],
    )


@require_POST
@delegate_required
def paper_amendment_answer(
    request: HttpRequest,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    amendment_id: int,
) -> HttpResponse:
    """A sponsor of the draft resolution: is this amendment friendly?"""
    card = _visible_card(committee, delegation, document_id)
    amendment = _amendment_of(card, amendment_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _bad(request, form)
    return _act(
        request,
        committee,
        delegation,
        card,
        amendments.amendment_answer,
        amendment_id=amendment.pk,
        accept=form.accepted,
    )


@require_POST
@delegate_required
def paper_amendment_sign(
    request: HttpRequest,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    amendment_id: int,
) -> HttpResponse:
    """Sign an unfriendly amendment towards its quota."""
    card = _visible_card(committee, delegation, document_id)
    amendment = _amendment_of(card, amendment_id)
    return _act(
        request,
        committee,
        delegation,
        card,
        amendments.amendment_sign,
        amendment_id=amendment.pk,
    )


@require_POST
@delegate_required
def paper_amendment_withdraw(
    request: HttpRequest,
    committee: Committee,
    delegation: Delegation,
    document_id: int,
    amendment_id: int,
) -> HttpResponse:
    """Its writer withdraws an amendment while it is pending."""
    card = _visible_card(committee, delegation, document_id)
    amendment = _amendment_of(card, amendment_id)
    return _act(
        request,
        committee,
        delegation,
        card,
        amendments.amendment_withdraw,
        amendment_id=amendment.pk,
    )
