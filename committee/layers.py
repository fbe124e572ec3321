"""The Redis channel layer, made to let a screen connect while Redis is away.

channels-redis's pub/sub layer subscribes every new socket to a channel of its own before the
consumer runs, so with Redis unreachable the websocket handshake itself failed. This layer
still gives the socket its channel (it receives nothing until Redis is back), which lets the
consumer accept the screen, send it a snapshot and close it with "try again later".
"""

import logging
import uuid

from channels_redis.pubsub import RedisPubSubChannelLayer
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a channel layer raises when Redis cannot be reached (timeouts are OSErrors too).
LAYER_ERRORS: tuple[type[BaseException], ...] = (RedisError, OSError)


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
