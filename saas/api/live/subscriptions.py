"""Subscriptions: a person's notifications (replayed after a cursor, then live) and unread count.

`notifications(after:)` subscribes first and replays second, so nothing committed in between is
lost; what the replay returned is not sent again when its live message arrives (dedupe by id).
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncGenerator

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.live.feed import notifications_after, unread_count
from saas.api.live.socket import live_socket
from saas.api.live.types import NotificationType
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.core.live import (
    NOTIFICATION_CREATED,
    NOTIFICATIONS_READ,
    notification_from_message,
    notification_group,
)

RECENT_IDS = 1000  # ids remembered per subscription to drop a message delivered twice


class RecentIds:
    """The last ids seen, bounded: `add` is False for an id seen already."""

    def __init__(self, capacity: int = RECENT_IDS) -> None:
        self._order: deque[int] = deque()
        self._ids: set[int] = set()
        self._capacity = capacity

    def add(self, value: int) -> bool:
        if value in self._ids:
            return False
        self._ids.add(value)
        self._order.append(value)
        if len(self._order) > self._capacity:
            self._ids.discard(self._order.popleft())
        return True


def _cursor(after: strawberry.ID | None) -> int | None:
    if after is None:
        return None
    cursor = parse_id(after)
    if cursor is None:
        raise InvalidInput(_("This is not a notification id."), code="id_invalid", field="after")
    return cursor


@strawberry.type
class LiveSubscriptions:
    @strawberry.subscription(
        description="The signed-in person's notifications as they are created. With `after`, first "
        "those with a greater id that the person has not received (up to 500), then live ones, "
        "each once."
    )
    async def notifications(
        self, info: Info, after: strawberry.ID | None = None
    ) -> AsyncGenerator[NotificationType, None]:
        socket = live_socket(info)
        cursor = _cursor(after)
        group = notification_group(socket.tenant_schema, socket.user.pk)
        seen = RecentIds()
        async with socket.listen(group, NOTIFICATION_CREATED) as incoming:
            # Listening already: whatever commits while the replay reads arrives afterwards.
            if cursor is not None:
                for notification in await socket.in_tenant(notifications_after, socket.user, cursor):
                    seen.add(notification.id)
                    yield NotificationType.from_live(notification)
            while True:
                live = notification_from_message(await incoming.get())
                if live is None or not seen.add(live.id):
                    continue
                yield NotificationType.from_live(live)

    @strawberry.subscription(
        description="How many of the signed-in person's notifications are unread: now, then each time "
        "it changes."
    )
    async def unread_count(self, info: Info) -> AsyncGenerator[int, None]:
        socket = live_socket(info)
        group = notification_group(socket.tenant_schema, socket.user.pk)
        async with socket.listen(group, NOTIFICATION_CREATED, NOTIFICATIONS_READ) as incoming:
            count = await socket.in_tenant(unread_count, socket.user)
            yield count
            while True:
                await incoming.get()
                while not incoming.empty():  # a burst is counted once
                    incoming.get_nowait()
                latest = await socket.in_tenant(unread_count, socket.user)
                if latest != count:
                    count = latest
                    yield count


__all__ = ["LiveSubscriptions", "RecentIds"]
