"""Queries of finance: invoices, invoice, receipts, receipt, receivables, customerStatement,
salesReturns, salesReturn, returnStatistics."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, cast

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.finance.enums import InvoiceStatus, ReceiptKind, SalesReturnStatus
from saas.api.finance.projection import RECEIPT_ROWS
from saas.api.finance.types import (
    CustomerStatementType,
    InvoicePage,
    InvoiceType,
    ReceiptPage,
    ReceiptType,
    ReceivableGrouping,
    ReceivablesReportType,
    ReturnStatisticsType,
    SalesReturnPage,
    SalesReturnType,
    receivables_view,
    statement_view,
    statistics_view,
)
from saas.api.pagination import After, First, UpdatedSince, page_window
from saas.api.permissions import current_actor
from saas.api.procurement.selection import selects
from saas.api.projection import fetcher
from saas.api.sorting import SortDirection, sort_key
from saas.core.paging import check_page
from saas.finance.selectors import invoices as invoice_selectors
from saas.finance.selectors import receipts as receipt_selectors
from saas.finance.selectors import receivables as receivable_selectors
from saas.finance.selectors import statements as statement_selectors
from saas.sales.selectors import returns


@strawberry.enum(description="The columns the receipt list sorts by.")
class ReceiptSortField(Enum):
    NUMBER = strawberry.enum_value("number", description="Receipt number (RC-…).")
    RECEIVED_ON = strawberry.enum_value("received_on", description="The day the money came or went.")
    CUSTOMER = strawberry.enum_value("customer", description="The customer's name.")
    KIND = strawberry.enum_value("kind", description="Payment or refund.")
    METHOD = strawberry.enum_value("method", description="How it was paid.")
    AMOUNT = strawberry.enum_value("amount", description="Amount.")


@strawberry.input(description="Sort the receipt list by one column (then by id); offset pages only.")
class ReceiptOrderBy:
    field: ReceiptSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


@strawberry.enum(description="The columns the customer returns list sorts by.")
class SalesReturnSortField(Enum):
    NUMBER = strawberry.enum_value("number", description="Return number (RS-…).")
    RETURN_DATE = strawberry.enum_value("return_date", description="Return date.")
    CUSTOMER = strawberry.enum_value("customer", description="The customer's name.")
    STATUS = strawberry.enum_value("status", description="Status.")
    REASON = strawberry.enum_value("reason", description="Why it came back.")
    WAREHOUSE = strawberry.enum_value("warehouse", description="The warehouse it returns to.")
    AMOUNT = strawberry.enum_value("amount", description="Amount (needs order money sight).")


@strawberry.input(description="Sort the customer returns list by one column (then by id).")
class SalesReturnOrderBy:
    field: SalesReturnSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


@strawberry.type
class FinanceQueries:
    @strawberry.field(description="Invoices, newest first. Reps see those of their own orders.")
    def invoices(
        self,
        info: Info,
        customer_id: strawberry.ID | None = None,
        order_id: strawberry.ID | None = None,
        status: InvoiceStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> InvoicePage:
        check_page(limit, offset)
        queryset = invoice_selectors.invoice_list(
            actor=current_actor(info), customer_id=customer_id, order_id=order_id, status=model_value(status)
        )
        return InvoicePage(
            total_count=queryset.count(),
            items=cast(list[InvoiceType], list(queryset[offset : offset + limit])),
        )

    @strawberry.field
    def invoice(self, info: Info, id: strawberry.ID) -> InvoiceType:
        return cast(InvoiceType, invoice_selectors.invoice_get(actor=current_actor(info), invoice_id=id))

    @strawberry.field(
        description="Receipts and refunds, latest day first. Reps see those of their own orders."
    )
    def receipts(
        self,
        info: Info,
        customer_id: strawberry.ID | None = None,
        order_id: strawberry.ID | None = None,
        kind: ReceiptKind | None = None,
        include_void: bool = True,
        date_from: Annotated[
            date | None, strawberry.argument(description="Received on or after this day.")
        ] = None,
        date_to: Annotated[
            date | None, strawberry.argument(description="Received on or before this day.")
        ] = None,
        order_by: Annotated[
            ReceiptOrderBy | None,
            strawberry.argument(description="A column to sort by; cursor paging keeps (updatedAt, id)."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
        amount_min: Annotated[
            Decimal | None, strawberry.argument(description="Amount at least this.")
        ] = None,
        amount_max: Annotated[Decimal | None, strawberry.argument(description="Amount at most this.")] = None,
    ) -> ReceiptPage:
        sort, descending = sort_key(order_by)
        queryset = receipt_selectors.receipt_list(
            actor=current_actor(info),
            customer_id=customer_id,
            order_id=order_id,
            kind=model_value(kind),
            include_void=include_void,
            date_from=date_from,
            date_to=date_to,
            amount_min=amount_min,
            amount_max=amount_max,
            sort=sort,
            descending=descending,
        )
        window = page_window(
            info,
            queryset,
            list_name="receipts",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
            fetch=fetcher(info, RECEIPT_ROWS),
        )
        return ReceiptPage(
            total_count=window.total_count,
            items=cast(list[ReceiptType], window.rows),
            page_info=window.page_info,
        )

    @strawberry.field
    def receipt(self, info: Info, id: strawberry.ID) -> ReceiptType:
        return cast(ReceiptType, receipt_selectors.receipt_get(actor=current_actor(info), receipt_id=id))

    @strawberry.field(
        description="What customers owe, per customer or per rep, aged 0-30/31-60/61-90/90+ days past "
        "due, largest first. Reps see their own orders only; the warehouse nothing."
    )
    def receivables(
        self,
        info: Info,
        group_by: ReceivableGrouping = ReceivableGrouping.CUSTOMER,
        customer_id: strawberry.ID | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> ReceivablesReportType:
        check_page(limit, offset)
        report = receivable_selectors.receivables(
            actor=current_actor(info), group_by=group_by.value, customer_id=customer_id
        )
        return receivables_view(report, offset, limit)

    @strawberry.field(
        description="One customer's orders, returns, payments, refunds and invoices in date order with "
        "a running balance. Finance and managers."
    )
    def customer_statement(
        self,
        info: Info,
        customer_id: strawberry.ID,
        date_from: Annotated[date | None, strawberry.argument(name="from")] = None,
        date_to: Annotated[date | None, strawberry.argument(name="to")] = None,
    ) -> CustomerStatementType:
        return statement_view(
            statement_selectors.customer_statement(
                actor=current_actor(info), customer_id=customer_id, date_from=date_from, date_to=date_to
            )
        )

    @strawberry.field(description="Customer returns, newest first.")
    def sales_returns(
        self,
        info: Info,
        status: SalesReturnStatus | None = None,
        order_id: strawberry.ID | None = None,
        customer_id: strawberry.ID | None = None,
        date_from: Annotated[
            date | None, strawberry.argument(description="Returned on or after this day.")
        ] = None,
        date_to: Annotated[
            date | None, strawberry.argument(description="Returned on or before this day.")
        ] = None,
        order_by: Annotated[
            SalesReturnOrderBy | None,
            strawberry.argument(description="One column to sort by; empty: newest first."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        warehouse_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Returned into this warehouse.")
        ] = None,
        amount_min: Annotated[
            Decimal | None,
            strawberry.argument(description="Amount at least this (needs order money sight, as amount)."),
        ] = None,
        amount_max: Annotated[
            Decimal | None,
            strawberry.argument(description="Amount at most this (needs order money sight, as amount)."),
        ] = None,
    ) -> SalesReturnPage:
        check_page(limit, offset)
        sort, descending = sort_key(order_by)
        queryset = returns.sales_return_list(
            actor=current_actor(info),
            status=model_value(status),
            order_id=order_id,
            customer_id=customer_id,
            date_from=date_from,
            date_to=date_to,
            warehouse_id=warehouse_id,
            amount_min=amount_min,
            amount_max=amount_max,
            sort=sort,
            descending=descending,
        )
        items = list(queryset[offset : offset + limit])
        if selects(info, "items", "events"):
            returns.attach_return_events(items)
        return SalesReturnPage(total_count=queryset.count(), items=cast(list[SalesReturnType], items))

    @strawberry.field
    def sales_return(self, info: Info, id: strawberry.ID) -> SalesReturnType:
        return cast(SalesReturnType, returns.sales_return_get(actor=current_actor(info), return_id=id))

    @strawberry.field(
        description="Returns dated in the period (the workspace's days), by reason, product and customer."
    )
    def return_statistics(
        self,
        info: Info,
        date_from: Annotated[date, strawberry.argument(name="from")],
        date_to: Annotated[date, strawberry.argument(name="to")],
    ) -> ReturnStatisticsType:
        return statistics_view(
            returns.return_statistics(actor=current_actor(info), date_from=date_from, date_to=date_to)
        )
