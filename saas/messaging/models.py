"""Conversations, their participants, messages and message images of a workspace.

A conversation is direct (two people), a group, or a thread on a document (`subject_type` names
the kind registered in saas/messaging/subjects.py, `subject_id` its row: a sales order). Messages
are kept forever; a recalled one keeps its row with its text removed. Message ids and `seq`
are handed out under one row lock per workspace (`MessageCursor`), so both increase in commit
order: a client that has everything up to an id has every earlier message (services.py).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

MAX_TEXT = 2000
MAX_TITLE = 60
MAX_CLIENT_ID = 64


class ConversationKind(models.TextChoices):
    DIRECT = "direct", "direct"
    GROUP = "group", "group"
    THREAD = "thread", "thread"


class Conversation(models.Model):
    kind = models.CharField(max_length=10, choices=ConversationKind.choices)
    title = models.CharField(max_length=MAX_TITLE, blank=True, default="")
    # A thread's document: a kind of saas/messaging/subjects.py ("sales_order") and its id.
    subject_type = models.CharField(max_length=40, blank=True, default="")
    subject_id = models.BigIntegerField(null=True, blank=True)
    # A direct conversation's two people, "<lower id>:<higher id>": a second start finds the first.
    direct_key = models.CharField(max_length=40, blank=True, default="")
    # The distributor whose people take part (at most one per conversation): they see it only
    # while they belong to that distributor.
    distributor = models.ForeignKey(
        "distribution.Distributor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_message = models.ForeignKey(
        "messaging.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Lists show the latest activity first: the last message's time, or the creation's.
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["direct_key"], condition=Q(kind="direct"), name="conversation_direct_once"
            ),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=Q(kind="thread"),
                name="conversation_thread_once",
            ),
            models.CheckConstraint(
                condition=~Q(kind="thread") | (Q(subject_id__isnull=False) & ~Q(subject_type="")),
                name="conversation_thread_has_subject",
            ),
            models.CheckConstraint(
                condition=~Q(kind="direct") | ~Q(direct_key=""), name="conversation_direct_has_key"
            ),
        ]
        indexes = [models.Index(fields=["-last_activity_at", "-id"], name="conversation_activity_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"


class Participant(models.Model):
    """A person in a conversation: how far they have read, and whether they muted it."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(default=timezone.now)
    # The id of the last message they have read (0: none): messages after it from others are unread.
    last_read_message_id = models.BigIntegerField(default=0)
    last_read_at = models.DateTimeField(null=True, blank=True)
    muted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="participant_once"),
        ]
        indexes = [models.Index(fields=["user", "conversation"], name="participant_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The sending device's id for it: a resend after a lost answer finds this message.
    client_id = models.CharField(max_length=MAX_CLIENT_ID)
    text = models.CharField(max_length=MAX_TEXT, blank=True, default="")
    # An order card: the order it shows (each viewer sees it only if they may see the order).
    order = models.ForeignKey(
        "sales.SalesOrder", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    recalled_at = models.DateTimeField(null=True, blank=True)
    # Where its latest change (sent, recalled) stands among all of the workspace's message
    # changes: subscriptions resume after it.
    seq = models.BigIntegerField(unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sender", "client_id"], name="message_client_once"),
        ]
        indexes = [models.Index(fields=["conversation", "id"], name="message_conversation_idx")]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.conversation_id}"

    @property
    def recalled(self) -> bool:
        return self.recalled_at is not None


class MessageCursor(models.Model):
    """One row per workspace: the last `seq` handed out. Taking the next one locks the row until
    the transaction ends, so message changes commit in the order of their ids and seqs."""

    last_seq = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="message_cursor_one_row")]

    def __str__(self) -> str:
        return f"seq {self.last_seq}"


def _image_path(suffix: str) -> str:
    """tenants/<schema>/messaging/images/<random><suffix>: one tenant's files never mix with another's."""
    return f"tenants/{connection.schema_name}/messaging/images/{uuid.uuid4().hex}{suffix}"  # type: ignore[attr-defined]


def image_path(instance: MessageImage, filename: str) -> str:
    return _image_path(".jpg")


def thumbnail_path(instance: MessageImage, filename: str) -> str:
    return _image_path(".thumb.jpg")


class MessageImage(models.Model):
    """A picture sent in a conversation: uploaded first (a form post), then named by the message.
    Only the re-encoded JPEG is kept (the phone's file may carry its GPS position)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="+")
    uploader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when a message names it; until then only its uploader sees it.
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="images"
    )
    position = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=image_path, max_length=200)
    thumbnail = models.FileField(upload_to=thumbnail_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)  # of the bytes sent: a resend finds the first upload
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["uploader", "conversation", "sha256"],
                condition=Q(message__isnull=True),
                name="message_image_unsent_once",
            ),
        ]

    def __str__(self) -> str:
        return f"image {self.pk} in {self.conversation_id}"

    @property
    def url(self) -> str:
        return f"/messaging/images/{self.pk}/"

    @property
    def thumbnail_url(self) -> str:
        return f"/messaging/images/{self.pk}/thumbnail/"


# Paste-to-order keeps its own table in its own module; imported here so Django finds it.
from saas.messaging.alias_models import ProductAlias  # noqa: E402, F401
