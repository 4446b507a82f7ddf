"""Whether a `salesOrders` request can be served by the one-statement page of plain rows
(saas/sales/selectors/order_page.py) instead of model instances: when it pages by offset and
asks only for fields those rows carry. Anything else (history, expenses, actions, a customer's
details, cursor paging) takes the ORM path, with the same schema and the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from saas.api.accounts.types import UserType
from saas.api.catalog.types import SkuType
from saas.api.customers.types import CustomerType
from saas.api.inventory.types import WarehouseType
from saas.api.procurement.selection import _fields
from saas.api.projection import held_class
from saas.api.sales.types import SalesOrderLineType, SalesOrderType
from saas.sales.selectors.order_page import LineSelection, OrderSelection

# Each order field the plain rows answer, and the order's columns it reads
# (saas/sales/selectors/order_page.ORDER_COLUMNS; the id and the related rows' ids always).
ORDER_READS: dict[str, tuple[str, ...]] = {
    "id": (),
    "number": ("number",),
    "status": ("status",),
    "currency": ("currency",),
    "orderDate": ("order_date",),
    "requestedDate": ("requested_date",),
    "deliveryMethod": ("delivery_method",),
    "contactName": ("contact_name",),
    "contactPhone": ("contact_phone",),
    "remarks": ("remarks",),
    "creditHold": ("credit_hold",),
    "revision": ("revision",),
    "cancelReason": ("cancel_reason",),
    "createdAt": ("created_at",),
    "submittedAt": ("submitted_at",),
    "approvedAt": ("approved_at",),
    "shippedAt": ("shipped_at",),
    "completedAt": ("completed_at",),
    "updatedAt": ("updated_at",),
    "shipTo": ("ship_receiver", "ship_phone", "ship_province", "ship_city", "ship_district", "ship_detail"),
    "quotationId": ("quotation_id",),
    "goodsAmount": ("goods_amount",),
    "discountAmount": ("discount_amount",),
    "totalAmount": ("total_amount",),
    "taxAmount": ("tax_amount",),
    "expenseAmount": ("expense_amount",),
    "receivedAmount": ("received_amount",),
    "returnedAmount": ("returned_amount",),
    "invoicedAmount": ("invoiced_amount",),
    "balanceDue": ("total_amount", "returned_amount", "received_amount"),
}
ORDER = frozenset(ORDER_READS)
# Each line field the plain rows answer, and the line's own columns it reads
# (saas/sales/selectors/order_page.LINE_COLUMNS; the id is always read).
LINE_READS: dict[str, tuple[str, ...]] = {
    "id": (),
    "lineNo": ("line_no",),
    "unitName": ("unit_name",),
    "unitFactor": ("unit_factor",),
    "quantity": ("quantity",),
    "baseQuantity": ("base_quantity",),
    "reservedQuantity": ("reserved_quantity",),
    "shippedQuantity": ("shipped_quantity",),
    "returnedQuantity": ("returned_quantity",),
    "remark": ("remark",),
    "openQuantity": ("base_quantity", "shipped_quantity"),
    "unitPrice": ("unit_price",),
    "discountRate": ("discount_rate",),
    "taxRate": ("tax_rate",),
    "amount": ("amount",),
    "discountAmount": ("discount_amount",),
    "taxAmount": ("tax_amount",),
    "costAmount": ("cost_amount",),
}
LINE = frozenset(LINE_READS)
SKU = frozenset({"id", "code", "barcode", "name", "specLabel", "specValues"})
WAREHOUSE = frozenset({"id", "code", "name"})
# Nested objects: the fields each may ask (a nested object of its own is a dict entry).
SHAPE: dict[str, Any] = {
    "__fields__": ORDER,
    "customer": {"__fields__": frozenset({"id", "code", "name"})},
    "rep": {"__fields__": frozenset({"id", "fullName"})},
    "warehouse": {"__fields__": WAREHOUSE},
    "lines": {
        "__fields__": LINE,
        "sku": {"__fields__": SKU, "specValues": {"__fields__": frozenset({"name", "value"})}},
        "warehouse": {"__fields__": WAREHOUSE},
    },
}


def _fits(nodes: Iterable[SelectedField], shape: dict[str, Any]) -> bool:
    for node in nodes:
        if node.name == "__typename":
            continue
        if node.name in shape:
            if not _fits(_fields(node), shape[node.name]):
                return False
        elif node.name not in shape["__fields__"] or node.selections and node.name != "shipTo":
            return False
    return True


def projectable(info: Info, *, cursor_paging: bool) -> OrderSelection | None:
    """What the one-statement page must read for this request, or None when it cannot serve it."""
    if cursor_paging:
        return None
    items = [child for root in info.selected_fields for child in _fields(root) if child.name == "items"]
    rows = [field for item in items for field in _fields(item)]
    if not _fits(rows, SHAPE):
        return None
    columns = frozenset(column for field in rows for column in ORDER_READS.get(field.name, ()))
    if not any(row.name == "lines" for row in rows):
        return OrderSelection(columns, lines=None)
    asked = [field for row in rows if row.name == "lines" for field in _fields(row)]
    names = {field.name for field in asked}
    lines = LineSelection(
        frozenset(column for field in asked for column in LINE_READS.get(field.name, ())),
        sku="sku" in names,
        warehouse="warehouse" in names,
    )
    return OrderSelection(columns, lines=lines)


def _as(cls: type, row: Any, classes: dict[tuple[type, tuple[str, ...]], type]) -> Any:
    """The plain row as an instance of the GraphQL type (what strawberry's type check asks):
    its attributes are the row's, so the type's fields and resolvers read it like a model, and
    marked as held (saas/api/projection.held_class), so its fields answer directly
    (saas/api/projection_fields.py). The row becomes that object in place (its class switched,
    nothing copied); `classes` keeps the page's classes, as every row of a kind holds the same
    attributes."""
    values = row.__dict__
    key = (cls, tuple(values))
    held = classes.get(key)
    if held is None:
        held = classes[key] = held_class(cls, frozenset(values))
    row.__class__ = held
    values["pk"] = values.get("id")
    return row


def as_order_types(rows: list[Any]) -> list[SalesOrderType]:
    """Plain order rows (saas/sales/selectors/order_page.py) as SalesOrderType objects, their
    customer, rep, warehouse, lines and SKUs as those types."""
    classes: dict[tuple[type, tuple[str, ...]], type] = {}
    orders = []
    for row in rows:
        customer, rep, warehouse, lines = row.customer, row.rep, row.warehouse, row.lines
        order = _as(SalesOrderType, row, classes)
        order.customer = _as(CustomerType, customer, classes)
        order.rep = _as(UserType, rep, classes)
        order.warehouse = _as(WarehouseType, warehouse, classes)
        for line in lines:
            held = line.__dict__
            sku, line_warehouse = held.get("sku"), held.get("warehouse")  # when asked for
            _as(SalesOrderLineType, line, classes)
            if sku is not None:
                line.sku = _as(SkuType, sku, classes)
            if line_warehouse is not None:
                line.warehouse = _as(WarehouseType, line_warehouse, classes)
        orders.append(order)
    return orders
