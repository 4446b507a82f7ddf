"""Messages written: sending (once per clientId), recalling (撤回) within two minutes, and the
pictures uploaded before the message that names them.

Every message change takes the workspace's next `seq` first (`MessageCursor`, one row locked
until the transaction ends), so message ids and seqs increase in commit order: a client that
has every message up to an id has every earlier one, and a subscription that resumes after a
seq misses nothing (not a message committed late with a lower id, not a recall). The lock is
held for a few short statements per message, which a workspace's chat never notices.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.domain_events import emit
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_text
from saas.messaging.access import chatter_of
from saas.messaging.events import MessageRecalled, MessageSent
from saas.messaging.images import MAX_IMAGE_BYTES, process_image
from saas.messaging.models import MAX_CLIENT_ID, MAX_TEXT, Conversation, Message, MessageCursor, MessageImage
from saas.messaging.services import order_not_found, participant_join
from saas.messaging.subjects import visible_order_facts
from saas.messaging.visibility import visible_conversation

MAX_IMAGES = 9
RECALL_WINDOW = timedelta(minutes=2)

_TAKE_SEQ = """
INSERT INTO {table} (id, last_seq) VALUES (1, 1)
ON CONFLICT (id) DO UPDATE SET last_seq = {table}.last_seq + 1
RETURNING last_seq
"""


def _take_seq() -> int:
    """The next seq, the cursor's row locked until the transaction ends."""
    table = connection.ops.quote_name(MessageCursor._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_TAKE_SEQ.format(table=table))
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


