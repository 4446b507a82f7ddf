"""Live events to users over WebSocket, sent only after the transaction commits.

Group names carry the tenant's schema, so an event for one workspace can never be delivered
to a socket of another, even when both use the same user id.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from saas.core.tenancy import require_tenant_schema

logger = logging.getLogger(__name__)


def user_group(schema: str, user_id: int) -> str:
    return f"t.{schema}.user.{user_id}"


def tenant_group(schema: str) -> str:
    return f"t.{schema}.all"


def _send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:  # a live event is best effort; the data it announces is already saved
        logger.exception("could not send event to %s", group)


def send_to_users_on_commit(user_ids: list[int], kind: str, payload: dict[str, Any]) -> None:
    schema = require_tenant_schema()
    message = {"type": "event.message", "event": {"kind": kind, "payload": payload}}
    for user_id in user_ids:
        transaction.on_commit(partial(_send, user_group(schema, user_id), message))


def revoke_user_sockets_on_commit(user_id: int) -> None:
    """Close a deactivated user's open sockets once the deactivation is saved."""
    schema = require_tenant_schema()
    group = user_group(schema, user_id)
    transaction.on_commit(lambda: _send(group, {"type": "session.revoked"}))
