"""Price lists (价目表) of levels and distributors: dated versions, never edited in place.

A list belongs to one level or to one distributor. Saving it writes a new version with the date
it takes effect; the version in force on a day is the one with the latest `effective_from` on or
before that day (the highest `version` among equal dates), so every earlier version stays as the
history of what was charged when. Rules price one SKU or every SKU of a category (with its
subcategories): a fixed price, or a discount off the SKU's list price, from a quantity on
(quantity breaks), with an optional case quantity the ordered quantity must be a multiple of.
How the rules combine is `saas/distribution/pricing.py`'s docstring.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.inventory.models import qty_field
from saas.sales.models.common import price_field, rate_field


class PriceList(models.Model):
    level = models.ForeignKey(
        "distribution.DistributorLevel",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="price_lists",
    )
    distributor = models.ForeignKey(
        "distribution.Distributor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="price_lists",
    )
    name = models.CharField(max_length=60)
    effective_from = models.DateField()
    # 1, 2, 3… per owner (level or distributor), in the order the versions were saved.
    version = models.PositiveIntegerField()
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-effective_from", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__isnull=True, distributor__isnull=False)
                | Q(level__isnull=False, distributor__isnull=True),
                name="pricelist_one_owner",
            ),
            models.UniqueConstraint(
                fields=["level", "version"], condition=Q(level__isnull=False), name="pricelist_level_version"
            ),
            models.UniqueConstraint(
                fields=["distributor", "version"],
                condition=Q(distributor__isnull=False),
                name="pricelist_distributor_version",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "-effective_from", "-version"], name="pricelist_level_idx"),
            models.Index(
                fields=["distributor", "-effective_from", "-version"], name="pricelist_distributor_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} from {self.effective_from}"


class PriceRule(models.Model):
    """One price of a list for one SKU or one category, from `min_quantity` on."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="rules")
    sku = models.ForeignKey("catalog.SKU", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The quantity break: the rule applies to a line of at least this many base units.
    min_quantity = qty_field(default=1)
    fixed_price = price_field(null=True, blank=True)  # per base unit, tax included
    discount_percent = rate_field(null=True, blank=True)  # percent off the list price: 10 → 9折
    # The line's quantity must be a multiple of this (a case of 12); None: any quantity.
    case_quantity = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["price_list_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sku__isnull=True, category__isnull=False)
                | Q(sku__isnull=False, category__isnull=True),
                name="pricerule_one_target",
            ),
            models.CheckConstraint(
                condition=Q(fixed_price__isnull=True, discount_percent__isnull=False)
                | Q(fixed_price__isnull=False, discount_percent__isnull=True),
                name="pricerule_one_price",
            ),
            models.CheckConstraint(condition=Q(min_quantity__gt=0), name="pricerule_min_quantity_positive"),
            models.CheckConstraint(
                condition=Q(fixed_price__isnull=True) | Q(fixed_price__gte=0),
                name="pricerule_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__isnull=True)
                | (Q(discount_percent__gte=0) & Q(discount_percent__lt=100)),
                name="pricerule_discount_range",
            ),
            models.CheckConstraint(
                condition=Q(case_quantity__isnull=True) | Q(case_quantity__gt=0),
                name="pricerule_case_positive",
            ),
        ]
        indexes = [models.Index(fields=["price_list", "sku"], name="pricerule_list_sku_idx")]

    def __str__(self) -> str:
        target = f"sku {self.sku_id}" if self.sku_id else f"category {self.category_id}"
        return f"{self.price_list_id}: {target} from {self.min_quantity}"
