"""The shape of a receipt as the receipts list's plain rows carry it (saas/api/projection.py),
with its customer and its allocations (through the selector's own Prefetch: a rep sees the
allocations to their own orders only)."""

from __future__ import annotations

from saas.api.customers.projection import CUSTOMER_ROWS
from saas.api.finance.types import ReceiptAllocationType, ReceiptType
from saas.api.projection import Many, One, Shape, columns
from saas.api.sales.types import SalesOrderType
from saas.finance.models import ReceiptAllocation

# The order an allocation names: its reference and money fields (the rest through the model path).
ORDER_REF = Shape(
    SalesOrderType,
    {
        **columns("number", "status", "currency", "order_date", "total_amount", "received_amount"),
        **columns("returned_amount", "invoiced_amount", "updated_at"),
    },
)
ALLOCATION = Shape(ReceiptAllocationType, {"amount": ("amount",)}, one={"order": One("order", ORDER_REF)})
RECEIPT_ROWS = Shape(
    ReceiptType,
    {
        **columns("number", "kind", "method", "amount", "unallocated_amount", "received_on", "reference"),
        **columns("note", "is_void", "created_at", "updated_at"),
        "createdByName": ("created_by__full_name",),
    },
    one={"customer": One("customer", CUSTOMER_ROWS)},
    many={"allocations": Many("allocations", ReceiptAllocation, "receipt_id", ALLOCATION)},
    always=("updated_at",),
)
