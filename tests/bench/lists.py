"""The big lists as plain rows against the model path, in the same run: prints a table.

    make bench-lists     or    .venv/bin/python tests/bench/lists.py [--samples 30] [--scale 1]

Runs against its own database `sparrow_bench_lists` on the server DATABASE_URL names (or the
embedded one), dropped and recreated first. One workspace is signed up and filled (untimed, by
bulk inserts; stock levels are written directly, not through the ledger) with, at scale 1:
20,000 customers of ten reps (a level, two tags, a contact and an address each), 5,000 products
of 4 SKUs, a stock level per SKU in each of 2 warehouses (40,000), 2,000 orders of 5 lines,
20,000 receipts allocated to them and a shipment (SF, 5 lines) of each shipped order (800).

Each list is asked for a page of 100 with its nested fields over HTTP through Django's test
client in-process (middleware, session, tenant routing, strawberry included), the way the app
and partners ask for it: once served by plain rows (saas/api/projection.py), once through the
model path (the same request with the projection turned off: model instances, prefetches and
strawberry-django's optimizer). The two take turns request by request, so both meet the same
load; `ratio` is the plain rows' median time as a share of the model path's. A third request
in each round serves the plain rows with their fields resolved through strawberry-django and
graphql-core field by field, as before saas/api/projection_fields.py and
saas/api/projection_executor.py (a field without its direct path is not on the executor's lane
either; `fields` columns; `vs fields` is the share). The machine is
shared: `cpu` is this process's CPU time per request (median), steadier than wall time under load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402
from sales_orders import BULK_LINES, BULK_ORDERS  # noqa: E402

BENCH_DB = "sparrow_bench_lists"
LISTS = {
    "salesOrders": """salesOrders(limit: 100) { totalCount items { id number status orderDate totalAmount
        customer { name } rep { fullName } warehouse { code }
        lines { quantity unitName unitPrice amount reservedQuantity sku { code name specLabel } } } }""",
    "customers": """customers(limit: 100) { totalCount items { id code name kind phone isActive
        owner { id fullName } level { id name } tags { id name color } contacts { name phone isPrimary } } }""",
    "products": """products(limit: 100) { totalCount items { id code name brand baseUnit category { path }
        skus { id code barcode listPrice costPrice specLabel } } }""",
    "skus": """skus(limit: 100) { totalCount items { id code barcode listPrice specLabel name baseUnit
        product { id name } } }""",
    "stockLevels": """stockLevels(limit: 100) { totalCount items { id onHand available reserved inTransit
        reorderPoint minQty maxQty isLow sku { id code name specLabel } warehouse { id code name } } }""",
    "receipts": """receipts(limit: 100) { totalCount items { id number kind method amount unallocatedAmount
        receivedOn isVoid createdByName customer { id code name } allocations { amount order { id number } } } }""",
    "shipments": """shipments(limit: 100) { totalCount items { id number status shipDate shippedAt trackingNumber
        deliveryMethod totalQuantity shippedByName availableActions order { id number customerName repName receiver
        address } warehouse { code name } carrier { code name } } }""",
}


def fill(scale: float) -> dict[str, Any]:
    """The workspace and its rows; returns the owner and a rep."""
    from django.db import connection

    from saas.accounts.models import Role, User
    from saas.catalog.models import SKU, Category, Product
    from saas.cli import migrate_everything
    from saas.core.tenancy import tenant_context
    from saas.customers.models import Address, Contact, Customer, CustomerLevel, CustomerTag
    from saas.finance.models import Receipt, ReceiptAllocation
    from saas.inventory.models import StockLevel, Warehouse
    from saas.sales.models import SalesOrder, SalesOrderLine
    from saas.shipping.models import Carrier, Shipment, ShipmentLine
    from tenants.services import public_tenant_ensure, tenant_signup

    n_customers, n_products, n_receipts = int(20_000 * scale), int(5_000 * scale), int(20_000 * scale)
    migrate_everything()
    public_tenant_ensure()
    signup = tenant_signup(
        company_name="列表压测商贸",
        slug="bench",
        owner_name="老板",
        email="boss@bench.cn",
        password="Spring-Tea-2026!",
    )
    tenant, owner = signup.tenant, signup.owner
    started = time.perf_counter()
    with tenant_context(tenant):
        sales_role = Role.objects.get(code="sales")
        reps = []
        for i in range(10):
            rep = User.objects.create_user(email=f"rep{i}@bench.cn", password=None, full_name=f"业务员{i}")
            rep.roles.add(sales_role)
            reps.append(rep)
        levels = [CustomerLevel.objects.create(code=f"L{i}", name=f"等级{i}", sort_order=i) for i in range(3)]
        tags = [CustomerTag.objects.create(name=f"标签{i}", color="#e34d59") for i in range(8)]
        customers = Customer.objects.bulk_create(
            Customer(
                code=f"CU-{i:06d}",
                name=f"列表客户{i}",
                phone=f"1380000{i:04d}"[:11],
                owner=reps[i % 10],
                level=levels[i % 3],
                created_by=owner,
            )
            for i in range(n_customers)
        )
        Contact.objects.bulk_create(
            Contact(customer=c, name="王采购", phone="13800138000", is_primary=True) for c in customers
        )
        Address.objects.bulk_create(
            Address(
                customer=c,
                receiver="王采购",
                phone="13800138000",
                province="浙江省",
                city="杭州市",
                district="西湖区",
                detail="文三路 100 号",
                is_default=True,
            )
            for c in customers
        )
        through = Customer.tags.through
        through.objects.bulk_create(
            through(customer_id=c.pk, customertag_id=tags[(i + k) % 8].pk)
            for i, c in enumerate(customers)
            for k in (0, 3)
        )
        category = Category.objects.create(name="服装")
        products = Product.objects.bulk_create(
            Product(code=f"P{i:05d}", name=f"商品{i}", category=category, spec_names=["颜色", "尺码"])
            for i in range(n_products)
        )
        skus = SKU.objects.bulk_create(
            SKU(
                product=p,
                code=f"S{p.code}-{k}",
                list_price=59,
                cost_price=20,
                spec_values={"颜色": "红蓝"[k % 2], "尺码": "ML"[k // 2]},
            )
            for p in products
            for k in range(4)
        )
        warehouses = [Warehouse.objects.create(code=f"W{i}", name=f"仓库{i}") for i in range(2)]
        StockLevel.objects.bulk_create(
            StockLevel(sku=s, warehouse=w, on_hand=100, reserved=i % 7, reorder_point=50 if i % 3 else None)
            for i, s in enumerate(skus)
            for w in warehouses
        )
        params = {
            "customers": [c.pk for c in customers],
            "reps": [c.owner_id for c in customers],
            "n_customers": len(customers),
            "warehouse": warehouses[0].pk,
            "creator": owner.pk,
            "orders": 2000,
            "skus": [s.pk for s in skus],
            "n_skus": len(skus),
        }
        with connection.cursor() as cursor:
            cursor.execute(BULK_ORDERS, params)
            cursor.execute(BULK_LINES, params)
        orders = list(SalesOrder.objects.values_list("pk", "customer_id"))
        receipts = Receipt.objects.bulk_create(
            Receipt(
                number=f"RC-L-{i:07d}",
                customer_id=orders[i % len(orders)][1],
                amount=100,
                received_on="2026-11-01",
                created_by=owner,
            )
            for i in range(n_receipts)
        )
        ReceiptAllocation.objects.bulk_create(
            ReceiptAllocation(receipt=r, order_id=orders[i % len(orders)][0], amount=100)
            for i, r in enumerate(receipts)
        )
        sf = Carrier.objects.get(code="SF")
        shipped = SalesOrder.objects.filter(status__in=["completed", "pending_signback", "partly_shipped"])
        shipments = Shipment.objects.bulk_create(
            Shipment(
                number=f"SH-L-{i:07d}",
                order_id=o.pk,
                warehouse_id=o.warehouse_id,
                status="signed" if o.status == "completed" else "shipped",
                delivery_method=o.delivery_method,
                carrier=sf,
                tracking_number=f"SF{1385600000000 + i:013d}",
                ship_date=o.order_date,
                shipped_at=o.created_at,
                shipped_by=owner,
                created_by=owner,
            )
            for i, o in enumerate(shipped.order_by("id"))
        )
        by_order = {s.order_id: s for s in shipments}
        ShipmentLine.objects.bulk_create(
            ShipmentLine(shipment=by_order[line.order_id], order_line=line, sku_id=line.sku_id, quantity=1)
            for line in SalesOrderLine.objects.filter(order_id__in=by_order).only("id", "order_id", "sku_id")
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        rep = User.objects.get(pk=reps[3].pk)
    return {"tenant": tenant, "owner": owner, "rep": rep, "fill_seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--scale", type=float, default=1.0, help="1: 20,000 customers, 40,000 stock levels")
    args = parser.parse_args()
    os.environ.setdefault("SPARROW_API_COST_LIMITS", "off")  # the list is timed, not the cost bucket
    django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saas.api import projection
    from saas.api.sales import queries as sales_queries
    from saas.api.schema import schema
    from saas.api.shipping import projection as shipping_projection
    from saas.core.tenancy import tenant_context

    made = fill(args.scale)
    tenant = made["tenant"]
    clients = {}
    for who in ("owner", "rep"):
        client = Client(HTTP_HOST="bench.localhost")
        with tenant_context(tenant):
            client.force_login(made[who], backend="saas.accounts.backends.EmailBackend")
        clients[who] = client

    def request(client: Client, query: str) -> tuple[float, int, int, float]:
        with tenant_context(tenant), CaptureQueriesContext(connection) as queries:
            begun, cpu = time.perf_counter(), time.process_time()
            response = client.post(
                "/graphql/", {"query": "{ " + query + " }"}, content_type="application/json"
            )
            elapsed, cpu = (time.perf_counter() - begun) * 1000, (time.process_time() - cpu) * 1000
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        items = next(iter(body["data"].values()))["items"]
        return elapsed, len(queries), len(items), cpu

    compile_plan, sales_projectable = projection._compile, sales_queries.projectable
    shipping_plan = shipping_projection.plan

    def model_path(on: bool) -> None:
        """The model path, as before the projections (salesOrders and shipments have their own switches)."""
        if on:
            projection._compile = lambda shape, nodes: None
            sales_queries.projectable = lambda info, cursor_paging: None  # type: ignore[assignment]
            shipping_projection.plan = lambda info: None  # type: ignore[assignment]
        else:
            projection._compile, sales_queries.projectable = compile_plan, sales_projectable
            shipping_projection.plan = shipping_plan  # type: ignore[assignment]

    # Each field's own resolver, which saas/api/projection_fields.py keeps as `__wrapped__`.
    direct = [
        (field, field.resolve)
        for type_ in schema._schema.type_map.values()
        for field in getattr(type_, "fields", {}).values()
        if hasattr(getattr(field, "resolve", None), "__wrapped__")
    ]

    def fields_direct(on: bool) -> None:
        for field, resolve in direct:
            field.resolve = resolve if on else resolve.__wrapped__

    def summary(samples: list[tuple[float, int, int, float]]) -> tuple[float, float, int, int, float]:
        times = [s[0] for s in samples]
        cpu = statistics.median(s[3] for s in samples)
        return statistics.median(times), percentile(times, 95), samples[0][1], samples[0][2], cpu

    rows = []
    for label, who, name in [(name, "owner", name) for name in LISTS] + [
        ("customers (a rep)", "rep", "customers")
    ]:
        # The two paths take turns, request by request, so both meet the same load.
        fast, before, slow = [], [], []
        for sample in range(args.samples + 1):
            model_path(False)
            timing = request(clients[who], LISTS[name])
            fields_direct(False)
            unchanged = request(clients[who], LISTS[name])
            fields_direct(True)
            model_path(True)
            other = request(clients[who], LISTS[name])
            model_path(False)
            if sample:  # the first round warms up
                fast.append(timing)
                before.append(unchanged)
                slow.append(other)
        rows.append((label, summary(fast), summary(before), summary(slow)))

    print()
    print(
        f"Lists, a page of 100 with nested fields over HTTP (test client in-process); {os.cpu_count()} cores "
        f"shared with other work (loaded: compare ratios, not absolutes); PostgreSQL "
        f"{connection.pg_version // 10000}; {args.samples} samples; filled in {made['fill_seconds']:.0f} s"
    )
    print(
        f"{'list':<20} {'rows':>4} {'p50 ms':>7} {'p95 ms':>7} {'cpu':>6} {'SQL':>4} {'fields p50':>10} "
        f"{'fields cpu':>10} {'vs fields':>9} {'model p50':>9} {'model p95':>9} {'SQL':>4} {'ratio':>6}"
    )
    for label, (p50, p95, sql, items, cpu), (f50, _f95, _fsql, _fi, fcpu), (m50, m95, msql, _i, _c) in rows:
        print(
            f"{label:<20} {items:>4} {p50:>7.1f} {p95:>7.1f} {cpu:>6.1f} {sql:>4} {f50:>10.1f} {fcpu:>10.1f} "
            f"{cpu / fcpu:>9.0%} {m50:>9.1f} {m95:>9.1f} {msql:>4} {p50 / m50:>6.0%}"
        )


if __name__ == "__main__":
    main()
