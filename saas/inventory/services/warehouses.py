"""Warehouses, bins and the warning levels of each SKU in each warehouse."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.inputs import clean_text
from saas.core.plan_limits import check_limit
from saas.inventory.models import Bin, InventorySettings, StockLevel, Warehouse
from saas.inventory.services.common import active_skus, active_warehouse, require_inventory_manager


def warehouse_create(
    *, actor: Actor, code: str, name: str, address: str = "", idempotency_key: str | None = None
) -> Warehouse:
    """A warehouse; retrying with the same idempotency key returns the first one, not code_taken."""
    require_inventory_manager(actor)
    warehouse = Warehouse(
        code=clean_text(code, "code", 20, required=True).upper(),
        name=clean_text(name, "name", 60, required=True),
        address=clean_text(address, "address", 200),
    )

    def write() -> dict[str, int]:
        check_limit("warehouses")
        try:
            with transaction.atomic():
                warehouse.save()
        except IntegrityError as exc:
            raise InvalidInput(_("This code is already used."), code="code_taken", field="code") from exc
        return {"pk": warehouse.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="warehouse_create", write=write
    )
    # Warehouses are closed, never deleted: the first one is there to re-read.
    return Warehouse.objects.get(pk=result["pk"]) if replayed else warehouse


@transaction.atomic
def warehouse_update(
    *,
    actor: Actor,
    warehouse_id: int,
    name: str | None = None,
    address: str | None = None,
    is_active: bool | None = None,
) -> Warehouse:
    require_inventory_manager(actor)
    warehouse = Warehouse.objects.select_for_update().filter(pk=warehouse_id).first()
    if warehouse is None:
        raise NotFound(_("Warehouse not found."), field="id")
    if name is not None:
        warehouse.name = clean_text(name, "name", 60, required=True)
    if address is not None:
        warehouse.address = clean_text(address, "address", 200)
    if (
        is_active is False
        and StockLevel.objects.filter(warehouse=warehouse).exclude(on_hand=0, in_transit=0).exists()
    ):
        raise InvalidInput(
            _("Move or write off its stock before closing a warehouse."), code="warehouse_not_empty"
        )
    if is_active is not None:
        warehouse.is_active = is_active
    warehouse.save()
    return warehouse


def bin_create(
    *, actor: Actor, warehouse_id: int, code: str, name: str = "", idempotency_key: str | None = None
) -> Bin:
    """A bin (库位) in an open warehouse; retrying with the same idempotency key returns the first
    bin, not code_taken."""
    require_inventory_manager(actor)
    created = Bin(code=clean_text(code, "code", 30, required=True).upper(), name=clean_text(name, "name", 60))

    def write() -> dict[str, int]:
        created.warehouse = active_warehouse(warehouse_id)
        try:
            with transaction.atomic():
                created.save()
        except IntegrityError as exc:
            raise InvalidInput(
                _("This code is already used in this warehouse."), code="code_taken", field="code"
            ) from exc
        return {"pk": created.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="bin_create", write=write
    )
    return Bin.objects.get(pk=result["pk"]) if replayed else created  # bins are never deleted


@transaction.atomic
def stock_thresholds_set(
    *,
    actor: Actor,
    sku_id: int,
    warehouse_id: int,
    min_qty: Decimal | None,
    max_qty: Decimal | None,
    reorder_point: Decimal | None,
    default_bin_id: int | None = None,
) -> StockLevel:
    """Warning levels: below min or at the reorder point the SKU shows as low; max caps suggestions."""
    require_inventory_manager(actor)
    warehouse = active_warehouse(warehouse_id)
    active_skus([sku_id])
    for field, value in (("min_qty", min_qty), ("max_qty", max_qty), ("reorder_point", reorder_point)):
        if value is not None and value < 0:
            raise InvalidInput(_("Warning levels are zero or more."), code="quantity_invalid", field=field)
    if min_qty is not None and max_qty is not None and max_qty < min_qty:
        raise InvalidInput(
            _("The maximum must not be below the minimum."), code="max_below_min", field="max_qty"
        )
    if default_bin_id is not None and not Bin.objects.filter(pk=default_bin_id, warehouse=warehouse).exists():
        raise NotFound(_("Bin not found in this warehouse."), field="default_bin_id")
    StockLevel.objects.bulk_create([StockLevel(sku_id=sku_id, warehouse=warehouse)], ignore_conflicts=True)
    level = StockLevel.objects.select_for_update().get(sku_id=sku_id, warehouse=warehouse)
    level.min_qty, level.max_qty, level.reorder_point = min_qty, max_qty, reorder_point
    level.default_bin_id = default_bin_id
    level.save(update_fields=["min_qty", "max_qty", "reorder_point", "default_bin", "updated_at"])
    return level


@transaction.atomic
def inventory_settings_update(*, actor: Actor, allow_negative_stock: bool) -> InventorySettings:
    require_inventory_manager(actor)
    row = InventorySettings.objects.select_for_update().first() or InventorySettings()
    row.allow_negative_stock = allow_negative_stock
    row.save()
    return row
