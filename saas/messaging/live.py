"""What live delivery carries for messaging, on each person's own group (saas/core/live.py).

A message carries ids only, never text or pictures: the `messages` subscription reads the
message for its own person through the selectors (saas/messaging/selectors.py), so what arrives
on a socket is exactly what that person may see at that moment (an order card they may not
see stays unavailable; a conversation they left the fence of stays silent).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction

from saas.core.live import notification_group
from saas.core.live import sender as live_sender
from saas.core.tenancy import require_tenant_schema

# Message types on a person's group ("." may not start one).
MESSAGE_CHANGED = "messaging.changed"  # {"conversation_id", "message_id", "seq"}: sent or recalled
CONVERSATION_READ = "messaging.read"  # {"conversation_id", "user_id", "last_read_message_id"}


def _send(groups: list[str], message: dict[str, Any]) -> None:
    for group in groups:
        live_sender.send(group, message)


def push_on_commit(user_ids: Iterable[int], message: dict[str, Any]) -> None:
    """Send `message` to these people's open sockets once the transaction commits."""
    schema = require_tenant_schema()
    groups = [notification_group(schema, pk) for pk in sorted(set(user_ids))]
    if groups:
        transaction.on_commit(partial(_send, groups, message))


def message_changed(conversation_id: int, message_id: int, seq: int) -> dict[str, Any]:
    return {"type": MESSAGE_CHANGED, "conversation_id": conversation_id, "message_id": message_id, "seq": seq}


def conversation_read(conversation_id: int, user_id: int, last_read_message_id: int) -> dict[str, Any]:
    return {
        "type": CONVERSATION_READ,
        "conversation_id": conversation_id,
        "user_id": user_id,
        "last_read_message_id": last_read_message_id,
    }


def ids_of(message: dict[str, Any], *names: str) -> tuple[int, ...] | None:
    """The named ids of a live message as ints, or None when one is missing or malformed."""
    try:
        values = tuple(int(message[name]) for name in names)
    except (KeyError, TypeError, ValueError):
        return None
    return values
