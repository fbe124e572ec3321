"""The one way out to the screens.

This module alone builds group names and calls group_send. After a change commits, the
committee's screens are brought up to date by committee.rendering, which draws only the regions
whose inputs changed, once per language someone is reading, and a phone's own fragment only for
the phones it changed; this module sends each group the fragments in its language. Screens are
grouped by committee, audience and language, and a phone also by delegation and language.
Every message ends with the floor's sequence number and the server's clock, so a screen can spot
a missed update and count timers down in step with the server.
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
from django.utils import translation

from committee import rendering
from committee.layers import LAYER_ERRORS
from committee.models import Committee, Delegation
from committee.rendering import (
    AUDIENCES,
    DAIS,
    DELEGATES,
    OWN_REGION,
    PROJECTOR,
    REGIONS,
    SECRETARIAT,
    Outgoing,
    Watched,
    languages,
)

logger = logging.getLogger(__name__)

__all__ = ["AUDIENCES", "DAIS", "DELEGATES", "OWN_REGION", "PROJECTOR", "REGIONS"]

# Message types the consumer understands (Channels maps "push.fragments" to push_fragments).
PUSH_FRAGMENTS = "push.fragments"
ACCESS_REVOKED = "access.revoked"
SOCKET_SUPERSEDED = "socket.superseded"

LIVE_STATUS_TEMPLATE = "committee/dais/_live_status.html"


def committee_group(committee_id: int, audience: str, language: str) -> str:
    """The screens of one audience of a committee that read one language."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return f"committee.{committee_id}.{audience}.{language}"


def delegation_group(delegation_id: int) -> str:
    """Every phone of a delegation, so they can all be closed when its code changes."""
    return f"delegation.{delegation_id}"


def phone_group(delegation_id: int, language: str) -> str:
    """A delegation's phones that read one language: its own fragment goes there."""
    return f"delegation.{delegation_id}.{language}"


def secretariat_group(language: str) -> str:
    """The secretariat's dashboards (every committee at once) that read one language."""
    return f"secretariat.{language}"


def user_group(user_id: int) -> str:
    """Every screen a signed-in user has open, so it can be closed when their rights go."""
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    """Every screen of one browser session. The key is a secret, so the name holds its hash."""
    digest = hashlib.sha256(session_key.encode()).hexdigest()[:32]
    return f"session.{digest}"


def document_group(document_id: int, language: str) -> str:
    """The screens that show one document (its text, its signatures, its amendments) in one
    language, whoever reads it: what they show is the same for every reader."""
    return f"document.{document_id}.{language}"


def _group_of(committee_id: int, audience: str, language: str) -> str:
    if audience == SECRETARIAT:
        return secretariat_group(language)
    return committee_group(committee_id, audience, language)


# ---- who is watching ----------------------------------------------------------------------------


def watching(committee_id: int) -> Watched:
    """The committee's groups with a screen in them now, and its phones, by language."""
    group_names = {
        _group_of(committee_id, audience, language): (audience, language)
        for audience in (*AUDIENCES, SECRETARIAT)
        for language in languages()
    }
    delegation_ids = Delegation.objects.filter(committee_id=committee_id).values_list(
        "pk", flat=True
    )
    phone_names = {
        phone_group(delegation_id, language): (delegation_id, language)
        for delegation_id in delegation_ids
        for language in languages()
    }
    occupied = groups_with_screens([*group_names, *phone_names])
    return Watched(
        groups=frozenset(group_names[name] for name in occupied if name in group_names),
        phones=frozenset(phone_names[name] for name in occupied if name in phone_names),
    )


def groups_with_screens(names: list[str]) -> set[str]:
    """Which of these groups have a member, in any server process.

    An in-process layer knows its groups; the Redis pub/sub layer subscribes each process that
    has members to the group's Redis channel, so Redis counts the subscribers. When that cannot
    be asked, every group is taken as watched: drawing too much is only wasted work.
    """
    layer = get_channel_layer()
    if layer is None:
        return set()
    # Read from the instance itself: the Redis layer answers any other attribute by looking
    # for its connection on the running event loop.
    local_groups = vars(layer).get("groups")
    if isinstance(local_groups, dict):
        return {name for name in names if local_groups.get(name)}
    url = _layer_redis_url()
    if url is None:
        return set(names)
    prefix = settings.CHANNEL_LAYERS["default"].get("CONFIG", {}).get("prefix", "asgi")
    try:
        counts = _redis_client(url).pubsub_numsub(*(f"{prefix}__group__{n}" for n in names))
    except LAYER_ERRORS:
        return set(names)
    return {name for name, (_channel, count) in zip(names, counts, strict=True) if count}


# ---- snapshots ----------------------------------------------------------------------------------


