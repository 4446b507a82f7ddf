"""Messaging over GraphQL with the names of the contract (issue 16): conversationStart,
messageSend, conversations, conversationMessages, conversationMarkRead, messageRecall,
conversationMute, conversationParticipantsAdd; errors with their codes at GraphQL field paths;
another workspace's ids not found; people only; `conversations` in a fixed number of queries."""

from __future__ import annotations

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.partners import scopes as partner_scopes
from tests.fixtures.messaging import person, send, start
from tests.fixtures.partners import issue_key, key_client
from tests.fixtures.sales import Selling
from tests.fixtures.tenants import Workspace, client_for, graphql

START = """mutation($i: ConversationStartInput!) {
  conversationStart(input: $i) { conversation { id kind title } errors { field code message } } }"""
SEND = """mutation($i: MessageSendInput!) {
  messageSend(input: $i) { message { id text clientId cursor order { available number } } errors { field code } } }"""
CONVERSATIONS = """query($limit: Int, $offset: Int) {
  conversations(limit: $limit, offset: $offset) {
    totalCount unreadTotal
    items { id kind title unreadCount muted following order { number }
            participants { userId name lastReadMessageId }
            lastMessage { id text senderName images { url } order { available number } } } } }"""
MESSAGES = """query($id: ID!, $before: ID, $after: ID, $limit: Int) {
  conversationMessages(id: $id, before: $before, after: $after, limit: $limit) {
    hasMore items { id text recalled senderId } } }"""
READ = """mutation($id: ID!, $m: ID) {
  conversationMarkRead(id: $id, messageId: $m) { conversation { id unreadCount lastReadMessageId } errors { field code } } }"""
RECALL = (
    "mutation($id: ID!) { messageRecall(id: $id) { message { id text recalled } errors { field code } } }"
)
MUTE = """mutation($id: ID!, $muted: Boolean!) {
  conversationMute(id: $id, muted: $muted) { conversation { id muted } errors { field code } } }"""
ADD = """mutation($id: ID!, $users: [ID!]!) {
  conversationParticipantsAdd(id: $id, userIds: $users) { conversation { participants { userId } } errors { field code } } }"""


def _start(client, **fields):  # type: ignore[no-untyped-def]
    return graphql(client, START, {"i": fields})["data"]["conversationStart"]


def _send(client, conversation_id, text="", **fields):  # type: ignore[no-untyped-def]
    values = {"conversationId": conversation_id, "clientId": uuid.uuid4().hex, "text": text, **fields}
    return graphql(client, SEND, {"i": values})["data"]["messageSend"]


def test_two_people_talk_through_the_contract(in_alpha: Workspace) -> None:
    rep, manager = in_alpha.users["sales"], in_alpha.users["manager"]
    a, b = client_for(in_alpha, rep), client_for(in_alpha, manager)
    started = _start(a, participantIds=[str(manager.pk)], title="")
    assert started["errors"] == [] and started["conversation"]["kind"] == "DIRECT"
    chat = started["conversation"]["id"]
    assert _start(b, participantIds=[str(rep.pk)])["conversation"]["id"] == chat
    first = _send(a, chat, "王总，新品到了", clientId="web-1")
    assert first["errors"] == [] and first["message"]["clientId"] == "web-1"
    assert _send(a, chat, "重发", clientId="web-1")["message"]["id"] == first["message"]["id"]
    _send(a, chat, "要看样吗？")
    listed = graphql(b, CONVERSATIONS)["data"]["conversations"]
    assert (listed["totalCount"], listed["unreadTotal"]) == (1, 2)
    item = listed["items"][0]
    assert (item["id"], item["unreadCount"], item["lastMessage"]["text"]) == (chat, 2, "要看样吗？")
    assert {p["userId"] for p in item["participants"]} == {str(rep.pk), str(manager.pk)}
    history = graphql(b, MESSAGES, {"id": chat, "limit": 1})["data"]["conversationMessages"]
    assert history["hasMore"] and [m["text"] for m in history["items"]] == ["要看样吗？"]
    back = graphql(b, MESSAGES, {"id": chat, "before": history["items"][0]["id"]})["data"][
        "conversationMessages"
    ]
    assert [m["text"] for m in back["items"]] == ["王总，新品到了"] and not back["hasMore"]
    caught = graphql(b, MESSAGES, {"id": chat, "after": first["message"]["id"]})["data"][
        "conversationMessages"
    ]
    assert [m["text"] for m in caught["items"]] == ["要看样吗？"]
    read = graphql(b, READ, {"id": chat})["data"]["conversationMarkRead"]
    assert read["errors"] == [] and read["conversation"]["unreadCount"] == 0
    recalled = graphql(a, RECALL, {"id": first["message"]["id"]})["data"]["messageRecall"]
    assert recalled["message"] == {"id": first["message"]["id"], "text": "", "recalled": True}
    refused = graphql(b, RECALL, {"id": first["message"]["id"]})["data"]["messageRecall"]
    assert refused == {"message": None, "errors": [{"field": "id", "code": "recall_forbidden"}]}
    muted = graphql(b, MUTE, {"id": chat, "muted": True})["data"]["conversationMute"]
    assert muted["conversation"] == {"id": chat, "muted": True}


