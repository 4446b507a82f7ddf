"""Shipping tables in each tenant schema: carriers, shipments (发货单) with their lines, the
scan-to-verify counts, batch shipping results, sign-back proofs, and the workspace's shipping
settings and print templates.

A shipment is one package under one tracking number, drawn from one warehouse. It is planned
while `packing` (nothing has left stock), `shipped` once `order_ship` has posted its SHIPMENT
movements (they carry the shipment as their source), and `signed` when the signed delivery
note (签回单) or a signature is back. A packing shipment can be cancelled; a shipped one cannot
(goods that come back are a sales return).
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import connection, models
from django.db.models import Q
from django.utils import timezone

from saas.catalog.models import SKU
from saas.core.sync import sync_index, updated_at_field
from saas.inventory.models import ZERO, Warehouse, qty_field
from saas.sales.models import DeliveryMethod, SalesOrder, SalesOrderLine

SHIPMENT_DOC_TYPE = "shipment"


def _tenant_path(folder: str, filename: str) -> str:
    """tenants/<schema>/shipping/<folder>/<random>.<ext>: one tenant's files never mix with another's."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"tenants/{connection.schema_name}/shipping/{folder}/{uuid.uuid4().hex}{suffix}"  # type: ignore[attr-defined]


def proof_path(instance: SignBackProof, filename: str) -> str:
    return _tenant_path(f"signbacks/{instance.shipment_id}", filename)


def logo_path(instance: ShippingSettings, filename: str) -> str:
    return _tenant_path("logo", filename)


class Carrier(models.Model):
    """A carrier (快递公司/物流公司): the built-in Chinese ones, seeded per schema, or the tenant's own.

    `tracking_pattern` is a regular expression a complete tracking number of this carrier
    matches (upper-cased, without spaces); it drives the suggestion as a number is typed.
    """

    code = models.CharField(max_length=20, unique=True)
    name_zh = models.CharField(max_length=40)
    name_en = models.CharField(max_length=40)
    tracking_pattern = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=30, blank=True)  # customer service, for "tap to call"
    # Larger = more common; orders the candidates when a number fits several carriers.
    priority = models.PositiveSmallIntegerField(default=0)
    is_builtin = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-priority", "id"]

    def __str__(self) -> str:
        return self.code

    def display_name(self, language: str) -> str:
        return self.name_en if language.startswith("en") else self.name_zh


class ShippingSettings(models.Model):
    """One row per tenant."""

    # An order waiting for its signed delivery note longer than this many days is overdue.
    signback_overdue_days = models.PositiveSmallIntegerField(default=7)
    # Delivery notes printed by people who may not see order money (the warehouse) show prices.
    delivery_note_shows_prices = models.BooleanField(default=False)
    # Shipping a packed shipment needs it scanned and verified first.
    require_verification = models.BooleanField(default=False)
    # The letterhead of printed documents; the workspace's name when empty.
    print_company_name = models.CharField(max_length=100, blank=True)
    print_phone = models.CharField(max_length=30, blank=True)
    print_address = models.CharField(max_length=200, blank=True)
    print_footer = models.CharField(max_length=200, blank=True)
    logo = models.FileField(upload_to=logo_path, max_length=200, blank=True)

    def __str__(self) -> str:
        return f"overdue after {self.signback_overdue_days} days"


class PrintKind(models.TextChoices):
    PICK_LIST = "pick_list", "pick_list"  # 拣货单
    DELIVERY_NOTE = "delivery_note", "delivery_note"  # 发货单 / 送货单 (packing slip)
    DAILY_LIST = "daily_list", "daily_list"  # 发货日报: what left on one day
    DELIVERY_LIST = "delivery_list", "delivery_list"  # 待送货清单: orders to deliver


class PrintTemplate(models.Model):
    """Which fields a printed document shows, in which order and alignment; one per kind.

    `fields` is [{"field": "sku_code", "visible": true, "align": "left"}, …]; fields the
    template does not list keep their defaults (saas.shipping.printing.fields).
    """

    kind = models.CharField(max_length=20, choices=PrintKind.choices, unique=True)
    title = models.CharField(max_length=60, blank=True)  # replaces the default title when set
    fields = models.JSONField(default=list)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.kind


