"""The dais's actions on points and rights of reply: each a POST that calls one service."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import dais_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee
from committee.services import points


@require_POST
@dais_required
def point_resolve(request: HttpRequest, committee: Committee, seq: int) -> HttpResponse:
    form = floor_forms.PointResolveForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        points.point_resolve,
        committee=committee,
        user=request.user,
        seq=seq,
        outcome=form.cleaned_data["outcome"],
        note=form.cleaned_data["note"],
    )


@require_POST
@dais_required
def speaker_resume(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, points.point_speaker_resume, committee=committee, user=request.user)


@require_POST
@dais_required
def reply_grant(request: HttpRequest, committee: Committee, delegation_id: int) -> HttpResponse:
    return perform(
        request,
        points.reply_decide,
        committee=committee,
        user=request.user,
        delegation_id=delegation_id,
        grant=True,
    )


@require_POST
@dais_required
def reply_refuse(request: HttpRequest, committee: Committee, delegation_id: int) -> HttpResponse:
    return perform(
        request,
        points.reply_decide,
        committee=committee,
        user=request.user,
        delegation_id=delegation_id,
        grant=False,
    )


@require_POST
@dais_required
def reply_give_floor(
    request: HttpRequest, committee: Committee, delegation_id: int
) -> HttpResponse:
    return perform(
        request,
        points.reply_give_floor,
        committee=committee,
        user=request.user,
        delegation_id=delegation_id,
    )


@require_POST
@dais_required
def reply_end(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, points.reply_end, committee=committee, user=request.user)
