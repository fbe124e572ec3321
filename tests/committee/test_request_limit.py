"""At most N HTTP requests inside Django at once; the others wait their turn, or get a 503.

The limit is ASGI middleware in front of Django; here it is put in front of a stub app that
records which requests are inside it, so the tests need no server and no database.
"""

import asyncio
import json
import subprocess
import sys
from typing import Any

from asgiref.sync import async_to_sync
from django.conf import settings

from bimun.asgi import application
from bimun.concurrency import HttpConcurrencyLimit
from tests.test_settings_pool import POSTGRES, ROOT, environment

BUSY_TEXT = "Not recorded — the server is busy. Please try again."


class StubApp:
    """An ASGI app whose requests stay inside until the test lets them finish."""

    def __init__(self) -> None:
        self.inside = 0
        self.most_inside = 0
        self.started: list[str] = []
        self.finish = asyncio.Event()

    async def __call__(self, scope, receive, send) -> None:
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        self.started.append(scope["path"])
        try:
            await self.finish.wait()
            await send({"type": "http.response.start", "status": 204, "headers": []})
            await send({"type": "http.response.body", "body": b""})
        finally:
            self.inside -= 1


def http_scope(path: str, headers: list[tuple[bytes, bytes]] | None = None) -> dict[str, Any]:
    return {
        "type": "http",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
        "headers": [(b"host", b"127.0.0.1"), *(headers or [])],
    }


async def request(app, scope: dict[str, Any]) -> dict[str, Any]:
    """Send one request through `app`; its status, headers and body."""
    answer: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            answer["headers"] = {
                name.decode(): value.decode() for name, value in message["headers"]
            }
        else:
            answer["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return answer


async def until(condition, timeout: float = 5) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.001)


def test_no_more_than_the_limit_are_inside_at_once_and_all_are_answered():
    async def scenario():
        stub = StubApp()
        limited = HttpConcurrencyLimit(stub, limit=3, wait_seconds=5)
        requests = [
            asyncio.ensure_future(request(limited, http_scope(f"/vote/{n}/"))) for n in range(10)
        ]
        await until(lambda: stub.inside == 3)
        await asyncio.sleep(0.05)  # the others stay outside however long they wait
        inside_while_blocked = stub.inside
        stub.finish.set()
        answers = await asyncio.gather(*requests)
        return inside_while_blocked, stub.most_inside, [answer["status"] for answer in answers]

    inside_while_blocked, most_inside, statuses = async_to_sync(scenario)()
    assert inside_while_blocked == most_inside == 3
    assert statuses == [204] * 10


def test_waiting_requests_are_let_in_in_the_order_they_came():
    async def scenario():
        stub = StubApp()
        limited = HttpConcurrencyLimit(stub, limit=1, wait_seconds=5)
        requests = []
        for n in range(6):
            requests.append(asyncio.ensure_future(request(limited, http_scope(f"/vote/{n}/"))))
            await asyncio.sleep(0)  # each is waiting before the next arrives
        await until(lambda: stub.inside == 1)
        stub.finish.set()
        await asyncio.gather(*requests)
        return stub.started

    assert async_to_sync(scenario)() == [f"/vote/{n}/" for n in range(6)]


def test_a_request_that_waits_too_long_is_told_it_was_not_recorded():
    async def scenario():
        stub = StubApp()
        limited = HttpConcurrencyLimit(stub, limit=1, wait_seconds=0.05)
        first = asyncio.ensure_future(request(limited, http_scope("/vote/first/")))
        await until(lambda: stub.inside == 1)
        turned_away = await request(limited, http_scope("/vote/second/"))
        stub.finish.set()
        return await first, turned_away, stub.started

    first, turned_away, started = async_to_sync(scenario)()
    assert first["status"] == 204
    assert started == ["/vote/first/"]  # the second never reached Django
    assert turned_away["status"] == 503
    assert turned_away["headers"]["Retry-After"] == "1"
    assert turned_away["body"].decode() == BUSY_TEXT


def test_a_phone_turned_away_sees_the_notice_in_its_language():
    async def scenario():
        stub = StubApp()
        limited = HttpConcurrencyLimit(stub, limit=1, wait_seconds=0.05)
        first = asyncio.ensure_future(request(limited, http_scope("/vote/first/")))
        await until(lambda: stub.inside == 1)
        phone = [(b"hx-request", b"true"), (b"cookie", b"django_language=zh-hans")]
        turned_away = await request(limited, http_scope("/vote/second/", phone))
        stub.finish.set()
        await first
        return turned_away

    turned_away = async_to_sync(scenario)()
    assert turned_away["status"] == 503
    # As DatabaseBusyMiddleware answers htmx: a notice, shown in the page's notice area.
    assert turned_away["headers"]["HX-Retarget"] == "#notices"
    body = turned_away["body"].decode()
    assert 'data-testid="notice"' in body
    assert "未记录——服务器繁忙，请重试。" in body


def test_static_files_and_websockets_are_not_held_back():
    async def scenario():
        stub = StubApp()
        limited = HttpConcurrencyLimit(
            stub, limit=1, wait_seconds=0.05, unlimited_prefixes=("/static/",)
        )
        vote = asyncio.ensure_future(request(limited, http_scope("/vote/")))
        await until(lambda: stub.inside == 1)
        style = asyncio.ensure_future(request(limited, http_scope("/static/css/bimun.css")))
        websocket_scope = {**http_scope("/ws/c/x/"), "type": "websocket"}
        socket = asyncio.ensure_future(request(limited, websocket_scope))
        await until(lambda: stub.inside == 3)
        stub.finish.set()
        await asyncio.gather(vote, style, socket)
        return stub.most_inside

    assert async_to_sync(scenario)() == 3


def test_the_server_limits_django_with_the_settings():
    limited = application.application_mapping["http"]
    assert isinstance(limited, HttpConcurrencyLimit)
    assert limited.limit == settings.HTTP_CONCURRENCY
    assert limited.wait_seconds == settings.HTTP_QUEUE_TIMEOUT_SECONDS
    assert limited.unlimited_prefixes == (settings.STATIC_URL,)


SHOW_LIMIT = """
import json
from bimun import settings
print(json.dumps([settings.HTTP_CONCURRENCY, settings.HTTP_QUEUE_TIMEOUT_SECONDS]))
"""


def limit_with(**variables: str) -> list:
    env = {name: value for name, value in environment().items() if "_HTTP_" not in name}
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_LIMIT],
        cwd=ROOT,
        env={**env, **variables},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(shown.stdout)


def test_the_limit_follows_the_connection_pool_on_postgresql_and_is_small_on_sqlite():
    assert limit_with(DATABASE_URL=POSTGRES) == [38, 5]  # 40 connections, 2 left to screens
    assert limit_with(DATABASE_URL=POSTGRES, BIMUN_WORKERS="4")[0] == 8
    assert limit_with()[0] == 4
    assert limit_with(BIMUN_HTTP_CONCURRENCY="12", BIMUN_HTTP_QUEUE_TIMEOUT="2") == [12, 2]
