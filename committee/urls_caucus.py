"""The dais's caucus actions (each a POST to a view that calls one service)."""

from django.urls import path

from committee.views import floor_caucus

urlpatterns = [
    path("recognise/", floor_caucus.recognise, name="floor_caucus_recognise"),
    path("slot/end/", floor_caucus.slot_end, name="floor_caucus_slot_end"),
    path("pause/", floor_caucus.pause, name="floor_caucus_pause"),
    path("resume/", floor_caucus.resume, name="floor_caucus_resume"),
    path("end/", floor_caucus.end, name="floor_caucus_end"),
    path("mover/", floor_caucus.mover_choose, name="floor_caucus_mover"),
]
