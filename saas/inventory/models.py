"""Inventory tables in each tenant schema.

StockMovement is the ledger: append-only (a database trigger refuses UPDATE and DELETE), one
row per change of on-hand, reserved or in-transit quantity, with its source document.
StockLevel holds the current quantities per SKU and warehouse, changed only in the same
transaction as the movement that explains the change (`check_stock_ledger` proves it).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from saas.catalog.models import SKU

QTY = {"max_digits": 14, "decimal_places": 3}
COST = {"max_digits": 14, "decimal_places": 4}
ZERO = Decimal("0")


class InventorySettings(models.Model):
    """One row per tenant."""

    allow_negative_stock = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"allow_negative_stock={self.allow_negative_stock}"


class Warehouse(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=60)
    address = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Bin(models.Model):
    """A storage place inside a warehouse (库位): shelf, rack, container."""

    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE, related_name="bins")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["warehouse_id", "code"]
        constraints = [models.UniqueConstraint(fields=["warehouse", "code"], name="bin_unique_code_per_warehouse")]

    def __str__(self) -> str:
        return self.code


class StockLevel(models.Model):
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="stock_levels")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="stock_levels")
    default_bin = models.ForeignKey(Bin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    on_hand = models.DecimalField(**QTY, default=ZERO)
    reserved = models.DecimalField(**QTY, default=ZERO)
    in_transit = models.DecimalField(**QTY, default=ZERO)  # on its way here in a transfer
    available = models.GeneratedField(
        expression=F("on_hand") - F("reserved"), output_field=models.DecimalField(**QTY), db_persist=True
    )
    avg_cost = models.DecimalField(**COST, default=ZERO)  # moving average, per base unit
    min_qty = models.DecimalField(**QTY, null=True, blank=True)
    max_qty = models.DecimalField(**QTY, null=True, blank=True)
    reorder_point = models.DecimalField(**QTY, null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sku_id", "warehouse_id"]
        constraints = [
            models.UniqueConstraint(fields=["sku", "warehouse"], name="stocklevel_unique_sku_warehouse"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="stocklevel_reserved_not_negative"),
            models.CheckConstraint(condition=Q(in_transit__gte=0), name="stocklevel_in_transit_not_negative"),
            models.CheckConstraint(condition=Q(avg_cost__gte=0), name="stocklevel_avg_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.sku_id}@{self.warehouse_id}: {self.on_hand}"


class MovementKind(models.TextChoices):
    RECEIPT = "receipt", "receipt"
    SHIPMENT = "shipment", "shipment"
    TRANSFER_OUT = "transfer_out", "transfer_out"
    TRANSFER_IN = "transfer_in", "transfer_in"
    ADJUSTMENT = "adjustment", "adjustment"
    STOCKTAKE = "stocktake", "stocktake"
    RETURN_IN = "return_in", "return_in"
    RETURN_OUT = "return_out", "return_out"
    RESERVE = "reserve", "reserve"
    RELEASE = "release", "release"


class StockMovement(models.Model):
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="movements")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="movements")
    bin = models.ForeignKey(Bin, null=True, blank=True, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(max_length=20, choices=MovementKind.choices)
    on_hand_delta = models.DecimalField(**QTY, default=ZERO)
    reserved_delta = models.DecimalField(**QTY, default=ZERO)
    in_transit_delta = models.DecimalField(**QTY, default=ZERO)
    unit_cost = models.DecimalField(**COST, default=ZERO)
    value = models.DecimalField(max_digits=18, decimal_places=4, default=ZERO)  # on_hand_delta × unit_cost
    on_hand_after = models.DecimalField(**QTY)
    avg_cost_after = models.DecimalField(**COST)
    source_type = models.CharField(max_length=30)  # "transfer", "stocktake", "purchase_receipt", …
    source_id = models.BigIntegerField(null=True, blank=True)
    source_ref = models.CharField(max_length=40, blank=True)  # the document number people see
    reason = models.CharField(max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["sku", "warehouse", "id"], name="movement_sku_wh_idx"),
            models.Index(fields=["source_type", "source_id"], name="movement_source_idx"),
            models.Index(fields=["created_at"], name="movement_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.on_hand_delta} {self.sku_id}@{self.warehouse_id}"
