"""Tenant, Domain, Plan and the pool of ready schemas: the public schema's tables."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django_tenants.models import DomainMixin, TenantMixin


class Plan(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=60)
    monthly_price = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(max_length=3, default="CNY")
    max_users = models.PositiveIntegerField(default=5)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["monthly_price", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="plan_single_default"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TenantStatus(models.TextChoices):
    TRIALING = "trialing", "trialing"
    ACTIVE = "active", "active"
    PAST_DUE = "past_due", "past_due"
    SUSPENDED = "suspended", "suspended"
    CLOSED = "closed", "closed"


class Tenant(TenantMixin):
    """One business and its private schema. The public site itself is the tenant 'public'."""

    slug = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=100)
    status = models.CharField(max_length=10, choices=TenantStatus.choices, default=TenantStatus.TRIALING)
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="tenants")
    time_zone = models.CharField(max_length=64, default="Asia/Shanghai")
    currency = models.CharField(max_length=3, default="CNY")
    created_at = models.DateTimeField(default=timezone.now)

    # Schemas are provisioned by tenants.provisioning (pool or template clone), never by
    # replaying every migration on save.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.slug

    @property
    def is_usable(self) -> bool:
        return self.status in {TenantStatus.TRIALING, TenantStatus.ACTIVE, TenantStatus.PAST_DUE}


class Domain(DomainMixin):
    """A host name that routes to a tenant, e.g. acme.sparrow.example."""


class ReadySchema(models.Model):
    """A schema already cloned from the template and waiting to become a new tenant's.

    `fingerprint` is the template's migration state at clone time; a schema whose fingerprint
    no longer matches the template is stale and is dropped instead of handed out.
    """

    schema_name = models.CharField(max_length=63, unique=True)
    fingerprint = models.CharField(max_length=32, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.schema_name
