"""Sales orders: header, lines, expenses, revisions, and the tenant's sales settings.

Prices are tax-inclusive (含税价), as Chinese SMEs quote them. A line's `amount` is
quantity × unit price less the discount, rounded to the cent once when the line is written;
`tax_amount` is the tax inside that amount. Quantities are in the line's unit (箱); `base_quantity`
is the same in the SKU's base unit, which is what reservations and shipments move.

Status flow (saas.sales.services.workflow holds the transition table):
draft → pending_review (待审核) → approved → pending_purchase (待采购) | pending_shipment (待发货)
→ partly_shipped → pending_signback (待签回) → completed; cancelled (with a reason) from any
state before shipping. `approved` is where stock is reserved; an order whose lines could not all
be reserved waits in pending_purchase, and its shortfall feeds the replenishment suggestion.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from saas.catalog.models import SKU
from saas.core.audit import actor_kind_field, actor_label_field
from saas.core.sync import sync_index, updated_at_field
from saas.customers.models import Customer
from saas.inventory.models import ZERO, Warehouse, qty_field
from saas.sales.models.common import money_field, price_field, rate_field

NO_MONEY = Decimal("0.00")  # reads "0.00", as money does


class OrderStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    PENDING_REVIEW = "pending_review", "pending_review"
    APPROVED = "approved", "approved"
    PENDING_PURCHASE = "pending_purchase", "pending_purchase"
    PENDING_SHIPMENT = "pending_shipment", "pending_shipment"
    PARTLY_SHIPPED = "partly_shipped", "partly_shipped"
    PENDING_SIGNBACK = "pending_signback", "pending_signback"
    COMPLETED = "completed", "completed"
    CANCELLED = "cancelled", "cancelled"


# Orders that count as sales (reports, receivables, credit exposure): approved and beyond.
SOLD_STATUSES = (
    OrderStatus.APPROVED,
    OrderStatus.PENDING_PURCHASE,
    OrderStatus.PENDING_SHIPMENT,
    OrderStatus.PARTLY_SHIPPED,
    OrderStatus.PENDING_SIGNBACK,
    OrderStatus.COMPLETED,
)


class DeliveryMethod(models.TextChoices):
    EXPRESS = "express", "express"  # 快递
    LOGISTICS = "logistics", "logistics"  # 物流/货运
    DELIVERY = "delivery", "delivery"  # 送货上门
    PICKUP = "pickup", "pickup"  # 自提


class CreditPolicy(models.TextChoices):
    OFF = "off", "off"
    BLOCK = "block", "block"  # submit refuses an order over the limit
    APPROVAL = "approval", "approval"  # the order waits for a manager (orders.credit_override)


class SalesSettings(models.Model):
    """One row per tenant."""

    review_required = models.BooleanField(default=True)  # False: submit approves at once
    credit_policy = models.CharField(max_length=10, choices=CreditPolicy.choices, default=CreditPolicy.OFF)
    signback_required = models.BooleanField(default=True)  # False: fully shipped completes the order
    default_tax_rate = rate_field(default=13)
    # False: an order is placed only when its warehouse has the stock (stock_short otherwise).
    backorders_allowed = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"review={self.review_required} credit={self.credit_policy}"


class SalesOrder(models.Model):
    number = models.CharField(max_length=30, unique=True)  # SO-2026-000123
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="orders")
    rep = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sales_orders")
    status = models.CharField(max_length=20, choices=OrderStatus.choices, default=OrderStatus.DRAFT)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="sales_orders")
    currency = models.CharField(max_length=3, default="CNY")
    # The day of the order in the tenant's time zone: reports group by it without converting.
    order_date = models.DateField()
    requested_date = models.DateField(null=True, blank=True)
    delivery_method = models.CharField(
        max_length=10, choices=DeliveryMethod.choices, default=DeliveryMethod.EXPRESS
    )
    # Contact and delivery address, copied from the customer when the order is written.
    contact_name = models.CharField(max_length=60, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    ship_receiver = models.CharField(max_length=60, blank=True)
    ship_phone = models.CharField(max_length=30, blank=True)
    ship_province = models.CharField(max_length=30, blank=True)
    ship_city = models.CharField(max_length=30, blank=True)
    ship_district = models.CharField(max_length=30, blank=True)
    ship_detail = models.CharField(max_length=200, blank=True)
    remarks = models.CharField(max_length=500, blank=True)
    # Totals, kept equal to the sum of the lines by the services.
    goods_amount = money_field(default=ZERO)  # before discounts
    discount_amount = money_field(default=ZERO)
    total_amount = money_field(default=ZERO)  # what the customer owes for the goods, tax included
    tax_amount = money_field(default=ZERO)
    expense_amount = money_field(default=ZERO)  # our own costs of this order (运费, 安装费…)
    # Money that moved against the order, kept by the finance and returns services.
    received_amount = money_field(default=ZERO)  # receipts allocated, refunds subtracted
    returned_amount = money_field(default=ZERO)  # credit from approved returns
    invoiced_amount = money_field(default=ZERO)
    credit_hold = models.BooleanField(default=False)  # over the credit limit; needs a manager
    revision = models.PositiveIntegerField(default=0)
    cancel_reason = models.CharField(max_length=200, blank=True)
    quotation = models.ForeignKey(
        "sales.Quotation", null=True, blank=True, on_delete=models.SET_NULL, related_name="orders"
    )
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)  # first shipment: receivable from here
    completed_at = models.DateTimeField(null=True, blank=True)
    # Moves on every change a partner would sync: status, lines, money received (saas.core.sync).
    updated_at = updated_at_field()

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(total_amount__gte=0), name="salesorder_total_not_negative"),
            models.CheckConstraint(
                condition=Q(returned_amount__gte=0), name="salesorder_returned_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-id"], name="salesorder_status_idx"),
            models.Index(fields=["rep", "status"], name="salesorder_rep_idx"),
            models.Index(fields=["customer", "status"], name="salesorder_customer_idx"),
            models.Index(fields=["order_date", "status"], name="salesorder_date_idx"),
            sync_index("salesorder_sync_idx"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def balance_due(self) -> Decimal:
        """Signed: negative when the order received more than it is worth after returns."""
        return self.total_amount - self.returned_amount - self.received_amount

    # The rule of finance.selectors.balances, for one loaded order.
    @property
    def outstanding(self) -> Decimal:
        """What the customer still owes for the goods kept (未收余额); never negative."""
        return max(self.balance_due, NO_MONEY)

    @property
    def overpaid(self) -> Decimal:
        """What was received beyond the order's worth after returns: owed back to the customer."""
        return max(-self.balance_due, NO_MONEY)


