"""Distribution at scale: a month's commission settlement for 5,000 distributors and 200,000 orders,
the what-if replay of changed rules on it, and the effective price of a 1,000-line cart.

    make bench-distribution    or    .venv/bin/python tests/bench/distribution_settlement.py
                                      [--distributors 5000] [--orders 200000] [--samples 30]

Runs against its own database `sparrow_bench_settlement` (dropped and recreated first). One
workspace, filled by bulk SQL (untimed): a network of 5,000 distributors (2 % 省代, 18 % 市代, the
rest 零售商, each a customer with a wallet), 1,000 SKUs in 20 categories, 200,000 completed
orders of 2 lines each spread over last month (workspace time), 1,000 of them with a shirt
returned. The month's commissions are then accrued through the real service
(`commission_accrue_orders`, batches of 5,000 orders, as the consumer does one order at a time),
which records every sale and its accruals and clawbacks. Timed:

- the settlement of that month (`commission_settlement_create`: lock, a statement per earner,
  every entry on its statement) and its posting (`commission_settlement_post`: one wallet credit
  per statement); each sampled in a transaction rolled back, then done for real; the baseline is
  the bare GROUP BY of the month's entries per earner, the least a settlement can read;
- `commission_what_if` (changed rules replayed over every sale and return of the month);
- `pricing.price_lines` for one retailer's cart of 1,000 lines (its own list and its level's,
  SKU and category rules with quantity breaks), against the baseline of reading what pricing
  needs of the 1,000 SKUs in one query (the least any pricing must read). The fuller cart
  benchmark (GraphQL, ordering) is tests/bench/distribution_cart.py.

Peak memory: Python's own allocations during each operation (tracemalloc, a separate rolled-back
run) and the whole process's maximum resident size (getrusage) at the end.
Targets from the issue: settlement < 60 s and < 1 GB; cart p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench_settlement"
SKUS = 1000
CATEGORIES = 20
RETURNS = 1000
BASELINE_LABEL = "baseline: the 1,000 SKUs' facts"


class Rollback(Exception):
    """Raised to undo a sampled run."""


@dataclass
class Row:
    what: str
    n: int
    median_s: float
    p95_s: float
    sql: int
    peak_mb: float | None
    target: str = ""


def counting(call: Callable[[], Any]) -> tuple[Any, int]:
    from django.db import connection

    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = call()
    return result, len(executed)


def rolled_back(call: Callable[[], Any]) -> float:
    """Seconds `call` took inside a transaction that is then rolled back."""
    from django.db import transaction

    started = time.perf_counter()
    try:
        with transaction.atomic():
            call()
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed


def peak_mb(call: Callable[[], Any]) -> float:
    """Python's peak allocations (MB) while `call` runs, rolled back."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        rolled_back(call)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def fill(distributors: int, orders: int) -> dict[str, Any]:
    from django.db import connection
    from django_tenants.utils import tenant_context

    from saas.catalog.models import SKU, Category, Product
    from saas.cli import migrate_everything
    from saas.core.clock import tenant_today
    from saas.customers.models import Customer
    from saas.distribution.models import Distributor, DistributorLevel, Wallet
    from saas.distribution.periods import add_months, month_of, period_bounds
    from saas.inventory.models import Warehouse
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    result = tenant_signup(
        company_name="分销压测",
        slug="distbench",
        owner_name="压测",
        email="owner@dist.test",
        password="Bench-Pass-77",
    )
    tenant, owner = result.tenant, result.owner
    with tenant_context(tenant):
        month = add_months(month_of(tenant_today()), -1)
        since, until = period_bounds("month", month)
        warehouse = Warehouse.objects.first() or Warehouse.objects.create(code="WH", name="主仓")
        parents = [Category.objects.create(name=f"大类{n}") for n in range(4)]
        categories = [
            Category.objects.create(name=f"类目{n}", parent=parents[n % 4]) for n in range(CATEGORIES - 4)
        ]
        every = parents + categories
        products = Product.objects.bulk_create(
            Product(code=f"P-B-{n:05d}", name=f"商品{n}", category=every[n % CATEGORIES]) for n in range(SKUS)
        )
        skus = SKU.objects.bulk_create(
            SKU(
                product=product,
                code=f"S-B-{n:05d}",
                list_price=Decimal(20 + n % 180),
                cost_price=Decimal(10 + n % 90),
            )
            for n, product in enumerate(products)
        )
        levels = [
            DistributorLevel.objects.create(code=code, name=name, rank=rank)
            for code, name, rank in (("P", "省代", 1), ("C", "市代", 2), ("R", "零售商", 3))
        ]
        customers = Customer.objects.bulk_create(
            Customer(
                code=f"CU-D-{n:06d}", name=f"经销商{n}", name_key=f"jxs{n}", owner=owner, created_by=owner
            )
            for n in range(distributors)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('distribution_distributor', 'id')) "
                "FROM generate_series(1, %s)",
                [distributors],
            )
            ids = [row[0] for row in cursor.fetchall()]
        roots, cities = max(1, distributors // 50), max(1, distributors * 9 // 50)
        rows = []
        paths: dict[int, str] = {}
        for n, (pk, customer) in enumerate(zip(ids, customers, strict=True)):
            if n < roots:
                parent, level = None, levels[0]
            elif n < roots + cities:
                parent, level = ids[n % roots], levels[1]
            else:
                parent, level = ids[roots + n % cities], levels[2]
            paths[pk] = (paths[parent] if parent else "/") + f"{pk}/"
            rows.append(
                Distributor(
                    pk=pk,
                    customer=customer,
                    level=level,
                    parent_id=parent,
                    path=paths[pk],
                    depth=paths[pk].count("/") - 2,
                    created_by=owner,
                )
            )
        Distributor.objects.bulk_create(rows, batch_size=2000)
        Wallet.objects.bulk_create((Wallet(distributor_id=pk) for pk in ids), batch_size=2000)
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO sales_salesorder (number, customer_id, rep_id, status, warehouse_id, currency, "
                "order_date, delivery_method, contact_name, contact_phone, ship_receiver, ship_phone, "
                "ship_province, ship_city, ship_district, ship_detail, remarks, goods_amount, discount_amount, "
                "total_amount, tax_amount, expense_amount, received_amount, returned_amount, invoiced_amount, "
                "credit_hold, revision, cancel_reason, created_by_id, created_at, submitted_at, approved_at, "
                "shipped_at, completed_at, updated_at) "
                "SELECT 'SO-D-' || lpad(g::text, 7, '0'), c.customer_id, %s, 'completed', %s, 'CNY', "
                "(t AT TIME ZONE 'Asia/Shanghai')::date, 'express', '', '', '', '', '', '', '', '', '', "
                "0, 0, 0, 0, 0, 0, 0, 0, false, 0, '', %s, t, t, t, t, t, now() "
                "FROM (SELECT g, 1 + floor(random() * %s)::int AS di, "
                "%s::timestamptz + random() * (%s::timestamptz - %s::timestamptz - interval '1 hour') AS t "
                "FROM generate_series(1, %s) g) x "
                "JOIN (SELECT customer_id, row_number() OVER (ORDER BY id) AS rn FROM distribution_distributor) c "
                "ON c.rn = x.di",
                [owner.pk, warehouse.pk, owner.pk, distributors, since, until, since, orders],
            )
            cursor.execute(
                "INSERT INTO sales_salesorderline (order_id, line_no, sku_id, warehouse_id, unit_name, "
                "unit_factor, quantity, base_quantity, unit_price, discount_rate, tax_rate, amount, "
                "discount_amount, tax_amount, reserved_quantity, shipped_quantity, returned_quantity, "
                "cost_amount, returned_cost_amount, remark) "
                "SELECT x.order_id, x.n, s.id, %s, '件', 1, x.q, x.q, s.list_price, 0, 13, x.q * s.list_price, "
                "0, round(x.q * s.list_price * 13 / 113, 2), 0, x.q, 0, x.q * s.cost_price, 0, '' "
                "FROM (SELECT o.id AS order_id, n, 1 + floor(random() * 20)::int AS q, "
                "1 + floor(random() * %s)::int AS si FROM sales_salesorder o CROSS JOIN generate_series(1, 2) n) x "
                "JOIN (SELECT id, list_price, cost_price, row_number() OVER (ORDER BY id) AS rn FROM catalog_sku) s "
                "ON s.rn = x.si",
                [warehouse.pk, SKUS],
            )
            cursor.execute(
                "UPDATE sales_salesorder o SET goods_amount = t.amount, total_amount = t.amount, "
                "tax_amount = t.tax FROM (SELECT order_id, sum(amount) AS amount, sum(tax_amount) AS tax "
                "FROM sales_salesorderline GROUP BY order_id) t WHERE o.id = t.order_id"
            )
            # One shirt back on RETURNS orders, received an hour after the order completed.
            cursor.execute(
                "INSERT INTO sales_salesreturn (number, order_id, status, reason, reason_note, warehouse_id, "
                "settlement, amount, cost_amount, return_date, created_by_id, created_at, received_at) "
                "SELECT 'RS-D-' || lpad(o.id::text, 7, '0'), o.id, 'received', 'quality', '', %s, 'credit', "
                "l.unit_price, l.cost_amount / l.base_quantity, (o.completed_at + interval '1 hour')::date, %s, "
                "o.completed_at, o.completed_at + interval '1 hour' "
                "FROM sales_salesorder o JOIN sales_salesorderline l ON l.order_id = o.id AND l.line_no = 1 "
                "ORDER BY o.id LIMIT %s",
                [warehouse.pk, owner.pk, RETURNS],
            )
            cursor.execute(
                "INSERT INTO sales_salesreturnline (sales_return_id, order_line_id, quantity, amount, unit_cost) "
                "SELECT r.id, l.id, 1, l.unit_price, l.cost_amount / l.base_quantity FROM sales_salesreturn r "
                "JOIN sales_salesorderline l ON l.order_id = r.order_id AND l.line_no = 1"
            )
            cursor.execute(
                "UPDATE sales_salesorderline l SET returned_quantity = 1 FROM sales_salesreturnline rl "
                "WHERE rl.order_line_id = l.id"
            )
    return {
        "tenant": tenant,
        "owner": owner,
        "month": month,
        "levels": levels,
        "categories": every,
        "skus": skus,
        "retailer": ids[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--distributors", type=int, default=5000)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3, help="rolled-back samples of each settlement step")
    args = parser.parse_args()
    django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django_tenants.utils import tenant_context

    from saas.catalog.models import SKU
    from saas.core.clock import tenant_today
    from saas.distribution.commission_rules import CommissionRuleInput
    from saas.distribution.models import CommissionEntry, CommissionSale, Distributor
    from saas.distribution.pricing import price_lines
    from saas.distribution.selectors.commission_whatif import commission_what_if
    from saas.distribution.services.commission_accrual import commission_accrue_orders
    from saas.distribution.services.commissions import (
        commission_rules_save,
        commission_settlement_create,
        commission_settlement_post,
    )
    from saas.distribution.services.prices import PriceBreakInput, PriceItemInput, price_list_save

    filled_at = time.perf_counter()
    state = fill(args.distributors, args.orders)
    fill_s = time.perf_counter() - filled_at
    tenant, owner, month = state["tenant"], state["owner"], state["month"]
    province, _city, retail = state["levels"]
    categories = state["categories"]
    rows: list[Row] = []
    with tenant_context(tenant):
        rules = [
            CommissionRuleInput(depth=1, basis="revenue", rate_percent="8"),
            CommissionRuleInput(depth=1, basis="revenue", rate_percent="10", category_id=categories[0].pk),
            CommissionRuleInput(depth=2, basis="margin", rate_percent="3"),
            CommissionRuleInput(depth=2, basis="margin", rate_percent="4", level_id=province.pk),
        ]
        commission_rules_save(actor=owner, rules=rules)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM sales_salesorder ORDER BY id")
            order_ids = [row[0] for row in cursor.fetchall()]
        batch = 5000
        started = time.perf_counter()
        accrued = 0
        per_batch: list[float] = []
        accrual_sql = 0
        for at in range(0, len(order_ids), batch):
            one = time.perf_counter()
            written, sql = counting(
                lambda at=at: commission_accrue_orders(order_ids=order_ids[at : at + batch])
            )
            per_batch.append(time.perf_counter() - one)
            accrued, accrual_sql = accrued + written, max(accrual_sql, sql)
        accrual_s = time.perf_counter() - started
        sales, entries = CommissionSale.objects.count(), CommissionEntry.objects.count()
        clawbacks = CommissionEntry.objects.filter(kind="clawback").count()
        rows.append(
            Row(
                f"accrual, batches of {batch:,} orders",
                len(per_batch),
                statistics.median(per_batch),
                percentile(per_batch, 95),
                accrual_sql,
                None,
                f"{accrual_s / len(order_ids) * 1000:.2f} ms/order",
            )
        )

        def settle() -> Any:
            return commission_settlement_create(actor=owner, month=month)

        create_runs = [rolled_back(settle) for _ in range(args.runs)]
        create_peak = peak_mb(settle)
        started = time.perf_counter()
        settlement, create_sql = counting(settle)
        create_runs.append(time.perf_counter() - started)
        rows.append(
            Row(
                "settlement create",
                len(create_runs),
                statistics.median(create_runs),
                percentile(create_runs, 95),
                create_sql,
                create_peak,
            )
        )

        def post() -> Any:
            return commission_settlement_post(actor=owner, settlement_id=settlement.pk)

        post_runs = [rolled_back(post) for _ in range(args.runs)]
        post_peak = peak_mb(post)
        started = time.perf_counter()
        _posted, post_sql = counting(post)
        post_runs.append(time.perf_counter() - started)
        rows.append(
            Row(
                "settlement post",
                len(post_runs),
                statistics.median(post_runs),
                percentile(post_runs, 95),
                post_sql,
                post_peak,
            )
        )
        both = [c + p for c, p in zip(create_runs, post_runs, strict=True)]
        rows.append(
            Row(
                "settlement create + post",
                len(both),
                statistics.median(both),
                percentile(both, 95),
                create_sql + post_sql,
                max(create_peak, post_peak),
                "< 60 s, < 1 GB",
            )
        )

        def group_by() -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT earner_id, sum(commission_fen), count(*) FROM distribution_commissionentry "
                    "WHERE period_id = %s GROUP BY earner_id",
                    [settlement.period_id],
                )
                cursor.fetchall()

        base_runs = []
        for _ in range(5):
            started = time.perf_counter()
            group_by()
            base_runs.append(time.perf_counter() - started)
        rows.append(
            Row(
                "baseline: GROUP BY of the entries",
                5,
                statistics.median(base_runs),
                percentile(base_runs, 95),
                1,
                None,
            )
        )

        changed = [
            CommissionRuleInput(depth=1, basis="revenue", rate_percent="9"),
            CommissionRuleInput(depth=2, basis="revenue", rate_percent="1"),
        ]

        def what_if() -> Any:
            return commission_what_if(actor=owner, rules=changed)

        what_runs = []
        for _ in range(args.runs):
            started = time.perf_counter()
            found, what_sql = counting(what_if)
            what_runs.append(time.perf_counter() - started)
        rows.append(
            Row(
                "what-if replay of the month",
                len(what_runs),
                statistics.median(what_runs),
                percentile(what_runs, 95),
                what_sql,
                peak_mb(what_if),
            )
        )

        # A retailer's cart of every SKU: its own list (500 SKUs with breaks) over its level's
        # (20 categories with breaks).
        retailer = Distributor.objects.select_related("level").get(pk=state["retailer"])
        skus = state["skus"]
        price_list_save(
            actor=owner,
            level_id=retail.pk,
            name="零售价目表",
            effective_from=tenant_today(),
            items=[
                PriceItemInput(
                    category_id=category.pk,
                    breaks=[
                        PriceBreakInput(min_quantity="1", discount_percent="5"),
                        PriceBreakInput(min_quantity="10", discount_percent="8"),
                    ],
                )
                for category in categories
            ],
        )
        price_list_save(
            actor=owner,
            distributor_id=retailer.pk,
            name="专属价",
            effective_from=tenant_today(),
            items=[
                PriceItemInput(
                    sku_id=sku.pk,
                    breaks=[
                        PriceBreakInput(min_quantity="1", fixed_price=str(sku.list_price - 1)),
                        PriceBreakInput(min_quantity="12", fixed_price=str(sku.list_price - 2)),
                    ],
                )
                for sku in skus[:500]
            ],
        )
        cart = [(sku.pk, Decimal(1 + n % 24)) for n, sku in enumerate(skus)]
        today = tenant_today()
        priced, cart_sql = counting(lambda: price_lines(retailer, cart, on=today))
        assert len(priced) == SKUS and all(line.problem is None for line in priced)
        cart_ms = []
        for _ in range(args.samples):
            started = time.perf_counter()
            price_lines(retailer, cart, on=today)
            cart_ms.append((time.perf_counter() - started) * 1000)
        ids = [sku.pk for sku in skus]
        columns = ("pk", "status", "list_price", "product_id", "product__status", "product__category_id")

        def read_skus() -> list[Any]:
            return list(SKU.objects.filter(pk__in=ids).values_list(*columns, "product__base_unit"))

        read_ms = []
        _read, read_sql = counting(read_skus)
        for _ in range(args.samples):
            started = time.perf_counter()
            read_skus()
            read_ms.append((time.perf_counter() - started) * 1000)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM sales_salesorderline")
            lines = cursor.fetchone()[0]

    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\n{args.distributors:,} distributors, {len(order_ids):,} completed orders last month ({month:%Y-%m}), "
        f"{lines:,} lines, {RETURNS:,} returns; {sales:,} sales, {entries:,} commission entries "
        f"({clawbacks:,} clawbacks), {settlement.statement_count:,} statements; database {size}; "
        f"filled in {fill_s:,.0f} s, accrued in {accrual_s:,.0f} s ({accrued:,} accruals)"
    )
    print(f"{'what':<36} {'n':>3} {'median s':>9} {'p95 s':>8} {'SQL':>6} {'peak MB':>8}  target")
    for row in rows:
        peak = f"{row.peak_mb:8.1f}" if row.peak_mb is not None else f"{'':>8}"
        print(
            f"{row.what:<36} {row.n:>3} {row.median_s:>9.3f} {row.p95_s:>8.3f} {row.sql:>6} {peak}  {row.target}"
        )
    base = statistics.median(base_runs)
    print(
        f"settlement create vs the bare GROUP BY: {statistics.median(create_runs[:-1] or create_runs) / base:.1f}x the median"
    )
    print(
        f"what-if: {found.old_total_fen / 100:,.2f} settled vs {found.new_total_fen / 100:,.2f} under the new rules, "
        f"{len(found.rows):,} distributors"
    )
    print(f"\n{'cart of 1,000 lines':<36} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5}  target")
    print(
        f"{'pricing.price_lines':<36} {statistics.median(cart_ms):>8.1f} {percentile(cart_ms, 95):>8.1f} {cart_sql:>5}  < 300 ms"
    )
    print(
        f"{BASELINE_LABEL:<36} {statistics.median(read_ms):>8.1f} {percentile(read_ms, 95):>8.1f} {read_sql:>5}"
    )
    print(
        f"price_lines vs reading the SKUs' facts: {statistics.median(cart_ms) / statistics.median(read_ms):.1f}x the p50"
    )
    print(f"process peak resident memory (getrusage): {max_rss_mb:,.0f} MB")


if __name__ == "__main__":
    main()
