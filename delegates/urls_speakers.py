"""The delegation's speakers actions from its phone."""

from django.urls import path

from delegates.views import floor_speakers as views

urlpatterns = [
    path("join/", views.join, name="delegate_speakers_join"),
    path("leave/", views.leave, name="delegate_speakers_leave"),
    path("yield/answer/", views.yield_answer, name="delegate_speakers_yield_answer"),
    path("pois/", views.pois, name="delegate_speakers_pois"),
]
