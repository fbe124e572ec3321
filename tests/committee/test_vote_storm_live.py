"""A General Assembly voting at the same instant, through the real server and its websockets.

The server runs as `make serve` runs it (tests/live_server.py), on a database of its own
holding two committees of 193 present members: one with a phone vote open on a procedural
motion, one in voting procedure with a phone vote open on a draft resolution. Every phone and
a few dais and projector screens are connected over websockets; then the 193 phones post their
ballots at once, each with its own session, as htmx sends them (on the draft resolution each
phone sends its ballot twice at the same instant: a double tap, or a retry). A 503 "not
recorded, try again" is tapped again, as a person would; any other answer is a failure.
Afterwards every ballot is stored exactly once, and every screen, rebuilt from what it was
pushed, shows the tally the stored ballots make; the draft resolution's result, announced by
the dais, is what the ballots make under the committee's threshold, on every screen.
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
from fractions import Fraction
from math import ceil
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

# Both storms share one server and its database: on one worker, which makes them once.
pytestmark = pytest.mark.xdist_group("vote-storm-live")

MEMBERS = 193
DAIS_SCREENS = 3
PROJECTOR_SCREENS = 2
# A person taps again after "not recorded, try again"; more tries than this is a failure.
TAPS_AT_MOST = 20
PAUSE_BEFORE_TAPPING_AGAIN = 0.3
CONNECT_TIMEOUT = 30
# Screens connect this many at a time. The storm here is of ballots (bench/ measures storms of
# connections), and the server drops a handshake it has not finished within 10 s (websockets'
# open_timeout), which a whole hall connecting at once can take on a busy machine.
CONNECTING_AT_ONCE = 50
# Screens must show the last ballot within a few seconds of it.
SCREENS_SETTLE_WITHIN = 5
CSRF_TOKEN = secrets.token_hex(16)


@pytest.fixture(scope="module")
def storm(tmp_path_factory: pytest.TempPathFactory):
    """The server's URL, its environment, and the committees made for the storms: voting on
    a motion, and on a draft resolution."""
    var_dir = tmp_path_factory.mktemp("vote-storm")
    with throwaway_database(var_dir) as database_url:
        env = server_env(var_dir, database_url)
        static = manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        finish(manage(env, "migrate", "--no-input", "--verbosity", "0"))
        # Both in one run: the setup numbers what it makes per process.
        on_motion, on_draft = script_answers(env, "open", str(MEMBERS), "open-dr", str(MEMBERS))
        finish(static)
        with asgi_server(env, var_dir) as url:
            yield url, env, {"motion": on_motion, "draft": on_draft}


def script_answers(env: dict[str, str], *args: str) -> list[dict[str, Any]]:
    """Run the storm's setup script against the server's database; what it printed, one
    answer per command."""
    output = finish(python(env, "-c", LIVE_SERVER_SCRIPT, *args))
    return [json.loads(line) for line in output.strip().splitlines()[-(len(args) // 2) :]]


def script_answer(env: dict[str, str], *args: str) -> dict[str, Any]:
    """The answer to one command of the storm's setup script."""
    return script_answers(env, *args)[-1]


# ---- a screen, rebuilt from what it was pushed ---------------------------------------------------

