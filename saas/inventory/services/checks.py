"""Proof that the levels equal the ledger: for every SKU and warehouse, each quantity on the
level equals the sum of that quantity's deltas over all movements."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

MISMATCH_SQL = """
SELECT COALESCE(l.sku_id, m.sku_id), COALESCE(l.warehouse_id, m.warehouse_id),
       COALESCE(l.on_hand, 0), COALESCE(m.on_hand, 0),
       COALESCE(l.reserved, 0), COALESCE(m.reserved, 0),
       COALESCE(l.in_transit, 0), COALESCE(m.in_transit, 0)
FROM inventory_stocklevel l
FULL OUTER JOIN (
    SELECT sku_id, warehouse_id, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved,
           SUM(in_transit_delta) AS in_transit
    FROM inventory_stockmovement GROUP BY sku_id, warehouse_id
) m ON m.sku_id = l.sku_id AND m.warehouse_id = l.warehouse_id
WHERE COALESCE(l.on_hand, 0) <> COALESCE(m.on_hand, 0)
   OR COALESCE(l.reserved, 0) <> COALESCE(m.reserved, 0)
   OR COALESCE(l.in_transit, 0) <> COALESCE(m.in_transit, 0)
ORDER BY 1, 2
"""


@dataclass(frozen=True)
class LedgerMismatch:
    sku_id: int
    warehouse_id: int
    level_on_hand: Decimal
    ledger_on_hand: Decimal
    level_reserved: Decimal
    ledger_reserved: Decimal
    level_in_transit: Decimal
    ledger_in_transit: Decimal


def ledger_mismatches() -> list[LedgerMismatch]:
    """Every (SKU, warehouse) whose level disagrees with its movements, in the current schema."""
    with connection.cursor() as cursor:
        cursor.execute(MISMATCH_SQL)
        return [LedgerMismatch(*row) for row in cursor.fetchall()]
