"""Sales reports at 100,000 orders: prints a table (p50, p95, SQL queries, rows).

    make bench-reports     or   .venv/bin/python tests/bench/sales_reports.py [--orders 100000] [--samples 20]

Runs against its own database `sparrow_bench_reports` on the server DATABASE_URL names (or the
embedded one), dropped and recreated first. One workspace is signed up and filled by raw SQL
(untimed): 10 reps with 200 customers each, 500 SKUs, orders spread evenly over 2024 and 2025
with 1-5 lines each (3 on average) in realistic statuses, costs on shipped lines, expenses on a
fifth of the orders, part payments, and a return on about 2 % of the shipped lines.

Timed: the monthly sales report (a year by month against the year before), the yearly one (five
years against the five before), profit by product for a month, customer arrears, and a few
more; through the selectors (a fresh owner, who sees everything, or a rep who sees a tenth of the orders) and
through GraphQL (a full POST /graphql/ through the middleware, session and tenant included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench_reports"
FIRST_DAY = date(2024, 1, 1)
DAYS = 731  # 2024 and 2025

ORDERS_SQL = """
INSERT INTO sales_salesorder (
    number, customer_id, rep_id, status, warehouse_id, currency, order_date, delivery_method,
    contact_name, contact_phone, ship_receiver, ship_phone, ship_province, ship_city, ship_district,
    ship_detail, remarks, goods_amount, discount_amount, total_amount, tax_amount, expense_amount,
    received_amount, returned_amount, invoiced_amount, credit_hold, revision, cancel_reason,
    created_by_id, created_at)
SELECT 'SO-B-' || lpad(x.g::text, 7, '0'), (%(customers)s::bigint[])[x.ci], (%(owners)s::bigint[])[x.ci],
       CASE WHEN x.r < 0.70 THEN 'completed' WHEN x.r < 0.80 THEN 'pending_signback'
            WHEN x.r < 0.85 THEN 'partly_shipped' WHEN x.r < 0.90 THEN 'pending_shipment'
            WHEN x.r < 0.93 THEN 'approved' WHEN x.r < 0.97 THEN 'cancelled' ELSE 'draft' END,
       %(warehouse)s, 'CNY', %(first_day)s::date + x.day, 'express',
       '', '', '', '', '', '', '', '', '', 0, 0, 0, 0,
       CASE WHEN random() < 0.2 THEN round((random() * 80)::numeric, 2) ELSE 0 END,
       0, 0, 0, false, 0, '', %(creator)s, now()
FROM (SELECT g, 1 + floor(random() * %(n_customers)s)::int AS ci,
             floor(random() * %(days)s)::int AS day, random() AS r
      FROM generate_series(1, %(orders)s) g) x
"""

LINES_SQL = """
INSERT INTO sales_salesorderline (
    order_id, line_no, sku_id, warehouse_id, unit_name, unit_factor, quantity, base_quantity,
    unit_price, discount_rate, tax_rate, amount, discount_amount, tax_amount, reserved_quantity,
    shipped_quantity, returned_quantity, cost_amount, returned_cost_amount, remark)
SELECT l.id, l.n, l.sku, l.warehouse_id, '件', 1, l.q, l.q, l.price, 0, 13, round(l.q * l.price, 2), 0,
       round(l.q * l.price * 13 / 113, 2), 0, l.shipped, 0, round(l.shipped * l.price * l.cost_share, 4), 0, ''
FROM (SELECT o.id, o.warehouse_id, n, (%(skus)s::bigint[])[1 + floor(random() * %(n_skus)s)::int] AS sku,
             q, price, (0.55 + random() * 0.25)::numeric AS cost_share,
             CASE WHEN o.status IN ('completed', 'pending_signback') THEN q
                  WHEN o.status = 'partly_shipped' THEN floor(q / 2) ELSE 0 END AS shipped
      FROM sales_salesorder o
      CROSS JOIN LATERAL generate_series(1, 1 + (o.id %% 5)::int) n
      CROSS JOIN LATERAL (SELECT (1 + floor(random() * 20))::numeric + 0 * n AS q,
                                 (10 + floor(random() * 490))::numeric + 0 * n AS price) v) l
"""

TOTALS_SQL = """
UPDATE sales_salesorder o
SET goods_amount = t.amount, total_amount = t.amount, tax_amount = t.tax,
    received_amount = CASE
        WHEN o.status = 'completed' AND random() < 0.9 THEN t.amount
        WHEN o.status IN ('completed', 'pending_signback', 'partly_shipped') THEN round(t.amount * 0.3, 2)
        ELSE 0 END
FROM (SELECT order_id, SUM(amount) AS amount, SUM(tax_amount) AS tax
      FROM sales_salesorderline GROUP BY order_id) t
