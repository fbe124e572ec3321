"""The scenarios: what each does to the server, and what it records.

Every scenario connects its screens at once (a connect storm, measured), lets them settle,
then acts at a fixed pace over HTTP and records, for every screen and action, when the first
push rendered from that action's state (or a later one) arrived. CPU is read for the server,
the generator (this process) and, in production, PostgreSQL and Redis, per phase.
"""

import asyncio
import gzip
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bench.httpclient import Client, Response
from bench.load import (
    Action,
    Deliveries,
    Room,
    ScreenSpec,
    actions_summary,
    base_seq,
    close_screens,
    committee_screens,
    csrf_token,
    drain,
    expected_seqs,
    language_for,
    open_screens,
    paced,
    perform,
    quiet,
)
from bench.procstat import Meter, ProcessGroup, listen_overflows
from bench.servers import ServerProcess
from bench.stats import summary
from bench.wsclient import SEQ, Screen

# A run whose generator used this share of its core or more measured itself: invalid.
GENERATOR_LIMIT = 0.9
SETTLE_IDLE_CORES = 0.05
SETTLE_TIMEOUT_SECONDS = 20.0
SNAPSHOT_SETTLE_SECONDS = 0.5
CONNECT_TIMEOUT_SECONDS = 30.0
DRAIN_TIMEOUT_SECONDS = 10.0

# Screens of each fan-out: (phones, projectors), with one dais.
FANOUT_MIX = {50: (43, 6), 200: (193, 6), 1000: (193, 806)}
FAST_INTERVAL = 0.5  # 2 actions a second
FAST_ACTIONS = 20
SLOW_INTERVAL = 5.0  # 1 action every 5 s
SLOW_ACTIONS = 6  # even: every speaker added is removed again
STORM_SECONDS = 1.0
BALLOT_TAPS_AT_MOST = 5  # "not recorded, tap to try again": a person taps again
PAGE_WARMUP = 5
PAGE_REQUESTS = 50
CONNECT_STORM_SCREENS = 3000
CONFERENCE_SCREENS = 150
CONFERENCE_INTERVAL = 1.0
CONFERENCE_ACTIONS = 15
BROWSER_HEADERS = {"Accept-Encoding": "gzip", "User-Agent": "bimun-bench"}

TALLY = re.compile(rb'data-testid="[\w-]*tally"[^>]*>(.*?)</p>', re.S)
NUMBER = re.compile(rb"<strong>(\d+)</strong>")
ASSET = re.compile(
    r'<(?:link[^>]*\brel="(?:stylesheet|modulepreload|preload)"[^>]*\bhref'
    r'|script[^>]*\bsrc)="([^"]+)"'
)


@dataclass
class Target:
    """A server under load and what the scenarios need to reach it."""

    server: ServerProcess
    deflate: bool
    services: ProcessGroup
    plan: dict[str, Any] | None = None
    chair_cookies: dict[str, str] | None = None
    ballots: Callable[[str], Awaitable[dict[str, Any]]] | None = None

    host = "127.0.0.1"

    @property
    def port(self) -> int:
        return self.server.port

    def meter(self) -> Meter:
        return Meter(self.server.group, self.services)

    def client(self, cookies: dict[str, str] | None = None) -> Client:
        return Client(self.host, self.port, cookies=dict(cookies or {}))

    async def settle(self) -> float:
        """Wait until the server is idle (pushes of the scenario before have gone out)."""
        started = time.perf_counter()
        while time.perf_counter() - started < SETTLE_TIMEOUT_SECONDS:
            before = self.server.group.cpu()
            await asyncio.sleep(0.5)
            if self.server.group.cpu() - before < SETTLE_IDLE_CORES * 0.5:
                break
        return round(time.perf_counter() - started, 2)

    async def connect(self, specs: Sequence[ScreenSpec], **kwargs: Any) -> tuple[Room, dict]:
        meter = self.meter()
        overflows = listen_overflows()
        meter.start()
        room = await open_screens(
            self.host,
            self.port,
            specs,
            deflate=self.deflate,
            timeout=kwargs.pop("timeout", CONNECT_TIMEOUT_SECONDS),
            **kwargs,
        )
        usage = meter.stop()
        dropped = {"listen_overflows": listen_overflows() - overflows}
        return room, {**room.describe(), **dropped, **usage, "valid": valid(usage)}


def valid(*usages: dict[str, Any]) -> bool:
    return all(usage["generator_share"] < GENERATOR_LIMIT for usage in usages)


def screen_mix(kinds: Sequence[str]) -> dict[str, int]:
    return dict(Counter(kinds))


