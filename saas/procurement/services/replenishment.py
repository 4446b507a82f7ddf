"""Confirming a replenishment suggestion: the lines the user kept (and edited) become one draft
purchase order per supplier, each delivering to several warehouses (多仓合并采购)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import NotFound
from saas.core.idempotency import run_once
from saas.core.ids import is_id
from saas.inventory.services.common import check_line_count
from saas.procurement.access import require_buyer
from saas.procurement.models import PurchaseOrder, PurchaseOrderLine, Supplier
from saas.procurement.services.inputs import clean_text
from saas.procurement.services.orders import OrderLineInput, clean_order_lines, create_order


@dataclass(frozen=True)
class ConfirmLineInput:
    supplier_id: Any
    sku_id: Any
    warehouse_id: Any
    quantity: Any  # in the supplier's unit for this SKU, as the suggestion shows it
    unit_price: Any = None  # None = the supplier's price


def _suppliers_of(lines: list[ConfirmLineInput]) -> list[Supplier]:
    ids = [str(line.supplier_id).strip() for line in lines]
    found = Supplier.objects.filter(pk__in={int(i) for i in ids if is_id(i)}, is_active=True).in_bulk()
    suppliers = []
    for index, raw in enumerate(ids):
        supplier = found.get(int(raw)) if is_id(raw) else None
        if supplier is None:
            raise NotFound(_("Supplier not found or inactive."), field=f"lines.{index}.supplier_id")
        suppliers.append(supplier)
    return suppliers


def replenishment_confirm(
    *,
    actor: Actor,
    lines: list[ConfirmLineInput],
    expected_date: date | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> list[PurchaseOrder]:
    """Create the draft orders, all or nothing; nothing is submitted to a supplier here."""
    require_buyer(actor)
    check_line_count(lines)
    note = clean_text(note, "note", 200)

    def write() -> dict[str, list[int]]:
        suppliers = _suppliers_of(lines)
        rows = clean_order_lines(
            [
                OrderLineInput(line.sku_id, line.warehouse_id, line.quantity, line.unit_price)
                for line in lines
            ],
            suppliers,
        )
        grouped: dict[int, tuple[Supplier, list[PurchaseOrderLine]]] = {}
        for supplier, row in zip(suppliers, rows, strict=True):
            grouped.setdefault(supplier.pk, (supplier, []))[1].append(row)
        orders = [
            create_order(actor=actor, supplier=supplier, rows=group, expected_date=expected_date, note=note)
            for supplier, group in grouped.values()
        ]
        return {"pks": [order.pk for order in orders]}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="replenishment_confirm", write=write
        )
    by_pk = PurchaseOrder.objects.in_bulk(result["pks"])
    return [by_pk[pk] for pk in result["pks"]]
