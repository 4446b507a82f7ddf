"""What stock an actor may see: the internal numbers, an availability band, or nothing.

The one place that decides it. inventory.view holders (staff) see on hand, reserved, available
and the warning levels. inventory.view_availability holders (distributors) see only a band —
in stock, low, out — or nothing, as the workspace chooses (InventorySettings); never a number,
a reorder point or a low-stock flag. Anyone else is refused.
"""

from __future__ import annotations

import enum
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, require_actor
from saas.catalog.selectors import sku_list
from saas.core.errors import Forbidden
from saas.inventory.models import ZERO, DistributorAvailability, InventorySettings

# Who decides what distributors see: admins and owners (tenant.manage), and the managers who
# review the orders distributors place (orders.review).
AVAILABILITY_SETTING_SCOPES = (scopes.TENANT_MANAGE, scopes.ORDERS_REVIEW)


class StockView(enum.Enum):
    NUMBERS = "numbers"
    BAND = "band"
    NOTHING = "nothing"


class AvailabilityBand(enum.Enum):
    IN_STOCK = "in_stock"
    LOW = "low"
    OUT = "out"


def distributor_availability() -> str:
    """The workspace's setting; the default (band) until someone changes it."""
    row = InventorySettings.objects.order_by("pk").first()
    return row.distributor_availability if row is not None else DistributorAvailability.BAND.value


def may_set_distributor_availability(actor: Actor) -> bool:
    user = require_actor(actor)
    return any(user.has_scope(scope) for scope in AVAILABILITY_SETTING_SCOPES)


def distributor_availability_get(*, actor: Actor) -> str:
    if not may_set_distributor_availability(actor):
        raise Forbidden(_("You are not allowed to see this."), code="forbidden")
    return distributor_availability()


def stock_view(actor: Actor) -> StockView:
    """How much of the stock this actor may see; refuses those who may see none of it."""
    user = require_actor(actor)
    if user.has_scope(scopes.INVENTORY_VIEW):
        return StockView.NUMBERS
    if user.has_scope(scopes.INVENTORY_VIEW_AVAILABILITY):
        hidden = distributor_availability() == DistributorAvailability.HIDDEN
        return StockView.NOTHING if hidden else StockView.BAND
    raise Forbidden(_("You are not allowed to see this."), code="forbidden")


def require_stock_numbers(actor: Actor) -> Actor:
    """For every read of internal figures: levels, totals, thresholds, low-stock flags, warehouses."""
    return require_scopes(actor, scopes.INVENTORY_VIEW, message=_("You are not allowed to see this."))


def band_of(available: Decimal, low_mark: Decimal | None) -> AvailabilityBand:
    """Out at zero or below; low at or below the warning level (StockLevel.low_threshold)."""
    if available <= 0:
        return AvailabilityBand.OUT
    if low_mark is not None and available <= low_mark:
        return AvailabilityBand.LOW
    return AvailabilityBand.IN_STOCK


def availability_list(
    *, actor: Actor, product_ids: list[int]
) -> dict[int, tuple[AvailabilityBand | None, dict[int, AvailabilityBand | None]]]:
    """Per product the actor may see: its band and each visible SKU's, in one query.

    A SKU's band weighs its available quantity over every warehouse against the sum of its
    warning levels (the higher of reorder point and minimum, where set); a product's weighs its
    SKUs' totals the same way. No stock level: out. The setting `hidden`: every band is None.
    Unknown or invisible products are left out.
    """
    view = stock_view(actor)
    quantity = DecimalField(max_digits=18, decimal_places=3)
    rows = (
        sku_list(actor=actor)
        .filter(product_id__in=product_ids)
        .values("id", "product_id")
        .annotate(
            available=Coalesce(Sum("stock_levels__available"), Value(ZERO), output_field=quantity),
            # PostgreSQL's GREATEST skips NULLs: null only when neither mark is set.
            low_mark=Sum(
                Greatest("stock_levels__reorder_point", "stock_levels__min_qty"), output_field=quantity
            ),
        )
    )
    sums: dict[int, tuple[Decimal, Decimal | None]] = {}
    skus: dict[int, dict[int, AvailabilityBand | None]] = {}
    for row in rows:
        product_id, available, low_mark = row["product_id"], row["available"], row["low_mark"]
        total, mark = sums.get(product_id, (ZERO, None))
        sums[product_id] = (total + available, mark if low_mark is None else (mark or ZERO) + low_mark)
        band = None if view is StockView.NOTHING else band_of(available, low_mark)
        skus.setdefault(product_id, {})[row["id"]] = band
    return {
        product_id: (None if view is StockView.NOTHING else band_of(*sums[product_id]), skus[product_id])
        for product_id in dict.fromkeys(product_ids)
        if product_id in sums
    }
