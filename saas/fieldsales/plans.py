"""Visit plans and visit frequencies (writes): a rep's route for a day, and how often customers of
each level should be visited.

A rep plans their own day; a manager (field.manage) plans the day of a rep whose field data they
see (their teams; owners and admins anyone's). A plan's customers are ones the rep can check in
at (the rep's own customers). A stop is marked visited by the rep's first check-in there that
day: the `field_plans` consumer of visit.checked_in links it, and setting a plan links the
check-ins the day already has.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.clock import tenant_date, tenant_today
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.core.inputs import clean_text
from saas.core.models import LoggedEvent
from saas.customers.access import visible_customer
from saas.customers.models import Customer, CustomerLevel
from saas.fieldsales.access import FIELD_SCOPES, require_field_manager, require_field_person
from saas.fieldsales.models import PlanStop, Visit, VisitFrequency, VisitPlan
from saas.fieldsales.plan_selectors import field_rep, first_visits

MAX_STOPS = 50
PLAN_AHEAD_DAYS = 31
NOTE_LENGTH = 200
MAX_VISITS_PER_MONTH = 31


def _planned_rep(person: User, rep_id: Any) -> User:
    rep = field_rep(person, rep_id)
    if rep.pk == person.pk:
        return rep
    if not person.has_scope(scopes.FIELD_MANAGE):
        raise Forbidden(_("Only managers plan other reps' days."), code="forbidden", field="rep_id")
    if not rep.is_active or not any(rep.has_scope(scope) for scope in FIELD_SCOPES):
        raise InvalidInput(_("This person does not work in the field."), code="rep_invalid", field="rep_id")
    return rep


def _plan_day(day: date) -> date:
    today = tenant_today()
    if day < today:
        raise InvalidInput(_("Plans are made for today or later."), code="date_past", field="date")
    if day > today + timedelta(days=PLAN_AHEAD_DAYS):
        raise InvalidInput(
            _("Plans are made at most %(n)d days ahead.") % {"n": PLAN_AHEAD_DAYS},
            code="date_too_far",
            field="date",
        )
    return day


def _notes(notes: list[str] | None, count: int) -> list[str] | None:
    if notes is None:
        return None
    if len(notes) != count:
        raise InvalidInput(_("Give one note per customer."), code="notes_mismatch", field="notes")
    return [
        clean_text(note, field=f"notes.{index}", max_length=NOTE_LENGTH) for index, note in enumerate(notes)
    ]


def visit_plan_set(
    *,
    actor: Actor,
    day: date,
    customer_ids: list[Any],
    rep_id: Any = None,
    notes: list[str] | None = None,
) -> VisitPlan:
    """The rep's plan for `day`: the customers in visiting order, the whole new list (empty clears
    it). Without `notes` a customer that stays keeps its note."""
    person = require_field_person(actor)
    rep = _planned_rep(person, rep_id)
    on = _plan_day(day)
    if len(customer_ids) > MAX_STOPS:
        raise InvalidInput(
            _("At most %(n)d customers a day.") % {"n": MAX_STOPS}, code="too_many", field="customer_ids"
        )
    customers: list[Customer] = []
    for index, value in enumerate(customer_ids):
        # The rep's eyes, not the planner's: the rep must be able to check in there.
        customer = visible_customer(rep, value, field=f"customer_ids.{index}")
        if any(customer.pk == seen.pk for seen in customers):
            raise InvalidInput(
                _("This customer is already in the plan."),
                code="duplicate_customer",
                field=f"customer_ids.{index}",
            )
        customers.append(customer)
    cleaned_notes = _notes(notes, len(customers))
    with transaction.atomic():
        plan = _locked_plan(rep, on, person)
        before = {stop.customer_id: stop for stop in plan.stops.all()}
        seen = first_visits(rep.pk, on, [customer.pk for customer in customers])
        plan.stops.all().delete()
        stops = []
        for position, customer in enumerate(customers, start=1):
            kept = before.get(customer.pk)
            note = cleaned_notes[position - 1] if cleaned_notes is not None else (kept.note if kept else "")
            visit = seen.get(customer.pk)
            stops.append(
                PlanStop(
                    plan=plan,
                    customer=customer,
                    position=position,
                    note=note,
                    visited_visit_id=visit.pk if visit is not None else None,
                )
            )
        PlanStop.objects.bulk_create(stops)
        plan.planned_by = person
        plan.updated_at = timezone.now()
        plan.save(update_fields=["planned_by", "updated_at"])
    return plan


def _locked_plan(rep: User, day: date, person: User) -> VisitPlan:
    plan = VisitPlan.objects.select_for_update().filter(rep=rep, day=day).first()
    if plan is not None:
        return plan
    try:
        with transaction.atomic():
            return VisitPlan.objects.create(rep=rep, day=day, planned_by=person)
    except IntegrityError:
        # Planned at the same moment by another request: change that plan.
        return VisitPlan.objects.select_for_update().get(rep=rep, day=day)


def visit_frequency_set(*, actor: Actor, level_id: Any, visits_per_month: int) -> VisitFrequency:
    """How many visits a month customers of the level should get (0: no rule)."""
    require_field_manager(actor)
    pk = clean_id(level_id, "level_id", _("Customer level not found."))
    level = CustomerLevel.objects.filter(pk=pk).first()
    if level is None:
        raise NotFound(_("Customer level not found."), field="level_id")
    if isinstance(visits_per_month, bool) or not 0 <= visits_per_month <= MAX_VISITS_PER_MONTH:
        raise InvalidInput(
            _("Visits a month are 0 to %(n)d.") % {"n": MAX_VISITS_PER_MONTH},
            code="visits_per_month_invalid",
            field="visits_per_month",
        )
    frequency, _created = VisitFrequency.objects.update_or_create(
        level=level, defaults={"visits_per_month": visits_per_month}
    )
    return frequency


def plan_stop_link(record: LoggedEvent) -> None:
    """The `field_plans` consumer of visit.checked_in: the check-in marks its customer's stop in
    the rep's plan of that day as visited (the first check-in there; a later one changes nothing)."""
    visit = Visit.objects.filter(pk=record.object_id or 0).first()
    if visit is None:
        return
    PlanStop.objects.filter(
        plan__rep_id=visit.rep_id,
        plan__day=tenant_date(visit.captured_at or visit.checked_in_at),  # as plan_selectors.happened
        customer_id=visit.customer_id,
        visited_visit__isnull=True,
    ).update(visited_visit=visit)