WHERE t.order_id = o.id
"""

RETURNS_SQL = [
    """
    INSERT INTO sales_salesreturn (number, order_id, status, reason, reason_note, warehouse_id, settlement,
                                   amount, cost_amount, return_date, created_by_id, created_at)
    SELECT 'RS-B-' || l.id, l.order_id, (ARRAY['received', 'settled', 'approved'])[1 + floor(random() * 3)::int],
           (ARRAY['quality', 'wrong_item', 'damaged', 'not_needed', 'other'])[1 + floor(random() * 5)::int],
           '', l.warehouse_id, 'credit', l.unit_price, round(l.cost_amount / l.shipped_quantity, 4),
           o.order_date + 7, %(creator)s, now()
    FROM sales_salesorderline l JOIN sales_salesorder o ON o.id = l.order_id
    WHERE l.shipped_quantity >= 1 AND random() < 0.02
    """,
    """
    INSERT INTO sales_salesreturnline (sales_return_id, order_line_id, quantity, amount, unit_cost)
    SELECT r.id, substring(r.number FROM 6)::bigint, 1, r.amount, r.cost_amount
    FROM sales_salesreturn r WHERE r.number LIKE 'RS-B-%%'
    """,
    """
    UPDATE sales_salesorderline l SET returned_quantity = 1, returned_cost_amount = rl.unit_cost
    FROM sales_salesreturnline rl JOIN sales_salesreturn r ON r.id = rl.sales_return_id
    WHERE rl.order_line_id = l.id AND r.status IN ('received', 'settled')
    """,
    """
    UPDATE sales_salesorder o SET returned_amount = r.amount
    FROM (SELECT order_id, SUM(amount) AS amount FROM sales_salesreturn GROUP BY order_id) r
    WHERE r.order_id = o.id
    """,
]


def fill(n_orders: int, creator: Any) -> dict[str, int]:
    """Bulk data for the workspace (the caller is in its tenant context). Returns row counts."""
    from django.db import connection

    from saas.accounts.models import Role, User
    from saas.catalog.models import SKU, Product
    from saas.customers.models import Customer
    from saas.inventory.models import Warehouse
    from saas.sales.models import SalesOrder, SalesOrderLine, SalesReturn

    sales_role = Role.objects.get(code="sales")
    reps = []
    for i in range(10):
        rep = User.objects.create_user(email=f"rep{i}@bench.cn", password=None, full_name=f"业务员{i}")
        rep.roles.add(sales_role)
        reps.append(rep)
    lead = Role.objects.create(
        code="sales-lead",
        name_zh="销售主管",
        name_en="Sales lead",
        scopes=[*sales_role.scopes, "reports.view", "cost.view"],
    )
    reps[0].roles.add(lead)
    customers = Customer.objects.bulk_create(
        [
            Customer(code=f"CU-B-{i:05d}", name=f"客户{i}", owner=reps[i % 10], created_by=creator)
            for i in range(2000)
        ]
    )
    products = Product.objects.bulk_create(
        [Product(code=f"P-B-{i:04d}", name=f"商品{i}") for i in range(100)]
    )
    skus = SKU.objects.bulk_create(
        [
            SKU(product=p, code=f"{p.code}-{k}", spec_values={"规格": str(k)})
            for p in products
            for k in range(5)
        ]
    )
    warehouse = Warehouse.objects.create(code="BENCH", name="基准仓")
    params = {
        "customers": [c.pk for c in customers],
        "owners": [c.owner_id for c in customers],
        "n_customers": len(customers),
        "skus": [s.pk for s in skus],
        "n_skus": len(skus),
        "warehouse": warehouse.pk,
        "first_day": FIRST_DAY,
        "days": DAYS,
        "orders": n_orders,
        "creator": creator.pk,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        for sql in (ORDERS_SQL, LINES_SQL, TOTALS_SQL, *RETURNS_SQL):
            cursor.execute(sql, params)
        cursor.execute("ANALYZE")
    return {
        "orders": SalesOrder.objects.count(),
        "lines": SalesOrderLine.objects.count(),
        "returns": SalesReturn.objects.count(),
        "customers": len(customers),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()

    django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saas.accounts.models import User
    from saas.cli import migrate_everything
    from saas.core.tenancy import tenant_context
    from saas.reports.arrears import customer_arrears
    from saas.reports.profit import profit_report
    from saas.reports.returns import returns_report
    from saas.reports.sales import sales_report
    from saas.reports.statistics import order_statistics
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    signup = tenant_signup(
        company_name="报表测试商贸",
        slug="bench",
        owner_name="老板",
        email="boss@bench.cn",
        password="Spring-Tea-2026!",
    )
    tenant = signup.tenant
    october = {"date_from": date(2025, 10, 1), "date_to": date(2025, 10, 31)}
    selector_calls: dict[str, Callable[[Any], Any]] = {
        "sales MONTH (2025 by month)": lambda a: sales_report(
            actor=a, period="month", anchor=date(2025, 6, 15)
        ),
        "sales YEAR (5 years)": lambda a: sales_report(actor=a, period="year", anchor=date(2025, 6, 15)),
        "sales DAY (Oct 2025 by day)": lambda a: sales_report(
            actor=a, period="day", anchor=date(2025, 10, 15)
        ),
        "profit PRODUCT (Oct 2025)": lambda a: profit_report(actor=a, group_by="product", **october),
        "profit ORDER (Oct 2025)": lambda a: profit_report(actor=a, group_by="order", limit=500, **october),
        "customer arrears": lambda a: customer_arrears(actor=a, limit=100),
        "statistics CUSTOMER (Oct)": lambda a: order_statistics(
            actor=a, group_by="customer", limit=500, **october
        ),
        "returns REASON (2025)": lambda a: returns_report(
            actor=a, group_by="reason", date_from=date(2025, 1, 1), date_to=date(2025, 12, 31)
        ),
    }
    graphql_queries = {
        "sales MONTH (2025 by month)": 'salesReport(period: MONTH, anchor: "2025-06-15") '
        "{ totals { amount } previousTotals { amount } rows { label amount previousAmount amountChangePercent } }",
        "sales YEAR (5 years)": 'salesReport(period: YEAR, anchor: "2025-06-15") { totals { amount } rows { label amount } }',
        "profit PRODUCT (Oct 2025)": 'profitReport(groupBy: PRODUCT, from: "2025-10-01", to: "2025-10-31") '
        "{ rows { label revenue cost profit marginPercent } totals { profit } }",
        "customer arrears": "customerArrears { rows { name balance oldestUnpaidDate } totals { balance } }",
    }

    def sized(result: Any) -> int:
        return len(getattr(result, "rows", []))

    rows = []
    with tenant_context(tenant):
        started = time.perf_counter()
        counts = fill(args.orders, signup.owner)
        fill_seconds = time.perf_counter() - started
        actors = {
            "owner": lambda: User.objects.get(email="boss@bench.cn"),
            "rep": lambda: User.objects.get(email="rep0@bench.cn"),
        }
        for label, call in selector_calls.items():
            for actor_name, actor_of in actors.items():

                def run(call: Callable[[Any], Any] = call, actor_of: Callable[[], Any] = actor_of) -> tuple:
                    actor = actor_of()  # a fresh actor, as per request: its roles are read inside
                    with CaptureQueriesContext(connection) as queries:
                        begun = time.perf_counter()
                        result = call(actor)
                        elapsed = (time.perf_counter() - begun) * 1000
                    return elapsed, len(queries), sized(result)

                run()
                samples = [run() for _ in range(args.samples)]
                rows.append((label, "selector", actor_name, samples))
        client = Client(HTTP_HOST="bench.localhost")
        client.force_login(
            User.objects.get(email="boss@bench.cn"), backend="saas.accounts.backends.EmailBackend"
        )
        for label, field in graphql_queries.items():

            def request(field: str = field) -> tuple:
                with CaptureQueriesContext(connection) as queries:
                    begun = time.perf_counter()
                    response = client.post(
                        "/graphql/", {"query": "query { " + field + " }"}, content_type="application/json"
                    )
                    elapsed = (time.perf_counter() - begun) * 1000
                body = response.json()
                assert response.status_code == 200 and "errors" not in body, body
                data = next(iter(body["data"].values()))
                return elapsed, len(queries), len(data.get("rows", []))

            request()
            samples = [request() for _ in range(args.samples)]
            rows.append((label, "graphql", "owner", samples))

    print()
    print(
        f"Sales reports, PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} cores, "
        f"{args.samples} samples; data: {counts['orders']:,} orders, {counts['lines']:,} lines, "
        f"{counts['returns']:,} returns, {counts['customers']:,} customers, 10 reps over 2024-2025 "
        f"(filled in {fill_seconds:.0f} s)"
    )
    print(f"{'report':<30} {'path':<9} {'actor':<8} {'rows':>5} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}")
    for label, path, actor_name, samples in rows:
        times = [s[0] for s in samples]
        print(
            f"{label:<30} {path:<9} {actor_name:<8} {samples[0][2]:>5} {statistics.median(times):>8.1f} "
            f"{percentile(times, 95):>8.1f} {statistics.median(s[1] for s in samples):>4.0f}"
        )
    connection.close()


if __name__ == "__main__":
    main()
