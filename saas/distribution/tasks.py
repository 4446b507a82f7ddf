"""Distribution jobs: the rebate runs of the month and quarter that just closed, per workspace.

Periods close at midnight where the workspace is, and workspaces live in different time zones,
so the chore runs every hour (at minute 7) and asks each workspace whose own calendar shows one
of the first days of a month to compute what closed (`rebate_runs_due`: once per period; a run
already there is left alone). A week of such days means a worker that was down on the 1st still
catches up. Each workspace computes in a job of its own, inside its schema.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone
from django_tenants.utils import get_tenant_model

from saas.core.clock import DEFAULT_TIME_ZONE
from saas.core.jobs import system_task, tenant_task
from saas.distribution.services.rebate_runs import rebate_runs_due

CATCH_UP_DAYS = 7


@tenant_task(queue="default")
def distribution_rebates_due() -> int:
    """Compute this workspace's rebate runs of the periods that closed; returns how many."""
    return len(rebate_runs_due())


def _local(now: datetime, zone: str) -> datetime:
    try:
        return now.astimezone(ZoneInfo(zone or DEFAULT_TIME_ZONE))
    except (ZoneInfoNotFoundError, ValueError):
        return now.astimezone(ZoneInfo(DEFAULT_TIME_ZONE))


def schemas_due(now: datetime) -> list[str]:
    """The workspaces whose own calendar is in the first days of a month."""
    rows = (
        get_tenant_model()
        .objects.exclude(schema_name__in=[settings.PUBLIC_SCHEMA_NAME, settings.SPARROW_TEMPLATE_SCHEMA])
        .values_list("schema_name", "time_zone")
    )
    return [schema for schema, zone in rows if _local(now, zone).day <= CATCH_UP_DAYS]


@system_task(periodic="7 * * * *")
def distribution_rebates_hourly(timestamp: int) -> int:
    """Every hour: each workspace early in its month computes its closed periods' rebate runs."""
    due = schemas_due(timezone.now())
    for schema in due:
        distribution_rebates_due.defer_for(schema)
    return len(due)
