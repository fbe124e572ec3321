"""Who is asking: roles, the delegate's bound delegation, and the view decorators.

Every view carries exactly one of the decorators below; tests/test_role_matrix.py walks every
URL name for every role, so a view without the right decorator fails the suite.
"""

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject

from committee.models import Committee, DaisMembership, Delegation, DelegationAccess

SESSION_DELEGATION_KEY = "bimun_delegation_id"
SESSION_ACCESS_VERSION_KEY = "bimun_access_version"

View = Callable[..., HttpResponse]


def is_secretariat(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or hasattr(user, "secretariat"))


def dais_membership(user: Any, committee: Committee) -> DaisMembership | None:
    if not user.is_authenticated:
        return None
    return DaisMembership.objects.filter(user=user, committee=committee).first()


def may_run_floor(user: Any, committee: Committee) -> bool:
    """The dais of this committee runs its floor; the secretariat may step in anywhere."""
    return is_secretariat(user) or dais_membership(user, committee) is not None


def bound_delegation(session: Any) -> Delegation | None:
    """The delegation this browser session is bound to, if its access code is still valid."""
    delegation_id = session.get(SESSION_DELEGATION_KEY)
    if delegation_id is None:
        return None
    access = (
        DelegationAccess.objects.select_related("delegation__committee__conference")
        .filter(delegation_id=delegation_id)
        .first()
    )
    if access is None or access.version != session.get(SESSION_ACCESS_VERSION_KEY):
        return None
    return access.delegation


def bind_session(session: Any, access: DelegationAccess) -> None:
    session.cycle_key()  # a fresh session key: a code typed on a shared phone starts clean
    session[SESSION_DELEGATION_KEY] = access.delegation_id
    session[SESSION_ACCESS_VERSION_KEY] = access.version


def unbind_session(session: Any) -> None:
    session.pop(SESSION_DELEGATION_KEY, None)
    session.pop(SESSION_ACCESS_VERSION_KEY, None)


class DelegationAccessMiddleware:
    """Sets request.delegation: the delegation this phone is bound to, or None.

    A session bound with a code that has since been regenerated is unbound here, on its
    first request after the regeneration.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def resolve() -> Delegation | None:
            delegation = bound_delegation(request.session)
            if delegation is None and SESSION_DELEGATION_KEY in request.session:
                unbind_session(request.session)
            return delegation

        request.delegation = SimpleLazyObject(resolve)  # type: ignore[attr-defined]
        return self.get_response(request)


def current_delegation(request: HttpRequest) -> Delegation | None:
    delegation = getattr(request, "delegation", None)
    # A SimpleLazyObject wrapping None is truthy, so unwrap it by asking for a field.
    if delegation is None or getattr(delegation, "pk", None) is None:
        return None
    return delegation


def _require_login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


def secretariat_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _require_login(request)
        if not is_secretariat(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def dais_required(view: View) -> View:
    """For dais pages: passes the committee (from the URL's slug) instead of the slug."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return _require_login(request)
        committee = get_object_or_404(Committee.objects.select_related("conference"), slug=slug)
        if not may_run_floor(request.user, committee):
            raise PermissionDenied
        return view(request, committee, *args, **kwargs)

    return wrapper


def delegate_required(view: View) -> View:
    """For phone pages: passes the committee and the phone's own delegation."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        delegation = current_delegation(request)
        if delegation is None:
            return redirect("delegate_join")
        if delegation.committee.slug != slug:
            raise PermissionDenied
        return view(request, delegation.committee, delegation, *args, **kwargs)

    return wrapper


def projector_token_required(view: View) -> View:
    """For the projector: anyone holding the committee's current secret link may watch."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str, token: str, *args: Any, **kwargs: Any):
        committee = get_object_or_404(Committee.objects.select_related("conference"), slug=slug)
        if not hmac.compare_digest(committee.projector_token.encode(), token.encode()):
            raise PermissionDenied
        return view(request, committee, *args, **kwargs)

    return wrapper


def public(view: View) -> View:
    """Marks a view anyone may open (login, join); the role matrix test checks the mark."""
    view.bimun_public = True  # type: ignore[attr-defined]
    return view
