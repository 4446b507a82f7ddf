"""GraphQL types of the inventory area: warehouses, bins, stock levels, movements, documents.

Cost fields need cost.view and stock numbers inventory.view (saas/api/restricted.py)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import cast

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.actions import AVAILABLE_ACTIONS, StockDocumentActionEnum
from saas.api.catalog.types import SkuType
from saas.api.inventory.enums import (
    POSTED,
    STOCK_ENTRY,
    STOCKTAKE,
    TRANSFER,
    StockDocumentKind,
    StockDocumentStatus,
    StockEntryReason,
    StockMovementKind,
)
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.restricted import COST, STOCK_NUMBERS, WAREHOUSE_DETAILS, restricted
from saas.api.who import actor_name, person_name
from saas.catalog.models import SKU
from saas.inventory import models
from saas.inventory.actions import StockDocumentAction, stocktake_actions, transfer_actions


def stock_sku(sku: SKU) -> SkuType:
    """The catalog's one SKU type resolves from the row itself."""
    return cast(SkuType, sku)


@strawberry_django.type(
    models.Bin, name="Bin", description="A bin (库位): a place in a warehouse goods are put away in."
)
class BinType:
    id: strawberry.ID
    code: str
    name: str


@strawberry_django.type(
    models.Warehouse,
    name="Warehouse",
    description="A warehouse stock is kept in. The one warehouse type: documents of every domain show it.",
)
class WarehouseType:
    id: strawberry.ID
    code: str
    name: str
    address: str | None = strawberry_django.field(
        description="Street address.", extensions=restricted(WAREHOUSE_DETAILS)
    )
    is_active: bool | None = strawberry_django.field(
        description="False: kept for history, not offered for new documents.",
        extensions=restricted(WAREHOUSE_DETAILS),
    )

    @strawberry_django.field(
        prefetch_related=["bins"],
        description="Its bins (库位), in code order.",
        extensions=restricted(WAREHOUSE_DETAILS),
    )
    def bins(self, root: models.Warehouse) -> list[BinType] | None:
        return list(root.bins.all())  # type: ignore[arg-type]


@strawberry_django.type(
    models.StockLevel, name="StockLevel", description="One SKU's stock in one warehouse, in base units."
)
class StockLevelType:
    id: strawberry.ID
    on_hand: Decimal | None = strawberry_django.field(
        description="Base units in the warehouse now.", extensions=restricted(STOCK_NUMBERS)
    )
    reserved: Decimal | None = strawberry_django.field(
        description="Base units held for approved orders.", extensions=restricted(STOCK_NUMBERS)
    )
    available: Decimal | None = strawberry_django.field(
        description="On hand less reserved: what new orders may take.", extensions=restricted(STOCK_NUMBERS)
    )
    in_transit: Decimal | None = strawberry_django.field(
        description="Base units on the way in (transfers sent here).", extensions=restricted(STOCK_NUMBERS)
    )
    min_qty: Decimal | None = strawberry_django.field(
        description="Warning level: the least to keep; null when not set.",
        extensions=restricted(STOCK_NUMBERS),
    )
    max_qty: Decimal | None = strawberry_django.field(
        description="The most to keep, what replenishment fills up to; null when not set.",
        extensions=restricted(STOCK_NUMBERS),
    )
    reorder_point: Decimal | None = strawberry_django.field(
        description="Order more at or below this; null when not set.", extensions=restricted(STOCK_NUMBERS)
    )
    updated_at: datetime

    @strawberry_django.field
    def sku(self, root: models.StockLevel) -> SkuType:
        return stock_sku(root.sku)

    @strawberry_django.field
    def warehouse(self, root: models.StockLevel) -> WarehouseType:
        return root.warehouse  # type: ignore[return-value]

    @strawberry_django.field(description="Moving-average unit cost.", extensions=restricted(COST))
    def avg_cost(self, root: models.StockLevel) -> Decimal | None:
        return root.avg_cost

    @strawberry_django.field(
        description="Available at or below the reorder point or the minimum.",
        extensions=restricted(STOCK_NUMBERS),
    )
    def is_low(self, root: models.StockLevel) -> bool | None:
        threshold = root.low_threshold()
        return threshold is not None and root.available <= threshold


