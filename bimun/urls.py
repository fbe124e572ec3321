from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # One password-change page for everyone: it is throttled and closes the user's live screens.
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="password_change", permanent=False),
    ),
    path("admin/", admin.site.urls),
    path("", include("committee.urls")),
    path("", include("delegates.urls")),
]

handler400 = "committee.views.errors.bad_request"
handler403 = "committee.views.errors.forbidden"
handler404 = "committee.views.errors.not_found"
