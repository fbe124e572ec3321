"""The one way out to the screens.

This module alone builds group names and calls group_send. A change is pushed after its
transaction commits, as HTML fragments rendered once per audience and language (plus a small
per-delegation fragment for what only one delegation sees); the consumer forwards each screen
the fragment in that screen's language. Every fragment's root element carries the region's name
as its DOM id and hx-swap-oob, so it lands where it belongs. Each audience message also carries
the floor's sequence number and the server's clock, so a screen can spot a missed update and
count timers down in step with the server.
"""

import asyncio
import hashlib
import logging
import os
import threading
import time
from typing import Any

import redis
from asgiref.sync import SyncToAsync, async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from committee.layers import LAYER_ERRORS
from committee.models import Committee, Delegation, Floor, LiveConnection
from committee.selectors import FloorView

logger = logging.getLogger(__name__)

DAIS = "dais"
PROJECTOR = "projector"
DELEGATES = "delegates"
AUDIENCES = (DAIS, PROJECTOR, DELEGATES)

# Message types the consumer understands (Channels maps "push.fragments" to push_fragments).
PUSH_FRAGMENTS = "push.fragments"
ACCESS_REVOKED = "access.revoked"
SOCKET_SUPERSEDED = "socket.superseded"

# The regions of each audience's screen; region name = partial name = DOM id.
REGIONS: dict[str, tuple[str, ...]] = {
    DAIS: ("floor-status", "roster", "speakers", "timer", "motions", "caucus", "points", "log"),
    PROJECTOR: ("projector-main",),
    DELEGATES: ("phone-now",),
}
# What only one delegation sees: its own status and the actions open to it.
DELEGATION_REGIONS: tuple[str, ...] = ("phone-self",)
META_TEMPLATE = "committee/regions/_live_meta.html"
LIVE_STATUS_TEMPLATE = "committee/dais/_live_status.html"


def committee_group(committee_id: int, audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return f"committee.{committee_id}.{audience}"


def delegation_group(delegation_id: int) -> str:
    return f"delegation.{delegation_id}"


def user_group(user_id: int) -> str:
    """Every screen a signed-in user has open, so it can be closed when their rights go."""
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    """Every screen of one browser session. The key is a secret, so the name holds its hash."""
    digest = hashlib.sha256(session_key.encode()).hexdigest()[:32]
    return f"session.{digest}"


# The secretariat's dashboard watches every committee at once.
SECRETARIAT_GROUP = "secretariat"
SUMMARY_REGION = "committee-summary"


def template_for(region: str) -> str:
    return f"committee/regions/_{region.replace('-', '_')}.html"


def _languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES]


def render_regions(
    view: FloorView,
    regions: tuple[str, ...],
    *,
    delegation: Delegation | None = None,
    with_meta: bool = True,
) -> dict[str, str]:
    """The regions, in every language the site offers, with the floor's seq and clock."""
    context: dict[str, Any] = {
        "committee": view.committee,
        "view": view,
        "delegation": delegation,
        "own": view.own_state(delegation) if delegation is not None else None,
        "oob": True,
    }
    rendered = {}
    for language in _languages():
        with translation.override(language):
            parts = [render_to_string(template_for(name), context) for name in regions]
            if with_meta and delegation is None:
                parts.append(render_to_string(META_TEMPLATE, context))
            rendered[language] = "".join(parts)
    return rendered


def snapshot(committee: Committee, audience: str, delegation: Delegation | None = None) -> dict:
    """Every region of a screen, for a screen that has just (re)connected."""
    view = FloorView(committee)
    html = render_regions(view, REGIONS[audience])
    if audience == DAIS:
        html = _joined(html, live_status(down=not live_updates_available()))
    if delegation is not None:
        own = render_regions(view, DELEGATION_REGIONS, delegation=view.by_id[str(delegation.pk)])
        html = {language: html[language] + own[language] for language in html}
    return html


