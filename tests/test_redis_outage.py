"""With Redis unreachable, people still sign in and work; sockets are refused cleanly; health says why
(issue: defects found in an outage). A real daphne started with a REDIS_URL nobody listens on."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator

import pytest
import requests
import websockets
from websockets.exceptions import ConnectionClosed

from saas.core.cache import ResilientRedisCache
from saas.realtime.consumer import TRY_AGAIN_LATER_CLOSE
from tests.fixtures.live import LiveServer, LiveSession, daphne_server
from tests.fixtures.tenants import PASSWORD, World

pytestmark = pytest.mark.live

DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: connection refused at once


@pytest.fixture(scope="module")
def redis_down_server(world: World) -> Iterator[LiveServer]:
    with daphne_server("redis-down-server", REDIS_URL=DEAD_REDIS, SPARROW_LOGIN_MAX_FAILURES="2") as server:
        yield server


def test_people_sign_in_and_work_while_redis_is_down(redis_down_server: LiveServer, world: World) -> None:
    session = LiveSession(redis_down_server, world.alpha.host).login(world.alpha.email("manager"), PASSWORD)
    assert session.graphql("{ me { email } }")["data"] == {"me": {"email": world.alpha.email("manager")}}


def test_the_throttle_still_counts_per_process_while_redis_is_down(
    redis_down_server: LiveServer, world: World
) -> None:
    session = LiveSession(redis_down_server, world.alpha.host)
    session.http.get(session._url("/login/"))

    def attempt(password: str) -> int:
        response = session.http.post(
            session._url("/login/"),
            data={
                "email": world.alpha.email("finance"),
                "password": password,
                "csrfmiddlewaretoken": session.http.cookies["csrftoken"],
            },
            headers={"Referer": f"http://{session.host}/login/"},
            allow_redirects=False,
        )
        return response.status_code

    assert [attempt("wrong"), attempt("wrong")] == [400, 400]
    assert attempt(PASSWORD) == 429  # locked after 2 failures, even with the right password


def test_a_socket_is_refused_cleanly_while_the_channel_layer_is_down(
    redis_down_server: LiveServer, world: World
) -> None:
    session = LiveSession(redis_down_server, world.alpha.host).login(world.alpha.email("sales"), PASSWORD)

    async def connect() -> int | None:
        socket = await websockets.connect(
            f"ws://{world.alpha.host}:{redis_down_server.port}/graphql/",
            host="127.0.0.1",
            port=redis_down_server.port,
            additional_headers={"Cookie": session.cookie_header},
            origin=f"http://{world.alpha.host}:{redis_down_server.port}",  # type: ignore[arg-type]
            subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
            open_timeout=10,
        )
        try:
            await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
            await asyncio.wait_for(socket.recv(), timeout=10)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None
        return None

    assert asyncio.run(connect()) == TRY_AGAIN_LATER_CLOSE


def test_health_reports_the_cache_down(redis_down_server: LiveServer) -> None:
    response = requests.get(redis_down_server.url("localhost", "/healthz"), timeout=15)
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "down"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_the_cache_asks_redis_again_after_the_retry_window(caplog: pytest.LogCaptureFixture) -> None:
    cache = ResilientRedisCache(DEAD_REDIS, {"OPTIONS": {"socket_connect_timeout": 1}})
    cache.retry_now()
    with caplog.at_level(logging.WARNING, logger="saas.core.cache"):
        cache.set("k", 1)  # Redis refuses: the value is kept in process memory
        assert cache.degraded and cache.get("k") == 1
        assert len(caplog.records) == 1  # within the window Redis is not asked again
        cache.retry_now()  # as when the window has passed
        assert cache.get("k") == 1
        assert len(caplog.records) == 2  # Redis was asked (and refused) again
