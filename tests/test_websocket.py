"""Live events over a real WebSocket to a real daphne: auth, host and origin checks, tenant isolation."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.fixtures.live import LiveServer, LiveSession
from tests.fixtures.tenants import PASSWORD

pytestmark = pytest.mark.live


async def open_socket(server: LiveServer, host: str, cookie: str = "", origin: str | None = None):
    headers = {"Cookie": cookie} if cookie else {}
    socket = await websockets.connect(
        f"ws://{host}:{server.port}/ws/events/",
        host="127.0.0.1",
        port=server.port,
        additional_headers=headers,
        origin=origin if origin is not None else f"http://{host}:{server.port}",  # type: ignore[arg-type]
        open_timeout=10,
    )
    return socket


async def next_event(socket, timeout: float = 5.0) -> dict:
    return json.loads(await asyncio.wait_for(socket.recv(), timeout))


async def no_event(socket, within: float = 1.0) -> bool:
    try:
        await asyncio.wait_for(socket.recv(), within)
    except TimeoutError:
        return True
    return False


def invite_mutation(email: str) -> tuple[str, dict]:
    return (
        "mutation($i: UserInviteInput!) { userInvite(input: $i) { user { id } errors { code } } }",
        {"i": {"email": email, "fullName": "实时测试", "roles": ["sales"]}},
    )


def test_an_event_for_workspace_a_reaches_a_and_never_b(live_server, world):
    alpha_admin = LiveSession(live_server, "alpha.localhost").login("admin@alpha.test", PASSWORD)
    alpha_owner = LiveSession(live_server, "alpha.localhost").login("owner@alpha.test", PASSWORD)
    beta_owner = LiveSession(live_server, "beta.localhost").login("owner@beta.test", PASSWORD)

    async def scenario() -> None:
        a = await open_socket(live_server, "alpha.localhost", alpha_owner.cookie_header)
        b = await open_socket(live_server, "beta.localhost", beta_owner.cookie_header)
        assert (await next_event(a))["kind"] == "hello"
        assert (await next_event(b))["kind"] == "hello"
        email = f"live-{uuid.uuid4().hex[:8]}@alpha.test"
        result = await asyncio.to_thread(alpha_admin.graphql, *invite_mutation(email))
        assert result["data"]["userInvite"]["errors"] == []
        event = await next_event(a)
        assert event["kind"] == "user.invited" and event["payload"]["email"] == email
        # Same user id (1) in beta, same kind of event: still nothing may arrive there.
        assert await no_event(b, within=1.5)
        await a.send(json.dumps({"kind": "ping"}))
        assert (await next_event(a))["kind"] == "pong"
        await a.close()
        await b.close()

    asyncio.run(scenario())


async def closed_with(socket) -> int | None:
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(socket.recv(), 5)
    return closed.value.rcvd.code if closed.value.rcvd else None


def test_unauthenticated_socket_is_closed_with_4401_so_the_app_can_show_login(live_server, world):
    async def scenario() -> None:
        socket = await open_socket(live_server, "alpha.localhost")
        assert await closed_with(socket) == 4401

    asyncio.run(scenario())


def test_unknown_host_socket_is_refused(live_server, world):
    owner = LiveSession(live_server, "alpha.localhost").login("owner@alpha.test", PASSWORD)

    async def scenario() -> None:
        with pytest.raises(InvalidStatus):
            await open_socket(live_server, "ghost.localhost", owner.cookie_header)

    asyncio.run(scenario())


def test_a_page_of_another_origin_cannot_open_a_socket_with_the_users_cookie(live_server, world):
    owner = LiveSession(live_server, "alpha.localhost").login("owner@alpha.test", PASSWORD)

    async def scenario() -> None:
        with pytest.raises(InvalidStatus):
            await open_socket(
                live_server, "alpha.localhost", owner.cookie_header, origin="http://beta.localhost"
            )

    asyncio.run(scenario())


def test_a_session_of_workspace_a_does_not_open_a_socket_on_b(live_server, world):
    owner = LiveSession(live_server, "alpha.localhost").login("owner@alpha.test", PASSWORD)

    async def scenario() -> None:
        socket = await open_socket(live_server, "beta.localhost", owner.cookie_header)
        assert await closed_with(socket) == 4401

    asyncio.run(scenario())


def test_deactivating_a_user_closes_their_open_socket(live_server, world):
    admin = LiveSession(live_server, "alpha.localhost").login("admin@alpha.test", PASSWORD)
    sales = LiveSession(live_server, "alpha.localhost").login("sales@alpha.test", PASSWORD)
    sales_id = world.alpha.users["sales"].pk

    async def scenario() -> None:
        socket = await open_socket(live_server, "alpha.localhost", sales.cookie_header)
        assert (await next_event(socket))["kind"] == "hello"
        result = await asyncio.to_thread(
            admin.graphql,
            "mutation($id: ID!) { userDeactivate(id: $id) { errors { code } } }",
            {"id": sales_id},
        )
        assert result["data"]["userDeactivate"]["errors"] == []
        assert (await next_event(socket))["kind"] == "session.revoked"
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), 5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403

    asyncio.run(scenario())
