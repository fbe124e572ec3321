"""The dais's side of documents: a document's page, its versions, and every action (POSTs)."""

from django.urls import path

from committee.views import documents as views

urlpatterns: list = [
    path("<int:document_id>/", views.dais_document, name="dais_document"),
    path("<int:document_id>/actions/", views.dais_document_actions, name="dais_document_actions"),
    path("<int:document_id>/history/", views.dais_document_history, name="dais_document_history"),
    path("<int:document_id>/approve/", views.approve, name="dais_document_approve"),
    path("<int:document_id>/return/", views.return_document, name="dais_document_return"),
    path("<int:document_id>/introduce/", views.introduce, name="dais_document_introduce"),
    path("<int:document_id>/fix/", views.fix, name="dais_document_fix"),
    path("project/", views.project, name="dais_documents_project"),
    path(
        "amendments/<int:amendment_id>/approve/",
        views.amendment_approve,
        name="dais_amendment_approve",
    ),
    path(
        "amendments/<int:amendment_id>/return/",
        views.amendment_return,
        name="dais_amendment_return",
    ),
]
