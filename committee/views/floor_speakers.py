"""The dais's actions on the general speakers' list and its speeches (each calls one service).

Buttons send what the dais screen showed (who had the floor, an entry's position), so a
second click on a screen that is one push behind is refused instead of acting twice.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import dais_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee
from committee.services import speakers


@require_POST
@dais_required
def add(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.DelegationForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.speaker_add,
        committee=committee,
        delegation_id=form.cleaned_data["delegation"],
        user=request.user,
    )


@require_POST
@dais_required
def remove(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.DelegationForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.speaker_remove,
        committee=committee,
        delegation_id=form.cleaned_data["delegation"],
        user=request.user,
    )


@require_POST
@dais_required
def move(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.SpeakerMoveForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.speaker_move,
        committee=committee,
        user=request.user,
        delegation_id=form.cleaned_data["delegation"],
        from_position=form.cleaned_data["from"],
        to_position=form.cleaned_data["to"],
    )


@require_POST
@dais_required
def self_service(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.SelfServiceForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.self_service_set,
        committee=committee,
        user=request.user,
        on=form.cleaned_data["on"],
    )


@require_POST
@dais_required
def closed(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.ListClosedForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.list_closed_set,
        committee=committee,
        user=request.user,
        closed=form.cleaned_data["closed"],
    )


@require_POST
@dais_required
def next_speaker(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.SeenForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.speaker_next,
        committee=committee,
        user=request.user,
        seen_current=form.seen("current"),
    )


@require_POST
@dais_required
def end(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.SeenForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.speech_end,
        committee=committee,
        user=request.user,
        seen_speaker=form.seen("speaker"),
    )


@require_POST
@dais_required
def yield_time(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.YieldForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.yield_declare,
        committee=committee,
        user=request.user,
        kind=form.cleaned_data["kind"],
        target_id=form.cleaned_data["target"],
    )


@require_POST
@dais_required
def yield_answer(request: HttpRequest, committee: Committee) -> HttpResponse:
    """For a delegate without a phone: the dais records the spoken answer."""
    form = floor_forms.YieldAnswerForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.yield_respond,
        committee=committee,
        accept=form.cleaned_data["accept"],
        user=request.user,
    )


@require_POST
@dais_required
def question(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.QuestionForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.question_ask,
        committee=committee,
        user=request.user,
        questioner_id=form.cleaned_data["questioner"],
        follow_up=form.cleaned_data["follow_up"],
    )


@require_POST
@dais_required
def answer_start(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, speakers.answer_start, committee=committee, user=request.user)


@require_POST
@dais_required
def answer_finish(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, speakers.answer_finish, committee=committee, user=request.user)


@require_POST
@dais_required
def comment(request: HttpRequest, committee: Committee) -> HttpResponse:
    form = floor_forms.CommentForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        speakers.comment_start,
        committee=committee,
        user=request.user,
        commenter_id=form.cleaned_data["commenter"],
    )


@require_POST
@dais_required
def close_debate(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, speakers.debate_close, committee=committee, user=request.user)


@require_POST
@dais_required
def pois(request: HttpRequest, committee: Committee) -> HttpResponse:
    """The holder of the floor is open to points of information, or takes no more, as the
    dais records (THIMUN)."""
    form = floor_forms.PoisForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    if not form.cleaned_data["open"]:
        return perform(request, speakers.pois_close, committee=committee, user=request.user)
    return perform(
        request,
        speakers.pois_open,
        committee=committee,
        offered=form.cleaned_data["offered"],
        user=request.user,
    )
