"""Report periods in the workspace's time zone: today, date ranges, months, years, comparisons.

Orders and returns carry tenant-local dates (`order_date`, `return_date`), so a report filters
and groups those dates as they are; only "today" needs the time zone, for default periods and
for how long an order has been owing.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from saas.core.clock import tenant_now, tenant_today
from saas.core.errors import InvalidInput

MAX_RANGE_DAYS = 3660  # ten years and a bit: longer belongs in a yearly report
# Dates a report accepts; keeps date arithmetic (previous year, ten years back) in range.
EARLIEST = date(1970, 1, 1)
LATEST = date(2999, 12, 31)
ONE_DECIMAL = Decimal("0.1")


def tenant_now_text() -> str:
    """When a report was made, for export and print headers."""
    return tenant_now().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the 31st becomes the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_range(day: date) -> DateRange:
    return DateRange(month_start(day), month_end(day))


def year_range(first_year: int, last_year: int | None = None) -> DateRange:
    return DateRange(date(first_year, 1, 1), date(last_year or first_year, 12, 31))


def check_date(value: date, field: str) -> date:
    if not EARLIEST <= value <= LATEST:
        raise InvalidInput(
            _("Choose a date between %(first)s and %(last)s.")
            % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()},
            code="date_invalid",
            field=field,
        )
    return value


def clean_range(date_from: date | None, date_to: date | None, *, max_days: int = MAX_RANGE_DAYS) -> DateRange:
    """The period a report covers, inclusive. Without dates: this month in the workspace.

    Only `from`: up to today (or that day, if it is in the future). Only `to`: from the first of
    that month.
    """
    if date_from is None and date_to is None:
        return month_range(tenant_today())
    if date_from is not None:
        check_date(date_from, "from")
    if date_to is not None:
        check_date(date_to, "to")
    if date_from is None:
        assert date_to is not None
        date_from = month_start(date_to)
    if date_to is None:
        date_to = max(date_from, tenant_today())
    if date_from > date_to:
        raise InvalidInput(
            _("The start date is after the end date."), code="date_range_invalid", field="from"
        )
    period = DateRange(date_from, date_to)
    if period.days > max_days:
        raise InvalidInput(
            _("Choose a period of at most %(n)d days.") % {"n": max_days},
            code="date_range_too_long",
            field="to",
        )
    return period


def previous_day_of_month(day: date) -> date | None:
    """The same day of the previous month, or None when that month is shorter (31 March)."""
    previous = add_months(day, -1)
    return previous if previous.day == day.day else None


def change_percent(current: Decimal | int, previous: Decimal | int) -> Decimal | None:
    """(current − previous) / previous in percent, one decimal; None when there was nothing before."""
    if not previous:
        return None
    change = (Decimal(current) - Decimal(previous)) * 100 / abs(Decimal(previous))
    return change.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def margin_percent(profit: Decimal, revenue: Decimal) -> Decimal | None:
    if not revenue:
        return None
    return (profit * 100 / revenue).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def days_between(earlier: date, later: date) -> int:
    return (later - earlier) // timedelta(days=1)
