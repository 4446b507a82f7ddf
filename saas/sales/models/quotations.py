"""Quotations (报价单): lines priced for a customer, valid until a date, converted into an order."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.catalog.models import SKU
from saas.customers.models import Customer
from saas.inventory.models import ZERO, qty_field
from saas.sales.models.common import money_field, price_field, rate_field


class QuotationStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    SENT = "sent", "sent"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"
    CONVERTED = "converted", "converted"  # an order was made from it
    CANCELLED = "cancelled", "cancelled"


class Quotation(models.Model):
    number = models.CharField(max_length=30, unique=True)  # QT-2026-000001
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="quotations")
    rep = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quotations")
    status = models.CharField(max_length=12, choices=QuotationStatus.choices, default=QuotationStatus.DRAFT)
    currency = models.CharField(max_length=3, default="CNY")
    quote_date = models.DateField()
    valid_until = models.DateField()
    remarks = models.CharField(max_length=500, blank=True)
    goods_amount = money_field(default=ZERO)
    discount_amount = money_field(default=ZERO)
    total_amount = money_field(default=ZERO)
    tax_amount = money_field(default=ZERO)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("quote_date")), name="quotation_valid_after_date"
            )
        ]
        indexes = [models.Index(fields=["rep", "status"], name="quotation_rep_idx")]

    def __str__(self) -> str:
        return self.number


class QuotationLine(models.Model):
    quotation = models.ForeignKey(Quotation, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="quotation_lines")
    unit_name = models.CharField(max_length=10)
    unit_factor = models.DecimalField(max_digits=12, decimal_places=3, default=1)
    quantity = qty_field()
    unit_price = price_field()  # tax included
    discount_rate = rate_field(default=0)
    tax_rate = rate_field(default=13)
    amount = money_field()
    discount_amount = money_field(default=ZERO)
    tax_amount = money_field(default=ZERO)
    remark = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["quotation_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["quotation", "line_no"], name="quotationline_unique_line_no"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="quotationline_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="quotationline_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.quotation_id}#{self.line_no}"
