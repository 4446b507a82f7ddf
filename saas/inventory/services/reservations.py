"""Reserving and releasing stock for documents of other domains (sales orders, later)."""

from __future__ import annotations

from decimal import Decimal

from saas.accounts.actors import Actor
from saas.inventory.models import MovementKind, StockMovement
from saas.inventory.services.ledger import Change, Levels, Source, movements_post


def stock_reserve(
    *, actor: Actor, source: Source, lines: list[tuple[int, int, Decimal]], levels: Levels | None = None
) -> list[StockMovement]:
    """Reserve (sku_id, warehouse_id, quantity) lines; all or nothing, insufficient_stock per line.
    `levels`: the levels the caller locked already (ledger.levels_lock)."""
    return movements_post(
        actor=actor,
        source=source,
        levels=levels,
        changes=[
            Change(sku_id=s, warehouse_id=w, kind=MovementKind.RESERVE, reserved=q) for s, w, q in lines
        ],
    )


def stock_release(
    *, actor: Actor, source: Source, lines: list[tuple[int, int, Decimal]]
) -> list[StockMovement]:
    return movements_post(
        actor=actor,
        source=source,
        changes=[
            Change(sku_id=s, warehouse_id=w, kind=MovementKind.RELEASE, reserved=-q) for s, w, q in lines
        ],
    )
