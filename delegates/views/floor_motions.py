"""What a delegation does with motions on its phone: raise one, answer the chair's suggested
change, second, withdraw, appeal a ruling and vote Yes or No while a phone vote is open.

Each POST calls one service for the phone's own delegation; the screens update by push.
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.access import delegate_required
from committee.models import Committee, Delegation
from committee.selectors import FloorView
from committee.services import motions
from committee.views.actions import perform, refusal_response
from committee.views.floor_motions import RAISE_FORM, BadInput, motion_fields, raise_form_context


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
    try:
        fields = motion_fields(request.POST)
    except BadInput as error:
        return refusal_response(request, str(error), status=400)
    response = perform(
        request,
        motions.motion_raise,
        committee=committee,
        code=request.POST.get("code", ""),
        mover_id=delegation.pk,
        delegation=delegation,
        **fields,
    )
    if response.status_code != 204:
        return response
    return _form(request, committee, delegation, QueryDict())  # an empty form for the next one


def _motion_id(request: HttpRequest) -> str:
    return request.POST.get("motion_id", "")[:40]


@require_POST
@delegate_required
def answer(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """The mover accepts or refuses the change the chair suggested."""
    choice = request.POST.get("answer", "")
    if choice not in ("accept", "refuse"):
        return refusal_response(request, _("Accept or refuse the change."), status=400)
    return perform(
        request,
        motions.motion_offer_answer,
        committee=committee,
        motion_id=_motion_id(request),
        accept=choice == "accept",
        delegation=delegation,
    )


@require_POST
@delegate_required
def second(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    return perform(
        request,
        motions.motion_second,
        committee=committee,
        motion_id=_motion_id(request),
        seconder_id=delegation.pk,
        delegation=delegation,
    )


@require_POST
@delegate_required
def withdraw(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    return perform(
        request,
        motions.motion_withdraw,
        committee=committee,
        motion_id=_motion_id(request),
        delegation=delegation,
    )


@require_POST
@delegate_required
def appeal(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    return perform(
        request,
        motions.motion_appeal,
        committee=committee,
        appellant_id=delegation.pk,
        delegation=delegation,
    )


@require_POST
@delegate_required
def vote(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    choice = request.POST.get("choice", "")
    if choice not in motions.CHOICES:
        return refusal_response(
            request, _("Vote yes or no: procedural votes allow no abstention."), status=400
        )
    return perform(
        request,
        motions.motion_ballot_cast,
        committee=committee,
        delegation=delegation,
        choice=choice,
    )
