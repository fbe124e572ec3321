"""The working-paper editor of a delegation: start a paper, write and save it, import a paste."""

from django.urls import path

from delegates.views import editor as views

urlpatterns: list = [
    path("new/", views.paper_new, name="paper_new"),
    path("paste/", views.paper_paste_preview, name="paper_paste_preview"),
    path("<int:document_id>/", views.paper_edit, name="paper_edit"),
    path("<int:document_id>/save/", views.paper_save, name="paper_save"),
]
