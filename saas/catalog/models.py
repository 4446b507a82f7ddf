"""Catalog tables in each tenant schema: Category, Product, PackUnit, SKU, ProductImage.

A product (SPU) has specification names (颜色, 尺码); each combination of values is a SKU, the
unit that is stocked, priced and sold. Quantities are counted in the product's base unit
(件); pack units (箱 = 12 件) convert to it.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.contrib.postgres.fields import ArrayField
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

from saas.core.sync import sync_index, updated_at_field


class Status(models.TextChoices):
    ACTIVE = "active", "active"
    ARCHIVED = "archived", "archived"


class Category(models.Model):
    name = models.CharField(max_length=60)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="category_unique_name_per_parent", nulls_distinct=False
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="products"
    )
    brand = models.CharField(max_length=60, blank=True)
    description = models.TextField(blank=True)
    base_unit = models.CharField(max_length=10, default="件")
    spec_names = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    # The values offered per specification, in display order: {"颜色": ["红", "蓝"], "尺码": ["S", "M"]}.
    # spec_names keeps the order of the names, since jsonb does not keep key order.
    spec_options = models.JSONField(default=dict, blank=True)
    # The last n used for generated SKU codes "<code>-<n>"; only grows, so an archived SKU's code
    # is never handed to a new one.
    sku_counter = models.PositiveIntegerField(default=0)
    # Lower-case name, full pinyin and pinyin initials, kept by the services for search.
    search_text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    # Moves on every change a partner would sync, its SKUs' included (saas.core.sync).
    updated_at = updated_at_field()

    class Meta:
        ordering = ["id"]
        indexes = [sync_index("product_sync_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PackUnit(models.Model):
    """A larger unit the product is bought or sold in: 箱 = 12 件."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="pack_units")
    name = models.CharField(max_length=10)
    factor = models.DecimalField(max_digits=12, decimal_places=3)
    barcode = models.CharField(max_length=32, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["factor"]
        constraints = [
            models.UniqueConstraint(fields=["product", "name"], name="packunit_unique_name_per_product"),
            models.CheckConstraint(condition=Q(factor__gt=0), name="packunit_factor_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.factor}"


class SKU(models.Model):
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="skus")
    code = models.CharField(max_length=60, unique=True)
    # Unique within the tenant (the schema); empty barcodes are NULL so they do not collide.
    barcode = models.CharField(max_length=32, null=True, blank=True, unique=True)
    spec_values = models.JSONField(default=dict, blank=True)  # {"颜色": "红", "尺码": "M"}
    cost_price = models.DecimalField(max_digits=14, decimal_places=4, default=Decimal("0"))
    list_price = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    search_text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = updated_at_field()  # every write moves it (saas.core.sync)

    class Meta:
        ordering = ["id"]
        indexes = [sync_index("sku_sync_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(cost_price__gte=0), name="sku_cost_not_negative"),
            models.CheckConstraint(condition=Q(list_price__gte=0), name="sku_price_not_negative"),
            # One row per combination: removing and re-adding a value brings the archived SKU back.
            models.UniqueConstraint(fields=["product", "spec_values"], name="sku_unique_specs_per_product"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def spec_label(self) -> str:
        return " / ".join(str(value) for value in self.spec_values.values())


def product_image_path(instance: ProductImage, filename: str) -> str:
    """tenants/<schema>/products/<product id>/<random>.<ext>: one tenant's files never mix with another's."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"tenants/{connection.schema_name}/products/{instance.product_id}/{uuid.uuid4().hex}{suffix}"  # type: ignore[attr-defined]


class ProductImage(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=product_image_path, max_length=200)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.file.name or ""
