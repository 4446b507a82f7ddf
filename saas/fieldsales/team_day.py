"""The team's day at a glance (团队外勤): one row per rep the actor follows, in a fixed number of
queries however many reps there are.

Who is listed: the people whose field day the actor may open (selectors.field_reps: a rep only
themself, a manager with field.view_team their teams' reps too, field.view_all everyone in the
field); visibility fails closed as there.

What a row counts, for the day in the workspace's time zone:
- visits, customers, out of range, offline: the rep's check-ins that happened that day (an
  offline one counts on the day it was captured, as the rep's day shows it), the distinct
  customers among them, those judged out of range, those captured offline;
- the last check-in: the latest by when it happened (captured time for an offline one);
- distance: straight lines between the day's check-ins with a position (travelled_meters);
- orders and collections: the rankings' own definitions (rollup.sales_by_rep and
  collections_by_rep), so the day's numbers here and in the rankings agree. Anyone in the field
  sees those sums in the rankings already; the team's day shows them for fewer people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.clock import day_bounds, tenant_today
from saas.fieldsales.models import TeamMember, Visit
from saas.fieldsales.plan_selectors import happened, happened_between
from saas.fieldsales.rollup import ZERO, collections_by_rep, sales_by_rep
from saas.fieldsales.selectors import field_reps, travelled_meters

# The visit columns a row needs (a visit's form answers and notes can be long).
VISIT_COLUMNS = (
    "id",
    "rep_id",
    "customer",
    "checked_in_at",
    "captured_at",
    "captured_offline",
    "latitude",
    "longitude",
    "verdict",
)


@dataclass(frozen=True)
class RepDay:
    rep: User
    day: date
    team_ids: tuple[int, ...]
    visit_count: int
    customer_count: int
    out_of_range_count: int
    offline_count: int
    distance_travelled_m: int
    last_visit: Visit | None  # with its customer
    orders_count: int
    orders_amount: Decimal
    collections_amount: Decimal


def field_team_day(*, actor: Actor, day: date | None = None) -> list[RepDay]:
    """Each rep the actor follows, in name order, with their numbers of `day` (default today)."""
    on = day or tenant_today()
    reps = list(field_reps(actor=actor))
    if not reps:
        return []
    rep_ids = [rep.pk for rep in reps]
    teams: dict[int, list[int]] = defaultdict(list)
    for user_id, team_id in TeamMember.objects.filter(user_id__in=rep_ids).values_list("user_id", "team_id"):
        teams[user_id].append(team_id)
    start, end = day_bounds(on)
    visits: dict[int, list[Visit]] = defaultdict(list)
    for visit in (
        Visit.objects.filter(happened_between(start, end), rep_id__in=rep_ids)
        .select_related("customer")
        .only(*VISIT_COLUMNS)
        .order_by("rep_id", happened(), "id")
    ):
        visits[visit.rep_id].append(visit)
    sold = sales_by_rep(on, rep_ids)
    collected = collections_by_rep(on, rep_ids)
    rows: list[RepDay] = []
    for rep in reps:
        mine = visits.get(rep.pk, [])
        orders = sold.get(rep.pk)
        rows.append(
            RepDay(
                rep=rep,
                day=on,
                team_ids=tuple(teams.get(rep.pk, ())),
                visit_count=len(mine),
                customer_count=len({visit.customer_id for visit in mine}),
                out_of_range_count=sum(1 for visit in mine if visit.out_of_range),
                offline_count=sum(1 for visit in mine if visit.captured_offline),
                distance_travelled_m=travelled_meters(mine),
                last_visit=mine[-1] if mine else None,
                orders_count=orders.orders if orders else 0,
                orders_amount=orders.amount if orders else ZERO,
                collections_amount=collected.get(rep.pk, ZERO),
            )
        )
    return rows
