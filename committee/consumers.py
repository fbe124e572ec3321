"""The live websocket: one thin consumer for every screen of a committee.

It works out who is connecting (dais, projector link or a bound delegate), joins that
audience's groups, sends a full snapshot, then forwards fragments from committee.realtime.
Nothing is written through it: actions are HTTP POSTs.
"""

import hmac
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils.translation.trans_real import (
    get_supported_language_variant,
    parse_accept_lang_header,
)

from committee import realtime
from committee.access import bound_delegation, is_secretariat, may_run_floor
from committee.models import Committee, Delegation
from committee.services import presence

# Close codes the page's script understands (4000-4999 are free for applications).
CLOSE_NOT_ALLOWED = 4003
CLOSE_ACCESS_REVOKED = 4001

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


class FragmentScreen(AsyncWebsocketConsumer):
    """A screen that receives HTML fragments rendered in every language and shows its own."""

    language: str = settings.LANGUAGE_CODE

    async def send_in_language(self, html: dict[str, str]) -> None:
        await self.send(text_data=html.get(self.language) or html[settings.LANGUAGE_CODE])

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Pushing a rendered fragment touches no database, so skip Channels' per-event hop to
        # the sync thread (it halved the cost per delivered message when measured).
        if message["type"] == realtime.PUSH_FRAGMENTS:
            await self.push_fragments(message)
            return
        await super().dispatch(message)

    async def push_fragments(self, event: dict[str, Any]) -> None:
        await self.send_in_language(event["html"])


class CommitteeConsumer(FragmentScreen):
    audience: str | None = None
    committee: Committee | None = None
    delegation: Delegation | None = None
    groups_joined: list[str]

    async def connect(self) -> None:
        self.groups_joined = []
        self.language = language_for_scope(self.scope)
        kwargs = self.scope["url_route"]["kwargs"]
        found = await database_sync_to_async(self.identify)(kwargs["slug"], kwargs.get("token"))
        if not found:
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        assert self.committee is not None and self.audience is not None
        self.groups_joined.append(realtime.committee_group(self.committee.pk, self.audience))
        if self.delegation is not None:
            self.groups_joined.append(realtime.delegation_group(self.delegation.pk))
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self.send_snapshot()
        if self.delegation is not None:
            await database_sync_to_async(presence.live_connection_open)(
                delegation=self.delegation, channel_name=self.channel_name
            )

    async def send_snapshot(self) -> None:
        html = await database_sync_to_async(realtime.snapshot)(
            self.committee, self.audience, self.delegation
        )
        await self.send_in_language(html)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        # The only thing a screen may say: "I missed an update, send me everything again".
        # Actions never come this way; they are HTTP POSTs.
        if text_data is not None and RESYNC in text_data:
            await self.send_snapshot()

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
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        if self.delegation is not None:
            await database_sync_to_async(presence.live_connection_close)(
                channel_name=self.channel_name
            )

    async def access_revoked(self, event: dict[str, Any]) -> None:
        new_token = event.get("projector_token")
        if new_token is not None and new_token == getattr(self, "projector_token", None):
            return
        await self.send(text_data=REVOKED_FRAGMENT)
        await self.close(code=CLOSE_ACCESS_REVOKED)


class SecretariatConsumer(FragmentScreen):
    """The secretariat's dashboard: a summary row per committee, kept live."""

    async def connect(self) -> None:
        self.language = language_for_scope(self.scope)
        user = self.scope.get("user")
        if user is None or not await database_sync_to_async(is_secretariat)(user):
            await self.close(code=CLOSE_NOT_ALLOWED)
            return
        await self.channel_layer.group_add(realtime.SECRETARIAT_GROUP, self.channel_name)
        await self.accept()
        await self.send_in_language(await database_sync_to_async(realtime.secretariat_snapshot)())

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(realtime.SECRETARIAT_GROUP, self.channel_name)
