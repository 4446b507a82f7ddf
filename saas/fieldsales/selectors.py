"""Field sales reads, per actor: visits (a rep their own, a manager everyone's) and a rep's day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, owner_id
from saas.accounts.models import User
from saas.core.clock import tenant_today, tenant_zone
from saas.core.errors import NotFound
from saas.core.ids import parse_id
from saas.fieldsales import geo
from saas.fieldsales.access import visible_rep_ids
from saas.fieldsales.models import Visit


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


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = tenant_zone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


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
    start, end = _day_bounds(on)
    visits = list(
        visible.filter(rep=rep, checked_in_at__gte=start, checked_in_at__lt=end)
        .select_related("customer")
        .order_by("checked_in_at", "id")
    )
    return FieldDay(rep=rep, day=on, visits=visits, distance_travelled_m=travelled_meters(visits))
