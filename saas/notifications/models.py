"""A person's notifications and what they want to be told how."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Notification(models.Model):
    """One thing a person was told: written once per (user, event) by the inbox consumer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    # The event's name (sales_order.approved): preferences and the app's icons go by it.
    kind = models.CharField(max_length=60)
    # The event it came from (saas.core.models.LoggedEvent; a plain id, the log is append-only).
    event_id = models.BigIntegerField()
    # Written in the recipient's language when the event was delivered.
    title = models.CharField(max_length=200)
    body = models.CharField(max_length=500, blank=True)
    object_type = models.CharField(max_length=40)
    object_id = models.BigIntegerField(null=True)
    link = models.CharField(max_length=200, blank=True)  # where the app opens it: /orders/12
    # The event's payload (its JSON form): clients and subscriptions get the facts with the text.
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event_id"], name="notification_user_event_unique")
        ]
        indexes = [
            models.Index(fields=["user", "-id"], name="notification_user_idx"),
            models.Index(
                fields=["user"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}#{self.event_id}"


class NotificationPreference(models.Model):
    """How a person wants to hear of one kind; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=60)
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"
