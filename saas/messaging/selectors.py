"""Reading conversations and messages for a person: lists with unread counts, history pages,
and what a subscription delivers. Everything starts from `visible_conversations` (the person's
own, inside their distributor's fence, and the threads of documents they may see).

A message is read as a `MessageView` for one viewer: the same shape for a page of history and
for a live delivery, so an order card the viewer may not see is `available: false` with nothing
else of the order, and a recalled message has no text, pictures or card, wherever it is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.paging import check_page
from saas.distribution.models import DistributorMember
from saas.messaging.access import Chatter, chatter_of
from saas.messaging.models import Conversation, ConversationKind, Message, MessageImage, Participant
from saas.messaging.subjects import SALES_ORDER, SUBJECTS, OrderFacts, visible_order_facts
from saas.messaging.visibility import visible_conversation, visible_conversations

REPLAY_LIMIT = 500  # a subscription back after long pages the rest with conversationMessages(after)
MAX_HISTORY_PAGE = 100


@dataclass(frozen=True)
class OrderCard:
    order_id: int
    available: bool  # false: the viewer may not see the order (nothing else of it is shown)
    number: str = ""
    status: str = ""
    customer_name: str = ""


@dataclass(frozen=True)
class ImageView:
    pk: int
    url: str
    thumbnail_url: str
    width: int
    height: int


@dataclass(frozen=True)
class MessageView:
    pk: int
    conversation_id: int
    seq: int
    sender_id: int
    sender_name: str
    client_id: str  # the sender's own device id; empty for everyone else
    text: str
    created_at: datetime
    recalled_at: datetime | None
    images: list[ImageView] = field(default_factory=list)
    order: OrderCard | None = None


@dataclass(frozen=True)
class ParticipantView:
    user_id: int
    name: str
    last_read_message_id: int


@dataclass(frozen=True)
class ConversationView:
    pk: int
    kind: str
    title: str
    subject_type: str
    subject_id: int | None
    order: OrderCard | None  # a thread's order
    created_at: datetime
    last_activity_at: datetime
    last_message: MessageView | None
    participants: list[ParticipantView]
    # The caller's own state (zero and false for a thread they do not follow yet).
    unread_count: int
    last_read_message_id: int
    muted: bool
    following: bool
    subject_number: str = ""  # a thread's document number (SO-…, QT-…), when the viewer sees it


def _card(order_id: int | None, facts: dict[int, OrderFacts]) -> OrderCard | None:
    if order_id is None:
        return None
    found = facts.get(order_id)
    if found is None:
        return OrderCard(order_id=order_id, available=False)
    return OrderCard(
        order_id=order_id,
        available=True,
        number=found.number,
        status=found.status,
        customer_name=found.customer_name,
    )


def message_views(chatter: Chatter, messages: list[Message]) -> list[MessageView]:
    """The messages as this viewer sees them: two queries whatever their number (pictures, and
    the orders of their cards the viewer may see); senders are expected select_related."""
    live = [message for message in messages if message.recalled_at is None]
    images: dict[int, list[ImageView]] = {}
    for image in MessageImage.objects.filter(message__in=live).order_by("message_id", "position", "id"):
        images.setdefault(int(image.message_id or 0), []).append(
            ImageView(image.pk, image.url, image.thumbnail_url, image.width, image.height)
        )
    facts = visible_order_facts(chatter, {m.order_id for m in live if m.order_id is not None})
    return [
        MessageView(
            pk=message.pk,
            conversation_id=message.conversation_id,
            seq=message.seq,
            sender_id=message.sender_id,
            sender_name=message.sender.full_name or message.sender.email,
            client_id=message.client_id if message.sender_id == chatter.pk else "",
            text=message.text if message.recalled_at is None else "",
            created_at=message.created_at,
            recalled_at=message.recalled_at,
            images=images.get(message.pk, []) if message.recalled_at is None else [],
            order=_card(message.order_id, facts) if message.recalled_at is None else None,
        )
        for message in messages
    ]


def _unread(user_id: int) -> Subquery:
    """Per participant row: messages after its read position from others, not recalled."""
    return Subquery(
        Message.objects.filter(
            conversation_id=OuterRef("conversation_id"),
            id__gt=OuterRef("last_read_message_id"),
            recalled_at__isnull=True,
        )
        .exclude(sender_id=user_id)
        .values("conversation_id")
        .annotate(n=Count("id"))
        .values("n")
    )


def _followed(chatter: Chatter) -> QuerySet[Participant]:
    return Participant.objects.filter(user_id=chatter.pk, conversation__in=visible_conversations(chatter))


def _conversation_views(chatter: Chatter, conversations: list[Conversation]) -> list[ConversationView]:
    """Views of these conversations (their last messages select_related with their senders) for
    the caller, in a fixed number of queries."""
    ids = [conversation.pk for conversation in conversations]
    own: dict[int, Participant] = {
        row.conversation_id: row
        for row in Participant.objects.filter(user_id=chatter.pk, conversation_id__in=ids).annotate(
            unread=Coalesce(_unread(chatter.pk), 0)
        )
    }
    people: dict[int, list[ParticipantView]] = {}
    for row in (
        Participant.objects.filter(conversation_id__in=ids).select_related("user").order_by("joined_at", "id")
    ):
        people.setdefault(row.conversation_id, []).append(
            ParticipantView(row.user_id, row.user.full_name or row.user.email, row.last_read_message_id)
        )
    lasts = [c.last_message for c in conversations if c.last_message is not None]
    last_views = {view.pk: view for view in message_views(chatter, lasts)}
    threads = {
        c.subject_id
        for c in conversations
        if c.kind == ConversationKind.THREAD and c.subject_type == SALES_ORDER
    }
    facts = visible_order_facts(chatter, {pk for pk in threads if pk is not None})
    numbers: dict[tuple[str, int], str] = {(SALES_ORDER, pk): one.number for pk, one in facts.items()}
    for kind, subject in SUBJECTS.items():
        wanted = {c.subject_id for c in conversations if c.subject_type == kind and c.subject_id is not None}
        if kind != SALES_ORDER and wanted:
            numbers.update({(kind, pk): number for pk, number in subject.numbers(chatter, wanted).items()})
    views = []
    for conversation in conversations:
        mine = own.get(conversation.pk)
        views.append(
            ConversationView(
                pk=conversation.pk,
                kind=conversation.kind,
                title=conversation.title,
                subject_type=conversation.subject_type,
                subject_id=conversation.subject_id,
                order=_card(conversation.subject_id, facts)
                if conversation.subject_type == SALES_ORDER
                else None,
                created_at=conversation.created_at,
                last_activity_at=conversation.last_activity_at,
                last_message=last_views.get(conversation.last_message_id or 0),
                participants=people.get(conversation.pk, []),
                unread_count=int(getattr(mine, "unread", 0)) if mine is not None else 0,
                last_read_message_id=mine.last_read_message_id if mine is not None else 0,
                muted=mine.muted if mine is not None else False,
                following=mine is not None,
                subject_number=numbers.get((conversation.subject_type, conversation.subject_id or 0), ""),
            )
        )
    return views


@dataclass(frozen=True)
class ConversationPage:
    total_count: int
    unread_total: int
    items: list[ConversationView]


def conversation_page(*, actor: Actor, limit: int = 20, offset: int = 0) -> ConversationPage:
    """The conversations the caller takes part in (threads they follow included), latest
    activity first, each with its unread count and last message; and the unread total."""
    check_page(limit, offset)
    chatter = chatter_of(actor)
    followed = _followed(chatter)
    conversations = list(
        Conversation.objects.filter(pk__in=followed.values("conversation_id"))
        .select_related("last_message__sender")
        .order_by("-last_activity_at", "-id")[offset : offset + limit]
    )
    total = followed.count()
    unread_total = (
        Message.objects.filter(
            conversation__in=followed.values("conversation_id"),
            conversation__participants__user_id=chatter.pk,
            id__gt=F("conversation__participants__last_read_message_id"),
            recalled_at__isnull=True,
        )
        .exclude(sender_id=chatter.pk)
        .count()
    )
    return ConversationPage(
        total_count=total, unread_total=unread_total, items=_conversation_views(chatter, conversations)
    )


def conversation_get(*, actor: Actor, conversation_id: Any) -> ConversationView:
    chatter = chatter_of(actor)
    conversation = visible_conversation(chatter, parse_id(conversation_id))
    conversation = Conversation.objects.select_related("last_message__sender").get(pk=conversation.pk)
    return _conversation_views(chatter, [conversation])[0]


@dataclass(frozen=True)
class MessagePage:
    items: list[MessageView]  # oldest first
    has_more: bool  # more messages lie beyond the page in the direction it was read


def _cursor(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    pk = parse_id(value)
    if pk is None:
        raise InvalidInput(_("This is not a message id."), code="id_invalid", field=name)
    return pk


def conversation_messages(
    *, actor: Actor, conversation_id: Any, before: Any = None, after: Any = None, limit: int = 30
) -> MessagePage:
    """A page of a conversation's history, oldest first: the latest `limit` messages, or those
    just before `before` (paging back), or those just after `after` (catching up: since ids
    increase in commit order, nothing committed later can have a lower id)."""
    if not 1 <= limit <= MAX_HISTORY_PAGE:
        check_page(0, 0)  # the one page_invalid refusal
    chatter = chatter_of(actor)
    conversation = visible_conversation(chatter, parse_id(conversation_id))
    before_id, after_id = _cursor(before, "before"), _cursor(after, "after")
    rows = Message.objects.filter(conversation=conversation).select_related("sender")
    if before_id is not None:
        rows = rows.filter(id__lt=before_id)
    if after_id is not None:
        page = list(rows.filter(id__gt=after_id).order_by("id")[: limit + 1])
        has_more, page = len(page) > limit, page[:limit]
    else:
        page = list(rows.order_by("-id")[: limit + 1])
        has_more, page = len(page) > limit, page[:limit][::-1]
    return MessagePage(items=message_views(chatter, page), has_more=has_more)


def message_changes_after(
    chatter: Chatter, *, after_seq: int, conversation_id: int | None = None, limit: int = REPLAY_LIMIT
) -> list[MessageView]:
    """Messages sent or recalled after a seq in the conversations the person follows (or in the
    one named, which they may see), oldest change first: what a subscription missed."""
    if conversation_id is None:
        scope = Q(conversation__in=_followed(chatter).values("conversation_id"))
    else:
        scope = Q(conversation_id=visible_conversation(chatter, conversation_id, field="conversation_id").pk)
    rows = list(
        Message.objects.filter(scope, seq__gt=after_seq).select_related("sender").order_by("seq")[:limit]
    )
    return message_views(chatter, rows)


def message_view_for(user: Any, message_id: int, conversation_id: int | None) -> MessageView | None:
    """A message as this person sees it now, or None when they may not (the live hop). With
    `conversation_id`, only a message of that conversation."""
    chatter = chatter_of(user)
    rows = Message.objects.filter(pk=message_id, conversation__in=visible_conversations(chatter))
    if conversation_id is not None:
        rows = rows.filter(conversation_id=conversation_id)
    message = rows.select_related("sender").first()
    return message_views(chatter, [message])[0] if message is not None else None


def conversation_visible_to(user: Any, conversation_id: int) -> bool:
    return visible_conversations(chatter_of(user)).filter(pk=conversation_id).exists()


def image_get(*, actor: Actor, image_id: Any) -> MessageImage:
    """A picture the person may see: of a message, not recalled, in a conversation they see; or
    one they uploaded that no message names yet. Otherwise not found."""
    chatter = chatter_of(actor)
    pk = parse_id(image_id)
    image = (
        MessageImage.objects.filter(pk=pk, conversation__in=visible_conversations(chatter))
        .filter(
            Q(message__isnull=False, message__recalled_at__isnull=True)
            | Q(message__isnull=True, uploader_id=chatter.pk)
        )
        .first()
        if pk is not None
        else None
    )
    if image is None:
        raise NotFound(_("Picture not found."))
    return image


def message_get(*, actor: Actor, message_id: Any) -> MessageView:
    """One message as the caller sees it, in a conversation they may see; else not found."""
    pk = parse_id(message_id)
    view = message_view_for(actor, pk, None) if pk is not None else None
    if view is None:
        raise NotFound(_("Message not found."))
    return view


# Whom a person may start a conversation with (the chat screen's people picker), by the same
# rule `services.eligible_people` enforces: active people other than the caller; a distributor's
# person sees the staff and its own distributor's people, never another distributor's. Only a
# name and the distributor's name: no e-mail or phone, which a distributor's person may not read.


@dataclass(frozen=True)
class Contact:
    user_id: int
    name: str
    distributor_name: str  # empty for the workspace's own staff


@dataclass(frozen=True)
class ContactPage:
    total_count: int
    items: list[Contact]


def chat_contacts(*, actor: Actor, search: str = "", limit: int = 30, offset: int = 0) -> ContactPage:
    check_page(limit, offset)
    chatter = chatter_of(actor)
    people = User.objects.filter(is_active=True).exclude(pk=chatter.pk)
    if chatter.distributor_id is not None:
        others = DistributorMember.objects.exclude(distributor_id=chatter.distributor_id).values("user_id")
        people = people.exclude(pk__in=others)
    search = search.strip()[:100]
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(email__istartswith=search))
    total = people.count()
    page = list(people.order_by("full_name", "id").values_list("pk", "full_name")[offset : offset + limit])
    distributors = dict(
        DistributorMember.objects.filter(user_id__in=[pk for pk, _name in page]).values_list(
            "user_id", "distributor__customer__name"
        )
    )
    return ContactPage(
        total_count=total,
        items=[
            Contact(user_id=pk, name=name, distributor_name=distributors.get(pk) or "") for pk, name in page
        ],
    )