def snapshot(
    committee: Committee, audience: str, language: str, delegation: Delegation | None = None
) -> str:
    """Every region of a screen that has just (re)connected, in its language: what its group
    was last sent, kept by the renderer (a lookup, not a render)."""
    try:
        state, own = _kept_for_screen(committee, audience, language, delegation)
    finally:
        close_old_connections()  # only if it had to draw: a lookup opens no connection
    html = state.html(REGIONS[audience])
    if own is not None:
        html += own.html
    if audience == DAIS:
        html += live_status(down=not live_updates_available(), language=language)
    return html + rendering.meta(state.seq)


def _kept_for_screen(
    committee: Committee, audience: str, language: str, delegation: Delegation | None
) -> tuple[rendering.ScreenState, rendering.Fragment | None]:
    """What a screen's group (and a phone's own fragment) was last sent; whatever the
    renderer had to draw first for a group nobody watched is sent to the others in it."""
    state, own, outgoing = rendering.screen(
        committee.pk,
        audience,
        language,
        lambda: watching(committee.pk),
        delegation.pk if delegation is not None else None,
    )
    send_outgoing(committee.pk, outgoing)
    return state, own


def secretariat_snapshot(language: str) -> str:
    """One summary row per committee, for a dashboard that has just (re)connected."""
    rows = []
    for committee_id in Committee.objects.values_list("pk", flat=True):
        state, _own, outgoing = rendering.screen(
            committee_id, SECRETARIAT, language, lambda cid=committee_id: watching(cid)
        )
        send_outgoing(committee_id, outgoing)
        rows.append(state.html(REGIONS[SECRETARIAT]))
    return "".join(rows)


def page_regions(
    committee: Committee, audience: str, language: str, delegation: Delegation | None = None
) -> dict[str, str]:
    """The regions of a page about to be served, by name with "_" for "-" (and `live_meta`):
    what the screens of its audience and language were last sent, so a page load draws
    nothing unless nobody watched (then only what changed since is drawn)."""
    state, own = _kept_for_screen(committee, audience, language, delegation)
    regions = {name.replace("-", "_"): fragment.html for name, fragment in state.regions.items()}
    if own is not None:
        regions[OWN_REGION.replace("-", "_")] = own.html
    return regions | {"live_meta": rendering.meta(state.seq)}


# ---- sending ------------------------------------------------------------------------------------


def send_to_group(group: str, message: dict[str, Any]) -> None:
    _send(group, message, to_group=True)


def send_to_channel(channel_name: str, message: dict[str, Any]) -> None:
    _send(channel_name, message, to_group=False)


def _send(target: str, message: dict[str, Any], *, to_group: bool) -> None:
    """Send from sync code. A push that cannot go out is logged, never raised into a request:
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
    try:
        return bool(_redis_client(url).ping())
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


def live_status(*, down: bool, language: str) -> str:
    """The dais's "live updates are down" banner, shown or hidden."""
    with translation.override(language):
        return render_to_string(LIVE_STATUS_TEMPLATE, {"live_down": down, "oob": True})


def _redis_client(url: str) -> redis.Redis:
    """A client of the channel layer's Redis, for health checks and group counts."""
    client = _ping_clients.get(url)
    if client is None:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=HEALTH_CHECK_TIMEOUT_SECONDS,
            socket_timeout=HEALTH_CHECK_TIMEOUT_SECONDS,
        )
        _ping_clients[url] = client
    return client


def _fragments(html: str) -> dict[str, Any]:
    return {"type": PUSH_FRAGMENTS, "text": html}


def outgoing_messages(committee_id: int, outgoing: Outgoing) -> list[tuple[str, dict[str, Any]]]:
    """(group, message) for what a refresh found changed."""
    messages = []
    for audience, language, html in outgoing.groups:
        if audience == DAIS:
            # A push that reaches the dais proves live updates work (again): hide the banner.
            html += live_status(down=False, language=language)
        messages.append((_group_of(committee_id, audience, language), _fragments(html)))
    for delegation_id, language, html in outgoing.phones:
        messages.append((phone_group(delegation_id, language), _fragments(html)))
    return messages


def send_outgoing(committee_id: int, outgoing: Outgoing) -> None:
    for group, message in outgoing_messages(committee_id, outgoing):
        send_to_group(group, message)


def push_floor_now(committee: Committee) -> None:
    """Bring the committee's screens up to date from the calling thread (tests, commands)."""
    send_outgoing(committee.pk, rendering.refresh(committee.pk, lambda: watching(committee.pk)))


