"""The ledger core: every change of stock is one movement row plus the level it changes.

`movements_post` is the single door. It locks the affected StockLevel rows (creating missing
ones without a race, always in the same order so two transactions never deadlock), checks the
quantities, updates the moving-average cost on inbound movements, writes the movement with the
cost it moved at, and updates the level: all in the caller's transaction.

A caller that must read levels under their lock before deciding what to post (reserving what is
available) locks them with `levels_lock` and hands them over (`levels=`), so the rows are locked
once per operation, not twice. Inside a caller's transaction the post opens no savepoint: its
checks come before its writes, and a caller that wants to go on after a refusal opens its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_kind, actor_label, require_actor, user_of
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.values_update import update_rows
from saas.inventory.models import ZERO, InventorySettings, MovementKind, StockLevel, StockMovement
from saas.inventory.stock_events import stock_events_emit

COST_STEP = Decimal("0.0001")
# Inbound kinds that bring their own unit cost into the moving average.
COSTED_INBOUND = {
    MovementKind.RECEIPT,
    MovementKind.ADJUSTMENT,
    MovementKind.RETURN_IN,
    MovementKind.TRANSFER_IN,
    MovementKind.STOCKTAKE,
}


# Called after every post with the changed levels and the available quantity of each before
# the change, inside the transaction. Other domains may register here, so inventory never
# imports them; what others only need to hear of is an event (saas/inventory/stock_events.py).
AfterPostHook = Callable[[Iterable[StockLevel], Mapping[tuple[int, int], Decimal]], object]
_after_post_hooks: list[AfterPostHook] = []


def after_post_register(hook: AfterPostHook) -> None:
    if hook not in _after_post_hooks:
        _after_post_hooks.append(hook)


@dataclass(frozen=True)
class Source:
    """The document a movement belongs to."""

    type: str
    id: int | None
    ref: str = ""


@dataclass(frozen=True)
class Change:
    sku_id: int
    warehouse_id: int
    kind: str
    on_hand: Decimal = ZERO
    reserved: Decimal = ZERO
    in_transit: Decimal = ZERO
    unit_cost: Decimal | None = None  # inbound: the cost it arrives at; None = current average
    bin_id: int | None = None
    reason: str = ""


def negative_stock_allowed() -> bool:
    settings_row = InventorySettings.objects.first()
    return bool(settings_row and settings_row.allow_negative_stock)


Levels = dict[tuple[int, int], StockLevel]


def levels_lock(keys: list[tuple[int, int]]) -> Levels:
    """Lock the existing levels of these (sku, warehouse) pairs, in the ledger's order; a pair
    with no level yet is simply absent (nothing on hand, nothing reserved)."""
    return _lock(sorted(set(keys)))


def _lock(keys: list[tuple[int, int]]) -> Levels:
    condition = Q()
    for sku_id, warehouse_id in keys:
        condition |= Q(sku_id=sku_id, warehouse_id=warehouse_id)
    # ORDER BY makes every transaction take the row locks in the same order: no deadlocks.
    rows = StockLevel.objects.select_for_update().filter(condition).order_by("sku_id", "warehouse_id")
    return {(level.sku_id, level.warehouse_id): level for level in rows}


def _locked_levels(keys: list[tuple[int, int]], locked: Levels | None = None) -> Levels:
    """Lock the levels for these (sku, warehouse) pairs, creating missing ones without a race.
    Levels the caller locked already in this transaction (`locked`) are not locked again."""
    ordered = sorted(set(keys))
    if locked is not None and all(key in locked for key in ordered):
        return {key: locked[key] for key in ordered}
    levels = _lock(ordered)
    missing = [key for key in ordered if key not in levels]
    if missing:  # first movement of a SKU in a warehouse: INSERT … ON CONFLICT DO NOTHING, lock again
        StockLevel.objects.bulk_create(
            [StockLevel(sku_id=sku, warehouse_id=wh) for sku, wh in missing], ignore_conflicts=True
        )
        levels = _lock(ordered)
    return levels


def _moving_average(level: StockLevel, quantity: Decimal, unit_cost: Decimal) -> Decimal:
    if level.on_hand <= 0:
        return unit_cost  # nothing (or a deficit) on hand: the new goods set the cost
    total = level.on_hand * level.avg_cost + quantity * unit_cost
    return (total / (level.on_hand + quantity)).quantize(COST_STEP, rounding=ROUND_HALF_UP)


def movements_post(
    *, actor: Actor, source: Source, changes: list[Change], levels: Levels | None = None
) -> list[StockMovement]:
    """Apply the changes atomically; any problem leaves nothing written. `levels`: rows this
    transaction locked with `levels_lock` (they are changed in place)."""
    if connection.in_atomic_block:
        return _post(actor=actor, source=source, changes=changes, locked=levels)
    with transaction.atomic():
        return _post(actor=actor, source=source, changes=changes, locked=levels)


def _post(
    *, actor: Actor, source: Source, changes: list[Change], locked: Levels | None
) -> list[StockMovement]:
    if not changes:
        raise InvalidInput(_("Add at least one line."), code="lines_required", field="lines")
    # Every movement says who made it: the person, or a key's or a job's kind and name.
    acting = require_actor(actor)
    person, kind, label = user_of(acting), actor_kind(acting).value, actor_label(acting)[:120]
    # Read only when a change would go short: a reservation takes what is available, so the hot
    # path (placing an order) never asks.
    allow_negative: bool | None = None
    now = timezone.now()
    levels = _locked_levels([(c.sku_id, c.warehouse_id) for c in changes], locked)
    available_before = {key: level.on_hand - level.reserved for key, level in levels.items()}
    problems: list[FieldProblem] = []
    movements: list[StockMovement] = []
    for index, change in enumerate(changes):
        level = levels[(change.sku_id, change.warehouse_id)]
        on_hand = level.on_hand + change.on_hand
        reserved = level.reserved + change.reserved
        in_transit = level.in_transit + change.in_transit
        if reserved < 0 or in_transit < 0:
            problems.append(
                FieldProblem(f"lines.{index}", "quantity_invalid", _("More than is reserved or in transit."))
            )
            continue
        short = on_hand < 0 or (change.reserved > 0 and on_hand - reserved < 0)
        if short and allow_negative is None:
            allow_negative = negative_stock_allowed()
        if short and not allow_negative:
            problems.append(
                FieldProblem(
                    f"lines.{index}",
                    "insufficient_stock",
                    _("Not enough stock: %(available)s available.")
                    % {"available": level.on_hand - level.reserved},
                )
            )
            continue
        if change.on_hand > 0 and change.kind in COSTED_INBOUND:
            unit_cost = level.avg_cost if change.unit_cost is None else change.unit_cost
            level.avg_cost = _moving_average(level, change.on_hand, unit_cost)
        else:
            unit_cost = level.avg_cost  # outbound and reservations move at the average cost
        level.on_hand, level.reserved, level.in_transit, level.updated_at = (
            on_hand,
            reserved,
            in_transit,
            now,
        )
        movements.append(
            StockMovement(
                sku_id=change.sku_id,
                warehouse_id=change.warehouse_id,
                bin_id=change.bin_id,
                kind=change.kind,
                on_hand_delta=change.on_hand,
                reserved_delta=change.reserved,
                in_transit_delta=change.in_transit,
                unit_cost=unit_cost,
                value=(change.on_hand * unit_cost).quantize(COST_STEP, rounding=ROUND_HALF_UP),
                on_hand_after=on_hand,
                avg_cost_after=level.avg_cost,
                source_type=source.type,
                source_id=source.id,
                source_ref=source.ref,
                reason=change.reason[:200],
                actor=person,
                actor_kind=kind,
                actor_label=label,
                created_at=now,
            )
        )
    if problems:
        raise InvalidInput(problems=problems)
    update_rows(
        StockLevel, list(levels.values()), ["on_hand", "reserved", "in_transit", "avg_cost", "updated_at"]
    )
    for hook in _after_post_hooks:
        hook(levels.values(), available_before)
    stock_events_emit(actor=acting, levels=levels.values(), available_before=available_before)
    return StockMovement.objects.bulk_create(movements)
