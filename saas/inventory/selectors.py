"""Reads of stock for a user. Stock numbers are for inventory.view holders (distributors get a
band from saas.inventory.availability instead); movement history and documents for warehouse and
purchasing people; costs only for cost.view (resolvers hide them)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, require_actor
from saas.core.errors import NotFound
from saas.core.ids import is_id
from saas.inventory.availability import require_stock_numbers
from saas.inventory.models import StockEntry, StockLevel, StockMovement, Stocktake, Transfer, Warehouse

STOCK_DOCUMENT_SCOPES = (scopes.INVENTORY_MANAGE, scopes.PURCHASING_MANAGE)
# StockLevel.low_threshold() in SQL: available at or below the reorder point or the minimum.
LOW_STOCK = Q(reorder_point__isnull=False, available__lte=F("reorder_point")) | Q(
    min_qty__isnull=False, available__lte=F("min_qty")
)


def _require_document_viewer(actor: Actor) -> None:
    require_scopes(actor, *STOCK_DOCUMENT_SCOPES, message=_("You are not allowed to see this."))


def may_see_cost(actor: Actor) -> bool:
    return require_actor(actor).has_scope(scopes.COST_VIEW)


def warehouse_list(*, actor: Actor, include_inactive: bool = False) -> QuerySet[Warehouse]:
    require_stock_numbers(actor)
    queryset = Warehouse.objects.prefetch_related("bins").order_by("id")
    return queryset if include_inactive else queryset.filter(is_active=True)


def stock_level_list(
    *,
    actor: Actor,
    warehouse_id: int | None = None,
    search: str = "",
    low_only: bool = False,
    sku_id: int | None = None,
    product_id: int | None = None,
) -> QuerySet[StockLevel]:
    """Stock per SKU and warehouse; `low_only`: available at or below the reorder point or min."""
    require_stock_numbers(actor)
    queryset = StockLevel.objects.select_related("sku__product", "warehouse").order_by(
        "sku_id", "warehouse_id"
    )
    if warehouse_id is not None:
        queryset = queryset.filter(warehouse_id=warehouse_id)
    if sku_id is not None:
        queryset = queryset.filter(sku_id=sku_id)
    if product_id is not None:
        queryset = queryset.filter(sku__product_id=product_id)
    if search:
        term = search.strip()[:60]
        queryset = queryset.filter(
            Q(sku__code__icontains=term)
            | Q(sku__barcode=term)
            | Q(sku__product__name__icontains=term)
            | Q(sku__search_text__icontains=term.lower())
        )
    if low_only:
        queryset = queryset.filter(LOW_STOCK)
    return queryset


def product_stock_totals(*, actor: Actor, product_ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """On hand and available per product, summed over its SKUs and every warehouse; one query.
    Products with no stock level at all are left out (the caller shows them as zero)."""
    require_stock_numbers(actor)
    rows = (
        StockLevel.objects.filter(sku__product_id__in=product_ids)
        .values("sku__product_id")
        .annotate(on_hand=Sum("on_hand"), available=Sum("available"))
        .order_by()
    )
    return {row["sku__product_id"]: (row["on_hand"], row["available"]) for row in rows}


def low_stock_count() -> int:
    """Stock levels at or below their reorder point or minimum (for the dashboard)."""
    return StockLevel.objects.filter(LOW_STOCK).count()


def movement_list(
    *,
    actor: Actor,
    sku_id: int | None = None,
    warehouse_id: int | None = None,
    kind: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> QuerySet[StockMovement]:
    _require_document_viewer(actor)
    queryset = StockMovement.objects.select_related("sku__product", "warehouse", "bin", "actor").order_by(
        "-id"
    )
    if sku_id is not None:
        queryset = queryset.filter(sku_id=sku_id)
    if warehouse_id is not None:
        queryset = queryset.filter(warehouse_id=warehouse_id)
    if kind:
        queryset = queryset.filter(kind=kind)
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    if until is not None:
        queryset = queryset.filter(created_at__lt=until)
    return queryset


def transfer_list(*, actor: Actor, status: str | None = None) -> QuerySet[Transfer]:
    _require_document_viewer(actor)
    queryset = Transfer.objects.select_related(
        "from_warehouse", "to_warehouse", "created_by"
    ).prefetch_related("lines__sku__product")
    return queryset.filter(status=status) if status else queryset


def stocktake_list(*, actor: Actor, status: str | None = None) -> QuerySet[Stocktake]:
    _require_document_viewer(actor)
    queryset = Stocktake.objects.select_related("warehouse", "created_by").prefetch_related(
        "lines__sku__product"
    )
    return queryset.filter(status=status) if status else queryset


def stock_entry_list(*, actor: Actor) -> QuerySet[StockEntry]:
    _require_document_viewer(actor)
    return StockEntry.objects.select_related("warehouse", "created_by").prefetch_related(
        "lines__sku__product"
    )


def document_get(queryset: QuerySet[Any], document_id: Any, not_found_message: str) -> Any:
    found = queryset.filter(pk=document_id).first() if is_id(document_id) else None
    if found is None:
        raise NotFound(not_found_message)
    return found
