"""What a delegation does on its phone during the session: each a POST that calls one service."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.access import delegate_required
from committee.models import Committee, Delegation
from committee.procedure.attendance import RollStatus
from committee.services import floor
from committee.views.actions import perform, refusal_response


@require_POST
@delegate_required
def attendance_answer(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    status = request.POST.get("status", "")
    if status not in (RollStatus.PRESENT, RollStatus.PRESENT_AND_VOTING):
        return refusal_response(request, _("Answer present, or present and voting."), status=400)
    return perform(
        request,
        floor.attendance_set,
        committee=committee,
        delegation_id=delegation.pk,
        status=status,
        delegation=delegation,
    )
