"""Messaging's rules at the service level: starting conversations (the existing one back), who may
talk with whom, sending once per clientId, empty and oversized messages, paging history back
and forward, read positions and unread counts, recall within two minutes, muting, and the one
notification per conversation until it is read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from saas.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from saas.core.models import LoggedEvent
from saas.messaging import selectors
from saas.messaging.message_services import message_recall, message_send
from saas.messaging.models import Conversation, ConversationKind, Message, Participant
from saas.messaging.presence import presence_enter, presence_leave
from saas.messaging.services import (
    conversation_mark_read,
    conversation_mute,
    conversation_participants_add,
    conversation_start,
)
from saas.notifications.models import Notification
from tests.fixtures.events import deliver_events
from tests.fixtures.messaging import person, send, start
from tests.fixtures.tenants import Workspace


def _code(exc: pytest.ExceptionInfo[DomainError]) -> tuple[str, str | None]:
    return exc.value.code, exc.value.field


def test_a_second_start_of_a_direct_conversation_returns_the_first(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    first = start(a, b)
    assert first.kind == ConversationKind.DIRECT
    assert start(b, a).pk == first.pk
    assert start(a, b, b).pk == first.pk  # a repeated id is one person
    assert Conversation.objects.filter(kind=ConversationKind.DIRECT).count() == 1
    assert set(Participant.objects.filter(conversation=first).values_list("user_id", flat=True)) == {
        a.pk,
        b.pk,
    }


def test_starting_needs_someone_else_who_exists(in_alpha: Workspace) -> None:
    a = in_alpha.users["sales"]
    with pytest.raises(InvalidInput) as nobody:
        start(a, a)
    assert _code(nobody) == ("participants_required", "participant_ids")
    with pytest.raises(InvalidInput) as unknown:
        conversation_start(actor=a, participant_ids=[str(in_alpha.users["manager"].pk), "99999999", "x"])
    assert _code(unknown) == ("participant_not_found", "participant_ids.1")
    gone = person()
    gone.is_active = False
    gone.save()
    with pytest.raises(InvalidInput) as inactive:
        start(a, gone)
    assert _code(inactive) == ("participant_not_found", "participant_ids.0")
    with pytest.raises(InvalidInput) as crowd:
        conversation_start(actor=a, participant_ids=[str(n) for n in range(101)])
    assert _code(crowd) == ("too_many_participants", "participant_ids")


def test_a_group_has_a_title_and_takes_people_a_direct_conversation_does_not(in_alpha: Workspace) -> None:
    a, b, c = in_alpha.users["sales"], in_alpha.users["manager"], in_alpha.users["finance"]
    group = start(a, b, c, title="  月底对账  ")
    assert (group.kind, group.title) == (ConversationKind.GROUP, "月底对账")
    send(a, group, "大家好")
    newcomer = in_alpha.users["warehouse"]
    conversation_participants_add(actor=b, conversation_id=group.pk, user_ids=[str(newcomer.pk)])
    joined = Participant.objects.get(conversation=group, user=newcomer)
    assert joined.last_read_message_id == group.messages.get().pk  # history, none of it unread
    direct = start(a, b)
    with pytest.raises(InvalidInput) as refused:
        conversation_participants_add(actor=a, conversation_id=direct.pk, user_ids=[str(c.pk)])
    assert _code(refused) == ("conversation_not_group", "id")
    with pytest.raises(InvalidInput) as long_title:
        start(a, b, c, title="群" * 61)
    assert _code(long_title) == ("too_long", "title")


def test_a_resend_with_the_same_client_id_is_the_same_message(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(a, b)
    first = send(a, chat, "明天发货吗？", client_id="phone-1")
    again = send(a, chat, "明天发货吗？（重发）", client_id="phone-1")
    assert again.pk == first.pk and again.text == "明天发货吗？"
    assert Message.objects.filter(conversation=chat).count() == 1
    assert LoggedEvent.objects.filter(name="message.sent", object_id=first.pk).count() == 1
    # The same device id from another person is another message.
    assert send(b, chat, "是的", client_id="phone-1").pk != first.pk
    other = start(a, in_alpha.users["finance"])
    with pytest.raises(InvalidInput) as reused:
        send(a, other, "串了", client_id="phone-1")
    assert _code(reused) == ("client_id_reused", "client_id")


def test_a_message_needs_a_client_id_and_something_to_say_within_limits(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(a, b)
    with pytest.raises(InvalidInput) as empty:
        send(a, chat, "   ")
    assert _code(empty) == ("message_empty", "text")
    with pytest.raises(InvalidInput) as no_id:
        message_send(actor=a, conversation_id=chat.pk, client_id=" ", text="hi")
    assert _code(no_id) == ("client_id_required", "client_id")
    with pytest.raises(InvalidInput) as long_id:
        send(a, chat, "hi", client_id="x" * 65)
    assert _code(long_id) == ("too_long", "client_id")
    with pytest.raises(InvalidInput) as long_text:
        send(a, chat, "字" * 2001)
    assert _code(long_text) == ("too_long", "text")
    assert len(send(a, chat, "字" * 2000).text) == 2000
    with pytest.raises(InvalidInput) as many:
        send(a, chat, "图", image_ids=[str(n) for n in range(10)])
    assert _code(many) == ("too_many_images", "image_ids")
    with pytest.raises(InvalidInput) as unknown_image:
        send(a, chat, "图", image_ids=["12345678"])
    assert _code(unknown_image) == ("image_not_found", "image_ids.0")
    with pytest.raises(NotFound) as elsewhere:
        message_send(actor=in_alpha.users["finance"], conversation_id=chat.pk, client_id="c", text="偷看")
    assert _code(elsewhere) == ("not_found", "conversation_id")


def test_history_pages_back_with_before_and_catches_up_with_after(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(a, b)
    sent = [send(a if n % 2 else b, chat, f"第{n}条").pk for n in range(45)]
    latest = selectors.conversation_messages(actor=b, conversation_id=chat.pk)
    assert [m.pk for m in latest.items] == sent[-30:] and latest.has_more
    back = selectors.conversation_messages(actor=b, conversation_id=chat.pk, before=sent[-30], limit=30)
    assert [m.pk for m in back.items] == sent[:15] and not back.has_more
    caught = selectors.conversation_messages(actor=b, conversation_id=chat.pk, after=sent[9], limit=20)
    assert [m.pk for m in caught.items] == sent[10:30] and caught.has_more
    rest = selectors.conversation_messages(actor=b, conversation_id=chat.pk, after=sent[29], limit=20)
    assert [m.pk for m in rest.items] == sent[30:] and not rest.has_more
    for bad in ({"limit": 0}, {"limit": 101}):
        with pytest.raises(InvalidInput) as page:
            selectors.conversation_messages(actor=b, conversation_id=chat.pk, **bad)
        assert page.value.code == "page_invalid"
    with pytest.raises(InvalidInput) as cursor:
        selectors.conversation_messages(actor=b, conversation_id=chat.pk, before="x")
    assert _code(cursor) == ("id_invalid", "before")


def test_unread_counts_follow_read_positions_which_only_move_forward(in_alpha: Workspace) -> None:
    a, b, c = in_alpha.users["sales"], in_alpha.users["manager"], in_alpha.users["finance"]
    chat = start(a, b)
    group = start(a, b, c, title="群")
    first, second, third = (send(a, chat, text) for text in ("一", "二", "三"))
    send(a, group, "群消息")
    page = selectors.conversation_page(actor=b)
    assert {view.pk: view.unread_count for view in page.items} == {chat.pk: 3, group.pk: 1}
    assert page.unread_total == 4
    answer = send(b, chat, "收到")  # sending reads up to one's own message; it is never unread for b
    assert selectors.conversation_get(actor=b, conversation_id=chat.pk).unread_count == 0
    assert selectors.conversation_page(actor=b).unread_total == 1
    # a read up to "三" by sending it: marking "二" read does not move back
    conversation_mark_read(actor=a, conversation_id=chat.pk, message_id=second.pk)
    mine = selectors.conversation_get(actor=a, conversation_id=chat.pk)
    assert (mine.last_read_message_id, mine.unread_count) == (third.pk, 1)
    conversation_mark_read(actor=a, conversation_id=chat.pk)
    assert selectors.conversation_get(actor=a, conversation_id=chat.pk).unread_count == 0
    # read receipts: c sees how far b has read the group
    conversation_mark_read(actor=b, conversation_id=group.pk)
    receipts = {
        p.user_id: p.last_read_message_id
        for p in selectors.conversation_get(actor=c, conversation_id=group.pk).participants
    }
    assert receipts[b.pk] == group.messages.get().pk and receipts[c.pk] == 0
    # a recalled message is not unread
    recalled = send(a, group, "发错了")
    message_recall(actor=a, message_id=recalled.pk)
    assert selectors.conversation_get(actor=b, conversation_id=group.pk).unread_count == 0
    with pytest.raises(NotFound) as foreign:
        conversation_mark_read(actor=b, conversation_id=group.pk, message_id=first.pk)
    assert _code(foreign) == ("not_found", "message_id")
    assert answer.pk > third.pk


def test_a_recall_within_two_minutes_keeps_the_message_without_its_content(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(a, b)
    message = send(a, chat, "价格报错了")
    seq = message.seq
    with pytest.raises(Forbidden) as theirs:
        message_recall(actor=b, message_id=message.pk)
    assert _code(theirs) == ("recall_forbidden", "id")
    recalled = message_recall(actor=a, message_id=message.pk)
    assert recalled.recalled_at is not None and recalled.text == "" and recalled.seq > seq
    view = selectors.conversation_messages(actor=b, conversation_id=chat.pk).items[-1]
    assert (view.pk, view.text, view.recalled_at is not None) == (message.pk, "", True)
    assert message_recall(actor=a, message_id=message.pk).seq == recalled.seq  # again: nothing changes
    assert LoggedEvent.objects.filter(name="message.recalled", object_id=message.pk).count() == 1
    late = send(a, chat, "两分钟前")
    Message.objects.filter(pk=late.pk).update(created_at=timezone.now() - timedelta(minutes=2, seconds=1))
    with pytest.raises(InvalidInput) as window:
        message_recall(actor=a, message_id=late.pk)
    assert _code(window) == ("recall_window_passed", "id")
    assert Message.objects.get(pk=late.pk).text == "两分钟前"
    with pytest.raises(NotFound) as outsider:
        message_recall(actor=in_alpha.users["finance"], message_id=late.pk)
    assert _code(outsider) == ("not_found", "id")
    # No text of a message is ever in the append-only event log.
    assert all("text" not in row.payload for row in LoggedEvent.objects.filter(name__startswith="message."))


def _told(user_id: int, conversation: Conversation) -> list[Notification]:
    return list(
        Notification.objects.filter(
            user_id=user_id, object_type="conversation", object_id=conversation.pk
        ).order_by("id")
    )


def test_someone_away_is_told_once_per_conversation_until_they_read_it(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(a, b)
    send(a, chat, "在吗")
    send(a, chat, "看下订单")
    deliver_events()
    told = _told(b.pk, chat)
    assert len(told) == 1 and told[0].kind == "message.sent" and told[0].read_at is None
    assert told[0].link == f"/chat/{chat.pk}" and "看下订单" not in told[0].title + told[0].body
    assert _told(a.pk, chat) == []  # the sender is not told of their own
    conversation_mark_read(actor=b, conversation_id=chat.pk)
    assert _told(b.pk, chat)[0].read_at is not None  # reading the conversation reads its notification
    send(a, chat, "还有一件事")
    deliver_events()
    assert [n.read_at is None for n in _told(b.pk, chat)] == [False, True]


def test_a_muted_conversation_and_a_present_person_tell_no_one(in_alpha: Workspace) -> None:
    a, b, c = in_alpha.users["sales"], in_alpha.users["manager"], in_alpha.users["finance"]
    group = start(a, b, c, title="群")
    conversation_mute(actor=b, conversation_id=group.pk, muted=True)
    presence_enter(c.pk)  # c has the chat open
    send(a, group, "周会改到三点")
    deliver_events()
    assert _told(b.pk, group) == [] and _told(c.pk, group) == []
    presence_leave(c.pk)
    conversation_mute(actor=b, conversation_id=group.pk, muted=False)
    send(a, group, "别忘了")
    deliver_events()
    assert len(_told(b.pk, group)) == 1 and len(_told(c.pk, group)) == 1


def test_a_message_recalled_before_delivery_tells_no_one(in_alpha: Workspace) -> None:
    a, b = in_alpha.users["sales"], in_alpha.users["manager"]
    chat = start(a, b)
    message = send(a, chat, "发错人了")
    message_recall(actor=a, message_id=message.pk)
    deliver_events()
    assert _told(b.pk, chat) == []
