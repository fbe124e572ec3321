from django.urls import path

from committee.consumers import CommitteeConsumer, SecretariatConsumer

websocket_urlpatterns = [
    path("ws/secretariat/", SecretariatConsumer.as_asgi(), name="ws_secretariat"),
    path("ws/c/<slug:slug>/", CommitteeConsumer.as_asgi(), name="ws_committee"),
    path(
        "ws/c/<slug:slug>/projector/<str:token>/", CommitteeConsumer.as_asgi(), name="ws_projector"
    ),
]
