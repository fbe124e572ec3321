"""At most N HTTP requests inside Django at once per server process; the rest wait their turn.

Under ASGI, Django runs every sync view in a thread of its own with a database connection of
its own, so a burst of requests (a General Assembly's phones voting at once) becomes as many
threads and connections: on PostgreSQL more clients than the server takes, on SQLite a crowd
of threads waiting on the one write lock. Requests over the limit wait here on the event loop
instead, in the order they came, holding neither a thread nor a connection. One that waits too
long is answered 503 "not recorded, try again", as when the database is busy.
"""

from __future__ import annotations

import asyncio
import io
import logging
import weakref
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse
from django.utils import translation
from django_htmx.middleware import HtmxDetails

from committee.floor_responses import busy_response

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class HttpConcurrencyLimit:
    """ASGI middleware: admits at most `limit` HTTP requests into `app` at a time.

    Paths under `unlimited_prefixes` (static files, which touch no database) and anything
    that is not HTTP go straight through. A request stays admitted until `app` has sent its
    whole answer, by when Django has given its connection back.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        wait_seconds: float,
        unlimited_prefixes: tuple[str, ...] = (),
    ) -> None:
        if limit < 1:
            raise ValueError("at least one request must be let in at a time")
        self.app = app
        self.limit = limit
        self.wait_seconds = wait_seconds
        self.unlimited_prefixes = unlimited_prefixes
        # asyncio's semaphores belong to one event loop; the server has one, tests have many.
        self._gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary()
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.unlimited_prefixes):
            await self.app(scope, receive, send)
            return
        gate = self._gate()
        try:
            async with asyncio.timeout(self.wait_seconds):
                await gate.acquire()
        except TimeoutError:
            logger.warning(
                "Server busy, %s %s not served: no turn within %s s",
                scope["method"],
                scope["path"],
                self.wait_seconds,
            )
            await _send_response(busy_answer(scope), send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            gate.release()

    def _gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        gate = self._gates.get(loop)
        if gate is None:
            gate = self._gates[loop] = asyncio.Semaphore(self.limit)
        return gate


def busy_answer(scope: Scope) -> HttpResponse:
    """The answer Django gives when the database is busy, in the language the page is in.

    The request never reached Django's middleware, so it is seen here as that would see it:
    its language (cookie, else the browser's wish) and whether htmx sent it.
    """
    request = ASGIRequest(scope, io.BytesIO())
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    with translation.override(translation.get_language_from_request(request)):
        return busy_response(request)


async def _send_response(response: HttpResponse, send: Send) -> None:
    headers = [
        (name.encode("latin-1"), value.encode("latin-1")) for name, value in response.items()
    ]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.content})
