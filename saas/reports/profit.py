"""Profit report (利润报表) per order, customer, rep or product for a period; needs cost.view.

Revenue is recognised on shipment: a line contributes amount × shipped / ordered (base units),
less the line amounts of its received returns (received or settled). Cost of goods is the
line's cost_amount − returned_cost_amount (inventory valuation at shipment and at return).
Order profit = revenue − cost − the order's expenses (运费, 安装费…). By product the profit is
gross (revenue − cost), expenses being the order's, not the product's; its totals too, so the
rows add up to them.

The orders are the visible sold orders dated in the period (order_date, tenant-local). One SQL
statement computes rows and totals (GROUPING SETS), the visible orders entering as a subquery
compiled by the ORM from the visibility rule.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.tenancy import current_tenant
from saas.reports.access import require_cost_viewer
from saas.reports.filters import clean_choice
from saas.reports.periods import DateRange, clean_range, margin_percent
from saas.sales.models import SOLD_STATUSES, ReturnStatus
from saas.sales.selectors.visibility import visible_orders

ZERO = Decimal(0)
RECEIVED_RETURNS = [ReturnStatus.RECEIVED.value, ReturnStatus.SETTLED.value]


class ProfitGroup(StrEnum):
    ORDER = "order"
    CUSTOMER = "customer"
    REP = "rep"
    PRODUCT = "product"


@dataclass(frozen=True)
class ProfitRow:
    key: str  # order, customer, rep (user) or product id; "" for totals
    label: str  # order number, customer, rep or product name
    order_count: int
    revenue: Decimal
    cost: Decimal
    expenses: Decimal | None  # None by product
    order_date: date | None = None  # by order
    customer: str | None = None  # by order
    rep: str | None = None  # by order

    @property
    def profit(self) -> Decimal:
        return self.revenue - self.cost - (self.expenses or ZERO)

    @property
    def margin_percent(self) -> Decimal | None:
        return margin_percent(self.profit, self.revenue)


@dataclass(frozen=True)
class ProfitReport:
    group_by: ProfitGroup
    period: DateRange
    currency: str
    rows: list[ProfitRow]
    totals: ProfitRow
    truncated: bool


# The visible orders (`o`), their received returns per line, and revenue and cost per line.
LINES_CTE = """
returned AS (
    SELECT rl.order_line_id, SUM(rl.amount) AS amount
    FROM sales_salesreturnline rl
    JOIN sales_salesreturn r ON r.id = rl.sales_return_id
    WHERE r.status = ANY(%s) AND r.order_id IN (SELECT id FROM o)
    GROUP BY rl.order_line_id
),
line AS (
    SELECT l.order_id, l.sku_id,
           CASE WHEN l.base_quantity > 0 THEN l.amount * l.shipped_quantity / l.base_quantity ELSE 0 END
               - COALESCE(ret.amount, 0) AS revenue,
           l.cost_amount - l.returned_cost_amount AS cost
    FROM sales_salesorderline l
    LEFT JOIN returned ret ON ret.order_line_id = l.id
    WHERE l.order_id IN (SELECT id FROM o)
)"""

PER_ORDER_CTE = """,
per_order AS (
    SELECT o.id, o.number, o.order_date, o.customer_id, o.rep_id, o.expense_amount,
           COALESCE(x.revenue, 0) AS revenue, COALESCE(x.cost, 0) AS cost
    FROM o
    LEFT JOIN (SELECT order_id, SUM(revenue) AS revenue, SUM(cost) AS cost FROM line GROUP BY order_id) x
        ON x.order_id = o.id
)"""

# Each grouping selects: key, label, order count, revenue, cost, expenses, order date, customer,
# rep, and whether the row is the totals (GROUPING() = 1). Totals come first, then the rows.
BY_ORDER = """
SELECT p.id::text, p.number, COUNT(*), ROUND(SUM(p.revenue), 2), ROUND(SUM(p.cost), 2),
       SUM(p.expense_amount), p.order_date, COALESCE(NULLIF(c.name, ''), c.code), u.full_name,
       GROUPING(p.id)
FROM per_order p
JOIN customers_customer c ON c.id = p.customer_id
JOIN accounts_user u ON u.id = p.rep_id
GROUP BY GROUPING SETS ((p.id, p.number, p.order_date, c.name, c.code, u.full_name), ())
ORDER BY GROUPING(p.id) DESC, p.order_date, p.number
LIMIT %s"""

BY_CUSTOMER = """
SELECT p.customer_id::text, COALESCE(NULLIF(c.name, ''), c.code), COUNT(*), ROUND(SUM(p.revenue), 2),
       ROUND(SUM(p.cost), 2), SUM(p.expense_amount), NULL::date, NULL, NULL, GROUPING(p.customer_id)
