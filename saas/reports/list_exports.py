"""The main lists as tables, for their XLSX/CSV downloads with the list's own filters (the orders
list is `orders` in the catalogue beside these):

    /reports/customers.xlsx?q=&level=&owner=&active=true
    /reports/products.xlsx?q=&category=&status=active         one row per SKU
    /reports/stock.xlsx?q=&warehouse=&low=true
    /reports/receipts.xlsx?customer=&kind=payment&from=&to=&min=&max=&void=false
    /reports/suppliers.xlsx?q=&active=true
    /reports/purchase-orders.xlsx?status=&supplier=&warehouse=&min=&max=
    /reports/shipments.xlsx?status=&warehouse=&customer=&carrier=&from=&to=&q=
    /reports/sales-returns.xlsx?status=&customer=&warehouse=&from=&to=&min=&max=

Each reads through the list's own selector, so a rep exports exactly the rows the list shows
them and someone who may not see a list gets its refusal. Money a role may not see stays out:
cost prices and stock values need cost.view, as do purchase prices (what the workspace pays is
its cost).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.catalog.selectors import can_view_cost, product_list
from saas.core.clock import tenant_zone
from saas.core.errors import Forbidden
from saas.customers.selectors import customer_list
from saas.finance.selectors.receipts import receipt_list
from saas.inventory.selectors import may_see_cost, stock_level_list
from saas.procurement.selectors import purchase_order_list, supplier_list
from saas.reports.labels import reason_label
from saas.reports.periods import tenant_now_text
from saas.reports.tables import Cell, Column, Kind, Table
from saas.sales.selectors.returns import sales_return_list
from saas.sales.selectors.visibility import may_see_order_money
from saas.shipping import selectors as shipping_selectors

if TYPE_CHECKING:
    from saas.reports.catalogue import Params

MAX_ROWS = 10000
LABELS: dict[str, Any] = {
    # receipts
    "payment": _("Payment"),
    "refund": _("Refund"),
    "bank": _("Bank transfer"),
    "cash": _("Cash"),
    "wechat": _("WeChat Pay"),
    "alipay": _("Alipay"),
    "other": _("Other"),
    # shipments and purchase orders
    "packing": _("Packing"),
    "shipped": _("Shipped"),
    "signed": _("Signed"),
    "cancelled": _("Cancelled"),
    "draft": _("Draft"),
    "submitted": _("Submitted"),
    "approved": _("Approved"),
    "partly_received": _("Partly received"),
    "received": _("Fully received"),
    "closed": _("Closed"),
}
# Customer returns: their own words for a status shared with other documents ("received" is goods
# back in stock, not a purchase order fully received) and for how each is settled.
RETURN_LABELS: dict[str, Any] = {
    "pending_approval": _("Pending approval"),
    "approved": _("Approved"),
    "received": _("Received into stock"),
    "settled": _("Settled"),
    "rejected": _("Rejected"),
    "cancelled": _("Cancelled"),
    "refund": _("Refund"),
    "credit": _("Credit against what is owed"),
}


def _label(code: str) -> str:
    return str(LABELS.get(code, code))


def _flag(p: Params, name: str) -> bool | None:
    value = p.text(name).lower()
    return {"true": True, "1": True, "false": False, "0": False}.get(value)


def _id(p: Params, name: str) -> str | None:
    return p.text(name) or None


def _table(name: str, title: Any, columns: list[Column], rows: list[list[Cell]], truncated: bool) -> Table:
    meta = [(str(_("Report")), str(title)), (str(_("Generated at")), tenant_now_text())]
    if truncated:
        meta.append((str(_("Note")), str(_("Only the first %(n)d rows are exported.") % {"n": MAX_ROWS})))
    return Table(name=name, title=str(title), columns=columns, rows=rows, meta=meta, truncated=truncated)


def _first(queryset: Any) -> tuple[list[Any], bool]:
    found = list(queryset[: MAX_ROWS + 1])
    return found[:MAX_ROWS], len(found) > MAX_ROWS


def customers_table(actor: Actor, p: Params) -> Table:
    customers, truncated = _first(
        customer_list(
            actor=actor,
            search=p.text("q"),
            level_id=_id(p, "level"),
            owner_id=_id(p, "owner"),
            active=_flag(p, "active"),
        ).select_related("level", "owner")
    )
    columns = [
        Column(_("Customer code")),
        Column(_("Customer name")),
        Column(_("Phone")),
        Column(_("Customer level")),
        Column(_("Sales rep")),
        Column(_("Contact name")),
        Column(_("Contact phone")),
        Column(_("Address")),
        Column(_("Credit limit"), Kind.MONEY),
        Column(_("Payment terms (days)"), Kind.INT),
        Column(_("Created on"), Kind.DATE),
    ]
    zone = tenant_zone()
    rows: list[list[Cell]] = []
    for customer in customers:
        contact = next(iter(customer.contacts.all()), None)
        address = next((a for a in customer.addresses.all() if a.is_default), None)
        rows.append(
            [
                customer.code,
                customer.name,
                customer.phone,
                customer.level.name if customer.level else "",
                customer.owner.full_name if customer.owner else "",
                contact.name if contact else "",
                contact.phone if contact else "",
                "".join((address.province, address.city, address.district, address.detail))
                if address
                else "",
                customer.credit_limit,
                customer.payment_terms_days,
                customer.created_at.astimezone(zone).date(),
            ]
        )
    return _table("customers", _("Customers"), columns, rows, truncated)


def products_table(actor: Actor, p: Params) -> Table:
    category = p.text("category")
    products, truncated = _first(
        product_list(
            actor=actor,
            search=p.text("q"),
            category_id=int(category) if category.isdigit() else None,
            status=p.text("status") or None,
        ).select_related("category")
    )
    costs = can_view_cost(actor)
    columns = [
        Column(_("Product code")),
        Column(_("Product name")),
        Column(_("Category")),
        Column(_("Brand")),
        Column(_("Code of the SKU")),
        Column(_("Specification")),
        Column(_("Barcode")),
        Column(_("Unit")),
        Column(_("List price"), Kind.MONEY),
    ]
    if costs:
        columns.append(Column(_("Cost price"), Kind.MONEY))
    rows: list[list[Cell]] = []
    for product in products:
        for sku in product.visible_skus:
            row: list[Cell] = [
                product.code,
                product.name,
                product.category.name if product.category else "",
                product.brand,
                sku.code,
                sku.spec_label,
                sku.barcode or "",
                product.base_unit,
                sku.list_price,
            ]
            if costs:
                row.append(sku.cost_price)
            rows.append(row)
    return _table("products", _("Products"), columns, rows, truncated)


def stock_table(actor: Actor, p: Params) -> Table:
    warehouse = p.text("warehouse")
    levels, truncated = _first(
        stock_level_list(
            actor=actor,
            warehouse_id=int(warehouse) if warehouse.isdigit() else None,
            search=p.text("q"),
            low_only=bool(_flag(p, "low")),
        )
    )
    costs = may_see_cost(actor)
    columns = [
        Column(_("Warehouse")),
        Column(_("Code of the SKU")),
        Column(_("Product name")),
        Column(_("Specification")),
        Column(_("Unit")),
        Column(_("On hand"), Kind.QUANTITY),
        Column(_("Reserved"), Kind.QUANTITY),
        Column(_("Available"), Kind.QUANTITY),
        Column(_("Reorder point"), Kind.QUANTITY),
    ]
    if costs:
        columns += [Column(_("Average cost"), Kind.MONEY), Column(_("Stock value"), Kind.MONEY)]
    rows: list[list[Cell]] = []
    for level in levels:
        row: list[Cell] = [
            level.warehouse.name,
            level.sku.code,
            level.sku.product.name,
            level.sku.spec_label,
            level.sku.product.base_unit,
            level.on_hand,
            level.reserved,
            level.on_hand - level.reserved,
            level.reorder_point,
        ]
        if costs:
            row += [level.avg_cost, (level.on_hand * level.avg_cost).quantize(Decimal("0.01"))]
        rows.append(row)
    return _table("stock", _("Stock"), columns, rows, truncated)


def receipts_table(actor: Actor, p: Params) -> Table:
    void = _flag(p, "void")
    queryset = receipt_list(
        actor=actor,
        customer_id=_id(p, "customer"),
        kind=p.text("kind") or None,
        include_void=void is not False,
        amount_min=p.amount("min"),
        amount_max=p.amount("max"),
    )
    date_from, date_to = p.date("from"), p.date("to")
    if date_from:
        queryset = queryset.filter(received_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(received_on__lte=date_to)
    receipts, truncated = _first(queryset.order_by("-received_on", "-id"))
    columns = [
        Column(_("Receipt number")),
        Column(_("Received on"), Kind.DATE),
        Column(_("Customer")),
        Column(_("Kind")),
        Column(_("Method")),
        Column(_("Amount"), Kind.MONEY),
        Column(_("Unallocated"), Kind.MONEY),
        Column(_("Orders")),
        Column(_("Reference")),
        Column(_("Void")),
    ]
    rows: list[list[Cell]] = [
        [
            receipt.number,
            receipt.received_on,
            receipt.customer.name,
            _label(receipt.kind),
            _label(receipt.method),
            receipt.amount,
            receipt.unallocated_amount,
            ", ".join(a.order.number for a in receipt.allocations.all()),
            receipt.reference,
            str(_("Yes")) if receipt.is_void else "",
        ]
        for receipt in receipts
        if void is not True or receipt.is_void
    ]
    return _table("receipts", _("Receipts"), columns, rows, truncated)


def suppliers_table(actor: Actor, p: Params) -> Table:
    suppliers, truncated = _first(
        supplier_list(actor=actor, search=p.text("q"), active=_flag(p, "active")).prefetch_related("contacts")
    )
    columns = [
        Column(_("Supplier code")),
        Column(_("Supplier name")),
        Column(_("Contact name")),
        Column(_("Contact phone")),
        Column(_("Payment terms (days)"), Kind.INT),
        Column(_("Address")),
        Column(_("Active")),
    ]
    rows: list[list[Cell]] = []
    for supplier in suppliers:
        contact = next(iter(supplier.contacts.all()), None)
        rows.append(
            [
                supplier.code,
                supplier.name,
                contact.name if contact else "",
                contact.phone if contact else "",
                supplier.payment_terms_days,
                supplier.address,
                str(_("Yes")) if supplier.is_active else "",
            ]
        )
    return _table("suppliers", _("Suppliers"), columns, rows, truncated)


def purchase_orders_table(actor: Actor, p: Params) -> Table:
    prices = actor.has_scope(scopes.COST_VIEW)
    # Without the amount column the amount range is ignored too: the rows must not tell it.
    orders, truncated = _first(
        purchase_order_list(
            actor=actor,
            status=p.text("status") or None,
            supplier_id=_id(p, "supplier"),
            warehouse_id=_id(p, "warehouse"),
            amount_min=p.amount("min") if prices else None,
            amount_max=p.amount("max") if prices else None,
        )
    )
    columns = [
        Column(_("Order number")),
        Column(_("Order date"), Kind.DATE),
        Column(_("Supplier")),
        Column(_("Status")),
        Column(_("Expected on"), Kind.DATE),
        Column(_("Lines"), Kind.INT),
    ]
    if prices:
        columns.append(Column(_("Amount"), Kind.MONEY))
    zone = tenant_zone()
    rows: list[list[Cell]] = []
    for order in orders:
        lines = list(order.lines.all())
        row: list[Cell] = [
            order.number,
            order.created_at.astimezone(zone).date(),
            order.supplier.name,
            _label(order.status),
            order.expected_date,
            len(lines),
        ]
        if prices:
            row.append(sum((line.amount for line in lines), Decimal(0)))
        rows.append(row)
    return _table("purchase-orders", _("Purchase orders"), columns, rows, truncated)


def shipments_table(actor: Actor, p: Params) -> Table:
    filters = shipping_selectors.ShipmentFilters(
        status=p.text("status") or None,
        warehouse_id=_id(p, "warehouse"),
        customer_id=_id(p, "customer"),
        carrier_id=_id(p, "carrier"),
        date_from=p.date("from"),
        date_to=p.date("to"),
        search=p.text("q"),
    )
    shipments, truncated = _first(shipping_selectors.shipment_list(actor=actor, filters=filters))
    columns = [
        Column(_("Shipment number")),
        Column(_("Ship date"), Kind.DATE),
        Column(_("Order number")),
        Column(_("Customer")),
        Column(_("Warehouse")),
        Column(_("Status")),
        Column(_("Carrier")),
        Column(_("Tracking number")),
        Column(_("Quantity"), Kind.QUANTITY),
    ]
    rows: list[list[Cell]] = [
        [
            shipment.number,
            shipment.ship_date,
            shipment.order.number,
            shipment.order.customer.name,
            shipment.warehouse.name,
            _label(shipment.status),
            shipment.carrier.display_name(get_language() or "zh-hans") if shipment.carrier else "",
            shipment.tracking_number,
            sum((line.quantity for line in shipment.lines.all()), Decimal(0)),
        ]
        for shipment in shipments
    ]
    return _table("shipments", _("Shipment list"), columns, rows, truncated)


def sales_returns_table(actor: Actor, p: Params) -> Table:
    # The selector refuses an amount range to whoever may not see order money, as the table does.
    queryset = sales_return_list(
        actor=actor,
        status=p.text("status") or None,
        customer_id=_id(p, "customer"),
        warehouse_id=_id(p, "warehouse"),
        date_from=p.date("from"),
        date_to=p.date("to"),
        amount_min=p.amount("min"),
        amount_max=p.amount("max"),
    )
    returns, truncated = _first(queryset)
    money = may_see_order_money(actor)
    columns = [
        Column(_("Return number")),
        Column(_("Return date"), Kind.DATE),
        Column(_("Order number")),
        Column(_("Customer")),
        Column(_("Warehouse")),
        Column(_("Return reason")),
        Column(_("Status")),
        Column(_("Settlement")),
        Column(_("Quantity"), Kind.QUANTITY),
    ]
    if money:
        columns.append(Column(_("Amount"), Kind.MONEY))
    rows: list[list[Cell]] = []
    for sales_return in returns:
        row: list[Cell] = [
            sales_return.number,
            sales_return.return_date,
            sales_return.order.number,
            sales_return.order.customer.name,
            sales_return.warehouse.name,
            reason_label(sales_return.reason),
            str(RETURN_LABELS.get(sales_return.status, sales_return.status)),
            str(RETURN_LABELS.get(sales_return.settlement, sales_return.settlement)),
            sum((line.quantity for line in sales_return.lines.all()), Decimal(0)),
        ]
        if money:
            row.append(sales_return.amount)
        rows.append(row)
    return _table("sales-returns", _("Customer returns"), columns, rows, truncated)


# Who may download each list: the people its screen is for (core/routes.js). A distributor's
# person holds none of these (its portal has views of its own), so every list refuses it with
# 403, as the reports do, rather than answering an empty file; within the scope, each list reads
# through its own selector, so a rep still gets only their own rows.
EXPORT_SCOPES: dict[str, tuple[str, ...]] = {
    "customers": (scopes.CUSTOMERS_VIEW_OWN, scopes.CUSTOMERS_VIEW_ALL),
    "products": (scopes.INVENTORY_VIEW, scopes.CATALOG_MANAGE),
    "stock": (scopes.INVENTORY_VIEW,),
    "receipts": (scopes.FINANCE_VIEW,),
    "suppliers": (scopes.PURCHASING_MANAGE,),
    "purchase-orders": (scopes.PURCHASING_MANAGE,),
    "sales-returns": (
        scopes.ORDERS_VIEW_ALL,
        scopes.FINANCE_VIEW,
        scopes.ORDERS_VIEW_OWN,
        scopes.INVENTORY_MANAGE,
    ),
    "shipments": (
        scopes.SHIPPING_MANAGE,
        scopes.ORDERS_VIEW_SHIPPING,
        scopes.ORDERS_VIEW_ALL,
        scopes.ORDERS_VIEW_OWN,
    ),
}


def _gated(name: str, build: Callable[[Actor, Params], Table]) -> Callable[[Actor, Params], Table]:
    def gated(actor: Actor, p: Params) -> Table:
        if not any(actor.has_scope(scope) for scope in EXPORT_SCOPES[name]):
            raise Forbidden(gettext("You may not download this list."))
        return build(actor, p)

    return gated


LIST_EXPORTS = {
    name: _gated(name, build)
    for name, build in {
        "customers": customers_table,
        "products": products_table,
        "stock": stock_table,
        "receipts": receipts_table,
        "suppliers": suppliers_table,
        "purchase-orders": purchase_orders_table,
        "shipments": shipments_table,
        "sales-returns": sales_returns_table,
    }.items()
}
