"""A rep's targets for the month or quarter (我的目标): each metric's target, what the daily
rollup has counted so far, the completion rate, and the share of the period gone, so the screen
can say whether the rep is on pace (completion ≥ share of the period)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.fieldsales.models import Dimension, FieldDailyStats, FieldTarget, Metric
from saas.fieldsales.plan_selectors import field_person, field_rep
from saas.fieldsales.selectors import period_bounds


@dataclass(frozen=True)
class MetricProgress:
    metric: str
    value: Decimal
    target: Decimal | None
    completion_rate: Decimal | None  # value / target; None without a target


@dataclass(frozen=True)
class TargetProgress:
    rep: User
    period: str
    first_day: date
    last_day: date
    elapsed_share: Decimal  # days gone (today included) / days in the period, 0-1
    metrics: list[MetricProgress]


def field_targets(
    *, actor: Actor, rep_id: Any = None, period: str = "month", on: date | None = None
) -> TargetProgress:
    """The rep's (the caller's without rep_id) targets and progress in the month or quarter
    holding `on` (today in the workspace's time zone). Whose: as every field read (a manager
    their teams' reps, field.view_all everyone's; not found otherwise)."""
    person = field_person(actor)
    rep = field_rep(person, rep_id)
    today = tenant_today()
    day = on or today
    first, last = period_bounds(period, day)
    totals = FieldDailyStats.objects.filter(rep=rep, day__gte=first, day__lte=last).aggregate(
        **{metric: Sum(metric) for metric in Metric.values}
    )
    targets = dict(
        FieldTarget.objects.filter(
            period=period, starts_on=first, dimension=Dimension.REP, subject_id=rep.pk
        ).values_list("metric", "value")
    )
    rows = []
    for metric in Metric.values:
        value = Decimal(totals[metric] or 0)
        target = targets.get(metric)
        rate = (value / target).quantize(Decimal("0.0001")) if target else None
        rows.append(MetricProgress(metric, value, target, rate))
    length = (last - first).days + 1
    gone = min(max((min(today, last) - first).days + 1, 0), length)
    return TargetProgress(
        rep=rep,
        period=period,
        first_day=first,
        last_day=last,
        elapsed_share=(Decimal(gone) / Decimal(length)).quantize(Decimal("0.0001")),
        metrics=rows,
    )
