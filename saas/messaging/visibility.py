"""Which conversations a person sees: their own direct and group ones, inside their distributor's
fence, and the threads of the documents they may see (saas/messaging/subjects.py). Everything
that reads a conversation for someone starts here; it fails closed."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from saas.messaging.access import Chatter, conversation_not_found
from saas.messaging.models import Conversation, ConversationKind, Participant
from saas.messaging.subjects import SUBJECTS


def participating(chatter: Chatter) -> QuerySet[Participant]:
    return Participant.objects.filter(user_id=chatter.pk)


def visible_conversations(chatter: Chatter) -> QuerySet[Conversation]:
    """Every conversation the person may see: their direct and group ones (inside their
    distributor's fence), and the threads of documents they may see."""
    talks = Q(kind__in=[ConversationKind.DIRECT, ConversationKind.GROUP]) & Q(
        pk__in=participating(chatter).values("conversation_id")
    )
    if chatter.distributor_id is not None:
        talks &= Q(distributor_id=chatter.distributor_id)
    threads = Q(pk__in=[])
    for subject_type, subject in SUBJECTS.items():
        threads |= Q(kind=ConversationKind.THREAD, subject_type=subject_type) & Q(
            subject_id__in=subject.visible_ids(chatter)
        )
    return Conversation.objects.filter(talks | threads)


def visible_conversation(
    chatter: Chatter, conversation_id: int | None, *, field: str | None = "id"
) -> Conversation:
    found = (
        visible_conversations(chatter).filter(pk=conversation_id).first()
        if conversation_id is not None
        else None
    )
    if found is None:
        raise conversation_not_found(field)
    return found
