"""The WebSocket side of /graphql/: GraphQL subscriptions over graphql-transport-ws.

The outer middleware (saas/realtime/middleware.py) has refused unknown hosts and other origins
and put the tenant and the session's user in the scope. Here:

- the connection holds its user's group from the start, so a deactivation closes it at once
  (4403), whether or not a subscription is running;
- `connection_init` decides who is asking: the session's user, or (with the partner API) a key
  in `{"authorization": "Bearer <key>"}`; nobody is closed 4401 before any operation runs;
- only subscriptions run here (queries and mutations go over HTTP, where the tenant middleware,
  CSRF and the request guards apply);
- groups are reference-counted per connection (membership.py);
- while the channel layer is unreachable a new socket is closed 4503 ("try again later").

Every ORM hop runs `in_tenant`: one sync function that sets the tenant's schema first, because
channels runs every database_sync_to_async call of every consumer on one shared thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from channels.db import database_sync_to_async
from strawberry.channels import GraphQLWSConsumer
from strawberry.channels.handlers.base import ChannelsMessage
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)
from strawberry.types.unset import UNSET, UnsetType

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from saas.core.live import SESSION_REVOKED, notification_group
from saas.core.live import sender as live_sender
from saas.core.read_only import read_only_session, workspace_is_read_only
from saas.core.tenancy import tenant_context
from saas.realtime.layers import is_outage
from saas.realtime.membership import GroupMembership
from saas.realtime.middleware import user_for_bearer

logger = logging.getLogger(__name__)
T = TypeVar("T")

UNAUTHENTICATED_CLOSE = 4401
REVOKED_CLOSE = 4403
# Live delivery is unavailable (the channel layer is down): like RFC 6455's 1013 "try again
# later", in the application range. Clients back off and reconnect; the app works on meanwhile.
TRY_AGAIN_LATER_CLOSE = 4503
MAX_SUBSCRIPTIONS = 20


class SocketRefused(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _operation_type(query: str, operation_name: str | None) -> OperationType | None:
    """The type of the operation a subscribe message names; None when the document cannot say."""
    try:
        document = parse(query)
    except GraphQLError:
        return None
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    for node in operations:
        if operation_name is None and len(operations) == 1:
            return node.operation
        if node.name is not None and node.name.value == operation_name:
            return node.operation
    return None


class LiveTransportHandler(BaseGraphQLTransportWSHandler[dict[str, Any], None]):
    """graphql-transport-ws as strawberry speaks it, with our refusals and subscriptions only."""

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        try:
            await super().handle_connection_init(message)
        except SocketRefused as refused:
            await self.websocket.close(code=refused.code, reason=refused.reason)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        payload = message.get("payload")
        if (
            self.connection_acknowledged
            and message.get("id") not in self.operations
            and isinstance(payload, dict)
        ):
            kind = _operation_type(str(payload.get("query", "")), payload.get("operationName"))
            if kind is not None and kind != OperationType.SUBSCRIPTION:
                error = GraphQLError(
                    "Only subscriptions are served over WebSocket; send queries and mutations "
                    "to /graphql/ over HTTP.",
                    extensions={"code": "subscriptions_only"},
                )
                await self.send_message({"id": message["id"], "type": "error", "payload": [error.formatted]})
                return
        await super().handle_subscribe(message)


class LiveConsumer(GraphQLWSConsumer[dict[str, Any], None]):
    """One signed-in person's WebSocket; implements the `LiveSocket` the subscriptions use."""

    graphql_transport_ws_handler_class = LiveTransportHandler

    def __init__(self, schema: BaseSchema) -> None:
        super().__init__(
            schema,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=dt.timedelta(seconds=15),
            max_subscriptions_per_connection=MAX_SUBSCRIPTIONS,
        )
        self.handshake_sent = False

    # --- the LiveSocket the subscription resolvers see (saas/api/live/socket.py) ------------

    @property
    def tenant_schema(self) -> str:
        return str(self.scope["tenant"].schema_name)

    @property
    def user(self) -> Any:
        return self.scope["user"]

    async def in_tenant(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` on a database thread, inside this socket's tenant schema."""
        tenant = self.scope["tenant"]

        def run() -> T:
            with tenant_context(tenant):
                if workspace_is_read_only(tenant):  # suspended: the database refuses writes
                    with read_only_session():
                        return function(*args)
                return function(*args)

        result: T = await database_sync_to_async(run)()
        return result

    @contextlib.asynccontextmanager
    async def listen(self, group: str, *types: str) -> AsyncIterator[asyncio.Queue[dict[str, Any]]]:
        """Messages of these types for this connection, from the moment the block starts, while
        it holds a reference on `group`."""
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        # Registered before joining: nothing sent after the join can be missed.
        for message_type in types:
            self.listen_queues[message_type].add(queue)
        try:
            async with self.membership.holding(group):
                yield queue
        finally:
            for message_type in types:
                self.listen_queues[message_type].discard(queue)

    # --- connection lifecycle -----------------------------------------------------------------

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await super().__call__(scope, receive, send)
        except Exception as exc:
            # channels makes the consumer's channel before anything else; with Redis down that
            # raises, and daphne would answer the handshake with a 500 the app cannot read.
            if self.handshake_sent or not is_outage(exc):
                raise
            logger.warning("live delivery unavailable, socket refused: %s", exc)
            message = await receive()
            if message.get("type") == "websocket.connect":
                await send({"type": "websocket.accept", "subprotocol": self._subprotocol(scope)})
                await send({"type": "websocket.close", "code": TRY_AGAIN_LATER_CLOSE})

    def _subprotocol(self, scope: Any) -> str | None:
        offered = scope.get("subprotocols") or []
        return GRAPHQL_TRANSPORT_WS_PROTOCOL if GRAPHQL_TRANSPORT_WS_PROTOCOL in offered else None

    async def connect(self) -> None:
        # Messages from this process's sync code go onto this loop, where the sockets wait.
        live_sender.use_server_loop(asyncio.get_running_loop())
        self.membership = GroupMembership(self.channel_layer, self.channel_name)
        self.handshake_sent = True
        if self.user.is_authenticated:
            try:
                await self.membership.join(notification_group(self.tenant_schema, self.user.pk))
            except Exception as exc:
                if not is_outage(exc):
                    raise
                logger.warning("live delivery unavailable, socket refused: %s", exc)
                await self.accept(subprotocol=self._subprotocol(self.scope))
                await self.close(code=TRY_AGAIN_LATER_CLOSE)
                return
        await super().connect()

    async def on_ws_connect(self, context: dict[str, Any]) -> UnsetType:
        params = context.get("connection_params") or {}
        authorization = params.get("authorization") if isinstance(params, dict) else None
        if authorization is not None:
            # A key, not the cookie, speaks for this socket: never fall back to the session.
            actor = await self.in_tenant(user_for_bearer, str(authorization))
            if actor is None:
                raise SocketRefused(
                    UNAUTHENTICATED_CLOSE, "Live subscriptions are for people; keys use webhooks"
                )
            return UNSET
        if not self.user.is_authenticated:
            raise SocketRefused(UNAUTHENTICATED_CLOSE, "Not signed in")
        return UNSET

    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        return {"request": request, "ws": request, "live": self}

    async def dispatch(self, message: ChannelsMessage) -> None:
        if message.get("type") == SESSION_REVOKED:
            await self.close(code=REVOKED_CLOSE, reason="Session revoked")
            return
        await super().dispatch(message)

    async def disconnect(self, code: int) -> None:
        if self.run_task is not None:
            await super().disconnect(code)
        await self.membership.leave_all()
