"""Sales tables in each tenant schema; one module per document family, all importable from here."""

from saas.sales.models.money import (
    Invoice,
    InvoiceKind,
    InvoiceOrder,
    InvoiceStatus,
    PaymentMethod,
    Receipt,
    ReceiptAllocation,
    ReceiptKind,
)
from saas.sales.models.orders import (
    SOLD_STATUSES,
    CreditPolicy,
    DeliveryMethod,
    OrderExpense,
    OrderRevision,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
    SalesSettings,
)
from saas.sales.models.quotations import Quotation, QuotationLine, QuotationStatus
from saas.sales.models.returns import ReturnReason, ReturnStatus, SalesReturn, SalesReturnLine, Settlement

__all__ = [
    "SOLD_STATUSES",
    "CreditPolicy",
    "DeliveryMethod",
    "Invoice",
    "InvoiceKind",
    "InvoiceOrder",
    "InvoiceStatus",
    "OrderExpense",
    "OrderRevision",
    "OrderStatus",
    "PaymentMethod",
    "Quotation",
    "QuotationLine",
    "QuotationStatus",
    "Receipt",
    "ReceiptAllocation",
    "ReceiptKind",
    "ReturnReason",
    "ReturnStatus",
    "SalesOrder",
    "SalesOrderLine",
    "SalesReturn",
    "SalesReturnLine",
    "SalesSettings",
    "Settlement",
]
