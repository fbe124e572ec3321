"""The dais's motions actions (each a POST to a view that calls one service)."""

from django.urls import path

from committee.views import floor_motions as views

urlpatterns: list = [
    path("form/", views.raise_form, name="floor_motions_form"),
    path("raise/", views.raise_motion, name="floor_motions_raise"),
    path("second/", views.second, name="floor_motions_second"),
    path("withdraw/", views.withdraw, name="floor_motions_withdraw"),
    path("rule/", views.rule, name="floor_motions_rule"),
    path("suggest/", views.suggest, name="floor_motions_suggest"),
    path("answer/", views.offer_answer, name="floor_motions_answer"),
    path("appeal/", views.appeal, name="floor_motions_appeal"),
    path("vote/open/", views.vote_open, name="floor_motions_vote_open"),
    path("vote/close/", views.vote_close, name="floor_motions_vote_close"),
    path("vote/enter/", views.ballot_enter, name="floor_motions_ballot_enter"),
    path("resume/", views.resume, name="floor_motions_resume"),
]
