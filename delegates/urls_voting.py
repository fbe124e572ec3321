"""The delegation's votes in voting procedure from its phone."""

from django.urls import path

from delegates.views import floor_voting as views

urlpatterns: list = [
    path("cast/", views.cast, name="delegate_voting_cast"),
    path("object/", views.object_to_consensus, name="delegate_voting_object"),
]
