"""Two installations sharing one Redis server never see each other's screens.

Redis pub/sub channels ignore the database number in REDIS_URL, so each installation needs
names of its own. The layers here are configured as two installations' settings configure
them, on the Redis this suite runs with (or the local one), and talk through real Redis.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.utils.module_loading import import_string

from committee import realtime

# Redis databases 11 and 12 are shared by every pytest-xdist worker: one worker runs these.
pytestmark = pytest.mark.xdist_group("redis-databases-11-12")

ROOT = Path(__file__).resolve().parent.parent.parent
SHOW_LAYER = "import json; from bimun import settings; print(json.dumps(settings.CHANNEL_LAYERS))"


def redis_url(database: int) -> str:
    server = urlsplit(settings.REDIS_URL or "redis://127.0.0.1:6379/0")
    return f"{server.scheme}://{server.netloc}/{database}"


def layer_of_installation(**variables: str):
    """The channel layer an installation started with these variables would use."""
    env = {name: value for name, value in os.environ.items() if name != "BIMUN_INSTANCE"}
    env.setdefault("BIMUN_SECRET_KEY", "test-only-secret-key-not-for-production")
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_LAYER],
        cwd=ROOT,
        env={**env, **variables},
        capture_output=True,
        text=True,
        check=True,
    )
    layer = json.loads(shown.stdout)["default"]
    return import_string(layer["BACKEND"])(**layer.get("CONFIG", {}))


def first_message_to_a_screen_of(receiver, sender) -> dict:
    """What a dais screen of `receiver` gets after `sender` pushes, then `receiver` itself.

    Redis delivers in the order it was asked to publish, so the receiver's own push arrives
    first exactly when the sender's push did not reach it at all.
    """
    group = realtime.committee_group(1, realtime.DAIS, "en")

    async def scenario():
        channel = await receiver.new_channel()
        await receiver.group_add(group, channel)
        try:
            await sender.group_send(group, {"type": realtime.PUSH_FRAGMENTS, "text": "sender"})
            await receiver.group_send(group, {"type": realtime.PUSH_FRAGMENTS, "text": "own"})
            return await receiver.receive(channel)
        finally:
            await receiver.flush()
            await sender.flush()

    return async_to_sync(scenario)()


def test_installations_on_two_redis_databases_do_not_share_pushes():
    on_11 = layer_of_installation(REDIS_URL=redis_url(11))
    on_12 = layer_of_installation(REDIS_URL=redis_url(12))
    assert first_message_to_a_screen_of(on_12, sender=on_11)["text"] == "own"


def test_installations_named_apart_on_one_redis_database_do_not_share_pushes():
    alpha = layer_of_installation(REDIS_URL=redis_url(11), BIMUN_INSTANCE="alpha")
    beta = layer_of_installation(REDIS_URL=redis_url(11), BIMUN_INSTANCE="beta")
    assert first_message_to_a_screen_of(beta, sender=alpha)["text"] == "own"


def test_processes_of_one_installation_do_share_pushes():
    # Without this, the tests above would pass for layers that deliver nothing at all.
    first = layer_of_installation(REDIS_URL=redis_url(11))
    second = layer_of_installation(REDIS_URL=redis_url(11))
    assert first_message_to_a_screen_of(second, sender=first)["text"] == "sender"
