"""Reserving stock for sales order lines, and giving it back.

`reserve_open` reserves for each line min(available, open quantity) in the line's warehouse.
It locks the stock levels first (`levels_lock`, in the ledger's own order: SKU, then warehouse),
reads what is available under that lock and posts the reservation through the ledger in the same
transaction with the same locked rows (locked once), so two orders approved at the same moment
can never both take the last units: the second waits for the first's lock and then sees what is
left. Lines' reserved quantities are written in one `UPDATE … FROM (VALUES …)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from saas.accounts.actors import Actor
from saas.core.values_update import update_rows
from saas.inventory.models import ZERO
from saas.inventory.services.ledger import Levels, Source, levels_lock
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


@dataclass
class ReservationPlan:
    """What to reserve for some lines, decided under the levels' lock (kept until commit)."""

    levels: Levels = field(default_factory=dict)
    takes: list[tuple[int, int, Decimal]] = field(default_factory=list)
    lines: list[SalesOrderLine] = field(default_factory=list)  # whose reserved_quantity rose

    @property
    def total(self) -> Decimal:
        return sum((quantity for _sku, _wh, quantity in self.takes), ZERO)


def reservation_plan(lines: list[SalesOrderLine]) -> ReservationPlan:
    """Lock the levels of the lines' shortfalls and take min(available, shortfall) for each line,
    setting its reserved_quantity in memory (lines of a new order may not be saved yet)."""
    wanted = [(line, shortfall(line)) for line in lines]
    keys = sorted({(line.sku_id, line.warehouse_id) for line, want in wanted if want > 0})
    if not keys:
        return ReservationPlan()
    plan = ReservationPlan(levels=levels_lock(keys))
    available = {key: level.on_hand - level.reserved for key, level in plan.levels.items()}
    for line, want in wanted:
        key = (line.sku_id, line.warehouse_id)
        take = min(max(available.get(key, ZERO), ZERO), want)
        if take <= 0:
            continue
        available[key] -= take
        line.reserved_quantity = Decimal(line.reserved_quantity) + take
        plan.takes.append((line.sku_id, line.warehouse_id, take))
        plan.lines.append(line)
    return plan


def reservation_post(*, actor: Actor, order: SalesOrder, plan: ReservationPlan) -> None:
    """Post the plan's reservations through the ledger, with the levels it locked."""
    if plan.takes:
        stock_reserve(actor=actor, source=order_source(order), lines=plan.takes, levels=plan.levels)


def reserve_open(
    *, actor: Actor, order: SalesOrder, lines: list[SalesOrderLine], touch: bool = True
) -> Decimal:
    """Reserve what is available for the lines' shortfalls; returns the base units reserved.

    The caller holds the order's lock: the lines' reserved_quantity is updated here, and the
    order's updated_at unless the caller saves the order itself afterwards (`touch=False`). A SKU
    with no stock level yet simply has nothing available.
    """
    plan = reservation_plan(lines)
    if plan.takes:
        reservation_post(actor=actor, order=order, plan=plan)
        update_rows(SalesOrderLine, plan.lines, ["reserved_quantity"])
        if touch:
            touch_order(order)
    return plan.total


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
        update_rows(SalesOrderLine, [line for line in changed if line.pk], ["reserved_quantity"])
        touch_order(order)
