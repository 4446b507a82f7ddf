"""The channel layer for production: Redis, riding out an outage instead of crashing sockets.

channels' consumers wait on the layer's `receive` beside the socket; with Redis unreachable it
raises at once, which killed every consumer before its handshake (an HTTP 500 to the browser).
Here `receive` waits and retries, so a socket lives on without live events until Redis is back,
and `EventsConsumer.connect` refuses new sockets cleanly when it cannot join its groups.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from channels_redis.core import RedisChannelLayer

logger = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 5.0


def is_outage(exc: BaseException) -> bool:
    import redis.exceptions

    return isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError | OSError)


class ResilientRedisChannelLayer(RedisChannelLayer):
    async def receive(self, channel: str) -> dict[str, Any]:
        backoff = 0.5
        while True:
            try:
                message: dict[str, Any] = await super().receive(channel)
                return message
            except Exception as exc:
                if not is_outage(exc):
                    raise
                logger.warning("channel layer unreachable (%s); retrying in %.1f s", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
