from django.urls import path

from committee.consumers import CommitteeConsumer

websocket_urlpatterns = [
    path("ws/c/<slug:slug>/", CommitteeConsumer.as_asgi(), name="ws_committee"),
    path(
        "ws/c/<slug:slug>/projector/<str:token>/", CommitteeConsumer.as_asgi(), name="ws_projector"
    ),
]