class FloorPusher:
    """Pushes floors from the server's event loop, so a POST never waits for the fan-out.

    Rendering runs in a worker thread; sending runs on the loop. Requests for a committee that
    arrive while its push is under way are merged into one more push of the floor as it is
    then, so screens always end on the latest state, and a burst of clicks or a storm of
    ballots costs a few renders a second, not one per click. Every HEARTBEAT_SECONDS each
    recently pushed committee is refreshed once more (in case a push failed) and its screens
    are told the latest sequence number: a screen that is behind (a push was dropped on the
    way) asks for a fresh snapshot (static/js/live.js).
    """

    HEARTBEAT_SECONDS = 15.0
    SETTLE_SECONDS = 0.2  # the shortest gap between two pushes of one committee
    RETRY_SECONDS = 2.0  # after a push that failed

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
                loop = asyncio.get_running_loop()
                try:
                    render = sync_to_async(_render_floor, thread_sensitive=False)
                    messages, drawing_seconds = await render(committee_id, loop)
                    await _send_all(messages)
                    self._pushed.add(committee_id)
                    # A push that took long to draw (a storm of ballots redraws many phones)
                    # waits longer for the next: drawing takes at most a third of the time.
                    pause = max(self.SETTLE_SECONDS, 2 * drawing_seconds)
                except Exception:
                    logger.exception("Pushing the floor of committee %s failed", committee_id)
                    # Try again a little later: the screens must not stay behind the floor.
                    self._again[committee_id] = True
                    pause = self.RETRY_SECONDS
                await asyncio.sleep(pause)
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


def _render_floor(
    committee_id: int, loop: asyncio.AbstractEventLoop
) -> tuple[list[tuple[str, dict[str, Any]]], float]:
    """Refresh a committee's screens from a worker thread. What groups of screens share is
    sent from the loop as soon as it is drawn; the phones' own fragments are returned, with
    the CPU seconds the drawing took (not the time it waited for another process's push)."""

    def deliver(shared: Outgoing) -> None:
        sending = asyncio.run_coroutine_threadsafe(
            _send_all(outgoing_messages(committee_id, shared)), loop
        )
        sending.add_done_callback(_log_failed_send)

    started = time.thread_time()
    try:
        outgoing = rendering.refresh(committee_id, lambda: watching(committee_id), deliver)
        return outgoing_messages(committee_id, outgoing), time.thread_time() - started
    finally:
        close_old_connections()


def _heartbeats(committee_ids: list[int]) -> list[tuple[str, dict[str, Any]]]:
    """For each committee, tell every watched group the seq of the last push it was sent."""
    try:
        messages = []
        for committee_id in committee_ids:
            for audience, language in rendering.kept_watched(committee_id).groups:
                state = rendering.kept_state(committee_id, audience, language)
                if state is not None and audience != SECRETARIAT:
                    beat = _fragments(rendering.meta(state.seq, heartbeat=True))
                    messages.append((_group_of(committee_id, audience, language), beat))
        return messages
    finally:
        close_old_connections()


def _log_failed_send(sending: Any) -> None:
    if not sending.cancelled() and sending.exception() is not None:
        logger.warning("Live updates are down: a push did not go out (%s)", sending.exception())


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


DOCUMENT_TEMPLATE = "committee/documents/_document_live.html"


def document_fragment(committee: Committee, document_id: int, language: str) -> str:
    """A document's live region in `language`, as an out-of-band morph: the reader keeps
    their scroll position and whatever they were typing beside it."""
    from committee.document_selectors import DocumentsView

    card = DocumentsView(committee).card(document_id)
    if card is None:
        return ""
    with translation.override(language):
        html = render_to_string(
            DOCUMENT_TEMPLATE, {"committee": committee, "card": card, "oob": True}
        )
    return rendering.stamped_for_reader(html)


def broadcast_document(committee: Committee, document_id: int) -> None:
    """After commit, send a document's region to the screens that show it, drawn once per
    language being read."""

    def push() -> None:
        groups = {lang: document_group(document_id, lang) for lang in languages()}
        watched = groups_with_screens(list(groups.values()))
        for language, group in groups.items():
            if group in watched:
                html = document_fragment(committee, document_id, language)
                send_to_group(group, {"type": PUSH_FRAGMENTS, "text": html})

    transaction.on_commit(push)


def broadcast_roster(committee: Committee) -> None:
    """A phone came or went, or the roster was imported: the renderer finds what changed
    (the dais roster's online dots) like for any other change."""
    broadcast_floor(committee)


def revoke_delegation_screens(delegation: Delegation) -> None:
    """Tell the delegation's open phones that their code was regenerated."""

    def push() -> None:
        send_to_group(delegation_group(delegation.pk), {"type": ACCESS_REVOKED})

    transaction.on_commit(push)


def revoke_projector_screens(committee: Committee) -> None:
    """A regenerated projector link: screens opened with the old one must stop."""

    def push() -> None:
        message = {"type": ACCESS_REVOKED, "projector_token": committee.projector_token}
        for language in languages():
            send_to_group(committee_group(committee.pk, PROJECTOR, language), message)

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
