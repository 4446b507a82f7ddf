"""Live delivery's contract: the group a user's notifications go to and the messages sent on it.

Whatever tells a person something live (the notification inbox's delivery consumer, the
revocation of a deactivated user's sockets) sends to `notification_group(schema, user_id)`;
the GraphQL subscriptions on `/graphql/` (saas/api/live, served by saas/realtime) listen there.
The group carries the tenant's schema, so a message of one workspace never reaches another's
socket even when both have the same user id.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from channels.layers import get_channel_layer
from django.db import transaction

from saas.core.tenancy import require_tenant_schema

logger = logging.getLogger(__name__)

# Message types on a user's group (channels calls them "type"; "." may not start one).
NOTIFICATION_CREATED = "notification.created"  # {"notification": LiveNotification.to_message()}
NOTIFICATIONS_READ = "notifications.read"  # the user's unread count changed: read or all read
SESSION_REVOKED = "session.revoked"  # the user was deactivated: close every socket at once


def notification_group(schema: str, user_id: int) -> str:
    """The channel-layer group a user's live messages are sent to, in one workspace. It carries
    the schema, so a message for one workspace never reaches a socket of another, even when both
    have a user with the same id."""
    return f"t.{schema}.user.{user_id}"


@dataclass(frozen=True)
class LiveNotification:
    """One notification as live delivery carries it: the inbox row's id is the cursor."""

    id: int
    kind: str
    title: str = ""
    body: str = ""
    link: str = ""
    created_at: str = ""  # ISO 8601 with its offset
    read: bool = False
    payload: dict[str, Any] = field(default_factory=dict)

    def to_message(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_message(cls, data: Any) -> LiveNotification | None:
        """The notification a message carries, or None for a malformed one (never raises)."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                id=int(data["id"]),
                kind=str(data["kind"]),
                title=str(data.get("title", "")),
                body=str(data.get("body", "")),
                link=str(data.get("link", "")),
                created_at=str(data.get("created_at", "")),
                read=bool(data.get("read", False)),
                payload=dict(data.get("payload") or {}),
            )
        except (KeyError, TypeError, ValueError):
            return None


def notification_from_message(message: dict[str, Any]) -> LiveNotification | None:
    """The notification in a message of the user's group, else None."""
    if message.get("type") == NOTIFICATION_CREATED:
        return LiveNotification.from_message(message.get("notification"))
    return None


SEND_TIMEOUT_SECONDS = 5.0
MAX_IN_FLIGHT = 2000  # sends queued on the loop before a caller waits for the oldest


class _Sender:
    """Publishes live messages from synchronous code (after-commit callbacks, jobs) in order.

    `async_to_sync` per message costs a thread hop, and outside a server (a job worker, a
    command) a new event loop per call, which the pub/sub layer meets with a new Redis
    connection each time: a thousand recipients took seconds. Here every message goes onto one
    loop, in order, without waiting for each: the server's own loop when this process serves
    sockets (the in-memory layer of the embedded default delivers only within the loop its
    sockets wait on), otherwise a private loop on a daemon thread, started on first use. What is
    still queued when the process exits is sent first (bounded), and a failure is logged: the
    inbox row is saved either way, and a client resuming with `after` gets it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server_loop: asyncio.AbstractEventLoop | None = None
        self._own_loop: asyncio.AbstractEventLoop | None = None
        self._in_flight: deque[concurrent.futures.Future[None]] = deque()

    def use_server_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._server_loop = loop

    def _loop(self) -> asyncio.AbstractEventLoop:
        if self._server_loop is not None and self._server_loop.is_running():
            return self._server_loop
        with self._lock:
            if self._own_loop is None:
                self._own_loop = asyncio.new_event_loop()
                threading.Thread(target=self._own_loop.run_forever, name="live-sender", daemon=True).start()
                atexit.register(self.drain)
            return self._own_loop

    def send(self, group: str, message: dict[str, Any]) -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        loop = self._loop()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:  # called on the loop itself
            loop.create_task(layer.group_send(group, message))
            return
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
        future.add_done_callback(partial(_log_failure, group))
        with self._lock:
            self._in_flight.append(future)
            while self._in_flight and self._in_flight[0].done():
                self._in_flight.popleft()
            oldest = self._in_flight[0] if len(self._in_flight) > MAX_IN_FLIGHT else None
        if oldest is not None:
            concurrent.futures.wait([oldest], timeout=SEND_TIMEOUT_SECONDS)

    def drain(self, timeout: float = SEND_TIMEOUT_SECONDS) -> None:
        """Wait (bounded) until what was queued has been sent."""
        with self._lock:
            pending = list(self._in_flight)
        concurrent.futures.wait(pending, timeout=timeout)


def _log_failure(group: str, future: concurrent.futures.Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("could not send a live message to %s", group, exc_info=future.exception())


sender = _Sender()


def _send(group: str, message: dict[str, Any]) -> None:
    sender.send(group, message)


def send_notification_on_commit(user_id: int, notification: LiveNotification) -> None:
    """Deliver a saved notification to the user's open sockets once the transaction commits."""
    group = notification_group(require_tenant_schema(), user_id)
    message = {"type": NOTIFICATION_CREATED, "notification": notification.to_message()}
    transaction.on_commit(partial(_send, group, message))


def send_notifications_read_on_commit(user_id: int) -> None:
    """Tell the user's sockets their unread count changed (a notification read, or all)."""
    group = notification_group(require_tenant_schema(), user_id)
    transaction.on_commit(partial(_send, group, {"type": NOTIFICATIONS_READ}))


def revoke_user_sockets_on_commit(user_id: int) -> None:
    """Close a deactivated user's open sockets once the deactivation is saved."""
    group = notification_group(require_tenant_schema(), user_id)
    transaction.on_commit(partial(_send, group, {"type": SESSION_REVOKED}))
