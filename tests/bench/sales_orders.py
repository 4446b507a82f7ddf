"""Sales orders per second, and the order list at 100,000 orders: prints a table.

    make bench-sales     or    .venv/bin/python tests/bench/sales_orders.py [--orders 200] [--list-orders 100000]
                                   [--writes-only] [--print-sql] [--database sparrow_bench_sales]

Runs against its own database `sparrow_bench_sales` on the server DATABASE_URL names (or the
embedded one), dropped and recreated first. One workspace is signed up with 200 SKUs in stock
(plenty, so every approval reserves in full), a customer and ten reps.

Writes (timed per order): an order of 5 lines is created, submitted and approved with stock
reservation —
- through the services: order_create, order_submit, order_approve (3 transactions), and
  order_place (create, submit and approve in one);
- through GraphQL over HTTP: the same three mutations as three POST /graphql/ requests, and
  `salesOrderPlace` as one, through Django's test client in-process (middleware, session, tenant
  routing, strawberry included);
- as raw SQL: the same rows (order, 5 lines, 5 reservation movements, 5 level updates, status
  events) in one transaction with none of the checks: the floor the others are measured against
  (`vs raw`: orders/s as a share of raw SQL's, measured in the same run);
- then `salesOrderPlace` over HTTP and raw SQL taking turns order by order, so that both meet the
  same load on a shared machine (rows run one after the other, minutes apart, do not).
`--writes-only` stops after the writes (no list), `--print-sql` prints one order's statements per
path.

Reads: the list is then bulk-loaded by SQL to 100,000 orders of 5 lines (untimed, then vacuumed) and
`salesOrders(limit: 100)` with lines, customer, rep and SKUs is timed over HTTP for a manager
(all orders), a manager filtering one queue, and a rep (who sees a tenth): through the test client
in-process, then through real daphne workers over HTTP (tests/bench/sales_list_http.py: garbage
collection tuned or not, one worker or two, the worker's memory).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile, signed_in_session  # noqa: E402
from sales_list_http import list_over_daphne  # noqa: E402

BENCH_DB = "sparrow_bench_sales"
N_SKUS = 200
LINES = 5

PLACE = """mutation($input: SalesOrderPlaceInput!) {
  salesOrderPlace(input: $input) { salesOrder { id status } errors { code } } }"""
CREATE = """mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id status } errors { code } } }"""
SUBMIT = "mutation($id: ID!) { salesOrderSubmit(id: $id) { salesOrder { status } errors { code } } }"
APPROVE = "mutation($id: ID!) { salesOrderApprove(id: $id) { salesOrder { status } errors { code } } }"
LIST = """query($filter: SalesOrderFilter) { salesOrders(filter: $filter, limit: 100) { totalCount items {
  id number status orderDate totalAmount customer { name } rep { fullName } warehouse { code }
  lines { quantity unitName unitPrice amount reservedQuantity sku { code name specLabel } } } } }"""

# One order as raw SQL, the same rows the services write, with no checks.
RAW_ORDER = """
INSERT INTO sales_salesorder (number, customer_id, rep_id, status, warehouse_id, currency, order_date,
    delivery_method, contact_name, contact_phone, ship_receiver, ship_phone, ship_province, ship_city,
    ship_district, ship_detail, remarks, goods_amount, discount_amount, total_amount, tax_amount,
    expense_amount, received_amount, returned_amount, invoiced_amount, credit_hold, revision,
    cancel_reason, created_by_id, created_at, submitted_at, approved_at)
VALUES (%s, %s, %s, 'pending_shipment', %s, 'CNY', current_date, 'express', '', '', '', '', '', '', '',
        '', '', 295, 0, 295, 33.94, 0, 0, 0, 0, false, 0, '', %s, now(), now(), now())
RETURNING id
"""
RAW_LINE = """
INSERT INTO sales_salesorderline (order_id, line_no, sku_id, warehouse_id, unit_name, unit_factor, quantity,
    base_quantity, unit_price, discount_rate, tax_rate, amount, discount_amount, tax_amount,
    reserved_quantity, shipped_quantity, returned_quantity, cost_amount, returned_cost_amount, remark)
