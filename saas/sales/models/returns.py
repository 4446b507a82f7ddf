"""Customer returns (退货): shipped lines coming back, approved, received into a warehouse, then
refunded or credited against the order.

Received goods re-enter stock at the cost they left at (the order line's shipped unit cost), so
the return takes back exactly the cost it adds to profit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.inventory.models import ZERO, Warehouse, qty_field
from saas.sales.models.common import money_field
from saas.sales.models.orders import SalesOrder, SalesOrderLine


class ReturnStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", "pending_approval"
    APPROVED = "approved", "approved"
    RECEIVED = "received", "received"  # goods back in stock
    SETTLED = "settled", "settled"  # refunded or credited
    REJECTED = "rejected", "rejected"
    CANCELLED = "cancelled", "cancelled"


class ReturnReason(models.TextChoices):
    QUALITY = "quality", "quality"  # 质量问题
    WRONG_ITEM = "wrong_item", "wrong_item"  # 发错货
    DAMAGED = "damaged", "damaged"  # 运输损坏
    NOT_NEEDED = "not_needed", "not_needed"  # 客户不要了
    OTHER = "other", "other"


class Settlement(models.TextChoices):
    REFUND = "refund", "refund"  # money back (a refund receipt)
    CREDIT = "credit", "credit"  # lowers what the customer owes on the order


class SalesReturn(models.Model):
    number = models.CharField(max_length=30, unique=True)  # RS-2026-000001
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="returns")
    status = models.CharField(
        max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.PENDING_APPROVAL
    )
    reason = models.CharField(max_length=12, choices=ReturnReason.choices)
    reason_note = models.CharField(max_length=200, blank=True)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.PROTECT, related_name="sales_returns")
    settlement = models.CharField(max_length=10, choices=Settlement.choices, default=Settlement.CREDIT)
    amount = money_field(default=ZERO)  # the value credited or refunded, tax included
    cost_amount = models.DecimalField(max_digits=18, decimal_places=4, default=ZERO)
    return_date = models.DateField()  # tenant-local, for statistics
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["return_date", "status"], name="salesreturn_date_idx")]

    def __str__(self) -> str:
        return self.number


class SalesReturnLine(models.Model):
    sales_return = models.ForeignKey(SalesReturn, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(SalesOrderLine, on_delete=models.PROTECT, related_name="return_lines")
    quantity = qty_field()  # base units
    amount = money_field()  # the order line's price for this quantity
    unit_cost = models.DecimalField(max_digits=14, decimal_places=4, default=ZERO)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sales_return", "order_line"], name="returnline_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="returnline_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.sales_return_id}: {self.order_line_id}×{self.quantity}"