@strawberry_django.type(
    models.StockMovement,
    name="StockMovement",
    description="One change of stock, append-only: what moved, why, by whom, at what cost.",
)
class StockMovementType:
    id: strawberry.ID
    kind: StockMovementKind
    on_hand_delta: Decimal
    reserved_delta: Decimal
    in_transit_delta: Decimal
    on_hand_after: Decimal
    source_type: str
    source_ref: str
    reason: str
    created_at: datetime

    @strawberry_django.field
    def sku(self, root: models.StockMovement) -> SkuType:
        return stock_sku(root.sku)

    @strawberry_django.field
    def warehouse(self, root: models.StockMovement) -> WarehouseType:
        return root.warehouse  # type: ignore[return-value]

    @strawberry_django.field(description="The bin (库位) the goods went into or came out of, if named.")
    def bin(self, root: models.StockMovement) -> BinType | None:
        return root.bin  # type: ignore[return-value]

    @strawberry_django.field
    def actor_name(self, root: models.StockMovement) -> str | None:
        return actor_name(root.actor, root.actor_label, root.actor_kind)

    @strawberry_django.field(description="Cost per base unit of this movement.", extensions=restricted(COST))
    def unit_cost(self, root: models.StockMovement) -> Decimal | None:
        return root.unit_cost

    @strawberry_django.field(
        description="The movement's value at cost (on-hand change × unit cost).", extensions=restricted(COST)
    )
    def value(self, root: models.StockMovement) -> Decimal | None:
        return root.value


@strawberry.type
class DocumentLine:
    sku: SkuType
    quantity: Decimal
    counted_quantity: Decimal | None = None
    difference: Decimal | None = None


@strawberry.type
class StockDocument:
    """A transfer, stocktake or stock entry, in one shape for lists and detail screens."""

    id: strawberry.ID
    kind: StockDocumentKind
    number: str
    status: StockDocumentStatus
    warehouse: str
    to_warehouse: str | None
    reason: StockEntryReason | None = strawberry.field(description="A stock entry's; null for the others.")
    note: str
    created_by: str
    created_at: datetime
    lines: list[DocumentLine]

    @strawberry.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, info: Info) -> list[StockDocumentActionEnum]:  # type: ignore[valid-type]
        actor, status = current_actor(info), self.status.value
        if self.kind.value == TRANSFER:
            names = transfer_actions(status, actor)
        elif self.kind.value == STOCKTAKE:
            names = stocktake_actions(status, actor)
        else:  # a stock entry is posted when it is made: nothing follows
            names = []
        return [StockDocumentAction(name) for name in names]


def transfer_document(transfer: models.Transfer) -> StockDocument:
    return StockDocument(
        id=strawberry.ID(str(transfer.pk)),
        kind=StockDocumentKind(TRANSFER),
        number=transfer.number,
        status=StockDocumentStatus(transfer.status),
        warehouse=transfer.from_warehouse.name,
        to_warehouse=transfer.to_warehouse.name,
        reason=None,
        note=transfer.note,
        created_by=person_name(transfer.created_by),
        created_at=transfer.created_at,
        lines=[
            DocumentLine(sku=stock_sku(line.sku), quantity=line.quantity) for line in transfer.lines.all()
        ],
    )


def stocktake_document(stocktake: models.Stocktake) -> StockDocument:
    return StockDocument(
        id=strawberry.ID(str(stocktake.pk)),
        kind=StockDocumentKind(STOCKTAKE),
        number=stocktake.number,
        status=StockDocumentStatus(stocktake.status),
        warehouse=stocktake.warehouse.name,
        to_warehouse=None,
        reason=None,
        note=stocktake.note,
        created_by=person_name(stocktake.created_by),
        created_at=stocktake.created_at,
        lines=[
            DocumentLine(
                sku=stock_sku(line.sku),
                quantity=line.expected_qty,
                counted_quantity=line.counted_qty,
                difference=line.difference,
            )
            for line in stocktake.lines.all()
        ],
    )


def entry_document(entry: models.StockEntry) -> StockDocument:
    return StockDocument(
        id=strawberry.ID(str(entry.pk)),
        kind=StockDocumentKind(STOCK_ENTRY),
        number=entry.number,
        status=StockDocumentStatus(POSTED),
        warehouse=entry.warehouse.name,
        to_warehouse=None,
        reason=StockEntryReason(entry.reason),
        note=entry.note,
        created_by=person_name(entry.created_by),
        created_at=entry.created_at,
        lines=[DocumentLine(sku=stock_sku(line.sku), quantity=line.quantity) for line in entry.lines.all()],
    )


@strawberry.type(description="One product's stock summed over its SKUs and every warehouse.")
class ProductStockTotal:
    product_id: strawberry.ID
    on_hand: Decimal
    available: Decimal


@strawberry.type
class StockLevelPage(Page[StockLevelType]):
    pass


@strawberry.type
class StockMovementPage(Page[StockMovementType]):
    pass


@strawberry.type
class StockDocumentPage(Page[StockDocument]):
    pass
