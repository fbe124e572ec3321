"""What the header shows on every page: who you are and in which committee."""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from committee.access import current_delegation, is_secretariat
from committee.models import Committee


@dataclass(frozen=True)
class Viewer:
    label: str
    committee: Committee | None


def identity(request: HttpRequest) -> dict[str, Any]:
    delegation = current_delegation(request)
    if delegation is not None:
        return {"viewer": Viewer(label=delegation.display_name(), committee=delegation.committee)}
    user = request.user
    if not user.is_authenticated:
        return {"viewer": Viewer(label="", committee=None)}
    committee = getattr(request, "committee", None)
    if committee is not None:
        membership = user.dais_memberships.filter(committee=committee).first()
        if membership is not None:
            role = membership.get_role_display()
            return {"viewer": Viewer(label=f"{role} · {user.get_username()}", committee=committee)}
    if is_secretariat(user):
        return {
            "viewer": Viewer(label=_("Secretariat · %s") % user.get_username(), committee=committee)
        }
    return {"viewer": Viewer(label=user.get_username(), committee=committee)}
