"""Services of the sales domain: the only code that changes orders, quotations, invoices,
receipts and returns. One module per document family.

Orders and quotations are importable from here (the submodules are an implementation detail):
order_create / order_update (orders), order_place (create, submit, approve at once), order_submit / order_approve / order_reject /
order_cancel / order_sign_back / order_reserve_retry (workflow), order_ship (shipping),
expense_add / expense_remove (expenses), quotation_* (quotations), sales_settings (settings).
"""

from __future__ import annotations

from saas.sales.services.expenses import expense_add, expense_remove
from saas.sales.services.lines import LineInput
from saas.sales.services.orders import KEEP, ShipTo, order_create, order_update
from saas.sales.services.placing import order_place
from saas.sales.services.print_settings import print_settings_reset, print_settings_save
from saas.sales.services.quotations import (
    QUOTATION_FLOW,
    quotation_accept,
    quotation_cancel,
    quotation_convert,
    quotation_create,
    quotation_reject,
    quotation_send,
    quotation_update,
)
from saas.sales.services.settings import sales_settings, sales_settings_update
from saas.sales.services.shipping import order_ship
from saas.sales.services.workflow import (
    ORDER_FLOW,
    order_approve,
    order_cancel,
    order_reject,
    order_reserve_retry,
    order_sign_back,
    order_submit,
    orders_reserve_retry_for,
)

__all__ = [
    "print_settings_reset",
    "print_settings_save",
    "KEEP",
    "ORDER_FLOW",
    "QUOTATION_FLOW",
    "LineInput",
    "ShipTo",
    "expense_add",
    "expense_remove",
    "order_approve",
    "order_cancel",
    "order_create",
    "order_place",
    "order_reject",
    "order_reserve_retry",
    "order_ship",
    "order_sign_back",
    "order_submit",
    "order_update",
    "orders_reserve_retry_for",
    "quotation_accept",
    "quotation_cancel",
    "quotation_convert",
    "quotation_create",
    "quotation_reject",
    "quotation_send",
    "quotation_update",
    "sales_settings",
    "sales_settings_update",
]
