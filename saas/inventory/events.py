"""The inventory domain's events: stock that became available, and stock that ran low."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from saas.core.domain_events import DomainEvent, described, domain_event

STOCK = "stock"
MAX_ITEMS = 50  # a stocktake can touch hundreds of levels; the event lists the first and a total


@dataclass(frozen=True, kw_only=True)
class StockLevelItem:
    """One SKU in one warehouse, as a stock event reports it."""

    sku_id: str = described("the SKU's GraphQL id")
    warehouse_id: str = described("the warehouse's GraphQL id")
    available: Decimal = described("on hand minus reserved, in base units")
    reorder_point: Decimal | None = described("the level's reorder point, if set")
    min_qty: Decimal | None = described("the level's minimum, if set")


@domain_event("stock.increased", object_type=STOCK)
@dataclass(frozen=True, kw_only=True)
class StockIncreased(DomainEvent):
    """More became available (goods received, a transfer in, a reservation released): orders
    waiting for goods reserve it."""

    items: tuple[StockLevelItem, ...] = described("the levels whose available quantity rose")
    total: int = described("how many levels rose (items lists at most 50)")


@domain_event("stock.low", object_type=STOCK)
@dataclass(frozen=True, kw_only=True)
class StockLow(DomainEvent):
    """A movement took SKUs to or below their reorder point or minimum (库存预警); a level that
    stays low does not report again."""

    items: tuple[StockLevelItem, ...] = described("the levels that crossed")
    total: int = described("how many levels crossed (items lists at most 50)")
