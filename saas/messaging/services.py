"""Conversations written: starting one (or finding the one that exists), adding people, muting,
reading. Messages themselves are in message_services.py.

Starting a direct conversation with someone you already have one with returns it (a unique
key per pair, per distributor fence); starting the thread of an order returns the order's
thread and makes the caller one of its participants (following it: its unread count, its
notifications). A person joining a conversation that has history starts with it read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_text
from saas.distribution.models import DistributorMember
from saas.messaging.access import Chatter, chatter_of
from saas.messaging.live import conversation_read, push_on_commit
from saas.messaging.models import MAX_TITLE, Conversation, ConversationKind, Message, Participant
from saas.messaging.subjects import QUOTATION, SALES_ORDER, SUBJECTS
from saas.messaging.visibility import visible_conversation
from saas.notifications.about_objects import read_about

MAX_PARTICIPANTS = 100
NOTIFICATION_KIND = "message.sent"


def order_not_found(field: str = "order_id") -> NotFound:
    return NotFound(_("Order not found."), field=field)


def _ids(values: Sequence[Any], field: str) -> list[int | None]:
    if len(values) > MAX_PARTICIPANTS:
        raise InvalidInput(
            _("At most %(n)d people.") % {"n": MAX_PARTICIPANTS}, code="too_many_participants", field=field
        )
    return [parse_id(value) for value in values]


@dataclass(frozen=True)
class People:
    """The people a conversation is started with or joined by, checked."""

    users: list[User]
    distributor_id: int | None


def eligible_people(
    chatter: Chatter, user_ids: Iterable[int | None], *, field: str, distributor_id: int | None
) -> People:
    """The active people these ids name whom `chatter` may talk with, in order (each once), and
    the one distributor whose people take part (`distributor_id`: the conversation's so far).
    An unknown id, an inactive person or another distributor's person (for a distributor's
    person) is `participant_not_found` at its index; people of two distributors in one
    conversation are `distributors_mixed`."""
    ids = list(user_ids)
    wanted = {pk for pk in ids if pk is not None}
    people = {user.pk: user for user in User.objects.filter(pk__in=wanted, is_active=True)}
    members = dict(
        DistributorMember.objects.filter(user_id__in=people).values_list("user_id", "distributor_id")
    )
    fence = chatter.distributor_id if chatter.distributor_id is not None else distributor_id
    chosen: list[User] = []
    for index, pk in enumerate(ids):
        person = people.get(pk) if pk is not None else None
        theirs = members.get(pk) if pk is not None else None
        if person is None or (
            chatter.distributor_id is not None and theirs not in (None, chatter.distributor_id)
        ):
            raise InvalidInput(_("Person not found."), code="participant_not_found", field=f"{field}.{index}")
        if theirs is not None:
            if fence is not None and theirs != fence:
                raise InvalidInput(
                    _("People of two distributors cannot be in one conversation."),
                    code="distributors_mixed",
                    field=f"{field}.{index}",
                )
            fence = theirs
        if person not in chosen and person.pk != chatter.pk:
            chosen.append(person)
    return People(users=chosen, distributor_id=fence)


def participant_join(conversation: Conversation, user_id: int) -> Participant:
    """The person's participation, made when missing, starting with the history read."""
    participant, _created = Participant.objects.get_or_create(
        conversation=conversation,
        user_id=user_id,
        defaults={"last_read_message_id": conversation.last_message_id or 0},
    )
    return participant


def _subject_viewers(subject_type: str, subject_id: int, users: list[User]) -> list[User]:
    """Those of these people who may see the document (each through their own fence)."""
    subject = SUBJECTS[subject_type]
    seen = []
    for user in users:
        if subject.sees(chatter_of(user), subject_id):
            seen.append(user)
    return seen


def _given(value: Any) -> bool:
    return value is not None and value != ""


