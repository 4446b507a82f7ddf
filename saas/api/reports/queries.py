"""Queries of reports: orderStatistics, salesReport, profitReport, customerArrears, returnsReport.

Each needs reports.view (profitReport also cost.view) and counts only the orders the caller may
see. Errors carry extensions.code: forbidden, date_range_invalid, date_range_too_long,
date_invalid, status_invalid, id_invalid, years_invalid, limit_invalid.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.choices import model_values
from saas.api.permissions import current_actor
from saas.api.reports.types import (
    CustomerArrearsType,
    OrderStatisticsFilter,
    OrderStatisticsGroupBy,
    OrderStatisticsResult,
    ProfitGroupBy,
    ProfitReportType,
    ReturnsGroupBy,
    ReturnsReportType,
    SalesReportPeriod,
    SalesReportType,
    arrears_view,
    profit_view,
    returns_view,
    sales_view,
    statistics_view,
)
from saas.core.errors import InvalidInput
from saas.reports.arrears import customer_arrears
from saas.reports.filters import OrderFilters
from saas.reports.profit import profit_report
from saas.reports.returns import returns_report
from saas.reports.sales import sales_report
from saas.reports.statistics import order_statistics

MAX_ROWS = 1000

DateFrom = Annotated[
    date | None, strawberry.argument(name="from", description="First day, inclusive; default: this month.")
]
DateTo = Annotated[date | None, strawberry.argument(name="to", description="Last day, inclusive.")]


def _check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_ROWS:
        raise InvalidInput(_("limit must be 1-%(n)d.") % {"n": MAX_ROWS}, code="limit_invalid", field="limit")
    return limit


@strawberry.type
class ReportsQueries:
    @strawberry.field(
        description="Order counts and amounts for a period (order_date, workspace time zone), grouped; "
        "rows are capped at `limit`, totals cover everything filtered."
    )
    def order_statistics(
        self,
        info: Info,
        group_by: OrderStatisticsGroupBy,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        filters: OrderStatisticsFilter | None = None,
        limit: int = 500,
    ) -> OrderStatisticsResult:
        _check_limit(limit)
        wanted = filters or OrderStatisticsFilter()
        if wanted.statuses is not None and len(wanted.statuses) > 20:
            raise InvalidInput(_("Too many values."), code="too_many_values", field="filters.statuses")
        result = order_statistics(
            actor=current_actor(info),
            group_by=group_by.value,
            date_from=date_from,
            date_to=date_to,
            filters=OrderFilters.of(
                statuses=model_values(wanted.statuses),
                rep_id=wanted.rep_id,
                customer_id=wanted.customer_id,
                product_id=wanted.product_id,
                sku_id=wanted.sku_id,
            ),
            limit=limit,
        )
        return statistics_view(result)

    @strawberry.field(
        description="Sales by day of a month (DAY), month of a year (MONTH) or year (YEAR, `years` of them), "
        "each beside the previous period; anchor defaults to today in the workspace."
    )
    def sales_report(
        self, info: Info, period: SalesReportPeriod, anchor: date | None = None, years: int = 5
    ) -> SalesReportType:
        return sales_view(
            sales_report(actor=current_actor(info), period=period.value, anchor=anchor, years=years)
        )

    @strawberry.field(
        description="Revenue (shipped, less received returns), cost of goods, expenses and profit; "
        "needs cost.view."
    )
    def profit_report(
        self,
        info: Info,
        group_by: ProfitGroupBy,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        limit: int = 500,
    ) -> ProfitReportType:
        _check_limit(limit)
        result = profit_report(
            actor=current_actor(info),
            group_by=group_by.value,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )
        return profit_view(result)

    @strawberry.field(description="What each visible customer owes on sold orders, largest balance first.")
    def customer_arrears(self, info: Info, limit: int = 100) -> CustomerArrearsType:
        _check_limit(limit)
        return arrears_view(customer_arrears(actor=current_actor(info), limit=limit))

    @strawberry.field(description="Accepted returns of a period by reason, product or SKU.")
    def returns_report(
        self,
        info: Info,
        date_from: DateFrom = None,
        date_to: DateTo = None,
        group_by: ReturnsGroupBy = ReturnsGroupBy.REASON,
        limit: int = 500,
    ) -> ReturnsReportType:
        _check_limit(limit)
        result = returns_report(
            actor=current_actor(info),
            group_by=group_by.value,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
        )
        return returns_view(result)
