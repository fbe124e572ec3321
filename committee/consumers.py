"""The live websocket: one thin consumer for every screen of a committee.

It works out who is connecting (dais, projector link or a bound delegate), joins that
audience's groups, sends a full snapshot, then forwards fragments from committee.realtime.
It also joins its browser session's and user's groups, through which it is closed as soon as
the rights it was opened with go.
Nothing is written through it: actions are HTTP POSTs.
"""

import asyncio
import hmac
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)

from committee import realtime
from committee.access import bound_delegation, is_secretariat, may_run_floor
from committee.document_selectors import is_visible
from committee.models import Committee, Delegation, Document
from committee.services import presence

# Close codes the page's script understands (4000-4999 are free for applications).
CLOSE_NOT_ALLOWED = 4003
CLOSE_ACCESS_REVOKED = 4001
# Newer sockets of the same delegation replaced this one: the page should not reconnect.
CLOSE_SUPERSEDED = 4008
# The standard "try again later": live updates are down, and htmx's websocket extension
# reconnects by itself after this code, with a growing delay.
CLOSE_TRY_AGAIN_LATER = 1013

RESYNC = "resync"
REVOKED_FRAGMENT = '<div id="access-revoked" hx-swap-oob="true" data-revoked="true" hidden></div>'


def language_for_scope(scope: dict[str, Any]) -> str:
    """The language the page was rendered in: the language cookie, else the browser's wish."""
    supported = {code for code, _ in settings.LANGUAGES}
    cookie = scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in supported:
        return cookie
    headers = dict(scope.get("headers", []))
    accept = headers.get(b"accept-language", b"").decode("latin-1")
    for code, _quality in parse_accept_lang_header(accept):
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def owner_groups(scope: dict[str, Any], *, signed_in_screen: bool) -> list[str]:
    """The groups through which a screen is closed when the rights it was opened with go:
    its browser session's, and for a dais or secretariat screen its user's."""
    groups = []
    session = scope.get("session")
    if session is not None and session.session_key:
        groups.append(realtime.session_group(session.session_key))
    user = scope.get("user")
    if signed_in_screen and user is not None and user.is_authenticated:
        groups.append(realtime.user_group(user.pk))
    return groups


class FragmentScreen(AsyncWebsocketConsumer):
    """A screen that receives HTML fragments, in its own language, and shows them."""

    language: str = settings.LANGUAGE_CODE
    audience: str | None = None
    committee: Committee | None = None
    groups_joined: list[str]
    closed_for_good = False

    async def dispatch(self, message: dict[str, Any]) -> None:
        if self.closed_for_good and not message["type"].startswith("websocket."):
            return  # queued before the screen left its groups; nothing may follow the close
        # Pushing a rendered fragment touches no database, so skip Channels' per-event hop to
        # the sync thread (it halved the cost per delivered message when measured).
        if message["type"] == realtime.PUSH_FRAGMENTS:
            await self.push_fragments(message)
            return
        await super().dispatch(message)

    async def push_fragments(self, event: dict[str, Any]) -> None:
        # Each group reads one language: the fragments come already in this screen's.
        await self.send(text_data=event["text"])

    async def access_revoked(self, event: dict[str, Any]) -> None:
        if not self.loses_access(event):
            return
        await self.send(text_data=REVOKED_FRAGMENT)
        await self.close_for_good(CLOSE_ACCESS_REVOKED)

    async def close_for_good(self, code: int) -> None:
        # Leave every group first: not one more push may reach this screen while the browser
        # takes its time to complete the closing handshake.
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = []
        self.closed_for_good = True
        await self.close(code=code)

    def loses_access(self, event: dict[str, Any]) -> bool:
        """Whether a revocation concerns this screen: it may name one committee or audience."""
        new_token = event.get("projector_token")
        if new_token is not None and new_token == getattr(self, "projector_token", None):
            return False
        if "audience" in event and event["audience"] != self.audience:
            return False
        committee_id = self.committee.pk if self.committee is not None else None
        return "committee_id" not in event or event["committee_id"] == committee_id


