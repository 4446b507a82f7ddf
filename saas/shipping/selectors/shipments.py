"""Reads of shipments for users: lists, one shipment, look-up by a scanned code, the package's
verification state, batch results, and the daily shipping list.

Visibility: shipping staff see every shipment, everyone else the shipments of the orders they
may see (saas.shipping.access). Lists cost a fixed number of queries whatever their length.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_actor
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id, parse_id
from saas.core.inputs import clean_date
from saas.core.list_filters import in_range
from saas.core.sorting import sorted_by
from saas.core.transitions import events_of
from saas.shipping.access import require_shipper, visible_shipments
from saas.shipping.carriers import normalise_tracking
from saas.shipping.models import SHIPMENT_DOC_TYPE, Shipment, ShipmentBatch, ShipmentLine, ShipmentStatus
from saas.shipping.services.verify import VerifyState, verify_state

MAX_LOOKUP = 20


@dataclass(frozen=True)
class ShipmentFilters:
    status: str | None = None
    order_id: Any = None
    carrier_id: Any = None
    warehouse_id: Any = None
    date_from: Any = None  # ship dates, days in the workspace's time zone
    date_to: Any = None
    search: str = ""  # shipment number, tracking number, order number, customer, receiver
    customer_id: Any = None
    sort: str | None = None  # a key of SHIPMENT_SORTS; None: newest first
    descending: bool = False


# The columns the shipments table sorts by (saas/core/sorting.py). No money column: a shipment
# carries none of its own.
SHIPMENT_SORTS = {
    "number": "number",
    "ship_date": "ship_date",
    "customer": "order__customer__name",
    "order": "order__number",
    "status": "status",
    "warehouse": "warehouse__name",
    "carrier": "carrier__code",
    "tracking_number": "tracking_number",
    "delivery_method": "delivery_method",
}


def with_details(queryset: QuerySet[Shipment]) -> QuerySet[Shipment]:
    return queryset.select_related(
        "order__customer", "order__rep", "carrier", "warehouse", "shipped_by", "signed_by"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=ShipmentLine.objects.select_related("sku__product", "order_line").order_by("id"),
        ),
        "proofs",
    )


def shipment_list(*, actor: Actor, filters: ShipmentFilters) -> QuerySet[Shipment]:
    """Newest first unless `filters.sort` names a column of SHIPMENT_SORTS; days are ship dates."""
    queryset = visible_shipments(actor)
    if filters.status:
        if filters.status not in ShipmentStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        queryset = queryset.filter(status=filters.status)
    for value, lookup, field in (
        (filters.order_id, "order_id", "order_id"),
        (filters.carrier_id, "carrier_id", "carrier_id"),
        (filters.warehouse_id, "warehouse_id", "warehouse_id"),
        (filters.customer_id, "order__customer_id", "customer_id"),
    ):
        if value not in (None, ""):
            pk = parse_id(value)
            if pk is None:
                raise InvalidInput(_("Enter a valid id."), code="id_invalid", field=field)
            queryset = queryset.filter(**{lookup: pk})
    date_from, date_to = clean_date(filters.date_from, "date_from"), clean_date(filters.date_to, "date_to")
    queryset = in_range(queryset, "ship_date", date_from, date_to)
    search = (filters.search or "").strip()[:60]
    if search:
        queryset = queryset.filter(
            Q(number__icontains=search)
            | Q(tracking_number__icontains=normalise_tracking(search) or search)
            | Q(order__number__icontains=search)
            | Q(order__customer__name__icontains=search)
            | Q(order__ship_receiver__icontains=search)
        )
    queryset = with_details(queryset).order_by("-id")
    return sorted_by(queryset, columns=SHIPMENT_SORTS, key=filters.sort, descending=filters.descending)


def shipment_get(*, actor: Actor, shipment_id: Any) -> Shipment:
    pk = clean_id(shipment_id, "id", _("Shipment not found."))
    shipment = with_details(visible_shipments(actor)).filter(pk=pk).first()
    if shipment is None:
        raise NotFound(_("Shipment not found."), field="id")
    shipment.events = list(events_of(SHIPMENT_DOC_TYPE, shipment.pk))  # type: ignore[attr-defined]
    return shipment


def shipment_lookup(*, actor: Actor, code: str) -> list[Shipment]:
    """Shipments whose number, tracking number or order number is the scanned code; packing first."""
    text = (code or "").strip()[:60]
    if not text:
        return []
    tracking = normalise_tracking(text)
    condition = Q(number__iexact=text) | Q(order__number__iexact=text)
    if tracking:
        condition |= Q(tracking_number=tracking)
    found = with_details(visible_shipments(actor).filter(condition)).order_by("status", "-id")
    return list(found[:MAX_LOOKUP])


def shipment_verify_get(*, actor: Actor, shipment_id: Any) -> VerifyState:
    require_shipper(actor)
    pk = clean_id(shipment_id, "shipment_id", _("Shipment not found."))
    shipment = visible_shipments(actor).filter(pk=pk).first()
    if shipment is None:
        raise NotFound(_("Shipment not found."), field="shipment_id")
    return verify_state(shipment)


def shipment_batch_get(*, actor: Actor, batch_id: Any) -> ShipmentBatch:
    """A batch's per-row results, to whoever may ship (its rows name orders and shipments)."""
    require_shipper(actor)
    pk = clean_id(batch_id, "id", _("Batch not found."))
    batch = ShipmentBatch.objects.filter(pk=pk).first()
    if batch is None:
        raise NotFound(_("Batch not found."), field="id")
    return batch


def batch_shipments(batch: ShipmentBatch) -> dict[int, Shipment]:
    ids = [row["shipmentId"] for row in batch.results if row.get("shipmentId")]
    return {s.pk: s for s in with_details(Shipment.objects.filter(pk__in=ids))}


@dataclass(frozen=True)
class DailyList:
    day: date
    warehouse_id: int | None
    shipments: list[Shipment]

    @property
    def total_quantity(self) -> Decimal:
        return sum(
            (Decimal(line.quantity) for shipment in self.shipments for line in shipment.lines.all()),
            Decimal(0),
        )


def daily_list(*, actor: Actor, day: Any, warehouse_id: Any = None) -> DailyList:
    """What left on one day (the workspace's day), in the order it left."""
    require_actor(actor)
    wanted = clean_date(day, "date")
    if wanted is None:
        raise InvalidInput(_("Enter a date as YYYY-MM-DD."), code="date_invalid", field="date")
    queryset = visible_shipments(actor).filter(
        ship_date=wanted, status__in=[ShipmentStatus.SHIPPED, ShipmentStatus.SIGNED]
    )
    warehouse = None
    if warehouse_id not in (None, ""):
        warehouse = parse_id(warehouse_id)
        if warehouse is None:
            raise InvalidInput(_("Enter a valid id."), code="id_invalid", field="warehouse_id")
        queryset = queryset.filter(warehouse_id=warehouse)
    return DailyList(wanted, warehouse, list(with_details(queryset).order_by("shipped_at", "id")))
