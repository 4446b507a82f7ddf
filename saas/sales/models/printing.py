"""What the workspace's printed order and delivery note show: one row per document kind, made
on the first save (no row: the defaults below, which print everything as before)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class PrintDocument(models.TextChoices):
    ORDER = "order", "order"  # 销售单: the order print, alone or in a batch (saas.sales.printing)
    DELIVERY_NOTE = "delivery_note", "delivery_note"  # 送货单 (saas.shipping.printing)


class PrintSettings(models.Model):
    """Which columns print and the texts around them. Prices and amounts print only for people
    who may see order money, whatever is set here (the print views decide that, not this row)."""

    kind = models.CharField(max_length=20, choices=PrintDocument.choices, unique=True)
    show_prices = models.BooleanField(default=True)  # unit price
    show_discounts = models.BooleanField(default=True)  # discount % (order print)
    show_amounts = models.BooleanField(default=True)  # line amounts and the total
    show_remarks = models.BooleanField(default=True)  # line remarks
    amount_in_words = models.BooleanField(default=True)  # 大写金额
    header_text = models.CharField(max_length=200, blank=True)  # under the title
    footer_text = models.CharField(max_length=200, blank=True)  # under the signatures
    signature_text = models.CharField(max_length=60, blank=True)  # empty: 客户签收 / the default
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.kind
