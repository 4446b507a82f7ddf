"""GraphQL types of the inventory area. Cost fields resolve to null for users without cost.view."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.pagination import Page
from saas.api.permissions import current_user
from saas.api.who import actor_name, person_name
from saas.inventory import models
from saas.inventory.selectors import may_see_cost


def _cost(info: Info, value: Decimal) -> Decimal | None:
    return value if may_see_cost(current_user(info)) else None


@strawberry.type(description="The SKU as inventory screens show it.")
class StockSku:
    id: strawberry.ID
    code: str
    barcode: str | None
    name: str
    spec_label: str


def stock_sku(sku: object) -> StockSku:
    return StockSku(
        id=strawberry.ID(str(sku.pk)),  # type: ignore[attr-defined]
        code=sku.code,  # type: ignore[attr-defined]
        barcode=sku.barcode,  # type: ignore[attr-defined]
        name=sku.product.name,  # type: ignore[attr-defined]
        spec_label=sku.spec_label,  # type: ignore[attr-defined]
    )


@strawberry_django.type(models.Bin)
class BinType:
    id: strawberry.ID
    code: str
    name: str


@strawberry_django.type(models.Warehouse)
class WarehouseType:
    id: strawberry.ID
    code: str
    name: str
    address: str
    is_active: bool

    @strawberry_django.field(prefetch_related=["bins"])
    def bins(self, root: models.Warehouse) -> list[BinType]:
        return list(root.bins.all())  # type: ignore[arg-type]


@strawberry_django.type(models.StockLevel)
class StockLevelType:
    id: strawberry.ID
    on_hand: Decimal
    reserved: Decimal
    available: Decimal
    in_transit: Decimal
    min_qty: Decimal | None
    max_qty: Decimal | None
    reorder_point: Decimal | None
    updated_at: datetime

    @strawberry_django.field
    def sku(self, root: models.StockLevel) -> StockSku:
        return stock_sku(root.sku)

    @strawberry_django.field
    def warehouse(self, root: models.StockLevel) -> WarehouseType:
        return root.warehouse  # type: ignore[return-value]

    @strawberry_django.field(description="Moving-average unit cost; null without cost.view.")
    def avg_cost(self, root: models.StockLevel, info: Info) -> Decimal | None:
        return _cost(info, root.avg_cost)

    @strawberry_django.field(description="At or below the reorder point or the minimum.")
    def is_low(self, root: models.StockLevel) -> bool:
        threshold = root.low_threshold()
        return threshold is not None and root.available <= threshold


@strawberry_django.type(models.StockMovement)
class StockMovementType:
    id: strawberry.ID
    kind: str
    on_hand_delta: Decimal
    reserved_delta: Decimal
    in_transit_delta: Decimal
    on_hand_after: Decimal
    source_type: str
    source_ref: str
    reason: str
    created_at: datetime

    @strawberry_django.field
    def sku(self, root: models.StockMovement) -> StockSku:
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

    @strawberry_django.field
    def unit_cost(self, root: models.StockMovement, info: Info) -> Decimal | None:
        return _cost(info, root.unit_cost)

    @strawberry_django.field
    def value(self, root: models.StockMovement, info: Info) -> Decimal | None:
        return _cost(info, root.value)


@strawberry.type
class DocumentLine:
    sku: StockSku
    quantity: Decimal
    counted_quantity: Decimal | None = None
    difference: Decimal | None = None


@strawberry.type
class StockDocument:
    """A transfer, stocktake or stock entry, in one shape for lists and detail screens."""

    id: strawberry.ID
    kind: str  # transfer | stocktake | stock_entry
    number: str
    status: str
    warehouse: str
    to_warehouse: str | None
    reason: str | None
    note: str
    created_by: str
    created_at: datetime
    lines: list[DocumentLine]


def transfer_document(transfer: models.Transfer) -> StockDocument:
    return StockDocument(
        id=strawberry.ID(str(transfer.pk)),
        kind="transfer",
        number=transfer.number,
        status=transfer.status,
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
        kind="stocktake",
        number=stocktake.number,
        status=stocktake.status,
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
        kind="stock_entry",
        number=entry.number,
        status="posted",
        warehouse=entry.warehouse.name,
        to_warehouse=None,
        reason=entry.reason,
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
