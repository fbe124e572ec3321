"""The in-process channel layer: groups, capacity, and sends from other threads and loops.

Screens receive on the server's event loop; pushes also come from sync code in worker threads
through async_to_sync, which runs them on an event loop of its own in another thread.
"""

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer

from committee.layers import LocalChannelLayer
from tests.test_settings_pool import settings_with

RECEIVE_TIMEOUT = 5


def push(number: int, **extra: Any) -> dict[str, Any]:
    return {"type": "push.fragments", "number": number, **extra}


async def receive_all(layer: LocalChannelLayer, channel: str, count: int) -> list[int]:
    async def numbers() -> list[int]:
        return [(await layer.receive(channel))["number"] for _ in range(count)]

    return await asyncio.wait_for(numbers(), RECEIVE_TIMEOUT)


async def nothing_waits(layer: LocalChannelLayer, channel: str) -> bool:
    try:
        await asyncio.wait_for(layer.receive(channel), 0.05)
    except TimeoutError:
        return True
    return False


def test_the_default_layer_without_redis_is_the_local_one():
    assert settings_with()["layer"]["BACKEND"] == "committee.layers.LocalChannelLayer"
    with_redis = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")["layer"]
    assert with_redis["BACKEND"] == "committee.layers.PubSubChannelLayer"


def test_a_group_send_reaches_every_member_and_no_one_else():
    layer = LocalChannelLayer()

    async def scenario():
        members = [await layer.new_channel() for _ in range(3)]
        outsider = await layer.new_channel()
        for channel in members:
            await layer.group_add("committee.1.dais", channel)
        await layer.group_add("committee.2.dais", outsider)
        await layer.group_send("committee.1.dais", push(1))
        await layer.group_send("committee.1.dais", push(2))
        received = [await receive_all(layer, channel, 2) for channel in members]
        return received, await nothing_waits(layer, outsider)

    received, outsider_got_nothing = async_to_sync(scenario)()
    assert received == [[1, 2]] * 3
    assert outsider_got_nothing


def test_a_member_that_leaves_gets_nothing_more():
    layer = LocalChannelLayer()

    async def scenario():
        staying, leaving = await layer.new_channel(), await layer.new_channel()
        for channel in (staying, leaving):
            await layer.group_add("committee.1.projector", channel)
        await layer.group_discard("committee.1.projector", leaving)
        await layer.group_send("committee.1.projector", push(1))
        return await receive_all(layer, staying, 1), await nothing_waits(layer, leaving)

    assert async_to_sync(scenario)() == ([1], True)


def test_the_groups_with_a_screen_in_them_can_be_read():
    # What realtime reads to draw only for groups someone watches, as with Channels' layer.
    layer = LocalChannelLayer()

    async def scenario():
        channel = await layer.new_channel()
        await layer.group_add("committee.1.dais", channel)
        watched = {group: set(members) for group, members in layer.groups.items()}
        await layer.group_discard("committee.1.dais", channel)
        return channel, watched

    channel, watched = async_to_sync(scenario)()
    assert watched == {"committee.1.dais": {channel}}
    assert layer.groups == {}  # nobody left: the group is gone


def test_receivers_cannot_change_what_the_sender_still_holds():
    layer = LocalChannelLayer()
    message = push(1, html={"en": "<div>1</div>"})

    async def scenario():
        channel = await layer.new_channel()
        await layer.group_add("committee.1.dais", channel)
        await layer.group_send("committee.1.dais", message)
        message["html"]["en"] = "changed after sending"
        return await layer.receive(channel)

    assert async_to_sync(scenario)()["html"] == {"en": "<div>1</div>"}


def test_a_full_channel_drops_newer_messages_and_warns_once(caplog):
    layer = LocalChannelLayer(capacity=3)

    async def scenario():
        slow, quick = await layer.new_channel(), await layer.new_channel()
        for channel in (slow, quick):
            await layer.group_add("committee.1.delegates", channel)
        for number in range(1, 6):
            await layer.group_send("committee.1.delegates", push(number))
            await layer.receive(quick)  # this screen keeps up
        kept = await receive_all(layer, slow, 3)
        # Caught up, it receives again.
        await layer.group_send("committee.1.delegates", push(6))
        return kept, await receive_all(layer, slow, 1)

    with caplog.at_level(logging.WARNING, logger="committee.layers"):
        kept, after = async_to_sync(scenario)()
    assert kept == [1, 2, 3]
    assert after == [6]
    warnings = [record for record in caplog.records if record.name == "committee.layers"]
    assert len(warnings) == 1
    assert "dropped" in warnings[0].getMessage()


