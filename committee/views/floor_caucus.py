"""The dais's caucus actions: recognise, end a slot, pause, resume, end, the mover's choice.

Each view is a POST from the caucus panel that calls one service; the screens update by push.
Caucuses themselves start and are extended by motions (committee/services/caucuses.py).
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.access import dais_required
from committee.models import Committee
from committee.procedure.choices import MoverChoice
from committee.services import caucuses
from committee.views.actions import perform, posted_whole_number, refusal_response


@require_POST
@dais_required
def recognise(request: HttpRequest, committee: Committee) -> HttpResponse:
    """Recognise the delegation posted: a raised placard, or any present delegation."""
    delegation_id = posted_whole_number(request, "delegation")
    if delegation_id is None:
        return refusal_response(request, _("Choose the delegation to recognise."), status=400)
    return perform(
        request,
        caucuses.caucus_recognise,
        committee=committee,
        user=request.user,
        delegation_id=delegation_id,
    )


@require_POST
@dais_required
def slot_end(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, caucuses.caucus_slot_end, committee=committee, user=request.user)


@require_POST
@dais_required
def pause(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, caucuses.caucus_pause, committee=committee, user=request.user)


@require_POST
@dais_required
def resume(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, caucuses.caucus_resume, committee=committee, user=request.user)


@require_POST
@dais_required
def end(request: HttpRequest, committee: Committee) -> HttpResponse:
    reason = request.POST.get("reason", caucuses.END_CHAIR)
    if reason not in caucuses.END_REASONS_BY_DAIS:
        return refusal_response(request, _("Unknown reason for ending the caucus."), status=400)
    return perform(
        request, caucuses.caucus_end, committee=committee, user=request.user, reason=reason
    )


@require_POST
@dais_required
def mover_choose(request: HttpRequest, committee: Committee) -> HttpResponse:
    choice = request.POST.get("choice", "")
    if choice not in set(MoverChoice):
        return refusal_response(request, _("Choose first, last or not speaking."), status=400)
    return perform(
        request, caucuses.caucus_mover_choose, committee=committee, user=request.user, choice=choice
    )
