"""Finance tables in each tenant schema: invoices issued (开票) and receipts from customers (收款登记).

A receipt is allocated to one or more orders; what is not allocated is the customer's
prepayment, allocated later. A refund is a receipt of kind `refund` (money paid back): it is
allocated negatively to an order (after a return) or taken from the prepayment.

These tables were created by the sales app and moved here by migrations (finance 0001 renames
sales_invoice, sales_invoiceorder, sales_receipt and sales_receiptallocation to finance_*).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone

from saas.core.sync import sync_index, updated_at_field
from saas.customers.models import Customer
from saas.inventory.models import ZERO
from saas.sales.models import SalesOrder
from saas.sales.models.common import money_field


class InvoiceKind(models.TextChoices):
    NORMAL = "normal", "normal"  # 增值税普通发票
    SPECIAL = "special", "special"  # 增值税专用发票


class InvoiceStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    ISSUED = "issued", "issued"
    VOID = "void", "void"


class Invoice(models.Model):
    number = models.CharField(max_length=30, unique=True)  # IV-2026-000001, ours
    tax_invoice_number = models.CharField(max_length=30, blank=True)  # the number on the 发票
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(max_length=10, choices=InvoiceKind.choices, default=InvoiceKind.NORMAL)
    status = models.CharField(max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    title = models.CharField(max_length=120)  # 发票抬头
    taxpayer_id = models.CharField(max_length=30, blank=True)
    amount = money_field()  # tax included
    tax_amount = money_field(default=ZERO)
    issue_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_amount_positive")]

    def __str__(self) -> str:
        return self.number


class InvoiceOrder(models.Model):
    """How much of an invoice covers one order."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="order_links")
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="invoice_links")
    amount = money_field()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invoice", "order"], name="invoiceorder_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoiceorder_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}->{self.order_id} {self.amount}"


class ReceiptKind(models.TextChoices):
    PAYMENT = "payment", "payment"
    REFUND = "refund", "refund"


class PaymentMethod(models.TextChoices):
    BANK = "bank", "bank"
    CASH = "cash", "cash"
    WECHAT = "wechat", "wechat"
    ALIPAY = "alipay", "alipay"
    OTHER = "other", "other"


class Receipt(models.Model):
    number = models.CharField(max_length=30, unique=True)  # RC-2026-000001
    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="receipts")
    kind = models.CharField(max_length=10, choices=ReceiptKind.choices, default=ReceiptKind.PAYMENT)
    method = models.CharField(max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.BANK)
    amount = money_field()  # always positive; `kind` says the direction
    # What is not yet allocated to orders (the prepayment left on this receipt).
    unallocated_amount = money_field(default=ZERO)
    received_on = models.DateField()
    reference = models.CharField(max_length=60, blank=True)  # bank serial, WeChat transaction id
    note = models.CharField(max_length=200, blank=True)
    is_void = models.BooleanField(default=False)
    created_by = models.ForeignKey(  # None when a partner key or a job made it
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Moves on every change a partner would sync: allocation, void (saas.core.sync).
    updated_at = updated_at_field()

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="receipt_amount_positive"),
            models.CheckConstraint(
                condition=Q(unallocated_amount__gte=0) & Q(unallocated_amount__lte=models.F("amount")),
                name="receipt_unallocated_within_amount",
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "received_on"], name="receipt_customer_idx"),
            # The duplicate check of a new receipt looks its reference up, in any case.
            models.Index(Upper("reference"), name="receipt_reference_idx", condition=~Q(reference="")),
            sync_index("receipt_sync_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class ReceiptAllocation(models.Model):
    receipt = models.ForeignKey(Receipt, on_delete=models.CASCADE, related_name="allocations")
    order = models.ForeignKey(SalesOrder, on_delete=models.PROTECT, related_name="allocations")
    amount = money_field()  # positive; a refund's allocation lowers the order's received_amount
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["receipt", "order"], name="allocation_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_id}->{self.order_id} {self.amount}"
