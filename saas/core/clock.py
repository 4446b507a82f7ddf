"""Now and today where the workspace is: each tenant has its own time zone (default Asia/Shanghai).

"Today", "this year" and report boundaries are the tenant's: 00:30 on 1 November in Beijing is
November, not October, and a document written on 31 December 23:30 there belongs to that year.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

from saas.core.tenancy import current_tenant

DEFAULT_TIME_ZONE = "Asia/Shanghai"


def tenant_zone() -> ZoneInfo:
    """The workspace's time zone; the default when none or an unknown one is stored."""
    try:
        return ZoneInfo(current_tenant().time_zone or DEFAULT_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIME_ZONE)


def tenant_now() -> datetime:
    """This moment on the workspace's clock (aware)."""
    return timezone.now().astimezone(tenant_zone())


def tenant_today() -> date:
    return tenant_now().date()


def tenant_date(moment: datetime, zone: ZoneInfo | None = None) -> date:
    """The day `moment` falls on in the workspace's time zone (`zone` when the caller has it)."""
    return moment.astimezone(zone or tenant_zone()).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of `day` in the workspace's time zone: what "on that day" means for reports,
    rankings and a rep's day alike."""
    start = datetime.combine(day, time.min, tzinfo=tenant_zone())
    return start, start + timedelta(days=1)