class SalesOrderLine(models.Model):
    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    sku = models.ForeignKey(SKU, on_delete=models.PROTECT, related_name="sales_lines")
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="sales_lines")
    unit_name = models.CharField(max_length=10)
    unit_factor = models.DecimalField(max_digits=12, decimal_places=3, default=1)
    quantity = qty_field()  # in unit_name
    base_quantity = qty_field()  # quantity × unit_factor, in the SKU's base unit
    unit_price = price_field()  # per unit_name, tax included
    discount_rate = rate_field(default=0)  # percent off
    tax_rate = rate_field(default=13)
    amount = money_field()  # quantity × unit_price × (1 − discount), tax included
    discount_amount = money_field(default=ZERO)
    tax_amount = money_field(default=ZERO)
    # Progress in base units: reserved at approval, shipped by shipments, returned by returns.
    reserved_quantity = qty_field(default=ZERO)
    shipped_quantity = qty_field(default=ZERO)
    returned_quantity = qty_field(default=ZERO)
    # Cost of the goods shipped on this line, from the inventory valuation at shipment.
    cost_amount = models.DecimalField(max_digits=18, decimal_places=4, default=ZERO)
    returned_cost_amount = models.DecimalField(max_digits=18, decimal_places=4, default=ZERO)
    remark = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["order_id", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="salesline_unique_line_no"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="salesline_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="salesline_price_not_negative"),
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0) & Q(discount_rate__lte=100), name="salesline_discount_range"
            ),
            models.CheckConstraint(
                condition=Q(tax_rate__gte=0) & Q(tax_rate__lte=100), name="salesline_tax_range"
            ),
            models.CheckConstraint(
                condition=Q(reserved_quantity__gte=0)
                & Q(shipped_quantity__gte=0)
                & Q(reserved_quantity__lte=F("base_quantity") - F("shipped_quantity")),
                name="salesline_reserved_within_open",
            ),
            models.CheckConstraint(
                condition=Q(shipped_quantity__lte=F("base_quantity")), name="salesline_shipped_within_ordered"
            ),
            models.CheckConstraint(
                condition=Q(returned_quantity__gte=0) & Q(returned_quantity__lte=F("shipped_quantity")),
                name="salesline_returned_within_shipped",
            ),
        ]
        indexes = [models.Index(fields=["sku", "order"], name="salesline_sku_idx")]

    def __str__(self) -> str:
        return f"{self.order_id}#{self.line_no} {self.sku_id}×{self.quantity}"


class OrderExpense(models.Model):
    """A cost of ours recorded against an order (运费, 安装费): lowers the order's profit."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="expenses")
    name = models.CharField(max_length=60)
    amount = money_field()
    remark = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="orderexpense_amount_positive")]

    def __str__(self) -> str:
        return f"{self.name} {self.amount}"


class OrderRevision(models.Model):
    """An edit of an order after approval: what changed, by whom. Never a silent change."""

    order = models.ForeignKey(SalesOrder, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField()
    # [{"field": "lines[2].quantity", "before": "5", "after": "8"}, …]
    changes = models.JSONField(default=list)
    note = models.CharField(max_length=200, blank=True)
    # The person who revised it; None when a partner key or a job did (see actor_kind, actor_label).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_kind = actor_kind_field()
    actor_label = actor_label_field()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order_id", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["order", "revision"], name="orderrevision_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.order_id} r{self.revision}"
