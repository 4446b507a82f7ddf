"""Queries: salesOrders, salesOrder, salesQueueCounts, customerRecentLines, quotations, quotation,
salesSettings."""

from __future__ import annotations

from datetime import date
from typing import Annotated, cast

import strawberry
from strawberry.types import Info

from saas.api.catalog.types import SkuType
from saas.api.choices import model_value, model_values
from saas.api.pagination import After, First, PageInfo, UpdatedSince, page_window
from saas.api.permissions import current_actor
from saas.api.procurement.selection import selects
from saas.api.sales.enums import QuotationStatus
from saas.api.sales.inputs import SalesOrderFilter, SalesOrderOrderBy
from saas.api.sales.projection import as_order_types, projectable
from saas.api.sales.quotation_types import QuotationPage, QuotationType
from saas.api.sales.types import (
    OrderLinePriceType,
    RecentLineType,
    SalesOrderPage,
    SalesOrderType,
    SalesQueueCounts,
    SalesSettingsType,
)
from saas.api.sorting import sort_key
from saas.core.paging import check_page
from saas.sales.selectors import orders as order_selectors
from saas.sales.selectors import quotations as quotation_selectors
from saas.sales.selectors.order_page import order_page_rows
from saas.sales.services.settings import sales_settings


@strawberry.type
class SalesQueries:
    @strawberry.field(
        description="Orders the caller may see, newest first (or by orderBy). Lines, customers and SKUs "
        "cost the same few queries for any page."
    )
    def sales_orders(
        self,
        info: Info,
        filter: SalesOrderFilter | None = None,
        order_by: Annotated[
            SalesOrderOrderBy | None,
            strawberry.argument(description="A column to sort by; cursor paging keeps (updatedAt, id)."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
    ) -> SalesOrderPage:
        given = filter or SalesOrderFilter()
        sort, descending = sort_key(order_by)
        plain = projectable(
            info, cursor_paging=first is not None or after is not None or updated_since is not None
        )
        queryset = order_selectors.order_list(
            actor=current_actor(info),
            statuses=model_values(given.statuses),
            customer_id=given.customer_id,
            rep_id=given.rep_id,
            date_from=given.date_from,
            date_to=given.date_to,
            search=given.search,
            sku_id=given.sku_id,
            warehouse_id=given.warehouse_id,
            amount_min=given.amount_min,
            amount_max=given.amount_max,
            ids=given.ids,
            sort=sort,
            descending=descending,
            with_lines=selects(info, "items", "lines") and plain is None,
        )
        if plain is not None:  # one statement of plain rows (saas/api/sales/projection.py)
            check_page(limit, offset)
            rows = order_page_rows(queryset, offset=offset, size=limit + 1, selection=plain)
            return SalesOrderPage(
                total_count=queryset.count() if selects(info, "totalCount") else 0,
                items=as_order_types(rows[:limit]),
                page_info=PageInfo(end_cursor=None, has_next_page=len(rows) > limit),
            )
        page = queryset
        if selects(info, "items", "expenses"):
            page = page.prefetch_related("expenses")
        if selects(info, "items", "revisions"):
            page = page.prefetch_related("revisions__actor")
        window = page_window(
            info,
            page,
            list_name="salesOrders",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
        )
        if selects(info, "items", "events"):
            order_selectors.attach_events(window.rows)
        return SalesOrderPage(
            total_count=window.total_count,
            items=cast(list[SalesOrderType], window.rows),
            page_info=window.page_info,
        )

    @strawberry.field(description="One order with lines, expenses, revisions and status history.")
    def sales_order(self, info: Info, id: strawberry.ID) -> SalesOrderType:
        return cast(SalesOrderType, order_selectors.order_get(actor=current_actor(info), order_id=id))

    @strawberry.field(description="How many orders the caller may see wait in each queue.")
    def sales_queue_counts(self, info: Info) -> SalesQueueCounts:
        counts = order_selectors.queue_counts(actor=current_actor(info))
        return SalesQueueCounts(
            draft=counts["draft"],
            pending_review=counts["pending_review"],
            pending_purchase=counts["pending_purchase"],
            pending_shipment=counts["pending_shipment"],
            partly_shipped=counts["partly_shipped"],
            pending_signback=counts["pending_signback"],
        )

    @strawberry.field(description="What the customer bought lately, one line per SKU and unit, newest first.")
    def customer_recent_lines(
        self, info: Info, customer_id: strawberry.ID, orders: int = 5
    ) -> list[RecentLineType]:
        rows = order_selectors.customer_recent_lines(
            actor=current_actor(info), customer_id=customer_id, orders=orders
        )
        return [
            RecentLineType(
                sku=cast(SkuType, row.line.sku),
                unit_name=row.line.unit_name,
                unit_factor=row.line.unit_factor,
                pack_unit_id=None if row.pack_unit_id is None else strawberry.ID(str(row.pack_unit_id)),
                quantity=row.line.quantity,
                unit_price=row.line.unit_price,
                discount_rate=row.line.discount_rate,
                order_id=strawberry.ID(str(row.order.pk)),
                order_number=row.order.number,
                order_date=row.order.order_date,
            )
            for row in rows
        ]

    @strawberry.field(
        description="The customer's price of each SKU for order entry (its tier price when it is a "
        "distributor priced by a list, else the list price); at most 100 SKUs, unknown ids left out."
    )
    def order_line_prices(
        self, info: Info, customer_id: strawberry.ID, sku_ids: list[strawberry.ID]
    ) -> list[OrderLinePriceType]:
        rows = order_selectors.order_line_prices(
            actor=current_actor(info), customer_id=customer_id, sku_ids=sku_ids
        )
        return [
            OrderLinePriceType(
                sku_id=strawberry.ID(str(row.sku_id)),
                list_price=row.list_price,
                price=row.price,
                tiered=row.tiered,
                price_rule=row.rule,
            )
            for row in rows
        ]

    @strawberry.field(description="Quotations the caller may see, newest first.")
    def quotations(
        self,
        info: Info,
        status: QuotationStatus | None = None,
        customer_id: strawberry.ID | None = None,
        search: str = "",
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> QuotationPage:
        check_page(limit, offset)
        queryset = quotation_selectors.quotation_list(
            actor=current_actor(info),
            status=model_value(status),
            customer_id=customer_id,
            search=search[:100],
            date_from=date_from,
            date_to=date_to,
        )
        return QuotationPage(
            total_count=queryset.count(),
            items=cast(list[QuotationType], list(queryset[offset : offset + limit])),
        )

    @strawberry.field
    def quotation(self, info: Info, id: strawberry.ID) -> QuotationType:
        return cast(
            QuotationType, quotation_selectors.quotation_get(actor=current_actor(info), quotation_id=id)
        )

    @strawberry.field(description="The workspace's sales settings (review, credit policy, sign-back, tax).")
    def sales_settings(self, info: Info) -> SalesSettingsType:
        current_actor(info)
        return cast(SalesSettingsType, sales_settings())
