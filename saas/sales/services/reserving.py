"""Reserving stock for sales order lines, and giving it back.

`reserve_open` reserves for each line min(available, open quantity) in the line's warehouse.
It locks the stock levels first (in the ledger's own order: SKU, then warehouse), reads what is
available under that lock and posts the reservation through the ledger in the same
transaction, so two orders approved at the same moment can never both take the last units:
the second waits for the first's lock and then sees what is left.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q

from saas.accounts.actors import Actor
from saas.inventory.models import ZERO, StockLevel
from saas.inventory.services.ledger import Source
from saas.inventory.services.reservations import stock_release, stock_reserve
from saas.sales.models import SalesOrder, SalesOrderLine
from saas.sales.services.documents import ORDER_DOC_TYPE, touch_order


def order_source(order: SalesOrder) -> Source:
    return Source(ORDER_DOC_TYPE, order.pk, order.number)


def open_quantity(line: SalesOrderLine) -> Decimal:
    """Base units still to ship."""
    return Decimal(line.base_quantity) - Decimal(line.shipped_quantity)


def shortfall(line: SalesOrderLine) -> Decimal:
    """Base units still to ship and not reserved: what the order waits for."""
    return open_quantity(line) - Decimal(line.reserved_quantity)


def fully_reserved(lines: Iterable[SalesOrderLine]) -> bool:
    return all(shortfall(line) <= 0 for line in lines)


def fully_shipped(lines: Iterable[SalesOrderLine]) -> bool:
    return all(open_quantity(line) <= 0 for line in lines)


def _locked_available(keys: list[tuple[int, int]]) -> dict[tuple[int, int], Decimal]:
    condition = Q()
    for sku_id, warehouse_id in keys:
        condition |= Q(sku_id=sku_id, warehouse_id=warehouse_id)
    # The same ORDER BY as the ledger's own lock: every transaction locks levels in one order.
    rows = (
        StockLevel.objects.select_for_update()
        .filter(condition)
        .order_by("sku_id", "warehouse_id")
        .values_list("sku_id", "warehouse_id", "on_hand", "reserved")
    )
    return {(sku, wh): on_hand - reserved for sku, wh, on_hand, reserved in rows}


def reserve_open(*, actor: Actor, order: SalesOrder, lines: list[SalesOrderLine]) -> Decimal:
    """Reserve what is available for the lines' shortfalls; returns the base units reserved.

    The caller holds the order's lock and saves nothing else: the lines' reserved_quantity is
    updated here. A SKU with no stock level yet simply has nothing available.
    """
    wanted = [(line, shortfall(line)) for line in lines]
    keys = sorted({(line.sku_id, line.warehouse_id) for line, want in wanted if want > 0})
    if not keys:
        return ZERO
    available = _locked_available(keys)
    reservations: list[tuple[int, int, Decimal]] = []
    changed: list[SalesOrderLine] = []
    for line, want in wanted:
        key = (line.sku_id, line.warehouse_id)
        take = min(max(available.get(key, ZERO), ZERO), want)
        if take <= 0:
            continue
        available[key] -= take
        line.reserved_quantity = Decimal(line.reserved_quantity) + take
        reservations.append((line.sku_id, line.warehouse_id, take))
        changed.append(line)
    if reservations:
        stock_reserve(actor=actor, source=order_source(order), lines=reservations)
        SalesOrderLine.objects.bulk_update(changed, ["reserved_quantity"])
        touch_order(order)
    return sum((quantity for _sku, _wh, quantity in reservations), ZERO)


def release(
    *, actor: Actor, order: SalesOrder, lines: list[SalesOrderLine], keep: dict[int, Decimal] | None = None
) -> None:
    """Give back the lines' reservations; `keep` leaves some on a line (line id → base units)."""
    keep = keep or {}
    releases: list[tuple[int, int, Decimal]] = []
    changed: list[SalesOrderLine] = []
    for line in lines:
        remaining = min(Decimal(line.reserved_quantity), keep.get(line.pk, ZERO))
        excess = Decimal(line.reserved_quantity) - remaining
        if excess <= 0:
            continue
        releases.append((line.sku_id, line.warehouse_id, excess))
        line.reserved_quantity = remaining
        changed.append(line)
    if releases:
        stock_release(actor=actor, source=order_source(order), lines=releases)
        SalesOrderLine.objects.bulk_update([line for line in changed if line.pk], ["reserved_quantity"])
        touch_order(order)
