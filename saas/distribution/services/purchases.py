"""A period's purchases per distributor, the base of rebates and bonuses (the definition is in
saas/distribution/rebate_engine.py): one SQL statement over the sales tables, whatever their size.

It reads every distributor's orders and returns without an actor: the rebate run (a job, or
distribution.manage) is the only caller, and only sums leave it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import connection

from saas.distribution.models import DistributorStatus
from saas.distribution.periods import period_bounds
from saas.distribution.rebate_engine import Purchase
from saas.sales.models import OrderStatus, ReturnStatus


def period_purchases(kind: str, start: date) -> list[Purchase]:
    """Each active distributor that bought or returned anything in the period, by id."""
    since, until = period_bounds(kind, start)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            WITH sold AS (
                SELECT d.id AS distributor_id, SUM(l.shipped_quantity) AS quantity,
                       SUM(ROUND(l.amount * l.shipped_quantity / l.base_quantity, 2)) AS amount
                FROM sales_salesorder o
                JOIN distribution_distributor d ON d.customer_id = o.customer_id
                JOIN sales_salesorderline l ON l.order_id = o.id
                WHERE o.status = %s AND o.completed_at >= %s AND o.completed_at < %s
                GROUP BY d.id
            ), came_back AS (
                SELECT d.id AS distributor_id, SUM(rl.quantity) AS quantity, SUM(rl.amount) AS amount
                FROM sales_salesreturn r
                JOIN sales_salesreturnline rl ON rl.sales_return_id = r.id
                JOIN sales_salesorder o ON o.id = r.order_id
                JOIN distribution_distributor d ON d.customer_id = o.customer_id
                WHERE r.status IN (%s, %s) AND r.received_at >= %s AND r.received_at < %s
                GROUP BY d.id
            )
            SELECT d.id, d.level_id,
                   GREATEST(COALESCE(s.quantity, 0) - COALESCE(b.quantity, 0), 0),
                   GREATEST(COALESCE(s.amount, 0) - COALESCE(b.amount, 0), 0)
            FROM distribution_distributor d
            LEFT JOIN sold s ON s.distributor_id = d.id
            LEFT JOIN came_back b ON b.distributor_id = d.id
            WHERE d.status = %s AND (s.distributor_id IS NOT NULL OR b.distributor_id IS NOT NULL)
            ORDER BY d.id
            """,
            [
                OrderStatus.COMPLETED,
                since,
                until,
                ReturnStatus.RECEIVED,
                ReturnStatus.SETTLED,
                since,
                until,
                DistributorStatus.ACTIVE,
            ],
        )
        return [
            Purchase(pk, level_id, Decimal(quantity), Decimal(amount))
            for pk, level_id, quantity, amount in cursor.fetchall()
        ]
