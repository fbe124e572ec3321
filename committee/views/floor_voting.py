"""The dais's voting-procedure actions: put the next item to the committee, close and
announce, enter a phone's vote for a delegation without one, record the answers of a roll
call and call the passers again, close the objection window of a consensus, order a DR's
amendments, void the last result, end voting procedure.

Each is a POST from the voting panel that calls one service; every screen updates by push.
"""

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import dais_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee
from committee.services import voting


def _act(
    request: HttpRequest,
    committee: Committee,
    service: Any,
    form_class: type[forms.Form] | None = None,
    **fields: str,
) -> HttpResponse:
    """Read the POST with `form_class` (400 with its message when it is wrong), then call the
    service as the dais user, passing each form field under the service's keyword for it."""
    values: dict[str, Any] = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            return refusal_response(request, floor_forms.first_error(form), status=400)
        values = {keyword: form.cleaned_data[field] for keyword, field in fields.items()}
    return perform(request, service, committee=committee, user=request.user, **values)


@require_POST
@dais_required
def vote_open(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(request, committee, voting.vote_open, floor_forms.VoteOpenForm, method="method")


@require_POST
@dais_required
def vote_close(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(
        request,
        committee,
        voting.vote_close,
        floor_forms.VoteCloseForm,
        yes="yes",
        no="no",
        abstain="abstain",
        accept_missing="accept_missing",
    )


@require_POST
@dais_required
def ballot_enter(request: HttpRequest, committee: Committee) -> HttpResponse:
    """In a vote by phones, the dais enters the vote of a delegation without a working phone."""
    return _act(
        request,
        committee,
        voting.vote_ballot_enter,
        floor_forms.DaisVoteBallotForm,
        delegation_id="delegation",
        choice="choice",
    )


@require_POST
@dais_required
def roll_answer(request: HttpRequest, committee: Committee) -> HttpResponse:
    """The answer the delegation called gives aloud, or a correction before the result."""
    return _act(
        request,
        committee,
        voting.vote_roll_answer,
        floor_forms.DaisVoteBallotForm,
        delegation_id="delegation",
        choice="choice",
    )


@require_POST
@dais_required
def roll_round_two(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(request, committee, voting.vote_roll_round_two)


@require_POST
@dais_required
def consensus_confirm(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(request, committee, voting.vote_consensus_confirm)


@require_POST
@dais_required
def amendment_order(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(
        request,
        committee,
        voting.voting_amendment_order,
        floor_forms.AmendmentOrderForm,
        document_id="document",
        order="order",
    )


@require_POST
@dais_required
def vote_void(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(request, committee, voting.vote_void, floor_forms.VoteVoidForm, reason="reason")


@require_POST
@dais_required
def voting_end(request: HttpRequest, committee: Committee) -> HttpResponse:
    return _act(request, committee, voting.voting_end)
