from django.urls import include, path

from committee.views import accounts, dais, exports, floor, projector, report, secretariat

urlpatterns = [
    path("", accounts.home, name="home"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("account/password/", accounts.password_change, name="password_change"),
    # Secretariat: set-up and overview.
    path("secretariat/", secretariat.dashboard, name="secretariat_dashboard"),
    path("secretariat/conferences/new/", secretariat.conference_create, name="conference_create"),
    path(
        "secretariat/conferences/<slug:conference_slug>/edit/",
        secretariat.conference_edit,
        name="conference_edit",
    ),
    path("secretariat/committees/new/", secretariat.committee_create, name="committee_create"),
    path("secretariat/c/<slug:slug>/edit/", secretariat.committee_edit, name="committee_edit"),
    path("secretariat/c/<slug:slug>/roster/", secretariat.roster_import, name="roster_import"),
    path("secretariat/c/<slug:slug>/dais/", secretariat.dais_accounts, name="dais_accounts"),
    path("secretariat/c/<slug:slug>/access-sheet/", secretariat.access_sheet, name="access_sheet"),
    path("secretariat/c/<slug:slug>/export/", exports.page, name="export_page"),
    path("secretariat/c/<slug:slug>/export/start/", exports.start, name="export_start"),
    path(
        "secretariat/c/<slug:slug>/export/<int:job_id>/",
        exports.progress,
        name="export_progress",
    ),
    path(
        "secretariat/c/<slug:slug>/export/<int:job_id>/download/",
        exports.download,
        name="export_download",
    ),
    path("secretariat/c/<slug:slug>/report/", report.report_web, name="report_web"),
    # Dais.
    path("c/<slug:slug>/dais/", dais.floor, name="dais_floor"),
    path(
        "c/<slug:slug>/dais/delegations/<int:delegation_id>/regenerate-code/",
        dais.access_code_regenerate,
        name="access_code_regenerate",
    ),
    path(
        "c/<slug:slug>/dais/projector-link/regenerate/",
        dais.projector_link_regenerate,
        name="projector_link_regenerate",
    ),
    # The live floor: every action is a POST; screens update by websocket push.
    path("c/<slug:slug>/floor/session/open/", floor.session_open, name="floor_session_open"),
    path("c/<slug:slug>/floor/session/close/", floor.session_close, name="floor_session_close"),
    path(
        "c/<slug:slug>/floor/roll-call/start/",
        floor.roll_call_start,
        name="floor_roll_call_start",
    ),
    path(
        "c/<slug:slug>/floor/roll-call/close/",
        floor.roll_call_close,
        name="floor_roll_call_close",
    ),
    path(
        "c/<slug:slug>/floor/attendance/<int:delegation_id>/",
        floor.attendance_mark,
        name="floor_attendance_mark",
    ),
    path(
        "c/<slug:slug>/floor/timer/<str:command>/",
        floor.timer,
        name="floor_timer",
    ),
    path("c/<slug:slug>/floor/undo/", floor.undo, name="floor_undo"),
    path("c/<slug:slug>/floor/speakers/", include("committee.urls_speakers")),
    path("c/<slug:slug>/floor/motions/", include("committee.urls_motions")),
    path("c/<slug:slug>/floor/caucus/", include("committee.urls_caucus")),
    path("c/<slug:slug>/floor/points/", include("committee.urls_points")),
    path("c/<slug:slug>/floor/voting/", include("committee.urls_voting")),
    path("c/<slug:slug>/documents/", include("committee.urls_documents")),
    # The room's projector: a secret read-only link.
    path("c/<slug:slug>/projector/<str:token>/", projector.screen, name="projector"),
]
