"""Receiving with inspection (收货质检): a goods receipt (GR-…) against an approved order.

Per order line the receiver records what was accepted and what was rejected. Accepted goods
enter stock at the line's price per base unit (a RECEIPT movement, which also moves the
average cost); rejected goods stay out of stock and out of the payable, wait to be returned,
and do not count as delivered, so the supplier still owes them. After each receipt the order
becomes partly_received or, when every line has all its goods accepted, received. A line may
name the bin (库位) its accepted goods are put away in; the stock movement carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.idempotency import run_once
from saas.core.ids import is_id
from saas.core.numbering import next_document_number
from saas.inventory.models import MovementKind
from saas.inventory.services.common import bins_for_lines, check_line_count
from saas.inventory.services.ledger import Change, Source, movements_post
from saas.procurement.access import require_receiver
from saas.procurement.events import PurchaseOrderReceived
from saas.procurement.models import (
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrderLine,
    PurchaseOrderStatus,
)
from saas.procurement.services.inputs import clean_optional_quantity, clean_text
from saas.procurement.services.orders import PO_FLOW, locked_order

RECEIVABLE = {PurchaseOrderStatus.APPROVED, PurchaseOrderStatus.PARTLY_RECEIVED}


@dataclass(frozen=True)
class ReceiptLineInput:
    line_id: Any  # the purchase order line
    accepted_qty: Any = None  # base units
    rejected_qty: Any = None  # base units
    reject_reason: str = ""
    bin_id: Any = None  # the bin (库位) the accepted goods are put away in, in the line's warehouse


def _clean_lines(
    lines: list[ReceiptLineInput], order_lines: dict[int, PurchaseOrderLine]
) -> list[GoodsReceiptLine]:
    problems: list[FieldProblem] = []
    rows: list[GoodsReceiptLine] = []
    seen: set[int] = set()
    for index, line in enumerate(lines):
        field = f"lines.{index}"
        line_id = str(line.line_id).strip()
        order_line = order_lines.get(int(line_id)) if is_id(line_id) else None
        if order_line is None:
            problems.append(FieldProblem(f"{field}.line_id", "not_found", _("Not a line of this order.")))
            continue
        if order_line.pk in seen:
            problems.append(
                FieldProblem(f"{field}.line_id", "duplicate_line", _("This line is already on the receipt."))
            )
            continue
        seen.add(order_line.pk)
        accepted = clean_optional_quantity(line.accepted_qty, f"{field}.accepted_qty")
        rejected = clean_optional_quantity(line.rejected_qty, f"{field}.rejected_qty")
        if accepted + rejected <= 0:
            problems.append(
                FieldProblem(f"{field}.accepted_qty", "quantity_invalid", _("Enter what arrived."))
            )
            continue
        if accepted + rejected > order_line.outstanding_qty:
            problems.append(
                FieldProblem(
                    field,
                    "over_receipt",
                    _("More than is outstanding: %(n)s %(unit)s.")
                    % {"n": order_line.outstanding_qty.normalize(), "unit": order_line.sku.product.base_unit},
                )
            )
            continue
        rows.append(
            GoodsReceiptLine(
                order_line=order_line,
                sku_id=order_line.sku_id,
                warehouse_id=order_line.warehouse_id,
                accepted_qty=accepted,
                rejected_qty=rejected,
                reject_reason=clean_text(line.reject_reason, f"{field}.reject_reason", 200),
                unit_cost=order_line.base_unit_cost,
                accepted_amount=order_line.value_of(accepted),
            )
        )
    if problems:
        raise InvalidInput(problems=problems)
    return rows


def goods_receipt_create(
    *,
    actor: Actor,
    order_id: Any,
    lines: list[ReceiptLineInput],
    note: str = "",
    idempotency_key: str | None = None,
) -> GoodsReceipt:
    require_receiver(actor)
    check_line_count(lines)
    note = clean_text(note, "note", 200)

    def write() -> dict[str, int]:
        order = locked_order(order_id)
        if order.status not in RECEIVABLE:
            raise InvalidInput(
                _("Goods can be received only against an approved order."),
                code="transition_invalid",
                field="status",
            )
        # Locked with the order: two receivers checking in the same delivery queue up here.
        order_lines = {
            line.pk: line
            for line in PurchaseOrderLine.objects.select_for_update(of=("self",))
            .select_related("sku__product")
            .filter(order=order)
        }
        rows = _clean_lines(lines, order_lines)
        # rows[i] is lines[i] here: _clean_lines raised if any line had a problem.
        bins = bins_for_lines([line.bin_id for line in lines], [row.warehouse_id for row in rows])
        receipt = GoodsReceipt.objects.create(
            number=next_document_number("GR"), order=order, note=note, created_by=user_of(actor)
        )
        for row in rows:
            row.receipt = receipt
        GoodsReceiptLine.objects.bulk_create(rows)
        changes = [
            Change(
                sku_id=row.sku_id,
                warehouse_id=row.warehouse_id,
                kind=MovementKind.RECEIPT,
                on_hand=row.accepted_qty,
                unit_cost=row.unit_cost,
                bin_id=bin_id,
                reason=order.number,
            )
            for row, bin_id in zip(rows, bins, strict=True)
            if row.accepted_qty > 0
        ]
        if changes:
            movements_post(
                actor=actor, source=Source("goods_receipt", receipt.pk, receipt.number), changes=changes
            )
        for row in rows:
            row.order_line.received_qty += row.accepted_qty
            row.order_line.rejected_qty += row.rejected_qty
        PurchaseOrderLine.objects.bulk_update(
            [row.order_line for row in rows], ["received_qty", "rejected_qty"]
        )
        complete = all(line.received_qty >= line.base_quantity for line in order_lines.values())
        status = PurchaseOrderStatus.RECEIVED if complete else PurchaseOrderStatus.PARTLY_RECEIVED
        if order.status != status:
            PO_FLOW.move(by=actor_stamp(actor), document=order, to=status, note=receipt.number)
        emit(PurchaseOrderReceived.of(order, receipt), by=actor_stamp(actor))
        return {"pk": receipt.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="goods_receipt_create", write=write
        )
    return GoodsReceipt.objects.get(pk=result["pk"])
