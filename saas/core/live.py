"""Live delivery's contract: the group a user's notifications go to and the messages sent on it.

Whatever tells a person something live (today the after-commit events of `saas/core/events.py`,
next the notification inbox's delivery consumer) sends to `notification_group(schema, user_id)`;
the GraphQL subscriptions on `/graphql/` (saas/api/live, served by saas/realtime) listen there.
The group carries the tenant's schema, so a message of one workspace never reaches another's
socket even when both have the same user id.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from saas.core.events import user_group
from saas.core.tenancy import require_tenant_schema

logger = logging.getLogger(__name__)

# Message types on a user's group (channels calls them "type"; "." may not start one).
NOTIFICATION_CREATED = "notification.created"  # {"notification": LiveNotification.to_message()}
NOTIFICATIONS_READ = "notifications.read"  # the user's unread count changed: read or all read
LEGACY_EVENT = "event.message"  # {"event": {"kind", "payload"}} from events.send_to_users_on_commit
SESSION_REVOKED = "session.revoked"  # the user was deactivated: close every socket at once


def notification_group(schema: str, user_id: int) -> str:
    """The channel-layer group a user's live notifications are sent to, in one workspace."""
    return user_group(schema, user_id)


@dataclass(frozen=True)
class LiveNotification:
    """One notification as live delivery carries it: the inbox row's id is the cursor.

    `id` 0 marks a live event that has no inbox row (the after-commit events that precede the
    inbox): it is delivered as it comes, never replayed, never deduplicated.
    """

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
    """The notification in a message of the user's group (new or legacy shape), else None."""
    if message.get("type") == NOTIFICATION_CREATED:
        return LiveNotification.from_message(message.get("notification"))
    if message.get("type") == LEGACY_EVENT:
        event = message.get("event")
        if isinstance(event, dict) and isinstance(event.get("kind"), str):
            payload = event.get("payload")
            return LiveNotification(
                id=0, kind=event["kind"], payload=payload if isinstance(payload, dict) else {}
            )
    return None


def _send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # live delivery is best effort: the inbox row is saved, a reconnect replays it
        logger.exception("could not send a live notification to %s", group)


def send_notification_on_commit(user_id: int, notification: LiveNotification) -> None:
    """Deliver a saved notification to the user's open sockets once the transaction commits."""
    group = notification_group(require_tenant_schema(), user_id)
    message = {"type": NOTIFICATION_CREATED, "notification": notification.to_message()}
    transaction.on_commit(partial(_send, group, message))


def send_notifications_read_on_commit(user_id: int) -> None:
    """Tell the user's sockets their unread count changed (a notification read, or all)."""
    group = notification_group(require_tenant_schema(), user_id)
    transaction.on_commit(partial(_send, group, {"type": NOTIFICATIONS_READ}))
