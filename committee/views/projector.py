"""The room's projector: read-only, legible from the back of the room."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from committee import realtime
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
            # The regions as the projectors were last sent them (committee/rendering.py).
            "regions": realtime.page_regions(
                committee, realtime.PROJECTOR, get_language() or settings.LANGUAGE_CODE
            ),
            "ws_path": f"/ws/c/{committee.slug}/projector/{committee.projector_token}/",
            "audience": realtime.PROJECTOR,
        },
    )
