"""A server that goes away and comes back: clicks meanwhile say they failed, screens are live
again within seconds, and a "live updates are down" close keeps the screen trying.

The session's server is shared, so the test that stops a server starts one of its own, the
way the conftest does, on a port it can start it again on.
"""

import contextlib
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from tests.browser.conftest import (
    _finish,
    _free_port,
    _manage,
    _server_env,
    _throwaway_database,
    _wait_until_serving,
)
from tests.browser.helpers import (
    CHAIR,
    DEMO_COMMITTEE,
    DESKTOP,
    NO_CONNECTION,
    OFFLINE,
    ONLINE,
    PROJECTOR,
    ROOT,
    ContextFactory,
    login,
)

# The screen must be live again this soon after the server answers (one retry, at most
# two seconds apart, plus the snapshot).
LIVE_AGAIN_WITHIN_S = 3.0


class OwnServer:
    """The app's ASGI server on a fixed port, to be killed and started again."""

    def __init__(self, env: dict[str, str], var_dir: Path) -> None:
        self.env = env
        self.var_dir = var_dir
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.var_dir / "own-server.log"
        command = [
            *(sys.executable, "-m", "uvicorn", "bimun.asgi:application"),
            *("--host", "127.0.0.1", "--port", str(self.port), "--ws", "websockets"),
            "--no-access-log",
        ]
        with log.open("ab") as log_file:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log_file, stderr=subprocess.STDOUT
            )
        _wait_until_serving(self.url, self.process, log)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[OwnServer]:
    with _throwaway_database(tmp_path) as database_url:
        env = _server_env(tmp_path, database_url)
        _finish(_manage(env, "collectstatic", "--no-input", "--verbosity", "0"))
        _finish(_manage(env, "migrate", "--no-input", "--verbosity", "0"))
        _finish(_manage(env, "seed_demo", "--demo-accounts"))
        server = OwnServer(env, tmp_path)
        server.start()
        try:
            yield server
        finally:
            with contextlib.suppress(Exception):
                server.kill()


@pytest.fixture
def screens_on_own_server(browser: Browser, own_server: OwnServer) -> Iterator[tuple[Page, Page]]:
    """The chair's dais and the projector, both live, on the test's own server."""
    dais_context = browser.new_context(base_url=own_server.url, viewport=DESKTOP, locale="en-GB")
    projector_context = browser.new_context(viewport=PROJECTOR, locale="en-GB")
    try:
        dais = dais_context.new_page()
        login(dais, own_server.url, *CHAIR)
        dais.goto(f"{own_server.url}/c/{DEMO_COMMITTEE}/dais/")
        expect(dais.get_by_test_id("connection")).to_have_class(ONLINE)
        link = dais.get_by_test_id("projector-link").get_attribute("href")
        assert link
        projector = projector_context.new_page()
        projector.goto(link)
        expect(projector.get_by_test_id("connection")).to_have_class(ONLINE)
        yield dais, projector
    finally:
        dais_context.close()
        projector_context.close()


def test_a_click_while_the_server_is_down_fails_visibly_and_screens_are_live_soon_after_it_returns(
    own_server: OwnServer, screens_on_own_server: tuple[Page, Page]
) -> None:
    dais, projector = screens_on_own_server
    open_session = dais.get_by_role("button", name="Open a session")

    own_server.kill()
    expect(dais.get_by_test_id("connection")).to_have_class(OFFLINE)
    open_session.click()
    expect(open_session.get_by_test_id("action-failed")).to_have_text(NO_CONNECTION)
    expect(dais.locator("#notices").get_by_role("alert")).to_have_text(NO_CONNECTION)
    # Down for a while, as a restarted server is: the retries must not have drifted apart.
    time.sleep(6)

    own_server.start()
    answering = time.monotonic()
    for page in (dais, projector):
        expect(page.get_by_test_id("connection")).to_have_class(
            ONLINE, timeout=LIVE_AGAIN_WITHIN_S * 1000
        )
    assert time.monotonic() - answering < LIVE_AGAIN_WITHIN_S

    # Live means pushes arrive: the session opened, then the roll call reaches every screen.
    dais.get_by_role("button", name="Open a session").click()
    dais.get_by_test_id("roll-call-start").click()
    expect(projector.locator("#projector-main")).to_have_attribute("data-phase", "roll_call")


def test_a_screen_told_live_updates_are_down_says_so_and_keeps_trying(
    new_context: ContextFactory, live_server_url: str
) -> None:
    live_updates_down = True
    attempts: list[str] = []

    def connect(socket: WebSocketRoute) -> None:
        attempts.append(socket.url)
        if live_updates_down:
            socket.close(code=1013, reason="try again later")
        else:
            socket.connect_to_server()

    context = new_context(signed_in_as=CHAIR)
    context.route_web_socket(re.compile(r"/ws/c/"), connect)
    dais = context.new_page()
    dais.goto(f"{live_server_url}/c/{DEMO_COMMITTEE}/dais/")
    indicator = dais.get_by_test_id("connection")
    expect(indicator).to_have_text("Live updates are down — retrying…")
    expect(indicator).to_have_class(re.compile(r"\bconnection--down\b"))
    # It tries again by itself, soon and again and again.
    deadline = time.monotonic() + 5
    while len(attempts) < 3 and time.monotonic() < deadline:
        dais.wait_for_timeout(100)
    assert len(attempts) >= 3, attempts

    live_updates_down = False
    expect(indicator).to_have_class(ONLINE)
    expect(dais.get_by_test_id("phase")).to_be_visible()
