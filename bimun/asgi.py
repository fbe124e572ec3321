"""ASGI entry point: Django for HTTP, a few requests at a time, and Channels for the live
websockets.

Websocket connections are accepted only from this site's own pages (see SameOriginValidator)
and carry the Django session, so consumers know who is connecting.
"""

import contextlib
import os
from typing import Any

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bimun.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import WebsocketDenier  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.exceptions import DisallowedHost  # noqa: E402
from django.http import HttpRequest  # noqa: E402

from bimun.concurrency import HttpConcurrencyLimit  # noqa: E402
from committee.routing import websocket_urlpatterns  # noqa: E402


class WebsocketHandshake(HttpRequest):
    """The handshake seen as Django sees a request, so its rules for host and scheme apply:
    ALLOWED_HOSTS, and behind an HTTPS proxy SECURE_PROXY_SSL_HEADER (BIMUN_HTTPS)."""

    def __init__(self, scope: dict[str, Any]) -> None:
        super().__init__()
        for name, value in scope.get("headers", []):
            meta_name = "HTTP_" + name.decode("latin-1").upper().replace("-", "_")
            self.META[meta_name] = value.decode("latin-1")
        # As Django's own ASGI requests do when the client sent no Host header.
        server_name, server_port = scope.get("server") or ("unknown", 0)
        self.META["SERVER_NAME"], self.META["SERVER_PORT"] = server_name, str(server_port)
        self.secure_socket = scope.get("scheme") == "wss"

    def _get_scheme(self) -> str:
        return "https" if self.secure_socket else "http"


def page_origins(handshake: WebsocketHandshake) -> set[str]:
    """The origins a page of this site has, seen from this handshake: the address the browser
    connected to (scheme, host and port), and any origin trusted for CSRF, as for a POST."""
    origins = set(settings.CSRF_TRUSTED_ORIGINS)
    with contextlib.suppress(DisallowedHost):  # a host not in ALLOWED_HOSTS has no pages here
        origins.add(f"{handshake.scheme}://{handshake.get_host()}")
    return origins


class SameOriginValidator:
    """Refuses a websocket whose Origin is not one of this site's own pages, so another page
    (another site, or another port of this host) cannot use a signed-in browser's cookies."""

    def __init__(self, application: Any) -> None:
        self.application = application

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        handshake = WebsocketHandshake(scope)
        origin = handshake.META.get("HTTP_ORIGIN", "").lower()
        if origin not in {allowed.lower() for allowed in page_origins(handshake)}:
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)


application = ProtocolTypeRouter(
    {
        # Static files touch no database and must load while a burst of votes waits its turn.
        "http": HttpConcurrencyLimit(
            django_asgi_app,
            limit=settings.HTTP_CONCURRENCY,
            wait_seconds=settings.HTTP_QUEUE_TIMEOUT_SECONDS,
            unlimited_prefixes=(settings.STATIC_URL,),
        ),
        "websocket": SameOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
