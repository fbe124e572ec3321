from django.urls import include, path

from delegates.views import floor, guide, join, phone

urlpatterns = [
    path("join/", join.join_with_code, name="delegate_join"),
    path("join/<str:code>/", join.join_from_qr, name="delegate_join_qr"),
    path("leave/", join.leave, name="delegate_leave"),
    path("d/<slug:slug>/", phone.home, name="delegate_home"),
    path("d/<slug:slug>/attendance/", floor.attendance_answer, name="delegate_attendance"),
    path("d/<slug:slug>/speakers/", include("delegates.urls_speakers")),
    path("d/<slug:slug>/motions/", include("delegates.urls_motions")),
    path("d/<slug:slug>/caucus/", include("delegates.urls_caucus")),
    path("d/<slug:slug>/points/", include("delegates.urls_points")),
    path("d/<slug:slug>/voting/", include("delegates.urls_voting")),
    path("d/<slug:slug>/papers/", include("delegates.urls_papers")),
    path("d/<slug:slug>/papers/write/", include("delegates.urls_editor")),
    path("d/<slug:slug>/documents/", guide.document_list, name="reference_list"),
    path("d/<slug:slug>/documents/<slug:doc_slug>/", guide.document_read, name="reference_read"),
]