FROM per_order p
JOIN customers_customer c ON c.id = p.customer_id
GROUP BY GROUPING SETS ((p.customer_id, c.name, c.code), ())
ORDER BY GROUPING(p.customer_id) DESC, SUM(p.revenue - p.cost - p.expense_amount) DESC, p.customer_id
LIMIT %s"""

BY_REP = """
SELECT p.rep_id::text, COALESCE(NULLIF(u.full_name, ''), u.email), COUNT(*), ROUND(SUM(p.revenue), 2),
       ROUND(SUM(p.cost), 2), SUM(p.expense_amount), NULL::date, NULL, NULL, GROUPING(p.rep_id)
FROM per_order p
JOIN accounts_user u ON u.id = p.rep_id
GROUP BY GROUPING SETS ((p.rep_id, u.full_name, u.email), ())
ORDER BY GROUPING(p.rep_id) DESC, SUM(p.revenue - p.cost - p.expense_amount) DESC, p.rep_id
LIMIT %s"""

BY_PRODUCT = """
SELECT pr.id::text, pr.name, COUNT(DISTINCT line.order_id), ROUND(SUM(line.revenue), 2),
       ROUND(SUM(line.cost), 2), NULL::numeric, NULL::date, NULL, NULL, GROUPING(pr.id)
FROM line
JOIN catalog_sku k ON k.id = line.sku_id
JOIN catalog_product pr ON pr.id = k.product_id
GROUP BY GROUPING SETS ((pr.id, pr.name), ())
ORDER BY GROUPING(pr.id) DESC, SUM(line.revenue - line.cost) DESC, pr.id
LIMIT %s"""

_SELECTS = {
    ProfitGroup.ORDER: PER_ORDER_CTE + BY_ORDER,
    ProfitGroup.CUSTOMER: PER_ORDER_CTE + BY_CUSTOMER,
    ProfitGroup.REP: PER_ORDER_CTE + BY_REP,
    ProfitGroup.PRODUCT: BY_PRODUCT,
}


def _row(values: tuple[Any, ...], *, by_product: bool) -> ProfitRow:
    key, label, count, revenue, cost, expenses, order_date, customer, rep, _total = values
    return ProfitRow(
        key=key or "",
        label=label or "",
        order_count=count or 0,
        revenue=revenue if revenue is not None else ZERO,
        cost=cost if cost is not None else ZERO,
        expenses=None if by_product else (expenses if expenses is not None else ZERO),
        order_date=order_date,
        customer=customer,
        rep=rep,
    )


def profit_report(
    *,
    actor: Actor,
    group_by: ProfitGroup | str,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 1000,
) -> ProfitReport:
    require_cost_viewer(actor)
    group = clean_choice(ProfitGroup, group_by, "group_by", "group_invalid")
    period = clean_range(date_from, date_to)
    by_product = group is ProfitGroup.PRODUCT
    orders = (
        visible_orders(actor)
        .filter(status__in=SOLD_STATUSES, order_date__range=(period.start, period.end))
        .order_by()
        .values("id", "number", "order_date", "customer_id", "rep_id", "expense_amount")
    )
    empty = _row(("", _("Total"), 0, ZERO, ZERO, ZERO, None, None, None, 1), by_product=by_product)
    try:
        orders_sql, orders_params = orders.query.sql_with_params()
    except EmptyResultSet:  # the actor may see no order at all
        return ProfitReport(group, period, current_tenant().currency, [], empty, truncated=False)
    # Constant SQL text chosen by the grouping; every value travels as a parameter.
    sql = f"WITH o AS ({orders_sql}),{LINES_CTE}{_SELECTS[group]}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*orders_params, RECEIVED_RETURNS, limit + 2])
        fetched = cursor.fetchall()
    totals = [row for row in fetched if row[-1] == 1]
    rows = [_row(row, by_product=by_product) for row in fetched if row[-1] == 0]
    total = _row(totals[0], by_product=by_product) if totals else empty
    return ProfitReport(
        group_by=group,
        period=period,
        currency=current_tenant().currency,
        rows=rows[:limit],
        totals=replace(total, key="", label=_("Total")),
        truncated=len(rows) > limit,
    )
