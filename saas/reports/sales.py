"""Sales reports (销售日报/月报/年报) with the previous period beside them (环比 / 同比).

- DAY: the anchor's month, one row per day; compared with the previous month, each day with
  the same day of that month (none for the 31st after a 30-day month).
- MONTH: the anchor's year, one row per month; compared with the previous year, each month with
  the same month a year before.
- YEAR: `years` years ending with the anchor's year, one row per year; compared with as many
  years before, each year with the year before it.

Totals are the whole period; previous totals the whole previous period (so a month's
comparison takes every day of the previous month). Every row appears, with zeros where nothing
was sold. One SQL query covers both periods, grouped by day, month or year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth, TruncYear
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.clock import tenant_today
from saas.core.errors import InvalidInput
from saas.core.tenancy import current_tenant
from saas.reports.access import require_report_viewer
from saas.reports.filters import clean_choice
from saas.reports.periods import (
    DateRange,
    add_months,
    change_percent,
    check_date,
    month_range,
    previous_day_of_month,
    year_range,
)
from saas.sales.models import SOLD_STATUSES
from saas.sales.selectors.visibility import visible_orders

MONEY = DecimalField(max_digits=18, decimal_places=2)
ZERO = Decimal(0)
MAX_YEARS = 10


class SalesPeriod(StrEnum):
    DAY = "day"  # a month, by day
    MONTH = "month"  # a year, by month
    YEAR = "year"  # several years, by year


@dataclass(frozen=True)
class SalesFigures:
    order_count: int = 0
    amount: Decimal = ZERO


@dataclass(frozen=True)
class SalesRow:
    start: date  # the first day of the day, month or year
    label: str  # 2025-10-31, 2025-10, 2025
    current: SalesFigures
    previous: SalesFigures | None  # the matching day, month or year before; None if there is none

    @property
    def amount_change_percent(self) -> Decimal | None:
        return None if self.previous is None else change_percent(self.current.amount, self.previous.amount)

    @property
    def order_count_change_percent(self) -> Decimal | None:
        if self.previous is None:
            return None
        return change_percent(self.current.order_count, self.previous.order_count)


@dataclass(frozen=True)
class SalesReport:
    period: SalesPeriod
    anchor: date
    range: DateRange
    previous_range: DateRange
    currency: str
    rows: list[SalesRow]
    totals: SalesFigures
    previous_totals: SalesFigures

    @property
    def amount_change_percent(self) -> Decimal | None:
        return change_percent(self.totals.amount, self.previous_totals.amount)

    @property
    def order_count_change_percent(self) -> Decimal | None:
        return change_percent(self.totals.order_count, self.previous_totals.order_count)


def _ranges(period: SalesPeriod, anchor: date, years: int) -> tuple[DateRange, DateRange]:
    if period is SalesPeriod.DAY:
        return month_range(anchor), month_range(add_months(anchor, -1))
    if period is SalesPeriod.MONTH:
        return year_range(anchor.year), year_range(anchor.year - 1)
    first = anchor.year - years + 1
    return year_range(first, anchor.year), year_range(first - years, first - 1)


def _buckets(period: SalesPeriod, span: DateRange) -> list[date]:
    if period is SalesPeriod.DAY:
        return [date.fromordinal(n) for n in range(span.start.toordinal(), span.end.toordinal() + 1)]
    if period is SalesPeriod.MONTH:
        return [date(span.start.year, month, 1) for month in range(1, 13)]
    return [date(year, 1, 1) for year in range(span.start.year, span.end.year + 1)]


def _previous_bucket(period: SalesPeriod, start: date) -> date | None:
    if period is SalesPeriod.DAY:
        return previous_day_of_month(start)
    return start.replace(year=start.year - 1)  # the same month a year before, or the year before


def _label(period: SalesPeriod, start: date) -> str:
    if period is SalesPeriod.DAY:
        return start.isoformat()
    if period is SalesPeriod.MONTH:
        return start.strftime("%Y-%m")
    return str(start.year)


def _sum(figures: list[SalesFigures]) -> SalesFigures:
    return SalesFigures(
        order_count=sum(f.order_count for f in figures), amount=sum((f.amount for f in figures), ZERO)
    )


def sales_report(
    *, actor: Actor, period: SalesPeriod | str, anchor: date | None = None, years: int = 5
) -> SalesReport:
    require_report_viewer(actor)
    kind = clean_choice(SalesPeriod, period, "period", "period_invalid")
    anchor = check_date(anchor, "anchor") if anchor is not None else tenant_today()
    if kind is SalesPeriod.YEAR and not 1 <= years <= MAX_YEARS:
        raise InvalidInput(
            _("Choose 1 to %(n)d years.") % {"n": MAX_YEARS}, code="years_invalid", field="years"
        )
    current, previous = _ranges(kind, anchor, years)
    orders = visible_orders(actor).filter(
        status__in=SOLD_STATUSES, order_date__range=(previous.start, current.end)
    )
    bucket: Any = {
        SalesPeriod.DAY: F("order_date"),
        SalesPeriod.MONTH: TruncMonth("order_date"),
        SalesPeriod.YEAR: TruncYear("order_date"),
    }[kind]
    figures = {
        row["bucket"]: SalesFigures(order_count=row["order_count"], amount=row["amount"])
        for row in orders.values(bucket=bucket)
        .annotate(
            order_count=Count("id"),
            amount=Coalesce(Sum("total_amount", output_field=MONEY), Value(ZERO), output_field=MONEY),
        )
        .order_by()
    }
    rows = []
    for start in _buckets(kind, current):
        before = _previous_bucket(kind, start)
        rows.append(
            SalesRow(
                start=start,
                label=_label(kind, start),
                current=figures.get(start, SalesFigures()),
                previous=None if before is None else figures.get(before, SalesFigures()),
            )
        )
    previous_figures = [figures.get(start, SalesFigures()) for start in _buckets(kind, previous)]
    return SalesReport(
        period=kind,
        anchor=anchor,
        range=current,
        previous_range=previous,
        currency=current_tenant().currency,
        rows=rows,
        totals=_sum([row.current for row in rows]),
        previous_totals=_sum(previous_figures),
    )
