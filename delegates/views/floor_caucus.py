"""A delegation's caucus actions from its phone: raise or lower its placard, the mover's choice.

The delegation is always the one the phone is bound to: no URL names another delegation.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import delegate_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee, Delegation
from committee.services import caucuses


@require_POST
@delegate_required
def placard_raise(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    return perform(
        request, caucuses.caucus_placard_raise, committee=committee, delegation=delegation
    )


@require_POST
@delegate_required
def placard_lower(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    return perform(
        request, caucuses.caucus_placard_lower, committee=committee, delegation=delegation
    )


@require_POST
@delegate_required
def mover_choose(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    form = floor_forms.MoverChoiceForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        caucuses.caucus_mover_choose,
        committee=committee,
        delegation=delegation,
        choice=form.cleaned_data["choice"],
    )
