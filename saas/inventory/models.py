"""Inventory tables in each tenant schema.

StockMovement is the ledger: append-only (a database trigger refuses UPDATE and DELETE), one
row per change of on-hand, reserved or in-transit quantity, with its source document.
StockLevel holds the current quantities per SKU and warehouse, changed only in the same
transaction as the movement that explains the change (`check_stock_ledger` proves it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from saas.catalog.models import SKU
from saas.core.audit import actor_kind_field, actor_label_field
from saas.core.sync import sync_index, updated_at_field

ZERO = Decimal("0")


def qty_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Quantities in the base unit, to 3 decimals (weights, lengths)."""
    return models.DecimalField(max_digits=14, decimal_places=3, **options)


def cost_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Unit costs, to 4 decimals so averages do not drift."""
    return models.DecimalField(max_digits=14, decimal_places=4, **options)


class DistributorAvailability(models.TextChoices):
    """How stock is shown to distributors, who never see the internal numbers."""

    BAND = "band", "band"  # in stock / low / out
    HIDDEN = "hidden", "hidden"  # nothing at all


class InventorySettings(models.Model):
    """One row per tenant."""

    allow_negative_stock = models.BooleanField(default=False)
    distributor_availability = models.CharField(
        max_length=10, choices=DistributorAvailability.choices, default=DistributorAvailability.BAND
    )

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
        constraints = [
            models.UniqueConstraint(fields=["warehouse", "code"], name="bin_unique_code_per_warehouse")
        ]

    def __str__(self) -> str:
        return self.code


class StockLevel(models.Model):
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="stock_levels")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="stock_levels")
    default_bin = models.ForeignKey(Bin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    on_hand = qty_field(default=ZERO)
    reserved = qty_field(default=ZERO)
    in_transit = qty_field(default=ZERO)  # on its way here in a transfer
    available = models.GeneratedField(
        expression=F("on_hand") - F("reserved"), output_field=qty_field(), db_persist=True
    )
    avg_cost = cost_field(default=ZERO)  # moving average, per base unit
    min_qty = qty_field(null=True, blank=True)
    max_qty = qty_field(null=True, blank=True)
    reorder_point = qty_field(null=True, blank=True)
    updated_at = updated_at_field()  # every write moves it (saas.core.sync)

    class Meta:
        ordering = ["sku_id", "warehouse_id"]
        indexes = [sync_index("stocklevel_sync_idx")]
        constraints = [
            models.UniqueConstraint(fields=["sku", "warehouse"], name="stocklevel_unique_sku_warehouse"),
            models.CheckConstraint(condition=Q(reserved__gte=0), name="stocklevel_reserved_not_negative"),
            models.CheckConstraint(condition=Q(in_transit__gte=0), name="stocklevel_in_transit_not_negative"),
            models.CheckConstraint(condition=Q(avg_cost__gte=0), name="stocklevel_avg_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.sku_id}@{self.warehouse_id}: {self.on_hand}"

    def low_threshold(self) -> Decimal | None:
        """The higher of reorder point and minimum, whichever are set: at or below it, stock is low.
        (selectors.LOW_STOCK is the same rule in SQL.)"""
        marks = [mark for mark in (self.reorder_point, self.min_qty) if mark is not None]
        return max(marks) if marks else None


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
    on_hand_delta = qty_field(default=ZERO)
    reserved_delta = qty_field(default=ZERO)
    in_transit_delta = qty_field(default=ZERO)
    unit_cost = cost_field(default=ZERO)
    value = models.DecimalField(max_digits=18, decimal_places=4, default=ZERO)  # on_hand_delta × unit_cost
    on_hand_after = qty_field()
    avg_cost_after = cost_field()
    source_type = models.CharField(max_length=30)  # "transfer", "stocktake", "purchase_receipt", …
    source_id = models.BigIntegerField(null=True, blank=True)
    source_ref = models.CharField(max_length=40, blank=True)  # the document number people see
    reason = models.CharField(max_length=200, blank=True)
    # The person who moved it; None when a partner key or a job did (see actor_kind, actor_label).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_kind = actor_kind_field()
    actor_label = actor_label_field()
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


class StockEntryDirection(models.TextChoices):
    IN = "in", "in"
    OUT = "out", "out"


class StockEntryReason(models.TextChoices):
    OPENING = "opening", "opening"  # opening balance when a tenant starts
    FOUND = "found", "found"
    GIFT = "gift", "gift"
    SAMPLE = "sample", "sample"
    DAMAGED = "damaged", "damaged"
    LOST = "lost", "lost"
    INTERNAL_USE = "internal_use", "internal_use"
    OTHER = "other", "other"


class StockEntry(models.Model):
    """A manual stock-in or stock-out with a reason (入库单 / 出库单); posted when created."""

    number = models.CharField(max_length=30, unique=True)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=3, choices=StockEntryDirection.choices)
    reason = models.CharField(max_length=20, choices=StockEntryReason.choices)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number


class StockEntryLine(models.Model):
    entry = models.ForeignKey(StockEntry, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    quantity = qty_field()
    unit_cost = cost_field(default=ZERO)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="stockentryline_qty_positive")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.sku_id}"


class TransferStatus(models.TextChoices):
    IN_TRANSIT = "in_transit", "in_transit"
    RECEIVED = "received", "received"
    CANCELLED = "cancelled", "cancelled"


class Transfer(models.Model):
    """Moving stock between warehouses (移库): it leaves the source at once and is in transit
    until the destination receives it."""

    number = models.CharField(max_length=30, unique=True)
    from_warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    to_warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=12, choices=TransferStatus.choices, default=TransferStatus.IN_TRANSIT
    )
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_warehouse=F("to_warehouse")), name="transfer_distinct_warehouses"
            )
        ]

    def __str__(self) -> str:
        return self.number


class TransferLine(models.Model):
    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    quantity = qty_field()
    unit_cost = cost_field(default=ZERO)  # the source's average cost when it left

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="transferline_qty_positive")]

    def __str__(self) -> str:
        return f"{self.transfer_id}: {self.sku_id}"


class StocktakeStatus(models.TextChoices):
    COUNTING = "counting", "counting"
    APPROVED = "approved", "approved"
    CANCELLED = "cancelled", "cancelled"


class Stocktake(models.Model):
    """A count of one warehouse (盘点): count sheet → differences → approved adjustment."""

    number = models.CharField(max_length=30, unique=True)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=StocktakeStatus.choices, default=StocktakeStatus.COUNTING
    )
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number


class StocktakeLine(models.Model):
    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    expected_qty = qty_field()  # on hand when the sheet was made
    counted_qty = qty_field(null=True, blank=True)
    difference = qty_field(null=True, blank=True)  # fixed at approval
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["stocktake", "sku"], name="stocktakeline_unique_sku"),
            models.CheckConstraint(
                condition=Q(counted_qty__isnull=True) | Q(counted_qty__gte=0),
                name="stocktakeline_count_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stocktake_id}: {self.sku_id}"
