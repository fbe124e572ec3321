from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import WebsocketDenier
from channels.sessions import CookieMiddleware
from django.urls import path, re_path

from committee.consumers import CommitteeConsumer, SecretariatConsumer

# Screens of signed-in users and bound phones: their session and user are read first.
signed_in_urlpatterns = [
    path("ws/secretariat/", SecretariatConsumer.as_asgi(), name="ws_secretariat"),
    path("ws/c/<slug:slug>/", CommitteeConsumer.as_asgi(), name="ws_committee"),
    # Any other address is refused at the handshake, instead of failing with a traceback.
    re_path(r"", WebsocketDenier.as_asgi(), name="ws_unknown"),
]

websocket_urlpatterns = [
    # A projector's right is its link alone: it skips the session and user lookups, which
    # matters when a hall's worth of screens connects at once. Its cookies still say its
    # language.
    path(
        "ws/c/<slug:slug>/projector/<str:token>/",
        CookieMiddleware(CommitteeConsumer.as_asgi()),
        name="ws_projector",
    ),
    re_path(r"", AuthMiddlewareStack(URLRouter(signed_in_urlpatterns))),
]