def secretariat_snapshot() -> dict[str, str]:
    """One summary row per committee, for a dashboard that has just (re)connected."""
    parts = [
        render_regions(FloorView(committee), (SUMMARY_REGION,), with_meta=False)
        for committee in Committee.objects.select_related("conference")
    ]
    return {language: "".join(part[language] for part in parts) for language in _languages()}


def send_to_group(group: str, message: dict[str, Any]) -> None:
    _send(group, message, to_group=True)


def send_to_channel(channel_name: str, message: dict[str, Any]) -> None:
    _send(channel_name, message, to_group=False)


def _send(target: str, message: dict[str, Any], *, to_group: bool) -> None:
    """Send after commit. A push that cannot go out is logged, never raised into a request:
    what was saved stays saved, and screens catch up with a snapshot when they reconnect."""
    layer = get_channel_layer()
    if layer is None:
        return
    if not live_updates_available():
        # Known to be down: do not make the request wait for Redis to time out again.
        logger.warning("Live updates are down: nothing was pushed to %s", target)
        return
    send = layer.group_send if to_group else layer.send
    try:
        async_to_sync(send)(target, message)
    except LAYER_ERRORS as error:
        live_updates_failed()
        logger.warning("Live updates are down: nothing was pushed to %s (%s)", target, error)
    except Exception:
        logger.exception("Pushing to %s failed", target)


# ---- is the channel layer up? -------------------------------------------------------------------

HEALTH_CHECK_EVERY_SECONDS = 2.0
HEALTH_CHECK_TIMEOUT_SECONDS = 0.5
_health_lock = threading.Lock()
_health: dict[str, Any] = {"checked_at": None, "up": True}
_ping_clients: dict[str, redis.Redis] = {}


def _layer_redis_url() -> str | None:
    """The Redis the channel layer uses, or None for a layer that needs no server."""
    hosts = settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("hosts")
    if not hosts:
        return None
    host = hosts[0]
    return host["address"] if isinstance(host, dict) else str(host)


def _ping(url: str) -> bool:
    client = _ping_clients.get(url)
    if client is None:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=HEALTH_CHECK_TIMEOUT_SECONDS,
            socket_timeout=HEALTH_CHECK_TIMEOUT_SECONDS,
        )
        _ping_clients[url] = client
    try:
        return bool(client.ping())
    except LAYER_ERRORS:
        return False


def live_updates_available() -> bool:
    """Whether pushes can reach the screens: the channel layer's Redis answers a PING.

    Asked after every floor action, so the answer is kept for a couple of seconds; the
    in-memory layer is always available.
    """
    url = _layer_redis_url()
    if url is None:
        return True
    now = time.monotonic()
    with _health_lock:
        checked_at = _health["checked_at"]
        if checked_at is not None and now - checked_at < HEALTH_CHECK_EVERY_SECONDS:
            return bool(_health["up"])
    up = _ping(url)
    with _health_lock:
        _health.update(checked_at=time.monotonic(), up=up)
    return up


def live_updates_failed() -> None:
    """A send or a subscription just failed: report the layer down until the next check."""
    with _health_lock:
        _health.update(checked_at=time.monotonic(), up=False)


async def join_groups(layer: Any, channel_name: str, groups: list[str]) -> bool:
    """Subscribe a socket to its groups; False when the channel layer cannot be reached."""
    if layer is None:
        return True
    try:
        for group in groups:
            await layer.group_add(group, channel_name)
    except LAYER_ERRORS:
        live_updates_failed()
        logger.warning("Live updates are down: a screen connected without them", exc_info=True)
        return False
    return True


def live_status(*, down: bool) -> dict[str, str]:
    """The dais's "live updates are down" banner, shown or hidden, in every language."""
    rendered = {}
    for language in _languages():
        with translation.override(language):
            context = {"live_down": down, "oob": True}
            rendered[language] = render_to_string(LIVE_STATUS_TEMPLATE, context)
    return rendered


