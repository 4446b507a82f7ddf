"""Customer tables in each tenant schema: customers, their contacts and delivery addresses,
tags for segmentation, levels, and the communication log (calls, visits, messages).

A customer belongs to one owner sales rep; a rep with `customers.view_own` sees only the
customers they own (saas.customers.selectors). Phone numbers are stored as typed and as digits
only (`phone_digits`), so duplicate detection finds "138-0013-8000" and "13800138000" alike.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.core.audit import actor_kind_field, actor_label_field
from saas.core.sync import sync_index, updated_at_field


class CustomerKind(models.TextChoices):
    COMPANY = "company", "company"
    PERSON = "person", "person"


class CustomerSource(models.TextChoices):
    REFERRAL = "referral", "referral"
    WALK_IN = "walk_in", "walk_in"
    ONLINE = "online", "online"
    EXHIBITION = "exhibition", "exhibition"
    COLD_CALL = "cold_call", "cold_call"
    OTHER = "other", "other"


class CustomerLevel(models.Model):
    """A grade of customer (VIP, A, B…) a business sorts its customers by."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=40)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class CustomerTag(models.Model):
    name = models.CharField(max_length=30, unique=True)
    color = models.CharField(max_length=7, blank=True)  # "#e34d59"

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Customer(models.Model):
    code = models.CharField(max_length=30, unique=True)  # CU-2026-000001 from the sequence
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=CustomerKind.choices, default=CustomerKind.COMPANY)
    phone = models.CharField(max_length=30, blank=True)
    # `phone` as digits, +86 made domestic (saas.customers.duplicates.phone_digits), for duplicates.
    phone_digits = models.CharField(max_length=30, blank=True)
    # The name without spaces, punctuation or legal form, for duplicates (duplicates.name_key).
    name_key = models.CharField(max_length=120, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="customers"
    )
    level = models.ForeignKey(
        CustomerLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="customers"
    )
    tags = models.ManyToManyField(CustomerTag, blank=True, related_name="customers")
    # None: no limit. The limit is on what the customer owes plus the order being submitted.
    credit_limit = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(default=0)  # 0 = cash on delivery
    source = models.CharField(max_length=12, choices=CustomerSource.choices, default=CustomerSource.OTHER)
    notes = models.TextField(blank=True)
    # For 开票: the title and taxpayer id printed on invoices.
    invoice_title = models.CharField(max_length=120, blank=True)
    taxpayer_id = models.CharField(max_length=30, blank=True)
    search_text = models.TextField(blank=True)  # name, pinyin, initials, code, phone
    is_active = models.BooleanField(default=True)
    # None when a partner key or a job created it.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Moves on every change a partner would sync, contacts and addresses included (saas.core.sync).
    updated_at = updated_at_field()

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(credit_limit__isnull=True) | Q(credit_limit__gte=0),
                name="customer_credit_limit_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "is_active"], name="customer_owner_idx"),
            models.Index(fields=["phone_digits"], name="customer_phone_idx"),
            models.Index(fields=["name"], name="customer_name_idx"),
            models.Index(fields=["name_key"], name="customer_name_key_idx"),
            sync_index("customer_sync_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Contact(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=60)
    title = models.CharField(max_length=40, blank=True)  # 采购经理
    phone = models.CharField(max_length=30, blank=True)
    phone_digits = models.CharField(max_length=30, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "id"]
        indexes = [models.Index(fields=["phone_digits"], name="contact_phone_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=Q(is_primary=True), name="contact_one_primary_per_customer"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Address(models.Model):
    """A delivery address. Orders copy it, so editing an address never rewrites a past order."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="addresses")
    receiver = models.CharField(max_length=60)
    phone = models.CharField(max_length=30)
    province = models.CharField(max_length=30)
    city = models.CharField(max_length=30)
    district = models.CharField(max_length=30, blank=True)
    detail = models.CharField(max_length=200)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_default", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"], condition=Q(is_default=True), name="address_one_default_per_customer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province}{self.city}{self.district}{self.detail}"


class CommunicationKind(models.TextChoices):
    CALL = "call", "call"
    VISIT = "visit", "visit"
    MESSAGE = "message", "message"
    OTHER = "other", "other"


class CommunicationLog(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="communications")
    kind = models.CharField(max_length=10, choices=CommunicationKind.choices)
    content = models.TextField()
    happened_at = models.DateTimeField(default=timezone.now)
    next_follow_up = models.DateField(null=True, blank=True)
    # Who logged it: the person, or None for a partner key or a job (see actor_kind, actor_label).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_kind = actor_kind_field()
    actor_label = actor_label_field()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["customer", "-happened_at"], name="commlog_customer_idx")]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.kind} {self.happened_at:%Y-%m-%d}"
