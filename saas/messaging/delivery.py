"""Messaging's consumers of the event fan-out: live delivery, and the inbox for people away.

- `messaging_live` (message.sent, message.recalled): tells each active participant's open
  sockets which message changed; their `messages` subscriptions read it for their own person.
- `messaging_inbox` (message.sent): the notification rule of conversations. A participant is
  told when they are away (no `messages` subscription open: saas/messaging/presence.py), have
  not muted the conversation, may still see it, and have no unread notification of it yet:
  one notification per conversation until they read it (conversationMarkRead, or reading the
  notification itself), however many messages arrive meanwhile. A message recalled before the
  job runs tells no one. The notification carries no text of the message: a recall must take
  the text back, and inbox rows stay.

Each runs once per event (saas/core/event_delivery.py), after the message's transaction.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from saas.core.domain_events import event_of
from saas.core.event_delivery import consumer_register
from saas.core.models import LoggedEvent
from saas.messaging.events import MessageRecalled, MessageSent
from saas.messaging.live import message_changed, push_on_commit
from saas.messaging.models import Conversation, ConversationKind, Message, Participant
from saas.messaging.presence import present
from saas.messaging.selectors import conversation_visible_to
from saas.messaging.services import NOTIFICATION_KIND
from saas.messaging.subjects import QUOTATION, SUBJECTS
from saas.notifications.about_objects import Notice, notices_add, unread_about


def message_live(record: LoggedEvent) -> None:
    event = event_of(record)
    assert isinstance(event, MessageSent | MessageRecalled) and event.object_id is not None
    conversation_id = int(event.conversation_id)
    people = Participant.objects.filter(conversation_id=conversation_id, user__is_active=True).values_list(
        "user_id", flat=True
    )
    push_on_commit(people, message_changed(conversation_id, event.object_id, event.seq))


def _title(conversation: Conversation, sender: str, number: str) -> str:
    if conversation.kind == ConversationKind.DIRECT:
        return _("%(name)s sent you a message") % {"name": sender}
    if conversation.kind == ConversationKind.THREAD and number and conversation.subject_type == QUOTATION:
        return _("%(name)s wrote about quotation %(number)s") % {"name": sender, "number": number}
    if conversation.kind == ConversationKind.THREAD and number:
        return _("%(name)s wrote about order %(number)s") % {"name": sender, "number": number}
    if conversation.title:
        return _("%(name)s wrote in %(title)s") % {"name": sender, "title": conversation.title}
    return _("%(name)s wrote in a group conversation") % {"name": sender}


def message_inbox(record: LoggedEvent) -> None:
    event = event_of(record)
    assert isinstance(event, MessageSent) and event.object_id is not None
    message = Message.objects.select_related("conversation", "sender").filter(pk=event.object_id).first()
    if message is None or message.recalled_at is not None:
        return
    conversation = message.conversation
    people = [
        row.user
        for row in Participant.objects.filter(conversation=conversation, muted=False, user__is_active=True)
        .exclude(user_id=message.sender_id)
        .select_related("user")
        .order_by("user_id")
    ]
    ids = [int(user.pk) for user in people]
    told = present(ids) | unread_about(
        ids, kind=NOTIFICATION_KIND, object_type="conversation", object_id=conversation.pk
    )
    number = ""
    if conversation.subject_type in SUBJECTS and conversation.subject_id is not None:
        number = SUBJECTS[conversation.subject_type].number(conversation.subject_id)
    sender = message.sender.full_name or message.sender.email
    notices = []
    for user in people:
        if user.pk in told or not conversation_visible_to(user, conversation.pk):
            continue
        with translation.override(user.language):
            notices.append(Notice(user=user, title=_title(conversation, sender, number)))
    if notices:
        notices_add(
            notices,
            kind=NOTIFICATION_KIND,
            event_id=record.pk,
            object_type="conversation",
            object_id=conversation.pk,
            link=f"/chat/{conversation.pk}",
            payload=record.payload,
            created_at=record.occurred_at,
        )


def register() -> None:
    consumer_register("messaging_live", message_live, events={"message.sent", "message.recalled"})
    consumer_register("messaging_inbox", message_inbox, events={"message.sent"})
