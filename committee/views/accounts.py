"""Signing in and out, and the front page that sends each person to their own screen."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from committee.access import current_delegation, is_secretariat, public
from committee.forms import ThrottledAuthenticationForm, ThrottledPasswordChangeForm
from committee.services import setup


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    delegation = current_delegation(request)
    if delegation is not None:
        return redirect("delegate_home", slug=delegation.committee.slug)
    user = request.user
    if user.is_authenticated:
        if is_secretariat(user):
            return redirect("secretariat_dashboard")
        membership = user.dais_memberships.select_related("committee").first()
        if membership is not None:
            return redirect("dais_floor", slug=membership.committee.slug)
    return render(request, "committee/home.html")


def _throttled(form) -> bool:
    return form.has_error("__all__", "throttled") or form.has_error("old_password", "throttled")


class LoginView(auth_views.LoginView):
    template_name = "committee/login.html"
    redirect_authenticated_user = True
    authentication_form = ThrottledAuthenticationForm

    def form_invalid(self, form) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 429 if _throttled(form) else 400
        return response


LoginView.bimun_public = True  # type: ignore[attr-defined]


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


@require_http_methods(["GET", "POST"])
@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Every account (dais or secretariat) changes its own password here."""
    form = ThrottledPasswordChangeForm(
        request.user, request.POST if request.method == "POST" else None, request=request
    )
    if request.method == "POST" and form.is_valid():
        setup.account_password_set(user=request.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)  # this browser stays signed in
        messages.success(request, _("Your password has been changed."))
        return redirect("home")
    status = 200
    if form.is_bound:
        status = 429 if _throttled(form) else 400
    return render(request, "committee/password_change.html", {"form": form}, status=status)
