"""`availableActions` of documents: the GraphQL enums of what a caller may do next.

Each enum is its domain's action list (saas/sales/actions.py, saas/procurement/actions.py,
saas/shipping/actions.py, saas/finance/actions.py, saas/inventory/actions.py), computed from the document's transition table and the caller's scopes.
"""

from __future__ import annotations

import strawberry

from saas.finance.actions import InvoiceAction, ReceiptAction
from saas.inventory.actions import StockDocumentAction
from saas.procurement.actions import PurchaseOrderAction
from saas.sales.actions import OrderAction, QuotationAction, ReturnAction
from saas.shipping.actions import ShipmentAction

AVAILABLE_ACTIONS = (
    "What the caller may do next, from the document's status flow and the caller's scopes. "
    "Show a button for each; the server still checks every action when it is taken."
)

SalesOrderActionEnum = strawberry.enum(
    OrderAction, name="SalesOrderAction", description="An action on a sales order."
)
QuotationActionEnum = strawberry.enum(
    QuotationAction, name="QuotationAction", description="An action on a quotation."
)
SalesReturnActionEnum = strawberry.enum(
    ReturnAction, name="SalesReturnAction", description="An action on a return."
)
PurchaseOrderActionEnum = strawberry.enum(
    PurchaseOrderAction, name="PurchaseOrderAction", description="An action on a purchase order."
)
ShipmentActionEnum = strawberry.enum(
    ShipmentAction, name="ShipmentAction", description="An action on a shipment."
)
InvoiceActionEnum = strawberry.enum(
    InvoiceAction, name="InvoiceAction", description="An action on an invoice."
)
ReceiptActionEnum = strawberry.enum(
    ReceiptAction, name="ReceiptAction", description="An action on a receipt or refund."
)
StockDocumentActionEnum = strawberry.enum(
    StockDocumentAction,
    name="StockDocumentAction",
    description="An action on a transfer or a stocktake (a stock entry has none: it is posted when made).",
)

# Their GraphQL names: the H5 app converts their values to the lowercase action names at its
# boundary, as it does the choice enums (tests/shell_enums.py).
ACTION_ENUMS = (
    "SalesOrderAction",
    "QuotationAction",
    "SalesReturnAction",
    "PurchaseOrderAction",
    "ShipmentAction",
    "InvoiceAction",
    "ReceiptAction",
    "StockDocumentAction",
)