def test_a_send_to_one_full_channel_says_so():
    layer = LocalChannelLayer(capacity=1)

    async def scenario():
        channel = await layer.new_channel()
        await layer.send(channel, push(1))
        with pytest.raises(ChannelFull):
            await layer.send(channel, push(2))
        return await receive_all(layer, channel, 1)

    assert async_to_sync(scenario)() == [1]


def test_a_channel_whose_consumer_ended_is_dropped_from_its_groups():
    layer = LocalChannelLayer()

    async def scenario():
        ended, alive = await layer.new_channel(), await layer.new_channel()
        for channel in (ended, alive):
            await layer.group_add("committee.1.dais", channel)
        # Channels cancels a consumer's receive when the consumer ends.
        waiting = asyncio.ensure_future(layer.receive(ended))
        await asyncio.sleep(0)
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        await layer.send(ended, push(0))  # nobody reads it: not kept
        await layer.group_send("committee.1.dais", push(1))
        return await receive_all(layer, alive, 1)

    assert async_to_sync(scenario)() == [1]
    assert layer.groups["committee.1.dais"] == {channel for channel in layer._inboxes}
    assert len(layer._inboxes) == 1


def test_flush_forgets_groups_and_channels():
    layer = LocalChannelLayer()

    async def scenario():
        channel = await layer.new_channel()
        await layer.group_add("committee.1.dais", channel)
        await layer.flush()
        await layer.group_send("committee.1.dais", push(1))
        return await nothing_waits(layer, channel)

    assert async_to_sync(scenario)()
    assert layer.groups == {}


# ---- sends from other threads and event loops ---------------------------------------------------


def receiving_in_a_thread_of_its_own(
    layer: LocalChannelLayer, count: int, group: str = "committee.1.dais"
) -> tuple[threading.Event, Callable[[], list[int]]]:
    """A screen on an event loop of its own (the server's, say) in another thread: it joins
    the group, then reads `count` messages. Returns (joined, result)."""
    joined = threading.Event()
    outcome: dict[str, Any] = {}

    async def screen() -> list[int]:
        channel = await layer.new_channel()
        await layer.group_add(group, channel)
        joined.set()
        return await receive_all(layer, channel, count)

    def run() -> None:
        try:
            outcome["numbers"] = asyncio.run(screen())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()

    def result() -> list[int]:
        thread.join(timeout=RECEIVE_TIMEOUT + 5)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["numbers"]

    return joined, result


def test_a_sync_caller_reaches_a_screen_on_another_event_loop():
    layer = LocalChannelLayer()
    joined, result = receiving_in_a_thread_of_its_own(layer, 2)
    assert joined.wait(RECEIVE_TIMEOUT)

    # As a view or a command does: async_to_sync runs the send on a loop of its own.
    async_to_sync(layer.group_send)("committee.1.dais", push(1))
    async_to_sync(layer.group_send)("committee.1.dais", push(2))

    assert result() == [1, 2]


def test_many_threads_sending_at_once_lose_nothing_and_keep_each_senders_order():
    senders, each = 8, 50
    layer = LocalChannelLayer(capacity=senders * each)
    joined, result = receiving_in_a_thread_of_its_own(layer, senders * each)
    assert joined.wait(RECEIVE_TIMEOUT)
    start = threading.Barrier(senders)

    def sender(number: int) -> None:
        start.wait()
        for sent in range(each):
            async_to_sync(layer.group_send)("committee.1.dais", push(number * 1000 + sent))

    threads = [threading.Thread(target=sender, args=(number,)) for number in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    numbers = result()
    assert sorted(numbers) == sorted(n * 1000 + s for n in range(senders) for s in range(each))
    for number in range(senders):
        mine = [n for n in numbers if n // 1000 == number]
        assert mine == sorted(mine)


def test_a_screen_on_the_senders_loop_and_one_on_another_both_receive():
    layer = LocalChannelLayer()
    joined, elsewhere = receiving_in_a_thread_of_its_own(layer, 1)
    assert joined.wait(RECEIVE_TIMEOUT)

    async def scenario():
        here = await layer.new_channel()
        await layer.group_add("committee.1.dais", here)
        await layer.group_send("committee.1.dais", push(7))
        return await receive_all(layer, here, 1)

    assert async_to_sync(scenario)() == [7]
    assert elsewhere() == [7]


def test_a_channel_made_on_one_loop_can_be_read_on_another():
    layer = LocalChannelLayer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.send)(channel, push(1))

    async def read() -> list[int]:
        await layer.send(channel, push(2))
        return await receive_all(layer, channel, 2)

    assert async_to_sync(read)() == [1, 2]


def test_the_suite_runs_on_the_layer_the_settings_choose(settings):
    # Without Redis the realtime and consumer tests run on this layer.
    assert isinstance(get_channel_layer(), LocalChannelLayer) == (not settings.REDIS_URL)
