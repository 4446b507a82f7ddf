"""Demo stock for the demo workspace: two warehouses, opening stock and warning levels.

Runs in the current tenant schema after the demo catalog exists; does nothing when the demo
warehouses are already there, so `sparrow up` can call it every time.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from saas.accounts import scopes
from saas.accounts.models import User
from saas.catalog.models import SKU, Status
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.inventory.services.warehouses import stock_thresholds_set

WAREHOUSES = [
    ("HZ01", "杭州总仓", "浙江省杭州市余杭区仓前街道 18 号"),
    ("GZ01", "广州分仓", "广东省广州市白云区太和镇 6 号"),
]


def inventory_demo_seed() -> int:
    """Returns how many SKUs were stocked (0 when the demo stock exists already)."""
    if Warehouse.objects.filter(code="HZ01").exists():
        return 0
    keeper = User.objects.filter(roles__code=scopes.OWNER, is_active=True).order_by("id").first()
    skus = list(SKU.objects.filter(status=Status.ACTIVE).order_by("id")[:40])
    if keeper is None or not skus:
        return 0
    with transaction.atomic():
        main, branch = (Warehouse.objects.create(code=c, name=n, address=a) for c, n, a in WAREHOUSES)
        lines = [
            EntryLine(
                sku_id=sku.pk, quantity=str(6 + (i * 7) % 40), unit_cost=str(sku.cost_price or Decimal("10"))
            )
            for i, sku in enumerate(skus)
        ]
        stock_entry_create(
            actor=keeper, warehouse_id=main.pk, direction="in", reason="opening", lines=lines, note="期初库存"
        )
        stock_entry_create(
            actor=keeper,
            warehouse_id=branch.pk,
            direction="in",
            reason="opening",
            lines=lines[::3],
            note="期初库存",
        )
        for sku in skus[:12]:  # a few low-stock warnings to look at
            stock_thresholds_set(
                actor=keeper,
                sku_id=sku.pk,
                warehouse_id=main.pk,
                min_qty=Decimal(10),
                max_qty=Decimal(80),
                reorder_point=Decimal(20),
            )
    return len(skus)
