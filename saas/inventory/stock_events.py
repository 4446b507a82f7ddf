"""What the ledger tells others after a post: stock that became available, and stock that ran low.

`movements_post` calls `stock_events_emit` inside its transaction with the levels it changed
and what was available before. Two events may follow, each listing the levels concerned:

- `stock.increased`: available rose (goods received, a transfer in, a reservation released);
  sales' `reservation_retry` consumer lets orders waiting for goods reserve it, in a job, never
  inside this transaction (the poster holds the levels' locks, and an order is locked before
  levels).
- `stock.low`: available crossed down to the level's reorder point or minimum (库存预警). Only a
  crossing reports, so a SKU that stays low is not announced again on every sale. Inventory and
  purchasing staff hear of it through the notification rules.

Checking costs nothing but arithmetic on rows the ledger already holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from saas.accounts.actors import Actor, actor_stamp
from saas.core.domain_events import emit, graphql_id
from saas.inventory.events import MAX_ITEMS, StockIncreased, StockLevelItem, StockLow
from saas.inventory.models import StockLevel


def _available(level: StockLevel) -> Decimal:
    # Not level.available: that generated column is stale on an instance changed in memory.
    return level.on_hand - level.reserved


def _item(level: StockLevel) -> StockLevelItem:
    return StockLevelItem(
        sku_id=graphql_id(level.sku_id),
        warehouse_id=graphql_id(level.warehouse_id),
        available=_available(level),
        reorder_point=level.reorder_point,
        min_qty=level.min_qty,
    )


def crossed_low(
    levels: Iterable[StockLevel], available_before: Mapping[tuple[int, int], Decimal] | None = None
) -> list[StockLevel]:
    """The levels now at or below their threshold that were above it before (all low levels
    when `available_before` is None)."""
    low = []
    for level in levels:
        threshold = level.low_threshold()
        if threshold is None or _available(level) > threshold:
            continue
        before = (
            None if available_before is None else available_before.get((level.sku_id, level.warehouse_id))
        )
        if before is not None and before <= threshold:
            continue  # it was low already
        low.append(level)
    return low


def stock_events_emit(
    *, actor: Actor, levels: Iterable[StockLevel], available_before: Mapping[tuple[int, int], Decimal]
) -> None:
    changed = list(levels)
    risen = [
        level
        for level in changed
        if _available(level) > available_before.get((level.sku_id, level.warehouse_id), Decimal(0))
    ]
    if risen:
        emit(
            StockIncreased(items=tuple(_item(level) for level in risen[:MAX_ITEMS]), total=len(risen)),
            by=actor_stamp(actor),
        )
    low = crossed_low(changed, available_before)
    if low:
        emit(
            StockLow(items=tuple(_item(level) for level in low[:MAX_ITEMS]), total=len(low)),
            by=actor_stamp(actor),
        )
