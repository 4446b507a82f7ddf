"""Purchase orders (采购单): draft → submitted → approved → partly_received → received → closed,
or cancelled before anything arrives. Lines are edited only in draft.

A line is bought in the supplier's unit for that SKU (its SupplierItem: 箱 = 12 件), else in the
SKU's base unit; the price defaults to the supplier's price. One order may deliver to several
warehouses: each line names its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.inputs import too_precise
from saas.core.numbering import next_document_number
from saas.core.tenancy import current_tenant
from saas.core.transitions import TransitionTable
from saas.inventory.services.common import MAX_QUANTITY, check_line_count, clean_quantity
from saas.procurement.access import require_buyer
from saas.procurement.models import (
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    Supplier,
    SupplierItem,
)
from saas.procurement.services.inputs import (
    active_supplier,
    clean_id,
    clean_price,
    clean_text,
    skus_for_lines,
    warehouses_for_lines,
)

S = PurchaseOrderStatus
PO_FLOW = TransitionTable(
    "purchase_order",
    {
        S.DRAFT: {S.SUBMITTED, S.CANCELLED},
        S.SUBMITTED: {S.APPROVED, S.DRAFT, S.CANCELLED},  # back to draft: the approver sends it back
        S.APPROVED: {S.PARTLY_RECEIVED, S.RECEIVED, S.CANCELLED},
        S.PARTLY_RECEIVED: {S.RECEIVED, S.CLOSED},  # closed short: the rest will not come
        S.RECEIVED: {S.CLOSED},
    },
)


class Keep(Enum):
    """An update argument left out: keep the current value (None would clear it)."""

    KEEP = 0


KEEP = Keep.KEEP


@dataclass(frozen=True)
class OrderLineInput:
    sku_id: Any
    warehouse_id: Any
    quantity: Any  # in the supplier's unit for this SKU, else the base unit
    unit_price: Any = None  # per that unit; None = the supplier's current price


def clean_order_lines(
    lines: Sequence[OrderLineInput], suppliers: Sequence[Supplier]
) -> list[PurchaseOrderLine]:
    """Unsaved order lines, one per input line, each for the supplier at the same position.

    A handful of queries whatever the number of lines; every problem names `lines.N.<field>`.
    """
    check_line_count(list(lines))
    skus = skus_for_lines([line.sku_id for line in lines])
    warehouses = warehouses_for_lines([line.warehouse_id for line in lines])
    items = {
        (item.supplier_id, item.sku_id): item
        for item in SupplierItem.objects.filter(
            supplier_id__in={s.pk for s in suppliers}, sku_id__in={s.pk for s in skus}, is_active=True
        )
    }
    problems: list[FieldProblem] = []
    seen: set[tuple[int, int, int]] = set()
    rows = []
    for index, (line, supplier, sku, warehouse) in enumerate(
        zip(lines, suppliers, skus, warehouses, strict=True)
    ):
        key = (supplier.pk, sku.pk, warehouse.pk)
        if key in seen:
            problems.append(
                FieldProblem(
                    f"lines.{index}.sku_id",
                    "duplicate_line",
                    _("This product is already on the order for this warehouse."),
                )
            )
            continue
        seen.add(key)
        item = items.get((supplier.pk, sku.pk))
        unit_name, factor = (
            (item.unit_name, item.unit_factor) if item else (sku.product.base_unit, Decimal(1))
        )
        quantity = clean_quantity(line.quantity, f"lines.{index}.quantity")
        base_quantity = quantity * factor
        if too_precise(base_quantity) or base_quantity > MAX_QUANTITY:
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "quantity_invalid",
                    _("This quantity is not a whole number of base units (%(unit)s).")
                    % {"unit": sku.product.base_unit},
                )
            )
            continue
        if line.unit_price not in (None, ""):
            price = clean_price(line.unit_price, f"lines.{index}.unit_price")
        elif item is not None:
            price = item.price
        else:
            problems.append(
                FieldProblem(
                    f"lines.{index}.unit_price",
                    "price_required",
                    _("This supplier has no price for this product; enter one."),
                )
            )
            continue
        rows.append(
            PurchaseOrderLine(
                sku=sku,
                warehouse=warehouse,
                unit_name=unit_name,
                unit_factor=factor,
                quantity=quantity,
                unit_price=price,
                base_quantity=base_quantity,
            )
        )
    if problems:
        raise InvalidInput(problems=problems)
    return rows


def create_order(
    *,
    actor: Actor,
    supplier: Supplier,
    rows: list[PurchaseOrderLine],
    expected_date: date | None = None,
    note: str = "",
) -> PurchaseOrder:
    """Write a draft order with already cleaned lines (the caller holds the transaction)."""
    order = PurchaseOrder.objects.create(
        number=next_document_number("PO"),
        supplier=supplier,
        currency=current_tenant().currency,
        expected_date=expected_date,
        note=note,
        created_by=user_of(actor),
    )
    for row in rows:
        row.order = order
    PurchaseOrderLine.objects.bulk_create(rows)
    PO_FLOW.record(by=actor_stamp(actor), document=order, from_status="", to_status=S.DRAFT)
    return order


def purchase_order_create(
    *,
    actor: Actor,
    supplier_id: Any,
    lines: list[OrderLineInput],
    expected_date: date | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> PurchaseOrder:
    require_buyer(actor)
    note = clean_text(note, "note", 200)

    def write() -> dict[str, int]:
        # Checked inside the idempotent write: a retry gets the first order back even if, say, a
        # price changed in between.
        supplier = active_supplier(supplier_id)
        rows = clean_order_lines(lines, [supplier] * len(lines))
        order = create_order(
            actor=actor, supplier=supplier, rows=rows, expected_date=expected_date, note=note
        )
        return {"pk": order.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="purchase_order_create", write=write
        )
    return PurchaseOrder.objects.get(pk=result["pk"])


def locked_order(order_id: Any) -> PurchaseOrder:
    pk = clean_id(order_id, "id", _("Purchase order not found."))
    order = PurchaseOrder.objects.select_for_update().filter(pk=pk).first()
    if order is None:
        raise NotFound(_("Purchase order not found."), field="id")
    return order


@transaction.atomic
def purchase_order_update(
    *,
    actor: Actor,
    order_id: Any,
    lines: list[OrderLineInput] | None = None,
    expected_date: date | None | Keep = KEEP,
    note: str | None = None,
) -> PurchaseOrder:
    """Change a draft; `lines`, when given, replaces every line."""
    require_buyer(actor)
    order = locked_order(order_id)
    if order.status != S.DRAFT:
        raise InvalidInput(
            _("Only a draft can be changed; send it back to draft first."),
            code="not_editable",
            field="status",
        )
    if lines is not None:
        rows = clean_order_lines(lines, [order.supplier] * len(lines))
        order.lines.all().delete()
        for row in rows:
            row.order = order
        PurchaseOrderLine.objects.bulk_create(rows)
    if note is not None:
        order.note = clean_text(note, "note", 200)
    if not isinstance(expected_date, Keep):
        order.expected_date = expected_date
    order.save(update_fields=["note", "expected_date"])
    return order


def _move(actor: Actor, order_id: Any, to: str, note: str) -> PurchaseOrder:
    require_buyer(actor)
    order = locked_order(order_id)
    PO_FLOW.move(by=actor_stamp(actor), document=order, to=to, note=clean_text(note, "note", 200))
    return order


@transaction.atomic
def purchase_order_submit(*, actor: Actor, order_id: Any, note: str = "") -> PurchaseOrder:
    return _move(actor, order_id, S.SUBMITTED, note)


@transaction.atomic
def purchase_order_approve(*, actor: Actor, order_id: Any, note: str = "") -> PurchaseOrder:
    return _move(actor, order_id, S.APPROVED, note)


@transaction.atomic
def purchase_order_reopen(*, actor: Actor, order_id: Any, note: str = "") -> PurchaseOrder:
    """A submitted order goes back to draft to be changed."""
    return _move(actor, order_id, S.DRAFT, note)


@transaction.atomic
def purchase_order_cancel(*, actor: Actor, order_id: Any, note: str = "") -> PurchaseOrder:
    require_buyer(actor)
    order = locked_order(order_id)
    # The table already refuses orders past approved; this holds even if it is ever loosened.
    if PO_FLOW.can_move(order.status, S.CANCELLED) and order.receipts.exists():
        raise InvalidInput(
            _("Goods have been received against this order; close it instead."),
            code="already_received",
            field="status",
        )
    PO_FLOW.move(by=actor_stamp(actor), document=order, to=S.CANCELLED, note=clean_text(note, "note", 200))
    return order


@transaction.atomic
def purchase_order_close(*, actor: Actor, order_id: Any, note: str = "") -> PurchaseOrder:
    """Nothing more is expected: what is outstanding no longer counts as on order."""
    return _move(actor, order_id, S.CLOSED, note)
