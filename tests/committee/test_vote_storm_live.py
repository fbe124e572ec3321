"""A General Assembly voting at the same instant, through the real server and its websockets.

The server runs as `make serve` runs it (tests/live_server.py), on a database of its own
holding 193 present members with a phone vote open. Every phone and a few dais and projector
screens are connected over websockets; then the 193 phones post their ballots at once, each
with its own session, as htmx sends them. A 503 "not recorded, try again" is tapped again, as
a person would; any other answer is a failure. Afterwards every ballot is stored exactly once,
and every screen, rebuilt from what it was pushed, shows the tally the stored ballots make.
"""

import asyncio
import http.client
import json
import logging
import re
import secrets
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from websockets.asyncio.client import ClientConnection, connect

from tests.committee.vote_storm_setup import LIVE_SERVER_SCRIPT
from tests.live_server import (
    asgi_server,
    finish,
    manage,
    python,
    server_env,
    throwaway_database,
)

logger = logging.getLogger(__name__)

MEMBERS = 193
DAIS_SCREENS = 3
PROJECTOR_SCREENS = 2
# A person taps again after "not recorded, try again"; more tries than this is a failure.
TAPS_AT_MOST = 20
PAUSE_BEFORE_TAPPING_AGAIN = 0.3
CONNECT_TIMEOUT = 30
# Screens must show the last ballot within a few seconds of it.
SCREENS_SETTLE_WITHIN = 5
CSRF_TOKEN = secrets.token_hex(16)


@pytest.fixture(scope="module")
def storm(tmp_path_factory: pytest.TempPathFactory):
    """The server's URL, its environment, and the committee made for the storm."""
    var_dir = tmp_path_factory.mktemp("vote-storm")
    with throwaway_database(var_dir) as database_url:
        env = server_env(var_dir, database_url)
        static = manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        finish(manage(env, "migrate", "--no-input", "--verbosity", "0"))
        committee = script_answer(env, "open", str(MEMBERS))
        finish(static)
        with asgi_server(env, var_dir) as url:
            yield url, env, committee


