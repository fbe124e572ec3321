from channels.security.websocket import WebsocketDenier
from django.urls import path, re_path

from committee.consumers import CommitteeConsumer, SecretariatConsumer

websocket_urlpatterns = [
    path("ws/secretariat/", SecretariatConsumer.as_asgi(), name="ws_secretariat"),
    path("ws/c/<slug:slug>/", CommitteeConsumer.as_asgi(), name="ws_committee"),
    path(
        "ws/c/<slug:slug>/projector/<str:token>/", CommitteeConsumer.as_asgi(), name="ws_projector"
    ),
    # Any other address is refused at the handshake, instead of failing with a traceback.
    re_path(r"", WebsocketDenier.as_asgi(), name="ws_unknown"),
]