def _push(group: str, html: dict[str, str]) -> None:
    send_to_group(group, {"type": PUSH_FRAGMENTS, "html": html})


def floor_messages(committee: Committee) -> list[tuple[str, dict[str, Any]]]:
    """Render the floor once: a message for every audience and every connected delegation."""
    view = FloorView(committee)
    html = {audience: render_regions(view, REGIONS[audience]) for audience in AUDIENCES}
    # A push that reaches the dais proves live updates work (again): hide the banner.
    html[DAIS] = _joined(html[DAIS], live_status(down=False))
    messages = [
        (committee_group(committee.pk, audience), _fragments(html[audience]))
        for audience in AUDIENCES
    ]
    summary = render_regions(view, (SUMMARY_REGION,), with_meta=False)
    messages.append((SECRETARIAT_GROUP, _fragments(summary)))
    connected = set(
        LiveConnection.objects.filter(delegation__committee=committee).values_list(
            "delegation_id", flat=True
        )
    )
    for delegation_id in sorted(connected):
        delegation = view.by_id.get(str(delegation_id))
        if delegation is not None:
            html = render_regions(view, DELEGATION_REGIONS, delegation=delegation)
            messages.append((delegation_group(delegation_id), _fragments(html)))
    return messages


def _joined(first: dict[str, str], second: dict[str, str]) -> dict[str, str]:
    return {language: first[language] + second[language] for language in first}


def _fragments(html: dict[str, str]) -> dict[str, Any]:
    return {"type": PUSH_FRAGMENTS, "html": html}


def push_floor_now(committee: Committee) -> None:
    """Render and send the floor from the calling thread (tests, commands, no event loop)."""
    for group, message in floor_messages(committee):
        send_to_group(group, message)


class FloorPusher:
    """Pushes floors from the server's event loop, so a POST never waits for the fan-out.

    Rendering runs in a worker thread; sending runs on the loop. Requests for a committee that
    arrive while its push is under way are merged into one more push of the floor as it is
    then, so screens always end on the latest state and a burst of clicks costs a few renders,
    not one per click. Every HEARTBEAT_SECONDS each recently pushed committee's screens are
    told the latest sequence number: a screen that is behind (a push was dropped on the way)
    asks for a fresh snapshot (static/js/live.js).
    """

    HEARTBEAT_SECONDS = 15.0
    SETTLE_SECONDS = 0.05  # the shortest gap between two pushes of one committee

    def __init__(self) -> None:
        self._again: dict[int, bool] = {}  # committee id → another push wanted after this one
        self._pushed: set[int] = set()
        self._heartbeat: asyncio.Task[None] | None = None

    def request(self, committee_id: int) -> None:
        """Called on the event loop."""
        if committee_id in self._again:
            self._again[committee_id] = True
            return
        self._again[committee_id] = False
        loop = asyncio.get_running_loop()
        loop.create_task(self._push_until_settled(committee_id))
        if self._heartbeat is None or self._heartbeat.done():
            self._heartbeat = loop.create_task(self._beat())

    async def _push_until_settled(self, committee_id: int) -> None:
        try:
            while True:
                try:
                    render = sync_to_async(_render_floor, thread_sensitive=False)
                    await _send_all(await render(committee_id))
                    self._pushed.add(committee_id)
                except Exception:
                    logger.exception("Pushing the floor of committee %s failed", committee_id)
                await asyncio.sleep(self.SETTLE_SECONDS)
                if not self._again.get(committee_id):
                    break
                self._again[committee_id] = False
        finally:
            self._again.pop(committee_id, None)

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.HEARTBEAT_SECONDS)
            try:
                render = sync_to_async(_heartbeats, thread_sensitive=False)
                await _send_all(await render(sorted(self._pushed)))
            except Exception:
                logger.exception("Sending the heartbeat failed")


def _render_floor(committee_id: int) -> list[tuple[str, dict[str, Any]]]:
    try:
        committee = Committee.objects.select_related("conference").get(pk=committee_id)
        return floor_messages(committee)
    finally:
        close_old_connections()


