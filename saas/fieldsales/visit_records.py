"""Visit records (客户拜访记录): the workspace's visit types and their forms, what a rep records at
a visit — the type, purpose, notes, follow-up date, the form's answers — and the orders taken there.

A rep records their own visits only, as often as they like until the visit is a week old (each
save replaces the record: an outbox resend is harmless). An order is linked to a visit when it is
the same rep's order for the same customer, placed on the visit's day (the workspace's time
zone), and not already linked to another visit.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.clock import tenant_zone
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id, parse_id
from saas.core.inputs import clean_date, clean_text
from saas.fieldsales.access import require_field_manager, require_field_person, require_field_reader
from saas.fieldsales.models import Visit, VisitKind, VisitOrder
from saas.fieldsales.selectors import visible_visits
from saas.fieldsales.visit_forms import FormField, clean_answers, clean_definition
from saas.sales.models import OrderStatus, SalesOrder
from saas.sales.selectors.visibility import visible_orders

MAX_KINDS = 50
MAX_ORDERS = 20
# A record can be corrected for a week; after that the visit is history (and the log is written).
EDITABLE_FOR = timedelta(days=7)
# A follow-up is planned within a year of the visit.
FOLLOW_UP_WITHIN = timedelta(days=366)


# --- visit types ---------------------------------------------------------------------------


def visit_kinds(*, actor: Actor, include_archived: bool = False) -> QuerySet[VisitKind]:
    """The workspace's visit types in their order: anyone in the field reads them."""
    require_field_reader(actor)
    kinds = VisitKind.objects.all()
    return kinds if include_archived else kinds.filter(archived=False)


def visit_kind_save(
    *,
    actor: Actor,
    kind_id: Any = None,
    name: str,
    fields: list[dict[str, Any]],
    position: int | None = None,
    archived: bool = False,
) -> VisitKind:
    """A new visit type, or a change to one (field.manage). Visits already recorded keep the
    answers and labels they were recorded with."""
    require_field_manager(actor)
    cleaned_name = clean_text(name, field="name", max_length=40, required=True)
    definition = clean_definition(fields)
    with transaction.atomic():
        if kind_id is None:
            if VisitKind.objects.filter(archived=False).count() >= MAX_KINDS:
                raise InvalidInput(
                    _("At most %(n)d visit types.") % {"n": MAX_KINDS}, code="too_many_kinds", field="name"
                )
            kind = VisitKind()
        else:
            found = (
                VisitKind.objects.select_for_update()
                .filter(pk=clean_id(kind_id, "id", _("Visit type not found.")))
                .first()
            )
            if found is None:
                raise NotFound(_("Visit type not found."), field="id")
            kind = found
        if (
            not archived
            and VisitKind.objects.filter(name=cleaned_name, archived=False).exclude(pk=kind.pk).exists()
        ):
            raise InvalidInput(_("A visit type with this name exists."), code="name_taken", field="name")
        kind.name = cleaned_name
        kind.fields = [spec.as_json() for spec in definition]
        kind.archived = archived
        if position is not None:
            kind.position = max(0, min(position, 10_000))
        kind.save()
    return kind


def kind_form(kind: VisitKind) -> list[FormField]:
    return [FormField.from_json(row) for row in kind.fields]


# --- the record -----------------------------------------------------------------------------


def _visit_day(visit: Visit) -> date:
    happened = visit.captured_at if visit.captured_offline and visit.captured_at else visit.checked_in_at
    return timezone.localtime(happened, tenant_zone()).date()


def linkable_orders(actor: Actor, visit: Visit) -> QuerySet[SalesOrder]:
    """Orders that may be linked to the visit: its rep's, for its customer, placed on its day,
    not cancelled, and not linked to another visit (as far as the actor, its rep, sees orders)."""
    return (
        visible_orders(actor)
        .filter(rep_id=visit.rep_id, customer_id=visit.customer_id, order_date=_visit_day(visit))
        .exclude(status=OrderStatus.CANCELLED)
        .filter(Q(visit_link__isnull=True) | Q(visit_link__visit=visit))
    )


def _orders(actor: Actor, visit: Visit, order_ids: list[Any]) -> list[SalesOrder]:
    if len(order_ids) > MAX_ORDERS:
        raise InvalidInput(
            _("At most %(n)d orders.") % {"n": MAX_ORDERS}, code="too_many_orders", field="order_ids"
        )
    wanted: list[int] = []
    for index, raw in enumerate(order_ids):
        pk = parse_id(raw)
        if pk is None:
            raise NotFound(_("Order not found."), field=f"order_ids.{index}")
        wanted.append(pk)
    found = {order.pk: order for order in linkable_orders(actor, visit).filter(pk__in=wanted)}
    for index, pk in enumerate(wanted):
        if pk not in found:
            raise InvalidInput(
                _("Only this visit's customer's orders, placed by the rep that day, can be linked."),
                code="order_not_linkable",
                field=f"order_ids.{index}",
            )
    return [found[pk] for pk in dict.fromkeys(wanted)]


