"""How a floor action answers the screen that asked for it.

Success is 204 No Content: every screen, the asking one included, is brought up to date by
the websocket push that follows the commit. A refusal is 409 with a short notice in the
user's language, which htmx shows in the page's notice area (see responseHandling in
templates/base.html); without htmx the refusal becomes a message on the next page.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import get_language

from committee.procedure.errors import ProcedureError
from committee.procedure_messages import describe
from committee.services.floor import FloorRefusal


def posted_whole_number(request: HttpRequest, name: str, default: str = "") -> int | None:
    """A whole number from the POST data, or None when it is missing or not a number."""
    try:
        return int(request.POST.get(name, default))
    except ValueError:
        return None


def refusal_response(request: HttpRequest, message: str, *, status: int = 409) -> HttpResponse:
    if request.htmx:
        html = render_to_string("_notice.html", {"message": message, "level": "error"})
        return HttpResponse(
            html, status=status, headers={"HX-Retarget": "#notices", "HX-Reswap": "innerHTML"}
        )
    messages.error(request, message)
    return redirect(request.META.get("HTTP_REFERER") or "home")


def perform(request: HttpRequest, service: Callable[..., Any], **arguments: Any) -> HttpResponse:
    """Run one service; answer 204, or 409 with the reason the rules or the floor gave."""
    try:
        service(**arguments)
    except ProcedureError as error:
        return refusal_response(request, describe(error, get_language() or "en"))
    except FloorRefusal as refusal:
        return refusal_response(request, str(refusal.message))
    if request.htmx:
        return HttpResponse(status=204)
    return redirect(request.META.get("HTTP_REFERER") or "home")
