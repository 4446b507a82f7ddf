"""Stocktakes (盘点): a count sheet for a warehouse, counted on a phone, then the differences
are approved and posted as stocktake movements."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import InvalidInput, NotFound
from saas.core.inputs import clean_decimal, too_precise
from saas.core.numbering import next_document_number
from saas.core.transitions import TransitionTable
from saas.inventory.models import MovementKind, StockLevel, Stocktake, StocktakeLine, StocktakeStatus
from saas.inventory.services.common import (
    active_skus,
    active_warehouse,
    require_inventory_manager,
)
from saas.inventory.services.ledger import Change, Source, movements_post

STOCKTAKE_FLOW = TransitionTable(
    "stocktake",
    {StocktakeStatus.COUNTING: {StocktakeStatus.APPROVED, StocktakeStatus.CANCELLED}},
)
MAX_SHEET = 5000


@dataclass(frozen=True)
class CountInput:
    sku_id: int
    counted_qty: Any


@transaction.atomic
def stocktake_start(
    *, actor: Actor, warehouse_id: int, sku_ids: list[int] | None = None, note: str = ""
) -> Stocktake:
    """A count sheet with what the books say: every SKU with stock here, or the ones named."""
    require_inventory_manager(actor)
    warehouse = active_warehouse(warehouse_id)
    if sku_ids:
        if len(sku_ids) > MAX_SHEET:
            raise InvalidInput(_("Too many products for one count."), code="too_many_lines", field="sku_ids")
        active_skus(sku_ids)
        levels = {
            level.sku_id: level.on_hand
            for level in StockLevel.objects.filter(warehouse=warehouse, sku_id__in=sku_ids)
        }
        expected = {int(s): levels.get(int(s), Decimal(0)) for s in sku_ids}
    else:
        rows = (
            StockLevel.objects.filter(warehouse=warehouse).exclude(on_hand=0).values_list("sku_id", "on_hand")
        )
        expected = dict(rows[: MAX_SHEET + 1])
        if len(expected) > MAX_SHEET:
            raise InvalidInput(
                _("Too many products for one count; count by category."), code="too_many_lines"
            )
    stocktake = Stocktake.objects.create(
        number=next_document_number("ST"),
        warehouse=warehouse,
        note=note.strip()[:200],
        created_by=user_of(actor),
    )
    StocktakeLine.objects.bulk_create(
        StocktakeLine(stocktake=stocktake, sku_id=sku_id, expected_qty=qty)
        for sku_id, qty in sorted(expected.items())
    )
    STOCKTAKE_FLOW.record(
        by=actor_stamp(actor), document=stocktake, from_status="", to_status=StocktakeStatus.COUNTING
    )
    return stocktake


def _counting(stocktake_id: int) -> Stocktake:
    stocktake = Stocktake.objects.select_for_update().filter(pk=stocktake_id).first()
    if stocktake is None:
        raise NotFound(_("Stocktake not found."), field="id")
    if stocktake.status != StocktakeStatus.COUNTING:
        raise InvalidInput(_("This stocktake is closed."), code="transition_invalid", field="status")
    return stocktake


@transaction.atomic
def stocktake_count(*, actor: Actor, stocktake_id: int, counts: list[CountInput]) -> Stocktake:
    """Record counted quantities; counting a SKU not on the sheet adds it (found goods)."""
    require_inventory_manager(actor)
    stocktake = _counting(stocktake_id)
    if not counts or len(counts) > 100:
        raise InvalidInput(_("Send 1 to 100 counts at a time."), code="too_many_lines", field="counts")
    active_skus([c.sku_id for c in counts])
    seen: set[int] = set()
    for index, count in enumerate(counts):
        if int(count.sku_id) in seen:
            # Two counts of one SKU in one call: which is right? The counter says it again, once.
            raise InvalidInput(
                _("This product is counted twice in one go; send one count for it."),
                code="duplicate_sku",
                field=f"counts.{index}",
            )
        seen.add(int(count.sku_id))
    lines = {line.sku_id: line for line in stocktake.lines.select_for_update()}
    on_hand = dict(
        StockLevel.objects.filter(
            warehouse_id=stocktake.warehouse_id, sku_id__in=[int(c.sku_id) for c in counts]
        ).values_list("sku_id", "on_hand")
    )
    for index, count in enumerate(counts):
        counted = clean_decimal(count.counted_qty, f"counts.{index}", "quantity_invalid")
        if counted < 0 or too_precise(counted):
            raise InvalidInput(
                _("Counts are zero or more."), code="quantity_invalid", field=f"counts.{index}"
            )
        line = lines.get(int(count.sku_id)) or StocktakeLine(
            stocktake=stocktake,
            sku_id=int(count.sku_id),
            expected_qty=on_hand.get(int(count.sku_id), Decimal(0)),
        )
        line.counted_qty, line.counted_by = counted, user_of(actor)
        line.save()
    return stocktake


@transaction.atomic
def stocktake_approve(*, actor: Actor, stocktake_id: int, note: str = "") -> Stocktake:
    """Post the differences against the books as they are now; uncounted lines change nothing."""
    require_inventory_manager(actor)
    stocktake = _counting(stocktake_id)
    lines = [line for line in stocktake.lines.select_for_update() if line.counted_qty is not None]
    if not lines:
        raise InvalidInput(_("Count at least one product first."), code="nothing_counted")
    current = dict(
        StockLevel.objects.select_for_update()
        .filter(warehouse_id=stocktake.warehouse_id, sku_id__in=[line.sku_id for line in lines])
        .values_list("sku_id", "on_hand")
    )
    changes = []
    for line in lines:
        line.difference = line.counted_qty - current.get(line.sku_id, Decimal(0))  # type: ignore[operator]
        if line.difference:
            changes.append(
                Change(
                    sku_id=line.sku_id,
                    warehouse_id=stocktake.warehouse_id,
                    kind=MovementKind.STOCKTAKE,
                    on_hand=line.difference,
                    reason="stocktake",
                )
            )
    StocktakeLine.objects.bulk_update(lines, ["difference"])
    if changes:
        movements_post(
            actor=actor, source=Source("stocktake", stocktake.pk, stocktake.number), changes=changes
        )
    STOCKTAKE_FLOW.move(by=actor_stamp(actor), document=stocktake, to=StocktakeStatus.APPROVED, note=note)
    return stocktake


@transaction.atomic
def stocktake_cancel(*, actor: Actor, stocktake_id: int, note: str = "") -> Stocktake:
    require_inventory_manager(actor)
    stocktake = _counting(stocktake_id)
    STOCKTAKE_FLOW.move(by=actor_stamp(actor), document=stocktake, to=StocktakeStatus.CANCELLED, note=note)
    return stocktake
