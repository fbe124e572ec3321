"""The dais's motions actions: enter a motion for a delegation, second, rule, suggest a change,
withdraw for the mover, put to a vote, close the vote, resume a suspended meeting.

Each is a POST from the motions panel that calls one service; every screen updates by push.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.access import dais_required
from committee.models import Committee, Delegation
from committee.selectors import FloorView
from committee.services import motions
from committee.views.actions import perform, refusal_response

TOPIC_MAX_LENGTH = 200
RAISE_FORM = "committee/motions/_raise_form.html"


class BadInput(ValueError):
    """The form's values cannot be read; the message says what to fix."""


def _whole(value: str, message: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise BadInput(message) from None
    if number <= 0:
        raise BadInput(message)
    return number


def motion_fields(data: QueryDict) -> dict[str, Any]:
    """A motion's parameters from a form: total time in minutes, speaking time in seconds."""
    total_minutes = data.get("total_minutes", "").strip()
    total_seconds = None
    if total_minutes:
        try:
            minutes = Decimal(total_minutes)
        except InvalidOperation:
            raise BadInput(_("Give the total time in minutes, e.g. 10 or 1.5.")) from None
        if not minutes.is_finite() or minutes <= 0 or minutes > 24 * 60:
            raise BadInput(_("Give the total time in minutes, e.g. 10 or 1.5."))
        total_seconds = int(minutes * 60)
    speaker_seconds = _whole(
        data.get("speaker_seconds", ""), _("Give the speaking time in whole seconds, e.g. 60.")
    )
    topic = data.get("topic", "").strip()
    if len(topic) > TOPIC_MAX_LENGTH:
        raise BadInput(_("The topic is too long (at most 200 characters)."))
    return {"total_seconds": total_seconds, "speaker_seconds": speaker_seconds, "topic": topic}


def raise_form_context(
    view: FloorView, data: QueryDict, *, for_dais: bool, delegation: Delegation | None = None
) -> dict[str, Any]:
    """What the raise-a-motion form needs; `data` refills it (after a change of motion)."""
    panel = view.motions_panel
    codes = [code for code, _label in panel.raise_options]
    code = data.get("code", "")
    return {
        "committee": view.committee,
        "view": view,
        "delegation": delegation,
        "for_dais": for_dais,
        "selected_code": code if code in codes else (codes[0] if codes else ""),
        "values": data,
    }


@require_GET
@dais_required
def raise_form(request: HttpRequest, committee: Committee) -> HttpResponse:
    """The dais's raise form again, with the fields of the motion just chosen."""
    context = raise_form_context(FloorView(committee), request.GET, for_dais=True)
    return render(request, RAISE_FORM, context)


@require_POST
@dais_required
def raise_motion(request: HttpRequest, committee: Committee) -> HttpResponse:
    try:
        fields = motion_fields(request.POST)
    except BadInput as error:
        return refusal_response(request, str(error), status=400)
    mover = request.POST.get("mover", "")
    if not mover.isdigit():
        return refusal_response(request, _("Choose the delegation that moves it."), status=400)
    response = perform(
        request,
        motions.motion_raise,
        committee=committee,
        code=request.POST.get("code", ""),
        mover_id=int(mover),
        user=request.user,
        **fields,
    )
    if response.status_code != 204:
        return response
    # A fresh, empty form in place of the one just sent.
    context = raise_form_context(FloorView(committee), QueryDict(), for_dais=True)
    return render(request, RAISE_FORM, context)


def _motion_id(request: HttpRequest) -> str:
    return request.POST.get("motion_id", "")[:40]


@require_POST
@dais_required
def second(request: HttpRequest, committee: Committee) -> HttpResponse:
    seconder = request.POST.get("seconder", "")
    if not seconder.isdigit():
        return refusal_response(request, _("Choose the delegation that seconds."), status=400)
    return perform(
        request,
        motions.motion_second,
        committee=committee,
        motion_id=_motion_id(request),
        seconder_id=int(seconder),
        user=request.user,
    )


@require_POST
@dais_required
def withdraw(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(
        request,
        motions.motion_withdraw,
        committee=committee,
        motion_id=_motion_id(request),
        user=request.user,
    )


@require_POST
@dais_required
def rule(request: HttpRequest, committee: Committee) -> HttpResponse:
    decision = request.POST.get("decision", "")
    if decision not in motions.RULING_DECISIONS:
        return refusal_response(
            request, _("Rule the motion in order, out of order or dilatory."), status=400
        )
    return perform(
        request,
        motions.motion_rule,
        committee=committee,
        motion_id=_motion_id(request),
        decision=decision,
        user=request.user,
    )


@require_POST
@dais_required
def suggest(request: HttpRequest, committee: Committee) -> HttpResponse:
    try:
        fields = motion_fields(request.POST)
    except BadInput as error:
        return refusal_response(request, str(error), status=400)
    if "topic" not in request.POST:
        fields["topic"] = None  # the form had no topic field: keep the motion's topic
    return perform(
        request,
        motions.motion_suggest,
        committee=committee,
        motion_id=_motion_id(request),
        user=request.user,
        **fields,
    )


@require_POST
@dais_required
def vote_open(request: HttpRequest, committee: Committee) -> HttpResponse:
    method = request.POST.get("method", "")
    if method not in ("placard", "phone"):
        return refusal_response(request, _("Choose a placard vote or a phone vote."), status=400)
    return perform(
        request,
        motions.motion_vote_open,
        committee=committee,
        motion_id=_motion_id(request),
        by_phone=method == "phone",
        user=request.user,
    )


@require_POST
@dais_required
def vote_close(request: HttpRequest, committee: Committee) -> HttpResponse:
    counts: dict[str, int | None] = {}
    for name in ("yes", "no"):
        value = request.POST.get(name, "").strip()
        if value and not value.isdigit():
            return refusal_response(
                request, _("Count the placards in whole numbers (0 or more)."), status=400
            )
        counts[name] = int(value) if value else None
    return perform(
        request, motions.motion_vote_close, committee=committee, user=request.user, **counts
    )


@require_POST
@dais_required
def resume(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, motions.meeting_resume, committee=committee, user=request.user)
