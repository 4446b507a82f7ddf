"""Messaging's events. They stay inside the workspace: the object types are in no partner area
(saas/partners/scopes.EVENT_AREAS), so no key reads them and no webhook carries them. They carry
no text: the event log is append-only, and a recalled message's text must be gone for good."""

from __future__ import annotations

from dataclasses import dataclass

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.messaging.models import Message


@domain_event("message.sent", object_type="message")
@dataclass(frozen=True, kw_only=True)
class MessageSent(DomainEvent):
    """Someone sent a message in a conversation (its text is not in the event). People's
    conversations stay inside the workspace: neither in the feed nor sent to webhooks."""

    id: str = described("the message's GraphQL id")
    conversation_id: str = described("the conversation's GraphQL id")
    sender_id: str = described("who sent it")
    seq: int = described("its place among the workspace's message changes (the subscription cursor)")
    images: int = described("how many pictures it carries")
    order_card: bool = described("it shows an order card")

    @classmethod
    def of(cls, message: Message, images: int) -> MessageSent:
        return cls(
            id=graphql_id(message.pk),
            conversation_id=graphql_id(message.conversation_id),
            sender_id=graphql_id(message.sender_id),
            seq=message.seq,
            images=images,
            order_card=message.order_id is not None,
        )


@domain_event("message.recalled", object_type="message")
@dataclass(frozen=True, kw_only=True)
class MessageRecalled(DomainEvent):
    """The sender recalled (撤回) a message within two minutes: its text and pictures are gone.
    Stays inside the workspace, as message.sent."""

    id: str = described("the message's GraphQL id")
    conversation_id: str = described("the conversation's GraphQL id")
    sender_id: str = described("who sent and recalled it")
    seq: int = described("the recall's place among the workspace's message changes")

    @classmethod
    def of(cls, message: Message) -> MessageRecalled:
        return cls(
            id=graphql_id(message.pk),
            conversation_id=graphql_id(message.conversation_id),
            sender_id=graphql_id(message.sender_id),
            seq=message.seq,
        )
