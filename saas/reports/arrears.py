"""Customer arrears (客户欠款汇总): what each visible customer owes on visible sold orders.

balance = Σ (total − returned − received) over the customer's sold orders, so an overpaid order
offsets an unpaid one; only customers with a balance above zero are listed, largest first, with
the date of the oldest order still owing and how many days ago that was (workspace today).
Settled orders add nothing to a balance, so they are left out before summing: amount, returned
and received are those of the customer's open (not exactly settled) orders.
Prepayments not yet allocated to orders are not netted here; detailed ageing is finance's.

A row needs both the customer and the orders to be visible: a rep sees own customers and own
orders. One SQL query: the rows (capped), with the totals over every owing customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F

from saas.accounts.actors import Actor
from saas.core.clock import tenant_today
from saas.core.tenancy import current_tenant
from saas.customers.visibility import visible_customers
from saas.reports.access import require_report_viewer
from saas.reports.labels import party_text
from saas.reports.periods import days_between
from saas.sales.models import SOLD_STATUSES
from saas.sales.selectors.visibility import visible_orders

ZERO = Decimal(0)


@dataclass(frozen=True)
class ArrearsRow:
    customer_id: int
    code: str
    name: str
    owner: str  # the customer's rep
    unpaid_order_count: int
    amount: Decimal  # Σ total of the open orders
    returned: Decimal
    received: Decimal
    balance: Decimal
    oldest_unpaid_date: date | None
    days_outstanding: int | None


@dataclass(frozen=True)
class ArrearsTotals:
    customer_count: int
    unpaid_order_count: int
    amount: Decimal
    returned: Decimal
    received: Decimal
    balance: Decimal


@dataclass(frozen=True)
class CustomerArrears:
    as_of: date
    currency: str
    rows: list[ArrearsRow]
    totals: ArrearsTotals
    truncated: bool


# `o` is the visible sold orders of visible customers. Grouping by customer id alone keeps the
# aggregate small (a hash of customers, no sort of orders); names are joined to the page only,
# and the window sums give the totals over every owing customer in the same pass.
ARREARS_SQL = """
WITH per_customer AS (
    SELECT o.customer_id,
           COUNT(*) FILTER (WHERE o.total_amount > o.returned_amount + o.received_amount) AS unpaid,
           SUM(o.total_amount) AS amount, SUM(o.returned_amount) AS returned,
           SUM(o.received_amount) AS received,
           SUM(o.total_amount - o.returned_amount - o.received_amount) AS balance,
           MIN(o.order_date) FILTER (WHERE o.total_amount > o.returned_amount + o.received_amount) AS oldest
    FROM ({orders}) AS o
    GROUP BY o.customer_id
),
owing AS (
    SELECT p.*, COUNT(*) OVER () AS all_customers, (SUM(p.unpaid) OVER ())::bigint AS all_unpaid,
           SUM(p.amount) OVER () AS all_amount, SUM(p.returned) OVER () AS all_returned,
           SUM(p.received) OVER () AS all_received, SUM(p.balance) OVER () AS all_balance
    FROM per_customer p
    WHERE p.balance > 0
)
SELECT w.customer_id, c.code, c.name, COALESCE(u.full_name, ''), w.unpaid, w.amount, w.returned, w.received,
       w.balance, w.oldest, w.all_customers, w.all_unpaid, w.all_amount, w.all_returned, w.all_received,
       w.all_balance
FROM owing w
JOIN customers_customer c ON c.id = w.customer_id
LEFT JOIN accounts_user u ON u.id = c.owner_id
ORDER BY w.balance DESC, w.customer_id
LIMIT %s"""
NO_TOTALS = ArrearsTotals(0, 0, ZERO, ZERO, ZERO, ZERO)


def customer_arrears(*, actor: Actor, limit: int = 1000) -> CustomerArrears:
    require_report_viewer(actor)
    today = tenant_today()
    orders = (
        visible_orders(actor)
        .filter(status__in=SOLD_STATUSES, customer__in=visible_customers(actor))
        .exclude(total_amount=F("returned_amount") + F("received_amount"))  # settled: adds nothing
        .order_by()
        .values("customer_id", "total_amount", "returned_amount", "received_amount", "order_date")
    )
    fetched: list[tuple[Any, ...]] = []
    try:
        orders_sql, params = orders.query.sql_with_params()
    except EmptyResultSet:  # the actor may see no order at all
        pass
    else:
        # The inner SQL is compiled by the ORM; every value in it travels as a parameter.
        with connection.cursor() as cursor:
            cursor.execute(ARREARS_SQL.replace("{orders}", orders_sql), [*params, limit + 1])
            fetched = cursor.fetchall()
    rows = [
        ArrearsRow(
            customer_id=row[0],
            code=row[1],
            name=party_text(row[1], row[2]),
            owner=row[3],
            unpaid_order_count=row[4],
            amount=row[5],
            returned=row[6],
            received=row[7],
            balance=row[8],
            oldest_unpaid_date=row[9],
            days_outstanding=None if row[9] is None else days_between(row[9], today),
        )
        for row in fetched[:limit]
    ]
    totals = ArrearsTotals(*fetched[0][10:]) if fetched else NO_TOTALS
    return CustomerArrears(
        as_of=today,
        currency=current_tenant().currency,
        rows=rows,
        totals=totals,
        truncated=len(fetched) > limit,
    )
