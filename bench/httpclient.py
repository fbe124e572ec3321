"""Just enough HTTP/1.1 for the bench: one request per connection, as a phone after a pause.

Every request opens its own connection and asks the server to close it, so the body is
whatever arrives before the end of the stream (de-chunked when the server chunked it).
"""

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

REQUEST_TIMEOUT_SECONDS = 30.0


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes  # as it came over the wire, de-chunked (still compressed if it was)
    sent_at: float
    answered_at: float

    @property
    def seconds(self) -> float:
        return self.answered_at - self.sent_at


@dataclass
class Client:
    """A browser's identity towards one server: its address, cookies and language."""

    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    async def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return await self.request("GET", path, headers=headers)

    async def post(
        self, path: str, form: dict[str, str], headers: dict[str, str] | None = None
    ) -> Response:
        """A POST as htmx sends it: form-encoded, with the CSRF token in a header."""
        sent = {
            "Origin": self.origin,
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
            **(headers or {}),
        }
        return await self.request("POST", path, headers=sent, body=urlencode(form).encode())

    async def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        timeout: float = REQUEST_TIMEOUT_SECONDS,
    ) -> Response:
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Connection: close",
        ]
        if self.cookies:
            lines.append(f"Cookie: {self.cookie_header()}")
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        lines.extend(f"{name}: {value}" for name, value in (headers or {}).items())
        request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        sent_at = time.perf_counter()
        raw = await asyncio.wait_for(self._exchange(request), timeout)
        answered_at = time.perf_counter()
        response = parse_response(raw, sent_at=sent_at, answered_at=answered_at)
        self.cookies.update(response.cookies)
        return response

    async def _exchange(self, request: bytes) -> bytes:
        reader, writer = await asyncio.open_connection(self.host, self.port)
        try:
            writer.write(request)
            return await reader.read(-1)
        finally:
            writer.close()


def parse_response(raw: bytes, *, sent_at: float = 0.0, answered_at: float = 0.0) -> Response:
    head, separator, body = raw.partition(b"\r\n\r\n")
    if not separator:
        raise ConnectionError("the server closed the connection without a whole answer")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split(" ", 2)[1])
    headers: dict[str, str] = {}
    cookies: dict[str, str] = {}
    for line in header_lines:
        name, _colon, value = line.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "set-cookie":
            cookie_name, _equals, rest = value.partition("=")
            cookies[cookie_name] = rest.split(";", 1)[0]
        else:
            headers[name] = value
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = dechunk(body)
    return Response(status, headers, cookies, body, sent_at, answered_at)


def dechunk(body: bytes) -> bytes:
    parts = []
    position = 0
    while True:
        line_end = body.index(b"\r\n", position)
        size = int(body[position:line_end].split(b";", 1)[0], 16)
        if size == 0:
            return b"".join(parts)
        start = line_end + 2
        parts.append(body[start : start + size])
        position = start + size + 2
