"""The dais's points actions (each a POST to a view that calls one service)."""

from django.urls import path

from committee.views import floor_points

urlpatterns = [
    path("<int:seq>/resolve/", floor_points.point_resolve, name="floor_points_resolve"),
    path("resume/", floor_points.speaker_resume, name="floor_points_resume"),
    path(
        "reply/<int:delegation_id>/grant/",
        floor_points.reply_grant,
        name="floor_points_reply_grant",
    ),
    path(
        "reply/<int:delegation_id>/refuse/",
        floor_points.reply_refuse,
        name="floor_points_reply_refuse",
    ),
    path(
        "reply/<int:delegation_id>/floor/",
        floor_points.reply_give_floor,
        name="floor_points_reply_floor",
    ),
    path("reply/end/", floor_points.reply_end, name="floor_points_reply_end"),
]