def conversation_start(
    *,
    actor: Actor,
    participant_ids: Sequence[Any] = (),
    title: str | None = "",
    order_id: Any = None,
    quotation_id: Any = None,
) -> Conversation:
    """A conversation with these people: direct with one (the existing one if there is one), a
    group with more; with `order_id` (or `quotation_id`), the document's thread (the existing one
    if there is one), its starter and these people, who must all see the document, among its
    participants. A thread is on one document: both ids is `subject_ambiguous`."""
    chatter = chatter_of(actor)
    clean_title = clean_text(title, "title", MAX_TITLE)
    ids = _ids(participant_ids, "participant_ids")
    if _given(order_id) and _given(quotation_id):
        raise InvalidInput(
            _("A thread is on one document: give an order or a quotation."),
            code="subject_ambiguous",
            field="quotation_id",
        )
    if _given(order_id):
        return _thread_start(chatter, SALES_ORDER, parse_id(order_id), ids, field="order_id")
    if _given(quotation_id):
        return _thread_start(chatter, QUOTATION, parse_id(quotation_id), ids, field="quotation_id")
    people = eligible_people(chatter, ids, field="participant_ids", distributor_id=None)
    if not people.users:
        raise InvalidInput(
            _("Choose someone to talk with."), code="participants_required", field="participant_ids"
        )
    if len(people.users) == 1:
        return _direct_start(chatter, people.users[0], people.distributor_id)
    with transaction.atomic():
        conversation = Conversation.objects.create(
            kind=ConversationKind.GROUP,
            title=clean_title,
            distributor_id=people.distributor_id,
            created_by=chatter.user,
        )
        Participant.objects.bulk_create(
            Participant(conversation=conversation, user=user) for user in [chatter.user, *people.users]
        )
    return conversation


def _direct_start(chatter: Chatter, other: User, distributor_id: int | None) -> Conversation:
    low, high = sorted((chatter.pk, int(other.pk)))
    # The fence is part of the key: a person moved to another distributor starts afresh there.
    key = f"{low}:{high}" + (f"@{distributor_id}" if distributor_id is not None else "")
    existing = Conversation.objects.filter(kind=ConversationKind.DIRECT, direct_key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                kind=ConversationKind.DIRECT,
                direct_key=key,
                distributor_id=distributor_id,
                created_by=chatter.user,
            )
            Participant.objects.bulk_create(
                Participant(conversation=conversation, user=user) for user in (chatter.user, other)
            )
    except IntegrityError:  # both started it at once: the first one is the conversation
        return Conversation.objects.get(kind=ConversationKind.DIRECT, direct_key=key)
    return conversation


def _thread_start(
    chatter: Chatter, subject_type: str, subject_id: int | None, ids: list[int | None], *, field: str
) -> Conversation:
    subject = SUBJECTS[subject_type]
    if subject_id is None or not subject.sees(chatter, subject_id):
        if subject_type == SALES_ORDER:
            raise order_not_found(field)
        raise NotFound(_("Quotation not found."), field=field)
    people = _people_who_see(chatter, subject_type, subject_id, ids, field="participant_ids")
    with transaction.atomic():
        conversation, created = Conversation.objects.get_or_create(
            kind=ConversationKind.THREAD,
            subject_type=subject_type,
            subject_id=subject_id,
            defaults={"created_by": chatter.user},
        )
        joining = {chatter.pk, *(int(user.pk) for user in people)}
        if created:
            followers = subject.followers(subject_id)
            joining.update(User.objects.filter(pk__in=followers, is_active=True).values_list("pk", flat=True))
        for user_id in sorted(joining):
            participant_join(conversation, user_id)
    return conversation


