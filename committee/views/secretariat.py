"""The secretariat's pages: every committee at a glance, and the conference set-up."""

import segno
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from committee.access import is_secretariat, secretariat_required
from committee.forms import (
    CommitteeForm,
    ConferenceForm,
    DaisAccountForm,
    DaisAssignForm,
    DaisMemberForm,
    DaisPasswordForm,
    RosterImportForm,
)
from committee.models import Committee, Conference, DaisMembership
from committee.roster import parse_roster
from committee.selectors import FloorView
from committee.services import setup


def _posted(request: HttpRequest):
    """The submitted data on a POST (even an empty one), so the form is bound and validated."""
    return request.POST if request.method == "POST" else None


@require_GET
@secretariat_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Every committee's live state at a glance; rows update by push (region committee-summary)."""
    conferences = [
        (conference, [FloorView(committee) for committee in conference.committees.all()])
        for conference in Conference.objects.prefetch_related("committees")
    ]
    return render(request, "committee/secretariat/dashboard.html", {"conferences": conferences})


@require_http_methods(["GET", "POST"])
@secretariat_required
def conference_create(request: HttpRequest) -> HttpResponse:
    return _conference_form(request, Conference())


@require_http_methods(["GET", "POST"])
@secretariat_required
def conference_edit(request: HttpRequest, conference_slug: str) -> HttpResponse:
    return _conference_form(request, get_object_or_404(Conference, slug=conference_slug))


def _conference_form(request: HttpRequest, conference: Conference) -> HttpResponse:
    form = ConferenceForm(_posted(request), instance=conference)
    if request.method == "POST" and form.is_valid():
        setup.conference_save(conference=form.save(commit=False))
        messages.success(request, _("Conference saved."))
        return redirect("secretariat_dashboard")
    return render(
        request,
        "committee/secretariat/conference_form.html",
        {"form": form, "conference": conference},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def committee_create(request: HttpRequest) -> HttpResponse:
    return _committee_form(request, Committee())


@require_http_methods(["GET", "POST"])
@secretariat_required
def committee_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _committee_form(request, get_object_or_404(Committee, slug=slug))


def _committee_form(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = CommitteeForm(_posted(request), instance=committee, language=get_language())
    if request.method == "POST" and form.is_valid():
        saved = setup.committee_save(
            committee=form.save(commit=False),
            topic_title=form.cleaned_data["topic"],
            topic_title_zh=form.cleaned_data["topic_zh"],
        )
        messages.success(request, _("Committee “%s” saved.") % saved.name)
        return redirect("secretariat_dashboard")
    return render(
        request,
        "committee/secretariat/committee_form.html",
        {"form": form, "committee": committee},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def roster_import(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    form = RosterImportForm(_posted(request), request.FILES or None)
    parsed = result = None
    if request.method == "POST" and form.is_valid():
        parsed = parse_roster(form.cleaned_data["csv_text"])
        if parsed.is_valid:
            result = setup.roster_import(committee=committee, rows=parsed.rows)
            messages.success(
                request,
                _("Roster imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
    status = 400 if request.method == "POST" and result is None else 200
    return render(
        request,
        "committee/secretariat/roster_import.html",
        {
            "committee": committee,
            "form": form,
            "parsed": parsed,
            "result": result,
            "delegations": committee.delegations.all(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@secretariat_required
def dais_accounts(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    # Distinct id prefixes: both forms have a "role" field on the same page.
    create_form = DaisAccountForm(
        request.POST if request.POST.get("action") == "create" else None, auto_id="new_%s"
    )
    assign_form = DaisAssignForm(
        request.POST if request.POST.get("action") == "assign" else None, auto_id="existing_%s"
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create" and create_form.is_valid():
            membership = setup.dais_account_create(committee=committee, **create_form.cleaned_data)
            messages.success(request, _("Account “%s” created.") % membership.user.get_username())
            return redirect("dais_accounts", slug=committee.slug)
        if action == "assign" and assign_form.is_valid():
            setup.dais_assign(committee=committee, **assign_form.cleaned_data)
            messages.success(request, _("Dais updated."))
            return redirect("dais_accounts", slug=committee.slug)
        if action == "remove":
            membership = _posted_member(request, committee)
            setup.dais_remove(membership=membership)
            messages.success(request, _("Removed from the dais."))
            return redirect("dais_accounts", slug=committee.slug)
    dais = list(committee.dais.select_related("user"))
    password_forms = {membership.pk: _dais_password_form(membership) for membership in dais}
    if request.method == "POST" and request.POST.get("action") == "password":
        membership = _posted_member(request, committee)
        form = _dais_password_form(membership, request.POST)
        password_forms[membership.pk] = form
        if is_secretariat(membership.user):
            # A secretariat account changes its own password; nobody takes it over from here.
            messages.error(request, _("A secretariat account changes its own password."))
        elif form.is_valid():
            setup.account_password_set(
                user=membership.user, password=form.cleaned_data["new_password1"]
            )
            messages.success(
                request, _("New password set for “%s”.") % membership.user.get_username()
            )
            return redirect("dais_accounts", slug=committee.slug)
    return render(
        request,
        "committee/secretariat/dais_accounts.html",
        {
            "committee": committee,
            "dais": [(membership, password_forms[membership.pk]) for membership in dais],
            "create_form": create_form,
            "assign_form": assign_form,
        },
        status=400 if request.method == "POST" else 200,
    )


def _posted_member(request: HttpRequest, committee: Committee) -> DaisMembership:
    form = DaisMemberForm(committee, request.POST)
    if not form.is_valid():
        raise BadRequest("no such member of this dais")
    return form.cleaned_data["membership"]


def _dais_password_form(membership: DaisMembership, data=None) -> DaisPasswordForm:
    # One form per row, with ids of its own: the page lists every member of the dais.
    return DaisPasswordForm(membership.user, data, auto_id=f"password{membership.pk}_%s")


@require_GET
@secretariat_required
def access_sheet(request: HttpRequest, slug: str) -> HttpResponse:
    """A4 sheet of cut-out cards: each delegation's name, flag, code and a QR code to join."""
    committee = get_object_or_404(Committee.objects.select_related("conference"), slug=slug)
    cards = []
    for delegation in committee.delegations.select_related("access").order_by("sort_key", "name"):
        access = getattr(delegation, "access", None)
        if access is None:  # a delegation added by hand in the admin has no code yet
            cards.append({"delegation": delegation, "access": None})
            continue
        join_url = request.build_absolute_uri(reverse("delegate_join_qr", args=[access.code]))
        # A quiet zone of 4 modules, as the QR standard asks: phones miss codes with less.
        qr_svg = segno.make(join_url, error="m").svg_inline(scale=3, dark="#000", border=4)
        cards.append({"delegation": delegation, "access": access, "url": join_url, "qr": qr_svg})
    return render(
        request,
        "committee/secretariat/access_sheet.html",
        {
            "committee": committee,
            "cards": cards,
            "join_url": request.build_absolute_uri(reverse("delegate_join")),
        },
    )
