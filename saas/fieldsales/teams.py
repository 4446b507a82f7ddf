"""Teams, regions and targets: the structure and goals rankings are measured against (writes)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.selectors import user_list
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id, parse_id
from saas.core.inputs import clean_decimal, clean_text
from saas.core.plan_limits import check_limit
from saas.fieldsales.access import require_field_manager, require_org_admin
from saas.fieldsales.models import Dimension, FieldTarget, Metric, Region, TargetPeriod, Team, TeamMember
from saas.fieldsales.selectors import period_bounds

MAX_MEMBERS = 200


def region_create(*, actor: Actor, name: str) -> Region:
    require_org_admin(actor)
    cleaned = clean_text(name, field="name", max_length=40, required=True)
    try:
        with transaction.atomic():
            return Region.objects.create(name=cleaned)
    except IntegrityError:
        raise InvalidInput(_("A region of this name exists."), code="name_taken", field="name") from None


def team_create(*, actor: Actor, name: str, region_id: Any = None, manager_id: Any = None) -> Team:
    require_org_admin(actor)
    cleaned = clean_text(name, field="name", max_length=40, required=True)
    region = None
    if region_id not in (None, ""):
        region = Region.objects.filter(pk=clean_id(region_id, "region_id", _("Region not found."))).first()
        if region is None:
            raise NotFound(_("Region not found."), field="region_id")
    manager = None
    if manager_id not in (None, ""):
        pk = parse_id(manager_id)
        manager = user_list(actor=actor, active=True).filter(pk=pk).first() if pk is not None else None
        if manager is None:
            raise NotFound(_("User not found."), field="manager_id")
    try:
        with transaction.atomic():
            return Team.objects.create(name=cleaned, region=region, manager=manager)
    except IntegrityError:
        raise InvalidInput(_("A team of this name exists."), code="name_taken", field="name") from None


def team_members_set(*, actor: Actor, team_id: Any, user_ids: list[Any]) -> Team:
    """The team's reps, the whole new set; a rep moves from any team they were in."""
    require_org_admin(actor)
    if len(user_ids) > MAX_MEMBERS:
        raise InvalidInput(_("At most %(n)d people.") % {"n": MAX_MEMBERS}, code="too_many", field="user_ids")
    with transaction.atomic():
        team = (
            Team.objects.select_for_update()
            .filter(pk=clean_id(team_id, "team_id", _("Team not found.")))
            .first()
        )
        if team is None:
            raise NotFound(_("Team not found."), field="team_id")
        wanted: list[int] = []
        for index, value in enumerate(user_ids):
            pk = parse_id(value)
            if pk is None or not user_list(actor=actor, active=True).filter(pk=pk).exists():
                raise NotFound(_("User not found."), field=f"user_ids.{index}")
            wanted.append(pk)
        TeamMember.objects.filter(team=team).exclude(user_id__in=wanted).delete()
        TeamMember.objects.filter(user_id__in=wanted).exclude(team=team).delete()
        have = set(TeamMember.objects.filter(team=team).values_list("user_id", flat=True))
        joining = len([pk for pk in dict.fromkeys(wanted) if pk not in have])
        if joining:
            # The deletes above already freed the places of reps who left or moved.
            check_limit("field_reps", adding=joining)
        TeamMember.objects.bulk_create(
            TeamMember(team=team, user_id=pk) for pk in dict.fromkeys(wanted) if pk not in have
        )
    return team


def field_target_set(
    *, actor: Actor, period: str, on: date, dimension: str, subject_id: Any, metric: str, value: Any
) -> FieldTarget:
    """A month's or quarter's target (the period containing `on`) for a rep, team or region."""
    require_field_manager(actor)
    if period not in TargetPeriod.values:
        raise InvalidInput(_("Targets are monthly or quarterly."), code="period_invalid", field="period")
    if dimension not in Dimension.values or metric not in Metric.values:
        raise InvalidInput(_("Unknown dimension or metric."), code="choice_invalid", field="metric")
    amount = clean_decimal(value, "value", "value_invalid")
    if amount < 0:
        raise InvalidInput(_("A target is zero or more."), code="value_invalid", field="value")
    subject = parse_id(subject_id)
    if dimension == Dimension.REP:
        exists = subject is not None and user_list(actor=actor).filter(pk=subject).exists()
    else:
        model = Team if dimension == Dimension.TEAM else Region
        exists = subject is not None and model.objects.filter(pk=subject).exists()  # type: ignore[attr-defined]
    if subject is None or not exists:
        raise NotFound(_("Not found."), field="subject_id")
    first, _last = period_bounds(period, on)
    target, _created = FieldTarget.objects.update_or_create(
        period=period,
        starts_on=first,
        dimension=dimension,
        subject_id=subject,
        metric=metric,
        defaults={"value": Decimal(amount)},
    )
    return target
