"""Messaging over real WebSockets (the `gql` client on graphql-transport-ws against a live daphne
and its event worker): two people chat live (sent, read, recalled); workspace B never hears A's
messages; a distributor's person never hears another distributor's conversation nor the thread
of an order it cannot see, and cannot fetch its pictures; a person who may not see an order can
neither open nor subscribe to its thread; a client back from offline gets exactly what it
missed; a deactivated person is disconnected and cannot come back. Each side's first event
after the others' messages is its own, so nothing of theirs came before it."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from django.db import connections
from django_tenants.utils import tenant_context
from gql import GraphQLRequest, gql
from gql.transport.exceptions import TransportQueryError
from websockets.exceptions import ConnectionClosed

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.distribution.services import network
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import given_customer, given_order, given_stock
from tests.fixtures.live import LiveServer, LiveSession, _settle_events
from tests.fixtures.messaging import forget_messaging
from tests.fixtures.tenants import PASSWORD, Workspace, World
from tests.test_fieldsales_photos_upload import phone_photo
from tests.test_subscriptions import (
    UNREAD,
    acknowledged,
    close_code_after_init,
    next_of,
    raw_socket,
    subscriber,
)

pytestmark = pytest.mark.live

MESSAGES = gql(
    """subscription Messages($c: ID, $after: ID) {
  messages(conversationId: $c, after: $after) {
    kind conversationId cursor readerId lastReadMessageId
    message { id text recalled senderId order { available number } images { url } } } }"""
)
START = """mutation($i: ConversationStartInput!) {
  conversationStart(input: $i) { conversation { id } errors { field code } } }"""
SEND = """mutation($i: MessageSendInput!) { messageSend(input: $i) { message { id cursor } errors { field code } } }"""
READ = "mutation($id: ID!) { conversationMarkRead(id: $id) { errors { code } } }"
RECALL = "mutation($id: ID!) { messageRecall(id: $id) { errors { code } } }"


def _in(workspace: Workspace, blocker: Any, work: Any) -> Any:
    with blocker.unblock():
        try:
            with tenant_context(workspace.tenant):
                return work()
        finally:
            connections.close_all()  # this thread's own connection


@pytest.fixture
def forget_chats(world: World, django_db_blocker: Any) -> Iterator[None]:
    """Conversations the test committed through the server are removed again afterwards."""
    yield
    with django_db_blocker.unblock():
        try:
            _settle_events()
        finally:
            connections.close_all()
    _in(world.alpha, django_db_blocker, forget_messaging)
    _in(world.beta, django_db_blocker, forget_messaging)


def signed_in(server: LiveServer, workspace: Workspace, role_or_email: str) -> LiveSession:
    email = role_or_email if "@" in role_or_email else workspace.email(role_or_email)
    return LiveSession(server, workspace.host).login(email, PASSWORD)


def conversation(session: LiveSession, *people: int, order: Any = None) -> str:
    fields: dict[str, Any] = {"participantIds": [str(pk) for pk in people]}
    if order is not None:
        fields["orderId"] = str(order)
    answer = session.graphql(START, {"i": fields})["data"]["conversationStart"]
    assert answer["errors"] == [], answer
    return str(answer["conversation"]["id"])


def say(session: LiveSession, conversation_id: str, text: str, **fields: Any) -> dict:
    values = {"conversationId": conversation_id, "clientId": uuid.uuid4().hex, "text": text, **fields}
    answer = session.graphql(SEND, {"i": values})["data"]["messageSend"]
    assert answer["errors"] == [], answer
    return dict(answer["message"])


async def listening(session: Any, **variables: Any) -> tuple[AsyncIterator[Any], asyncio.Future[Any]]:
    """A running `messages` subscription and its first event to come, once the server listens:
    a later subscription on the same connection has answered (operations start in order)."""
    stream = session.subscribe(GraphQLRequest(MESSAGES, variable_values=variables))
    first = asyncio.ensure_future(next_of(stream, timeout=30))
    barrier = session.subscribe(UNREAD)
    await next_of(barrier)
    await barrier.aclose()
    return stream, first


async def event(stream: AsyncIterator[Any]) -> dict:
    return dict((await next_of(stream))["messages"])


def test_two_people_chat_live_and_another_workspace_hears_nothing(
    live_server: LiveServer, world: World, forget_chats: None
) -> None:
    rep, manager = (
        signed_in(live_server, world.alpha, "sales"),
        signed_in(live_server, world.alpha, "manager"),
    )
    beta_rep, beta_manager = (
        signed_in(live_server, world.beta, "sales"),
        signed_in(live_server, world.beta, "manager"),
    )
    chat = conversation(rep, world.alpha.users["manager"].pk)
    beta_chat = conversation(beta_rep, world.beta.users["manager"].pk)

    async def scenario() -> None:
        async with (
            subscriber(live_server, world.alpha.host, manager.cookie_header) as alpha_socket,
            subscriber(live_server, world.alpha.host, rep.cookie_header) as rep_socket,
            subscriber(live_server, world.beta.host, beta_manager.cookie_header) as beta_socket,
        ):
            alpha_stream, alpha_next = await listening(alpha_socket)
            rep_stream, rep_next = await listening(rep_socket, c=chat)
            beta_stream, beta_next = await listening(beta_socket)
            sent = await asyncio.to_thread(say, rep, chat, "王总，新品到了")
            heard = (await alpha_next)["messages"]
            assert (heard["kind"], heard["conversationId"], heard["message"]["text"]) == (
                "SENT",
                chat,
                "王总，新品到了",
            )
            assert (await rep_next)["messages"]["message"]["id"] == sent["id"]  # the sender's other devices
            # The same user ids in workspace B: B's first event is its own message.
            await asyncio.to_thread(say, beta_rep, beta_chat, "贝塔的消息")
            assert (await beta_next)["messages"]["message"]["text"] == "贝塔的消息"
            # The manager reads: the rep sees the receipt; the rep recalls: the manager sees it gone.
            await asyncio.to_thread(manager.graphql, READ, {"id": chat})
            receipt = await event(rep_stream)
            assert (receipt["kind"], receipt["readerId"], receipt["lastReadMessageId"]) == (
                "READ",
                str(world.alpha.users["manager"].pk),
                sent["id"],
            )
            assert (await event(alpha_stream))["kind"] == "READ"  # one's own receipt reaches one's devices
            await asyncio.to_thread(rep.graphql, RECALL, {"id": sent["id"]})
            recalled = await event(alpha_stream)
            assert recalled["kind"] == "RECALLED" and recalled["message"] == {
                **recalled["message"],
                "id": sent["id"],
                "text": "",
                "recalled": True,
            }
            # B heard none of it: its next event is its own again.
            await asyncio.to_thread(say, beta_rep, beta_chat, "贝塔第二条")
            assert (await event(beta_stream))["message"]["text"] == "贝塔第二条"
            for stream in (alpha_stream, rep_stream, beta_stream):
                await stream.aclose()

    asyncio.run(scenario())


@pytest.fixture
def two_distributors(world: World, django_db_blocker: Any, forget_chats: None) -> Iterator[dict[str, Any]]:
    """Alpha's distributor user belongs to A (with an order of its own); B is a person made here,
    of distributor B (with an order of B's)."""
    tag = uuid.uuid4().hex[:8].upper()
    b_email = f"b-{tag.lower()}@alpha.test"

    def build() -> dict[str, Any]:
        made = portal_network(tag, with_order=True)
        person = User.objects.create_user(email=b_email, password=PASSWORD, full_name="宁波经销商")
        person.roles.set(Role.objects.filter(code=scopes.DISTRIBUTOR))
        manager = User.objects.get(email=world.alpha.email("manager"))
        network.member_add(actor=manager, distributor_id=made["other"], user_id=person.pk)
        return {**made, "b_email": b_email, "b_person": person.pk}

    made = _in(world.alpha, django_db_blocker, build)
    yield made
    _in(world.alpha, django_db_blocker, forget_messaging)  # before the person made here goes
    _in(world.alpha, django_db_blocker, portal_release)


def fetch(session: LiveSession, url: str) -> int:
    return session.http.get(f"http://127.0.0.1:{session.server.port}{url}").status_code


def post_image(session: LiveSession, conversation_id: str) -> dict:
    response = session.http.post(
        f"http://127.0.0.1:{session.server.port}/messaging/images/",
        data={"conversationId": conversation_id},
        files={"file": ("IMG_1.jpg", phone_photo(7), "image/jpeg")},
        headers={
            "X-CSRFToken": session.http.cookies.get("csrftoken", ""),
            "Referer": f"http://{session.host}/app/",
        },
    )
    assert response.status_code == 201, response.text[:300]
    return dict(response.json()["image"])


def test_a_distributor_never_hears_another_distributors_conversation_or_order_thread(
    live_server: LiveServer, world: World, two_distributors: dict[str, Any]
) -> None:
    made = two_distributors
    manager = signed_in(live_server, world.alpha, "manager")
    a_person = signed_in(live_server, world.alpha, "distributor")
    b_person = signed_in(live_server, world.alpha, made["b_email"])
    with_b = conversation(manager, made["b_person"])
    b_thread = conversation(manager, order=made["other_order"])
    with_a = conversation(manager, world.alpha.users["distributor"].pk)
    a_thread = conversation(a_person, order=made["order"])
    # A cannot open B's order's thread: not found, like an order that does not exist.
    refused = a_person.graphql(START, {"i": {"orderId": str(made["other_order"])}})["data"][
        "conversationStart"
    ]
    assert refused == {"conversation": None, "errors": [{"field": "orderId", "code": "not_found"}]}

    async def scenario() -> None:
        async with (
            subscriber(live_server, world.alpha.host, a_person.cookie_header) as a_socket,
            subscriber(live_server, world.alpha.host, b_person.cookie_header) as b_socket,
        ):
            a_stream, a_next = await listening(a_socket)
            b_stream, b_next = await listening(b_socket)
            await asyncio.to_thread(say, manager, with_b, "宁波：返利已到账")
            await asyncio.to_thread(say, manager, b_thread, "宁波的订单明天发")
            picture = await asyncio.to_thread(post_image, manager, with_b)
            await asyncio.to_thread(say, manager, with_b, "", imageIds=[picture["id"]])
            told_b = (await b_next)["messages"]
            assert (told_b["conversationId"], told_b["message"]["text"]) == (with_b, "宁波：返利已到账")
            assert (await event(b_stream))["conversationId"] == b_thread
            assert (await event(b_stream))["message"]["images"][0]["url"] == picture["url"]
            # A's first event is its own conversation's message: none of B's came before it.
            await asyncio.to_thread(say, manager, with_a, "杭州：价格已更新")
            told_a = (await a_next)["messages"]
            assert (told_a["conversationId"], told_a["message"]["text"]) == (with_a, "杭州：价格已更新")
            await asyncio.to_thread(say, manager, a_thread, "杭州的订单已审核")
            assert (await event(a_stream))["conversationId"] == a_thread
            assert await asyncio.to_thread(fetch, a_person, picture["url"]) == 404
            assert await asyncio.to_thread(fetch, b_person, picture["url"]) == 200
            # Subscribing to B's thread by its id is not found.
            with pytest.raises(TransportQueryError) as refused_thread:
                await next_of(a_socket.subscribe(GraphQLRequest(MESSAGES, variable_values={"c": b_thread})))
            assert refused_thread.value.errors[0]["extensions"]["code"] == "not_found"
            for stream in (a_stream, b_stream):
                await stream.aclose()

    asyncio.run(scenario())


def _colleague(world: World, blocker: Any) -> tuple[str, int]:
    """A second sales rep of alpha (committed; removed after the test)."""
    email = f"rep-{uuid.uuid4().hex[:6]}@alpha.test"

    def make() -> int:
        colleague = User.objects.create_user(email=email, password=PASSWORD, full_name="同事")
        colleague.roles.set(Role.objects.filter(code="sales"))
        return int(colleague.pk)

    return email, _in(world.alpha, blocker, make)


def test_who_may_not_see_an_order_neither_opens_nor_hears_its_thread(
    live_server: LiveServer, world: World, django_db_blocker: Any, forget_chats: None
) -> None:
    email, colleague_id = _colleague(world, django_db_blocker)
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep_api = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    order = given_order(
        rep_api, given_customer(rep_api, f"线程{uuid.uuid4().hex[:6]}"), stock, [(stock["shirt"]["id"], "1")]
    )
    rep = signed_in(live_server, world.alpha, "sales")
    colleague = signed_in(live_server, world.alpha, email)
    thread = conversation(rep, order=order["id"])
    direct = conversation(rep, colleague_id)
    refused = colleague.graphql(START, {"i": {"orderId": order["id"]}})["data"]["conversationStart"]
    assert refused["errors"] == [{"field": "orderId", "code": "not_found"}]
    card = rep.graphql(SEND, {"i": {"conversationId": direct, "clientId": "card-1", "orderId": order["id"]}})
    assert card["data"]["messageSend"]["errors"] == []

    async def scenario() -> None:
        async with subscriber(live_server, world.alpha.host, colleague.cookie_header) as socket:
            with pytest.raises(TransportQueryError) as closed_thread:
                await next_of(socket.subscribe(GraphQLRequest(MESSAGES, variable_values={"c": thread})))
            assert closed_thread.value.errors[0]["extensions"]["code"] == "not_found"
            stream, first = await listening(socket, after="0")
            # The replay from the start: the order card in the direct conversation, unavailable.
            replayed = (await first)["messages"]
            assert replayed["conversationId"] == direct
            assert replayed["message"]["order"] == {"available": False, "number": None}
            await asyncio.to_thread(say, rep, thread, "这单客户要改地址")
            await asyncio.to_thread(say, rep, direct, "你那边有货吗")
            heard = await event(stream)
            assert (heard["conversationId"], heard["message"]["text"]) == (direct, "你那边有货吗")
            await stream.aclose()

    asyncio.run(scenario())


def test_a_client_back_from_offline_gets_exactly_what_it_missed(
    live_server: LiveServer, world: World, forget_chats: None
) -> None:
    rep, manager = (
        signed_in(live_server, world.alpha, "sales"),
        signed_in(live_server, world.alpha, "manager"),
    )
    chat = conversation(rep, world.alpha.users["manager"].pk)

    async def scenario() -> None:
        async with subscriber(live_server, world.alpha.host, manager.cookie_header) as socket:
            stream, first = await listening(socket)
            seen = await asyncio.to_thread(say, rep, chat, "第一条")
            heard = (await first)["messages"]
            assert heard["message"]["id"] == seen["id"]
            await stream.aclose()
        # Offline: two more, and the first one recalled.
        missed = [await asyncio.to_thread(say, rep, chat, text) for text in ("第二条", "第三条")]
        await asyncio.to_thread(rep.graphql, RECALL, {"id": seen["id"]})
        async with subscriber(live_server, world.alpha.host, manager.cookie_header) as socket:
            stream = socket.subscribe(GraphQLRequest(MESSAGES, variable_values={"after": heard["cursor"]}))
            replayed = [await event(stream) for _ in range(3)]
            assert [(e["kind"], e["message"]["id"]) for e in replayed] == [
                ("SENT", missed[0]["id"]),
                ("SENT", missed[1]["id"]),
                ("RECALLED", seen["id"]),
            ]
            later = await asyncio.to_thread(say, rep, chat, "第四条")
            live = await event(stream)
            assert (live["kind"], live["message"]["id"]) == ("SENT", later["id"])  # nothing twice
            cursors = [int(heard["cursor"]), *(int(e["cursor"]) for e in replayed), int(live["cursor"])]
            assert cursors == sorted(set(cursors))
            await stream.aclose()

    asyncio.run(scenario())


def test_a_deactivated_person_is_disconnected_and_cannot_come_back(
    live_server: LiveServer, world: World, forget_chats: None
) -> None:
    admin = signed_in(live_server, world.alpha, "admin")
    sales = signed_in(live_server, world.alpha, "sales")

    async def scenario() -> tuple[int | None, int | None]:
        socket = await raw_socket(live_server, world.alpha.host, sales.cookie_header)
        await acknowledged(socket)
        subscribe = {"query": "subscription { messages { kind } }"}
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
        code = closed.value.rcvd.code if closed.value.rcvd else None
        again = await raw_socket(live_server, world.alpha.host, sales.cookie_header)
        return code, (await close_code_after_init(again))[0]

    assert asyncio.run(scenario()) == (4403, 4401)
