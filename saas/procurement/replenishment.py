"""Replenishment suggestion (补货建议, 多仓合并采购): what to buy, from whom, for which warehouse.

One SQL statement does the work for every SKU and warehouse at once:

    projected = available (on hand − reserved) + in transit here + still on open orders − extra demand

A (SKU, warehouse) is short when projected is at or below its reorder point or minimum, or below
zero. It is topped up to max_qty when set, else to reorder point + min. The supplier is the
cheapest active one per base unit (tie: shortest lead time, then the oldest supplier). Python
then only rounds: each line up to whole purchase units (箱), and the SKU's total on the
supplier's order up to the minimum order quantity, the extra going to the warehouse that needs
most. Lines are grouped into one order per supplier across warehouses. Nothing is ordered here:
`replenishment_confirm` turns what the user keeps into draft orders.

Extra demand is a hook: another area registers a SELECT of (sku_id, warehouse_id, quantity),
for example sales orders waiting for goods that are not in stock (待采购缺口).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.db import connection

from saas.procurement.models import OPEN_STATUSES, to_money

ZERO = Decimal(0)
NO_DEMAND = "SELECT NULL::bigint AS sku_id, NULL::bigint AS warehouse_id, 0::numeric AS quantity WHERE false"
_DEMAND_SOURCES: dict[str, str] = {}


def demand_source_register(name: str, sql: str) -> None:
    """Add demand the stock levels do not show yet. `sql` is a constant SELECT with no parameters
    returning (sku_id, warehouse_id, quantity) in base units; call it from an AppConfig.ready()."""
    _DEMAND_SOURCES[name] = sql


def demand_source_unregister(name: str) -> None:
    _DEMAND_SOURCES.pop(name, None)


def _demand_sql() -> str:
    # Registered SQL is constant text written by developers, never user input.
    sources = [
        f"SELECT sku_id, warehouse_id, quantity FROM ({sql}) AS d"  # noqa: S608
        for sql in _DEMAND_SOURCES.values()
    ]
    return " UNION ALL ".join(sources) if sources else NO_DEMAND


SUGGESTION_SQL = """
WITH on_order AS (
    SELECT l.sku_id, l.warehouse_id, SUM(l.base_quantity - l.received_qty) AS qty
    FROM procurement_purchaseorderline l
    JOIN procurement_purchaseorder o ON o.id = l.order_id
    WHERE o.status = ANY(%(open)s)
    GROUP BY l.sku_id, l.warehouse_id
),
demand AS (
    SELECT sku_id, warehouse_id, SUM(quantity) AS qty FROM ({demand}) AS extra GROUP BY sku_id, warehouse_id
),
candidates AS (
    -- Every level with warning marks, plus demand where no level has marks; one pass each.
    SELECT sku_id, warehouse_id, reorder_point, min_qty, max_qty, available, in_transit
    FROM inventory_stocklevel
    WHERE reorder_point IS NOT NULL OR min_qty IS NOT NULL
    UNION ALL
    SELECT d.sku_id, d.warehouse_id, NULL, NULL, NULL, COALESCE(s.available, 0), COALESCE(s.in_transit, 0)
    FROM demand d
    LEFT JOIN inventory_stocklevel s ON s.sku_id = d.sku_id AND s.warehouse_id = d.warehouse_id
    WHERE s.reorder_point IS NULL AND s.min_qty IS NULL
),
positions AS (
    SELECT c.sku_id, c.warehouse_id, c.reorder_point, c.min_qty, c.max_qty, c.available, c.in_transit,
           COALESCE(oo.qty, 0) AS on_order, COALESCE(d.qty, 0) AS demand,
           c.available + c.in_transit + COALESCE(oo.qty, 0) - COALESCE(d.qty, 0) AS projected
    FROM candidates c
    JOIN inventory_warehouse w ON w.id = c.warehouse_id AND w.is_active
    LEFT JOIN on_order oo ON oo.sku_id = c.sku_id AND oo.warehouse_id = c.warehouse_id
    LEFT JOIN demand d ON d.sku_id = c.sku_id AND d.warehouse_id = c.warehouse_id
    WHERE %(all_warehouses)s OR c.warehouse_id = ANY(%(warehouses)s)
),
needs AS (
    SELECT p.*, COALESCE(p.max_qty, COALESCE(p.reorder_point, 0) + COALESCE(p.min_qty, 0)) - p.projected AS need
    FROM positions p
    -- GREATEST skips NULLs: at or below the higher of reorder point and minimum.
    WHERE p.projected <= GREATEST(p.reorder_point, p.min_qty) OR p.projected < 0
),
best AS (
    SELECT DISTINCT ON (i.sku_id) i.sku_id, i.supplier_id, i.unit_name, i.unit_factor, i.price,
           i.min_order_qty, i.lead_time_days
    FROM procurement_supplieritem i
    JOIN procurement_supplier sp ON sp.id = i.supplier_id AND sp.is_active
    WHERE i.is_active AND i.sku_id IN (SELECT sku_id FROM needs WHERE need > 0)
    ORDER BY i.sku_id, i.price / i.unit_factor, i.lead_time_days, i.supplier_id
)
SELECT n.sku_id, k.code, pr.name, k.spec_values, pr.base_unit, n.warehouse_id, w.code, w.name,
       n.available, n.in_transit, n.on_order, n.demand, n.reorder_point, n.min_qty, n.max_qty, n.need,
       b.supplier_id, sp.code, sp.name, b.unit_name, b.unit_factor, b.price, b.min_order_qty, b.lead_time_days
