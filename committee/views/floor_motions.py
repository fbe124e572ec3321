"""The dais's motions actions: enter a motion for a delegation, second, rule, suggest a change,
record the mover's answer to it, withdraw for the mover, record an appeal for a delegation,
put to a vote, close the vote, resume a suspended meeting.

Each is a POST from the motions panel that calls one service; every screen updates by push.
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from committee import floor_forms
from committee.access import dais_required
from committee.floor_responses import (
    RAISE_FORM,
    motion_raise_form,
    perform,
    raise_form_context,
    refusal_response,
)
from committee.models import Committee
from committee.selectors import FloorView
from committee.services import motions


@require_GET
@dais_required
def raise_form(request: HttpRequest, committee: Committee) -> HttpResponse:
    """The dais's raise form again, with the fields of the motion just chosen."""
    context = raise_form_context(FloorView(committee), request.GET, for_dais=True)
    return render(request, RAISE_FORM, context)


@require_POST
@dais_required
def raise_motion(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = motion_raise_form(floor_forms.MotionRaiseForm, committee, request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    response = perform(
        request,
        motions.motion_raise,
        committee=committee,
        code=form.cleaned_data["code"],
        mover_id=form.cleaned_data["mover"],
        user=request.user,
        **form.motion_fields(),
    )
    if response.status_code != 204:
        return response
    # A fresh, empty form in place of the one just sent.
    context = raise_form_context(FloorView(committee), QueryDict(), for_dais=True)
    return render(request, RAISE_FORM, context)


@require_POST
@dais_required
def second(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MotionSecondForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_second,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        seconder_id=form.cleaned_data["seconder"],
        user=request.user,
    )


@require_POST
@dais_required
def withdraw(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MotionForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_withdraw,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        user=request.user,
    )


@require_POST
@dais_required
def rule(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MotionRuleForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_rule,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        decision=form.cleaned_data["decision"],
        user=request.user,
    )


@require_POST
@dais_required
def suggest(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MotionSuggestForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_suggest,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        user=request.user,
        **form.motion_fields(),
    )


@require_POST
@dais_required
def offer_answer(request: HttpRequest, committee: Committee) -> HttpResponse:
    """The mover, without a working phone, answers the offered change aloud; the dais records
    it for the mover and the log says the dais answered."""
    form = floor_forms.MotionAnswerForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_offer_answer,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        accept=form.cleaned_data["answer"] == "accept",
        user=request.user,
    )


@require_POST
@dais_required
def appeal(request: HttpRequest, committee: Committee) -> HttpResponse:
    """A delegation without a working phone appeals a ruling aloud; the dais records it: the
    chair's last ruling on a motion, or a ruling on a point of order (`ruling`)."""
    form = floor_forms.DaisAppealForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_appeal,
        committee=committee,
        appellant_id=form.cleaned_data["appellant"],
        ruling_id=form.cleaned_data["ruling"],
        user=request.user,
    )


@require_POST
@dais_required
def vote_open(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MotionVoteOpenForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_vote_open,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        by_phone=form.cleaned_data["method"] == "phone",
        user=request.user,
    )


@require_POST
@dais_required
def vote_close(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MotionVoteCloseForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_vote_close,
        committee=committee,
        user=request.user,
        yes=form.cleaned_data["yes"],
        no=form.cleaned_data["no"],
    )


@require_POST
@dais_required
def resume(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, motions.meeting_resume, committee=committee, user=request.user)


@require_POST
@dais_required
def ballot_enter(request: HttpRequest, committee: Committee) -> HttpResponse:
    """In a phone vote, the dais enters the vote of a delegation without a working phone."""
    form = floor_forms.DaisBallotForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_ballot_enter,
        committee=committee,
        user=request.user,
        delegation_id=form.cleaned_data["delegation"],
        choice=form.cleaned_data["choice"],
    )
