"""GraphQL subscriptions on the WebSocket side of /graphql/, with real clients against a real daphne:
the `gql` library (graphql-transport-ws) for what a partner's or the app's client does, and plain
`websockets` for the handshake and the close codes. Tenant isolation, row visibility, refusals,
revocation, and two subscriptions on one connection."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
import websockets
from django.db import connections
from django_tenants.utils import tenant_context
from gql import Client, GraphQLRequest, gql
from gql.transport.websockets import WebsocketsTransport
from websockets.exceptions import ConnectionClosed, InvalidStatus

from saas.accounts.models import Role, User
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import APPROVE, SUBMIT, given_customer, given_order, given_stock
from tests.fixtures.live import LiveServer, LiveSession, _settle_events
from tests.fixtures.tenants import PASSWORD, World

pytestmark = pytest.mark.live

PROTOCOL = "graphql-transport-ws"
NOTIFICATIONS = gql("subscription Live($after: ID) { notifications(after: $after) { id kind payload } }")
UNREAD = gql("subscription Unread { unreadCount }")
INVITE = "mutation($i: UserInviteInput!) { userInvite(input: $i) { user { id } errors { code } } }"


def _origin(server: LiveServer, host: str) -> str:
    return f"http://{host}:{server.port}"


@asynccontextmanager
async def subscriber(server: LiveServer, host: str, cookie: str) -> AsyncIterator[Any]:
    """A gql session over one WebSocket, signed in by the session cookie as a browser is."""
    transport = WebsocketsTransport(
        url=f"ws://{host}:{server.port}/graphql/",
        headers={"Cookie": cookie},
        subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL],
        connect_args={"host": "127.0.0.1", "port": server.port, "origin": _origin(server, host)},
    )
    async with Client(transport=transport, fetch_schema_from_transport=False) as session:
        yield session


async def next_of(stream: AsyncIterator[Any], timeout: float = 10.0) -> Any:
    return await asyncio.wait_for(anext(stream), timeout)


async def listening(session: Any) -> tuple[AsyncIterator[Any], asyncio.Future[Any]]:
    """A running `notifications` subscription and its first result to come. Returns once the
    server is listening: a later subscription on the same connection (unreadCount) has
    answered, and the server starts a connection's operations in the order they came."""
    stream = session.subscribe(NOTIFICATIONS)
    first = asyncio.ensure_future(next_of(stream, timeout=30))
    barrier = session.subscribe(UNREAD)
    await next_of(barrier)
    await barrier.aclose()
    return stream, first


async def raw_socket(server: LiveServer, host: str, cookie: str = "", origin: str | None = None) -> Any:
    return await websockets.connect(
        f"ws://{host}:{server.port}/graphql/",
        host="127.0.0.1",
        port=server.port,
        additional_headers={"Cookie": cookie} if cookie else {},
        origin=origin if origin is not None else _origin(server, host),  # type: ignore[arg-type]
        subprotocols=[PROTOCOL],  # type: ignore[list-item]
        open_timeout=10,
    )


async def close_code_after_init(socket: Any, payload: dict | None = None) -> tuple[int | None, str]:
    await socket.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
    with pytest.raises(ConnectionClosed) as closed:
        while True:
            await asyncio.wait_for(socket.recv(), 10)
    received = closed.value.rcvd
    return (received.code, received.reason) if received else (None, "")


async def acknowledged(socket: Any) -> None:
    await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await asyncio.wait_for(socket.recv(), 10))["type"] == "connection_ack"


def invite(session: LiveSession, domain: str) -> str:
    email = f"live-{uuid.uuid4().hex[:8]}@{domain}"
    result = session.graphql(INVITE, {"i": {"email": email, "fullName": "实时测试", "roles": ["sales"]}})
    assert result["data"]["userInvite"]["errors"] == []
    return email


def test_an_event_of_workspace_a_reaches_a_and_never_b(live_server, world: World) -> None:
    alpha_admin = LiveSession(live_server, world.alpha.host).login(world.alpha.email("admin"), PASSWORD)
    alpha_owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)
    beta_admin = LiveSession(live_server, world.beta.host).login(world.beta.email("admin"), PASSWORD)
    beta_owner = LiveSession(live_server, world.beta.host).login(world.beta.email("owner"), PASSWORD)

    async def scenario() -> None:
        async with (
            subscriber(live_server, world.alpha.host, alpha_owner.cookie_header) as a,
            subscriber(live_server, world.beta.host, beta_owner.cookie_header) as b,
        ):
            a_stream, a_next = await listening(a)
            b_stream, b_next = await listening(b)
            # Same user ids in both workspaces, same kind of event: alpha's goes to alpha only.
            alpha_email = await asyncio.to_thread(invite, alpha_admin, "alpha.test")
            told = await a_next
            assert told["notifications"]["kind"] == "user.invited"
            assert told["notifications"]["payload"]["email"] == alpha_email
            beta_email = await asyncio.to_thread(invite, beta_admin, "beta.test")
            # Beta's first notification is beta's own invite: alpha's never reached it.
            assert (await b_next)["notifications"]["payload"]["email"] == beta_email
            await a_stream.aclose()
            await b_stream.aclose()

    asyncio.run(scenario())


