"""The GraphQL shapes of conversations and messages, built from the selectors' views."""

from __future__ import annotations

from datetime import datetime

import strawberry

from saas.api.choices import ChoiceEnum
from saas.api.sales.enums import SalesOrderStatus
from saas.messaging.models import ConversationKind as Kinds
from saas.messaging.selectors import (
    ContactPage,
    ConversationPage,
    ConversationView,
    ImageView,
    MessagePage,
    MessageView,
    OrderCard,
    ParticipantView,
)
from saas.messaging.subjects import QUOTATION


class ConversationKind(
    ChoiceEnum,
    choices=Kinds,
    describe={
        "direct": "Two people.",
        "group": "More people, with a title.",
        "thread": "The conversation on a document (an order), seen by whoever may see the document.",
    },
):
    """What a conversation is."""


SENT, RECALLED, READ = "sent", "recalled", "read"


class MessageEventKind(
    ChoiceEnum,
    choices=[SENT, RECALLED, READ],
    describe={
        SENT: "A new message (`message`).",
        RECALLED: "A message was recalled (`message`, without its text, pictures or card).",
        READ: "Someone read the conversation up to a message (`readerId`, `lastReadMessageId`).",
    },
):
    """What happened in a conversation, as the `messages` subscription tells it."""


def _id(pk: int | None) -> strawberry.ID | None:
    return strawberry.ID(str(pk)) if pk else None


@strawberry.type(
    name="OrderCard",
    description="An order shown in a conversation. Whoever may not see the order gets `available: false` "
    "and nothing else of it.",
)
class OrderCardType:
    order_id: strawberry.ID = strawberry.field(description="The order the card shows.")
    available: bool = strawberry.field(description="Whether the viewer may see the order.")
    number: str | None = strawberry.field(description="SO-2026-000123; null when unavailable.")
    status: SalesOrderStatus | None = strawberry.field(
        description="Where it is in its flow; null when unavailable."
    )
    customer_name: str | None = strawberry.field(description="Its customer; null when unavailable.")

    @classmethod
    def of(cls, card: OrderCard | None) -> OrderCardType | None:
        if card is None:
            return None
        return cls(
            order_id=strawberry.ID(str(card.order_id)),
            available=card.available,
            number=card.number if card.available else None,
            status=SalesOrderStatus(card.status) if card.available else None,
            customer_name=card.customer_name if card.available else None,
        )


@strawberry.type(
    name="MessageImage", description="A picture of a message, served behind the conversation's visibility."
)
class MessageImageType:
    id: strawberry.ID = strawberry.field(description="The picture's id.")
    url: str = strawberry.field(description="The JPEG (at most 2048 px), on the workspace's host.")
    thumbnail_url: str = strawberry.field(description="Its 320 px copy, for the conversation's list.")
    width: int = strawberry.field(description="Of the JPEG, in pixels.")
    height: int = strawberry.field(description="Of the JPEG, in pixels.")

    @classmethod
    def of(cls, image: ImageView) -> MessageImageType:
        return cls(
            id=strawberry.ID(str(image.pk)),
            url=image.url,
            thumbnail_url=image.thumbnail_url,
            width=image.width,
            height=image.height,
        )


