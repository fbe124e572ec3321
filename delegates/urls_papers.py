"""The delegation's papers on its phone: lists, one paper, its actions, amendments, history."""

from django.urls import path

from delegates.views import papers as views

AMENDMENT = "<int:document_id>/amendments/<int:amendment_id>/"

urlpatterns: list = [
    path("", views.paper_list, name="paper_list"),
    path("<int:document_id>/", views.paper_read, name="paper_read"),
    path("<int:document_id>/actions/", views.paper_actions, name="paper_actions"),
    path("<int:document_id>/history/", views.paper_history, name="paper_history"),
    path("<int:document_id>/answer/", views.paper_answer, name="paper_answer"),
    path("<int:document_id>/invite/", views.paper_invite, name="paper_invite"),
    path("<int:document_id>/submit/", views.paper_submit, name="paper_submit"),
    path("<int:document_id>/take-back/", views.paper_take_back, name="paper_take_back"),
    path("<int:document_id>/promote/", views.paper_promote, name="paper_promote"),
    path("<int:document_id>/sign/", views.paper_sign, name="paper_sign"),
    path("<int:document_id>/withdraw/", views.paper_withdraw, name="paper_withdraw"),
    path(
        "<int:document_id>/amendments/preview/",
        views.paper_amendment_preview,
        name="paper_amendment_preview",
    ),
    path(
        "<int:document_id>/amendments/",
        views.paper_amendment_submit,
        name="paper_amendment_submit",
    ),
    path(f"{AMENDMENT}answer/", views.paper_amendment_answer, name="paper_amendment_answer"),
    path(f"{AMENDMENT}sign/", views.paper_amendment_sign, name="paper_amendment_sign"),
    path(f"{AMENDMENT}withdraw/", views.paper_amendment_withdraw, name="paper_amendment_withdraw"),
]