def test_errors_name_graphql_fields(in_alpha: Workspace) -> None:
    rep, manager = in_alpha.users["sales"], in_alpha.users["manager"]
    a = client_for(in_alpha, rep)
    assert _start(a, participantIds=[str(manager.pk), "99999999"])["errors"][0]["field"] == "participantIds.1"
    assert _start(a, participantIds=[])["errors"][0]["code"] == "participants_required"
    assert _start(a, orderId="99999999")["errors"][0] == {
        "field": "orderId",
        "code": "not_found",
        "message": "订单不存在。",
    }
    chat = _start(a, participantIds=[str(manager.pk)])["conversation"]["id"]
    assert _send(a, chat, "", clientId="x")["errors"] == [{"field": "text", "code": "message_empty"}]
    assert _send(a, chat, "hi", clientId="")["errors"] == [
        {"field": "clientId", "code": "client_id_required"}
    ]
    assert _send(a, chat, "hi", imageIds=["1"])["errors"] == [
        {"field": "imageIds.0", "code": "image_not_found"}
    ]
    assert _send(a, chat, "hi", orderId="99999999")["errors"] == [{"field": "orderId", "code": "not_found"}]
    assert _send(a, "99999999", "hi")["errors"] == [{"field": "conversationId", "code": "not_found"}]
    added = graphql(a, ADD, {"id": chat, "users": [str(in_alpha.users["finance"].pk)]})
    assert added["data"]["conversationParticipantsAdd"]["errors"] == [
        {"field": "id", "code": "conversation_not_group"}
    ]
    unread = graphql(a, READ, {"id": chat, "m": "12345678"})["data"]["conversationMarkRead"]
    assert unread["errors"] == [{"field": "messageId", "code": "not_found"}]
    bad_page = graphql(a, MESSAGES, {"id": chat, "limit": 500})
    assert bad_page["errors"][0]["extensions"]["code"] == "page_invalid"


def test_another_workspace_and_outsiders_find_nothing(in_alpha: Workspace, beta: Workspace) -> None:
    rep, manager = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(rep, manager)
    message = send(rep, chat, "内部价格")
    outsider = client_for(in_alpha, in_alpha.users["finance"])
    for client in (outsider, client_for(beta, beta.users["manager"])):
        answer = graphql(client, MESSAGES, {"id": str(chat.pk)})
        assert answer["data"] is None and answer["errors"][0]["extensions"]["code"] == "not_found"
        recall = graphql(client, RECALL, {"id": str(message.pk)})["data"]["messageRecall"]
        assert recall["errors"] == [{"field": "id", "code": "not_found"}]
        assert "内部价格" not in str(graphql(client, CONVERSATIONS))


def test_a_partner_key_is_refused_conversations_are_for_people(in_alpha: Workspace) -> None:
    issued = issue_key(in_alpha, *partner_scopes.ALL, name="erp")
    assert issued.secret is not None
    answer = graphql(key_client(in_alpha, issued.secret), CONVERSATIONS)
    assert answer["errors"][0]["extensions"]["code"] == "forbidden"


def test_an_order_thread_over_graphql_and_its_card(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    rep = client_for(selling.room.workspace, selling.rep)
    thread = _start(rep, orderId=str(order.pk))["conversation"]
    assert thread["kind"] == "THREAD"
    assert _start(rep, orderId=str(order.pk))["conversation"]["id"] == thread["id"]
    card = _send(rep, thread["id"], "", orderId=str(order.pk))
    assert card["message"]["order"] == {"available": True, "number": order.number}
    listed = graphql(rep, CONVERSATIONS)["data"]["conversations"]["items"][0]
    assert listed["order"]["number"] == order.number


def test_conversations_take_a_fixed_number_of_queries(selling: Selling) -> None:
    rep, manager = selling.rep, selling.manager
    viewer = client_for(selling.room.workspace, manager)

    def some_conversations(n: int) -> None:
        for _ in range(n):
            other = person("sales", "同事")
            chat = start(manager, other)
            order = selling.order([(selling.shirt, "1")], status="pending_review")
            send(other, chat, "看这单", order_id=None)
            group = start(rep, manager, other, title="群")
            send(rep, group, "群里说", order_id=str(order.pk))
            thread = start(manager, order=order)
            send(rep, thread, "线程")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            answer = graphql(viewer, CONVERSATIONS, {"limit": 100})["data"]["conversations"]
        assert answer["items"] and all(item["lastMessage"] for item in answer["items"])
        return len(captured)

    some_conversations(1)
    one = queries()
    some_conversations(4)
    assert queries() == one


def test_a_quotations_thread_over_graphql_is_named_by_its_number(
    in_alpha: Workspace, selling: Selling
) -> None:
    from saas.sales import services as sales
    from saas.sales.services.lines import LineInput

    quotation = sales.quotation_create(
        actor=selling.rep, customer_id=selling.customer.pk, lines=[LineInput(selling.shirt.pk, "1")]
    )
    rep = client_for(in_alpha, selling.rep)
    started = graphql(
        rep,
        """mutation($i: ConversationStartInput!) { conversationStart(input: $i) {
             conversation { id kind quotationId subjectNumber orderId order { number } } errors { field code } } }""",
        {"i": {"quotationId": str(quotation.pk)}},
    )["data"]["conversationStart"]
    assert started["errors"] == []
    assert {k: v for k, v in started["conversation"].items() if k != "id"} == {
        "kind": "THREAD",
        "quotationId": str(quotation.pk),
        "subjectNumber": quotation.number,
        "orderId": None,
        "order": None,
    }
    unknown = _start(rep, quotationId="99999999")
    assert unknown["conversation"] is None and [(e["field"], e["code"]) for e in unknown["errors"]] == [
        ("quotationId", "not_found")
    ]
