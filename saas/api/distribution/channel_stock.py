"""GraphQL of channel stock (分销商库存上报): a distributor reports its stock and sell-through
(`channelStockReport`, people of the distributor role only) and reads its own history
(`myChannelStockReports`); the workspace reads the network's stock, sell-through and days of
cover per distributor and SKU (`channelStock`, distribution.view). A sheet is uploaded by a
form post instead: POST /distribution/channel-stock/upload/ (saas/distribution/views.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.catalog.types import SkuType
from saas.api.choices import ChoiceEnum
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.core.paging import check_page
from saas.distribution import models
from saas.distribution.selectors.channel_stock import (
    WINDOW_DAYS,
    StockRow,
    channel_stock,
    my_channel_stock_reports,
)
from saas.distribution.services.channel_stock import channel_stock_report, form_lines


class ChannelStockSource(
    ChoiceEnum,
    choices=models.ChannelStockSource,
    describe={"form": "Typed into the form.", "upload": "Uploaded as a CSV or XLSX sheet."},
):
    """How a channel stock report was made."""


@strawberry.type(name="ChannelStockLine", description="One SKU of a channel stock report.")
class ChannelStockLineType:
    sku: SkuType = strawberry.field(description="The SKU.")
    on_hand: Decimal = strawberry.field(description="Base units in stock at the end of the report date.")
    sold: Decimal = strawberry.field(description="Base units sold since the distributor's previous report.")
    row_no: int = strawberry.field(description="Its line in the form (from 1) or its row in the sheet.")


@strawberry.type(name="ChannelStockReport", description="A distributor's stock report for one date.")
class ChannelStockReportType:
    id: strawberry.ID
    report_date: date = strawberry.field(description="The day the stock was counted.")
    current: bool = strawberry.field(
        description="Whether it counts: false once a later report of the same date replaced it."
    )
    source: ChannelStockSource = strawberry.field(description="Form or upload.")  # type: ignore[valid-type]
    file_name: str = strawberry.field(description="The uploaded sheet's name; empty for the form.")
    note: str
    reported_by: str = strawberry.field(description="The name of the person who reported.")
    created_at: datetime
    lines: list[ChannelStockLineType] = strawberry.field(description="The SKUs, in the order reported.")

    @classmethod
    def of(cls, report: models.ChannelStockReport) -> ChannelStockReportType:
        return cls(
            id=strawberry.ID(str(report.pk)),
            report_date=report.report_date,
            current=report.current,
            source=ChannelStockSource(report.source),
            file_name=report.file_name,
            note=report.note,
            reported_by=report.reported_by.full_name or report.reported_by.email,
            created_at=report.created_at,
            lines=[
                ChannelStockLineType(
                    sku=line.sku,  # type: ignore[arg-type]
                    on_hand=line.on_hand,
                    sold=line.sold,
                    row_no=line.row_no,
                )
                for line in report.lines.all()
            ],
        )


@strawberry.type
class ChannelStockReportPage:
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[ChannelStockReportType] = strawberry.field(description="Newest date first.")


@strawberry.type(name="ChannelStockRow", description="One distributor's stock of one SKU.")
class ChannelStockRowType:
    distributor_id: strawberry.ID = strawberry.field(description="The distributor's id.")
    distributor_name: str = strawberry.field(description="The distributor's name (its customer's).")
    level_name: str = strawberry.field(description="The distributor's level (省代, 市代…).")
    depth: int = strawberry.field(description="0 for a root of the network; 1 under it, and so on.")
    sku: SkuType
    on_hand: Decimal = strawberry.field(description="Base units, from the latest report that has the SKU.")
    as_of: date = strawberry.field(description="The date of the report the stock is from.")
    sold: Decimal = strawberry.field(description="Base units sold in the window (the last 30 days).")
    average_daily_sold: Decimal = strawberry.field(description="sold ÷ 30.")
    days_of_cover: Decimal | None = strawberry.field(
        description="How many days the stock lasts at the window's pace: onHand ÷ averageDailySold; "
        "null when nothing sold in the window."
    )

    @classmethod
    def of(cls, row: StockRow) -> ChannelStockRowType:
        return cls(
            distributor_id=strawberry.ID(str(row.distributor.pk)),
            distributor_name=row.distributor.customer.name,
            level_name=row.distributor.level.name,
            depth=row.distributor.depth,
            sku=row.sku,  # type: ignore[arg-type]
            on_hand=row.on_hand,
            as_of=row.as_of,
            sold=row.sold,
            average_daily_sold=row.average_daily_sold,
            days_of_cover=row.days_of_cover,
        )


@strawberry.type
class ChannelStockPage:
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[ChannelStockRowType] = strawberry.field(description="In tree order, then by SKU code.")
    window_from: date = strawberry.field(description="The first day of the sell-through window.")
    window_to: date = strawberry.field(description="Its last day: today in the workspace's time zone.")
    total_on_hand: Decimal = strawberry.field(
        description="Stock of every row of the filter (meaningful across distributors of one SKU)."
    )
    total_sold: Decimal = strawberry.field(description="Sold in the window, every row of the filter.")
    total_days_of_cover: Decimal | None = strawberry.field(
        description="totalOnHand at the pace of totalSold; null when nothing sold."
    )


@strawberry.input(description="One SKU's stock: the SKU by id or by code.")
class ChannelStockLineInput:
    sku_id: strawberry.ID | None = strawberry.field(default=None, description="The SKU's id.")
    sku_code: str | None = strawberry.field(default=None, description="Or its code, when no id is given.")
    on_hand: Decimal = strawberry.field(description="Base units in stock at the end of the report date.")
    sold: Decimal | None = strawberry.field(
        default=None, description="Base units sold since the previous report; none: 0."
    )


@strawberry.input(description="The caller's distributor's stock on one date.")
class ChannelStockReportInput:
    report_date: date = strawberry.field(description="Today or a day in the past year.")
    lines: list[ChannelStockLineInput] = strawberry.field(description="1 to 1,000 SKUs, each once.")
    note: str | None = strawberry.field(default=None, description="At most 500 characters.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry with the same key returns the first report instead of a second."
    )


@strawberry.type
class ChannelStockReportPayload:
    report: ChannelStockReportType | None = strawberry.field(
        description="The report saved; null when refused."
    )
    errors: list[FieldError] = strawberry.field(
        description="Every problem of every line at once (on lines.N.skuId/skuCode/onHand/sold); "
        "nothing is saved while there is any."
    )


@strawberry.type
class ChannelStockQueries:
    @strawberry.field(
        description="The caller's distributor's stock reports, newest date first, replaced ones included; "
        "for people of the distributor role (others: not_a_distributor)."
    )
    def my_channel_stock_reports(
        self, info: Info, limit: int = 20, offset: int = 0
    ) -> ChannelStockReportPage:
        check_page(limit, offset)
        rows = my_channel_stock_reports(actor=current_actor(info))
        return ChannelStockReportPage(
            total_count=rows.count(),
            items=[ChannelStockReportType.of(row) for row in rows[offset : offset + limit]],
        )

    @strawberry.field(
        description=f"The network's channel stock per distributor and SKU: stock from the latest report, "
        f"units sold in the last {WINDOW_DAYS} days and days of cover (distribution.view)."
    )
    def channel_stock(
        self,
        info: Info,
        distributor_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="Only this distributor.")
        ] = None,
        sku_id: Annotated[strawberry.ID | None, strawberry.argument(description="Only this SKU.")] = None,
        subtree: Annotated[
            bool, strawberry.argument(description="With distributorId: its whole downline too.")
        ] = False,
        limit: int = 20,
        offset: int = 0,
    ) -> ChannelStockPage:
        page = channel_stock(
            actor=current_actor(info),
            distributor_id=distributor_id,
            sku_id=sku_id,
            subtree=subtree,
            limit=limit,
            offset=offset,
        )
        return ChannelStockPage(
            total_count=page.total_count,
            items=[ChannelStockRowType.of(row) for row in page.rows],
            window_from=page.window_from,
            window_to=page.window_to,
            total_on_hand=page.total_on_hand,
            total_sold=page.total_sold,
            total_days_of_cover=page.total_days_of_cover,
        )


@strawberry.type
class ChannelStockMutations:
    @strawberry.mutation(
        description="Report the caller's distributor's stock and sell-through for a date; a second report "
        "of the same date replaces the first (both stay in the history). All or nothing. Codes: "
        "sku_not_found, duplicate_sku, quantity_invalid, required, report_date_in_future, "
        "report_date_too_old, too_many_lines."
    )
    def channel_stock_report(self, info: Info, input: ChannelStockReportInput) -> ChannelStockReportPayload:
        actor = current_actor(info)
        report, errors = run_service(
            lambda: channel_stock_report(
                actor=actor,
                report_date=input.report_date,
                lines=form_lines(input.lines),
                note=input.note or "",
                idempotency_key=input.idempotency_key,
            )
        )
        if report is None:
            return ChannelStockReportPayload(report=None, errors=errors)
        saved = my_channel_stock_reports(actor=actor).get(pk=report.pk)
        return ChannelStockReportPayload(report=ChannelStockReportType.of(saved), errors=errors)
