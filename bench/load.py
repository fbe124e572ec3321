"""The load generator's parts: screens that connect, actions at a pace, and what arrived when."""

import asyncio
import re
import secrets
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from bench.httpclient import Client, Response
from bench.stats import summary
from bench.wsclient import Screen, upgrade_request

CHINESE_EVERY = 3  # one screen in three reads Chinese
SCREEN_CLOSE_SECONDS = 3.0
DRAIN_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class ScreenSpec:
    kind: str  # "dais", "phone" or "projector"
    path: str
    cookies: dict[str, str]


def language_for(index: int) -> str:
    return "zh-hans" if index % CHINESE_EVERY == CHINESE_EVERY - 1 else "en"


def csrf_token() -> str:
    """A CSRF cookie as Django would set it (32 letters and digits), for phones whose session
    the set-up made: header and cookie carry the same value, as htmx sends them."""
    return secrets.token_hex(16)


def phone_cookies(sessionid: str, index: int) -> dict[str, str]:
    return {
        "sessionid": sessionid,
        "csrftoken": csrf_token(),
        "django_language": language_for(index),
    }


def committee_screens(
    committee: dict[str, Any],
    chair_cookies: dict[str, str],
    *,
    phones: int,
    projectors: int,
    dais: bool = True,
) -> list[ScreenSpec]:
    """A committee's room: its dais, `phones` bound phones and `projectors` projectors."""
    urls = committee["urls"]
    specs = []
    if dais:
        cookies = {**chair_cookies, "django_language": "en"}
        specs.append(ScreenSpec("dais", urls["ws"], cookies))
    for index, phone in enumerate(committee["phones"][:phones]):
        specs.append(ScreenSpec("phone", urls["ws"], phone_cookies(phone["sessionid"], index)))
    for index in range(projectors):
        cookies = {"django_language": language_for(index)}
        specs.append(ScreenSpec("projector", urls["ws_projector"], cookies))
    return specs


@dataclass
class Room:
    """Screens connected at once (a connect storm), and how that went."""

    screens: list[Screen]  # those that connected
    kinds: list[str]
    indexes: list[int]  # each connected screen's place in the list asked for
    handshake_seconds: float | None
    snapshot_seconds: float | None
    failures: int
    failure_reasons: dict[str, int]

    def describe(self) -> dict[str, Any]:
        return {
            "screens": len(self.screens) + self.failures,
            "connected": len(self.screens),
            "failures": self.failures,
            "failure_reasons": self.failure_reasons,
            "all_handshakes_s": _rounded(self.handshake_seconds),
            "all_snapshots_s": _rounded(self.snapshot_seconds),
            "deflate_accepted": any(screen.deflate_accepted for screen in self.screens),
        }

    def messages(self) -> int:
        return sum(screen.messages for screen in self.screens)

    def counters(self) -> list[tuple[int, int, int]]:
        return [(s.messages, s.message_bytes, s.wire_bytes) for s in self.screens]

    def by_kind_since(self, before: list[tuple[int, int, int]]) -> dict[str, dict[str, float]]:
        """Per kind of screen: messages each screen received since `before`, their mean size,
        and the mean bytes that came over the wire for each (compressed, with frame headers)."""
        totals: dict[str, list[int]] = {}
        for kind, after, earlier in zip(self.kinds, self.counters(), before, strict=True):
            total = totals.setdefault(kind, [0, 0, 0, 0])
            total[0] += 1
            for index in range(3):
                total[index + 1] += after[index] - earlier[index]
        return {
            kind: {
                "messages_per_screen": round(messages / screens, 1),
                "mean_bytes": round(size / messages) if messages else 0,
                "mean_wire_bytes": round(wire / messages) if messages else 0,
            }
            for kind, (screens, messages, size, wire) in totals.items()
        }


def _rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


async def open_screens(
    host: str,
    port: int,
    specs: Sequence[ScreenSpec],
    *,
    deflate: bool,
    timeout: float,
    watch: Callable[[], Callable[[bytes, float], None]] | None = None,
) -> Room:
    """Connect every screen at the same moment; a screen is up once its snapshot arrived."""
    loop = asyncio.get_running_loop()
    origin = f"http://{host}:{port}"
    screens = []
    for spec in specs:
        headers = {
            "Origin": origin,
            "Cookie": "; ".join(f"{name}={value}" for name, value in spec.cookies.items()),
            "User-Agent": "bimun-bench",
        }
        request = upgrade_request(f"{host}:{port}", spec.path, headers, deflate=deflate)
        screens.append(Screen(request, watch=watch() if watch is not None else None))

    async def connect(screen: Screen) -> tuple[float, float]:
        await loop.create_connection(lambda: screen, host, port)
        return await screen.handshake, await screen.snapshot

    started = time.perf_counter()
    tasks = [loop.create_task(connect(screen)) for screen in screens]
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
    up, kinds, indexes, reasons = [], [], [], Counter()
    handshakes, snapshots = [], []
    for index, (spec, screen, task) in enumerate(zip(specs, screens, tasks, strict=True)):
        if task in done and task.exception() is None:
            handshake, snapshot = task.result()
            handshakes.append(handshake - started)
            snapshots.append(snapshot - started)
            up.append(screen)
            kinds.append(spec.kind)
            indexes.append(index)
            continue
        error = task.exception() if task in done else TimeoutError("no snapshot in time")
        reasons[f"{type(error).__name__}: {error}"[:120]] += 1
        if screen.transport is not None:
            screen.transport.abort()
    return Room(
        screens=up,
        kinds=kinds,
        indexes=indexes,
        handshake_seconds=max(handshakes, default=None),
        snapshot_seconds=max(snapshots, default=None),
        failures=len(screens) - len(up),
        failure_reasons=dict(reasons.most_common(5)),
    )


