from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("committee.urls")),
    path("", include("delegates.urls")),
]

handler403 = "committee.views.errors.forbidden"
handler404 = "committee.views.errors.not_found"
