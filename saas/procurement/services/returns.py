"""Returns to a supplier (退供单, RT-…), posted when created.

A line returns either goods rejected at inspection (they never entered stock: no movement, and
no change to the payable, which never counted them) or goods taken from stock (a RETURN_OUT
movement at the warehouse's average cost; that value reduces what the supplier is owed).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import DomainError, FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import is_id
from saas.core.numbering import next_document_number
from saas.inventory.models import MovementKind
from saas.inventory.services.common import check_line_count, clean_quantity
from saas.inventory.services.ledger import Change, Source, movements_post
from saas.procurement.access import require_receiver
from saas.procurement.models import (
    GoodsReceiptLine,
    ReturnSource,
    Supplier,
    SupplierReturn,
    SupplierReturnLine,
    to_money,
)
from saas.procurement.services.inputs import (
    clean_text,
    find_supplier,
    skus_for_lines,
    warehouses_for_lines,
)


@dataclass(frozen=True)
class ReturnLineInput:
    quantity: Any  # base units
    receipt_line_id: Any = None  # rejected goods of this receipt line, or:
    sku_id: Any = None  # goods from stock of this SKU
    warehouse_id: Any = None  # in this warehouse


def _is_id(value: Any) -> bool:
    return is_id(value)


def _renumbered(exc: DomainError, positions: list[int]) -> DomainError:
    """The same error with `lines.k…` fields pointing at the caller's line positions[k]."""

    def renumber(field: str | None) -> str | None:
        parts = (field or "").split(".")
        if len(parts) >= 2 and parts[0] == "lines" and is_id(parts[1]) and int(parts[1]) < len(positions):
            parts[1] = str(positions[int(parts[1])])
            return ".".join(parts)
        return field

    problems = [FieldProblem(renumber(p.field), p.code, p.message) for p in exc.problems]
    if isinstance(exc, NotFound):
        return NotFound(exc.message, field=problems[0].field)
    return InvalidInput(problems=problems)


def _rejected_rows(
    supplier: Supplier, lines: list[ReturnLineInput], positions: list[int], quantities: list[Decimal]
) -> dict[int, SupplierReturnLine]:
    wanted = [int(lines[i].receipt_line_id) for i in positions if _is_id(lines[i].receipt_line_id)]
    receipt_lines = (
        GoodsReceiptLine.objects.select_for_update(of=("self",))
        .select_related("order_line")
        .filter(pk__in=wanted, receipt__order__supplier=supplier)
        .in_bulk()
    )
    problems: list[FieldProblem] = []
    rows: dict[int, SupplierReturnLine] = {}
    for i in positions:
        raw = lines[i].receipt_line_id
        receipt_line = receipt_lines.get(int(raw)) if _is_id(raw) else None
        if receipt_line is None:
            problems.append(
                FieldProblem(
                    f"lines.{i}.receipt_line_id", "not_found", _("Not a receipt line of this supplier.")
                )
            )
            continue
        left = receipt_line.rejected_qty - receipt_line.returned_qty
        if quantities[i] > left:
            problems.append(
                FieldProblem(
                    f"lines.{i}.quantity",
                    "over_return",
                    _("Only %(n)s rejected and not yet returned.") % {"n": left.normalize()},
                )
            )
            continue
        receipt_line.returned_qty += quantities[i]  # two lines may return from one receipt line
        rows[i] = SupplierReturnLine(
            source=ReturnSource.REJECTED,
            receipt_line=receipt_line,
            sku_id=receipt_line.sku_id,
            warehouse_id=receipt_line.warehouse_id,
            quantity=quantities[i],
            unit_cost=receipt_line.unit_cost,
            amount=receipt_line.order_line.value_of(quantities[i]),
        )
    if problems:
        raise InvalidInput(problems=problems)
    GoodsReceiptLine.objects.bulk_update(
        list({row.receipt_line.pk: row.receipt_line for row in rows.values() if row.receipt_line}.values()),
        ["returned_qty"],
    )
    return rows


def supplier_return_create(
    *,
    actor: Actor,
    supplier_id: Any,
    lines: list[ReturnLineInput],
    note: str = "",
    idempotency_key: str | None = None,
) -> SupplierReturn:
    require_receiver(actor)
    check_line_count(lines)
    note = clean_text(note, "note", 200)
    quantities = [clean_quantity(line.quantity, f"lines.{i}.quantity") for i, line in enumerate(lines)]
    rejected_at = [i for i, line in enumerate(lines) if line.receipt_line_id not in (None, "")]
    stock_at = [i for i, line in enumerate(lines) if line.receipt_line_id in (None, "")]

    def write() -> dict[str, int]:
        # An inactive supplier still takes back what it delivered.
        supplier = find_supplier(supplier_id)
        rows = _rejected_rows(supplier, lines, rejected_at, quantities)
        supplier_return = SupplierReturn.objects.create(
            number=next_document_number("RT"), supplier=supplier, note=note, created_by=user_of(actor)
        )
        if stock_at:
            try:
                skus = skus_for_lines([lines[i].sku_id for i in stock_at])
                warehouses = warehouses_for_lines([lines[i].warehouse_id for i in stock_at])
                movements = movements_post(
                    actor=actor,
                    source=Source("supplier_return", supplier_return.pk, supplier_return.number),
                    changes=[
                        Change(
                            sku_id=sku.pk,
                            warehouse_id=warehouse.pk,
                            kind=MovementKind.RETURN_OUT,
                            on_hand=-quantities[i],
                            reason=supplier.code,
                        )
                        for i, sku, warehouse in zip(stock_at, skus, warehouses, strict=True)
                    ],
                )
            except DomainError as exc:
                raise _renumbered(exc, stock_at) from exc
            for i, movement in zip(stock_at, movements, strict=True):
                rows[i] = SupplierReturnLine(
                    source=ReturnSource.STOCK,
                    sku_id=movement.sku_id,
                    warehouse_id=movement.warehouse_id,
                    quantity=quantities[i],
                    unit_cost=movement.unit_cost,
                    amount=to_money(quantities[i] * movement.unit_cost),
                )
        ordered_rows = [rows[i] for i in sorted(rows)]
        for row in ordered_rows:
            row.supplier_return = supplier_return
        SupplierReturnLine.objects.bulk_create(ordered_rows)
        return {"pk": supplier_return.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="supplier_return_create", write=write
        )
    return SupplierReturn.objects.get(pk=result["pk"])
