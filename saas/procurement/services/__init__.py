"""The only code that changes procurement data: suppliers, purchase orders, receipts, returns,
payments and confirmed replenishment. Import from here; the submodules are an implementation detail.
"""

from __future__ import annotations

from saas.procurement.services.orders import (
    KEEP,
    PO_FLOW,
    OrderLineInput,
    purchase_order_approve,
    purchase_order_cancel,
    purchase_order_close,
    purchase_order_create,
    purchase_order_reopen,
    purchase_order_submit,
    purchase_order_update,
)
from saas.procurement.services.payments import supplier_payment_record
from saas.procurement.services.receiving import ReceiptLineInput, goods_receipt_create
from saas.procurement.services.replenishment import ConfirmLineInput, replenishment_confirm
from saas.procurement.services.returns import ReturnLineInput, supplier_return_create
from saas.procurement.services.suppliers import (
    ContactInput,
    supplier_create,
    supplier_item_remove,
    supplier_item_set,
    supplier_update,
)

__all__ = [
    "KEEP",
    "PO_FLOW",
    "ConfirmLineInput",
    "ContactInput",
    "OrderLineInput",
    "ReceiptLineInput",
    "ReturnLineInput",
    "goods_receipt_create",
    "purchase_order_approve",
    "purchase_order_cancel",
    "purchase_order_close",
    "purchase_order_create",
    "purchase_order_reopen",
    "purchase_order_submit",
    "purchase_order_update",
    "replenishment_confirm",
    "supplier_create",
    "supplier_item_remove",
    "supplier_item_set",
    "supplier_payment_record",
    "supplier_return_create",
    "supplier_update",
]
