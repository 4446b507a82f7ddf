"""Tables every domain shares inside a tenant schema."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from saas.core.audit import actor_kind_field, actor_label_field


class IdempotencyKey(models.Model):
    """The first result of a retried write: a phone or partner resending gets it back unchanged."""

    # The person who sent the key; a partner key or a job has none and is told apart by its
    # kind and ref ("api_client:7", "system:reservation retry").
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")
    actor_kind = actor_kind_field()
    actor_ref = models.CharField(max_length=120, blank=True, default="")
    key = models.CharField(max_length=80)
    operation = models.CharField(max_length=60)
    # What the first call produced, e.g. {"model": "accounts.user", "pk": 12}.
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["actor", "key"], name="idempotency_actor_key_unique"),
            models.UniqueConstraint(
                fields=["actor_kind", "actor_ref", "key"],
                condition=models.Q(actor__isnull=True),
                name="idempotency_ref_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.operation}:{self.key}"


class DocumentSequence(models.Model):
    """The last number used per document prefix and year: SO-2026-000123 comes from here."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="docseq_prefix_year_unique")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}:{self.last_value}"


class DocumentEvent(models.Model):
    """One status change of a document: who, when, from, to, why. Written by the transition table."""

    doc_type = models.CharField(max_length=30)
    doc_id = models.BigIntegerField()
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    # The person who moved it; None when a partner key or a job did (see actor_kind, actor_label).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_kind = actor_kind_field()
    actor_label = actor_label_field()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["doc_type", "doc_id"], name="docevent_doc_idx")]

    def __str__(self) -> str:
        return f"{self.doc_type}#{self.doc_id} {self.from_status}->{self.to_status}"


class LoggedEvent(models.Model):
    """One domain event in the tenant's append-only log (saas/core/domain_events.py).

    The id increases per tenant (each schema has its own sequence) and is the cursor everywhere:
    consumers mark it processed, subscriptions resume after it, a webhook's id is it. The
    database refuses UPDATE and DELETE (migration core 0005).
    """

    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=60)
    version = models.PositiveSmallIntegerField()
    occurred_at = models.DateTimeField(default=timezone.now)
    # Who acted, as saas.core.audit.ActorStamp has it. A plain id, not a foreign key: the log
    # outlives the rows it speaks of and is never rewritten.
    actor_kind = actor_kind_field()
    actor_user_id = models.BigIntegerField(null=True)
    actor_ref = models.CharField(max_length=120, blank=True, default="")
    actor_label = actor_label_field()
    # The object the event is about ("sales_order", 12), for the inbox's link and for lookups.
    object_type = models.CharField(max_length=40)
    object_id = models.BigIntegerField(null=True)
    payload = models.JSONField(default=dict)

    class Meta:
        db_table = "core_event_log"
        indexes = [models.Index(fields=["object_type", "object_id"], name="eventlog_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.name}.v{self.version}"


class ProcessedEvent(models.Model):
    """A consumer has acted on an event: written with the effect, so a retried job skips it."""

    consumer = models.CharField(max_length=60)
    event_id = models.BigIntegerField()
    processed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consumer", "event_id"], name="processed_event_unique")
        ]

    def __str__(self) -> str:
        return f"{self.consumer}:{self.event_id}"
