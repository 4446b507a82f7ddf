"""How sales hears about stock: waiting orders reserve what arrives, and their shortfall is
demand for the replenishment suggestion. Registered from SalesConfig.ready(), so neither
inventory nor procurement imports sales.
"""

from __future__ import annotations

from saas.accounts import scopes
from saas.accounts.actors import System
from saas.core.domain_events import event_of
from saas.core.models import LoggedEvent
from saas.inventory.events import StockIncreased

# The job that lets waiting orders reserve arriving stock: it acts as itself, with the one scope
# the retry needs, and its events and movements say so (actor_kind "system").
RESERVATION_RETRY = System(reason="reservation retry", scopes=frozenset({scopes.ORDERS_REVIEW}))

# Open, unreserved base units of orders waiting for goods, per SKU and warehouse (待采购缺口).
SHORTFALL_SQL = """
SELECT l.sku_id, l.warehouse_id,
       SUM(l.base_quantity - l.shipped_quantity - l.reserved_quantity) AS quantity
FROM sales_salesorderline l
JOIN sales_salesorder o ON o.id = l.order_id
WHERE o.status = 'pending_purchase' AND l.base_quantity - l.shipped_quantity - l.reserved_quantity > 0
GROUP BY l.sku_id, l.warehouse_id
"""


def reservation_retry(record: LoggedEvent) -> None:
    """Consumer of `stock.increased`: orders waiting for these SKUs reserve what arrived, oldest
    first. It runs in the fan-out job, in one transaction with its processed mark, so a retried
    job never reserves twice; stock the event lists beyond its first 50 levels is picked up by
    the next arrival or by `orderReserveRetry`."""
    from saas.sales.services.workflow import orders_reserve_retry_for

    increased = event_of(record)
    assert isinstance(increased, StockIncreased)
    keys = [(int(item.sku_id), int(item.warehouse_id)) for item in increased.items]
    orders_reserve_retry_for(actor=RESERVATION_RETRY, keys=keys)
