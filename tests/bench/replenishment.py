"""Replenishment suggestion at 10,000 SKUs × 5 warehouses: prints a table (p50, p95, queries).

    .venv/bin/python tests/bench/replenishment.py [--skus 1000,10000] [--warehouses 5] [--samples 20]

Runs against its own database `sparrow_bench_replenishment` on the server DATABASE_URL names (or
the embedded one), dropped and recreated first. One workspace is signed up, then filled in bulk
(untimed): SKUs, warehouses, a stock level per SKU and warehouse with reorder point, min and max
(about a third below the reorder point, some with reservations), 2-3 competing suppliers per
SKU with prices, pack units, MOQs and lead times, and open purchase orders for some of the short
positions. The timed part is exactly what `replenishmentSuggestion` runs: the selector for the
owner (permission check and the one suggestion query, then the pack/MOQ rounding and grouping
in Python). Levels are written directly rather than through the ledger: only their current
quantities matter to the suggestion.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench_replenishment"


def fill(n_skus: int, n_warehouses: int, owner: object, seed: int = 7) -> dict[str, int]:
    """Bulk data for one workspace (the caller is in its tenant context). Returns row counts."""
    from django.db import connection

    from saas.catalog.models import SKU, PackUnit, Product
    from saas.inventory.models import StockLevel, Warehouse
    from saas.procurement.models import PurchaseOrder, PurchaseOrderLine, Supplier, SupplierItem

    rng = random.Random(seed)
    start = SKU.objects.count()
    warehouses = list(Warehouse.objects.all())
    for i in range(len(warehouses), n_warehouses):
        warehouses.append(Warehouse.objects.create(code=f"WH{i + 1}", name=f"仓库{i + 1}"))
    products = Product.objects.bulk_create(
        [Product(code=f"P{i:06d}", name=f"商品{i}") for i in range(start, n_skus)], batch_size=2000
    )
    skus = SKU.objects.bulk_create(
        [SKU(product=p, code=f"S{i:06d}") for i, p in zip(range(start, n_skus), products, strict=True)],
        batch_size=2000,
    )
    packs = {
        p.pk: pack
        for p, pack in zip(
            products,
            PackUnit.objects.bulk_create(
                [PackUnit(product=p, name="箱", factor=Decimal(rng.choice([6, 12, 24]))) for p in products],
                batch_size=2000,
            ),
            strict=True,
        )
    }
    levels = []
    for sku in skus:
        for warehouse in warehouses:
            reorder = Decimal(rng.randint(10, 50))
            on_hand = Decimal(rng.randint(0, 150))
            levels.append(
                StockLevel(
                    sku=sku,
                    warehouse=warehouse,
                    on_hand=on_hand,
                    reserved=min(on_hand, Decimal(rng.choice([0, 0, 0, 5, 10]))),
                    avg_cost=Decimal(10),
                    reorder_point=reorder,
                    min_qty=reorder / 2,
                    max_qty=reorder * 4 if rng.random() < 0.8 else None,
                )
            )
    StockLevel.objects.bulk_create(levels, batch_size=5000)
    suppliers = list(Supplier.objects.all())
    for i in range(len(suppliers), 50):
        suppliers.append(
            Supplier.objects.create(code=f"SUP{i:03d}", name=f"供应商{i}", payment_terms_days=30)
        )
    items = []
    for sku in skus:
        for supplier in rng.sample(suppliers, rng.randint(2, 3)):
            by_pack = rng.random() < 0.5
            pack = packs[sku.product_id]
            items.append(
                SupplierItem(
                    supplier=supplier,
                    sku=sku,
                    unit_name=pack.name if by_pack else "件",
                    unit_factor=pack.factor if by_pack else Decimal(1),
                    price=Decimal(rng.randint(500, 2000)) / 100 * (pack.factor if by_pack else 1),
                    min_order_qty=Decimal(rng.choice([0, 0, 20, 50, 100])),
                    lead_time_days=rng.randint(1, 15),
                )
            )
    SupplierItem.objects.bulk_create(items, batch_size=5000)
    # Open orders for about one in ten positions, a few lines each, so on-order really subtracts.
    orders = PurchaseOrder.objects.bulk_create(
        [
            PurchaseOrder(
                number=f"PO-BENCH-{start}-{i:05d}",
                supplier=rng.choice(suppliers),
                status=status,
                created_by=owner,
            )  # type: ignore[misc]
            for i, status in enumerate(
                rng.choices(["draft", "submitted", "approved", "partly_received"], k=n_skus // 20)
            )
        ]
    )
    lines, seen = [], set()
    for level in rng.sample(levels, len(levels) // 10):
        key = (rng.choice(orders).pk, level.sku_id, level.warehouse_id)
        if key in seen:
            continue
        seen.add(key)
        quantity = Decimal(rng.randint(5, 60))
        lines.append(
            PurchaseOrderLine(
                order_id=key[0],
                sku_id=level.sku_id,
                warehouse_id=level.warehouse_id,
                unit_name="件",
                quantity=quantity,
                unit_price=Decimal(10),
                base_quantity=quantity,
                received_qty=Decimal(0),
            )
        )
    PurchaseOrderLine.objects.bulk_create(lines, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "levels": StockLevel.objects.count(),
        "items": SupplierItem.objects.count(),
        "po_lines": len(lines),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skus", default="1000,10000")
    parser.add_argument("--warehouses", type=int, default=5)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()

    django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from saas.accounts.models import User
    from saas.cli import migrate_everything
    from saas.core.tenancy import tenant_context
    from saas.inventory.models import Warehouse
    from saas.procurement import selectors
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    tenant = tenant_signup(
        company_name="补货测试商贸",
        slug="bench",
        owner_name="采购",
        email="buyer@bench.cn",
        password="Spring-Tea-2026!",
    ).tenant

    rows = []
    with tenant_context(tenant):
        for size in [int(s) for s in args.skus.split(",")]:
            counts = fill(size, args.warehouses, User.objects.get(email="buyer@bench.cn"))
            first = Warehouse.objects.order_by("id").values_list("pk", flat=True)[0]
            for label, warehouse_ids in (("all", None), ("one", [first])):

                def run(ids: list[int] | None = warehouse_ids) -> tuple[float, int, int, int]:
                    owner = User.objects.get(email="buyer@bench.cn")  # a fresh actor, as per request
                    with CaptureQueriesContext(connection) as queries:
                        started = time.perf_counter()
                        suggestion = selectors.replenishment_suggestion(actor=owner, warehouse_ids=ids)
                        elapsed = (time.perf_counter() - started) * 1000
                    lines = sum(len(o.lines) for o in suggestion.orders) + len(suggestion.unsourced)
                    return elapsed, len(queries), lines, len(suggestion.orders)

                run()  # warm the plan cache and imports
                samples = [run() for _ in range(args.samples)]
                times = [s[0] for s in samples]
                rows.append(
                    (
                        size,
                        args.warehouses if label == "all" else 1,
                        counts["levels"],
                        counts["items"],
                        counts["po_lines"],
                        samples[0][2],
                        samples[0][3],
                        statistics.median(times),
                        percentile(times, 95),
                        statistics.median(s[1] for s in samples),
                    )
                )

    print()
    print(
        f"Replenishment suggestion (selector, in-process), PostgreSQL {connection.pg_version // 10000}, "
        f"{os.cpu_count()} cores, {args.samples} samples"
    )
    print(
        f"{'SKUs':>6} {'whs':>4} {'levels':>7} {'sup.items':>9} {'PO lines':>8} {'sugg.lines':>10} "
        f"{'POs':>4} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>4}"
    )
    for skus, whs, levels, items, po_lines, lines, pos, p50, p95, queries in rows:
        print(
            f"{skus:>6} {whs:>4} {levels:>7} {items:>9} {po_lines:>8} {lines:>10} {pos:>4} "
            f"{p50:>8.1f} {p95:>8.1f} {queries:>4.0f}"
        )
    connection.close()


if __name__ == "__main__":
    main()
