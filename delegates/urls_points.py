"""The delegation's points actions from its phone."""

from django.urls import path

from delegates.views import floor_points

urlpatterns = [
    path("raise/", floor_points.point_raise, name="delegate_points_raise"),
    path("<int:seq>/withdraw/", floor_points.point_withdraw, name="delegate_points_withdraw"),
    path("reply/", floor_points.reply_request, name="delegate_points_reply"),
    path("reply/withdraw/", floor_points.reply_withdraw, name="delegate_points_reply_withdraw"),
]
