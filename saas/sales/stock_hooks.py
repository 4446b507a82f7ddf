"""How sales hears about stock: waiting orders reserve what arrives, and their shortfall is
demand for the replenishment suggestion. Registered from SalesConfig.ready(), so neither
inventory nor procurement imports sales.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import partial

from django.db import transaction

from saas.accounts import scopes
from saas.accounts.actors import System
from saas.core.tenancy import require_tenant_schema, schema_context
from saas.inventory.models import StockLevel

logger = logging.getLogger(__name__)

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


def _retry_waiting_orders(schema: str, keys: list[tuple[int, int]]) -> None:
    from saas.sales.services.workflow import orders_reserve_retry_for

    try:
        with schema_context(schema):
            orders_reserve_retry_for(actor=RESERVATION_RETRY, keys=keys)
    except Exception:  # the stock change is committed; a waiting order can be retried by hand
        logger.exception("reserving for waiting sales orders failed in %s", schema)


def reserve_for_waiting_orders_on_commit(
    levels: Iterable[StockLevel], available_before: Mapping[tuple[int, int], Decimal]
) -> None:
    """After-post hook of the ledger: where more became available, let waiting orders reserve it
    once this transaction commits (never inside it: the poster holds the levels' locks, and an
    order is always locked before levels)."""
    risen = [
        (level.sku_id, level.warehouse_id)
        for level in levels
        if level.on_hand - level.reserved
        > available_before.get((level.sku_id, level.warehouse_id), Decimal(0))
    ]
    if risen:
        transaction.on_commit(partial(_retry_waiting_orders, require_tenant_schema(), risen))
