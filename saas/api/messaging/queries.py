"""Queries: conversations (the caller's, with unread counts), one conversation, its history."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.messaging.types import (
    ChatContactPageType,
    ConversationPageType,
    ConversationType,
    MessagePageType,
)
from saas.api.permissions import current_user
from saas.messaging import selectors

Cursor = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="A message id of this conversation, or null."),
]


@strawberry.type
class MessagingQueries:
    @strawberry.field(
        description="The conversations the signed-in person takes part in (order threads they follow "
        "included), latest activity first, each with its unread count and last message."
    )
    def conversations(self, info: Info, limit: int = 20, offset: int = 0) -> ConversationPageType:
        return ConversationPageType.of(
            selectors.conversation_page(actor=current_user(info), limit=limit, offset=offset)
        )

    @strawberry.field(description="One conversation the signed-in person may see; not_found otherwise.")
    def conversation(
        self, info: Info, id: Annotated[strawberry.ID, strawberry.argument(description="The conversation.")]
    ) -> ConversationType:
        return ConversationType.of(selectors.conversation_get(actor=current_user(info), conversation_id=id))

    @strawberry.field(
        description="A page of a conversation's history, oldest first: the latest `limit` messages, those "
        "just `before` a message (paging back), or those just `after` one (catching up after being away: "
        "ids increase in commit order, so nothing sent earlier can appear later)."
    )
    def conversation_messages(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The conversation.")],
        before: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Messages before this message id (paging back)."),
        ] = None,
        after: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Messages after this message id (catching up)."),
        ] = None,
        limit: Annotated[int, strawberry.argument(description="Messages per page, 1-100.")] = 30,
    ) -> MessagePageType:
        return MessagePageType.of(
            selectors.conversation_messages(
                actor=current_user(info), conversation_id=id, before=before, after=after, limit=limit
            )
        )

    @strawberry.field(
        description="People the signed-in person may start a conversation with, by name: active colleagues and "
        "distributors' people; a distributor's person sees the workspace's staff and its own distributor's "
        "people only."
    )
    def chat_contacts(
        self,
        info: Info,
        search: Annotated[
            str, strawberry.argument(description="Part of a name, or the start of an e-mail.")
        ] = "",
        limit: Annotated[int, strawberry.argument(description="Rows per page, 1–100.")] = 30,
        offset: Annotated[int, strawberry.argument(description="Rows to skip, 0–10,000.")] = 0,
    ) -> ChatContactPageType:
        return ChatContactPageType.of(
            selectors.chat_contacts(actor=current_user(info), search=search, limit=limit, offset=offset)
        )
