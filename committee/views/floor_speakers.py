"""The dais's actions on the general speakers' list and its speeches (each calls one service).

Buttons send what the dais screen showed (who had the floor, an entry's position), so a
second click on a screen that is one push behind is refused instead of acting twice.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.access import dais_required
from committee.models import Committee
from committee.procedure.choices import YieldKind
from committee.services import speakers
from committee.views.actions import perform, posted_whole_number, refusal_response

ON_VALUES = ("1", "true", "on")


def _switch(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name, "").lower() in ON_VALUES


def _choose_delegation(request: HttpRequest) -> HttpResponse:
    return refusal_response(request, _("Choose a delegation."), status=400)


@require_POST
@dais_required
def add(request: HttpRequest, committee: Committee) -> HttpResponse:
    delegation_id = posted_whole_number(request, "delegation")
    if delegation_id is None:
        return _choose_delegation(request)
    return perform(
        request,
        speakers.speaker_add,
        committee=committee,
        delegation_id=delegation_id,
        user=request.user,
    )


@require_POST
@dais_required
def remove(request: HttpRequest, committee: Committee) -> HttpResponse:
    delegation_id = posted_whole_number(request, "delegation")
    if delegation_id is None:
        return _choose_delegation(request)
    return perform(
        request,
        speakers.speaker_remove,
        committee=committee,
        delegation_id=delegation_id,
        user=request.user,
    )


@require_POST
@dais_required
def move(request: HttpRequest, committee: Committee) -> HttpResponse:
    delegation_id = posted_whole_number(request, "delegation")
    from_position = posted_whole_number(request, "from")
    to_position = posted_whole_number(request, "to")
    if delegation_id is None or from_position is None or to_position is None:
        return refusal_response(
            request, _("Say which entry moves, from which place to which."), status=400
        )
    return perform(
        request,
        speakers.speaker_move,
        committee=committee,
        user=request.user,
        delegation_id=delegation_id,
        from_position=from_position,
        to_position=to_position,
    )


@require_POST
@dais_required
def self_service(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(
        request,
        speakers.self_service_set,
        committee=committee,
        user=request.user,
        on=_switch(request, "on"),
    )


@require_POST
@dais_required
def closed(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(
        request,
        speakers.list_closed_set,
        committee=committee,
        user=request.user,
        closed=_switch(request, "closed"),
    )


@require_POST
@dais_required
def next_speaker(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(
        request,
        speakers.speaker_next,
        committee=committee,
        user=request.user,
        seen_current=request.POST.get("current"),
    )


@require_POST
@dais_required
def end(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(
        request,
        speakers.speech_end,
        committee=committee,
        user=request.user,
        seen_speaker=request.POST.get("speaker"),
    )


@require_POST
@dais_required
def yield_time(request: HttpRequest, committee: Committee) -> HttpResponse:
    kind = request.POST.get("kind", "")
    if kind not in set(YieldKind):
        return refusal_response(
            request, _("Yield to the chair, a delegate, questions or comments."), status=400
        )
    target_id = posted_whole_number(request, "target")
    if kind == YieldKind.DELEGATE and target_id is None:
        return refusal_response(request, _("Choose the delegate yielded to."), status=400)
    return perform(
        request,
        speakers.yield_declare,
        committee=committee,
        user=request.user,
        kind=kind,
        target_id=target_id if kind == YieldKind.DELEGATE else None,
    )


@require_POST
@dais_required
def yield_answer(request: HttpRequest, committee: Committee) -> HttpResponse:
    """For a delegate without a phone: the dais records the spoken answer."""
    return perform(
        request,
        speakers.yield_respond,
        committee=committee,
        accept=_switch(request, "accept"),
        user=request.user,
    )


@require_POST
@dais_required
def question(request: HttpRequest, committee: Committee) -> HttpResponse:
    follow_up = _switch(request, "follow_up")
    questioner_id = posted_whole_number(request, "questioner")
    if questioner_id is None and not follow_up:
        return refusal_response(
            request, _("Choose the delegation that asks the question."), status=400
        )
    return perform(
        request,
        speakers.question_ask,
        committee=committee,
        user=request.user,
        questioner_id=questioner_id,
        follow_up=follow_up,
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
    commenter_id = posted_whole_number(request, "commenter")
    if commenter_id is None:
        return _choose_delegation(request)
    return perform(
        request,
        speakers.comment_start,
        committee=committee,
        user=request.user,
        commenter_id=commenter_id,
    )


@require_POST
@dais_required
def close_debate(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, speakers.debate_close, committee=committee, user=request.user)