FROM needs n
JOIN catalog_sku k ON k.id = n.sku_id AND k.status = 'active'
JOIN catalog_product pr ON pr.id = k.product_id
JOIN inventory_warehouse w ON w.id = n.warehouse_id
LEFT JOIN best b ON b.sku_id = n.sku_id
LEFT JOIN procurement_supplier sp ON sp.id = b.supplier_id
WHERE n.need > 0
ORDER BY b.supplier_id NULLS LAST, k.code, n.warehouse_id
"""


@dataclass
class SuggestedLine:
    sku_id: int
    sku_code: str
    sku_name: str
    spec_label: str
    base_unit: str
    warehouse_id: int
    warehouse_code: str
    warehouse_name: str
    available: Decimal
    in_transit: Decimal
    on_order: Decimal
    demand: Decimal
    reorder_point: Decimal | None
    min_qty: Decimal | None
    max_qty: Decimal | None
    need: Decimal  # base units to reach the target
    quantity: Decimal  # base units proposed, after pack and MOQ rounding
    supplier_id: int | None = None
    unit_name: str = ""
    unit_factor: Decimal = Decimal(1)
    unit_price: Decimal | None = None  # per unit_name
    min_order_qty: Decimal = ZERO
    lead_time_days: int | None = None

    @property
    def order_quantity(self) -> Decimal:
        """The proposal in the supplier's unit: what replenishmentConfirm takes back."""
        return (self.quantity / self.unit_factor).normalize()

    @property
    def amount(self) -> Decimal | None:
        return None if self.unit_price is None else to_money(self.order_quantity * self.unit_price)


@dataclass
class SuggestedOrder:
    supplier_id: int
    supplier_code: str
    supplier_name: str
    lines: list[SuggestedLine] = field(default_factory=list)

    @property
    def amount(self) -> Decimal:
        return sum((line.amount or ZERO for line in self.lines), ZERO)


@dataclass
class Suggestion:
    orders: list[SuggestedOrder]
    unsourced: list[SuggestedLine]  # short, but no active supplier sells the SKU


def _round_up(quantity: Decimal, step: Decimal) -> Decimal:
    if step <= 0:
        return quantity
    return (quantity / step).to_integral_value(rounding=ROUND_CEILING) * step


def _apply_order_minimum(lines: list[SuggestedLine]) -> None:
    """Whole purchase units per line, then the SKU's total on the order up to the MOQ."""
    for line in lines:
        line.quantity = _round_up(line.need, line.unit_factor)
    short = lines[0].min_order_qty - sum((line.quantity for line in lines), ZERO)
    if short > 0:
        neediest = max(lines, key=lambda line: (line.need, -line.warehouse_id))
        neediest.quantity = _round_up(neediest.quantity + short, neediest.unit_factor)


def _spec_label(values: Any) -> str:
    return " / ".join(str(v) for v in values.values()) if isinstance(values, dict) else ""


def compute_suggestion(*, warehouse_ids: list[int] | None = None) -> Suggestion:
    """The suggestion for the current tenant's schema; the caller checks who is asking."""
    sql = SUGGESTION_SQL.replace("{demand}", _demand_sql())
    params: dict[str, Any] = {
        "open": list(OPEN_STATUSES),
        "all_warehouses": warehouse_ids is None,
        "warehouses": warehouse_ids or [],
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    by_sku: dict[tuple[int, int], list[SuggestedLine]] = defaultdict(list)
    orders: dict[int, SuggestedOrder] = {}
    unsourced: list[SuggestedLine] = []
    for row in rows:
        (sku_id, sku_code, sku_name, spec_values, base_unit, wh_id, wh_code, wh_name) = row[:8]
        (available, in_transit, on_order, demand, reorder_point, min_qty, max_qty, need) = row[8:16]
        (supplier_id, supplier_code, supplier_name, unit_name, factor, price, moq, lead) = row[16:24]
        line = SuggestedLine(
            sku_id=sku_id,
            sku_code=sku_code,
            sku_name=sku_name,
            spec_label=_spec_label(spec_values),
            base_unit=base_unit,
            warehouse_id=wh_id,
            warehouse_code=wh_code,
            warehouse_name=wh_name,
            available=available,
            in_transit=in_transit,
            on_order=on_order,
            demand=demand,
            reorder_point=reorder_point,
            min_qty=min_qty,
            max_qty=max_qty,
            need=need,
            quantity=need,
        )
        if supplier_id is None:
            line.unit_name = base_unit
            unsourced.append(line)
            continue
        line.supplier_id, line.unit_name, line.unit_factor = supplier_id, unit_name, factor
        line.unit_price, line.min_order_qty, line.lead_time_days = price, moq, lead
        order = orders.get(supplier_id)
        if order is None:
            order = orders[supplier_id] = SuggestedOrder(supplier_id, supplier_code, supplier_name)
        order.lines.append(line)
        by_sku[(supplier_id, sku_id)].append(line)
    for lines in by_sku.values():
        _apply_order_minimum(lines)
    return Suggestion(orders=list(orders.values()), unsourced=unsourced)