class ShipmentStatus(models.TextChoices):
    PACKING = "packing", "packing"
    SHIPPED = "shipped", "shipped"
    SIGNED = "signed", "signed"
    CANCELLED = "cancelled", "cancelled"


class ShipmentBatch(models.Model):
    """One batch-shipping action: its per-row results, kept so a retry returns them unchanged."""

    row_count = models.PositiveIntegerField(default=0)
    shipped_count = models.PositiveIntegerField(default=0)
    failed_count = models.PositiveIntegerField(default=0)
    # [{"row": 0, "orderNumber": "SO-…", "shipmentId": 7, "errors": [{"field", "code", "message"}]}, …]
    results = models.JSONField(default=list)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"batch {self.pk}: {self.shipped_count}/{self.row_count}"


class Shipment(models.Model):
    number = models.CharField(max_length=30, unique=True)  # SH-2026-000123
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="shipments")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="shipments")
    status = models.CharField(max_length=10, choices=ShipmentStatus.choices, default=ShipmentStatus.PACKING)
    delivery_method = models.CharField(
        max_length=10, choices=DeliveryMethod.choices, default=DeliveryMethod.EXPRESS
    )
    carrier = models.ForeignKey(
        Carrier, null=True, blank=True, on_delete=models.PROTECT, related_name="shipments"
    )
    tracking_number = models.CharField(max_length=40, blank=True)
    note = models.CharField(max_length=200, blank=True)
    batch = models.ForeignKey(
        ShipmentBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="shipments"
    )
    # The day it shipped in the tenant's time zone: the daily list groups by it without converting.
    ship_date = models.DateField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    shipped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)  # set while the scans match exactly
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Sign-back: when the customer signed (as reported), where, and who recorded it.
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sign_recorded_at = models.DateTimeField(null=True, blank=True)
    sign_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    sign_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    sign_note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = updated_at_field()  # every write moves it (saas.core.sync)

    class Meta:
        ordering = ["-id"]
        constraints = [
            # A tracking number names one package of one carrier; a cancelled plan gives it back.
            models.UniqueConstraint(
                fields=["carrier", "tracking_number"],
                condition=~Q(tracking_number="") & ~Q(status="cancelled"),
                name="shipment_tracking_unique_per_carrier",
            ),
            models.CheckConstraint(
                condition=Q(tracking_number="") | Q(carrier__isnull=False),
                name="shipment_tracking_needs_carrier",
            ),
            models.CheckConstraint(
                condition=Q(sign_latitude__isnull=True) | Q(sign_latitude__gte=-90, sign_latitude__lte=90),
                name="shipment_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(sign_longitude__isnull=True)
                | Q(sign_longitude__gte=-180, sign_longitude__lte=180),
                name="shipment_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "ship_date"], name="shipment_status_date_idx"),
            models.Index(fields=["order", "status"], name="shipment_order_idx"),
            models.Index(fields=["tracking_number"], name="shipment_tracking_idx"),
            sync_index("shipment_sync_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(SalesOrderLine, on_delete=models.PROTECT, related_name="shipment_lines")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    quantity = qty_field()  # base units

    class Meta:
        ordering = ["shipment_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "order_line"], name="shipmentline_unique_order_line"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="shipmentline_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.sku_id}×{self.quantity}"


class ShipmentScan(models.Model):
    """How many base units of a SKU have been scanned into a package so far (scan-to-verify)."""

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="scans")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    quantity = qty_field(default=ZERO)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "sku"], name="shipmentscan_unique_sku"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="shipmentscan_quantity_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.shipment_id}: {self.sku_id}×{self.quantity}"


class ProofKind(models.TextChoices):
    PHOTO = "photo", "photo"  # a photo of the signed delivery note
    SIGNATURE = "signature", "signature"  # a signature drawn on the phone (PNG)


class SignBackProof(models.Model):
    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="proofs")
    kind = models.CharField(max_length=10, choices=ProofKind.choices)
    file = models.FileField(upload_to=proof_path, max_length=200)
    size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.file.name or ""
