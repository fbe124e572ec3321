"""What the dais's and the phone's floor views share: how a floor action answers the screen
that asked for it, and the raise-a-motion form. Not a view module, so both apps' views import it
and neither imports the other's views.

Success is 204 No Content: every screen, the asking one included, is brought up to date by
the websocket push that follows the commit. A refusal is 409 with a short notice in the
user's language, which htmx shows in the page's notice area (see responseHandling in
templates/base.html); without htmx the refusal becomes a message on the next page.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from committee import realtime
from committee.floor import decode
from committee.floor_forms import PhoneMotionRaiseForm
from committee.models import Committee, Delegation, Floor
from committee.procedure.errors import ProcedureError
from committee.procedure.floor import FloorDoc
from committee.procedure_messages import describe
from committee.readmodels.motions import draft_choices
from committee.selectors import FloorView
from committee.services.floor import FloorRefusal


def back_to_referring_page(request: HttpRequest) -> str:
    """The page the action was sent from, if it is on this site; the front page otherwise."""
    referer = request.META.get("HTTP_REFERER", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return reverse("home")


def refusal_response(request: HttpRequest, message: str, *, status: int = 409) -> HttpResponse:
    if request.htmx:
        html = render_to_string("_notice.html", {"message": message, "level": "error"})
        return HttpResponse(
            html, status=status, headers={"HX-Retarget": "#notices", "HX-Reswap": "innerHTML"}
        )
    messages.error(request, message)
    return redirect(back_to_referring_page(request))


def perform(request: HttpRequest, service: Callable[..., Any], **arguments: Any) -> HttpResponse:
    """Run one service; answer 204, or 409 with the reason the rules or the floor gave.

    A saved action while live updates are down answers 200 with a notice saying so.
    """
    try:
        service(**arguments)
    except ProcedureError as error:
        return refusal_response(request, describe(error, get_language() or "en"))
    except FloorRefusal as refusal:
        return refusal_response(request, str(refusal.message))
    if not realtime.live_updates_available():
        return saved_without_live_updates(request)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect(back_to_referring_page(request))


def saved_without_live_updates(request: HttpRequest) -> HttpResponse:
    """The action is saved, but no screen will show it until live updates return: say so.

    The dais (signed-in users) also gets its banner turned on; it stays until a push or a
    snapshot arrives again.
    """
    message = _("Saved, but live updates are down: screens will catch up when they return.")
    if not request.htmx:
        messages.warning(request, message)
        return redirect(back_to_referring_page(request))
    html = render_to_string("_notice.html", {"message": message, "level": "error"})
    if request.user.is_authenticated:
        html += realtime.live_status(down=True, language=get_language() or settings.LANGUAGE_CODE)
    return HttpResponse(
        html,
        headers={
            "HX-Retarget": "#notices",
            "HX-Reswap": "innerHTML",
            "HX-Trigger": "liveUpdatesDown",
        },
    )


def busy_response(request: HttpRequest) -> HttpResponse:
    """The database could not serve the request in time; nothing was saved. 503: try again.

    The wait for a connection and for the committee's floor is bounded, so under a burst a
    request is answered this way instead of queueing without end (committee/middleware.py).
    """
    message = _("Not recorded — the server is busy. Please try again.")
    if request.htmx:
        response = refusal_response(request, message, status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "1"
    return response


RAISE_FORM = "committee/motions/_raise_form.html"


def raise_form_context(
    view: FloorView, data: QueryDict, *, for_dais: bool, delegation: Delegation | None = None
) -> dict[str, Any]:
    """What the raise-a-motion form needs; `data` refills it (after a change of motion, or of
    the draft a division names)."""
    panel = view.motions_panel
    codes = [code for code, _label in panel.raise_options]
    code = data.get("code", "")
    selected = code if code in codes else (codes[0] if codes else "")
    return {
        "committee": view.committee,
        "view": view,
        "delegation": delegation,
        "for_dais": for_dais,
        "selected_code": selected,
        "values": data,
        "motion_choices": panel.raise_choices(selected, data),
    }


RaiseForm = TypeVar("RaiseForm", bound=PhoneMotionRaiseForm)


def motion_raise_form(
    form_class: type[RaiseForm], committee: Committee, data: QueryDict
) -> RaiseForm:
    """The raise form bound to `data`, checking the drafts and clauses it names against those
    in voting now (read from the stored floor), so that a bad one answers 400."""
    floor = Floor.objects.filter(pk=committee.pk).only("state").first()
    doc = decode(floor.state) if floor is not None else FloorDoc()
    return form_class(data, drafts=draft_choices(doc, committee.parameters()))
