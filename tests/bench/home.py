"""The home that tells the day at a realistic size: prints a table (p50, p95, SQL queries).

    make bench-home     or   .venv/bin/python tests/bench/home.py [--orders 100000] [--samples 20]

Runs against its own database `sparrow_bench_home` (dropped and recreated first). One workspace
is filled by raw SQL (untimed) as the sales reports' benchmark fills it (tests/bench/sales_reports.py:
10 reps, 2,000 customers, 500 SKUs, orders with 1-5 lines in realistic statuses), but over the
two years that end today, so the home's windows hold data; plus 20,000 receipts over the same
days and warning levels on a fifth of the stock levels.

Timed, through a full POST /graphql/ (middleware, session, tenant) as the owner and as a rep:
the baseline is the home as it was (`dashboard { todos }`, measured in the same run); then the
whole home query the app sends (figures, 30-day series, receivables due, low stock, checklist).
Also each figure's selector on its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sales_reports  # noqa: E402
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench_home"
BASELINE = "query { dashboard { todos { key count } } }"
HOME = """query Home($money: Boolean!, $stock: Boolean!, $manage: Boolean!) {
  dashboard {
    today currency todos { key count }
    sales @include(if: $money) { amount { today yesterday month lastMonth }
      orders { today yesterday month lastMonth } days { day amount orders } }
    collections @include(if: $money) { today yesterday month lastMonth }
    receivablesDue @include(if: $money) { amount orders overdueAmount overdueOrders }
    lowStock @include(if: $stock) { count rows { skuCode name warehouse available reorderPoint } }
    onboarding @include(if: $manage) { complete dismissed sampleLoaded steps { key done } }
  }
}"""


def extra_fill(creator: Any) -> dict[str, int]:
    """Receipts over the last two years and warning levels on a fifth of the SKUs."""
    from django.db import connection

    from saas.customers.models import Customer
    from saas.finance.models import Receipt

    customers = list(Customer.objects.order_by("id").values_list("id", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO finance_receipt (number, customer_id, kind, method, amount, unallocated_amount,
                                         received_on, reference, note, is_void, created_by_id, created_at,
                                         updated_at)
            SELECT 'RC-B-' || g, (%(customers)s::bigint[])[1 + g %% %(n)s],
                   CASE WHEN g %% 40 = 0 THEN 'refund' ELSE 'payment' END, 'bank',
                   (100 + floor(random() * 5000))::numeric, 0, %(first)s::date + (g %% 731), '', '',
                   g %% 97 = 0, %(creator)s, now(), now()
            FROM generate_series(1, 20000) g
            """,
            {
                "first": sales_reports.FIRST_DAY,
                "creator": creator.pk,
                "customers": customers,
                "n": len(customers),
            },
        )
        cursor.execute(
            """
            INSERT INTO inventory_stocklevel (sku_id, warehouse_id, on_hand, reserved, in_transit, avg_cost,
                                              min_qty, reorder_point, updated_at)
            SELECT s.id, w.id, (s.id % 50), 0, 0, 10, 5, 20, now()
            FROM catalog_sku s CROSS JOIN (SELECT id FROM inventory_warehouse LIMIT 1) w
            WHERE s.id % 5 = 0
            """
        )
        cursor.execute("ANALYZE")
    return {"receipts": Receipt.objects.count()}


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
    from saas.core.clock import tenant_today
    from saas.core.tenancy import tenant_context
    from saas.reports.selectors.home import home_collections, home_low_stock, home_receivables_due, home_sales
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    signup = tenant_signup(
        company_name="首页测试商贸",
        slug="bench",
        owner_name="老板",
        email="boss@bench.cn",
        password="Spring-Tea-2026!",
    )
    rows = []
    with tenant_context(signup.tenant):
        sales_reports.FIRST_DAY = tenant_today() - timedelta(days=sales_reports.DAYS - 1)
        started = time.perf_counter()
        counts = sales_reports.fill(args.orders, signup.owner)
        counts |= extra_fill(signup.owner)
        fill_seconds = time.perf_counter() - started
        people = {"owner": "boss@bench.cn", "rep": "rep0@bench.cn"}

        selectors: dict[str, Callable[[Any], Any]] = {
            "home_sales": lambda a: home_sales(actor=a),
            "home_collections": lambda a: home_collections(actor=a),
            "home_receivables_due": lambda a: home_receivables_due(actor=a),
            "home_low_stock": lambda a: home_low_stock(),
        }
        for label, call in selectors.items():
            for who, email in people.items():

                def run(call: Callable[[Any], Any] = call, email: str = email) -> tuple[float, int]:
                    actor = User.objects.get(email=email)
                    with CaptureQueriesContext(connection) as queries:
                        begun = time.perf_counter()
                        call(actor)
                        elapsed = (time.perf_counter() - begun) * 1000
                    return elapsed, len(queries)

                run()
                rows.append((label, "selector", who, [run() for _ in range(args.samples)]))

        for who, email in people.items():
            client = Client(HTTP_HOST="bench.localhost")
            client.force_login(User.objects.get(email=email), backend="saas.accounts.backends.EmailBackend")
            variables = {"money": True, "stock": who == "owner", "manage": who == "owner"}
            for label, query, needs in (
                ("baseline: todos", BASELINE, {}),
                ("home (all it shows)", HOME, variables),
            ):

                def request(
                    query: str = query, needs: dict = needs, client: Client = client
                ) -> tuple[float, int]:
                    with CaptureQueriesContext(connection) as queries:
                        begun = time.perf_counter()
                        response = client.post(
                            "/graphql/", {"query": query, "variables": needs}, content_type="application/json"
                        )
                        elapsed = (time.perf_counter() - begun) * 1000
                    body = response.json()
                    assert response.status_code == 200 and "errors" not in body, body
                    return elapsed, len(queries)

                request()
                rows.append((label, "graphql", who, [request() for _ in range(args.samples)]))

    print()
    print(
        f"Home figures, PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} cores, {args.samples} "
        f"samples; data: {counts['orders']:,} orders, {counts['lines']:,} lines, {counts['receipts']:,} "
        f"receipts, {counts['customers']:,} customers, 10 reps over the last two years (filled in "
        f"{fill_seconds:.0f} s)"
    )
    print(f"{'what':<24} {'path':<9} {'actor':<6} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4} {'×base':>6}")
    baseline: dict[str, float] = {}
    for label, path, who, samples in rows:
        times = [s[0] for s in samples]
        median = statistics.median(times)
        if label.startswith("baseline"):
            baseline[who] = median
        ratio = f"{median / baseline[who]:.1f}" if path == "graphql" and who in baseline else ""
        print(
            f"{label:<24} {path:<9} {who:<6} {median:>8.1f} {percentile(times, 95):>8.1f} "
            f"{statistics.median(s[1] for s in samples):>4.0f} {ratio:>6}"
        )
    connection.close()


if __name__ == "__main__":
    main()
