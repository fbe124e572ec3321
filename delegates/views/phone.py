"""The delegate's phone: what is happening now, and what the delegation may do."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from committee import realtime
from committee.access import delegate_required
from committee.models import Committee, Delegation


@require_GET
@delegate_required
def home(request: HttpRequest, committee: Committee, delegation: Delegation) -> HttpResponse:
    # The regions as the delegation's phones were last sent them (committee/rendering.py).
    language = get_language() or settings.LANGUAGE_CODE
    return render(
        request,
        "delegates/home.html",
        {
            "committee": committee,
            "delegation": delegation,
            "regions": realtime.page_regions(committee, realtime.DELEGATES, language, delegation),
            "topics": list(committee.topics.all()),
            "documents": committee.reference_documents.only("slug", "title"),
            "ws_path": f"/ws/c/{committee.slug}/",
            "audience": realtime.DELEGATES,
        },
    )
