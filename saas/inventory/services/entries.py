"""Manual stock-in and stock-out with a reason (入库 / 出库), posted at once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import InvalidInput
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.inventory.models import (
    MovementKind,
    StockEntry,
    StockEntryDirection,
    StockEntryLine,
    StockEntryReason,
)
from saas.inventory.services.common import (
    active_skus,
    active_warehouse,
    bins_for_lines,
    check_line_count,
    clean_cost,
    clean_quantity,
    require_inventory_manager,
)
from saas.inventory.services.ledger import Change, Source, movements_post

IN_REASONS = {StockEntryReason.OPENING, StockEntryReason.FOUND, StockEntryReason.GIFT, StockEntryReason.OTHER}
OUT_REASONS = {
    StockEntryReason.DAMAGED,
    StockEntryReason.LOST,
    StockEntryReason.SAMPLE,
    StockEntryReason.GIFT,
    StockEntryReason.INTERNAL_USE,
    StockEntryReason.OTHER,
}


@dataclass(frozen=True)
class EntryLine:
    sku_id: int
    quantity: Any
    unit_cost: Any = None  # stock-in only; None = the current average cost
    bin_id: Any = None  # the bin (库位) it goes into or comes out of, in the entry's warehouse


def stock_entry_create(
    *,
    actor: Actor,
    warehouse_id: int,
    direction: str,
    reason: str,
    lines: list[EntryLine],
    note: str = "",
    idempotency_key: str | None = None,
) -> StockEntry:
    require_inventory_manager(actor)
    if direction not in StockEntryDirection.values:
        raise InvalidInput(_("Choose in or out."), code="direction_invalid", field="direction")
    allowed = IN_REASONS if direction == StockEntryDirection.IN else OUT_REASONS
    if reason not in allowed:
        raise InvalidInput(
            _("This reason does not fit this direction."), code="reason_invalid", field="reason"
        )
    check_line_count(lines)
    warehouse = active_warehouse(warehouse_id)
    skus = active_skus([line.sku_id for line in lines])
    quantities = [clean_quantity(line.quantity, f"lines.{i}.quantity") for i, line in enumerate(lines)]
    costs = [
        clean_cost(line.unit_cost, f"lines.{i}.unit_cost") if line.unit_cost is not None else None
        for i, line in enumerate(lines)
    ]
    bins = bins_for_lines([line.bin_id for line in lines], [warehouse.pk] * len(lines))
    sign = Decimal(1) if direction == StockEntryDirection.IN else Decimal(-1)
    prefix = "IN" if direction == StockEntryDirection.IN else "OUT"

    def write() -> dict[str, int]:
        entry = StockEntry.objects.create(
            number=next_document_number(prefix),
            warehouse=warehouse,
            direction=direction,
            reason=reason,
            note=note.strip()[:200],
            created_by=user_of(actor),
        )
        movements = movements_post(
            actor=actor,
            source=Source("stock_entry", entry.pk, entry.number),
            changes=[
                Change(
                    sku_id=skus[int(line.sku_id)].pk,
                    warehouse_id=warehouse.pk,
                    kind=MovementKind.ADJUSTMENT,
                    on_hand=sign * quantity,
                    unit_cost=cost if sign > 0 else None,
                    bin_id=bin_id,
                    reason=reason,
                )
                for line, quantity, cost, bin_id in zip(lines, quantities, costs, bins, strict=True)
            ],
        )
        StockEntryLine.objects.bulk_create(
            StockEntryLine(entry=entry, sku_id=m.sku_id, quantity=abs(m.on_hand_delta), unit_cost=m.unit_cost)
            for m in movements
        )
        return {"pk": entry.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="stock_entry_create", write=write
        )
    return StockEntry.objects.get(pk=result["pk"])
