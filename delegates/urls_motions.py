"""The delegation's motions actions from its phone."""

from django.urls import path

from delegates.views import floor_motions as views

urlpatterns: list = [
    path("form/", views.raise_form, name="delegate_motions_form"),
    path("raise/", views.raise_motion, name="delegate_motions_raise"),
    path("answer/", views.answer, name="delegate_motions_answer"),
    path("second/", views.second, name="delegate_motions_second"),
    path("withdraw/", views.withdraw, name="delegate_motions_withdraw"),
    path("appeal/", views.appeal, name="delegate_motions_appeal"),
    path("vote/", views.vote, name="delegate_motions_vote"),
]