def _own_visit_for_update(rep: Any, visit_id: Any, client_id: str | None) -> Visit:
    """The rep's visit by id, or by the clientId of its check-in: a record written offline right
    after an offline check-in names the check-in that the outbox sends just before it."""
    visits = Visit.objects.select_for_update().filter(rep=rep)
    if visit_id is not None and visit_id != "":
        visit = visits.filter(pk=clean_id(visit_id, "id", _("Visit not found."))).first()
    elif client_id and client_id.strip():
        visit = visits.filter(client_id=client_id.strip()[:64]).first()
    else:
        visit = None
    if visit is None:
        raise NotFound(_("Visit not found."), field="id")
    return visit


def visit_record(
    *,
    actor: Actor,
    visit_id: Any = None,
    visit_client_id: str | None = None,
    kind_id: Any = None,
    purpose: str = "",
    notes: str | None = None,
    follow_up_on: Any = None,
    answers: dict[str, Any] | None = None,
    order_ids: list[Any] | None = None,
) -> Visit:
    """The rep records their visit: everything given replaces what was recorded (notes and the
    linked orders only when given). Answers need a visit type and are checked against its form."""
    rep = require_field_person(actor)
    with transaction.atomic():
        visit = _own_visit_for_update(rep, visit_id, visit_client_id)
        if timezone.now() - visit.checked_in_at > EDITABLE_FOR:
            raise InvalidInput(
                _("Visits older than 7 days cannot be changed."), code="visit_locked", field="id"
            )
        kind = None
        if kind_id is not None and kind_id != "":
            pk = parse_id(kind_id)
            kind = VisitKind.objects.filter(pk=pk).first() if pk is not None else None
            # An archived type stays usable on the visits already recorded with it.
            if kind is None or (kind.archived and kind.pk != visit.kind_id):
                raise NotFound(_("Visit type not found."), field="kind_id")
        given = {key: value for key, value in (answers or {}).items()}
        if kind is None and given:
            raise InvalidInput(_("Pick the visit type first."), code="kind_required", field="kind_id")
        visit.kind = kind
        visit.answers = clean_answers(kind_form(kind), given) if kind is not None else []
        visit.purpose = clean_text(purpose, field="purpose", max_length=200)
        if notes is not None:
            visit.notes = clean_text(notes, field="notes", max_length=2000)
        follow_up = clean_date(follow_up_on, "follow_up_on")
        day = _visit_day(visit)
        if follow_up is not None and not day <= follow_up <= day + FOLLOW_UP_WITHIN:
            raise InvalidInput(
                _("A follow-up is on or after the visit, within a year."),
                code="follow_up_invalid",
                field="follow_up_on",
            )
        visit.follow_up_on = follow_up
        visit.recorded_at = timezone.now()
        visit.save()
        if order_ids is not None:
            orders = _orders(rep, visit, order_ids)
            VisitOrder.objects.filter(visit=visit).exclude(order__in=orders).delete()
            linked = set(VisitOrder.objects.filter(visit=visit).values_list("order_id", flat=True))
            VisitOrder.objects.bulk_create(
                [VisitOrder(visit=visit, order=order) for order in orders if order.pk not in linked]
            )
    return visit


def visit_get(*, actor: Actor, visit_id: Any) -> Visit:
    """One visit the actor sees (a rep their own, a manager their teams'); else not found."""
    pk = parse_id(visit_id)
    visit = (
        visible_visits(actor).select_related("customer", "rep", "kind").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if visit is None:
        raise NotFound(_("Visit not found."), field="id")
    return visit


def visit_orders(*, actor: Actor, visit: Visit) -> list[SalesOrder]:
    """The orders linked to a visit that the actor may see (the sales rule decides)."""
    return list(visible_orders(actor).filter(visit_link__visit=visit).order_by("created_at", "id"))


def visit_order_candidates(*, actor: Actor, visit_id: Any) -> list[SalesOrder]:
    """For the rep's visit form: the orders that can be linked to the visit."""
    rep = require_field_person(actor)
    pk = parse_id(visit_id)
    visit = Visit.objects.filter(pk=pk, rep=rep).first() if pk is not None else None
    if visit is None:
        raise NotFound(_("Visit not found."), field="id")
    return list(linkable_orders(rep, visit).order_by("created_at", "id"))