def _second_rep(world: World, django_db_blocker: Any) -> str:
    """A colleague of alpha's sales rep, with the same role (committed; removed after the test)."""
    email = f"rep-{uuid.uuid4().hex[:6]}@alpha.test"
    with django_db_blocker.unblock(), tenant_context(world.alpha.tenant):
        colleague = User.objects.create_user(email=email, password=PASSWORD, full_name="同事")
        colleague.roles.set(Role.objects.filter(code="sales"))
    return email


def test_a_rep_is_not_told_of_a_colleagues_order(live_server, world: World, django_db_blocker) -> None:
    colleague_email = _second_rep(world, django_db_blocker)
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep_api = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    colleague = LiveSession(live_server, world.alpha.host).login(colleague_email, PASSWORD)
    manager_api = Api(live_server, world.alpha.host, world.alpha.email("manager"))
    customer = given_customer(rep_api, f"实时{uuid.uuid4().hex[:6]}")
    order = given_order(rep_api, customer, stock, [(stock["shirt"]["id"], "1")])
    rep_api(SUBMIT, {"id": order["id"]})

    async def scenario() -> None:
        async with (
            subscriber(live_server, world.alpha.host, rep_api.cookie) as rep,
            subscriber(live_server, world.alpha.host, colleague.cookie_header) as other,
        ):
            rep_stream, rep_next = await listening(rep)
            other_stream, other_next = await listening(other)
            await asyncio.to_thread(manager_api, APPROVE, {"id": order["id"]})
            told = (await rep_next)["notifications"]
            assert told["kind"] == "sales_order.approved" and told["payload"]["number"] == order["number"]
            # Same role, same workspace, the same moment: the colleague hears nothing of it.
            with pytest.raises(TimeoutError):
                await asyncio.wait_for(asyncio.shield(other_next), 1.5)
            other_next.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await other_next
            await rep_stream.aclose()
            await other_stream.aclose()

    asyncio.run(scenario())


def test_two_subscriptions_on_one_connection_one_completes_the_other_still_receives(
    live_server, world: World
) -> None:
    admin = LiveSession(live_server, world.alpha.host).login(world.alpha.email("admin"), PASSWORD)
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> None:
        async with subscriber(live_server, world.alpha.host, owner.cookie_header) as session:
            first, first_next = await listening(session)
            second, second_next = await listening(session)
            email = await asyncio.to_thread(invite, admin, "alpha.test")
            assert (await first_next)["notifications"]["payload"]["email"] == email
            assert (await second_next)["notifications"]["payload"]["email"] == email
            await first.aclose()  # the client sends "complete": the server ends that subscription
            await next_of(session.subscribe(UNREAD))  # answered after the completion was handled
            later = await asyncio.to_thread(invite, admin, "alpha.test")
            assert (await next_of(second))["notifications"]["payload"]["email"] == later
            await second.aclose()

    asyncio.run(scenario())


def test_a_client_back_from_offline_gets_exactly_what_it_missed_then_live(
    live_server, world: World, django_db_blocker
) -> None:
    admin = LiveSession(live_server, world.alpha.host).login(world.alpha.email("admin"), PASSWORD)
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    def settled() -> None:  # the worker has written every inbox row of what was committed
        with django_db_blocker.unblock():
            try:
                _settle_events()
            finally:
                connections.close_all()  # this thread's own connection

    async def scenario() -> None:
        async with subscriber(live_server, world.alpha.host, owner.cookie_header) as session:
            stream, first = await listening(session)
            seen = await asyncio.to_thread(invite, admin, "alpha.test")
            told = (await first)["notifications"]
            assert told["payload"]["email"] == seen
            await stream.aclose()
        # Offline: two more invitations, their inbox rows written meanwhile.
        missed = [await asyncio.to_thread(invite, admin, "alpha.test") for _ in range(2)]
        await asyncio.to_thread(settled)
        async with subscriber(live_server, world.alpha.host, owner.cookie_header) as session:
            stream = session.subscribe(GraphQLRequest(NOTIFICATIONS, variable_values={"after": told["id"]}))
            replayed = [(await next_of(stream))["notifications"] for _ in missed]
            assert [n["payload"]["email"] for n in replayed] == missed
            later = await asyncio.to_thread(invite, admin, "alpha.test")
            live = (await next_of(stream))["notifications"]
            # The next one is the new one: nothing replayed comes again when its live copy lands.
            assert live["payload"]["email"] == later
            ids = [int(told["id"]), *(int(n["id"]) for n in replayed), int(live["id"])]
            assert ids == sorted(set(ids))
            await stream.aclose()

    asyncio.run(scenario())