@strawberry.type(name="Message", description="A message of a conversation, as the viewer may see it.")
class MessageType:
    id: strawberry.ID = strawberry.field(description="Its id; ids increase in the order messages were sent.")
    conversation_id: strawberry.ID = strawberry.field(description="Its conversation.")
    cursor: strawberry.ID = strawberry.field(
        description="Its latest change (sent, recalled) among the workspace's message changes: the "
        "`messages` subscription resumes `after` it."
    )
    sender_id: strawberry.ID = strawberry.field(description="Who sent it.")
    sender_name: str = strawberry.field(description="Their name.")
    client_id: str | None = strawberry.field(
        description="The sending device's clientId; only its sender sees it (null for everyone else)."
    )
    text: str = strawberry.field(description="What it says; empty for a picture or card alone, or recalled.")
    images: list[MessageImageType] = strawberry.field(description="Its pictures, in order.")
    order: OrderCardType | None = strawberry.field(description="The order card it shows, if any.")
    created_at: datetime = strawberry.field(description="When the server received it.")
    recalled: bool = strawberry.field(
        description="Its sender recalled it (撤回): text, pictures and card are gone."
    )
    recalled_at: datetime | None = strawberry.field(description="When it was recalled.")

    @classmethod
    def of(cls, view: MessageView) -> MessageType:
        return cls(
            id=strawberry.ID(str(view.pk)),
            conversation_id=strawberry.ID(str(view.conversation_id)),
            cursor=strawberry.ID(str(view.seq)),
            sender_id=strawberry.ID(str(view.sender_id)),
            sender_name=view.sender_name,
            client_id=view.client_id or None,
            text=view.text,
            images=[MessageImageType.of(image) for image in view.images],
            order=OrderCardType.of(view.order),
            created_at=view.created_at,
            recalled=view.recalled_at is not None,
            recalled_at=view.recalled_at,
        )


@strawberry.type(
    name="ConversationParticipant", description="A person in a conversation and how far they have read."
)
class ParticipantType:
    user_id: strawberry.ID = strawberry.field(description="The person.")
    name: str = strawberry.field(description="Their name.")
    last_read_message_id: strawberry.ID | None = strawberry.field(
        description="The last message they have read (read receipts); null: none yet."
    )

    @classmethod
    def of(cls, view: ParticipantView) -> ParticipantType:
        return cls(
            user_id=strawberry.ID(str(view.user_id)),
            name=view.name,
            last_read_message_id=_id(view.last_read_message_id),
        )


@strawberry.type(
    name="Conversation",
    description="A conversation: direct, a group, or the thread of a document (an order, a quotation).",
)
class ConversationType:
    id: strawberry.ID = strawberry.field(description="The conversation's id.")
    kind: ConversationKind = strawberry.field(description="Direct, group or thread.")
    title: str = strawberry.field(
        description="A group's title; empty for others (show the people or the order)."
    )
    order_id: strawberry.ID | None = strawberry.field(description="A thread's order.")
    order: OrderCardType | None = strawberry.field(description="A thread's order as a card.")
    quotation_id: strawberry.ID | None = strawberry.field(description="A thread's quotation.")
    subject_number: str = strawberry.field(
        description="A thread's document number (SO-…, QT-…), as the caller may see it; empty for others."
    )
    participants: list[ParticipantType] = strawberry.field(
        description="Its people (a thread's: those who follow it), in the order they joined."
    )
    last_message: MessageType | None = strawberry.field(description="Its latest message.")
    unread_count: int = strawberry.field(
        description="Messages of others after the caller's read position, recalled ones not counted."
    )
    last_read_message_id: strawberry.ID | None = strawberry.field(
        description="The caller's read position; null: nothing read."
    )
    muted: bool = strawberry.field(description="The caller muted it: no notifications of it.")
    following: bool = strawberry.field(
        description="The caller takes part (a thread they may see but never opened: false)."
    )
    created_at: datetime = strawberry.field(description="When it was started.")
    last_activity_at: datetime = strawberry.field(description="Its last message's time, or its start's.")

    @classmethod
    def of(cls, view: ConversationView) -> ConversationType:
        return cls(
            id=strawberry.ID(str(view.pk)),
            kind=ConversationKind(view.kind),
            title=view.title,
            order_id=_id(view.order.order_id) if view.order is not None else None,
            order=OrderCardType.of(view.order),
            quotation_id=_id(view.subject_id) if view.subject_type == QUOTATION else None,
            subject_number=view.subject_number,
            participants=[ParticipantType.of(p) for p in view.participants],
            last_message=MessageType.of(view.last_message) if view.last_message is not None else None,
            unread_count=view.unread_count,
            last_read_message_id=_id(view.last_read_message_id),
            muted=view.muted,
            following=view.following,
            created_at=view.created_at,
            last_activity_at=view.last_activity_at,
        )


