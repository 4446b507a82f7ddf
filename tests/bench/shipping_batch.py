"""Batch shipping of many orders in one action: prints a table (total, ms and SQL per order).

    .venv/bin/python tests/bench/shipping_batch.py [--sizes 10,100,500] [--lines 3]

Runs against its own database `sparrow_bench_shipping` on the server DATABASE_URL names (or the
embedded one), dropped and recreated first. One workspace is signed up and filled (untimed)
through the real services: a warehouse, 200 SKUs with stock, a customer, and for each batch
size that many approved orders of `--lines` lines each (stock reserved, pending_shipment).
The timed part is exactly what `shipmentBatchShip` runs: one service call, every order with its
own SF tracking number, a savepoint per row, each row posting SHIPMENT movements through the
ledger and moving its order on; committed for real, so after-commit hooks run too. The ledger
check runs afterwards (untimed) and must come back clean.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database  # noqa: E402

BENCH_DB = "sparrow_bench_shipping"
N_SKUS = 200


class QueryCounter:
    """Counts every statement sent (Django's query log keeps only the last 9000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def fill_stock(keeper: object) -> tuple[object, list[object]]:
    """A warehouse with N_SKUS SKUs, 100 000 of each on hand."""
    from saas.catalog.models import SKU, Product
    from saas.inventory.models import Warehouse
    from saas.inventory.services.entries import EntryLine, stock_entry_create

    warehouse = Warehouse.objects.create(code="MAIN", name="杭州总仓")
    products = Product.objects.bulk_create(
        [Product(code=f"P{i:04d}", name=f"商品{i}") for i in range(N_SKUS)]
    )
    skus = SKU.objects.bulk_create(
        [SKU(product=p, code=f"S{i:04d}", barcode=f"69{i:011d}") for i, p in enumerate(products)]
    )
    for start in range(0, N_SKUS, 100):
        stock_entry_create(
            actor=keeper,
            warehouse_id=warehouse.pk,
            direction="in",
            reason="opening",
            lines=[
                EntryLine(sku_id=s.pk, quantity="100000", unit_cost="12.5") for s in skus[start : start + 100]
            ],
        )
    return warehouse, list(skus)


def approved_orders(
    count: int,
    n_lines: int,
    *,
    rep: object,
    manager: object,
    customer: object,
    warehouse: object,
    skus: list[object],
    rng: random.Random,
) -> list[int]:
    from saas.sales import services as sales

    ids = []
    for _ in range(count):
        lines = [
            sales.LineInput(sku_id=sku.pk, quantity=str(rng.randint(1, 5)), unit_price="29.9")  # type: ignore[attr-defined]
            for sku in rng.sample(skus, n_lines)
        ]
        order = sales.order_create(
            actor=rep,
            customer_id=customer.pk,
            warehouse_id=warehouse.pk,
            lines=lines,  # type: ignore[attr-defined]
        )
        sales.order_submit(actor=rep, order=order)
        sales.order_approve(actor=manager, order=order)
        ids.append(order.pk)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,500")
    parser.add_argument("--lines", type=int, default=3)
    args = parser.parse_args()

    django_on_fresh_database(BENCH_DB)
    from django.db import connection

    from saas.accounts.models import Role, User
    from saas.cli import migrate_everything
    from saas.core.tenancy import tenant_context
    from saas.inventory.services.checks import ledger_mismatches
    from saas.sales.models import OrderStatus, SalesOrder
    from saas.shipping import services
    from tenants.services import public_tenant_ensure, tenant_signup
    from tests.fixtures.sales import sales_customer

    migrate_everything()
    public_tenant_ensure()
    tenant = tenant_signup(
        company_name="发货测试商贸",
        slug="bench",
        owner_name="老板",
        email="boss@bench.cn",
        password="Spring-Tea-2026!",
    ).tenant

    rng = random.Random(7)
    rows = []
    with tenant_context(tenant):
        owner = User.objects.get(email="boss@bench.cn")
        people = {}
        for code in ("sales", "manager", "warehouse"):
            user = User.objects.create_user(
                email=f"{code}@bench.cn", password="Spring-Tea-2026!", full_name=code
            )
            user.roles.set(Role.objects.filter(code=code))
            people[code] = user
        warehouse, skus = fill_stock(people["warehouse"])
        customer = sales_customer(owner=people["sales"])
        # Warm-up (untimed): the first batch creates the settings rows and fills Python's caches.
        warm = approved_orders(
            2,
            args.lines,
            rep=people["sales"],
            manager=people["manager"],
            customer=customer,
            warehouse=warehouse,
            skus=skus,
            rng=rng,
        )
        services.shipments_batch_ship(
            actor=people["warehouse"],
            rows=[
                services.BatchRow(order_id=pk, tracking_number=f"SF{9000000000000 + pk:013d}") for pk in warm
            ],
        )
        for size in [int(s) for s in args.sizes.split(",")]:
            ids = approved_orders(
                size,
                args.lines,
                rep=people["sales"],
                manager=people["manager"],
                customer=customer,
                warehouse=warehouse,
                skus=skus,
                rng=rng,
            )
            batch_rows = [
                services.BatchRow(order_id=pk, tracking_number=f"SF{1385600000000 + pk:013d}") for pk in ids
            ]
            keeper = User.objects.get(pk=people["warehouse"].pk)  # a fresh actor, as per request
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                started = time.perf_counter()
                batch = services.shipments_batch_ship(actor=keeper, rows=batch_rows)
                elapsed = (time.perf_counter() - started) * 1000
            assert batch.shipped_count == size, batch.results[:3]
            shipped = SalesOrder.objects.filter(pk__in=ids, status=OrderStatus.PENDING_SIGNBACK).count()
            assert shipped == size
            rows.append((size, args.lines, elapsed, elapsed / size, counter.count, counter.count / size))
        mismatches = ledger_mismatches()
        del owner

    print()
    print("Batch shipping (shipmentBatchShip), one call per batch, committed; embedded PostgreSQL")
    print(f"{'orders':>7} {'lines/order':>11} {'total ms':>10} {'ms/order':>9} {'SQL':>6} {'SQL/order':>9}")
    for size, lines, total, per_order, queries, per_order_queries in rows:
        print(
            f"{size:>7} {lines:>11} {total:>10.0f} {per_order:>9.2f} {queries:>6} {per_order_queries:>9.2f}"
        )
    print(f"ledger check: {'clean' if not mismatches else f'{len(mismatches)} mismatches'}")
    connection.close()


if __name__ == "__main__":
    main()
