"""Paste-to-order's learned words: what people call a SKU, learned from their picks.

When the parser is unsure of a line and the person picks a SKU, the words of that line that
name the product ("白T", "大可乐") become a `ProductAlias` of that SKU, so the next message
with them is matched surely (saas/messaging/order_text/services.py). One row per (text, SKU,
distributor): picking again counts `times_used` up, and the parser ranks a text's SKUs by it.
An alias learned by a distributor's person is that distributor's own (`distributor` set): it
never steers the workspace's staff or another distributor. Staff aliases serve everyone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from saas.core.sync import updated_at_field

MAX_ALIAS = 60


class ProductAlias(models.Model):
    text = models.CharField(max_length=MAX_ALIAS)  # normalised: order_text.normalize.key_form
    sku = models.ForeignKey("catalog.SKU", on_delete=models.CASCADE, related_name="+")
    distributor = models.ForeignKey(
        "distribution.Distributor", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    times_used = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    # Moves on every pick: part of the version the parser's cached index is keyed by.
    updated_at = updated_at_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["text", "sku", "distributor"],
                name="product_alias_once",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="product_alias_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.text} → {self.sku_id}"
