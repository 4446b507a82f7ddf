"""A page of the order list in one SQL statement, as plain objects (the `salesOrders` fast path).

The list of 100 orders with lines, customers, reps and SKUs used to build some 2,400 model
instances (every column) in three queries, then strawberry-django resolved each field through
its optimizer. Here one statement reads the page from `order_list`'s queryset (visibility and
filters already in its WHERE): the order's columns, its customer, rep and warehouse by join,
and its lines as one JSON array per order (`json_agg` of the lines with their SKU, product and
warehouse; numbers as text so no Decimal is rounded through a float), each line with only the
columns the request asks for (`OrderSelection`, `LineSelection`). The rows become plain
objects with the attribute names of the models, which the GraphQL types read unchanged.

Only what those objects carry can be asked of them: `saas/api/sales/projection.py` decides, from
the query's selection, whether a request is served here or by the ORM path.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet, TextField
from django.db.models.functions import Cast, JSONObject

from saas.sales.models import SalesOrder, SalesOrderLine

ORDER_COLUMNS = (
    "id",
    "number",
    "status",
    "customer_id",
    "rep_id",
    "warehouse_id",
    "currency",
    "order_date",
    "requested_date",
    "delivery_method",
    "contact_name",
    "contact_phone",
    "ship_receiver",
    "ship_phone",
    "ship_province",
    "ship_city",
    "ship_district",
    "ship_detail",
    "remarks",
    "quotation_id",
    "goods_amount",
    "discount_amount",
    "total_amount",
    "tax_amount",
    "expense_amount",
    "received_amount",
    "returned_amount",
    "invoiced_amount",
    "credit_hold",
    "revision",
    "cancel_reason",
    "created_at",
    "submitted_at",
    "approved_at",
    "shipped_at",
    "completed_at",
    "updated_at",
)
RELATED_COLUMNS = {
    "customer__code": "customer_code",
    "customer__name": "customer_name",
    "rep__full_name": "rep_full_name",
    "warehouse__code": "warehouse_code",
    "warehouse__name": "warehouse_name",
}
LINE_TEXT = ("unit_name", "remark")
LINE_NUMBERS = (
    "unit_factor",
    "quantity",
    "base_quantity",
    "reserved_quantity",
    "shipped_quantity",
    "returned_quantity",
    "unit_price",
    "discount_rate",
    "tax_rate",
    "amount",
    "discount_amount",
    "tax_amount",
    "cost_amount",
)
LINE_COLUMNS = ("line_no", *LINE_TEXT, *LINE_NUMBERS)


@dataclass(frozen=True)
class LineSelection:
    """What the page reads of each line: its own `columns` (of LINE_COLUMNS; the id always),
    its SKU with the product's name and spec names, its warehouse. A list that shows five
    numbers of a line should not build, send and parse all thirteen."""

    columns: frozenset[str] = frozenset(LINE_COLUMNS)
    sku: bool = True
    warehouse: bool = True


@dataclass(frozen=True)
class OrderSelection:
    """What the page reads of each order: its own `columns` (of ORDER_COLUMNS; the id and the
    customer's, rep's and warehouse's always) and its lines (None: not read)."""

    columns: frozenset[str] = frozenset(ORDER_COLUMNS)
    lines: LineSelection | None = LineSelection()


class Row:
    """A plain object with the attributes a GraphQL type reads from its model (`pk` is `id`)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    @classmethod
    def of(cls, values: dict[str, Any]) -> Row:
        """A row holding `values` itself (no keyword packing nor copy: a page builds ~2,400)."""
        row = cls.__new__(cls)
        row.__dict__ = values
        return row

    @property
    def pk(self) -> Any:
        return self.__dict__["id"]


_SKU_KEYS = {
    "sku_id": F("sku_id"),
    "sku_code": F("sku__code"),
    "sku_barcode": F("sku__barcode"),
    "sku_spec_values": F("sku__spec_values"),
    "product_name": F("sku__product__name"),
    "product_spec_names": F("sku__product__spec_names"),
}
_WAREHOUSE_KEYS = {
    "warehouse_id": F("warehouse_id"),
    "warehouse_code": F("warehouse__code"),
    "warehouse_name": F("warehouse__name"),
}


def _lines_json(selection: LineSelection) -> ArraySubquery:
    keys: dict[str, Any] = {"id": F("id")}
    for name in LINE_COLUMNS:  # in a fixed order, whatever the selection's
        if name in selection.columns:
            keys[name] = Cast(F(name), TextField()) if name in LINE_NUMBERS else F(name)
    if selection.sku:
        keys.update(_SKU_KEYS)
    if selection.warehouse:
        keys.update(_WAREHOUSE_KEYS)
    return ArraySubquery(
        SalesOrderLine.objects.filter(order_id=OuterRef("pk"))
        .order_by("line_no")
        .values(json=JSONObject(**keys))
    )


def _line(data: dict[str, Any]) -> Row:
    values: dict[str, Any] = {"id": data["id"]}
    for name in LINE_COLUMNS:
        if name in data:
            values[name] = Decimal(data[name]) if name in LINE_NUMBERS else data[name]
    if "sku_id" in data:
        product = Row.of(
            {"id": None, "name": data["product_name"], "spec_names": data["product_spec_names"] or []}
        )
        values["sku_id"] = data["sku_id"]
        values["sku"] = Row.of(
            {
                "id": data["sku_id"],
                "code": data["sku_code"],
                "barcode": data["sku_barcode"],
                "spec_values": data["sku_spec_values"] or {},
                "product": product,
            }
        )
    if "warehouse_id" in data:
        values["warehouse_id"] = data["warehouse_id"]
        values["warehouse"] = Row.of(
            {"id": data["warehouse_id"], "code": data["warehouse_code"], "name": data["warehouse_name"]}
        )
    return Row.of(values)


def _order(data: dict[str, Any]) -> Row:
    values = {name: data[name] for name in data if name in _ORDER_OWN}
    values["customer"] = Row.of(
        {"id": data["customer_id"], "code": data["customer_code"], "name": data["customer_name"]}
    )
    values["rep"] = Row.of({"id": data["rep_id"], "full_name": data["rep_full_name"]})
    values["warehouse"] = Row.of(
        {"id": data["warehouse_id"], "code": data["warehouse_code"], "name": data["warehouse_name"]}
    )
    if "received_amount" in data and "returned_amount" in data and "total_amount" in data:
        values["balance_due"] = data["total_amount"] - data["returned_amount"] - data["received_amount"]
    values["lines"] = [_line(line) for line in data["lines"] or []] if "lines" in data else []
    return Row.of(values)


_ORDER_OWN = frozenset(ORDER_COLUMNS)
# Read whatever the selection: the order's id and the ids of the rows it joins.
_ORDER_ALWAYS = ("id", "customer_id", "rep_id", "warehouse_id")


def order_page_rows(
    queryset: QuerySet[SalesOrder], *, offset: int, size: int, selection: OrderSelection
) -> list[Row]:
    """The rows [offset, offset + size) of an order queryset (visibility and filters applied,
    in its own order, newest first when it has none) in one statement, with the columns and
    lines `selection` names."""
    ordered = queryset if queryset.ordered else queryset.order_by("-id")
    columns = [name for name in ORDER_COLUMNS if name in _ORDER_ALWAYS or name in selection.columns]
    page = ordered.prefetch_related(None).values(
        *columns, **{alias: F(path) for path, alias in RELATED_COLUMNS.items()}
    )
    if selection.lines is not None:
        page = page.annotate(lines=_lines_json(selection.lines))
    return [_order(row) for row in page[offset : offset + size]]
