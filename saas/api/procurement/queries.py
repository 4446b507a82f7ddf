"""Queries: suppliers, supplier, purchaseOrders, purchaseOrder, supplierReturns, supplierPayments,
payables, replenishmentSuggestion."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, cast

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.permissions import current_actor
from saas.api.procurement.enums import PurchaseOrderStatus
from saas.api.procurement.selection import selects
from saas.api.procurement.types import (
    PayablePage,
    PurchaseOrderPage,
    PurchaseOrderType,
    ReplenishmentSuggestionType,
    SupplierPage,
    SupplierPaymentPage,
    SupplierPaymentType,
    SupplierReturnPage,
    SupplierReturnType,
    SupplierType,
    payable_view,
    suggestion_view,
)
from saas.api.sorting import SortDirection, sort_key
from saas.core.errors import InvalidInput
from saas.core.paging import check_page
from saas.procurement import selectors

MAX_WAREHOUSES = 50


@strawberry.enum(description="The columns the purchase order list sorts by.")
class PurchaseOrderSortField(Enum):
    NUMBER = strawberry.enum_value("number", description="Order number (PO-…).")
    CREATED_AT = strawberry.enum_value("created_at", description="When it was written (the order date).")
    SUPPLIER = strawberry.enum_value("supplier", description="The supplier's name.")
    STATUS = strawberry.enum_value("status", description="Status.")
    EXPECTED_DATE = strawberry.enum_value("expected_date", description="Expected delivery date.")


@strawberry.input(description="Sort the purchase order list by one column (then by id).")
class PurchaseOrderOrderBy:
    field: PurchaseOrderSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


@strawberry.type
class ProcurementQueries:
    @strawberry.field(description="Suppliers by code; search matches code or name.")
    def suppliers(
        self, info: Info, search: str = "", active: bool | None = None, limit: int = 50, offset: int = 0
    ) -> SupplierPage:
        check_page(limit, offset)
        queryset = selectors.supplier_list(actor=current_actor(info), search=search[:100], active=active)
        return SupplierPage(
            total_count=queryset.count(),
            items=cast(list[SupplierType], list(queryset[offset : offset + limit])),
        )

    @strawberry.field
    def supplier(self, info: Info, id: strawberry.ID) -> SupplierType:
        return cast(SupplierType, selectors.supplier_get(actor=current_actor(info), supplier_id=id))

    @strawberry.field(
        description="Newest first unless orderBy says. Lines, supplier and SKUs cost the same few queries for any page."
    )
    def purchase_orders(
        self,
        info: Info,
        status: PurchaseOrderStatus | None = None,
        supplier_id: strawberry.ID | None = None,
        order_by: Annotated[
            PurchaseOrderOrderBy | None,
            strawberry.argument(description="One column to sort by; empty: newest first."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        warehouse_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="Orders with a line bound for this warehouse."),
        ] = None,
        amount_min: Annotated[
            Decimal | None, strawberry.argument(description="Amount (the lines' sum) at least this.")
        ] = None,
        amount_max: Annotated[
            Decimal | None, strawberry.argument(description="Amount (the lines' sum) at most this.")
        ] = None,
    ) -> PurchaseOrderPage:
        check_page(limit, offset)
        sort, descending = sort_key(order_by)
        queryset = selectors.purchase_order_list(
            actor=current_actor(info),
            status=model_value(status),
            supplier_id=supplier_id,
            warehouse_id=warehouse_id,
            amount_min=amount_min,
            amount_max=amount_max,
            with_receipts=selects(info, "items", "receipts"),
            sort=sort,
            descending=descending,
        )
        items = list(queryset[offset : offset + limit])
        if selects(info, "items", "events"):
            selectors.attach_events(items)
        return PurchaseOrderPage(total_count=queryset.count(), items=cast(list[PurchaseOrderType], items))

    @strawberry.field(description="One order with its lines, receipts and status history.")
    def purchase_order(self, info: Info, id: strawberry.ID) -> PurchaseOrderType:
        return cast(PurchaseOrderType, selectors.purchase_order_get(actor=current_actor(info), order_id=id))

    @strawberry.field
    def supplier_returns(
        self, info: Info, supplier_id: strawberry.ID | None = None, limit: int = 50, offset: int = 0
    ) -> SupplierReturnPage:
        check_page(limit, offset)
        queryset = selectors.supplier_return_list(actor=current_actor(info), supplier_id=supplier_id)
        return SupplierReturnPage(
            total_count=queryset.count(),
            items=cast(list[SupplierReturnType], list(queryset[offset : offset + limit])),
        )

    @strawberry.field(description="Finance and buyers: payments to suppliers, newest first.")
    def supplier_payments(
        self, info: Info, supplier_id: strawberry.ID | None = None, limit: int = 50, offset: int = 0
    ) -> SupplierPaymentPage:
        check_page(limit, offset)
        queryset = selectors.supplier_payment_list(actor=current_actor(info), supplier_id=supplier_id)
        return SupplierPaymentPage(
            total_count=queryset.count(),
            items=cast(list[SupplierPaymentType], list(queryset[offset : offset + limit])),
        )

    @strawberry.field(
        description="Finance and buyers: ordered, received, returned, paid and balance per supplier."
    )
    def payables(
        self,
        info: Info,
        supplier_id: strawberry.ID | None = None,
        outstanding_only: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> PayablePage:
        check_page(limit, offset)
        queryset = selectors.payable_list(
            actor=current_actor(info), supplier_id=supplier_id, outstanding_only=outstanding_only
        )
        rows = selectors.payables_of(queryset[offset : offset + limit])
        return PayablePage(total_count=queryset.count(), items=[payable_view(row) for row in rows])

    @strawberry.field(
        description="What to buy now, one order per supplier across warehouses. Orders nothing by itself."
    )
    def replenishment_suggestion(
        self, info: Info, warehouse_ids: list[strawberry.ID] | None = None
    ) -> ReplenishmentSuggestionType:
        if warehouse_ids is not None and len(warehouse_ids) > MAX_WAREHOUSES:
            raise InvalidInput(_("Too many warehouses."), code="too_many_lines", field="warehouseIds")
        ids: list[Any] | None = None if warehouse_ids is None else list(warehouse_ids)
        return suggestion_view(
            selectors.replenishment_suggestion(actor=current_actor(info), warehouse_ids=ids)
        )