@strawberry.type(
    name="ConversationPage", description="A page of the caller's conversations, latest activity first."
)
class ConversationPageType:
    total_count: int = strawberry.field(description="Conversations the caller takes part in.")
    unread_total: int = strawberry.field(description="Unread messages in all of them (the badge).")
    items: list[ConversationType] = strawberry.field(description="This page's conversations.")

    @classmethod
    def of(cls, page: ConversationPage) -> ConversationPageType:
        return cls(
            total_count=page.total_count,
            unread_total=page.unread_total,
            items=[ConversationType.of(view) for view in page.items],
        )


@strawberry.type(name="MessagePage", description="A page of a conversation's history, oldest first.")
class MessagePageType:
    items: list[MessageType] = strawberry.field(description="The messages, oldest first.")
    has_more: bool = strawberry.field(
        description="More messages lie beyond this page in the direction it was read (before the first, or "
        "after the last with `after`)."
    )

    @classmethod
    def of(cls, page: MessagePage) -> MessagePageType:
        return cls(items=[MessageType.of(view) for view in page.items], has_more=page.has_more)


@strawberry.type(
    name="MessageEvent",
    description="Something that happened in one of the caller's conversations, as the `messages` "
    "subscription tells it.",
)
class MessageEventType:
    kind: MessageEventKind = strawberry.field(description="Sent, recalled, or read.")
    conversation_id: strawberry.ID = strawberry.field(description="The conversation.")
    cursor: strawberry.ID | None = strawberry.field(
        description="Resume the subscription `after` this; null for read receipts, which are not replayed "
        "(the conversations' read positions say where everyone is)."
    )
    message: MessageType | None = strawberry.field(description="The message sent or recalled.")
    reader_id: strawberry.ID | None = strawberry.field(description="Who read (read receipts).")
    last_read_message_id: strawberry.ID | None = strawberry.field(description="How far they have read.")

    @classmethod
    def of_message(cls, view: MessageView) -> MessageEventType:
        return cls(
            kind=MessageEventKind(RECALLED if view.recalled_at is not None else SENT),
            conversation_id=strawberry.ID(str(view.conversation_id)),
            cursor=strawberry.ID(str(view.seq)),
            message=MessageType.of(view),
            reader_id=None,
            last_read_message_id=None,
        )

    @classmethod
    def of_read(cls, conversation_id: int, user_id: int, last_read: int) -> MessageEventType:
        return cls(
            kind=MessageEventKind(READ),
            conversation_id=strawberry.ID(str(conversation_id)),
            cursor=None,
            message=None,
            reader_id=strawberry.ID(str(user_id)),
            last_read_message_id=_id(last_read),
        )


__all__ = [
    "ConversationKind",
    "ConversationPageType",
    "ConversationType",
    "MessageEventKind",
    "MessageEventType",
    "MessagePageType",
    "MessageType",
]


@strawberry.type(name="ChatContact", description="Someone the caller may start a conversation with.")
class ChatContactType:
    user_id: strawberry.ID = strawberry.field(
        description="The person: pass it in conversationStart's participantIds."
    )
    name: str = strawberry.field(description="Their name.")
    distributor_name: str = strawberry.field(
        description="The distributor they belong to; empty for the workspace's own staff."
    )


@strawberry.type(name="ChatContactPage", description="A page of people to talk with, by name.")
class ChatContactPageType:
    total_count: int = strawberry.field(description="People matching the search.")
    items: list[ChatContactType] = strawberry.field(description="This page's people.")

    @classmethod
    def of(cls, page: ContactPage) -> ChatContactPageType:
        return cls(
            total_count=page.total_count,
            items=[
                ChatContactType(
                    user_id=strawberry.ID(str(one.user_id)),
                    name=one.name,
                    distributor_name=one.distributor_name,
                )
                for one in page.items
            ],
        )
