"""Bodies too large and values the database refuses: JSON with a code, never an HTML page or a 500
(issue: defects found by a fuzzer)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from saas.api.errors import run_service
from saas.catalog.services.images import MAX_IMAGE_BYTES
from saas.core.body_limit import BodyLimitMiddleware
from saas.inventory.models import Warehouse
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.live import LiveServer, LiveSession
from tests.fixtures.tenants import PASSWORD, Workspace, World, client_for


def test_a_five_megabyte_graphql_document_is_a_413_with_a_code(alpha: Workspace) -> None:
    document = "{ me { id } }" + " " * (5 * 1024 * 1024)
    response = client_for(alpha, alpha.users["owner"]).post(
        "/graphql/", {"query": document}, content_type="application/json"
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "request_too_large"


def test_a_form_body_over_djangos_limit_is_a_413_with_a_code(alpha: Workspace) -> None:
    response = Client(HTTP_HOST=alpha.host).post(
        "/login/",
        "email=x&password=" + "p" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "request_too_large"


def test_control_characters_in_a_query_string_are_text_invalid(alpha: Workspace) -> None:
    client = client_for(alpha, alpha.users["manager"])
    response = client.get("/reports/order-statistics.csv", {"search": "a\x00b"})
    assert response.status_code == 400
    assert response.json()["errors"][0] == {
        "field": "search",
        "code": "text_invalid",
        "message": response.json()["errors"][0]["message"],
    }


def test_a_value_the_database_refuses_is_a_typed_error_and_nothing_is_written(in_alpha: Workspace) -> None:
    def too_long() -> Warehouse:
        with transaction.atomic():
            Warehouse.objects.create(code="OK1", name="first")
            return Warehouse.objects.create(code="X" * 500, name="second")

    before = Warehouse.objects.count()
    result, errors = run_service(too_long)
    assert result is None
    assert [error.code for error in errors] == ["value_out_of_range"]
    assert Warehouse.objects.count() == before


# --- the ASGI body limit, driven as daphne drives it ---------------------------------------------


async def _call(max_bytes: int, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        seen["headers"] = dict(scope["headers"])
        seen["body"] = body

    messages = [
        {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
        for index, chunk in enumerate(chunks)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/graphql/", "headers": headers}
    await BodyLimitMiddleware(app, max_bytes)(scope, receive, send)
    return {"app": seen, "sent": sent}


def test_a_chunked_body_reaches_django_with_its_real_length() -> None:
    result = asyncio.run(_call(100, [], [b"abc", b"defg"]))
    assert result["app"]["body"] == b"abcdefg"
    assert result["app"]["headers"][b"content-length"] == b"7"
    assert result["sent"] == []


@pytest.mark.parametrize(
    ("headers", "chunks"),
    [([(b"content-length", b"101")], [b"x" * 101]), ([], [b"x" * 60, b"x" * 60])],
    ids=["declared", "chunked"],
)
def test_a_body_over_the_cap_is_refused_before_django(headers: list, chunks: list[bytes]) -> None:
    result = asyncio.run(_call(100, headers, chunks))
    assert result["app"] == {}
    assert result["sent"][0]["status"] == 413
    assert json.loads(result["sent"][1]["body"])["errors"][0]["extensions"]["code"] == "request_too_large"


@pytest.mark.live
def test_a_chunked_upload_over_the_image_limit_gets_the_size_error(
    live_server: LiveServer, world: World
) -> None:
    session = LiveSession(live_server, world.alpha.host).login(world.alpha.email("manager"), PASSWORD)
    boundary = "sparrowboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    body = head + PNG_BYTES + b"\x00" * (MAX_IMAGE_BYTES + 100_000) + f"\r\n--{boundary}--\r\n".encode()

    def chunked():  # a generator body: requests sends it with Transfer-Encoding: chunked
        for start in range(0, len(body), 256 * 1024):
            yield body[start : start + 256 * 1024]

    response = session.http.post(
        session._url("/catalog/products/999999/images/"),
        data=chunked(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-CSRFToken": session.http.cookies.get("csrftoken", ""),
            "Referer": f"http://{session.host}/app/",
        },
    )
    assert response.status_code == 413, response.text[:300]
    assert response.json()["errors"][0]["code"] == "image_invalid"


@pytest.mark.live
def test_a_chunked_body_over_the_request_cap_is_refused(live_server: LiveServer, world: World) -> None:
    from django.conf import settings

    session = LiveSession(live_server, world.alpha.host)

    def chunked():
        block = b"x" * (1024 * 1024)
        for _ in range(settings.SPARROW_MAX_REQUEST_BYTES // len(block) + 2):
            yield block

    response = session.http.post(session._url("/graphql/"), data=chunked())
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "request_too_large"
