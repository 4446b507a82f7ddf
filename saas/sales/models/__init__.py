"""Sales tables in each tenant schema; one module per document family, all importable from here.

Money against orders (invoices, receipts) is the finance app's (saas.finance.models).
"""

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
from saas.sales.models.printing import PrintDocument, PrintSettings
from saas.sales.models.quotations import Quotation, QuotationLine, QuotationStatus
from saas.sales.models.returns import ReturnReason, ReturnStatus, SalesReturn, SalesReturnLine, Settlement

__all__ = [
    "SOLD_STATUSES",
    "CreditPolicy",
    "DeliveryMethod",
    "OrderExpense",
    "OrderRevision",
    "OrderStatus",
    "PrintDocument",
    "PrintSettings",
    "Quotation",
    "QuotationLine",
    "QuotationStatus",
    "ReturnReason",
    "ReturnStatus",
    "SalesOrder",
    "SalesOrderLine",
    "SalesReturn",
    "SalesReturnLine",
    "SalesSettings",
    "Settlement",
]
