"""The dais's caucus actions: recognise, end a slot, pause, resume, end, the mover's choice.

Each view is a POST from the caucus panel that calls one service; the screens update by push.
Caucuses themselves start and are extended by motions (committee/services/caucuses.py).
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import dais_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee
from committee.services import caucuses


@require_POST
@dais_required
def recognise(request: HttpRequest, committee: Committee) -> HttpResponse:
    """Recognise the delegation posted: a raised placard, or any present delegation."""
    form = floor_forms.RecogniseForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        caucuses.caucus_recognise,
        committee=committee,
        user=request.user,
        delegation_id=form.cleaned_data["delegation"],
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
    form = floor_forms.CaucusEndForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        caucuses.caucus_end,
        committee=committee,
        user=request.user,
        reason=form.cleaned_data["reason"],
    )


@require_POST
@dais_required
def mover_choose(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.MoverChoiceForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        caucuses.caucus_mover_choose,
        committee=committee,
        user=request.user,
        choice=form.cleaned_data["choice"],
    )
