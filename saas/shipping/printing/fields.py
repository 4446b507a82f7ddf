"""The fields each printed document can show, their defaults, and the tenant's template over them.

A document has header fields (above the table), columns (the table) and footer fields (below).
A PrintTemplate lists {field, visible, align} in the order the tenant wants; fields it does not
list keep their default visibility and come after, so a field added in a later release appears
without anyone editing their template. Money fields print only for people who may see order
money (or, on delivery notes, when the workspace lets the warehouse print prices).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saas.core.errors import FieldProblem, InvalidInput
from saas.shipping.models import PrintKind

HEADER = "header"
COLUMN = "column"
FOOTER = "footer"
ALIGNS = ("left", "center", "right")
MAX_TEMPLATE_FIELDS = 60


@dataclass(frozen=True)
class FieldDef:
    key: str
    label: str | Promise
    area: str
    visible: bool = True
    align: str = "left"
    money: bool = False


@dataclass(frozen=True)
class ResolvedField:
    key: str
    label: str
    area: str
    visible: bool
    align: str
    money: bool


def _h(key: str, label: Promise, visible: bool = True, align: str = "left", money: bool = False) -> FieldDef:
    return FieldDef(key, label, HEADER, visible, align, money)


def _c(key: str, label: Promise, visible: bool = True, align: str = "left", money: bool = False) -> FieldDef:
    return FieldDef(key, label, COLUMN, visible, align, money)


def _f(key: str, label: Promise, visible: bool = True, align: str = "left", money: bool = False) -> FieldDef:
    return FieldDef(key, label, FOOTER, visible, align, money)


_LETTERHEAD = [
    _h("logo", _("Logo")),
    _h("company_name", _("Company")),
    _h("company_phone", _("Company phone")),
    _h("company_address", _("Company address"), visible=False),
]

FIELDS: dict[str, list[FieldDef]] = {
    PrintKind.PICK_LIST: [
        *_LETTERHEAD,
        _h("warehouse", _("Warehouse")),
        _h("order_count", _("Orders")),
        _h("printed_at", _("Printed at"), align="right"),
        _c("bin", _("Bin")),
        _c("sku_code", _("SKU code")),
        _c("product_name", _("Product")),
        _c("spec", _("Specification")),
        _c("barcode", _("Barcode"), visible=False),
        _c("unit", _("Unit"), align="center"),
        _c("quantity", _("Quantity"), align="right"),
        _c("orders", _("For orders")),
        _c("check", _("Picked"), align="center"),
        _f("total_quantity", _("Total quantity"), align="right"),
        _f("picker", _("Picked by")),
    ],
    PrintKind.DELIVERY_NOTE: [
        *_LETTERHEAD,
        _h("shipment_number", _("Shipment number")),
        _h("order_number", _("Order number")),
        _h("ship_date", _("Ship date")),
        _h("customer_name", _("Customer")),
        _h("receiver", _("Receiver")),
        _h("receiver_phone", _("Phone")),
        _h("address", _("Address")),
        _h("delivery_method", _("Delivery method")),
        _h("carrier", _("Carrier")),
        _h("tracking_number", _("Tracking number")),
        _h("rep", _("Sales rep")),
        _h("remarks", _("Remarks")),
        _c("line_no", _("No."), align="center"),
        _c("sku_code", _("SKU code")),
        _c("product_name", _("Product")),
        _c("spec", _("Specification")),
        _c("barcode", _("Barcode"), visible=False),
        _c("unit", _("Unit"), align="center"),
        _c("quantity", _("Quantity"), align="right"),
        _c("unit_price", _("Unit price"), align="right", money=True),
        _c("amount", _("Amount"), align="right", money=True),
        _c("remark", _("Remark"), visible=False),
        _f("total_quantity", _("Total quantity"), align="right"),
        _f("total_amount", _("Total amount"), align="right", money=True),
        _f("total_in_words", _("Total in words"), money=True),  # 大写金额
        _f("footer_text", _("Footer")),
        _f("signature", _("Received by (signature and date)")),
    ],
    PrintKind.DAILY_LIST: [
        *_LETTERHEAD,
        _h("date", _("Date")),
        _h("warehouse", _("Warehouse")),
        _h("shipment_count", _("Shipments")),
        _h("printed_at", _("Printed at"), align="right"),
        _c("shipment_number", _("Shipment number")),
        _c("order_number", _("Order number")),
        _c("customer_name", _("Customer")),
        _c("receiver", _("Receiver")),
        _c("city", _("City")),
        _c("delivery_method", _("Delivery method")),
        _c("carrier", _("Carrier")),
        _c("tracking_number", _("Tracking number")),
        _c("quantity", _("Quantity"), align="right"),
        _c("rep", _("Sales rep"), visible=False),
        _c("amount", _("Amount"), align="right", money=True, visible=False),
        _f("total_quantity", _("Total quantity"), align="right"),
        _f("total_amount", _("Total amount"), align="right", money=True, visible=False),
    ],
    PrintKind.DELIVERY_LIST: [
        *_LETTERHEAD,
        _h("filters", _("Selection")),
        _h("order_count", _("Orders")),
        _h("printed_at", _("Printed at"), align="right"),
        _c("order_number", _("Order number")),
        _c("customer_name", _("Customer")),
        _c("receiver", _("Receiver")),
        _c("receiver_phone", _("Phone")),
        _c("address", _("Address")),
        _c("requested_date", _("Delivery date")),
        _c("delivery_method", _("Delivery method"), visible=False),
        _c("rep", _("Sales rep")),
        _c("open_quantity", _("Quantity"), align="right"),
        _c("amount", _("Amount"), align="right", money=True, visible=False),
        _c("remarks", _("Remarks"), visible=False),
        _c("signature", _("Signature")),
        _f("total_quantity", _("Total quantity"), align="right"),
        _f("total_amount", _("Total amount"), align="right", money=True, visible=False),
    ],
}

TITLES: dict[str, Promise] = {
    PrintKind.PICK_LIST: _("Pick list"),
    PrintKind.DELIVERY_NOTE: _("Delivery note"),
    PrintKind.DAILY_LIST: _("Daily shipping list"),
    PrintKind.DELIVERY_LIST: _("Orders to deliver"),
}


def clean_kind(value: Any, field: str = "kind") -> str:
    kind = str(value or "").strip().lower().replace("-", "_")
    if kind not in FIELDS:
        raise InvalidInput(str(_("Unknown document kind.")), code="print_kind_invalid", field=field)
    return kind


def clean_template_fields(kind: str, entries: Any, field: str = "fields") -> list[dict[str, Any]]:
    """A tenant's field list, checked: known fields, once each, alignment left/center/right."""
    if not isinstance(entries, list):
        raise InvalidInput(str(_("Send a list of fields.")), code="template_invalid", field=field)
    if len(entries) > MAX_TEMPLATE_FIELDS:
        raise InvalidInput(
            str(_("At most %(n)d fields.")) % {"n": MAX_TEMPLATE_FIELDS}, code="too_many_lines", field=field
        )
    known = {definition.key for definition in FIELDS[kind]}
    problems: list[FieldProblem] = []
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        at = f"{field}.{index}"
        if not isinstance(entry, dict):
            problems.append(FieldProblem(at, "template_invalid", str(_("Each field is an object."))))
            continue
        key = str(entry.get("field") or "")
        align = entry.get("align") or "left"
        if key not in known:
            problems.append(FieldProblem(f"{at}.field", "field_unknown", str(_("Unknown field."))))
            continue
        if key in seen:
            problems.append(
                FieldProblem(f"{at}.field", "field_duplicate", str(_("This field is listed twice.")))
            )
            continue
        if align not in ALIGNS:
            problems.append(
                FieldProblem(f"{at}.align", "align_invalid", str(_("Align left, center or right.")))
            )
            continue
        seen.add(key)
        cleaned.append({"field": key, "visible": bool(entry.get("visible", True)), "align": align})
    if problems:
        raise InvalidInput(problems=problems)
    return cleaned


def resolve(kind: str, entries: list[dict[str, Any]] | None) -> list[ResolvedField]:
    """The template's fields first, in its order, then every field it does not mention."""
    definitions = {definition.key: definition for definition in FIELDS[kind]}
    resolved: list[ResolvedField] = []
    listed: set[str] = set()
    for entry in entries or []:
        definition = definitions.get(str(entry.get("field")))
        if definition is None or definition.key in listed:
            continue  # a field a later release removed; stored templates are not rewritten
        listed.add(definition.key)
        align = entry.get("align") if entry.get("align") in ALIGNS else definition.align
        resolved.append(
            ResolvedField(
                definition.key,
                str(definition.label),
                definition.area,
                bool(entry.get("visible", True)),
                str(align),
                definition.money,
            )
        )
    for definition in FIELDS[kind]:
        if definition.key not in listed:
            resolved.append(
                ResolvedField(
                    definition.key,
                    str(definition.label),
                    definition.area,
                    definition.visible,
                    definition.align,
                    definition.money,
                )
            )
    return resolved
