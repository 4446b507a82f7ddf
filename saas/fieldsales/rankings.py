"""Rankings of reps, teams and regions over a day, week, month or quarter, from the daily rollup.

A period is the one containing `on` in the workspace's time zone: the day itself; the week from
Monday; the calendar month; the calendar quarter. Values are summed from FieldDailyStats (kept by
saas/fieldsales/rollup.py); a team's value is its members' sum, a region's its teams'. Targets
are monthly or quarterly (FieldTarget), so day and week rows carry none; a completion rate is the
value over the target, null without one.

Tie rule: equal values share a rank and the next rank skips (1, 1, 3: "standard competition"
ranking); rows of equal value are listed by name, then id. Reps who did nothing in the period
are listed with zero, so everyone sees where they stand; reps are the workspace's active people
holding a field scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, Sum

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.fieldsales.access import require_field_reader
from saas.fieldsales.models import Dimension, FieldDailyStats, FieldTarget, Metric, Region, Team, TeamMember

PERIODS = ("day", "week", "month", "quarter")


@dataclass(frozen=True)
class RankingRow:
    rank: int
    subject_id: int
    name: str
    value: Decimal
    target: Decimal | None
    completion_rate: Decimal | None


def period_bounds(period: str, on: date) -> tuple[date, date]:
    """[first day, last day] of the period containing `on`."""
    if period == "day":
        return on, on
    if period == "week":
        start = on - timedelta(days=on.weekday())
        return start, start + timedelta(days=6)
    if period == "month":
        start = on.replace(day=1)
    elif period == "quarter":
        start = on.replace(month=(on.month - 1) // 3 * 3 + 1, day=1)
    else:
        raise ValueError(period)
    months = 1 if period == "month" else 3
    month_after = start.month - 1 + months
    following = start.replace(year=start.year + month_after // 12, month=month_after % 12 + 1)
    return start, following - timedelta(days=1)


def _reps() -> dict[int, str]:
    people = (
        User.objects.filter(is_active=True)
        .filter(
            Q(roles__scopes__contains=[scopes.FIELD_VIEW_OWN])
            | Q(pk__in=TeamMember.objects.values("user_id"))
        )
        .distinct()
        .values_list("pk", "full_name")
    )
    return dict(people)


def field_rankings(
    *,
    actor: Actor,
    period: str = "month",
    dimension: str = Dimension.REP,
    metric: str = Metric.SALES_AMOUNT,
    on: date | None = None,
) -> list[RankingRow]:
    require_field_reader(actor)
    first, last = period_bounds(period, on or tenant_today())
    per_rep = dict(
        FieldDailyStats.objects.filter(day__gte=first, day__lte=last)
        .values("rep_id")
        .annotate(total=Sum(metric))
        .values_list("rep_id", "total")
    )
    reps = _reps()
    for rep_id in per_rep:
        reps.setdefault(
            rep_id, User.objects.filter(pk=rep_id).values_list("full_name", flat=True).first() or ""
        )
    if dimension == Dimension.REP:
        names = reps
        values = {rep_id: Decimal(per_rep.get(rep_id) or 0) for rep_id in reps}
    else:
        team_of = dict(TeamMember.objects.values_list("user_id", "team_id"))
        if dimension == Dimension.TEAM:
            names = dict(Team.objects.values_list("pk", "name"))
            group_of = team_of
        else:
            names = dict(Region.objects.values_list("pk", "name"))
            region_of_team = dict(Team.objects.filter(region__isnull=False).values_list("pk", "region_id"))
            group_of = {
                user: region_of_team[team] for user, team in team_of.items() if team in region_of_team
            }
        values = dict.fromkeys(names, Decimal(0))
        for rep_id, total in per_rep.items():
            group = group_of.get(rep_id)
            if group is not None:
                values[group] += Decimal(total or 0)
    targets: dict[int, Decimal] = {}
    if period in ("month", "quarter"):
        targets = dict(
            FieldTarget.objects.filter(
                period=period, starts_on=first, dimension=dimension, metric=metric
            ).values_list("subject_id", "value")
        )
    ordered = sorted(values, key=lambda key: (-values[key], names.get(key, ""), key))
    rows: list[RankingRow] = []
    for position, key in enumerate(ordered, start=1):
        value = values[key]
        rank = rows[-1].rank if rows and rows[-1].value == value else position
        target = targets.get(key)
        rate = (value / target).quantize(Decimal("0.0001")) if target else None
        rows.append(RankingRow(rank, key, names.get(key, ""), value, target, rate))
    return rows
