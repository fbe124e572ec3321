"""The delegation's votes in voting procedure from its phone: a ballot on the question put,
or an objection when the chair asks whether the committee adopts a text without a vote."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import delegate_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee, Delegation
from committee.services import voting


@require_POST
@delegate_required
def cast(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    form = floor_forms.VoteBallotForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        voting.vote_ballot_cast,
        committee=committee,
        delegation=delegation,
        choice=form.cleaned_data["choice"],
    )


@require_POST
@delegate_required
def object_to_consensus(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    return perform(
        request, voting.vote_consensus_object, committee=committee, delegation=delegation
    )
