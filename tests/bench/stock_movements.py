"""Stock movements per second through the service layer, next to raw SQL, in one run.

    make bench-stock      or    .venv/bin/python tests/bench/stock_movements.py [--ops 2000]

Uses its own database `sparrow_bench_stock` (dropped and recreated) with one tenant, one
warehouse and 1,000 SKUs. Each service operation is one `movements_post` call in its own
transaction (lock or create the level, average the cost, write the movement, update the level).
The raw rows are the same movement INSERT and level UPDATE, one transaction per row, with none
of the checks: the floor the service is measured against. Prints median and p95 per operation,
throughput and SQL statements per operation.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench_stock"
SKUS = 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=2000)
    args = parser.parse_args()
    django_on_fresh_database(BENCH_DB)
    from django.db import connection, connections, transaction
    from django.test.utils import CaptureQueriesContext
    from django_tenants.utils import tenant_context

    from saas.catalog.models import SKU, Product
    from saas.cli import migrate_everything
    from saas.inventory.models import MovementKind, StockLevel, Warehouse
    from saas.inventory.services.ledger import Change, Source, movements_post
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    result = tenant_signup(
        company_name="压测商贸",
        slug="bench",
        owner_name="压测",
        email="boss@bench.cn",
        password="Spring-Tea-2026!",
    )
    tenant, actor = result.tenant, result.owner
    with tenant_context(tenant):
        warehouse = Warehouse.objects.create(code="MAIN", name="总仓")
        products = Product.objects.bulk_create(Product(code=f"P{i}", name=f"商品{i}") for i in range(SKUS))
        skus = [s.pk for s in SKU.objects.bulk_create(SKU(product=p, code=f"S{p.pk}") for p in products)]
    hot = skus[0]
    source = Source("bench", None, "BENCH")
    rows: list[tuple[str, int, int, float, float, float, float]] = []

    def run(label: str, workers: int, op) -> None:  # type: ignore[no-untyped-def]
        per_worker = args.ops // workers
        timings: list[list[float]] = [[] for _ in range(workers)]
        statements = [0]

        def worker(n: int) -> None:
            rng = random.Random(n)
            with tenant_context(tenant):
                for i in range(per_worker):
                    started = time.perf_counter()
                    if n == 0 and i == 0:
                        with CaptureQueriesContext(connection) as queries:
                            op(rng)
                        statements[0] = len(queries)
                    else:
                        op(rng)
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

    def service_in(sku_id: int) -> None:
        movements_post(
            actor=actor,
            source=source,
            changes=[
                Change(
                    sku_id=sku_id,
                    warehouse_id=warehouse.pk,
                    kind=MovementKind.RECEIPT,
                    on_hand=Decimal(1),
                    unit_cost=Decimal("10.50"),
                )
            ],
        )

    def raw_in(sku_id: int) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO inventory_stockmovement (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, "
                "in_transit_delta, unit_cost, value, on_hand_after, avg_cost_after, source_type, source_ref, reason, "
                "actor_id, created_at) VALUES (%s, %s, 'receipt', 1, 0, 0, 10.5, 10.5, 0, 10.5, 'bench', 'RAW', '', %s, now())",
                [sku_id, warehouse.pk, actor.pk],
            )
            cursor.execute(
                "UPDATE inventory_stocklevel SET on_hand = on_hand + 1 WHERE sku_id = %s AND warehouse_id = %s",
                [sku_id, warehouse.pk],
            )

    run("service, hot SKU", 1, lambda rng: service_in(hot))
    run("service, hot SKU", 2, lambda rng: service_in(hot))
    run("service, 1,000 SKUs", 1, lambda rng: service_in(rng.choice(skus)))
    run("service, 1,000 SKUs", 2, lambda rng: service_in(rng.choice(skus)))
    run("raw SQL, hot SKU", 1, lambda rng: raw_in(hot))
    run("raw SQL, 1,000 SKUs", 1, lambda rng: raw_in(rng.choice(skus)))

    with tenant_context(tenant):
        from saas.inventory.services.checks import ledger_mismatches

        levels = StockLevel.objects.count()
        mismatches = len(ledger_mismatches())

    print()
    print(
        f"Stock movements, {os.cpu_count()} cores, PostgreSQL {connection.pg_version // 10000}, {SKUS} SKUs, 1 warehouse"
    )
    print(
        f"{'scenario':<22} {'workers':>7} {'ops':>6} {'ops/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'SQL/op':>7}"
    )
    for label, workers, ops, rate, p50, p95_ms, statements in rows:
        print(f"{label:<22} {workers:>7} {ops:>6} {rate:>8.0f} {p50:>8.2f} {p95_ms:>8.2f} {statements:>7}")
    print(f"({levels} stock levels afterwards; ledger check: {mismatches} mismatches)")
    connections.close_all()


if __name__ == "__main__":
    main()
