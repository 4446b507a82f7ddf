"""Reads of orders for shipping: what to deliver (by delivery method, rep, date), summaries per
rep or customer, and orders waiting for their sign-back with the overdue flag.

Everything starts from `visible_orders(actor)`: a manager sees all, a rep own orders, the
warehouse the orders in shipment. Whether amounts show is decided by the API (`sees_money`).
Lists cost a fixed number of queries whatever their length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DateField,
    DecimalField,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.clock import tenant_date, tenant_zone
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_date
from saas.sales.models import DeliveryMethod, OrderStatus, SalesOrder, SalesOrderLine
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.models import Shipment, ShipmentLine
from saas.shipping.models import ShipmentStatus as SS
from saas.shipping.services.settings import shipping_settings

TO_SHIP = (OrderStatus.PENDING_SHIPMENT, OrderStatus.PARTLY_SHIPPED)
LISTED = (*TO_SHIP, OrderStatus.PENDING_SIGNBACK)
GROUPS = ("rep", "customer", "delivery_method")
QTY = DecimalField(max_digits=18, decimal_places=3)
MONEY = DecimalField(max_digits=18, decimal_places=2)


@dataclass(frozen=True)
class OrderFilters:
    statuses: Sequence[str] | None = None
    delivery_method: str | None = None
    rep_id: Any = None
    customer_id: Any = None
    warehouse_id: Any = None
    date_from: Any = None  # on the due date: the requested delivery date, else the order date
    date_to: Any = None
    search: str = ""


def _id(value: Any, field: str) -> int:
    pk = parse_id(value)
    if pk is None:
        raise InvalidInput(_("Enter a valid id."), code="id_invalid", field=field)
    return pk


def filtered_orders(actor: Actor, filters: OrderFilters) -> QuerySet[SalesOrder]:
    queryset = visible_orders(actor).annotate(due_date=Coalesce("requested_date", "order_date"))
    statuses = list(filters.statuses or TO_SHIP)
    if any(status not in LISTED for status in statuses):
        raise InvalidInput(_("Unknown status."), code="status_invalid", field="statuses")
    queryset = queryset.filter(status__in=statuses)
    if filters.delivery_method:
        if filters.delivery_method not in DeliveryMethod.values:
            raise InvalidInput(
                _("Unknown delivery method."), code="delivery_method_invalid", field="delivery_method"
            )
        queryset = queryset.filter(delivery_method=filters.delivery_method)
    if filters.rep_id not in (None, ""):
        queryset = queryset.filter(rep_id=_id(filters.rep_id, "rep_id"))
    if filters.customer_id not in (None, ""):
        queryset = queryset.filter(customer_id=_id(filters.customer_id, "customer_id"))
    if filters.warehouse_id not in (None, ""):
        wanted = _id(filters.warehouse_id, "warehouse_id")
        queryset = queryset.filter(Q(warehouse_id=wanted) | Q(lines__warehouse_id=wanted)).distinct()
    date_from, date_to = clean_date(filters.date_from, "date_from"), clean_date(filters.date_to, "date_to")
    due = Coalesce("requested_date", "order_date", output_field=DateField())
    if date_from:
        queryset = queryset.filter(GreaterThanOrEqual(due, date_from))
    if date_to:
        queryset = queryset.filter(LessThanOrEqual(due, date_to))
    search = (filters.search or "").strip()[:60]
    if search:
        queryset = queryset.filter(
            Q(number__icontains=search)
            | Q(customer__name__icontains=search)
            | Q(ship_receiver__icontains=search)
            | Q(ship_phone__icontains=search)
        )
    return queryset


def with_details(queryset: QuerySet[SalesOrder]) -> QuerySet[SalesOrder]:
    """Customer, rep, warehouse, lines with products, and the shipments: a fixed few queries."""
    return queryset.select_related("customer", "rep", "warehouse").prefetch_related(
        Prefetch(
            "lines",
            queryset=SalesOrderLine.objects.select_related("sku__product", "warehouse").order_by("line_no"),
        ),
        Prefetch(
            "shipments",
            queryset=Shipment.objects.exclude(status=SS.CANCELLED).select_related("carrier").order_by("id"),
        ),
    )


def orders_to_ship(*, actor: Actor, filters: OrderFilters) -> QuerySet[SalesOrder]:
    """Oldest due first, so what is late is on top."""
    return with_details(filtered_orders(actor, filters)).order_by(F("due_date").asc(), "id")


def shipping_order_get(*, actor: Actor, order_id: Any) -> SalesOrder:
    pk = parse_id(order_id)
    order = with_details(visible_orders(actor).annotate(due_date=Coalesce("requested_date", "order_date")))
    found = order.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NotFound(_("Sales order not found."), field="id")
    attach_signback_due([found])
    return found


def planned_by_line(order_ids: list[int]) -> dict[int, Decimal]:
    """Base units per order line in packing shipments of these orders (one query)."""
    rows = (
        ShipmentLine.objects.filter(shipment__order_id__in=order_ids, shipment__status=SS.PACKING)
        .values("order_line_id")
        .annotate(total=Sum("quantity"))
        .values_list("order_line_id", "total")
    )
    return {line_id: Decimal(total) for line_id, total in rows}


@dataclass(frozen=True)
class SummaryRow:
    key: str  # the rep's or customer's id, or the delivery method
    name: str
    order_count: int
    open_quantity: Decimal  # base units still to ship
    amount: Decimal  # order totals, tax included


def orders_to_ship_summary(*, actor: Actor, filters: OrderFilters, group_by: str) -> list[SummaryRow]:
    """Per rep, customer or delivery method: orders, base units still open, order totals."""
    if group_by not in GROUPS:
        raise InvalidInput(
            _("Group by rep, customer or delivery method."), code="group_invalid", field="group_by"
        )
    key, name = {
        "rep": ("rep_id", "rep__full_name"),
        "customer": ("customer_id", "customer__name"),
        "delivery_method": ("delivery_method", "delivery_method"),
    }[group_by]
    orders = filtered_orders(actor, filters)
    grouping = [key] if key == name else [key, name]
    totals = (
        SalesOrder.objects.filter(pk__in=orders.values("pk"))
        .values(*grouping)
        .annotate(
            order_count=Count("pk"), amount=Coalesce(Sum("total_amount"), Decimal(0), output_field=MONEY)
        )
        .order_by(name)
    )
    open_quantity = dict(
        SalesOrderLine.objects.filter(order__in=orders.values("pk"))
        .values(f"order__{key}")
        .annotate(open=Sum(F("base_quantity") - F("shipped_quantity"), output_field=QTY))
        .values_list(f"order__{key}", "open")
    )
    return [
        SummaryRow(
            key=str(row[key]),
            name=str(row[name] or ""),
            order_count=int(row["order_count"]),
            open_quantity=Decimal(open_quantity.get(row[key]) or 0),
            amount=Decimal(row["amount"]),
        )
        for row in totals
    ]


# --- sign-back --------------------------------------------------------------------------------


def _last_ship_date() -> Coalesce:
    """The day the order's last shipment left (tenant time zone); the order's first shipment
    time for orders shipped outside shipping documents."""
    last = (
        Shipment.objects.filter(order=OuterRef("pk"), ship_date__isnull=False)
        .exclude(status=SS.CANCELLED)
        .order_by()
        .values("order")
        .annotate(last=Max("ship_date"))
        .values("last")
    )
    return Coalesce(
        Subquery(last, output_field=DateField()),
        TruncDate("shipped_at", tzinfo=tenant_zone()),
        output_field=DateField(),
    )


def overdue_cutoff(today: date | None = None) -> date:
    """Orders whose last shipment left before this day are overdue: more than N days ago."""
    today = today or tenant_date(timezone.now())
    return today - timedelta(days=shipping_settings().signback_overdue_days)


def orders_pending_signback(
    *, actor: Actor, overdue_only: bool = False, rep_id: Any = None, search: str = ""
) -> QuerySet[SalesOrder]:
    """Waiting for the signed delivery note, longest waiting first; `last_ship_date` annotated."""
    queryset = filtered_orders(
        actor, OrderFilters(statuses=[OrderStatus.PENDING_SIGNBACK], rep_id=rep_id, search=search)
    ).annotate(last_ship_date=_last_ship_date())
    if overdue_only:
        queryset = queryset.filter(LessThan(_last_ship_date(), overdue_cutoff()))
    return with_details(queryset).order_by(F("last_ship_date").asc(), "id")


def signback_overdue_count(actor: Actor) -> int:
    return (
        visible_orders(actor)
        .filter(status=OrderStatus.PENDING_SIGNBACK)
        .filter(LessThan(_last_ship_date(), overdue_cutoff()))
        .count()
    )


def attach_signback_due(orders: list[SalesOrder]) -> None:
    """Give orders pending sign-back `signback_due` (the last day before overdue) and
    `signback_overdue`; other orders get None and False."""
    days = shipping_settings().signback_overdue_days
    today = tenant_date(timezone.now())
    waiting = [o for o in orders if o.status == OrderStatus.PENDING_SIGNBACK]
    missing = [o.pk for o in waiting if getattr(o, "last_ship_date", None) is None]
    if missing:
        found = dict(
            SalesOrder.objects.filter(pk__in=missing)
            .annotate(last_ship_date=_last_ship_date())
            .values_list("pk", "last_ship_date")
        )
        for order in waiting:
            if order.pk in found:
                order.last_ship_date = found[order.pk]  # type: ignore[attr-defined]
    for order in orders:
        last = (
            getattr(order, "last_ship_date", None) if order.status == OrderStatus.PENDING_SIGNBACK else None
        )
        due = last + timedelta(days=days) if last is not None else None
        order.signback_due = due  # type: ignore[attr-defined]
        order.signback_overdue = due is not None and today > due  # type: ignore[attr-defined]
