"""Signing in and out, and the front page that sends each person to their own screen."""

from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from committee.access import current_delegation, is_secretariat, public


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


class LoginView(auth_views.LoginView):
    template_name = "committee/login.html"
    redirect_authenticated_user = True


LoginView.bimun_public = True  # type: ignore[attr-defined]


@public
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")