def document_asked_for(scope: dict[str, Any]) -> int | None:
    """The document id a paper's page names on its websocket (`?document=<id>`), if any."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    wanted = (query.get("document") or [""])[0]
    return int(wanted) if wanted.isdigit() and len(wanted) < 19 else None


class CommitteeConsumer(FragmentScreen):
    delegation: Delegation | None = None
    document_id: int | None = None
    # A screen gets at most one snapshot per interval; asking again meanwhile is answered by
    # one snapshot at the end of the interval, so a looping script cannot load the server.
    RESYNC_INTERVAL_SECONDS = 2.0
    last_snapshot_at = float("-inf")
    resync: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        self.groups_joined = []
        self.language = language_for_scope(self.scope)
        kwargs = self.scope["url_route"]["kwargs"]
        found = await database_sync_to_async(self.identify)(kwargs["slug"], kwargs.get("token"))
        if not found:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        assert self.committee is not None and self.audience is not None
        self.groups_joined.append(
            realtime.committee_group(self.committee.pk, self.audience, self.language)
        )
        if self.delegation is not None:
            self.groups_joined += [
                realtime.delegation_group(self.delegation.pk),
                realtime.phone_group(self.delegation.pk, self.language),
            ]
        if self.audience != realtime.PROJECTOR:  # the projector's right is its link alone
            dais = self.audience == realtime.DAIS
            self.groups_joined.extend(owner_groups(self.scope, signed_in_screen=dais))
            wanted = document_asked_for(self.scope)
            if wanted is not None:  # only a paper's page asks: no trip to the database else
                self.document_id = await database_sync_to_async(self.document_shown)(wanted)
            if self.document_id is not None:
                self.groups_joined.append(realtime.document_group(self.document_id, self.language))
        if not await realtime.join_groups(
            self.channel_layer, self.channel_name, self.groups_joined
        ):
            # Redis is away: show the screen as it is now, then let the page try again later.
            self.groups_joined = []
            await self.accept()
            await self.send_snapshot()
            await self.close(code=CLOSE_TRY_AGAIN_LATER)
            return
        await self.accept()
        await self.send_snapshot()
        if self.delegation is not None:
            await database_sync_to_async(presence.live_connection_open)(
                delegation=self.delegation, channel_name=self.channel_name
            )

    async def send_snapshot(self) -> None:
        # Usually a lookup of what the screen's group was last sent: no query, so it need not
        # queue for Channels' one database thread (a storm of 3,000 projectors connecting
        # would wait there in line). It draws, with the database, only when nobody watched.
        snapshot = sync_to_async(realtime.snapshot, thread_sensitive=False)
        html = await snapshot(self.committee, self.audience, self.language, self.delegation)
        if self.document_id is not None:
            fragment = database_sync_to_async(realtime.document_fragment)
            html += await fragment(self.committee, self.document_id, self.language)
        await self.send(text_data=html)
        self.last_snapshot_at = asyncio.get_running_loop().time()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # The only thing a screen may say: "I missed an update, send me everything again".
        # Actions never come this way; they are HTTP POSTs.
        if text_data is not None and RESYNC in text_data:
            self.request_resync()

    def request_resync(self) -> None:
        if self.resync is not None and not self.resync.done():
            return  # a snapshot is already on its way and will answer this request too
        loop = asyncio.get_running_loop()
        wait = self.last_snapshot_at + self.RESYNC_INTERVAL_SECONDS - loop.time()
        self.resync = loop.create_task(self.send_snapshot_after(wait))

    async def send_snapshot_after(self, seconds: float) -> None:
        if seconds > 0:
            await asyncio.sleep(seconds)
        if not self.closed_for_good:
            await self.send_snapshot()

    def document_shown(self, wanted: int) -> int | None:
        """The document a paper's page shows, if this screen may read it: its pushes come too."""
        document = Document.objects.filter(pk=wanted, committee=self.committee).first()
        if document is None or not is_visible(document, self.delegation):
            return None
        return document.pk

    def identify(self, slug: str, token: str | None) -> bool:
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            return False
        self.committee = committee
        if token is not None:
            if hmac.compare_digest(committee.projector_token.encode(), token.encode()):
                self.audience = realtime.PROJECTOR
                self.projector_token = token
                return True
            return False
        user = self.scope.get("user")
        if user is not None and may_run_floor(user, committee):
            self.audience = realtime.DAIS
            return True
        session = self.scope.get("session")
        delegation = bound_delegation(session) if session is not None else None
        if delegation is not None and delegation.committee_id == committee.pk:
            self.audience = realtime.DELEGATES
            self.delegation = delegation
            return True
        return False

    async def disconnect(self, code: int) -> None:
        if self.resync is not None:
            self.resync.cancel()
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.delegation is not None:
            await database_sync_to_async(presence.live_connection_close)(
                channel_name=self.channel_name
            )

    async def socket_superseded(self, event: dict[str, Any]) -> None:
        await self.close_for_good(CLOSE_SUPERSEDED)


class SecretariatConsumer(FragmentScreen):
    """The secretariat's dashboard: a summary row per committee, kept live."""

    async def connect(self) -> None:
        self.language = language_for_scope(self.scope)
        user = self.scope.get("user")
        if user is None or not await database_sync_to_async(is_secretariat)(user):
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        self.groups_joined = [
            realtime.secretariat_group(self.language),
            *owner_groups(self.scope, signed_in_screen=True),
        ]
        live = await realtime.join_groups(self.channel_layer, self.channel_name, self.groups_joined)
        if not live:
            self.groups_joined = []
        await self.accept()
        snapshot = await database_sync_to_async(realtime.secretariat_snapshot)(self.language)
        await self.send(text_data=snapshot)
        if not live:
            await self.close(code=CLOSE_TRY_AGAIN_LATER)

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
