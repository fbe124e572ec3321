"""What a delegation does on its phone during the session: each a POST that calls one service."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST

from committee import floor_forms
from committee.access import delegate_required
from committee.floor_responses import perform, refusal_response
from committee.models import Committee, Delegation
from committee.services import floor


@require_POST
@delegate_required
def attendance_answer(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    form = floor_forms.PhoneAttendanceForm(request.POST)
    if not form.is_valid():
        return refusal_response(request, floor_forms.first_error(form), status=400)
    return perform(
        request,
        floor.attendance_set,
        committee=committee,
        delegation_id=delegation.pk,
        status=form.cleaned_data["status"],
        delegation=delegation,
    )
