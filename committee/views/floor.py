"""The dais's floor actions: sessions, roll call, attendance, the speaker's timer, undo.

Each view is a POST from the dais page that calls one service; the screens update by push.
"""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee.access import dais_required
from committee.floor_forms import AttendanceForm, TimerForm, first_error
from committee.floor_responses import perform, refusal_response
from committee.models import Committee
from committee.services import floor


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
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, first_error(form), status=400)
    return perform(
        request,
        floor.attendance_set,
        committee=committee,
        delegation_id=delegation_id,
        status=form.cleaned_data["status"],
        user=request.user,
    )


@require_POST
@dais_required
def timer(request: HttpRequest, committee: Committee, command: str) -> HttpResponse:
    form = TimerForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, first_error(form), status=400)
    return perform(
        request,
        floor.speech_timer_control,
        committee=committee,
        user=request.user,
        command=command,
        seconds=form.cleaned_data["seconds"],
    )


@require_POST
@dais_required
def undo(request: HttpRequest, committee: Committee) -> HttpResponse:
    return perform(request, floor.floor_undo, committee=committee, user=request.user)
