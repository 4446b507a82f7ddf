"""Request body size, enforced once for every HTTP request, before Django reads a byte of it.

An ASGI wrapper around Django: a declared Content-Length over the cap is refused at once; a
chunked body (no Content-Length) is read up to the cap and then handed on with its real length,
so Django's own limits and the upload views' size checks apply to it as to any other body
(without a length, Django would parse it as empty and an upload view would say "no file").
Over the cap the answer is JSON with code `request_too_large` and status 413.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

Scope = dict[str, Any]
Message = dict[str, Any]


def too_large_body() -> bytes:
    message = _("The request is too large.")
    return json.dumps(
        {"errors": [{"message": message, "extensions": {"code": "request_too_large"}}]}
    ).encode()


async def _send_too_large(send: Any) -> None:
    body = too_large_body()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimitMiddleware:
    def __init__(self, app: Any, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None:
            if declared > self.max_bytes:
                await _send_too_large(send)
                return
            await self.app(scope, self._counting(receive), send)
            return
        # No length: read the whole body now (Django buffers it anyway), up to the cap.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)  # a disconnect: Django sees it
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _send_too_large(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        headers = [*scope.get("headers", []), (b"content-length", str(size).encode())]
        body = b"".join(chunks)
        replay = _replay([{"type": "http.request", "body": body}], receive)
        await self.app({**scope, "headers": headers}, replay, send)

    def _counting(self, receive: Any) -> Any:
        """Stops a client that sends more than it declared from growing the body past the cap."""
        received = 0

        async def inner() -> Message:
            nonlocal received
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    return {"type": "http.disconnect"}
            return message

        return inner


def _replay(messages: list[Message], receive: Any) -> Any:
    """Gives the messages already read, then the real channel: Django keeps listening on it for
    the client's disconnect while the view runs, and must not be told of one that did not happen."""
    queue = list(messages)

    async def inner() -> Message:
        if queue:
            return queue.pop(0)
        message: Message = await receive()
        return message

    return inner
