"""Low-stock alerts (库存预警): tell warehouse and purchasing staff, live, when a movement takes a
SKU's available quantity in a warehouse down to its reorder point or minimum.

The inventory ledger calls `low_stock_notify_on_commit` with the levels it has just changed and
what was available before, inside its transaction. Only a crossing (above → at or below) alerts,
so a SKU that stays low does not alert again on every sale. The event goes out after commit:
a rolled-back movement never alerts anyone. Checking costs nothing but arithmetic on rows the
ledger already holds; the database is asked only when something did cross.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from saas.accounts import scopes
from saas.accounts.models import User
from saas.core.events import send_to_users_on_commit
from saas.inventory.models import StockLevel

EVENT_KIND = "stock.low"
MAX_ITEMS = 50  # a stocktake can cross hundreds at once; the app shows the first and a count
ALERTED_SCOPES = [scopes.INVENTORY_MANAGE, scopes.PURCHASING_MANAGE]


def _available(level: StockLevel) -> Decimal:
    # Not level.available: that generated column is stale on an instance changed in memory.
    return level.on_hand - level.reserved


def low_stock_notify_on_commit(
    levels: Iterable[StockLevel], available_before: Mapping[tuple[int, int], Decimal] | None = None
) -> list[StockLevel]:
    """Queue a "stock.low" event for the levels that are now at or below their threshold.

    `available_before` maps (sku_id, warehouse_id) to the available quantity before the change;
    with it only crossings alert, without it every low level does. Returns the levels alerted.
    """
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
    if not low:
        return []
    recipients = list(
        User.objects.filter(is_active=True, roles__scopes__overlap=ALERTED_SCOPES)
        .distinct()
        .values_list("pk", flat=True)
    )
    payload = {
        "items": [
            {
                "skuId": level.sku_id,
                "warehouseId": level.warehouse_id,
                "available": str(_available(level)),
                "reorderPoint": None if level.reorder_point is None else str(level.reorder_point),
                "minQty": None if level.min_qty is None else str(level.min_qty),
            }
            for level in low[:MAX_ITEMS]
        ],
        "total": len(low),
    }
    send_to_users_on_commit(recipients, EVENT_KIND, payload)
    return low
