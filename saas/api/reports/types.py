"""GraphQL types of reports: statistics, sales with comparison, profit, arrears and returns.

Money is a Decimal string in the workspace currency (`currency` on each report). Fields that a
grouping does not have are null (quantity unless by product; costs without cost.view).
"""

from __future__ import annotations

import enum
from dataclasses import asdict
from datetime import date
from decimal import Decimal

import strawberry

from saas.api.sales.enums import SalesOrderStatus
from saas.reports.arrears import CustomerArrears
from saas.reports.profit import ProfitReport, ProfitRow
from saas.reports.returns import ReturnsReport
from saas.reports.sales import SalesFigures, SalesReport
from saas.reports.statistics import OrderStatistics


@strawberry.enum(description="How order statistics are grouped.")
class OrderStatisticsGroupBy(enum.Enum):
    DAY = "day"
    MONTH = "month"
    REP = "rep"
    CUSTOMER = "customer"
    STATUS = "status"
    PRODUCT = "product"
    SKU = "sku"


@strawberry.enum(description="DAY: a month by day; MONTH: a year by month; YEAR: several years by year.")
class SalesReportPeriod(enum.Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@strawberry.enum
class ProfitGroupBy(enum.Enum):
    ORDER = "order"
    CUSTOMER = "customer"
    REP = "rep"
    PRODUCT = "product"


@strawberry.enum
class ReturnsGroupBy(enum.Enum):
    REASON = "reason"
    PRODUCT = "product"
    SKU = "sku"


@strawberry.input(description="Filters of order statistics; statuses default to sales (approved and beyond).")
class OrderStatisticsFilter:
    statuses: list[SalesOrderStatus] | None = None
    rep_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = None
    product_id: strawberry.ID | None = None
    sku_id: strawberry.ID | None = None


@strawberry.type
class OrderStatisticsRow:
    key: str = strawberry.field(
        description="Date (2025-10-31), month (2025-10), id or status; '' for totals."
    )
    label: str
    order_count: int
    quantity: Decimal | None = strawberry.field(description="Base units; by PRODUCT and SKU only.")
    amount: Decimal
    discount_amount: Decimal
    tax_amount: Decimal
    received_amount: Decimal | None = strawberry.field(description="Null by PRODUCT and SKU.")
    balance: Decimal | None = strawberry.field(
        description="What the orders still owe: Σ max(total − returned − received, 0) per order, so an "
        "order overpaid after a return counts 0; null by PRODUCT and SKU."
    )


@strawberry.type(name="OrderStatistics")
class OrderStatisticsResult:
    group_by: OrderStatisticsGroupBy
    date_from: date = strawberry.field(name="from")
    date_to: date = strawberry.field(name="to")
    currency: str
    rows: list[OrderStatisticsRow]
    totals: OrderStatisticsRow
    truncated: bool = strawberry.field(description="More groups than `limit`; totals still cover all.")


def statistics_view(result: OrderStatistics) -> OrderStatisticsResult:
    return OrderStatisticsResult(
        group_by=OrderStatisticsGroupBy(result.group_by.value),
        date_from=result.period.start,
        date_to=result.period.end,
        currency=result.currency,
        rows=[OrderStatisticsRow(**asdict(row)) for row in result.rows],
        totals=OrderStatisticsRow(**asdict(result.totals)),
        truncated=result.truncated,
    )


@strawberry.type(name="SalesReportFigures")
class SalesFiguresType:
    order_count: int
    amount: Decimal


@strawberry.type
class SalesReportRow:
    start: date = strawberry.field(description="The first day of the day, month or year.")
    label: str
    order_count: int
    amount: Decimal
    previous_order_count: int | None = strawberry.field(
        description="The same day of the previous month, month of the previous year, or the year before."
    )
    previous_amount: Decimal | None
    order_count_change_percent: Decimal | None
    amount_change_percent: Decimal | None


@strawberry.type(name="SalesReport")
class SalesReportType:
    period: SalesReportPeriod
    anchor: date
    date_from: date = strawberry.field(name="from")
    date_to: date = strawberry.field(name="to")
    previous_from: date
    previous_to: date
    currency: str
    rows: list[SalesReportRow]
    totals: SalesFiguresType
    previous_totals: SalesFiguresType
    order_count_change_percent: Decimal | None
    amount_change_percent: Decimal | None


def _figures(figures: SalesFigures) -> SalesFiguresType:
    return SalesFiguresType(order_count=figures.order_count, amount=figures.amount)


def sales_view(report: SalesReport) -> SalesReportType:
    return SalesReportType(
        period=SalesReportPeriod(report.period.value),
        anchor=report.anchor,
        date_from=report.range.start,
        date_to=report.range.end,
        previous_from=report.previous_range.start,
        previous_to=report.previous_range.end,
        currency=report.currency,
        rows=[
            SalesReportRow(
                start=row.start,
                label=row.label,
                order_count=row.current.order_count,
                amount=row.current.amount,
                previous_order_count=None if row.previous is None else row.previous.order_count,
                previous_amount=None if row.previous is None else row.previous.amount,
                order_count_change_percent=row.order_count_change_percent,
                amount_change_percent=row.amount_change_percent,
            )
            for row in report.rows
        ],
        totals=_figures(report.totals),
        previous_totals=_figures(report.previous_totals),
        order_count_change_percent=report.order_count_change_percent,
        amount_change_percent=report.amount_change_percent,
    )


@strawberry.type
class ProfitReportRow:
    key: str
    label: str = strawberry.field(description="Order number, customer, rep or product.")
    order_count: int
    revenue: Decimal = strawberry.field(description="Shipped part of the lines, less received returns.")
    cost: Decimal = strawberry.field(description="Cost of goods shipped, less returned cost.")
    expenses: Decimal | None = strawberry.field(description="Order expenses; null by PRODUCT.")
    profit: Decimal = strawberry.field(description="Revenue − cost − expenses (gross by PRODUCT).")
    margin_percent: Decimal | None
    order_date: date | None = strawberry.field(description="By ORDER only.")
    customer: str | None
    rep: str | None


@strawberry.type(name="ProfitReport")
class ProfitReportType:
    group_by: ProfitGroupBy
    date_from: date = strawberry.field(name="from")
    date_to: date = strawberry.field(name="to")
    currency: str
    rows: list[ProfitReportRow]
    totals: ProfitReportRow
    truncated: bool


def _profit_row(row: ProfitRow) -> ProfitReportRow:
    return ProfitReportRow(
        key=row.key,
        label=row.label,
        order_count=row.order_count,
        revenue=row.revenue,
        cost=row.cost,
        expenses=row.expenses,
        profit=row.profit,
        margin_percent=row.margin_percent,
        order_date=row.order_date,
        customer=row.customer,
        rep=row.rep,
    )


def profit_view(report: ProfitReport) -> ProfitReportType:
    return ProfitReportType(
        group_by=ProfitGroupBy(report.group_by.value),
        date_from=report.period.start,
        date_to=report.period.end,
        currency=report.currency,
        rows=[_profit_row(row) for row in report.rows],
        totals=_profit_row(report.totals),
        truncated=report.truncated,
    )


@strawberry.type
class CustomerArrearsRow:
    customer_id: strawberry.ID
    code: str
    name: str
    owner: str = strawberry.field(description="The customer's rep.")
    unpaid_order_count: int
    amount: Decimal = strawberry.field(
        description="Total of the customer's open orders (sold, not exactly settled)."
    )
    returned: Decimal
    received: Decimal
    balance: Decimal
    oldest_unpaid_date: date | None
    days_outstanding: int | None


@strawberry.type
class CustomerArrearsTotals:
    customer_count: int
    unpaid_order_count: int
    amount: Decimal
    returned: Decimal
    received: Decimal
    balance: Decimal


@strawberry.type(name="CustomerArrears")
class CustomerArrearsType:
    as_of: date = strawberry.field(description="Today in the workspace's time zone.")
    currency: str
    rows: list[CustomerArrearsRow]
    totals: CustomerArrearsTotals
    truncated: bool


def arrears_view(report: CustomerArrears) -> CustomerArrearsType:
    return CustomerArrearsType(
        as_of=report.as_of,
        currency=report.currency,
        rows=[
            CustomerArrearsRow(**{**asdict(row), "customer_id": strawberry.ID(str(row.customer_id))})
            for row in report.rows
        ],
        totals=CustomerArrearsTotals(**asdict(report.totals)),
        truncated=report.truncated,
    )


@strawberry.type
class ReturnsReportRow:
    key: str = strawberry.field(description="Reason code, product or SKU id; '' for totals.")
    label: str
    return_count: int
    quantity: Decimal = strawberry.field(description="Base units.")
    amount: Decimal
    cost: Decimal | None = strawberry.field(description="Null without cost.view.")


@strawberry.type(name="ReturnsReport")
class ReturnsReportType:
    group_by: ReturnsGroupBy
    date_from: date = strawberry.field(name="from")
    date_to: date = strawberry.field(name="to")
    currency: str
    rows: list[ReturnsReportRow]
    totals: ReturnsReportRow
    truncated: bool


def returns_view(report: ReturnsReport) -> ReturnsReportType:
    return ReturnsReportType(
        group_by=ReturnsGroupBy(report.group_by.value),
        date_from=report.period.start,
        date_to=report.period.end,
        currency=report.currency,
        rows=[ReturnsReportRow(**asdict(row)) for row in report.rows],
        totals=ReturnsReportRow(**asdict(report.totals)),
        truncated=report.truncated,
    )
