"""A delegation's own speakers' list actions from its phone: join, leave, answer a yield, say
it is open to points of information.

None of these takes a delegation from the request: a phone acts only for the delegation it
is bound to.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import delegate_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee, Delegation
from committee.services import speakers


@require_POST
@delegate_required
def join(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    return perform(
        request,
        speakers.speaker_add,
        committee=committee,
        delegation_id=delegation.pk,
        delegation=delegation,
    )


@require_POST
@delegate_required
def leave(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    return perform(
        request,
        speakers.speaker_remove,
        committee=committee,
        delegation_id=delegation.pk,
        delegation=delegation,
    )


@require_POST
@delegate_required
def yield_answer(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    form = floor_forms.YieldAnswerForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.yield_respond,
        committee=committee,
        accept=form.cleaned_data["accept"],
        delegation=delegation,
    )


@require_POST
@delegate_required
def pois(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    """The delegation holding the floor is open to points of information, or takes no more."""
    form = floor_forms.PoisForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    if not form.cleaned_data["open"]:
        return perform(request, speakers.pois_close, committee=committee, delegation=delegation)
    return perform(
        request,
        speakers.pois_open,
        committee=committee,
        offered=form.cleaned_data["offered"],
        delegation=delegation,
    )
