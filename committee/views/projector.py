"""The room's projector: read-only, legible from the back of the room."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from committee import realtime, selectors
from committee.access import projector_token_required
from committee.models import Committee


@require_GET
@projector_token_required
def screen(request: HttpRequest, committee: Committee) -> HttpResponse:
    return render(
        request,
        "committee/projector/screen.html",
        {
            "committee": committee,
            "view": selectors.FloorView(committee),
            "ws_path": f"/ws/c/{committee.slug}/projector/{committee.projector_token}/",
            "audience": realtime.PROJECTOR,
        },
    )
