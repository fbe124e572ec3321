"""A delegation's points and rights of reply from its phone: each a POST that calls one service.

The delegation always comes from the phone's own session, never from the posted data, so a
delegate can act only for their own delegation.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from committee.access import delegate_required
from committee.models import Committee, Delegation
from committee.procedure.choices import PointKind, RorGround
from committee.readmodels.points import AUDIBILITY_CHOICE
from committee.services import points
from committee.views.actions import perform, posted_whole_number, refusal_response


@require_POST
@delegate_required
def point_raise(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    choice = request.POST.get("point", "")
    audibility = choice == AUDIBILITY_CHOICE
    kind = PointKind.PERSONAL_PRIVILEGE.value if audibility else choice
    if kind not in set(PointKind):
        return refusal_response(request, _("Choose which point to raise."), status=400)
    text = request.POST.get("text", "")
    if len(text.strip()) > points.POINT_TEXT_MAX_LENGTH:
        return refusal_response(
            request,
            _("Keep the point to %d characters; say the rest aloud.")
            % points.POINT_TEXT_MAX_LENGTH,
            status=400,
        )
    return perform(
        request,
        points.point_raise,
        committee=committee,
        delegation=delegation,
        kind=PointKind(kind),
        audibility=audibility,
        about_conduct_of_vote=request.POST.get("conduct_of_vote") == "1",
        text=text,
    )


@require_POST
@delegate_required
def point_withdraw(
    request: HttpRequest, committee: Committee, delegation: Delegation, seq: int
) -> HttpResponse:
    return perform(
        request, points.point_withdraw, committee=committee, delegation=delegation, seq=seq
    )


@require_POST
@delegate_required
def reply_request(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    against_id = posted_whole_number(request, "against")
    if against_id is None:
        return refusal_response(
            request, _("Choose the delegation whose speech you reply to."), status=400
        )
    ground = request.POST.get("ground", "")
    if ground not in set(RorGround):
        return refusal_response(request, _("Choose what the speech impugned."), status=400)
    return perform(
        request,
        points.reply_request,
        committee=committee,
        delegation=delegation,
        against_id=against_id,
        ground=RorGround(ground),
    )


@require_POST
@delegate_required
def reply_withdraw(
    request: HttpRequest, committee: Committee, delegation: Delegation
) -> HttpResponse:
    return perform(request, points.reply_withdraw, committee=committee, delegation=delegation)
