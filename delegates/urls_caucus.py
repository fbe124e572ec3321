"""The delegation's caucus actions from its phone."""

from django.urls import path

from delegates.views import floor_caucus

urlpatterns = [
    path("placard/raise/", floor_caucus.placard_raise, name="delegate_caucus_raise"),
    path("placard/lower/", floor_caucus.placard_lower, name="delegate_caucus_lower"),
    path("mover/", floor_caucus.mover_choose, name="delegate_caucus_mover"),
]
