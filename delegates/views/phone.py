"""The delegate's phone: what is happening now, and what the delegation may do."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from committee import realtime
from committee.access import delegate_required
from committee.models import Committee, Delegation
from committee.selectors import FloorView


@require_GET
@delegate_required
def home(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    view = FloorView(committee)
    return render(
        request,
        "delegates/home.html",
        {
            "committee": committee,
            "delegation": delegation,
            "view": view,
            "own": view.own_state(delegation),
            "topics": view.topics,
            "documents": committee.reference_documents.only("slug", "title"),
            "ws_path": f"/ws/c/{committee.slug}/",
            "audience": realtime.DELEGATES,
        },
    )