VALUES (%s, %s, %s, %s, '件', 1, 1, 1, 59, 0, 13, 59, 0, 6.79, 1, 0, 0, 0, 0, '')
"""
RAW_MOVE = """
INSERT INTO inventory_stockmovement (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta,
    in_transit_delta, unit_cost, value, on_hand_after, avg_cost_after, source_type, source_id, source_ref,
    reason, actor_id, actor_kind, actor_label, created_at)
VALUES (%s, %s, 'reserve', 0, 1, 0, 10, 0, 0, 10, 'sales_order', %s, %s, '', %s, 'user', '老板', now())
"""
RAW_LEVEL = "UPDATE inventory_stocklevel SET reserved = reserved + 1 WHERE sku_id = %s AND warehouse_id = %s"
RAW_EVENT = """
INSERT INTO core_documentevent (doc_type, doc_id, from_status, to_status, actor_id, actor_kind, actor_label,
    note, created_at)
VALUES ('sales_order', %s, %s, %s, %s, 'user', '老板', '', now())
"""

BULK_ORDERS = """
INSERT INTO sales_salesorder (number, customer_id, rep_id, status, warehouse_id, currency, order_date,
    delivery_method, contact_name, contact_phone, ship_receiver, ship_phone, ship_province, ship_city,
    ship_district, ship_detail, remarks, goods_amount, discount_amount, total_amount, tax_amount,
    expense_amount, received_amount, returned_amount, invoiced_amount, credit_hold, revision,
    cancel_reason, created_by_id, created_at)
SELECT 'SO-L-' || lpad(g::text, 7, '0'), (%(customers)s::bigint[])[1 + g %% %(n_customers)s],
       (%(reps)s::bigint[])[1 + g %% %(n_customers)s],
       (ARRAY['completed', 'completed', 'completed', 'pending_signback', 'partly_shipped',
              'pending_shipment', 'pending_purchase', 'pending_review', 'draft', 'cancelled'])[1 + g %% 10],
       %(warehouse)s, 'CNY', current_date - (g %% 730), 'express', '张三', '13800000000', '张三',
       '13800000000', '浙江省', '杭州市', '西湖区', '文三路 100 号', '', 295, 0, 295, 33.94, 0, 0, 0, 0,
       false, 0, '', %(creator)s, now() - make_interval(mins => g)
FROM generate_series(1, %(orders)s) g
"""
BULK_LINES = """
INSERT INTO sales_salesorderline (order_id, line_no, sku_id, warehouse_id, unit_name, unit_factor, quantity,
    base_quantity, unit_price, discount_rate, tax_rate, amount, discount_amount, tax_amount,
    reserved_quantity, shipped_quantity, returned_quantity, cost_amount, returned_cost_amount, remark)
SELECT o.id, n, (%(skus)s::bigint[])[1 + (o.id * 7 + n) %% %(n_skus)s], o.warehouse_id, '件', 1, 1, 1, 59, 0,
       13, 59, 0, 6.79, 0, 0, 0, 0, 0, ''
