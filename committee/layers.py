"""The channel layers: an in-process one for a single server, and Redis for several.

`LocalChannelLayer` is the default without Redis. Channels' own in-memory layer rescans every
channel on every receive, so its cost per delivered message grows with the number of open
screens (measured 135, 316 and ~890 µs at 200, 1,000 and 3,000); this one hands a message to
each member's queue and nothing else.

`PubSubChannelLayer` is channels-redis's pub/sub layer, made to let a screen connect while
Redis is away. channels-redis subscribes every new socket to a channel of its own before the
consumer runs, so with Redis unreachable the websocket handshake itself failed. This layer
still gives the socket its channel (it receives nothing until Redis is back), which lets the
consumer accept the screen, send it a snapshot and close it with "try again later".
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections.abc import Iterable
from copy import deepcopy
from typing import Any

from channels.exceptions import ChannelFull
from channels.layers import BaseChannelLayer
from channels_redis.pubsub import RedisPubSubChannelLayer
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a channel layer raises when Redis cannot be reached (timeouts are OSErrors too).
LAYER_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)

Message = dict[str, Any]


class _Inbox:
    """One channel's queue, and the event loop of the consumer that receives from it."""

    __slots__ = ("channel", "queue", "loop", "warned_full")

    def __init__(self, channel: str, loop: asyncio.AbstractEventLoop, capacity: int) -> None:
        self.channel = channel
        self.queue: asyncio.Queue[Message] = asyncio.Queue(maxsize=capacity)
        self.loop = loop
        self.warned_full = False