def test_the_unread_count_is_sent_at_once(live_server, world: World) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> None:
        async with subscriber(live_server, world.alpha.host, owner.cookie_header) as session:
            stream = session.subscribe(UNREAD)
            assert isinstance((await next_of(stream))["unreadCount"], int)
            await stream.aclose()

    asyncio.run(scenario())


def test_only_subscriptions_run_over_the_socket(live_server, world: World) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> dict:
        socket = await raw_socket(live_server, world.alpha.host, owner.cookie_header)
        await acknowledged(socket)
        query = {"query": "{ me { email } }"}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": query}))
        answer = json.loads(await asyncio.wait_for(socket.recv(), 10))
        await socket.close()
        return dict(answer)

    answer = asyncio.run(scenario())
    assert answer["type"] == "error" and answer["id"] == "1"
    assert answer["payload"][0]["extensions"]["code"] == "subscriptions_only"


def test_a_malformed_cursor_is_an_error_not_a_crash(live_server, world: World) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> dict:
        socket = await raw_socket(live_server, world.alpha.host, owner.cookie_header)
        await acknowledged(socket)
        payload = {"query": 'subscription { notifications(after: "x1") { id } }'}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        answer = json.loads(await asyncio.wait_for(socket.recv(), 10))
        await socket.close()
        return dict(answer)

    answer = asyncio.run(scenario())
    errors = answer["payload"] if answer["type"] == "error" else answer["payload"]["errors"]
    assert errors[0].get("extensions", {}).get("code") == "id_invalid", answer


def test_a_signed_out_socket_is_closed_4401_before_any_operation(live_server, world: World) -> None:
    async def scenario() -> tuple[int | None, str]:
        return await close_code_after_init(await raw_socket(live_server, world.alpha.host))

    assert asyncio.run(scenario())[0] == 4401


def test_a_session_of_workspace_a_opens_nothing_on_b(live_server, world: World) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> tuple[int | None, str]:
        return await close_code_after_init(
            await raw_socket(live_server, world.beta.host, owner.cookie_header)
        )

    assert asyncio.run(scenario())[0] == 4401


def test_a_bearer_key_is_refused_until_api_keys_exist_even_with_a_session(live_server, world: World) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> tuple[int | None, str]:
        socket = await raw_socket(live_server, world.alpha.host, owner.cookie_header)
        return await close_code_after_init(socket, {"authorization": "Bearer sk_live_nothing"})

    assert asyncio.run(scenario())[0] == 4401


def test_an_unknown_host_socket_is_refused(live_server, world: World) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> None:
        with pytest.raises(InvalidStatus):
            await raw_socket(live_server, "ghost.localhost", owner.cookie_header)

    asyncio.run(scenario())


def test_a_page_of_another_origin_cannot_open_a_socket_with_the_users_cookie(
    live_server, world: World
) -> None:
    owner = LiveSession(live_server, world.alpha.host).login(world.alpha.email("owner"), PASSWORD)

    async def scenario() -> None:
        with pytest.raises(InvalidStatus):
            await raw_socket(
                live_server, world.alpha.host, owner.cookie_header, origin="http://beta.localhost"
            )

    asyncio.run(scenario())


def test_deactivating_a_user_closes_their_open_socket_at_once(live_server, world: World) -> None:
    admin = LiveSession(live_server, world.alpha.host).login(world.alpha.email("admin"), PASSWORD)
    sales = LiveSession(live_server, world.alpha.host).login(world.alpha.email("sales"), PASSWORD)

    async def scenario() -> int | None:
        socket = await raw_socket(live_server, world.alpha.host, sales.cookie_header)
        await acknowledged(socket)
        subscribe = {"query": "subscription { notifications { id } }"}
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
        result = await asyncio.to_thread(
            admin.graphql,
            "mutation($id: ID!) { userDeactivate(id: $id) { errors { code } } }",
            {"id": world.alpha.users["sales"].pk},
        )
        assert result["data"]["userDeactivate"]["errors"] == []
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                await asyncio.wait_for(socket.recv(), 10)
        return closed.value.rcvd.code if closed.value.rcvd else None

    assert asyncio.run(scenario()) == 4403
