"""What a subscription resolver may ask of the WebSocket it runs on (saas/realtime/consumer.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.accounts.models import User
from saas.core.errors import Forbidden

T = TypeVar("T")


class LiveSocket(Protocol):
    @property
    def tenant_schema(self) -> str: ...

    @property
    def user(self) -> User: ...

    async def in_tenant(self, function: Callable[..., T], *args: Any) -> T:
        """`function(*args)` on a database thread inside the socket's tenant schema."""
        ...

    def listen(self, group: str, *types: str) -> AbstractAsyncContextManager[asyncio.Queue[dict[str, Any]]]:
        """The messages of these types sent to the connection while the block holds `group`."""
        ...


def live_socket(info: Info) -> LiveSocket:
    """The socket a subscription runs on; a subscription sent any other way is refused."""
    context = info.context
    socket = context.get("live") if isinstance(context, dict) else None
    if socket is None:
        raise Forbidden(_("Subscribe over WebSocket at /graphql/."), code="subscriptions_over_websocket")
    return socket  # type: ignore[no-any-return]
