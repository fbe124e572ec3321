"""The dais's actions on points and rights of reply: each a POST that calls one service."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.access import dais_required
from committee.models import Committee
from committee.services import points
from committee.views.actions import perform, refusal_response

RULING_NOTE_MAX_LENGTH = 200


@require_POST
@dais_required
def point_resolve(request: HttpRequest, committee: Committee, seq: int) -> HttpResponse:
    outcome = request.POST.get("outcome", "")
    if outcome not in points.POINT_OUTCOMES:
        return refusal_response(request, _("Choose how the point was resolved."), status=400)
    note = request.POST.get("note", "")
    if len(note) > RULING_NOTE_MAX_LENGTH:
        return refusal_response(
            request, _("Keep the note to %d characters.") % RULING_NOTE_MAX_LENGTH, status=400
        )
    return perform(
        request,
        points.point_resolve,
        committee=committee,
        user=request.user,
        seq=seq,
        outcome=outcome,
        note=note,
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
