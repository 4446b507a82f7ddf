"""The `messages` subscription: what happens in the caller's conversations, live.

It listens on the person's own group first (saas/messaging/live.py says what arrives there:
ids only), then, with `after`, replays the message changes it missed (up to 500; more is paged
with conversationMessages(after)), then streams; a change is sent once even when its replay and
its live copy both arrive. Every message is read for this person at the moment it is sent
(saas/messaging/selectors.message_view_for), so visibility is applied on every delivery, not
only when the subscription starts. While it runs the person counts as present for the inbox
rule (saas/messaging/presence.py). A deactivated person's socket is closed (saas/realtime).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Annotated, Any

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.live.socket import live_socket
from saas.api.live.subscriptions import RecentIds
from saas.api.messaging.types import MessageEventType
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.core.live import notification_group
from saas.messaging.access import chatter_of
from saas.messaging.live import CONVERSATION_READ, MESSAGE_CHANGED, ids_of
from saas.messaging.presence import RENEW_SECONDS, presence_enter, presence_leave, presence_renew
from saas.messaging.selectors import conversation_visible_to, message_changes_after, message_view_for
from saas.messaging.services import conversation_follow


def _optional_id(value: strawberry.ID | None, field: str, message: str) -> int | None:
    if value is None:
        return None
    pk = parse_id(value)
    if pk is None:
        raise InvalidInput(message, code="id_invalid", field=field)
    return pk


def _opening(user: Any, conversation_id: int | None, after: int | None) -> list[Any]:
    """Inside the tenant: follow the named conversation (a thread one may see), and read what
    was missed after the cursor."""
    if conversation_id is not None:
        conversation_follow(actor=user, conversation_id=conversation_id)
    if after is None:
        return []
    return message_changes_after(chatter_of(user), after_seq=after, conversation_id=conversation_id)


@strawberry.type
class MessagingSubscriptions:
    @strawberry.subscription(
        description="New messages, recalls and read receipts in the signed-in person's conversations (all of "
        "them, or the one named), as they happen. With `after` (the last event's cursor), first the messages "
        "sent or recalled since (up to 500), then live ones, each once. Naming a thread follows it."
    )
    async def messages(
        self,
        info: Info,
        conversation_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Only this conversation; null: all of them."),
        ] = None,
        after: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="Resume after this cursor (MessageEvent.cursor, Message.cursor)."
            ),
        ] = None,
    ) -> AsyncGenerator[MessageEventType, None]:
        socket = live_socket(info)
        user = socket.user
        only = _optional_id(conversation_id, "conversationId", _("Conversation not found."))
        cursor = _optional_id(after, "after", _("This is not a cursor."))
        group = notification_group(socket.tenant_schema, user.pk)
        seen = RecentIds()
        async with socket.listen(group, MESSAGE_CHANGED, CONVERSATION_READ) as incoming:
            # Listening already: whatever commits while the replay reads arrives afterwards.
            missed = await socket.in_tenant(_opening, user, only, cursor)
            await socket.in_tenant(presence_enter, user.pk)
            try:
                for view in missed:
                    seen.add(view.seq)
                    yield MessageEventType.of_message(view)
                while True:
                    try:
                        message = await asyncio.wait_for(incoming.get(), RENEW_SECONDS)
                    except TimeoutError:
                        await socket.in_tenant(presence_renew, user.pk)
                        continue
                    event = await socket.in_tenant(_event_for, user, message, only)
                    if event is None:
                        continue
                    if event.cursor is not None and not seen.add(int(event.cursor)):
                        continue
                    yield event
            finally:
                await socket.in_tenant(presence_leave, user.pk)


def _event_for(user: Any, message: dict[str, Any], only: int | None) -> MessageEventType | None:
    """The event a live message means for this person now, or None (not theirs to see)."""
    if message.get("type") == MESSAGE_CHANGED:
        ids = ids_of(message, "conversation_id", "message_id")
        if ids is None or (only is not None and ids[0] != only):
            return None
        view = message_view_for(user, ids[1], ids[0])
        return MessageEventType.of_message(view) if view is not None else None
    ids = ids_of(message, "conversation_id", "user_id", "last_read_message_id")
    if ids is None or (only is not None and ids[0] != only) or not conversation_visible_to(user, ids[0]):
        return None
    return MessageEventType.of_read(*ids)
