"""Months and quarters of commissions and rebates, in the workspace's time zone.

A period is named by its first day; it closes at midnight after its last day where the
workspace is (00:00 on 1 December in Beijing closes November, though it is still 30 November
in UTC). Timestamps (an order's completed_at, a return's received_at) fall in the period of
their day on the workspace's clock.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils.translation import gettext as _

from saas.core.clock import tenant_today, tenant_zone
from saas.core.errors import InvalidInput
from saas.core.inputs import clean_date

MONTH, QUARTER = "month", "quarter"
EARLIEST = date(2000, 1, 1)
LATEST = date(2999, 12, 1)


def month_of(day: date) -> date:
    return day.replace(day=1)


def add_months(first: date, months: int) -> date:
    """The first day of the month `months` after `first`'s."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def quarter_of(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_start(kind: str, day: date) -> date:
    return quarter_of(day) if kind == QUARTER else month_of(day)


def period_end(kind: str, start: date) -> date:
    """The last day (inclusive)."""
    last = add_months(start, 2) if kind == QUARTER else start
    return last.replace(day=calendar.monthrange(last.year, last.month)[1])


def period_bounds(kind: str, start: date) -> tuple[datetime, datetime]:
    """[first moment, moment after the last) on the workspace's clock."""
    zone = tenant_zone()
    end = period_end(kind, start) + timedelta(days=1)
    return datetime.combine(start, time.min, tzinfo=zone), datetime.combine(end, time.min, tzinfo=zone)


def is_closed(kind: str, start: date, today: date | None = None) -> bool:
    """Whether the period's last day is over where the workspace is."""
    return (today or tenant_today()) > period_end(kind, start)


def last_closed(kind: str, today: date | None = None) -> date:
    """The latest period that has closed: the one before the period of today."""
    current = period_start(kind, today or tenant_today())
    return add_months(current, -3 if kind == QUARTER else -1)


def clean_period_start(value: Any, kind: str, field: str = "period_start") -> date:
    """A period's first day (the first of a month, of a quarter's first month), sane years."""
    day = clean_date(value, field)
    if day is None or not EARLIEST <= day <= LATEST or day != period_start(kind, day):
        message = (
            _("Name a quarter by its first day (1 January, 1 April, 1 July or 1 October).")
            if kind == QUARTER
            else _("Name a month by its first day.")
        )
        raise InvalidInput(message, code="period_invalid", field=field)
    return day


def period_label(kind: str, start: date) -> str:
    if kind == QUARTER:
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return start.strftime("%Y-%m")
