"""Plans, billing accounts, invoices and the billing audit log: the public schema's billing tables.

A workspace's access follows `BillingAccount.status`; `tenants.Tenant.status` is kept equal to it
by the services (the host routing and the read-only guard read the tenant row they already have).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

LIMIT_KINDS = ("users", "orders_per_month", "warehouses", "api_keys", "distributors", "field_reps")


class Plan(models.Model):
    """A plan a workspace can be on; prices in fen (CNY), limits as counts (null: unlimited)."""

    code = models.SlugField(max_length=30, unique=True)
    name_zh = models.CharField(max_length=60)
    name_en = models.CharField(max_length=60)
    monthly_price_fen = models.PositiveIntegerField(default=0)
    yearly_price_fen = models.PositiveIntegerField(default=0)
    # {"users": 5, "orders_per_month": 300, ...}; a missing or null kind is unlimited.
    limits = models.JSONField(default=dict, blank=True)
    modules = models.JSONField(default=list, blank=True)
    stripe_price_monthly = models.CharField(max_length=100, blank=True, default="")
    stripe_price_yearly = models.CharField(max_length=100, blank=True, default="")
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.code

    def limit_of(self, kind: str) -> int | None:
        value = (self.limits or {}).get(kind)
        return None if value is None else int(value)


class BillingStatus(models.TextChoices):
    TRIALING = "trialing", "trialing"
    ACTIVE = "active", "active"
    PAST_DUE = "past_due", "past_due"
    SUSPENDED = "suspended", "suspended"
    TRIAL_EXPIRED = "trial_expired", "trial_expired"
    CLOSED = "closed", "closed"


class BillingInterval(models.TextChoices):
    MONTH = "month", "month"
    YEAR = "year", "year"
    NONE = "", "none"


class PaymentMethod(models.TextChoices):
    CARD = "card", "card"
    ALIPAY = "alipay", "alipay"
    WECHAT_PAY = "wechat_pay", "wechat_pay"
    TRANSFER = "transfer", "transfer"
    NONE = "", "none"


class BillingAccount(models.Model):
    """How one workspace pays: its plan, status, terms and Stripe ids."""

    tenant = models.OneToOneField("tenants.Tenant", on_delete=models.CASCADE, related_name="billing")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="accounts")
    status = models.CharField(max_length=16, choices=BillingStatus.choices, default=BillingStatus.TRIALING)
    trial_ends_at = models.DateTimeField(null=True, blank=True)
    paid_until = models.DateTimeField(null=True, blank=True)
    grace_ends_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    stripe_customer_id = models.CharField(max_length=100, blank=True, default="", db_index=True)
    stripe_subscription_id = models.CharField(max_length=100, blank=True, default="", db_index=True)
    stripe_price_id = models.CharField(max_length=100, blank=True, default="")
    billing_interval = models.CharField(
        max_length=8, choices=BillingInterval.choices, blank=True, default=BillingInterval.NONE
    )
    payment_method = models.CharField(
        max_length=16, choices=PaymentMethod.choices, blank=True, default=PaymentMethod.NONE
    )
    # Days before the trial's end whose reminder was sent ([7, 3]): each reminder once.
    trial_reminders_sent = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.tenant_id}:{self.status}"


class BillingAuditEntry(models.Model):
    """Append-only: who changed a billing account, when, how."""

    account = models.ForeignKey(BillingAccount, on_delete=models.CASCADE, related_name="audit")
    at = models.DateTimeField(default=timezone.now)
    actor = models.CharField(max_length=120)
    action = models.CharField(max_length=60)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["account", "at"], name="billing_audit_account_at")]

    def __str__(self) -> str:
        return f"{self.actor} {self.action}"


class InvoiceSource(models.TextChoices):
    STRIPE = "stripe", "stripe"
    WECHAT_PAY = "wechat_pay", "wechat_pay"
    TRANSFER = "transfer", "transfer"


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    OPEN = "open", "open"
    PAID = "paid", "paid"
    VOID = "void", "void"
    UNCOLLECTIBLE = "uncollectible", "uncollectible"


class BillingInvoice(models.Model):
    """An invoice or payment of a workspace: Stripe's, a WeChat Pay term, a bank transfer."""

    account = models.ForeignKey(BillingAccount, on_delete=models.CASCADE, related_name="invoices")
    source = models.CharField(max_length=16, choices=InvoiceSource.choices)
    external_id = models.CharField(max_length=120)
    number = models.CharField(max_length=60, blank=True, default="")
    amount_fen = models.BigIntegerField(default=0)
    currency = models.CharField(max_length=3, default="CNY")
    status = models.CharField(max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN)
    hosted_url = models.URLField(max_length=500, blank=True, default="")
    period_start = models.DateTimeField(null=True, blank=True)
    period_end = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="billing_invoice_source_external")
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.external_id}"


class StripeEvent(models.Model):
    """A Stripe webhook event, kept once by its id: a redelivery finds the row and does nothing.
    `outcome` says what its job did (`subscription_active`, `unknown_customer`, …)."""

    event_id = models.CharField(max_length=100)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True, default="")
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event_id"], name="billing_stripe_event_id_unique")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"
