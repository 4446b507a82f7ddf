"""Partner integration records of a workspace: API keys, webhook endpoints, deliveries, the feed."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from saas.partners import scopes as partner_scopes


class ApiKey(models.Model):
    """A partner's key: an `ApiClient` actor (saas/accounts/actors.py) with partner scopes.

    Only a SHA-256 of the secret is kept: the secret has 256 random bits, so a fast hash is as
    safe as a password hash and costs microseconds per request. After a rotation the previous
    secret keeps working until `previous_valid_until`.
    """

    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=16)
    secret_hash = models.CharField(max_length=64, unique=True)
    previous_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    previous_valid_until = models.DateTimeField(null=True, blank=True)
    scopes = ArrayField(models.CharField(max_length=40), default=list)
    allowed_ips = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    last_used_ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    # --- the ApiClient protocol ---------------------------------------------------------

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    @property
    def display_name(self) -> str:
        return f"API key {self.name}"

    @property
    def partner_scopes(self) -> frozenset[str]:
        return frozenset(self.scopes)

    @property
    def internal_scopes(self) -> frozenset[str]:
        cached: frozenset[str] | None = getattr(self, "_internal_cache", None)
        if cached is None:
            cached = partner_scopes.internal_scopes(self.partner_scopes)
            self._internal_cache = cached
        return cached

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.internal_scopes

    def holds(self, area: str, level: str) -> bool:
        return self.is_active and partner_scopes.holds(self.partner_scopes, area, level)


class WebhookEndpoint(models.Model):
    """Where a partner hears of events: a URL, the event names, and the signing secret.

    The secret signs every delivery, so it is kept as given (`whsec_…`); after a rotation the
    previous one also signs until `previous_secret_until`, so receivers can switch without a gap.
    """

    class State(models.TextChoices):
        ENABLED = "enabled", "enabled"
        DISABLED = "disabled", "disabled"  # by a person
        FAILING = "failing", "failing"  # by the circuit breaker; probed again

    url = models.CharField(max_length=2000)
    description = models.CharField(max_length=200, blank=True, default="")
    events = ArrayField(models.CharField(max_length=60), default=list)
    secret = models.CharField(max_length=80)
    previous_secret = models.CharField(max_length=80, blank=True, default="")
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ENABLED)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    next_probe_at = models.DateTimeField(null=True, blank=True)
    # A key that made the endpoint only hears of the areas it may read.
    api_key = models.ForeignKey(ApiKey, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url

    @property
    def enabled(self) -> bool:
        return self.state == self.State.ENABLED


class WebhookDelivery(models.Model):
    """One event for one endpoint: its `webhook-id` is the event id on every attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SUCCEEDED = "succeeded", "succeeded"
        FAILED = "failed", "failed"  # retries used up (about 28 hours)

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.BigIntegerField()
    event_type = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_latency_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True, default="")
    # Taken by a drainer's job while it sends (saas/partners/services/deliveries.py): no other
    # drainer takes it before `leased_until`, but the same job, run again after its worker was
    # killed, takes it back at once and sends it again.
    leased_until = models.DateTimeField(null=True, blank=True)
    leased_by_job = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-event_id", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_delivery_once"),
        ]
        indexes = [models.Index(fields=["endpoint", "status", "event_id"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event_type} #{self.event_id} → {self.endpoint_id}"


class WebhookAttempt(models.Model):
    """One HTTP attempt of a delivery: the delivery log."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    number = models.PositiveIntegerField()
    attempted_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    latency_ms = models.PositiveIntegerField(default=0)
    succeeded = models.BooleanField(default=False)
    error_code = models.CharField(max_length=40, blank=True, default="")
    response_excerpt = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["-attempted_at", "-id"]

    def __str__(self) -> str:
        return f"attempt {self.number} of delivery {self.delivery_id}"


class FeedEntry(models.Model):
    """The order in which events became visible: the partner feed reads by `position`.

    Event ids are taken from a sequence when the event is written, so a transaction that
    started earlier can commit a lower id later. A reader paging by id would skip it. Entries
    are added after commit by the fan-out job, one transaction at a time per workspace (an
    advisory lock), so positions only ever become visible in order.
    """

    position = models.BigAutoField(primary_key=True)
    event_id = models.BigIntegerField(unique=True)
    event_type = models.CharField(max_length=60)
    object_type = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"{self.position}: event {self.event_id}"
