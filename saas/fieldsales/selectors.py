"""Field sales reads, per actor: visits (a rep their own, a manager their teams', the owner all), a rep's
day, teams and regions, and rankings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, owner_id
from saas.accounts.models import User
from saas.core.clock import day_bounds, tenant_today
from saas.core.errors import NotFound
from saas.core.ids import parse_id
from saas.fieldsales import geo
from saas.fieldsales.access import require_field_reader, visible_rep_ids
from saas.fieldsales.models import (
    CustomerSite,
    Dimension,
    FieldDailyStats,
    FieldTarget,
    Metric,
    Region,
    Team,
    TeamMember,
    Visit,
)


def visible_visits(actor: Actor) -> QuerySet[Visit]:
    """A rep's own visits, a manager's teams' too, everyone's with field.view_all (access.py)."""
    reps = visible_rep_ids(actor)
    return Visit.objects.all() if reps is None else Visit.objects.filter(rep_id__in=reps)


@dataclass(frozen=True)
class FieldDay:
    rep: User
    day: date
    visits: list[Visit]
    distance_travelled_m: int


def travelled_meters(visits: list[Visit]) -> int:
    """The straight-line distance between one check-in and the next, over the day (check-ins
    without a position are skipped). No background tracking: check-ins are the only positions."""
    points = [
        geo.Point(float(v.latitude), float(v.longitude))
        for v in visits
        if v.latitude is not None and v.longitude is not None
    ]
    return round(sum(geo.distance_meters(a, b) for a, b in zip(points, points[1:], strict=False)))


def field_day(*, actor: Actor, rep_id: Any = None, day: date | None = None) -> FieldDay:
    """A rep's day (default: the caller, today in the workspace's time zone), in check-in order.
    Another rep's day is not found unless the caller sees everyone's field data."""
    visible = visible_visits(actor)
    wanted = owner_id(actor) if rep_id in (None, "") else parse_id(rep_id)
    reps = visible_rep_ids(actor)
    rep = None
    if wanted is not None and (reps is None or wanted in reps):
        rep = User.objects.filter(pk=wanted).first()
    if rep is None:
        raise NotFound(_("User not found."), field="rep_id")
    on = day or tenant_today()
    start, end = day_bounds(on)
    # A check-in sent later from the outbox belongs to the day and hour it was captured.
    visits: list[Visit] = list(
        visible.annotate(happened=Coalesce("captured_at", "checked_in_at"))
        .filter(rep=rep, happened__gte=start, happened__lt=end)
        .select_related("customer", "kind")
        .order_by("happened", "id")
    )
    return FieldDay(rep=rep, day=on, visits=visits, distance_travelled_m=travelled_meters(visits))


def regions(*, actor: Actor) -> QuerySet[Region]:
    require_field_reader(actor)
    return Region.objects.order_by("name", "id")


def teams(*, actor: Actor) -> QuerySet[Team]:
    require_field_reader(actor)
    return Team.objects.order_by("name", "id").prefetch_related("members")


# --- rankings ---------------------------------------------------------------------------------
# Rankings of reps, teams and regions over a day, week, month or quarter, from the daily rollup.
#
# A period is the one containing `on` in the workspace's time zone: the day itself; the week from
# Monday; the calendar month; the calendar quarter. Values are summed from FieldDailyStats (kept by
# saas/fieldsales/rollup.py); a team's value is its members' sum, a region's its teams'. Targets
# are monthly or quarterly (FieldTarget), so day and week rows carry none; a completion rate is the
# value over the target, null without one.
#
# Tie rule: equal values share a rank and the next rank skips (1, 1, 3: "standard competition"
# ranking); rows of equal value are listed by name, then id. Reps who did nothing in the period
# are listed with zero, so everyone sees where they stand; reps are the workspace's active people
# holding a field scope.

PERIODS = ("day", "week", "month", "quarter")


@dataclass(frozen=True)
class RankingRow:
    rank: int
    subject_id: int
    name: str
    value: Decimal
    target: Decimal | None
    completion_rate: Decimal | None


RANK_BY_VALUE = "value"
RANK_BY_COMPLETION = "completion_rate"


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
    """Who is ranked: the people in a team, and the reps (field.view_own) who are not the
    workspace's owners or admins (they hold every scope; they are ranked only for what they did)."""
    overseers = User.objects.filter(roles__scopes__contains=[scopes.FIELD_VIEW_ALL]).values("pk")
    people = (
        User.objects.filter(is_active=True)
        .filter(
            (Q(roles__scopes__contains=[scopes.FIELD_VIEW_OWN]) & ~Q(pk__in=overseers))
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
    by: str = RANK_BY_VALUE,
) -> list[RankingRow]:
    """The ranking of reps, teams or regions by `metric` over the period holding `on`, ordered by
    the value (default) or by the completion rate of their targets (RANK_BY_COMPLETION: those
    without a target last). Equal scores share a rank and the next one skips (1, 1, 3); within
    a tie, by name, then id."""
    require_field_reader(actor)
    first, last = period_bounds(period, on or tenant_today())
    per_rep = dict(
        FieldDailyStats.objects.filter(day__gte=first, day__lte=last)
        .values("rep_id")
        .annotate(total=Sum(metric))
        .values_list("rep_id", "total")
    )
    reps = _reps()
    missing = [rep_id for rep_id in per_rep if rep_id not in reps]  # left the field since: still ranked
    if missing:
        reps.update(User.objects.filter(pk__in=missing).values_list("pk", "full_name"))
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
    rates: dict[int, Decimal | None] = {}
    for key, value in values.items():
        target = targets.get(key)
        rates[key] = (value / target).quantize(Decimal("0.0001")) if target else None

    def score(key: int) -> Decimal:
        # By completion rate, those without a target come last (below any rate, even 0).
        if by == RANK_BY_COMPLETION:
            rate = rates[key]
            return rate if rate is not None else Decimal(-1)
        return values[key]

    ordered = sorted(values, key=lambda key: (-score(key), names.get(key, ""), key))
    rows: list[RankingRow] = []
    for position, key in enumerate(ordered, start=1):
        tied = rows and score(rows[-1].subject_id) == score(key)
        rank = rows[-1].rank if tied else position
        rows.append(RankingRow(rank, key, names.get(key, ""), values[key], targets.get(key), rates[key]))
    return rows


def field_reps(*, actor: Actor) -> QuerySet[User]:
    """The people whose field day the actor may open: themselves, their teams' reps, or every
    active person with a field scope (field.view_all)."""
    reps = visible_rep_ids(actor)
    people = User.objects.filter(is_active=True)
    if reps is None:
        return (
            people.filter(
                Q(roles__scopes__overlap=[scopes.FIELD_VIEW_OWN, scopes.FIELD_VIEW_TEAM])
                | Q(pk__in=TeamMember.objects.values("user_id"))
            )
            .distinct()
            .order_by("full_name", "id")
        )
    return people.filter(pk__in=reps).order_by("full_name", "id")


def customer_site(*, actor: Actor, customer_id: Any) -> CustomerSite | None:
    """A customer's site when the actor may see the customer; None when none was set."""
    from saas.customers.access import visible_customer

    require_field_reader(actor)
    customer = visible_customer(actor, customer_id, field="customer_id")
    return CustomerSite.objects.filter(customer=customer).first()
