"""The background pusher merges bursts and always ends on the latest floor."""

import asyncio
import threading

from committee import realtime


def run_on_a_fresh_loop(scenario) -> None:
    """Run a coroutine function on its own event loop in its own thread.

    The browser tests keep Playwright's loop alive in the main thread for the whole session.
    """
    failures: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            failures.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=30)
    if failures:
        raise failures[0]


def test_a_burst_of_requests_is_merged_and_ends_on_the_latest_state(monkeypatch):
    floor_state = {"seq": 0}
    rendered: list[int] = []
    sent: list[int] = []

    def render(committee_id, loop):
        rendered.append(floor_state["seq"])
        return [("committee.1.dais", {"seq": floor_state["seq"]})], 0.001

    async def send_all(messages):
        sent.extend(message["seq"] for _group, message in messages)

    monkeypatch.setattr(realtime, "_render_floor", render)
    monkeypatch.setattr(realtime, "_send_all", send_all)

    async def burst():
        pusher = realtime.FloorPusher()
        for _click in range(10):
            floor_state["seq"] += 1
            pusher.request(1)
            await asyncio.sleep(0)
        while pusher._again:  # noqa: SLF001 - wait until the pusher has settled
            await asyncio.sleep(0.01)
        pusher._heartbeat.cancel()  # noqa: SLF001

    run_on_a_fresh_loop(burst)
    assert len(rendered) <= 3  # ten clicks, a couple of renders
    assert sent[-1] == 10  # the last push shows the last state


def test_requests_for_different_committees_are_pushed_separately(monkeypatch):
    pushed: list[int] = []
    monkeypatch.setattr(
        realtime, "_render_floor", lambda cid, loop: ([(f"committee.{cid}.dais", {})], 0.001)
    )

    async def send_all(messages):
        pushed.extend(int(group.split(".")[1]) for group, _message in messages)

    monkeypatch.setattr(realtime, "_send_all", send_all)

    async def two():
        pusher = realtime.FloorPusher()
        pusher.request(1)
        pusher.request(2)
        while pusher._again:  # noqa: SLF001
            await asyncio.sleep(0.01)
        pusher._heartbeat.cancel()  # noqa: SLF001

    run_on_a_fresh_loop(two)
    assert sorted(pushed) == [1, 2]


def test_a_push_that_failed_is_tried_again_until_it_goes_out(monkeypatch):
    attempts: list[int] = []
    sent: list[str] = []

    def render(committee_id, loop):
        attempts.append(committee_id)
        if len(attempts) == 1:
            raise RuntimeError("the cache was away for a moment")
        return [("committee.1.dais.en", {"text": "latest"})], 0.001

    async def send_all(messages):
        sent.extend(message["text"] for _group, message in messages)

    monkeypatch.setattr(realtime, "_render_floor", render)
    monkeypatch.setattr(realtime, "_send_all", send_all)
    monkeypatch.setattr(realtime.FloorPusher, "RETRY_SECONDS", 0.01)

    async def one_failure():
        pusher = realtime.FloorPusher()
        pusher.request(1)
        while pusher._again:  # noqa: SLF001
            await asyncio.sleep(0.01)
        pusher._heartbeat.cancel()  # noqa: SLF001

    run_on_a_fresh_loop(one_failure)
    assert len(attempts) == 2
    assert sent == ["latest"]
