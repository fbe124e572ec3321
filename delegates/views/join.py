"""How a delegate's phone joins: type the delegation's code, or scan the QR on its card."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from committee.access import bind_session, current_delegation, public, unbind_session
from committee.forms import AccessCodeForm
from committee.models import DelegationAccess, normalise_access_code
from committee.services import credentials, throttle


def _find_access(typed: str) -> DelegationAccess | None:
    code = normalise_access_code(typed)
    return (
        DelegationAccess.objects.select_related("delegation__committee").filter(code=code).first()
    )


def _claim(request: HttpRequest) -> throttle.Attempt:
    return throttle.attempt_claim(
        client=throttle.client_address(request), kind=throttle.ACCESS_CODE
    )


def _join(request: HttpRequest, access: DelegationAccess) -> HttpResponse:
    bind_session(request.session, access)
    request.session.save()
    credentials.device_bind(
        access=access,
        session_key=request.session.session_key,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    messages.success(request, _("Welcome, delegation of %s.") % access.delegation.display_name())
    return redirect("delegate_home", slug=access.delegation.committee.slug)


def _wait_message(seconds: int) -> str:
    return _("Too many wrong codes. Try again in %d s.") % seconds


@public
@require_http_methods(["GET", "POST"])
def join_with_code(request: HttpRequest) -> HttpResponse:
    form = AccessCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not (attempt := _claim(request)).allowed:
            form.add_error(None, _wait_message(attempt.wait))
            status = 429
        else:
            access = _find_access(form.cleaned_data["code"])
            if access is not None:
                throttle.attempt_succeeded(attempt=attempt)
                return _join(request, access)
            wait = throttle.wait_after_failure(attempt=attempt)
            form.add_error(
                "code",
                _wait_message(wait) if wait else _("This code is not valid. Check the card."),
            )
            status = 429 if wait else 400
    return render(
        request,
        "delegates/join.html",
        {"form": form, "bound": current_delegation(request)},
        status=status,
    )


@public
@require_http_methods(["GET", "POST"])
def join_from_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code's link: show which delegation it is for, and join with one tap."""
    # Looking the code up tells whether it is right, so even a GET claims a try.
    attempt = _claim(request)
    access = _find_access(code) if attempt.allowed else None
    wait = attempt.wait
    if access is not None:
        throttle.attempt_succeeded(attempt=attempt)
        if request.method == "POST":
            return _join(request, access)
    elif attempt.allowed:
        wait = throttle.wait_after_failure(attempt=attempt)
    status = 200 if access is not None else (429 if wait else 404)
    return render(
        request,
        "delegates/join_qr.html",
        {
            "access": access,
            "wait_message": _wait_message(wait) if wait else "",
            "bound": current_delegation(request),
        },
        status=status,
    )


@public
@require_POST
def leave(request: HttpRequest) -> HttpResponse:
    if request.session.session_key:
        credentials.device_unbind(session_key=request.session.session_key)
    unbind_session(request.session)
    messages.info(request, _("This phone has left its delegation."))
    return redirect("delegate_join")
