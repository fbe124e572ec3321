"""A delegation's points and rights of reply from its phone: each a POST that calls one service.

The delegation always comes from the phone's own session, never from the posted data, so a
delegate can act only for their own delegation.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import delegate_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee, Delegation
from committee.services import points


@require_POST
@delegate_required
def point_raise(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    form = floor_forms.PointRaiseForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        points.point_raise,
        committee=committee,
        delegation=delegation,
        **form.point_fields(),
    )


@require_POST
@delegate_required
def point_withdraw(
    request: HttpRequest, committee: Committee, delegation: Delegation, seq: int
) -> HttpResponse:
    return perform(
        request, points.point_withdraw, committee=committee, delegation=delegation, seq=seq
    )


@require_POST
@delegate_required
def reply_request(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    form = floor_forms.ReplyRequestForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        points.reply_request,
        committee=committee,
        delegation=delegation,
        against_id=form.cleaned_data["against"],
        ground=form.cleaned_data["ground"],
    )


@require_POST
@delegate_required
def reply_withdraw(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    return perform(request, points.reply_withdraw, committee=committee, delegation=delegation)
