"""/ws/events/: pushes live events (notifications, account changes) to a signed-in user."""

from __future__ import annotations

import logging
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from saas.core.events import tenant_group, user_group
from saas.realtime.layers import is_outage

logger = logging.getLogger(__name__)

UNAUTHENTICATED_CLOSE = 4401
REVOKED_CLOSE = 4403
# Live events are unavailable (the channel layer is down): like RFC 6455's 1013 "try again later",
# in the application range that WebSocket servers let us send. The app reconnects with its usual
# backoff and works on without live events meanwhile.
TRY_AGAIN_LATER_CLOSE = 4503


class EventsConsumer(AsyncJsonWebsocketConsumer):
    groups_joined: list[str]

    async def connect(self) -> None:
        self.groups_joined = []
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            # Accept, then close with our code: a refused handshake reaches the browser only as
            # 1006, and the app could not tell "signed out" from "network down".
            await self.accept()
            await self.close(code=UNAUTHENTICATED_CLOSE)
            return
        schema = self.scope["tenant"].schema_name
        groups = [user_group(schema, user.pk), tenant_group(schema)]
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
        except Exception as exc:
            if not is_outage(exc):
                raise
            logger.warning("live events unavailable, socket refused: %s", exc)
            await self.accept()
            await self.close(code=TRY_AGAIN_LATER_CLOSE)
            return
        await self.accept()
        await self.send_json({"kind": "hello", "payload": {"userId": user.pk}})

    async def disconnect(self, code: int) -> None:
        for group in self.groups_joined:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception as exc:  # the layer expires the membership by itself
                if not is_outage(exc):
                    raise

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        # The socket only pushes; a client ping gets a pong so it can detect dead links.
        if isinstance(content, dict) and content.get("kind") == "ping":
            await self.send_json({"kind": "pong"})

    async def event_message(self, message: dict[str, Any]) -> None:
        await self.send_json(message["event"])

    async def session_revoked(self, message: dict[str, Any]) -> None:
        await self.send_json({"kind": "session.revoked", "payload": {}})
        await self.close(code=REVOKED_CLOSE)
