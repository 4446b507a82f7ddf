"""The shipments list's fast path: a page read with `.values()` of only the columns the query
asked for, built straight into ShipmentType objects (no Shipment, order, customer, carrier or
user instances, no prefetches). The model path (`shipment_view` over `with_details`) builds
every row from whole model objects, which is most of a page's time.

The generic shapes (saas/api/projection.py) set a row's attributes from its columns as they
are; a shipment's fields are mostly computed from them (the receiver falls back to the order's
contact, the address joins four columns, the carrier's name follows the language, the total
quantity sums the lines), so the fields here name their columns and how their value is made.

Served: the shipment's own fields, `availableActions`, `totalQuantity` (a subquery in the same
statement), its `order`, `warehouse` (id, code, name) and `carrier`. Lines, proofs and events
take the model path. Visibility is the selector's queryset (its WHERE), and nothing here shows
money, so the rows answer what the model path answers for every caller.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from strawberry.types import Info

from saas.api.inventory.types import WarehouseType
from saas.api.procurement.selection import _fields
from saas.api.projection import Fetch, held_class
from saas.api.sales.enums import DeliveryMethod, SalesOrderStatus
from saas.api.shipping.enums import ShipmentStatus
from saas.api.shipping.types import CarrierType, ShipmentOrderType, ShipmentType
from saas.shipping.models import ShipmentLine

Row = Mapping[str, Any]


@dataclass(frozen=True)
class Field:
    """One GraphQL field: the attribute it sets, the columns it reads (relative to the row's
    prefix) and how its value is made from them."""

    attr: str
    columns: tuple[str, ...]
    value: Callable[[Row, str], Any]


def _column(attr: str, column: str | None = None) -> Field:
    name = column or attr
    return Field(attr, (name,), lambda row, p: row[p + name])


def _plain(*attrs: str) -> dict[str, Field]:
    return {_camel(attr): _column(attr) for attr in attrs}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _status(row: Row, p: str) -> ShipmentStatus:
    return ShipmentStatus(row[p + "status"])


_ADDRESS = ("ship_province", "ship_city", "ship_district", "ship_detail")
ORDER: dict[str, Field] = {
    **_plain("number"),
    "status": Field("status", ("status",), lambda row, p: SalesOrderStatus(row[p + "status"])),
    "customerName": _column("customer_name", "customer__name"),
    "repName": _column("rep_name", "rep__full_name"),
    "receiver": Field(
        "receiver",
        ("ship_receiver", "contact_name"),
        lambda row, p: row[p + "ship_receiver"] or row[p + "contact_name"],
    ),
    "receiverPhone": Field(
        "receiver_phone",
        ("ship_phone", "contact_phone"),
        lambda row, p: row[p + "ship_phone"] or row[p + "contact_phone"],
    ),
    "address": Field("address", _ADDRESS, lambda row, p: "".join(row[p + c] for c in _ADDRESS if row[p + c])),
    "deliveryMethod": Field(
        "delivery_method", ("delivery_method",), lambda row, p: DeliveryMethod(row[p + "delivery_method"])
    ),
}
WAREHOUSE: dict[str, Field] = _plain("code", "name")


def _carrier_name(row: Row, p: str) -> str:
    english = (translation.get_language() or "zh-hans").startswith("en")  # Carrier.display_name
    return row[p + ("name_en" if english else "name_zh")]


CARRIER: dict[str, Field] = {
    **_plain(
        "code", "name_zh", "name_en", "tracking_pattern", "phone", "priority", "is_builtin", "is_active"
    ),
    "name": Field("name", ("name_zh", "name_en"), _carrier_name),
}
SHIPMENT: dict[str, Field] = {
    **_plain("number", "tracking_number", "note", "ship_date", "shipped_at", "verified_at", "signed_at"),
    **_plain("sign_recorded_at", "sign_latitude", "sign_longitude", "sign_note", "updated_at"),
    "status": Field("status", ("status",), _status),
    "availableActions": Field("status", ("status",), _status),  # its resolver reads the status
    "deliveryMethod": Field(
        "delivery_method", ("delivery_method",), lambda row, p: DeliveryMethod(row[p + "delivery_method"])
    ),
    "shippedByName": _column("shipped_by_name", "shipped_by__full_name"),
    "signedByName": _column("signed_by_name", "signed_by__full_name"),
    "verified": Field("verified", ("verified_at",), lambda row, p: row[p + "verified_at"] is not None),
    "totalQuantity": _column("total_quantity"),  # annotated: see _total_quantity
    "events": Field("events", (), lambda row, p: []),  # filled by shipment(id) only
    "deliveryNoteUrl": Field(
        "delivery_note_url", (), lambda row, p: f"/shipping/print/delivery-note/?shipments={row[p + 'id']}"
    ),
}
EMPTY_LISTS = frozenset({"events"})  # whatever they select, empty in lists
# The to-one relations: GraphQL field → (the model's relation, its fields, the type, nullable).
NESTED: dict[str, tuple[str, dict[str, Field], type, bool]] = {
    "order": ("order", ORDER, ShipmentOrderType, False),
    "warehouse": ("warehouse", WAREHOUSE, WarehouseType, False),
    "carrier": ("carrier", CARRIER, CarrierType, True),
}


@dataclass(frozen=True)
class _Part:
    """What one object of the page reads: its fields, and for each nested object its part."""

    cls: type
    prefix: str
    fields: tuple[Field, ...]
    nested: tuple[tuple[str, _Part, bool], ...] = ()


def _plan(cls: type, prefix: str, known: Mapping[str, Field], nodes: Iterable[Any]) -> _Part | None:
    fields: list[Field] = []
    nested: list[tuple[str, _Part, bool]] = []
    for node in nodes:
        if node.name in ("__typename", "id"):  # every object carries its id
            continue
        if prefix == "" and node.name in NESTED:
            relation, sub_known, sub_cls, nullable = NESTED[node.name]
            sub = _plan(sub_cls, f"{relation}__", sub_known, _fields(node))
            if sub is None:
                return None
            nested.append((relation, sub, nullable))
        elif node.name in known and (not node.selections or node.name in EMPTY_LISTS):
            fields.append(known[node.name])
        else:
            return None  # a field only the model path serves
    attrs = frozenset({"id", "pk", *(f.attr for f in fields)})
    # strawberry-django types (the warehouse) read held attributes straight from the row.
    row_cls = held_class(cls, attrs) if hasattr(cls, "__strawberry_django_definition__") else cls
    return _Part(row_cls, prefix, tuple(fields), tuple(nested))


def _columns(part: _Part) -> list[str]:
    names = {part.prefix + "id"} | {part.prefix + c for f in part.fields for c in f.columns}
    for _relation, sub, _nullable in part.nested:
        names |= set(_columns(sub))
    return sorted(names)


def _build(part: _Part, row: Row) -> Any:
    obj: Any = object.__new__(part.cls)
    values = obj.__dict__
    values["id"] = values["pk"] = row[part.prefix + "id"]
    for field in part.fields:
        values[field.attr] = field.value(row, part.prefix)
    for relation, sub, nullable in part.nested:
        values[relation] = None if nullable and row[sub.prefix + "id"] is None else _build(sub, row)
    return obj


def _total_quantity() -> Coalesce:
    lines = (
        ShipmentLine.objects.filter(shipment_id=OuterRef("pk"))
        .order_by()
        .values("shipment_id")
        .annotate(total=Sum("quantity"))
        .values("total")
    )
    return Coalesce(Subquery(lines), Value(Decimal(0)), output_field=DecimalField())


def plan(info: Info) -> _Part | None:
    """The page's plan for the query's `items`, or None when it asks for a field the rows do
    not carry (lines, proofs, a warehouse's address)."""
    items = [child for root in info.selected_fields for child in _fields(root) if child.name == "items"]
    return _plan(ShipmentType, "", SHIPMENT, [node for item in items for node in _fields(item)])


def shipment_fetcher(info: Info) -> Fetch | None:
    """How `page_window` reads a shipments page as plain ShipmentType rows, or None: the model path."""
    part = plan(info)
    if part is None:
        return None
    names = _columns(part)
    # The cursor (saas/core/sync.encode_cursor) reads updated_at whether or not it was asked.
    extra = ["updated_at"] if "updated_at" not in names else []
    totals = "total_quantity" in names

    def fetch(queryset: QuerySet[Any], start: int, stop: int) -> list[Any]:
        page = queryset.prefetch_related(None)
        if totals:
            page = page.annotate(total_quantity=_total_quantity())
        rows = []
        for row in page.values(*names, *extra)[start:stop]:
            obj = _build(part, row)
            obj.__dict__.setdefault("updated_at", row["updated_at"])
            rows.append(obj)
        return rows

    return fetch
