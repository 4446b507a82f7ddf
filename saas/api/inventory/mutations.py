"""Mutations of the inventory area; each calls one service and returns a typed payload."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.errors import FieldError, run_service
from saas.api.inventory import types as t
from saas.api.inventory.availability import AvailabilityMutations
from saas.api.inventory.enums import StockEntryDirection, StockEntryReason
from saas.api.permissions import current_actor
from saas.core.ids import is_id
from saas.inventory.services import entries, stocktakes, transfers, warehouses
from saas.inventory.services.common import MAX_LINES


@strawberry.input
class StockLineInput:
    sku_id: strawberry.ID
    quantity: Decimal
    unit_cost: Decimal | None = None


@strawberry.input
class StockEntryLineInput:
    sku_id: strawberry.ID
    quantity: Decimal
    unit_cost: Decimal | None = None
    bin_id: strawberry.ID | None = strawberry.field(
        default=None, description="The bin (库位) it goes into or comes out of, in the entry's warehouse."
    )


@strawberry.input
class StockEntryInput:
    warehouse_id: strawberry.ID
    direction: StockEntryDirection
    reason: StockEntryReason
    lines: list[StockEntryLineInput]
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class TransferInput:
    from_warehouse_id: strawberry.ID
    to_warehouse_id: strawberry.ID
    lines: list[StockLineInput]
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class CountLineInput:
    sku_id: strawberry.ID
    counted_quantity: Decimal


@strawberry.input
class ThresholdsInput:
    sku_id: strawberry.ID
    warehouse_id: strawberry.ID
    min_qty: Decimal | None = None
    max_qty: Decimal | None = None
    reorder_point: Decimal | None = None
    default_bin_id: strawberry.ID | None = None


@strawberry.type
class WarehousePayload:
    warehouse: t.WarehouseType | None
    errors: list[FieldError]


@strawberry.type
class BinPayload:
    bin: t.BinType | None
    errors: list[FieldError]


@strawberry.type
class StockLevelPayload:
    stock_level: t.StockLevelType | None
    errors: list[FieldError]


@strawberry.type
class StockDocumentPayload:
    document: t.StockDocument | None
    errors: list[FieldError]


def _int(value: strawberry.ID | None) -> int:
    return int(value) if value is not None and is_id(value) else -1


def _entry_lines(lines: list[StockEntryLineInput]) -> list[entries.EntryLine]:
    return [
        entries.EntryLine(
            sku_id=_int(x.sku_id),
            quantity=x.quantity,
            unit_cost=x.unit_cost,
            bin_id=None if x.bin_id is None else str(x.bin_id),
        )
        for x in lines[: MAX_LINES + 1]
    ]


def _document(call, render) -> StockDocumentPayload:  # type: ignore[no-untyped-def]
    document, errors = run_service(call)
    return StockDocumentPayload(document=render(document) if document is not None else None, errors=errors)


@strawberry.type
class InventoryMutations(AvailabilityMutations):
    @strawberry.mutation
    def warehouse_create(
        self, info: Info, code: str, name: str, address: str = "", idempotency_key: str | None = None
    ) -> WarehousePayload:
        warehouse, errors = run_service(
            lambda: warehouses.warehouse_create(
                actor=current_actor(info),
                code=code,
                name=name,
                address=address,
                idempotency_key=idempotency_key,
            )
        )
        return WarehousePayload(warehouse=cast(t.WarehouseType | None, warehouse), errors=errors)

    @strawberry.mutation
    def warehouse_update(
        self,
        info: Info,
        id: strawberry.ID,
        name: str | None = None,
        address: str | None = None,
        is_active: bool | None = None,
    ) -> WarehousePayload:
        warehouse, errors = run_service(
            lambda: warehouses.warehouse_update(
                actor=current_actor(info),
                warehouse_id=_int(id),
                name=name,
                address=address,
                is_active=is_active,
            )
        )
        return WarehousePayload(warehouse=cast(t.WarehouseType | None, warehouse), errors=errors)

    @strawberry.mutation
    def bin_create(
        self,
        info: Info,
        warehouse_id: strawberry.ID,
        code: str,
        name: str = "",
        idempotency_key: str | None = None,
    ) -> BinPayload:
        created, errors = run_service(
            lambda: warehouses.bin_create(
                actor=current_actor(info),
                warehouse_id=_int(warehouse_id),
                code=code,
                name=name,
                idempotency_key=idempotency_key,
            )
        )
        return BinPayload(bin=cast(t.BinType | None, created), errors=errors)

    @strawberry.mutation(description="Warning levels of one SKU in one warehouse.")
    def stock_thresholds_set(self, info: Info, input: ThresholdsInput) -> StockLevelPayload:
        level, errors = run_service(
            lambda: warehouses.stock_thresholds_set(
                actor=current_actor(info),
                sku_id=_int(input.sku_id),
                warehouse_id=_int(input.warehouse_id),
                min_qty=input.min_qty,
                max_qty=input.max_qty,
                reorder_point=input.reorder_point,
                default_bin_id=_int(input.default_bin_id) if input.default_bin_id is not None else None,
            )
        )
        return StockLevelPayload(stock_level=cast(t.StockLevelType | None, level), errors=errors)

    @strawberry.mutation(description="Manual stock-in or stock-out with a reason; posted at once.")
    def stock_entry_create(self, info: Info, input: StockEntryInput) -> StockDocumentPayload:
        return _document(
            lambda: entries.stock_entry_create(
                actor=current_actor(info),
                warehouse_id=_int(input.warehouse_id),
                direction=model_value(input.direction),
                reason=model_value(input.reason),
                lines=_entry_lines(input.lines),
                note=input.note,
                idempotency_key=input.idempotency_key,
            ),
            t.entry_document,
        )

    @strawberry.mutation(description="Send stock to another warehouse; it stays in transit until received.")
    def transfer_create(self, info: Info, input: TransferInput) -> StockDocumentPayload:
        return _document(
            lambda: transfers.transfer_create(
                actor=current_actor(info),
                from_warehouse_id=_int(input.from_warehouse_id),
                to_warehouse_id=_int(input.to_warehouse_id),
                lines=[
                    transfers.TransferLineInput(sku_id=_int(x.sku_id), quantity=x.quantity)
                    for x in input.lines[: MAX_LINES + 1]
                ],
                note=input.note,
                idempotency_key=input.idempotency_key,
            ),
            t.transfer_document,
        )

    @strawberry.mutation
    def transfer_receive(self, info: Info, id: strawberry.ID, note: str = "") -> StockDocumentPayload:
        return _document(
            lambda: transfers.transfer_receive(actor=current_actor(info), transfer_id=_int(id), note=note),
            t.transfer_document,
        )

    @strawberry.mutation
    def transfer_cancel(self, info: Info, id: strawberry.ID, note: str = "") -> StockDocumentPayload:
        return _document(
            lambda: transfers.transfer_cancel(actor=current_actor(info), transfer_id=_int(id), note=note),
            t.transfer_document,
        )

    @strawberry.mutation(
        description="A count sheet: every SKU with stock in the warehouse, or the ones named."
    )
    def stocktake_start(
        self,
        info: Info,
        warehouse_id: strawberry.ID,
        sku_ids: list[strawberry.ID] | None = None,
        note: str = "",
    ) -> StockDocumentPayload:
        return _document(
            lambda: stocktakes.stocktake_start(
                actor=current_actor(info),
                warehouse_id=_int(warehouse_id),
                sku_ids=[_int(s) for s in sku_ids] if sku_ids else None,
                note=note,
            ),
            t.stocktake_document,
        )

    @strawberry.mutation
    def stocktake_count(
        self, info: Info, id: strawberry.ID, counts: list[CountLineInput]
    ) -> StockDocumentPayload:
        return _document(
            lambda: stocktakes.stocktake_count(
                actor=current_actor(info),
                stocktake_id=_int(id),
                counts=[
                    stocktakes.CountInput(sku_id=_int(c.sku_id), counted_qty=c.counted_quantity)
                    for c in counts[:101]
                ],
            ),
            t.stocktake_document,
        )

    @strawberry.mutation(description="Post the counted differences as stocktake movements.")
    def stocktake_approve(self, info: Info, id: strawberry.ID, note: str = "") -> StockDocumentPayload:
        return _document(
            lambda: stocktakes.stocktake_approve(actor=current_actor(info), stocktake_id=_int(id), note=note),
            t.stocktake_document,
        )

    @strawberry.mutation
    def stocktake_cancel(self, info: Info, id: strawberry.ID, note: str = "") -> StockDocumentPayload:
        return _document(
            lambda: stocktakes.stocktake_cancel(actor=current_actor(info), stocktake_id=_int(id), note=note),
            t.stocktake_document,
        )