FROM sales_salesorder o CROSS JOIN generate_series(1, 5) n
WHERE o.number LIKE 'SO-L-%%'
"""


def timed_orders(label: str, workers: int, total: int, one: Callable[[int], Any], rows: list) -> None:
    """Run one(i) for `total` orders over `workers` threads; record rate, p50, p95, SQL/order."""
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    per_worker = total // workers
    timings: list[list[float]] = [[] for _ in range(workers)]
    statements = [0]

    def worker(n: int) -> None:
        from saas.core.tenancy import tenant_context

        with tenant_context(TENANT[0]):
            for i in range(per_worker):
                index = n * per_worker + i
                started = time.perf_counter()
                if index == 0:
                    with CaptureQueriesContext(connection) as queries:
                        one(index)
                    statements[0] = len(queries)
                    if PRINT_SQL:
                        print(f"-- {label}: {len(queries)} statements")
                        for query in queries:
                            print("  ", query["sql"][:160])
                else:
                    one(index)
                timings[n].append((time.perf_counter() - started) * 1000)
        connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    flat = [t for per in timings for t in per]
    rows.append(
        (
            label,
            workers,
            len(flat),
            len(flat) / elapsed,
            statistics.median(flat),
            percentile(flat, 95),
            statements[0],
        )
    )


def print_writes(writes: list[tuple], mismatches: int, levels: int) -> None:
    """The write table; `vs raw` is each path's rate over raw SQL's (the last row), same run."""
    from django.db import connection

    raw_rate = writes[-1][3]
    print()
    print(
        f"Sales orders, {os.cpu_count()} cores, PostgreSQL {connection.pg_version // 10000}; {LINES} lines per order"
    )
    print("Write: create + submit + approve (reserving 5 lines) per order")
    print(
        f"{'path':<22} {'workers':>7} {'orders':>6} {'orders/s':>9} {'vs raw':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'SQL/order':>9}"
    )
    for label, workers, n, rate, p50, p95_ms, statements in writes:
        print(
            f"{label:<22} {workers:>7} {n:>6} {rate:>9.1f} {rate / raw_rate:>7.0%} {p50:>8.1f} {p95_ms:>8.1f} "
            f"{statements:>9}"
        )
    print(f"(ledger check after the writes: {mismatches} mismatches over {levels} stock levels)")


def interleaved(
    total: int, place: Callable[[int], Any], raw: Callable[[int], Any], offset: int
) -> tuple[list[float], list[float]]:
    """salesOrderPlace over HTTP and raw SQL taking turns, order by order: both meet the same load
    (the machine is shared; rows run minutes apart do not)."""
    from django.db import connections

    from saas.core.tenancy import tenant_context

    times: tuple[list[float], list[float]] = ([], [])
    with tenant_context(TENANT[0]):
        for i in range(total):
            for timings, one in zip(times, (place, raw), strict=True):
                started = time.perf_counter()
                one(offset + i)
                timings.append((time.perf_counter() - started) * 1000)
    connections.close_all()
    return times


def print_paired(paired: tuple[list[float], list[float]]) -> None:
    place, raw = (statistics.median(times) for times in paired)
    print(
        f"Taking turns ({len(paired[0])} orders each): salesOrderPlace over HTTP p50 {place:.1f} ms, "
        f"raw SQL p50 {raw:.1f} ms: {raw / place:.0%} of raw SQL's rate"
    )


TENANT: list[Any] = []
PRINT_SQL: list[bool] = []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=200, help="orders per write scenario")
    parser.add_argument("--list-orders", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--writes-only", action="store_true", help="time the writes, skip the list")
    parser.add_argument("--print-sql", action="store_true", help="print each path's statements for one order")
    parser.add_argument("--database", default=BENCH_DB, help="the benchmark's own database (dropped first)")
    args = parser.parse_args()
    if args.print_sql:
        PRINT_SQL.append(True)
    # The list is timed, not the caller's cost bucket (a page of 100 with lines costs 1,001).
    os.environ.setdefault("SPARROW_API_COST_LIMITS", "off")
    django_on_fresh_database(args.database)
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saas.accounts.models import Role, User
    from saas.catalog.models import SKU, Product
    from saas.cli import migrate_everything
    from saas.core.tenancy import tenant_context
    from saas.customers.models import Customer
    from saas.inventory.models import StockLevel, Warehouse
    from saas.inventory.services.checks import ledger_mismatches
    from saas.inventory.services.entries import EntryLine, stock_entry_create
    from saas.sales import services
    from saas.sales.models import SalesOrder, SalesOrderLine
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    signup = tenant_signup(
        company_name="订单压测商贸",
        slug="bench",
        owner_name="老板",
        email="boss@bench.cn",
        password="Spring-Tea-2026!",
    )
    tenant, owner = signup.tenant, signup.owner
    TENANT.append(tenant)
    with tenant_context(tenant):
        warehouse = Warehouse.objects.create(code="MAIN", name="总仓")
        products = Product.objects.bulk_create(
            Product(code=f"P{i:04d}", name=f"商品{i}") for i in range(N_SKUS)
        )
        skus = [
            s.pk
            for s in SKU.objects.bulk_create(
                SKU(product=p, code=f"S{p.code}", list_price=59, spec_values={"规格": "标准"})
                for p in products
            )
        ]
        for start in range(0, N_SKUS, 100):
            stock_entry_create(
                actor=owner,
                warehouse_id=warehouse.pk,
                direction="in",
                reason="opening",
                lines=[
                    EntryLine(sku_id=s, quantity="1000000", unit_cost="10") for s in skus[start : start + 100]
                ],
            )
        sales_role = Role.objects.get(code="sales")
        reps = []
        for i in range(10):
            rep = User.objects.create_user(email=f"rep{i}@bench.cn", password=None, full_name=f"业务员{i}")
            rep.roles.add(sales_role)
            reps.append(rep)
        customer = Customer.objects.create(code="CU-0001", name="压测客户", owner=owner, created_by=owner)

    def picks(index: int) -> list[int]:
        return random.Random(index).sample(skus, LINES)

    def by_service(index: int) -> None:
        order = services.order_create(
            actor=owner,
            customer_id=customer.pk,
            warehouse_id=warehouse.pk,
            lines=[services.LineInput(sku_id=s, quantity="1") for s in picks(index)],
        )
        services.order_submit(actor=owner, order=order)
        approved = services.order_approve(actor=owner, order=order)
        assert approved.status == "pending_shipment", approved.status

    client = Client(HTTP_HOST="bench.localhost")
    with tenant_context(tenant):
        client.force_login(User.objects.get(pk=owner.pk), backend="saas.accounts.backends.EmailBackend")

    def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = client.post(
            "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
        )
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        payload = next(iter(body["data"].values()))
        assert payload["errors"] == [], payload
        return payload

    def by_place_service(index: int) -> None:
        placed = services.order_place(
            actor=owner,
            customer_id=customer.pk,
            warehouse_id=warehouse.pk,
            lines=[services.LineInput(sku_id=s, quantity="1") for s in picks(index)],
            idempotency_key=f"bench-place-service-{index}",
        )
        assert placed.status == "pending_shipment", placed.status

    def by_place_graphql(index: int) -> None:
        placed = post(
            PLACE,
            {
                "input": {
                    "customerId": str(customer.pk),
                    "warehouseId": str(warehouse.pk),
                    "lines": [{"skuId": str(s), "quantity": "1"} for s in picks(index)],
                    "idempotencyKey": f"bench-place-http-{index}",
                }
            },
        )
        assert placed["salesOrder"]["status"] == "PENDING_SHIPMENT", placed

    def by_graphql(index: int) -> None:
        created = post(
            CREATE,
            {
                "input": {
                    "customerId": str(customer.pk),
                    "warehouseId": str(warehouse.pk),
                    "lines": [{"skuId": str(s), "quantity": "1"} for s in picks(index)],
                }
            },
        )
        order_id = created["salesOrder"]["id"]
        post(SUBMIT, {"id": order_id})
        assert post(APPROVE, {"id": order_id})["salesOrder"]["status"] == "PENDING_SHIPMENT"

    def by_raw_sql(index: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            number = f"SO-RAW-{index:07d}"
            cursor.execute(RAW_ORDER, [number, customer.pk, owner.pk, warehouse.pk, owner.pk])
            order_id = cursor.fetchone()[0]
            chosen = sorted(picks(index))
            for n, sku in enumerate(chosen, start=1):
                cursor.execute(RAW_LINE, [order_id, n, sku, warehouse.pk])
            for sku in chosen:
                cursor.execute(RAW_MOVE, [sku, warehouse.pk, order_id, number, owner.pk])
                cursor.execute(RAW_LEVEL, [sku, warehouse.pk])
            for before, after in (
                ("", "draft"),
                ("draft", "pending_review"),
                ("pending_review", "approved"),
                ("approved", "pending_shipment"),
            ):
                cursor.execute(RAW_EVENT, [order_id, before, after, owner.pk])

    writes: list[tuple] = []
    timed_orders("services", 1, args.orders, by_service, writes)
    timed_orders("services", 2, args.orders, by_service, writes)
    timed_orders("services, order_place", 1, args.orders, by_place_service, writes)
    timed_orders("GraphQL over HTTP", 1, args.orders, by_graphql, writes)
    timed_orders("salesOrderPlace, HTTP", 1, args.orders, by_place_graphql, writes)
    timed_orders("raw SQL (no checks)", 1, args.orders, by_raw_sql, writes)
    paired = interleaved(args.orders, by_place_graphql, by_raw_sql, offset=args.orders)

    with tenant_context(tenant):
        mismatches = len(ledger_mismatches())
        levels = StockLevel.objects.count()
    if args.writes_only:
        print_writes(writes, mismatches, levels)
        print_paired(paired)
        return
    with tenant_context(tenant):
        written = SalesOrder.objects.count()
        params = {
            "customers": [],
            "reps": [],
            "n_customers": 2000,
            "skus": skus,
            "n_skus": len(skus),
            "warehouse": warehouse.pk,
            "creator": owner.pk,
            "orders": max(0, args.list_orders - written),
        }
        listed = Customer.objects.bulk_create(
            Customer(code=f"CU-L-{i:05d}", name=f"列表客户{i}", owner=reps[i % 10], created_by=owner)
            for i in range(2000)
        )
        params["customers"] = [c.pk for c in listed]
        params["reps"] = [c.owner_id for c in listed]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(BULK_ORDERS, params)
            cursor.execute(BULK_LINES, params)
            # Vacuumed as autovacuum leaves a table some time after a bulk insert: the visibility
            # map set, so the count of a page's totalCount can read the index alone.
            cursor.execute("VACUUM ANALYZE sales_salesorder, sales_salesorderline")
            # The load's 190 MB are written out now, not by the checkpointer while the list is timed.
            cursor.execute("CHECKPOINT")
            cursor.execute(
                "SELECT pg_total_relation_size('sales_salesorder') + pg_total_relation_size('sales_salesorderline')"
            )
            size_mb = cursor.fetchone()[0] / 1024 / 1024
        fill_seconds = time.perf_counter() - started
        total_orders, total_lines = SalesOrder.objects.count(), SalesOrderLine.objects.count()

    reads: list[tuple] = []
    rep_client = Client(HTTP_HOST="bench.localhost")
    with tenant_context(tenant):
        rep_client.force_login(User.objects.get(pk=reps[3].pk), backend="saas.accounts.backends.EmailBackend")
    for label, who, filter_ in (
        ("manager, all orders", client, None),
        ("manager, pending_shipment", client, {"statuses": ["PENDING_SHIPMENT"]}),
        ("manager, search customer", client, {"search": "列表客户123"}),
        ("rep, own orders", rep_client, None),
    ):

        def request(who: Client = who, filter_: Any = filter_) -> tuple[float, int, int, int]:
            with tenant_context(tenant), CaptureQueriesContext(connection) as queries:
                begun = time.perf_counter()
                response = who.post(
                    "/graphql/",
                    {"query": LIST, "variables": {"filter": filter_}},
                    content_type="application/json",
                )
                elapsed = (time.perf_counter() - begun) * 1000
            body = response.json()
            assert response.status_code == 200 and "errors" not in body, body
            page = body["data"]["salesOrders"]
            return elapsed, len(queries), len(page["items"]), page["totalCount"]

        request()
        samples = [request() for _ in range(args.samples)]
        times = [s[0] for s in samples]
        reads.append(
            (
                label,
                samples[0][2],
                samples[0][3],
                statistics.median(times),
                percentile(times, 95),
                samples[0][1],
            )
        )

    print_writes(writes, mismatches, levels)
    print_paired(paired)
    print()
    print(
        f"Read: salesOrders(limit: 100) with lines, customer, rep, SKUs over HTTP; {args.samples} samples; "
        f"{total_orders:,} orders, {total_lines:,} lines, {size_mb:.0f} MB (loaded in {fill_seconds:.0f} s)"
    )
    print(f"{'query':<28} {'items':>5} {'total':>7} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}")
    for label, items, total, p50, p95_ms, statements in reads:
        print(f"{label:<28} {items:>5} {total:>7} {p50:>8.1f} {p95_ms:>8.1f} {statements:>4}")
    with tenant_context(tenant):
        manager_session = signed_in_session(User.objects.get(pk=owner.pk))
        rep_session = signed_in_session(User.objects.get(pk=reps[3].pk))
    connection.close()
    list_over_daphne(
        host="bench.localhost",
        queries=[
            (label, rep_session if label.startswith("rep") else manager_session, body)
            for label, body in (
                ("manager, all orders", json.dumps({"query": LIST, "variables": {"filter": None}}).encode()),
                (
                    "manager, pending_shipment",
                    json.dumps(
                        {"query": LIST, "variables": {"filter": {"statuses": ["PENDING_SHIPMENT"]}}}
                    ).encode(),
                ),
                ("rep, own orders", json.dumps({"query": LIST, "variables": {"filter": None}}).encode()),
            )
        ],
        samples=args.samples,
        env=dict(os.environ),
    )


if __name__ == "__main__":
    main()