def _heartbeats(committee_ids: list[int]) -> list[tuple[str, dict[str, Any]]]:
    try:
        now_ms = int(timezone.now().timestamp() * 1000)
        messages = []
        for floor in Floor.objects.filter(pk__in=committee_ids):
            html = render_to_string(
                "committee/regions/_heartbeat.html", {"seq": floor.seq, "server_now_ms": now_ms}
            )
            beat = _fragments(dict.fromkeys(_languages(), html))
            messages.extend((committee_group(floor.pk, audience), beat) for audience in AUDIENCES)
        return messages
    finally:
        close_old_connections()


async def _send_all(messages: list[tuple[str, dict[str, Any]]]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        for group, message in messages:
            await layer.group_send(group, message)
    except Exception:
        live_updates_failed()
        raise


_pusher = FloorPusher()


def _server_event_loop() -> asyncio.AbstractEventLoop | None:
    """The ASGI server's event loop, when called from a view it runs in a worker thread.

    asgiref records it in a thread-local for every sync view; outside a server (tests,
    management commands) there is none and pushes are sent from the calling thread.
    """
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or loop.is_closed():
        return None
    if getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    return loop


def broadcast_floor(committee: Committee) -> None:
    """After the current transaction commits, bring every screen of the committee up to date."""

    def push() -> None:
        loop = _server_event_loop() if settings.BIMUN_PUSH_IN_BACKGROUND else None
        if loop is None:
            push_floor_now(committee)
        else:
            loop.call_soon_threadsafe(_pusher.request, committee.pk)

    transaction.on_commit(push)


def broadcast_roster(committee: Committee) -> None:
    """Only the dais roster changed (a phone came or went, or the roster was imported)."""

    def push() -> None:
        view = FloorView(committee)
        _push(committee_group(committee.pk, DAIS), render_regions(view, ("roster",)))

    transaction.on_commit(push)


def revoke_delegation_screens(delegation: Delegation) -> None:
    """Tell the delegation's open phones that their code was regenerated."""

    def push() -> None:
        send_to_group(delegation_group(delegation.pk), {"type": ACCESS_REVOKED})

    transaction.on_commit(push)


def revoke_projector_screens(committee: Committee) -> None:
    """A regenerated projector link: screens opened with the old one must stop."""

    def push() -> None:
        send_to_group(
            committee_group(committee.pk, PROJECTOR),
            {"type": ACCESS_REVOKED, "projector_token": committee.projector_token},
        )

    transaction.on_commit(push)


def revoke_user_screens(user_id: int, *, committee_id: int | None = None) -> None:
    """The user lost rights (deactivated, new password, left a dais): close their screens.

    With committee_id only that committee's dais screens close: the user may sit on another
    dais, and the secretariat's dashboard is not theirs to lose.
    """
    message: dict[str, Any] = {"type": ACCESS_REVOKED}
    if committee_id is not None:
        message.update(committee_id=committee_id, audience=DAIS)

    def push() -> None:
        send_to_group(user_group(user_id), message)

    transaction.on_commit(push)


def revoke_session_screens(session_key: str, *, audience: str | None = None) -> None:
    """A browser session signed out or a phone pressed Leave: close that session's screens.

    With audience only those screens close (a phone that leaves its delegation may still be
    signed in as a chair in the same browser).
    """
    message: dict[str, Any] = {"type": ACCESS_REVOKED}
    if audience is not None:
        message["audience"] = audience

    def push() -> None:
        send_to_group(session_group(session_key), message)

    transaction.on_commit(push)


def close_superseded_screens(channel_names: list[str]) -> None:
    """Close sockets that newer ones of the same delegation replaced (their number is capped)."""

    def push() -> None:
        for channel_name in channel_names:
            send_to_channel(channel_name, {"type": SOCKET_SUPERSEDED})

    if channel_names:
        transaction.on_commit(push)
