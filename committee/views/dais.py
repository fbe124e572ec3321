"""The dais's pages: the floor of one committee."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee import realtime
from committee.access import dais_required
from committee.models import Committee, Delegation
from committee.services import credentials


@require_GET
@dais_required
def floor(request: HttpRequest, committee: Committee) -> HttpResponse:
    request.committee = committee  # type: ignore[attr-defined]  # for the header
    projector_url = request.build_absolute_uri(
        reverse("projector", kwargs={"slug": committee.slug, "token": committee.projector_token})
    )
    # The regions as the dais screens were last sent them: a page load draws nothing unless
    # the floor moved on since (committee/rendering.py).
    language = get_language() or settings.LANGUAGE_CODE
    regions = realtime.page_regions(committee, realtime.DAIS, language)
    return render(
        request,
        "committee/dais/floor.html",
        {
            "committee": committee,
            "regions": regions,
            "topics": list(committee.topics.all()),
            "projector_url": projector_url,
            "ws_path": f"/ws/c/{committee.slug}/",
            "audience": realtime.DAIS,
        },
    )


@require_POST
@dais_required
def access_code_regenerate(
    request: HttpRequest, committee: Committee, delegation_id: int
) -> HttpResponse:
    delegation = get_object_or_404(Delegation, pk=delegation_id, committee=committee)
    access = credentials.access_code_regenerate(delegation=delegation)
    messages.success(
        request,
        _("New code for %(delegation)s: %(code)s. The old code no longer works.")
        % {"delegation": delegation.display_name(), "code": access.formatted_code()},
    )
    if request.htmx:
        # The page reloads to show the message with the new code.
        return HttpResponse(status=204, headers={"HX-Refresh": "true"})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("dais_floor", args=[committee.slug])
    return redirect(next_url)


@require_POST
@dais_required
def projector_link_regenerate(request: HttpRequest, committee: Committee) -> HttpResponse:
    credentials.projector_link_regenerate(committee=committee)
    messages.success(request, _("New projector link made. The old link no longer works."))
    return redirect("dais_floor", slug=committee.slug)