# The root of each region in a push: an element with an id that htmx swaps in out of band.
REGION_ROOT = re.compile(r"<[a-zA-Z][^>]*\bhx-swap-oob=\"[^\"]*\"[^>]*>")
# A procedural vote's tally shows Yes and No; a question in voting procedure's also Abstain and
# the ballots missing.
TALLY = re.compile(
    r'data-testid="(?:motion|projector|phone-now|vote)-tally" data-yes="(\d+)" data-no="(\d+)"'
    r'(?: data-abstain="(\d+)" data-missing="(\d+)")?'
)
# A phone's own ballot in voting procedure, as its buttons show it.
OWN_BALLOT = re.compile(r'data-testid="phone-vote-ballot"[^>]*\sdata-choice="([a-z_]+)"')
# The result announced in voting procedure, as the dais, the projector and the phones word it
# (in English, the screens' language here): the verdict, then Yes, No and Abstain.
RESULT = re.compile(
    r'data-testid="(?:voting|projector-vote|phone-vote)-result".*?<span class="(ok|error)">'
    r".*?Yes (\d+)\D{1,5}No (\d+)\D{1,5}Abstain (\d+)",
    re.DOTALL,
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

    def tally(self) -> tuple[int, ...] | None:
        """(Yes, No), and Abstain and missing in voting procedure, as the screen shows them."""
        return self._find(TALLY)

    def own_ballot(self) -> str | None:
        """The choice a phone shows as its own ballot in voting procedure."""
        _order, html = self.regions.get("phone-self", (None, ""))
        found = OWN_BALLOT.search(html)
        return found.group(1) if found is not None else None

    def result(self) -> tuple[bool, int, int, int] | None:
        """The result announced in voting procedure: (adopted, Yes, No, Abstain)."""
        found = self._find(RESULT, numbers=False)
        if found is None:
            return None
        verdict, *counts = found
        return (verdict == "ok", *(int(count) for count in counts))

    def _find(self, pattern: re.Pattern[str], *, numbers: bool = True) -> tuple[Any, ...] | None:
        for _order, html in self.regions.values():
            found = pattern.search(html)
            if found is not None:
                groups = [group for group in found.groups() if group is not None]
                return tuple(int(group) for group in groups) if numbers else tuple(groups)
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


def post_as(url: str, path: str, session: str, body: str) -> int:
    """Post a form as htmx does, with the given session; the status answered."""
    base = urlsplit(url)
    headers = {
        "Cookie": f"sessionid={session}; csrftoken={CSRF_TOKEN}",
        "X-CSRFToken": CSRF_TOKEN,
        "HX-Request": "true",
        "Origin": url,
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    return response.status


def tap_until_recorded(url: str, path: str, phone: dict[str, Any], start: threading.Barrier):
    """Post the phone's ballot as htmx does; again after a 503. Statuses, and the seconds each
    answer took."""
    answers: list[tuple[int, float]] = []
    start.wait()
    for _tap in range(TAPS_AT_MOST):
        began = time.monotonic()
        status = post_as(url, path, phone["session"], f"choice={phone['choice']}")
        answers.append((status, time.monotonic() - began))
        if status != 503:
            break
        time.sleep(PAUSE_BEFORE_TAPPING_AGAIN)
    return answers


async def tap_at_once(url: str, path: str, phones: list[dict[str, Any]], *, times: int = 1):
    """Every phone sends its ballot `times` times, all at the same instant; per tap, what
    `tap_until_recorded` answered (each phone's taps one after the other)."""
    taps = [phone for phone in phones for _time in range(times)]
    loop = asyncio.get_running_loop()
    start = threading.Barrier(len(taps))
    with ThreadPoolExecutor(max_workers=len(taps)) as pool:
        return await asyncio.gather(
            *(
                loop.run_in_executor(pool, tap_until_recorded, url, path, phone, start)
                for phone in taps
            )
        )


# ---- the screens ---------------------------------------------------------------------------------


async def open_every_screen(url: str, committee: dict[str, Any]):
    """The committee's dais and projector screens, and every phone, connected; once each
    shows a tally."""
    slug, phones = committee["slug"], committee["phones"]
    room = f"/ws/c/{slug}/"
    projector = f"/ws/c/{slug}/projector/{committee['projector_token']}/"
    dais = f"sessionid={committee['chair_session']}"
    screens = [(room, dais, f"dais {n}") for n in range(DAIS_SCREENS)]
    screens += [(projector, "", f"projector {n}") for n in range(PROJECTOR_SCREENS)]
    screens += [(room, f"sessionid={p['session']}", f"phone {p['delegation']}") for p in phones]
    handshakes = asyncio.Semaphore(CONNECTING_AT_ONCE)

    async def connected(path: str, cookie: str, name: str):
        async with handshakes:
            return await open_screen(url, path, cookie, name)

    opened = await asyncio.gather(*(connected(*screen) for screen in screens))
    await until(lambda: all(screen.tally() is not None for screen, *_ in opened), CONNECT_TIMEOUT)
    return opened


def own_choices(phones: list[dict[str, Any]]) -> dict[str, str]:
    """The vote each phone's screen should show as its own, by the screen's name."""
    return {f"phone {phone['delegation']}": phone["choice"] for phone in phones}


async def close_every_screen(opened) -> dict[str, str]:
    """Each screen that the server closed before the test did, and why."""
    closed = {screen.name: screen.closed for screen, _watcher, _socket in opened if screen.closed}
    for _screen, watcher, socket in opened:
        await socket.close()
        await watcher
    return closed


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
    url, env, committees = storm
    committee = committees["motion"]
    slug, phones = committee["slug"], committee["phones"]
    vote_path = reverse("delegate_motions_vote", args=[slug])
    timings: dict[str, float] = {}

    async def scenario():
        began = time.monotonic()
        opened = await open_every_screen(url, committee)
        screens = [screen for screen, _watcher, _socket in opened]
        timings["connect"] = time.monotonic() - began

        began = time.monotonic()
        answers = await tap_at_once(url, vote_path, phones)
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
        return answers, shown, await close_every_screen(opened)

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


def test_193_phones_voting_twice_at_once_on_a_draft_resolution_decide_it_on_every_screen(storm):
    url, env, committees = storm
    committee = committees["draft"]
    slug, phones = committee["slug"], committee["phones"]
    cast_path = reverse("delegate_voting_cast", args=[slug])
    close_path = reverse("floor_voting_close", args=[slug])
    intended = Counter(phone["choice"] for phone in phones)
    expected = (intended["yes"], intended["no"], intended["abstain"], 0)
    timings: dict[str, float] = {}

    async def scenario():
        began = time.monotonic()
        opened = await open_every_screen(url, committee)
        screens = [screen for screen, _watcher, _socket in opened]
        timings["connect"] = time.monotonic() - began

        began = time.monotonic()
        answers = await tap_at_once(url, cast_path, phones, times=2)
        last_ballot = time.monotonic()
        timings["ballots"] = last_ballot - began
        own = own_choices(phones)

        def settled() -> bool:
            return all(screen.tally() == expected for screen in screens) and all(
                screen.own_ballot() == own[screen.name] for screen in screens if screen.name in own
            )

        await until(settled, last_ballot + SCREENS_SETTLE_WITHIN - time.monotonic(), fail=False)
        timings["screens"] = time.monotonic() - last_ballot
        shown = {screen.name: screen.tally() for screen in screens}
        ballots = {screen.name: screen.own_ballot() for screen in screens if screen.name in own}

        loop = asyncio.get_running_loop()
        began = time.monotonic()
        closing = await loop.run_in_executor(
            None, post_as, url, close_path, committee["chair_session"], "accept_missing=0"
        )
        await until(
            lambda: all(screen.result() is not None for screen in screens),
            SCREENS_SETTLE_WITHIN,
            fail=False,
        )
        timings["result"] = time.monotonic() - began
        results = {screen.name: screen.result() for screen in screens}
        return answers, shown, ballots, closing, results, await close_every_screen(opened)

    answers, shown, ballots, closing, results, closed = run_on_a_fresh_loop(scenario)
    stored = script_answer(env, "ballots", slug)
    statuses = Counter(status for answer in answers for status, _seconds in answer)
    logger.info(
        "vote storm on a draft resolution: %s; screens connected in %.1f s, %d taps answered "
        "in %.1f s (slowest answer %.2f s), screens settled %.1f s after the last, the result "
        "on every screen %.1f s after the dais closed the vote",
        dict(statuses),
        timings["connect"],
        len(answers),
        timings["ballots"],
        max(seconds for answer in answers for _status, seconds in answer),
        timings["screens"],
        timings["result"],
    )

    assert set(statuses) <= {204, 503}, statuses  # nothing failed but "try again"
    assert [answer[-1][0] for answer in answers] == [204] * 2 * MEMBERS  # every tap got through
    assert len(stored["rows"]) == MEMBERS
    assert set(Counter(delegation for delegation, _choice in stored["rows"]).values()) == {1}
    assert dict(stored["rows"]) == {phone["delegation"]: phone["choice"] for phone in phones}
    assert stored["logged"] == statuses[204] == 2 * MEMBERS  # one log entry per recorded tap
    choices = Counter(choice for _delegation, choice in stored["rows"])
    counts = (choices["yes"], choices["no"], choices["abstain"])
    assert not closed, closed  # every screen stayed connected
    assert set(shown.values()) == {(*counts, 0)}, Counter(shown.values())
    assert ballots == own_choices(phones)  # every phone shows its own vote

    # The dais closes the vote: the result is what the stored ballots make under cn_common's
    # substantive threshold, two thirds of those present and voting (rounded up).
    result = stored["result"]
    assert result["threshold"] == "two_thirds/present_and_voting"
    required = ceil(Fraction(2, 3) * (choices["yes"] + choices["no"]))
    adopted = choices["yes"] >= required
    assert (adopted, required) == (True, choices["yes"])  # with not one Yes to spare
    assert closing == 204
    assert result["closed"]
    assert (result["yes"], result["no"], result["abstain"], result["not_voting"]) == (*counts, 0)
    assert (result["passed"], result["required_yes"]) == (adopted, required)
    decided = "adopted" if adopted else "rejected"
    assert result["verdict"] == result["document_status"] == decided
    assert result["resolution_number"] == (1 if adopted else None)
    assert set(results.values()) == {(adopted, *counts)}, Counter(results.values())


async def until(condition, seconds: float, *, fail: bool = True) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            if fail:
                raise TimeoutError(f"not within {seconds:.0f} s")
            return
        await asyncio.sleep(0.05)