async def close_screens(screens: Sequence[Screen]) -> None:
    for screen in screens:
        screen.close()
    waiting = [screen.closed for screen in screens if not screen.closed.done()]
    if waiting:
        await asyncio.wait(waiting, timeout=SCREEN_CLOSE_SECONDS)
    for screen in screens:
        if screen.transport is not None and not screen.transport.is_closing():
            screen.transport.abort()


@dataclass
class Action:
    """One click: when it left, when it was answered and how."""

    scheduled_at: float
    sent_at: float = 0.0
    answered_at: float | None = None
    status: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


async def perform(action: Action, send: Callable[[], Awaitable[Response]]) -> Action:
    action.sent_at = time.perf_counter()
    try:
        response = await send()
    except (OSError, TimeoutError, ConnectionError, ValueError) as error:
        action.error = f"{type(error).__name__}: {error}"[:120]
    else:
        action.status = response.status
        if not action.ok:
            text = re.sub(rb"<[^>]+>|\s+", b" ", response.body).strip()
            action.error = text.decode("utf-8", "replace")[:120]
    action.answered_at = time.perf_counter()
    return action


async def paced(
    sends: Sequence[Callable[[], Awaitable[Response]]], interval: float, *, start: float
) -> list[Action]:
    """One person clicking: one click every `interval` seconds, never before the previous
    one was answered (a late answer delays the next click; `late` counts those)."""
    actions = []
    for index, send in enumerate(sends):
        action = Action(scheduled_at=start + index * interval)
        wait = action.scheduled_at - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        actions.append(await perform(action, send))
    return actions


def actions_summary(actions: Sequence[Action]) -> dict[str, Any]:
    answered = [a.answered_at - a.sent_at for a in actions if a.answered_at is not None]
    statuses = Counter(str(a.status) if a.status is not None else a.error for a in actions)
    refusals = Counter(f"{a.status}: {a.error}" for a in actions if a.status and not a.ok)
    return {
        "sent": len(actions),
        "ok": sum(a.ok for a in actions),
        "errors": sum(not a.ok for a in actions),
        "statuses": dict(statuses),
        "refusals": dict(refusals.most_common(5)),
        "late": sum(a.sent_at - a.scheduled_at > 0.05 for a in actions),
        "answer": summary(answered),
    }


def expected_seqs(actions: Sequence[Action], base_seq: int) -> list[tuple[int, float]]:
    """The sequence number each successful action produced, and when it was sent."""
    expected = []
    seq = base_seq
    for action in actions:
        if action.ok:
            seq += 1
            expected.append((seq, action.sent_at))
    return expected


@dataclass
class Deliveries:
    samples: list[float] = field(default_factory=list)
    missing: int = 0
    lost_screens: int = 0
    # For each action, when its last screen had it (None if one never did).
    everyone: list[float | None] = field(default_factory=list)

    def add(self, screens: Sequence[Screen], expected: Sequence[tuple[int, float]]) -> None:
        """For every screen and action: the first message rendered from that action's state
        or a later one (pushes may be merged), minus when the action was sent."""
        slowest: list[float | None] = [0.0] * len(expected)
        for screen in screens:
            for index, (seq, sent_at) in enumerate(expected):
                arrival = screen.first_arrival(seq)
                if arrival is None:
                    self.missing += 1
                    slowest[index] = None
                else:
                    self.samples.append(arrival - sent_at)
                    if slowest[index] is not None:
                        slowest[index] = max(slowest[index] or 0.0, arrival - sent_at)
            if expected and screen.max_seq < expected[-1][0]:
                self.lost_screens += 1
        self.everyone.extend(slowest)

    def describe(self) -> dict[str, Any]:
        every = [None if value is None else round(value * 1000, 1) for value in self.everyone]
        return {
            **summary(self.samples, missing=self.missing),
            "lost_screens": self.lost_screens,
            "all_screens_ms_by_action": every,
        }


async def drain(screens: Sequence[Screen], final_seq: int, timeout: float) -> float:
    """Wait until every screen shows `final_seq` (or later), or the time is up."""
    started = time.perf_counter()
    behind = [screen for screen in screens if screen.max_seq < final_seq]
    while behind and time.perf_counter() - started < timeout:
        await asyncio.sleep(DRAIN_POLL_SECONDS)
        behind = [screen for screen in behind if screen.max_seq < final_seq]
    return time.perf_counter() - started


async def quiet(screens: Sequence[Screen], *, silence: float, timeout: float) -> None:
    """Wait until no screen has received a new state for `silence` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        latest = max((screen.arrivals[-1][1] for screen in screens if screen.arrivals), default=0)
        if time.perf_counter() - latest >= silence:
            return
        await asyncio.sleep(DRAIN_POLL_SECONDS * 4)


def base_seq(screens: Sequence[Screen]) -> tuple[int, list[int]]:
    """The floor's sequence number the screens agree on before the first action, and every
    value seen (more than one means a screen missed a push)."""
    seen = sorted({screen.max_seq for screen in screens})
    return (seen[-1] if seen else 0), seen


async def sign_in(client: Client, login_path: str, username: str, password: str) -> None:
    """Sign in as a person does: the form (for its CSRF cookie), then the POST."""
    page = await client.get(login_path)
    token = client.cookies.get("csrftoken", "")
    form = {"csrfmiddlewaretoken": token, "username": username, "password": password}
    headers = {"Origin": client.origin, "Content-Type": "application/x-www-form-urlencoded"}
    response = await client.request(
        "POST", login_path, headers=headers, body=urlencode(form).encode()
    )
    if response.status != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"signing in failed: {page.status}, then {response.status}")
