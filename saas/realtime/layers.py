"""Telling a channel-layer outage from a bug, so live delivery rides out the one and not the other.

Production's layer is channels_redis' `RedisPubSubChannelLayer` (settings.CHANNEL_LAYERS): a
group message goes straight to the processes whose sockets are in the group, with nothing left
behind in Redis. While Redis is unreachable an open socket lives on without live news (redis-py
subscribes again when it reconnects, and a client resumes with `after`), and a new socket is
refused cleanly with 4503 (saas/realtime/consumer.py), because it cannot join its groups.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from saas.core.cache import redis_unreachable

# The layer's backend is unreachable (as opposed to a bug): the same test as the cache's.
is_outage = redis_unreachable


async def release_channel(layer: Any, channel: str) -> None:
    """Let go of a channel made outside a consumer (the health check's round trip).

    The pub/sub layer unsubscribes a channel only when a `receive` on it is cancelled, as when a
    consumer's socket closes; without this, each check would leave a subscription behind for the
    life of the process.
    """
    waiting = asyncio.ensure_future(layer.receive(channel))
    await asyncio.sleep(0)  # let it start waiting, so the cancellation runs its clean-up
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await waiting