def _people_who_see(
    chatter: Chatter, subject_type: str, subject_id: int, ids: list[int | None], *, field: str
) -> list[User]:
    """The people these ids name, each of whom may see the document (else participant_not_found)."""
    found = {
        user.pk: user
        for user in User.objects.filter(pk__in=[pk for pk in ids if pk is not None], is_active=True)
    }
    chosen: list[User] = []
    for index, pk in enumerate(ids):
        user = found.get(pk) if pk is not None else None
        if user is None or not _subject_viewers(subject_type, subject_id, [user]):
            raise InvalidInput(_("Person not found."), code="participant_not_found", field=f"{field}.{index}")
        if user not in chosen and user.pk != chatter.pk:
            chosen.append(user)
    return chosen


def conversation_participants_add(
    *, actor: Actor, conversation_id: Any, user_ids: Sequence[Any]
) -> Conversation:
    """Bring people into a group (they see its history, none of it unread), or into a thread
    (they must see its document). A direct conversation stays between its two people."""
    chatter = chatter_of(actor)
    ids = _ids(user_ids, "user_ids")
    if not ids:
        raise InvalidInput(_("Choose someone to add."), code="participants_required", field="user_ids")
    with transaction.atomic():
        conversation = visible_conversation(chatter, parse_id(conversation_id))
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.kind == ConversationKind.DIRECT:
            raise InvalidInput(
                _("A direct conversation stays between two people: start a group instead."),
                code="conversation_not_group",
                field="id",
            )
        if conversation.kind == ConversationKind.THREAD:
            subject_id = int(conversation.subject_id or 0)
            users = _people_who_see(chatter, conversation.subject_type, subject_id, ids, field="user_ids")
        else:
            people = eligible_people(
                chatter, ids, field="user_ids", distributor_id=conversation.distributor_id
            )
            if people.distributor_id != conversation.distributor_id:
                conversation.distributor_id = people.distributor_id
                conversation.save(update_fields=["distributor"])
            users = people.users
        for user in users:
            participant_join(conversation, int(user.pk))
        participant_join(conversation, chatter.pk)
    return conversation


def conversation_follow(*, actor: Actor, conversation_id: Any) -> Participant:
    """Take part in a conversation one may see: a thread opened by id (a subscription naming it)
    is followed like one started from its order; for the others one takes part already."""
    chatter = chatter_of(actor)
    with transaction.atomic():
        conversation = visible_conversation(chatter, parse_id(conversation_id), field="conversation_id")
        return participant_join(conversation, chatter.pk)


def conversation_mute(*, actor: Actor, conversation_id: Any, muted: bool) -> Participant:
    """Mute (no notifications) or unmute a conversation for the caller alone."""
    chatter = chatter_of(actor)
    with transaction.atomic():
        conversation = visible_conversation(chatter, parse_id(conversation_id))
        participant = participant_join(conversation, chatter.pk)
        if participant.muted != muted:
            participant.muted = muted
            participant.save(update_fields=["muted"])
    return participant


def conversation_mark_read(*, actor: Actor, conversation_id: Any, message_id: Any = None) -> Participant:
    """The caller has read the conversation up to `message_id` (by default its last message).
    The read position only moves forward; the other participants' sockets hear of it, and the
    caller's notification of the conversation is read with it."""
    chatter = chatter_of(actor)
    with transaction.atomic():
        conversation = visible_conversation(chatter, parse_id(conversation_id))
        target = conversation.last_message_id or 0
        if message_id is not None and message_id != "":
            pk = parse_id(message_id)
            if pk is None or not Message.objects.filter(pk=pk, conversation=conversation).exists():
                raise NotFound(_("Message not found."), field="message_id")
            target = pk
        participant = participant_join(conversation, chatter.pk)
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if target > participant.last_read_message_id:
            participant.last_read_message_id = target
            participant.last_read_at = timezone.now()
            participant.save(update_fields=["last_read_message_id", "last_read_at"])
            others = Participant.objects.filter(conversation=conversation).values_list("user_id", flat=True)
            push_on_commit(others, conversation_read(conversation.pk, chatter.pk, target))
        read_about(
            chatter.user, kind=NOTIFICATION_KIND, object_type="conversation", object_id=conversation.pk
        )
    return participant