class LocalChannelLayer(BaseChannelLayer):
    """Groups and channels of one server process, in memory.

    Each channel is an asyncio.Queue of at most `capacity` messages, owned by the event loop of
    the consumer that receives from it. Sends come from that loop (the server's), and also from
    sync code in worker threads through async_to_sync, which may run them on a loop of its own
    in another thread; asyncio queues are not thread-safe, so a message for a queue of another
    loop is handed over with that loop's call_soon_threadsafe, one call per loop and message.

    A full queue drops the message (a warning once per channel): its screen has fallen behind,
    and catches up with a snapshot when the heartbeat shows it a newer sequence number.

    A message is copied once per send and shared by its receivers, who only read it.

    Lifetimes: a channel lasts from new_channel until its receive is cancelled, which Channels
    does only when the consumer ends (a later receive on the same name starts it afresh).
    Group memberships do not expire with time, unlike Channels' 24 hours: consumers leave
    their groups when they disconnect, and a membership whose channel has ended is dropped by
    the next group_send that finds it.
    """

    extensions = ["groups", "flush"]

    def __init__(
        self,
        capacity: int = 100,
        channel_capacity: dict[Any, int] | None = None,
        **_expiries: Any,  # Channels' in-memory layer's options, which have no use here
    ) -> None:
        super().__init__(capacity=capacity)
        self.channel_capacity = self.compile_capacities(channel_capacity or {})
        self._inboxes: dict[str, _Inbox] = {}
        # Group name → its members' channels; a group with no member is not kept. Others may
        # read it, as Channels' in-memory layer's, to see which groups have a screen in them.
        self.groups: dict[str, set[str]] = {}
        # Groups change from the server's loop and from worker threads' loops.
        self._groups_lock = threading.Lock()

    # ---- channels -----------------------------------------------------------------------------

    async def new_channel(self, prefix: str = "specific.") -> str:
        channel = f"{prefix}local.{uuid.uuid4().hex}"
        self._inboxes[channel] = self._new_inbox(channel, asyncio.get_running_loop())
        return channel

    def _new_inbox(self, channel: str, loop: asyncio.AbstractEventLoop) -> _Inbox:
        return _Inbox(channel, loop, self.get_capacity(channel))

    async def receive(self, channel: str) -> Message:
        self.require_valid_channel_name(channel)
        loop = asyncio.get_running_loop()
        inbox = self._inboxes.get(channel)
        if inbox is None or inbox.loop is not loop:
            inbox = self._receive_on(channel, inbox, loop)
        try:
            return await inbox.queue.get()
        except asyncio.CancelledError:
            # The consumer has ended: nobody will read this channel again.
            if self._inboxes.get(channel) is inbox:
                self._inboxes.pop(channel, None)
            raise

    def _receive_on(
        self, channel: str, earlier: _Inbox | None, loop: asyncio.AbstractEventLoop
    ) -> _Inbox:
        """The channel's inbox on the receiving loop: new for a channel not made here (or
        whose receiver ended), or moved from the loop that made it, with what waits in it."""
        inbox = self._new_inbox(channel, loop)
        if earlier is not None:
            while not earlier.queue.empty():
                self._put(inbox, earlier.queue.get_nowait())
        self._inboxes[channel] = inbox
        return inbox

    async def send(self, channel: str, message: Message) -> None:
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        inbox = self._inboxes.get(channel)
        if inbox is None:
            return  # nobody receives on it in this process: its consumer has ended
        if inbox.queue.full():
            raise ChannelFull(channel)
        self._deliver([inbox], deepcopy(message))

    # ---- groups -------------------------------------------------------------------------------

    async def group_add(self, group: str, channel: str) -> None:
        self.require_valid_group_name(group)
        self.require_valid_channel_name(channel)
        with self._groups_lock:
            self.groups.setdefault(group, set()).add(channel)

    async def group_discard(self, group: str, channel: str) -> None:
        self.require_valid_group_name(group)
        self.require_valid_channel_name(channel)
        self._leave(group, [channel])

    def _leave(self, group: str, channels: Iterable[str]) -> None:
        with self._groups_lock:
            members = self.groups.get(group)
            if members is None:
                return
            members.difference_update(channels)
            if not members:
                del self.groups[group]

    async def group_send(self, group: str, message: Message) -> None:
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_group_name(group)
        with self._groups_lock:
            members = tuple(self.groups.get(group, ()))
        inboxes = []
        ended = []
        for channel in members:
            inbox = self._inboxes.get(channel)
            if inbox is None:
                ended.append(channel)
            else:
                inboxes.append(inbox)
        if ended:
            self._leave(group, ended)
        if inboxes:
            self._deliver(inboxes, deepcopy(message))

    # ---- delivery -----------------------------------------------------------------------------

    def _deliver(self, inboxes: list[_Inbox], message: Message) -> None:
        """Put the message in each inbox: directly on this loop, through call_soon_threadsafe on
        any other (one call per loop, not per inbox)."""
        here = asyncio.get_running_loop()
        elsewhere: dict[asyncio.AbstractEventLoop, list[_Inbox]] = {}
        for inbox in inboxes:
            if inbox.loop is here:
                self._put(inbox, message)
            else:
                elsewhere.setdefault(inbox.loop, []).append(inbox)
        for loop, batch in elsewhere.items():
            try:
                loop.call_soon_threadsafe(self._put_all, batch, message)
            except RuntimeError:
                # That loop has closed (async_to_sync's, in a command or a test) before anyone
                # received on these channels. Nobody can be waiting on a closed loop, so the
                # queues take the message as they are; the first receive moves them to its loop.
                self._put_all(batch, message)

    def _put_all(self, inboxes: list[_Inbox], message: Message) -> None:
        for inbox in inboxes:
            self._put(inbox, message)

    def _put(self, inbox: _Inbox, message: Message) -> None:
        try:
            inbox.queue.put_nowait(message)
        except asyncio.QueueFull:
            if not inbox.warned_full:
                inbox.warned_full = True
                logger.warning(
                    "Channel %s has %d messages waiting: newer ones are dropped until its "
                    "screen catches up",
                    inbox.channel,
                    inbox.queue.maxsize,
                )

    # ---- flush extension ----------------------------------------------------------------------

    async def flush(self) -> None:
        with self._groups_lock:
            self.groups.clear()
        self._inboxes.clear()

    async def close(self) -> None:
        """Nothing is held outside this process's memory."""


class PubSubChannelLayer(RedisPubSubChannelLayer):
    async def new_channel(self, prefix: str = "specific.") -> str:
        layer = self._get_layer()
        channel = f"{layer.prefix}{prefix}{uuid.uuid4().hex}"
        try:
            # Registers the channel's queue first, then subscribes to it in Redis.
            await layer._subscribe_to_channel(channel)
        except LAYER_ERRORS:
            logger.warning("Redis is unreachable: socket %s gets no live updates", channel)
        return channel
