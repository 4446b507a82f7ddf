"""Procurement tables in each tenant schema: suppliers and what they supply, purchase orders,
goods receipts with inspection, returns to suppliers and supplier payments.

Quantities that touch stock (received, rejected, returned) are in the SKU's base unit. A purchase
order line is bought in the supplier's unit (箱 = 12 件): `quantity` and `unit_price` are in that
unit, `base_quantity` is the same quantity in base units, kept equal by a check constraint.
Money amounts on documents are stored when the document is posted, so totals never re-round.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from saas.catalog.models import SKU
from saas.inventory.models import ZERO, Warehouse, cost_field, qty_field

COST_STEP = Decimal("0.0001")
CENT = Decimal("0.01")


def money_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(max_digits=16, decimal_places=2, **options)


def factor_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """How many base units one purchase unit holds (same precision as catalog pack units)."""
    return models.DecimalField(max_digits=12, decimal_places=3, **options)


def to_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class Supplier(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    payment_terms_days = models.PositiveSmallIntegerField(default=0)  # net days after receipt
    address = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SupplierContact(models.Model):
    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=60)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(max_length=254, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class SupplierItem(models.Model):
    """A SKU a supplier sells, at a price per its unit (the base unit or a pack of `unit_factor`)."""

    supplier = models.ForeignKey(Supplier, on_delete=models.CASCADE, related_name="items")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="supplier_items")
    supplier_sku_code = models.CharField(max_length=60, blank=True)  # the supplier's own article number
    unit_name = models.CharField(max_length=10)
    unit_factor = factor_field(default=Decimal(1))
    price = cost_field()  # per unit_name
    min_order_qty = qty_field(default=ZERO)  # base units, for the SKU's total on one order
    lead_time_days = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["supplier_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["supplier", "sku"], name="supplieritem_unique_sku_per_supplier"),
            models.CheckConstraint(condition=Q(unit_factor__gt=0), name="supplieritem_factor_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="supplieritem_price_not_negative"),
            models.CheckConstraint(condition=Q(min_order_qty__gte=0), name="supplieritem_moq_not_negative"),
        ]
        # Replenishment picks the cheapest supplier per SKU.
        indexes = [models.Index(fields=["sku", "is_active"], name="supplieritem_sku_idx")]

    def __str__(self) -> str:
        return f"{self.supplier_id}: {self.sku_id} @ {self.price}/{self.unit_name}"

    @property
    def base_price(self) -> Decimal:
        return (self.price / self.unit_factor).quantize(COST_STEP, rounding=ROUND_HALF_UP)


class PurchaseOrderStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    APPROVED = "approved", "approved"
    PARTLY_RECEIVED = "partly_received", "partly_received"
    RECEIVED = "received", "received"
    CLOSED = "closed", "closed"
    CANCELLED = "cancelled", "cancelled"


# Orders whose outstanding quantity is still expected (replenishment counts it as supply). Drafts
# count too, so confirming a suggestion and asking again does not suggest the same goods twice.
OPEN_STATUSES = (
    PurchaseOrderStatus.DRAFT,
    PurchaseOrderStatus.SUBMITTED,
    PurchaseOrderStatus.APPROVED,
    PurchaseOrderStatus.PARTLY_RECEIVED,
)
# Orders the supplier has been committed to: their value counts as "ordered" in payables.
COMMITTED_STATUSES = (
    PurchaseOrderStatus.APPROVED,
    PurchaseOrderStatus.PARTLY_RECEIVED,
    PurchaseOrderStatus.RECEIVED,
    PurchaseOrderStatus.CLOSED,
)


class PurchaseOrder(models.Model):
    number = models.CharField(max_length=30, unique=True)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="purchase_orders")
    status = models.CharField(
        max_length=16, choices=PurchaseOrderStatus.choices, default=PurchaseOrderStatus.DRAFT
    )
    currency = models.CharField(max_length=3, default="CNY")
    expected_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "id"], name="po_status_idx"),
            models.Index(fields=["supplier", "id"], name="po_supplier_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class PurchaseOrderLine(models.Model):
    order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")  # destination
    unit_name = models.CharField(max_length=10)
    unit_factor = factor_field(default=Decimal(1))
    quantity = qty_field()  # in unit_name
    unit_price = cost_field()  # per unit_name
    base_quantity = qty_field()  # quantity × unit_factor
    received_qty = qty_field(default=ZERO)  # accepted into stock, base units
    rejected_qty = qty_field(default=ZERO)  # refused at inspection, base units

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "sku", "warehouse"], name="poline_unique_sku_warehouse"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="poline_qty_positive"),
            models.CheckConstraint(condition=Q(unit_factor__gt=0), name="poline_factor_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="poline_price_not_negative"),
            models.CheckConstraint(
                condition=Q(base_quantity=F("quantity") * F("unit_factor")), name="poline_base_qty_exact"
            ),
            # The last guard against over-receipt, whatever the service checks.
            models.CheckConstraint(
                condition=Q(received_qty__gte=0) & Q(received_qty__lte=F("base_quantity")),
                name="poline_received_within_ordered",
            ),
            models.CheckConstraint(condition=Q(rejected_qty__gte=0), name="poline_rejected_not_negative"),
        ]
        # Replenishment sums what is still on order per SKU and warehouse.
        indexes = [models.Index(fields=["sku", "warehouse"], name="poline_sku_wh_idx")]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.sku_id}→{self.warehouse_id}"

    @property
    def base_unit_cost(self) -> Decimal:
        """The price per base unit: what accepted goods enter stock at."""
        return (self.unit_price / self.unit_factor).quantize(COST_STEP, rounding=ROUND_HALF_UP)

    @property
    def amount(self) -> Decimal:
        return to_money(self.quantity * self.unit_price)

    @property
    def outstanding_qty(self) -> Decimal:
        """Base units still to come. Rejected goods do not count as delivered: the supplier owes them."""
        return self.base_quantity - self.received_qty

    def value_of(self, base_qty: Decimal) -> Decimal:
        """The money value of base units of this line, from the unrounded unit price."""
        return to_money(base_qty * self.unit_price / self.unit_factor)


class GoodsReceipt(models.Model):
    """A delivery checked in against a purchase order (收货单), posted when created."""

    number = models.CharField(max_length=30, unique=True)
    order = models.ForeignKey(PurchaseOrder, on_delete=models.PROTECT, related_name="receipts")
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number


class GoodsReceiptLine(models.Model):
    receipt = models.ForeignKey(GoodsReceipt, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(PurchaseOrderLine, on_delete=models.PROTECT, related_name="receipt_lines")
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    accepted_qty = qty_field(default=ZERO)
    rejected_qty = qty_field(default=ZERO)
    returned_qty = qty_field(default=ZERO)  # of the rejected, sent back to the supplier so far
    reject_reason = models.CharField(max_length=200, blank=True)
    unit_cost = cost_field()  # per base unit: the order line's price converted
    accepted_amount = money_field()  # what the supplier may invoice for this line

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_qty__gte=0) & Q(rejected_qty__gte=0), name="grline_qty_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(accepted_qty__gt=0) | Q(rejected_qty__gt=0), name="grline_something_received"
            ),
            models.CheckConstraint(
                condition=Q(returned_qty__gte=0) & Q(returned_qty__lte=F("rejected_qty")),
                name="grline_returned_within_rejected",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_id}: {self.sku_id}"


class ReturnSource(models.TextChoices):
    REJECTED = "rejected", "rejected"  # refused at inspection; never entered stock
    STOCK = "stock", "stock"  # taken out of stock (RETURN_OUT), reduces the payable


class SupplierReturn(models.Model):
    """Goods sent back to a supplier (退供单), posted when created."""

    number = models.CharField(max_length=30, unique=True)
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="returns")
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number


class SupplierReturnLine(models.Model):
    supplier_return = models.ForeignKey(SupplierReturn, on_delete=models.CASCADE, related_name="lines")
    source = models.CharField(max_length=10, choices=ReturnSource.choices)
    receipt_line = models.ForeignKey(
        GoodsReceiptLine, null=True, blank=True, on_delete=models.PROTECT, related_name="return_lines"
    )
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="+")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="+")
    quantity = qty_field()
    unit_cost = cost_field()  # rejected: the order price; stock: the average cost it left at
    amount = money_field()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="rtline_qty_positive"),
            models.CheckConstraint(
                condition=Q(source=ReturnSource.REJECTED, receipt_line__isnull=False)
                | Q(source=ReturnSource.STOCK, receipt_line__isnull=True),
                name="rtline_source_matches_receipt_line",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.supplier_return_id}: {self.sku_id}"


class SupplierPayment(models.Model):
    """Money paid to a supplier (付款); finance or buyers record it."""

    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="payments")
    amount = money_field()
    currency = models.CharField(max_length=3, default="CNY")
    paid_on = models.DateField()
    method = models.CharField(max_length=20, blank=True)  # bank, cash, alipay, wechat, …
    reference = models.CharField(max_length=60, blank=True)  # bank slip or voucher number
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.supplier_id}: {self.amount}"