def _client_id(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(_("A message needs its clientId."), code="client_id_required", field="client_id")
    if len(text) > MAX_CLIENT_ID:
        raise InvalidInput(
            _("At most %(n)d characters.") % {"n": MAX_CLIENT_ID}, code="too_long", field="client_id"
        )
    return text


def message_send(
    *,
    actor: Actor,
    conversation_id: Any,
    client_id: str | None,
    text: str | None = "",
    image_ids: Sequence[Any] = (),
    order_id: Any = None,
) -> Message:
    """A message in a conversation the sender sees: text, pictures they uploaded to it, an
    order card of an order they may see, or any of them. The same clientId again returns the
    first message, whatever else the resend says."""
    chatter = chatter_of(actor)
    key = _client_id(client_id)
    body = clean_text(text, "text", MAX_TEXT)
    if len(image_ids) > MAX_IMAGES:
        raise InvalidInput(
            _("At most %(n)d pictures per message.") % {"n": MAX_IMAGES},
            code="too_many_images",
            field="image_ids",
        )
    with transaction.atomic():
        seq = _take_seq()
        first = Message.objects.filter(sender_id=chatter.pk, client_id=key).first()
        conversation = visible_conversation(chatter, parse_id(conversation_id), field="conversation_id")
        if first is not None:
            if first.conversation_id != conversation.pk:
                raise InvalidInput(
                    _("This clientId belongs to a message of another conversation."),
                    code="client_id_reused",
                    field="client_id",
                )
            return first
        order_pk = None
        if order_id is not None and order_id != "":
            order_pk = parse_id(order_id)
            if order_pk is None or order_pk not in visible_order_facts(chatter, {order_pk}):
                raise order_not_found()
        images = _unsent_images(chatter.pk, conversation, image_ids)
        if not body and not images and order_pk is None:
            raise InvalidInput(
                _("Write something, or send a picture or an order."), code="message_empty", field="text"
            )
        now = timezone.now()
        message = Message.objects.create(
            conversation=conversation,
            sender_id=chatter.pk,
            client_id=key,
            text=body,
            order_id=order_pk,
            created_at=now,
            seq=seq,
        )
        for position, image in enumerate(images):
            image.message = message
            image.position = position
        MessageImage.objects.bulk_update(images, ["message", "position"])
        Conversation.objects.filter(pk=conversation.pk).update(last_message=message, last_activity_at=now)
        conversation.last_message_id = message.pk
        sender = participant_join(conversation, chatter.pk)
        sender.last_read_message_id = message.pk
        sender.last_read_at = now
        sender.save(update_fields=["last_read_message_id", "last_read_at"])
        emit(MessageSent.of(message, len(images)), by=actor_stamp(chatter.user))
    return message


def _unsent_images(user_id: int, conversation: Conversation, image_ids: Sequence[Any]) -> list[MessageImage]:
    """The pictures these ids name, in their order (a repeated id once): each uploaded by the
    sender to this conversation and named by no message yet, else image_not_found at its index."""
    ids = [parse_id(value) for value in image_ids]
    found = {
        image.pk: image
        for image in MessageImage.objects.select_for_update().filter(
            pk__in=[pk for pk in ids if pk is not None],
            uploader_id=user_id,
            conversation=conversation,
            message__isnull=True,
        )
    }
    chosen: list[MessageImage] = []
    for index, pk in enumerate(ids):
        image = found.get(pk) if pk is not None else None
        if image is None:
            raise InvalidInput(_("Picture not found."), code="image_not_found", field=f"image_ids.{index}")
        if image not in chosen:
            chosen.append(image)
    return chosen


def message_recall(*, actor: Actor, message_id: Any) -> Message:
    """The sender takes a message back within two minutes: it stays in the conversation as
    recalled, its text, pictures and order card gone. Recalling it again changes nothing."""
    chatter = chatter_of(actor)
    pk = parse_id(message_id)
    with transaction.atomic():
        seq = _take_seq()
        message = Message.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
        if message is None:
            raise NotFound(_("Message not found."), field="id")
        visible_conversation(chatter, message.conversation_id)  # not found outside it
        if message.sender_id != chatter.pk:
            raise Forbidden(_("Only its sender can recall a message."), code="recall_forbidden", field="id")
        if message.recalled_at is not None:
            return message
        now = timezone.now()
        if now - message.created_at > RECALL_WINDOW:
            raise InvalidInput(
                _("A message can be recalled within two minutes of sending."),
                code="recall_window_passed",
                field="id",
            )
        message.text = ""
        message.order = None
        message.recalled_at = now
        message.seq = seq
        message.save(update_fields=["text", "order", "recalled_at", "seq"])
        _images_delete(list(MessageImage.objects.filter(message=message)))
        emit(MessageRecalled.of(message), by=actor_stamp(chatter.user))
    return message


def _images_delete(images: list[MessageImage]) -> None:
    """Delete the rows now and their files once the deletion commits."""
    names = [
        (field.storage, field.name)
        for image in images
        for field in (image.file, image.thumbnail)
        if field.name
    ]
    MessageImage.objects.filter(pk__in=[image.pk for image in images]).delete()

    def remove() -> None:
        for storage, name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(remove)


# A picture uploaded but never sent (the person changed their mind, or closed the app) is kept
# this long for a resend, then the nightly job removes it (saas/messaging/tasks.py).
UNSENT_IMAGE_HOURS = 24
PURGE_BATCH = 1000


def unsent_images_purge(*, now: Any = None) -> int:
    """Removes pictures uploaded more than a day ago that no message names, rows and files (the
    files once the deletion commits); returns how many. Rows a sending message holds are
    skipped (it locks them first), and a send that waits on a row removed here is refused with
    image_not_found, so a message never names a picture that is gone."""
    cutoff = (now or timezone.now()) - timedelta(hours=UNSENT_IMAGE_HOURS)
    removed = 0
    while True:
        with transaction.atomic():
            stale = list(
                MessageImage.objects.select_for_update(skip_locked=True)
                .filter(message__isnull=True, created_at__lt=cutoff)
                .order_by("pk")[:PURGE_BATCH]
            )
            _images_delete(stale)
        removed += len(stale)
        if len(stale) < PURGE_BATCH:
            return removed


def message_image_upload(*, actor: Actor, conversation_id: Any, upload: File | None) -> MessageImage:
    """A picture for a message of a conversation the uploader sees, stored as a clean JPEG with
    its thumbnail. Refuses with `image_invalid` or `image_too_large` (nothing stored); the same
    bytes again, before a message names them, return the first upload."""
    chatter = chatter_of(actor)
    conversation = visible_conversation(chatter, parse_id(conversation_id), field="conversation_id")
    if upload is None:
        raise InvalidInput(_("Choose a picture."), code="image_invalid", field="file")
    upload.seek(0)
    processed = process_image(upload.read(MAX_IMAGE_BYTES + 1))
    earlier = _waiting(chatter.pk, conversation, processed.sha256)
    if earlier is not None:
        return earlier
    image = MessageImage(
        conversation=conversation,
        uploader_id=chatter.pk,
        width=processed.width,
        height=processed.height,
        sha256=processed.sha256,
    )
    try:
        # Our names (tenants/<schema>/messaging/images/…), never the client's.
        image.file.save("image.jpg", ContentFile(processed.jpeg), save=False)
        image.thumbnail.save("thumbnail.jpg", ContentFile(processed.thumbnail), save=False)
        with transaction.atomic():
            image.save()
    except IntegrityError:
        # The same bytes raced in from a second request: the first one's upload is the answer.
        _discard(image)
        found = _waiting(chatter.pk, conversation, processed.sha256)
        if found is None:
            raise
        return found
    except BaseException:
        _discard(image)
        raise
    return image


def _waiting(user_id: int, conversation: Conversation, sha256: str) -> MessageImage | None:
    return MessageImage.objects.filter(
        uploader_id=user_id, conversation=conversation, sha256=sha256, message__isnull=True
    ).first()


def _discard(image: MessageImage) -> None:
    for field in (image.file, image.thumbnail):
        if field.name:
            field.storage.delete(field.name)
