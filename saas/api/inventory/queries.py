"""Queries of the inventory area: warehouses, stock levels, movements and stock documents (stock
numbers for inventory.view only), and availability bands (from AvailabilityQueries)."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.inventory import types as t
from saas.api.inventory.availability import AvailabilityQueries
from saas.api.inventory.enums import (
    STOCK_ENTRY,
    STOCKTAKE,
    TRANSFER,
    StockDocumentKind,
    StockMovementKind,
    StocktakeStatus,
    TransferStatus,
)
from saas.api.inventory.projection import STOCK_LEVEL_ROWS
from saas.api.pagination import After, First, UpdatedSince, page_window
from saas.api.permissions import current_actor
from saas.api.projection import fetcher
from saas.core.errors import InvalidInput
from saas.core.ids import is_id
from saas.core.paging import MAX_PAGE, check_page
from saas.inventory import selectors


def _page(limit: int, offset: int) -> slice:
    check_page(limit, offset)
    return slice(offset, offset + limit)


def _id(value: strawberry.ID | None) -> int | None:
    if value is None:
        return None
    if not is_id(value):
        raise InvalidInput("Malformed id.", code="not_found")
    return int(value)


@strawberry.type
class InventoryQueries(AvailabilityQueries):
    @strawberry.field
    def warehouses(self, info: Info, include_inactive: bool = False) -> list[t.WarehouseType]:
        return cast(
            list[t.WarehouseType],
            list(selectors.warehouse_list(actor=current_actor(info), include_inactive=include_inactive)),
        )

    @strawberry.field(
        description="Stock per SKU and warehouse; lowOnly: at or below reorder point or minimum."
    )
    def stock_levels(
        self,
        info: Info,
        warehouse_id: strawberry.ID | None = None,
        search: str = "",
        low_only: bool = False,
        sku_id: strawberry.ID | None = None,
        product_id: strawberry.ID | None = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
    ) -> t.StockLevelPage:
        queryset = selectors.stock_level_list(
            actor=current_actor(info),
            warehouse_id=_id(warehouse_id),
            search=search,
            low_only=low_only,
            sku_id=_id(sku_id),
            product_id=_id(product_id),
        )
        window = page_window(
            info,
            queryset,
            list_name="stockLevels",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
            fetch=fetcher(info, STOCK_LEVEL_ROWS),
        )
        return t.StockLevelPage(
            total_count=window.total_count,
            items=cast(list[t.StockLevelType], window.rows),
            page_info=window.page_info,
        )

    @strawberry.field(
        description="On hand and available per product over all warehouses, for a page of products."
    )
    def product_stock_totals(self, info: Info, product_ids: list[strawberry.ID]) -> list[t.ProductStockTotal]:
        if len(product_ids) > MAX_PAGE:
            raise InvalidInput(f"At most {MAX_PAGE} products.", code="too_many_lines", field="productIds")
        ids = [int(value) for value in product_ids if is_id(value)]
        totals = selectors.product_stock_totals(actor=current_actor(info), product_ids=ids)
        return [
            t.ProductStockTotal(
                product_id=strawberry.ID(str(pk)), on_hand=totals[pk][0], available=totals[pk][1]
            )
            for pk in dict.fromkeys(ids)
            if pk in totals
        ]

    @strawberry.field(description="The stock ledger, newest first, with filters.")
    def stock_movements(
        self,
        info: Info,
        sku_id: strawberry.ID | None = None,
        warehouse_id: strawberry.ID | None = None,
        kind: StockMovementKind | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> t.StockMovementPage:
        window = _page(limit, offset)
        queryset = selectors.movement_list(
            actor=current_actor(info),
            sku_id=_id(sku_id),
            warehouse_id=_id(warehouse_id),
            kind=model_value(kind),
            since=since,
            until=until,
        )
        return t.StockMovementPage(
            total_count=queryset.count(), items=cast(list[t.StockMovementType], list(queryset[window]))
        )

    @strawberry.field
    def transfers(
        self, info: Info, status: TransferStatus | None = None, limit: int = 50, offset: int = 0
    ) -> t.StockDocumentPage:
        window = _page(limit, offset)
        queryset = selectors.transfer_list(actor=current_actor(info), status=model_value(status))
        return t.StockDocumentPage(
            total_count=queryset.count(), items=[t.transfer_document(x) for x in queryset[window]]
        )

    @strawberry.field
    def stocktakes(
        self, info: Info, status: StocktakeStatus | None = None, limit: int = 50, offset: int = 0
    ) -> t.StockDocumentPage:
        window = _page(limit, offset)
        queryset = selectors.stocktake_list(actor=current_actor(info), status=model_value(status))
        return t.StockDocumentPage(
            total_count=queryset.count(), items=[t.stocktake_document(x) for x in queryset[window]]
        )

    @strawberry.field
    def stock_entries(self, info: Info, limit: int = 50, offset: int = 0) -> t.StockDocumentPage:
        window = _page(limit, offset)
        queryset = selectors.stock_entry_list(actor=current_actor(info))
        return t.StockDocumentPage(
            total_count=queryset.count(), items=[t.entry_document(x) for x in queryset[window]]
        )

    @strawberry.field
    def stock_document(self, info: Info, kind: StockDocumentKind, id: strawberry.ID) -> t.StockDocument:
        actor = current_actor(info)
        if kind == TRANSFER:
            return t.transfer_document(
                selectors.document_get(selectors.transfer_list(actor=actor), id, _("Transfer not found."))
            )
        if kind == STOCKTAKE:
            return t.stocktake_document(
                selectors.document_get(selectors.stocktake_list(actor=actor), id, _("Stocktake not found."))
            )
        if kind == STOCK_ENTRY:
            return t.entry_document(
                selectors.document_get(
                    selectors.stock_entry_list(actor=actor), id, _("Stock entry not found.")
                )
            )
        raise InvalidInput("kind is TRANSFER, STOCKTAKE or STOCK_ENTRY.", code="kind_invalid", field="kind")
