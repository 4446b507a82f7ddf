"""Channel-layer groups one WebSocket connection is in, reference-counted.

Every subscription on a connection shares the connection's one channel name, so a group is
joined once per connection, not per subscription. Leaving it when the first subscription ends
would silently stop delivery to its siblings (and to the connection itself, which holds the
user's group to hear of its own revocation): the known strawberry-django bug. So each user of a
group takes a reference, and the group is discarded only when the last one lets go.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from saas.realtime.layers import is_outage

logger = logging.getLogger(__name__)


class GroupMembership:
    def __init__(self, layer: Any, channel_name: str) -> None:
        self._layer = layer
        self._channel = channel_name
        self._refs: Counter[str] = Counter()
        # A join and a leave of the same group must not interleave around the layer's await.
        self._lock = asyncio.Lock()

    def references(self, group: str) -> int:
        return self._refs[group]

    @property
    def groups(self) -> frozenset[str]:
        return frozenset(self._refs)

    async def join(self, group: str) -> None:
        """Take a reference; raises (and takes none) when the layer cannot add the group."""
        async with self._lock:
            # Added on every join, not only the first: a layer may expire memberships on its own.
            await self._layer.group_add(group, self._channel)
            self._refs[group] += 1

    async def leave(self, group: str) -> None:
        async with self._lock:
            if self._refs[group] <= 0:
                return
            self._refs[group] -= 1
            if self._refs[group] > 0:
                return
            del self._refs[group]
            try:
                await self._layer.group_discard(group, self._channel)
            except Exception as exc:  # an unreachable layer forgets the channel with the socket
                if not is_outage(exc):
                    raise
                logger.warning("could not leave %s: %s", group, exc)

    async def leave_all(self) -> None:
        for group in list(self._refs):
            self._refs[group] = 1
            await self.leave(group)

    @contextlib.asynccontextmanager
    async def holding(self, *groups: str) -> AsyncIterator[None]:
        """Hold a reference on each group for the block (a subscription's lifetime)."""
        joined: list[str] = []
        try:
            for group in groups:
                await self.join(group)
                joined.append(group)
            yield
        finally:
            for group in joined:
                await self.leave(group)
