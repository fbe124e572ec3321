"""The dais's speakers actions (each a POST to a view that calls one service)."""

from django.urls import path

from committee.views import floor_speakers as views

urlpatterns = [
    path("add/", views.add, name="floor_speakers_add"),
    path("remove/", views.remove, name="floor_speakers_remove"),
    path("move/", views.move, name="floor_speakers_move"),
    path("self-service/", views.self_service, name="floor_speakers_self_service"),
    path("closed/", views.closed, name="floor_speakers_closed"),
    path("next/", views.next_speaker, name="floor_speakers_next"),
    path("end/", views.end, name="floor_speakers_end"),
    path("yield/", views.yield_time, name="floor_speakers_yield"),
    path("yield/answer/", views.yield_answer, name="floor_speakers_yield_answer"),
    path("question/", views.question, name="floor_speakers_question"),
    path("answer/start/", views.answer_start, name="floor_speakers_answer_start"),
    path("answer/finish/", views.answer_finish, name="floor_speakers_answer_finish"),
    path("comment/", views.comment, name="floor_speakers_comment"),
    path("close-debate/", views.close_debate, name="floor_speakers_close_debate"),
    path("pois/", views.pois, name="floor_speakers_pois"),
]
