"""The dais's floor actions: sessions, roll call, attendance, the speaker's timer, undo.

Each view is a POST from the dais page that calls one service; the screens update by push.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.access import dais_required
from committee.models import Committee
from committee.procedure.attendance import RollStatus
from committee.services import floor
from committee.views.actions import perform, posted_whole_number, refusal_response


@require_POST
@dais_required
def session_open(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, floor.session_open, committee=committee, user=request.user)


@require_POST
@dais_required
def session_close(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, floor.session_close, committee=committee, user=request.user)


@require_POST
@dais_required
def roll_call_start(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, floor.roll_call_start, committee=committee, user=request.user)


@require_POST
@dais_required
def roll_call_close(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, floor.roll_call_close, committee=committee, user=request.user)


@require_POST
@dais_required
def attendance_mark(request: HttpRequest, committee: Committee, delegation_id: int) -> HttpResponse:
    status = request.POST.get("status", "")
    if status not in set(RollStatus):
        return refusal_response(
            request, _("Choose absent, present or present and voting."), status=400
        )
    return perform(
        request,
        floor.attendance_set,
        committee=committee,
        delegation_id=delegation_id,
        status=status,
        user=request.user,
    )


@require_POST
@dais_required
def timer(request: HttpRequest, committee: Committee, command: str) -> HttpResponse:
    seconds = posted_whole_number(request, "seconds", default="0")
    if seconds is None:
        return refusal_response(request, _("Give the extension in whole seconds."), status=400)
    return perform(
        request,
        floor.speech_timer_control,
        committee=committee,
        user=request.user,
        command=command,
        seconds=seconds,
    )


@require_POST
@dais_required
def undo(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, floor.floor_undo, committee=committee, user=request.user)
