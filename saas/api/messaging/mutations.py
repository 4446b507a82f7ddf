"""Mutations: start a conversation, send and recall messages, read, mute, add people.

Payloads answer `conversation` / `message` through the selectors (as the caller may see them),
only when asked for, so a mutation's resolver calls its one service.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from saas.api.errors import FieldError, run_service
from saas.api.messaging.types import ConversationType, MessageType
from saas.api.permissions import current_user
from saas.messaging import message_services, selectors, services
from saas.messaging.models import Participant

ConversationId = Annotated[strawberry.ID, strawberry.argument(description="The conversation.")]


@strawberry.input(
    description="Start a conversation: with one person (direct; the existing one is returned), with more "
    "(a group), or the thread of an order (`orderId`) or a quotation (`quotationId`; the existing thread is "
    "returned, and the caller follows it)."
)
class ConversationStartInput:
    participant_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list,
        description="The people to talk with (at most 100; the caller is always in). A distributor's "
        "person may name staff and people of its own distributor; people of two distributors never "
        "share a conversation. For a thread: people to bring in, each able to see the order.",
    )
    title: str | None = strawberry.field(default=None, description="A group's title (at most 60 characters).")
    order_id: strawberry.ID | None = strawberry.field(
        default=None, description="The order whose thread to open; the caller must be able to see it."
    )
    quotation_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="The quotation whose thread to open (instead of an order: both is subject_ambiguous); "
        "the caller must be able to see it.",
    )


@strawberry.input(description="A message: text, pictures, an order card, or any of them.")
class MessageSendInput:
    conversation_id: strawberry.ID = strawberry.field(description="The conversation.")
    client_id: str = strawberry.field(
        description="The sending device's id for this message (at most 64 characters): a resend with the "
        "same clientId returns the first message, so a message sent twice after a lost answer is one."
    )
    text: str | None = strawberry.field(default=None, description="What it says (at most 2,000 characters).")
    image_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Pictures uploaded to this conversation (POST /messaging/images/): at most 9, each the "
        "sender's and in no other message, else image_not_found.",
    )
    order_id: strawberry.ID | None = strawberry.field(
        default=None, description="An order to show as a card; the sender must be able to see it."
    )


@strawberry.type(description="The conversation after a change, or the errors.")
class ConversationPayload:
    errors: list[FieldError] = strawberry.field(description="What was wrong; empty when it worked.")
    conversation_id: strawberry.Private[int | None]

    @strawberry.field(description="The conversation as the caller sees it; null when refused.")
    def conversation(self, info: Info) -> ConversationType | None:
        if self.conversation_id is None:
            return None
        return ConversationType.of(
            selectors.conversation_get(actor=current_user(info), conversation_id=self.conversation_id)
        )


@strawberry.type(description="The message after a change, or the errors.")
class MessagePayload:
    errors: list[FieldError] = strawberry.field(description="What was wrong; empty when it worked.")
    message_id: strawberry.Private[int | None]

    @strawberry.field(description="The message as the caller sees it; null when refused.")
    def message(self, info: Info) -> MessageType | None:
        if self.message_id is None:
            return None
        return MessageType.of(selectors.message_get(actor=current_user(info), message_id=self.message_id))


def _conversation(call: Any) -> ConversationPayload:
    row, errors = run_service(call)
    if row is None:
        return ConversationPayload(errors=errors, conversation_id=None)
    # Starting or adding answers the conversation; reading and muting, the caller's part in it.
    conversation_id = row.conversation_id if isinstance(row, Participant) else row.pk
    return ConversationPayload(errors=errors, conversation_id=conversation_id)


def _message(call: Any) -> MessagePayload:
    row, errors = run_service(call)
    return MessagePayload(errors=errors, message_id=row.pk if row is not None else None)


@strawberry.type
class MessagingMutations:
    @strawberry.mutation(
        description="Start a conversation, or find the one that exists (direct, or an order's thread)."
    )
    def conversation_start(self, info: Info, input: ConversationStartInput) -> ConversationPayload:
        return _conversation(
            lambda: services.conversation_start(
                actor=current_user(info),
                participant_ids=input.participant_ids,
                title=input.title,
                order_id=input.order_id,
                quotation_id=input.quotation_id,
            )
        )

    @strawberry.mutation(
        description="Send a message (once per clientId). Its people hear of it live; those away are notified, "
        "once per conversation until they read it, unless they muted it."
    )
    def message_send(self, info: Info, input: MessageSendInput) -> MessagePayload:
        return _message(
            lambda: message_services.message_send(
                actor=current_user(info),
                conversation_id=input.conversation_id,
                client_id=input.client_id,
                text=input.text,
                image_ids=input.image_ids or [],
                order_id=input.order_id,
            )
        )

    @strawberry.mutation(
        description="Recall (撤回) a message you sent, within two minutes: it stays as recalled, its text, "
        "pictures and card gone (recall_window_passed after that, recall_forbidden for another's)."
    )
    def message_recall(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The message.")]
    ) -> MessagePayload:
        return _message(lambda: message_services.message_recall(actor=current_user(info), message_id=id))

    @strawberry.mutation(
        description="You have read the conversation up to a message (by default its last): your read "
        "position moves forward only, the others see it live, and your notification of it is read."
    )
    def conversation_mark_read(
        self,
        info: Info,
        id: ConversationId,
        message_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Read up to this message; null: the last.")
        ] = None,
    ) -> ConversationPayload:
        return _conversation(
            lambda: services.conversation_mark_read(
                actor=current_user(info), conversation_id=id, message_id=message_id
            )
        )

    @strawberry.mutation(description="Mute (no notifications) or unmute a conversation, for yourself only.")
    def conversation_mute(
        self,
        info: Info,
        id: ConversationId,
        muted: Annotated[bool, strawberry.argument(description="True to mute, false to unmute.")] = True,
    ) -> ConversationPayload:
        return _conversation(
            lambda: services.conversation_mute(actor=current_user(info), conversation_id=id, muted=muted)
        )

    @strawberry.mutation(
        description="Bring people into a group (they see its history, none of it unread) or a thread (each "
        "must see its order). A direct conversation stays between two: conversation_not_group."
    )
    def conversation_participants_add(
        self,
        info: Info,
        id: ConversationId,
        user_ids: Annotated[
            list[strawberry.ID], strawberry.argument(description="The people (at most 100).")
        ],
    ) -> ConversationPayload:
        return _conversation(
            lambda: services.conversation_participants_add(
                actor=current_user(info), conversation_id=id, user_ids=user_ids
            )
        )