def per_message_us(usage: dict[str, Any], messages: int) -> float | None:
    return round(usage["server_cpu_s"] / messages * 1e6, 1) if messages else None


# ---- fan-out ------------------------------------------------------------------------------------


async def measure_fanout(
    target: Target,
    specs: Sequence[ScreenSpec],
    sends: Sequence[Callable[[], Awaitable[Response]]],
    *,
    interval: float,
    parameters: dict[str, Any],
    watch: Callable[[], Callable[[bytes, float], None]] | None = None,
) -> tuple[dict[str, Any], Room]:
    """Connect the screens, act `len(sends)` times every `interval` s, see who got what."""
    settled = await target.settle()
    room, connect = await target.connect(specs, watch=watch)
    await asyncio.sleep(SNAPSHOT_SETTLE_SECONDS)
    base, seen = base_seq(room.screens)
    messages_before = room.messages()
    counters = room.counters()
    meter = target.meter()
    meter.start()
    actions = await paced(sends, interval, start=time.perf_counter())
    expected = expected_seqs(actions, base)
    final_seq = expected[-1][0] if expected else base
    drained = await drain(room.screens, final_seq, DRAIN_TIMEOUT_SECONDS)
    usage = meter.stop()
    deliveries = Deliveries()
    deliveries.add(room.screens, expected)
    delivered = room.messages() - messages_before
    result = {
        "parameters": {
            **parameters,
            "screens": screen_mix(room.kinds) | {"failed": room.failures},
            "interval_s": interval,
            "actions": len(sends),
            "deflate": target.deflate,
        },
        "settle_s": settled,
        "connect": connect,
        "snapshot_seqs": seen[:5],
        "actions": actions_summary(actions),
        "latency": deliveries.describe(),
        "drain_s": round(drained, 3),
        "messages": delivered,
        "messages_by_kind": room.by_kind_since(counters),
        "usage": usage,
        "server_us_per_message": per_message_us(usage, delivered),
        "valid": valid(usage) and connect["valid"],
    }
    return result, room