def script_answer(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run the storm's setup script against the server's database; what it printed."""
    output = finish(python(env, "-c", LIVE_SERVER_SCRIPT, *args))
    return json.loads(output.strip().splitlines()[-1])


# ---- a screen, rebuilt from what it was pushed ---------------------------------------------------

# The root of each region in a push: an element with an id that htmx swaps in out of band.
REGION_ROOT = re.compile(r"<[a-zA-Z][^>]*\bhx-swap-oob=\"[^\"]*\"[^>]*>")
TALLY = re.compile(
    r'data-testid="(?:motion|projector|phone-now)-tally" data-yes="(\d+)" data-no="(\d+)"'
)


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else None


@dataclass
class Screen:
    """What one screen shows: per region, the newest fragment it was sent."""

    name: str
    regions: dict[str, tuple[tuple[int, int] | None, str]] = field(default_factory=dict)
    pushes: int = 0
    closed: str | None = None

    def take(self, message: str) -> None:
        """Swap in the message's regions, unless the screen already has a newer one."""
        self.pushes += 1
        roots = list(REGION_ROOT.finditer(message))
        pushed_seq = next(
            (
                attribute(root.group(0), "data-seq")
                for root in roots
                if attribute(root.group(0), "id") == "live-meta"
            ),
            None,
        )
        for index, root in enumerate(roots):
            region = attribute(root.group(0), "id")
            if region is None or region == "live-meta":
                continue
            end = roots[index + 1].start() if index + 1 < len(roots) else len(message)
            order = self._order(root.group(0), pushed_seq)
            shown = self.regions.get(region)
            if shown is None or order is None or shown[0] is None or order >= shown[0]:
                self.regions[region] = (order, message[root.start() : end])

    @staticmethod
    def _order(tag: str, pushed_seq: str | None) -> tuple[int, int] | None:
        """How new a region is: its floor seq (its own, else its push's) and render stamp."""
        seq = attribute(tag, "data-seq") or pushed_seq
        if seq is None:
            return None  # no seq to go by: the later arrival wins
        return int(seq), int(attribute(tag, "data-render") or 0)

    def tally(self) -> tuple[int, int] | None:
        """(Yes, No) as the screen shows them."""
        for _order, html in self.regions.values():
            found = TALLY.search(html)
            if found is not None:
                return int(found.group(1)), int(found.group(2))
        return None


async def watch(screen: Screen, socket: ClientConnection) -> None:
    try:
        async for message in socket:
            screen.take(message if isinstance(message, str) else message.decode())
    except Exception as error:  # noqa: BLE001 - recorded, and failed on by the test
        screen.closed = repr(error)
    else:
        screen.closed = f"closed by the server ({socket.close_code})"


async def open_screen(
    url: str, path: str, cookie: str, name: str
) -> tuple[Screen, asyncio.Future[None], ClientConnection]:
    """A screen connected at `path` with the given cookies, and the task that watches it."""
    base = urlsplit(url)
    socket = await connect(
        f"ws://{base.netloc}{path}",
        origin=url,
        additional_headers={"Cookie": cookie},
        open_timeout=CONNECT_TIMEOUT,
        ping_interval=None,
        max_size=None,
    )
    screen = Screen(name)
    return screen, asyncio.ensure_future(watch(screen, socket)), socket


# ---- the phones ----------------------------------------------------------------------------------


def tap_until_recorded(url: str, path: str, phone: dict[str, Any], start: threading.Barrier):
    """Post the phone's ballot as htmx does; again after a 503. Statuses, and the seconds each
    answer took."""
    base = urlsplit(url)
    headers = {
        "Cookie": f"sessionid={phone['session']}; csrftoken={CSRF_TOKEN}",
        "X-CSRFToken": CSRF_TOKEN,
        "HX-Request": "true",
        "Origin": url,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    answers: list[tuple[int, float]] = []
    start.wait()
    for _tap in range(TAPS_AT_MOST):
        began = time.monotonic()
        connection = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
        try:
            connection.request("POST", path, body=f"choice={phone['choice']}", headers=headers)
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        answers.append((response.status, time.monotonic() - began))
        if response.status != 503:
            break
        time.sleep(PAUSE_BEFORE_TAPPING_AGAIN)
    return answers


# ---- the storm -----------------------------------------------------------------------------------


def run_on_a_fresh_loop(scenario) -> Any:
    """The scenario on an event loop of its own, in a thread of its own: the browser tests
    keep Playwright's loop running in the main thread."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = asyncio.run(scenario())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=300)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def test_193_phones_voting_at_once_are_counted_once_and_every_screen_shows_the_tally(storm):
    url, env, committee = storm
    slug, phones = committee["slug"], committee["phones"]
    vote_path = reverse("delegate_motions_vote", args=[slug])
    timings: dict[str, float] = {}

    async def scenario():
        began = time.monotonic()
        openings = [
            open_screen(url, f"/ws/c/{slug}/", f"sessionid={committee['chair_session']}", "dais")
            for _ in range(DAIS_SCREENS)
        ]
        projector = f"/ws/c/{slug}/projector/{committee['projector_token']}/"
        openings += [open_screen(url, projector, "", "projector") for _ in range(PROJECTOR_SCREENS)]
        openings += [
            open_screen(
                url, f"/ws/c/{slug}/", f"sessionid={p['session']}", f"phone {p['delegation']}"
            )
            for p in phones
        ]
        opened = await asyncio.gather(*openings)
        screens = [screen for screen, _watcher, _socket in opened]
        await until(lambda: all(screen.tally() is not None for screen in screens), CONNECT_TIMEOUT)
        timings["connect"] = time.monotonic() - began

        loop = asyncio.get_running_loop()
        start = threading.Barrier(len(phones))
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=len(phones)) as taps:
            answers = await asyncio.gather(
                *(
                    loop.run_in_executor(taps, tap_until_recorded, url, vote_path, phone, start)
                    for phone in phones
                )
            )
        last_ballot = time.monotonic()
        timings["ballots"] = last_ballot - began

        intended = Counter(phone["choice"] for phone in phones)
        expected = (intended["yes"], intended["no"])
        await until(
            lambda: all(screen.tally() == expected for screen in screens),
            last_ballot + SCREENS_SETTLE_WITHIN - time.monotonic(),
            fail=False,
        )
        timings["screens"] = time.monotonic() - last_ballot
        shown = {screen.name: screen.tally() for screen in screens}
        closed = {screen.name: screen.closed for screen in screens if screen.closed}
        for _screen, watcher, socket in opened:
            await socket.close()
            await watcher
        return answers, shown, closed

    answers, shown, closed = run_on_a_fresh_loop(scenario)
    stored = script_answer(env, "ballots", slug)
    statuses = Counter(status for answer in answers for status, _seconds in answer)
    logger.info(
        "vote storm: %s; screens connected in %.1f s, %d ballots answered in %.1f s "
        "(slowest answer %.2f s), screens settled %.1f s after the last",
        dict(statuses),
        timings["connect"],
        len(answers),
        timings["ballots"],
        max(seconds for answer in answers for _status, seconds in answer),
        timings["screens"],
    )

    assert set(statuses) <= {204, 503}, statuses  # nothing failed but "try again"
    assert [answer[-1][0] for answer in answers] == [204] * MEMBERS  # every phone got through
    assert len(stored["rows"]) == MEMBERS
    ballots = Counter(delegation for delegation, _choice in stored["rows"])
    assert set(ballots.values()) == {1}  # one ballot each
    assert dict(stored["rows"]) == {phone["delegation"]: phone["choice"] for phone in phones}
    assert stored["logged"] == statuses[204] == MEMBERS  # one log entry per recorded ballot
    choices = Counter(choice for _delegation, choice in stored["rows"])
    assert not closed, closed  # every screen stayed connected
    assert set(shown.values()) == {(choices["yes"], choices["no"])}, Counter(shown.values())


async def until(condition, seconds: float, *, fail: bool = True) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            if fail:
                raise TimeoutError(f"not within {seconds:.0f} s")
            return
        await asyncio.sleep(0.05)
