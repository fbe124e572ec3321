"""What a delegation does with motions on its phone: raise one, answer the chair's suggested
change, second, withdraw, appeal a ruling and vote Yes or No while a phone vote is open.

Each POST calls one service for the phone's own delegation; the screens update by push.
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from committee import floor_forms
from committee.access import delegate_required
from committee.floor_responses import (
    RAISE_FORM,
    motion_raise_form,
    perform,
    raise_form_context,
    refusal_response,
)
from committee.models import Committee, Delegation
from committee.selectors import FloorView
from committee.services import motions


def _form(
    request: HttpRequest, committee: Committee, delegation: Delegation, data: QueryDict
) -> HttpResponse:
    view = FloorView(committee)
    context = raise_form_context(
        view, data, for_dais=False, delegation=view.by_id[str(delegation.pk)]
    )
    return render(request, RAISE_FORM, context)


@require_GET
@delegate_required
def raise_form(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """The raise form again, with the fields of the motion just chosen."""
    return _form(request, committee, delegation, request.GET)


@require_POST
@delegate_required
def raise_motion(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    form = motion_raise_form(floor_forms.PhoneMotionRaiseForm, committee, request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    response = perform(
        request,
        motions.motion_raise,
        committee=committee,
        code=form.cleaned_data["code"],
        mover_id=delegation.pk,
        delegation=delegation,
        **form.motion_fields(),
    )
    if response.status_code != 204:
        return response
    # An empty form for the next one, on the motion just raised: a delegate who raised one
    # caucus often raises another, and the form need not ask the server for its fields again.
    chosen = QueryDict(mutable=True)
    chosen["code"] = form.cleaned_data["code"]
    return _form(request, committee, delegation, chosen)


@require_POST
@delegate_required
def answer(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """The mover accepts or refuses the change the chair suggested."""
    form = floor_forms.MotionAnswerForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_offer_answer,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        accept=form.cleaned_data["answer"] == "accept",
        delegation=delegation,
    )


@require_POST
@delegate_required
def second(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    form = floor_forms.MotionForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_second,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        seconder_id=delegation.pk,
        delegation=delegation,
    )


@require_POST
@delegate_required
def withdraw(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    form = floor_forms.MotionForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_withdraw,
        committee=committee,
        motion_id=form.cleaned_data["motion_id"],
        delegation=delegation,
    )


@require_POST
@delegate_required
def appeal(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """The delegation appeals the chair's last ruling on a motion, or the ruling on a point of
    order its phone shows (`ruling`)."""
    form = floor_forms.AppealForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_appeal,
        committee=committee,
        appellant_id=delegation.pk,
        ruling_id=form.cleaned_data["ruling"],
        delegation=delegation,
    )


@require_POST
@delegate_required
def vote(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    form = floor_forms.BallotForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        motions.motion_ballot_cast,
        committee=committee,
        delegation=delegation,
        choice=form.cleaned_data["choice"],
    )