def speaker_sends(client: Client, committee: dict[str, Any], count: int) -> list[Callable]:
    """The chair adds a delegation to the speakers' list, then removes it, and so on (the
    last delegation holds the floor: see bench.prepare)."""
    urls = committee["urls"]
    delegations = committee["delegations"][:-1]
    sends = []
    for index in range(count):
        delegation = str(delegations[(index // 2) % len(delegations)])
        path = urls["speakers_add"] if index % 2 == 0 else urls["speakers_remove"]
        sends.append(lambda path=path, d=delegation: client.post(path, {"delegation": d}))
    return sends


async def app_fanout(
    target: Target,
    screens: int,
    *,
    interval: float,
    actions: int,
    watch: Callable[[], Callable[[bytes, float], None]] | None = None,
) -> tuple[dict[str, Any], Room]:
    assert target.plan is not None and target.chair_cookies is not None
    committee = target.plan["committees"]["fanout"]
    phones, projectors = FANOUT_MIX[screens]
    specs = committee_screens(committee, target.chair_cookies, phones=phones, projectors=projectors)
    chair = target.client(target.chair_cookies)
    return await measure_fanout(
        target,
        specs,
        speaker_sends(chair, committee, actions),
        interval=interval,
        parameters={"action": "speaker added / removed by the chair (POST)"},
        watch=watch,
    )


def bare_screens(dais: int, phones: int, projectors: int) -> list[ScreenSpec]:
    """Screens of the bare server, each asking for its kind's fragment."""
    counts = {"dais": dais, "phone": phones, "projector": projectors}
    return [ScreenSpec(kind, f"/{kind}", {}) for kind, n in counts.items() for _ in range(n)]


async def bare_fanout(target: Target, screens: int) -> dict[str, Any]:
    """The same screens as the app's fan-out, each sent what the app sends its kind."""
    phones, projectors = FANOUT_MIX[screens]
    specs = bare_screens(1, phones, projectors)
    trigger = target.client()
    sends = [lambda: trigger.get("/broadcast") for _ in range(FAST_ACTIONS)]
    result, room = await measure_fanout(
        target,
        specs,
        sends,
        interval=FAST_INTERVAL,
        parameters={"action": "GET /broadcast: its kind's fragment to every screen"},
    )
    await close_screens(room.screens)
    return result


class LastPush:
    """Keeps a screen's last push that carried a sequence number."""

    def __init__(self) -> None:
        self.message = b""

    def __call__(self, message: bytes, now: float) -> None:
        if SEQ.search(message):
            self.message = message


def typical_pushes(room: Room) -> dict[str, str]:
    """For each kind of screen, the median-sized of their last pushes: what the bare server
    will send that kind."""
    by_kind: dict[str, list[bytes]] = {}
    for kind, screen in zip(room.kinds, room.screens, strict=True):
        if isinstance(screen.watch, LastPush) and screen.watch.message:
            by_kind.setdefault(kind, []).append(screen.watch.message)
    typical = {}
    for kind, pushes in by_kind.items():
        pushes.sort(key=len)
        typical[kind] = pushes[len(pushes) // 2].decode("utf-8", "replace")
    return typical


# ---- connect storm and memory -------------------------------------------------------------------


async def connect_storm(target: Target, specs: Sequence[ScreenSpec]) -> dict[str, Any]:
    """Every screen at once; then the server's memory per idle socket."""
    settled = await target.settle()
    rss_before = target.server.group.rss_kib()
    room, connect = await target.connect(specs)
    await asyncio.sleep(1.0)
    rss_after = target.server.group.rss_kib()
    await close_screens(room.screens)
    per_socket = (rss_after - rss_before) / len(room.screens) if room.screens else None
    return {
        "parameters": {"screens": screen_mix(room.kinds) | {"failed": room.failures}},
        "settle_s": settled,
        "connect": connect,
        "memory": {
            "rss_before_kib": rss_before,
            "rss_after_kib": rss_after,
            "kib_per_socket": None if per_socket is None else round(per_socket, 1),
        },
        "valid": connect["valid"],
    }


def projector_specs(target: Target, count: int) -> list[ScreenSpec]:
    assert target.plan is not None and target.chair_cookies is not None
    committee = target.plan["committees"]["fanout"]
    return committee_screens(
        committee, target.chair_cookies, phones=0, projectors=count, dais=False
    )


# ---- vote storm ---------------------------------------------------------------------------------


def tally_shown(message: bytes) -> tuple[int, int] | None:
    """(Yes, No) as a screen shows the phone vote: the first two numbers of its tally."""
    found = TALLY.search(message)
    if found is None:
        return None
    numbers = NUMBER.findall(found.group(1))
    return (int(numbers[0]), int(numbers[1])) if len(numbers) >= 2 else None


class TallyWatch:
    """When a screen showed each new tally of the phone vote."""

    def __init__(self) -> None:
        self.shown: list[tuple[tuple[int, int], float]] = []

    def __call__(self, message: bytes, now: float) -> None:
        tally = tally_shown(message)
        if tally is not None and (not self.shown or self.shown[-1][0] != tally):
            self.shown.append((tally, now))

    def first_shown(self, tally: tuple[int, int]) -> float | None:
        return next((when for shown, when in self.shown if shown == tally), None)

    @property
    def last(self) -> tuple[int, int] | None:
        return self.shown[-1][0] if self.shown else None


async def drain_tally(screens: Sequence[Screen], tally: tuple[int, int]) -> float:
    """Wait until every screen shows the tally, or the time is up."""
    started = time.perf_counter()
    while time.perf_counter() - started < DRAIN_TIMEOUT_SECONDS:
        behind = [s for s in screens if isinstance(s.watch, TallyWatch) and s.watch.last != tally]
        if not behind:
            break
        await asyncio.sleep(0.05)
    return time.perf_counter() - started


async def vote_storm(target: Target) -> dict[str, Any]:
    """Every phone votes within a second while the room watches; then count what was kept."""
    assert target.plan is not None and target.chair_cookies is not None
    assert target.ballots is not None
    committee = target.plan["committees"]["vote"]
    phones = committee["phones"]
    urls = committee["urls"]
    specs = committee_screens(committee, target.chair_cookies, phones=len(phones), projectors=6)
    settled = await target.settle()
    room, connect = await target.connect(specs, watch=TallyWatch)
    await asyncio.sleep(SNAPSHOT_SETTLE_SECONDS)
    base, seen = base_seq(room.screens)

    async def vote(index: int, phone: dict[str, Any], start: float) -> list[Action]:
        cookies = {"sessionid": phone["sessionid"], "csrftoken": csrf_token()}
        client = target.client(cookies | {"django_language": language_for(index)})
        form = {"choice": "no" if index % 3 == 2 else "yes"}
        taps = []
        scheduled = start + index * STORM_SECONDS / len(phones)
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        for _tap in range(BALLOT_TAPS_AT_MOST):
            action = Action(scheduled_at=scheduled)
            taps.append(await perform(action, lambda: client.post(urls["vote"], form)))
            if action.status != 503:
                break
        return taps

    meter = target.meter()
    meter.start()
    start = time.perf_counter() + 0.05
    per_phone = await asyncio.gather(*(vote(i, p, start) for i, p in enumerate(phones)))
    answered = [taps[-1].answered_at for taps in per_phone if taps[-1].answered_at is not None]
    last_answer = max(answered, default=time.perf_counter())
    await quiet(room.screens, silence=1.5, timeout=DRAIN_TIMEOUT_SECONDS)
    usage = meter.stop()
    stored = await target.ballots(committee["slug"])
    final_seq = stored["floor_seq"]
    drained = await drain_tally(room.screens, (stored["yes"], stored["no"]))

    final_tally = (stored["yes"], stored["no"])
    shown, wrong_tally, no_tally = [], 0, 0
    for screen in room.screens:
        assert isinstance(screen.watch, TallyWatch)
        arrival = screen.watch.first_shown(final_tally)
        if arrival is not None:
            # 0 when the screen showed it before the last ballot's answer came back.
            shown.append(max(0.0, arrival - last_answer))
        if screen.watch.last is None:
            no_tally += 1
        elif screen.watch.last != final_tally:
            wrong_tally += 1
    finals = [taps[-1] for taps in per_phone]
    ballot_seconds = [
        taps[-1].answered_at - taps[0].sent_at for taps in per_phone if taps[-1].answered_at
    ]
    taps_flat = [tap for taps in per_phone for tap in taps]
    return {
        "parameters": {
            "phones_voting": len(phones),
            "within_s": STORM_SECONDS,
            "screens": screen_mix(room.kinds) | {"failed": room.failures},
            "taps_at_most": BALLOT_TAPS_AT_MOST,
            "deflate": target.deflate,
        },
        "settle_s": settled,
        "connect": connect,
        "snapshot_seqs": seen[:5],
        "ballots": {
            "sent": len(phones),
            "ok": sum(a.ok for a in finals),
            "errors": sum(not a.ok for a in finals),
            "retried_503": sum(tap.status == 503 for tap in taps_flat),
            "statuses": dict(Counter(str(t.status) if t.status else t.error for t in taps_flat)),
            "answer": summary(ballot_seconds),
            "stored": stored["ballots"],
            "lost": len(phones) - stored["ballots"],
            "stored_yes_no": [stored["yes"], stored["no"]],
            "sent_over_s": round(max(a.sent_at for a in finals) - start, 3),
        },
        "final_tally": {
            "floor_seq": final_seq,
            "base_seq": base,
            **summary(shown, missing=len(room.screens) - len(shown)),
            "screens_with_another_tally": wrong_tally,
            "screens_without_a_tally": no_tally,
            # Screens never sent the floor's newest sequence number (until a heartbeat).
            "screens_behind_floor_seq": sum(s.max_seq < final_seq for s in room.screens),
            "newest_seqs_seen": dict(Counter(s.max_seq for s in room.screens).most_common(3)),
            "waited_after_count_s": round(drained, 2),
        },
        "usage": usage,
        "valid": valid(usage) and connect["valid"],
    }


# ---- pages --------------------------------------------------------------------------------------


async def time_page(client: Client, path: str) -> dict[str, Any]:
    for _ in range(PAGE_WARMUP):
        await client.get(path, BROWSER_HEADERS)
    responses = [await client.get(path, BROWSER_HEADERS) for _ in range(PAGE_REQUESTS)]
    last = responses[-1]
    body = gzip.decompress(last.body) if _gzipped(last) else last.body
    return {
        **summary([response.seconds for response in responses]),
        "statuses": dict(Counter(str(response.status) for response in responses)),
        "bytes": len(body),
        "wire_bytes": len(last.body),
        "gzip_bytes": len(last.body) if _gzipped(last) else len(gzip.compress(body)),
        "served_compressed": _gzipped(last),
        "body": body,
    }


def _gzipped(response: Response) -> bool:
    return response.headers.get("content-encoding", "") == "gzip"


async def pages(target: Target) -> dict[str, Any]:
    """The dais, the projector and a phone page of the 193-delegation committee."""
    assert target.plan is not None and target.chair_cookies is not None
    committee = target.plan["committees"]["fanout"]
    urls = committee["urls"]
    phone = committee["phones"][0]
    settled = await target.settle()
    meter = target.meter()
    meter.start()
    timed = {
        "dais": await time_page(target.client(target.chair_cookies), urls["dais"]),
        "projector": await time_page(target.client(), urls["projector"]),
        "phone": await time_page(
            target.client({"sessionid": phone["sessionid"], "csrftoken": csrf_token()}),
            urls["phone"],
        ),
    }
    phone_body = timed["phone"].pop("body").decode("utf-8", "replace")
    for page in timed.values():
        page.pop("body", None)
    assets = {}
    for path in sorted(set(ASSET.findall(phone_body))):
        response = await target.client().get(path, BROWSER_HEADERS)
        raw = gzip.decompress(response.body) if _gzipped(response) else response.body
        assets[path] = {
            "status": response.status,
            "bytes": len(raw),
            "wire_bytes": len(response.body),
            "gzip_bytes": len(response.body) if _gzipped(response) else len(gzip.compress(raw)),
            "served_compressed": _gzipped(response),
        }
    usage = meter.stop()
    with_assets = {
        "gzip_bytes": timed["phone"]["gzip_bytes"] + sum(a["gzip_bytes"] for a in assets.values()),
        "wire_bytes": timed["phone"]["wire_bytes"] + sum(a["wire_bytes"] for a in assets.values()),
        "assets": assets,
    }
    return {
        "parameters": {
            "delegations": len(committee["delegations"]),
            "warmup": PAGE_WARMUP,
            "requests": PAGE_REQUESTS,
            "accept_encoding": "gzip",
        },
        "settle_s": settled,
        "pages": timed,
        "phone_with_assets": with_assets,
        "usage": usage,
        "valid": valid(usage),
    }


# ---- conference ---------------------------------------------------------------------------------


async def conference(target: Target) -> dict[str, Any]:
    """Every committee of a conference live at once, each with its room and its chair."""
    assert target.plan is not None and target.chair_cookies is not None
    committees = target.plan["committees"]["conference"]
    if not committees:
        return {"skipped": "no conference committees were set up"}
    phones = len(committees[0]["phones"])
    projectors = CONFERENCE_SCREENS - phones - 1
    specs_by_committee = [
        committee_screens(c, target.chair_cookies, phones=phones, projectors=projectors)
        for c in committees
    ]
    specs = [spec for specs in specs_by_committee for spec in specs]
    owner = [n for n, specs in enumerate(specs_by_committee) for _ in specs]
    settled = await target.settle()
    room, connect = await target.connect(specs)
    await asyncio.sleep(SNAPSHOT_SETTLE_SECONDS * 2)
    screens_of: list[list[Screen]] = [[] for _ in committees]
    for screen, index in zip(room.screens, room.indexes, strict=True):
        screens_of[owner[index]].append(screen)
    bases = [base_seq(screens)[0] for screens in screens_of]
    messages_before = room.messages()
    meter = target.meter()
    meter.start()
    start = time.perf_counter()
    offsets = [index * CONFERENCE_INTERVAL / len(committees) for index in range(len(committees))]
    chair = target.client(target.chair_cookies)
    logs = await asyncio.gather(
        *(
            paced(
                speaker_sends(chair, c, CONFERENCE_ACTIONS),
                CONFERENCE_INTERVAL,
                start=start + offset,
            )
            for c, offset in zip(committees, offsets, strict=True)
        )
    )
    deliveries = Deliveries()
    expected_by_committee = [
        expected_seqs(actions, base) for actions, base in zip(logs, bases, strict=True)
    ]
    await asyncio.gather(
        *(
            drain(screens, expected[-1][0] if expected else base, DRAIN_TIMEOUT_SECONDS)
            for screens, expected, base in zip(
                screens_of, expected_by_committee, bases, strict=True
            )
        )
    )
    usage = meter.stop()
    for screens, expected in zip(screens_of, expected_by_committee, strict=True):
        deliveries.add(screens, expected)
    delivered = room.messages() - messages_before
    await close_screens(room.screens)
    return {
        "parameters": {
            "committees": len(committees),
            "screens_per_committee": {"dais": 1, "phone": phones, "projector": projectors},
            "screens": screen_mix(room.kinds) | {"failed": room.failures},
            "interval_s_per_committee": CONFERENCE_INTERVAL,
            "actions_per_committee": CONFERENCE_ACTIONS,
            "deflate": target.deflate,
        },
        "settle_s": settled,
        "connect": connect,
        "actions": actions_summary([a for actions in logs for a in actions]),
        "latency": deliveries.describe(),
        "messages": delivered,
        "usage": usage,
        "server_us_per_message": per_message_us(usage, delivered),
        "valid": valid(usage) and connect["valid"],
    }
