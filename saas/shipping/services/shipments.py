"""Shipments (发货单): plan a package from an order, ship it out of stock, cancel a plan, fix a
tracking number.

Rules and their codes (the GraphQL errors carry them):
- the order must be waiting for shipment or partly shipped: `order_not_shippable`;
- a shipment draws from one warehouse: lines of another are `warehouse_mismatch`, and an order
  whose open lines lie in several warehouses needs `warehouseId` (`warehouse_required`);
- quantities are base units, at most what is still open and not planned in another packing
  shipment: `over_shipment`; nothing left: `nothing_to_ship`; a line twice: `duplicate_line`;
- express shipments need a carrier and a tracking number to ship: `tracking_required`; a number
  that does not tell its carrier needs one chosen: `carrier_required`; a number already used with
  that carrier: `tracking_number_taken`;
- with verification required, only a packed, verified shipment ships: `verification_required`,
  `not_verified`; only a packing shipment ships or is cancelled: `shipment_not_packing`.

Lock order, as in sales: the order, then the shipment, then (inside order_ship) the order lines
and the stock levels.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.clock import tenant_date, tenant_zone
from saas.core.domain_events import emit
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.core.transitions import TransitionTable
from saas.inventory.services.common import check_line_count, clean_quantity
from saas.sales.models import DeliveryMethod, OrderStatus, SalesOrder, SalesOrderLine
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.access import require_shipper, visible_shipments
from saas.shipping.carriers import clean_tracking
from saas.shipping.events import ShipmentShipped, shipment_facts
from saas.shipping.models import SHIPMENT_DOC_TYPE, Carrier, Shipment, ShipmentBatch, ShipmentLine
from saas.shipping.models import ShipmentStatus as SS
from saas.shipping.services.carrier_choice import CarrierBook
from saas.shipping.services.inputs import clean_id, clean_text, parse_id
from saas.shipping.services.sales_calls import ship_lines
from saas.shipping.services.settings import shipping_settings

SHIPPABLE_ORDERS = (OrderStatus.PENDING_SHIPMENT, OrderStatus.PARTLY_SHIPPED)
SHIPMENT_FLOW = TransitionTable(
    SHIPMENT_DOC_TYPE,
    {SS.PACKING: {SS.SHIPPED, SS.CANCELLED}, SS.SHIPPED: {SS.SIGNED}},
)


@dataclass(frozen=True)
class ShipmentLineInput:
    line_id: Any  # the sales order line
    quantity: Any  # base units


@dataclass
class ShipContext:
    """What one action reads once and every row of a batch reuses."""

    book: CarrierBook
    require_verification: bool
    zone: ZoneInfo
    now: datetime

    @classmethod
    def load(cls) -> ShipContext:
        return cls(
            book=CarrierBook.load(),
            require_verification=shipping_settings().require_verification,
            zone=tenant_zone(),
            now=timezone.now(),
        )


def locked_order(actor: Actor, order_id: Any, field: str = "order_id") -> SalesOrder:
    pk = clean_id(order_id, field, _("Sales order not found."))
    order = visible_orders(actor).select_for_update(of=("self",)).filter(pk=pk).first()
    if order is None:
        raise NotFound(_("Sales order not found."), field=field)
    return order


def _require_shippable(order: SalesOrder) -> None:
    if order.status not in SHIPPABLE_ORDERS:
        raise InvalidInput(
            _("Only an order waiting for shipment can ship."), code="order_not_shippable", field="order_id"
        )


def locked_shipment(actor: Actor, shipment_id: Any, field: str = "id") -> Shipment:
    """The shipment, its order locked first, then itself; not found when the actor may not see it."""
    pk = clean_id(shipment_id, field, _("Shipment not found."))
    order_id = visible_shipments(actor).filter(pk=pk).values_list("order_id", flat=True).first()
    if order_id is None:
        raise NotFound(_("Shipment not found."), field=field)
    order = SalesOrder.objects.select_for_update(of=("self",)).get(pk=order_id)
    shipment = Shipment.objects.select_for_update(of=("self",)).select_related("carrier").get(pk=pk)
    shipment.order = order
    return shipment


def planned_quantities(order_id: int, exclude_shipment: int | None = None) -> dict[int, Decimal]:
    """Base units per order line already planned in packing shipments (not yet shipped)."""
    rows = ShipmentLine.objects.filter(shipment__order_id=order_id, shipment__status=SS.PACKING)
    if exclude_shipment is not None:
        rows = rows.exclude(shipment_id=exclude_shipment)
    return {
        line_id: Decimal(total)
        for line_id, total in rows.values("order_line_id")
        .annotate(total=Sum("quantity"))
        .values_list("order_line_id", "total")
    }


def _plannable(line: SalesOrderLine, planned: dict[int, Decimal]) -> Decimal:
    return Decimal(line.base_quantity) - Decimal(line.shipped_quantity) - planned.get(line.pk, Decimal(0))


def _all_open(
    order_lines: list[SalesOrderLine], planned: dict[int, Decimal], warehouse_id: Any
) -> tuple[int, list[tuple[SalesOrderLine, Decimal]]]:
    chosen = [(line, _plannable(line, planned)) for line in order_lines]
    chosen = [(line, quantity) for line, quantity in chosen if quantity > 0]
    if warehouse_id not in (None, ""):
        wanted = parse_id(warehouse_id)
        chosen = [(line, quantity) for line, quantity in chosen if line.warehouse_id == wanted]
    if not chosen:
        raise InvalidInput(_("Nothing is left to ship."), code="nothing_to_ship", field="lines")
    warehouses = {line.warehouse_id for line, _quantity in chosen}
    if len(warehouses) > 1:
        raise InvalidInput(
            _("This order ships from several warehouses: choose one."),
            code="warehouse_required",
            field="warehouse_id",
        )
    return warehouses.pop(), chosen


def _given(
    order_lines: list[SalesOrderLine],
    planned: dict[int, Decimal],
    lines: Sequence[ShipmentLineInput],
    warehouse_id: Any,
) -> tuple[int, list[tuple[SalesOrderLine, Decimal]]]:
    by_id = {line.pk: line for line in order_lines}
    wanted_warehouse = parse_id(warehouse_id) if warehouse_id not in (None, "") else None
    problems: list[FieldProblem] = []
    chosen: list[tuple[SalesOrderLine, Decimal]] = []
    seen: set[int] = set()
    for index, item in enumerate(lines):
        at = f"lines.{index}"
        line = by_id.get(parse_id(item.line_id) or 0)
        if line is None:
            problems.append(FieldProblem(f"{at}.line_id", "not_found", _("Not a line of this order.")))
            continue
        if line.pk in seen:
            problems.append(
                FieldProblem(f"{at}.line_id", "duplicate_line", _("This line is already in the shipment."))
            )
            continue
        seen.add(line.pk)
        wanted_warehouse = wanted_warehouse or line.warehouse_id
        if line.warehouse_id != wanted_warehouse:
            problems.append(
                FieldProblem(
                    f"{at}.line_id", "warehouse_mismatch", _("A shipment draws from one warehouse only.")
                )
            )
            continue
        try:
            quantity = clean_quantity(item.quantity, f"{at}.quantity")
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        left = _plannable(line, planned)
        if quantity > left:
            problems.append(
                FieldProblem(
                    f"{at}.quantity",
                    "over_shipment",
                    _("More than is left to ship: %(n)s.")
                    % {"n": format(max(left, Decimal(0)).normalize(), "f")},
                )
            )
            continue
        chosen.append((line, quantity))
    if problems:
        raise InvalidInput(problems=problems)
    assert wanted_warehouse is not None
    return wanted_warehouse, chosen


def require_tracking(delivery_method: str, carrier: Carrier | None, number: str) -> None:
    """Express parcels are followed by their number: shipping one without it is refused."""
    if delivery_method == DeliveryMethod.EXPRESS and (carrier is None or not number):
        raise InvalidInput(
            _("Enter the tracking number of an express shipment."),
            code="tracking_required",
            field="tracking_number",
        )


def check_tracking_free(carrier: Carrier | None, number: str, exclude: int | None = None) -> None:
    if carrier is None or not number:
        return
    taken = Shipment.objects.filter(carrier=carrier, tracking_number=number).exclude(status=SS.CANCELLED)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    other = taken.values_list("number", flat=True).first()
    if other is not None:
        raise InvalidInput(
            _("This tracking number is already used on %(shipment)s.") % {"shipment": other},
            code="tracking_number_taken",
            field="tracking_number",
        )


def mark_shipped(shipment: Shipment, *, actor: Actor, context: ShipContext) -> None:
    shipment.status = SS.SHIPPED
    shipment.shipped_at = context.now
    shipment.ship_date = tenant_date(context.now, context.zone)
    shipment.shipped_by = user_of(actor)


def emit_shipped(actor: Actor, shipment: Shipment, shipped: SalesOrder) -> None:
    """`shipped` is the order as shipping its lines left it (its status moved in the database)."""
    assert shipment.shipped_at is not None
    facts = shipment_facts(shipment, str(shipped.status))
    emit(ShipmentShipped(**facts, shipped_at=shipment.shipped_at), by=actor_stamp(actor))


def create_for_order(
    actor: Actor,
    *,
    order: SalesOrder,
    context: ShipContext,
    lines: Sequence[ShipmentLineInput] | None = None,
    warehouse_id: Any = None,
    carrier_id: Any = None,
    carrier_name: str = "",
    tracking_number: str = "",
    note: str = "",
    ship: bool = True,
    batch: ShipmentBatch | None = None,
    planned: dict[int, Decimal] | None = None,
) -> Shipment:
    """A shipment of `order` (locked by the caller), shipped at once unless `ship` is False.

    `planned` may be passed as {} by a caller that knows the order has no packing shipment.
    """
    _require_shippable(order)
    if ship and context.require_verification:
        raise InvalidInput(
            _("Scan and verify the package before it ships."), code="verification_required", field="id"
        )
    order_lines = list(SalesOrderLine.objects.filter(order=order).order_by("line_no"))
    planned = planned_quantities(order.pk) if planned is None else planned
    if lines is None:
        warehouse, chosen = _all_open(order_lines, planned, warehouse_id)
    else:
        warehouse, chosen = _given(order_lines, planned, lines, warehouse_id)
    number = clean_tracking(tracking_number)
    carrier = context.book.choose(carrier_id=carrier_id, carrier_name=carrier_name, number=number)
    if ship:
        require_tracking(order.delivery_method, carrier, number)
    check_tracking_free(carrier, number)
    shipment = Shipment(
        number=next_document_number("SH"),
        order=order,
        warehouse_id=warehouse,
        delivery_method=order.delivery_method,
        carrier=carrier,
        tracking_number=number,
        note=note,
        batch=batch,
        created_by=user_of(actor),
        created_at=context.now,
    )
    if ship:
        mark_shipped(shipment, actor=actor, context=context)
    shipment.save()
    ShipmentLine.objects.bulk_create(
        [
            ShipmentLine(shipment=shipment, order_line=line, sku_id=line.sku_id, quantity=q)
            for line, q in chosen
        ]
    )
    if ship:
        shipped = ship_lines(actor=actor, shipment=shipment, lines=[(line.pk, q) for line, q in chosen])
    SHIPMENT_FLOW.record(
        by=actor_stamp(actor), document=shipment, from_status="", to_status=shipment.status, note=note
    )
    if ship:
        emit_shipped(actor, shipment, shipped)
    return shipment


def ship_packed(
    actor: Actor,
    *,
    shipment: Shipment,
    context: ShipContext,
    carrier_id: Any = None,
    carrier_name: str = "",
    tracking_number: str | None = None,
) -> Shipment:
    """Ship a packing shipment (locked by the caller, after its order); a new number replaces the
    planned one."""
    if shipment.status != SS.PACKING:
        raise InvalidInput(
            _("Only a shipment being packed can ship."), code="shipment_not_packing", field="id"
        )
    if context.require_verification and shipment.verified_at is None:
        raise InvalidInput(_("Scan and verify the package before it ships."), code="not_verified", field="id")
    _require_shippable(shipment.order)
    if tracking_number is not None or carrier_id not in (None, "") or carrier_name:
        number = clean_tracking(tracking_number) if tracking_number is not None else shipment.tracking_number
        carrier = context.book.choose(carrier_id=carrier_id, carrier_name=carrier_name, number=number)
        shipment.carrier, shipment.tracking_number = carrier, number
    require_tracking(shipment.delivery_method, shipment.carrier, shipment.tracking_number)
    check_tracking_free(shipment.carrier, shipment.tracking_number, exclude=shipment.pk)
    lines = list(shipment.lines.values_list("order_line_id", "quantity"))
    shipped = ship_lines(actor=actor, shipment=shipment, lines=lines)
    mark_shipped(shipment, actor=actor, context=context)
    shipment.save(
        update_fields=[
            "status",
            "shipped_at",
            "ship_date",
            "shipped_by",
            "carrier",
            "tracking_number",
            "batch",
            "updated_at",
        ]
    )
    SHIPMENT_FLOW.record(
        by=actor_stamp(actor), document=shipment, from_status=SS.PACKING, to_status=SS.SHIPPED
    )
    emit_shipped(actor, shipment, shipped)
    return shipment


def _reread(pk: int) -> Shipment:
    return Shipment.objects.select_related("order", "carrier", "warehouse").get(pk=pk)


def shipment_create(
    *,
    actor: Actor,
    order_id: Any,
    lines: Sequence[ShipmentLineInput] | None = None,
    warehouse_id: Any = None,
    carrier_id: Any = None,
    tracking_number: str = "",
    note: str = "",
    ship: bool = True,
    idempotency_key: str | None = None,
) -> Shipment:
    """A shipment of an order: shipped at once (single shipping), or packing to pick, verify and
    ship later. Without lines it takes everything still open in the warehouse."""
    user = require_shipper(actor)
    if lines is not None:
        check_line_count(list(lines))
    note = clean_text(note, "note", 200)

    def write() -> dict[str, int]:
        context = ShipContext.load()
        order = locked_order(user, order_id)
        shipment = create_for_order(
            user,
            order=order,
            context=context,
            lines=lines,
            warehouse_id=warehouse_id,
            carrier_id=carrier_id,
            tracking_number=tracking_number,
            note=note,
            ship=ship,
        )
        return {"pk": shipment.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="shipment_create", write=write
        )
    return _reread(result["pk"])


def shipment_ship(
    *,
    actor: Actor,
    shipment_id: Any,
    carrier_id: Any = None,
    tracking_number: str | None = None,
    idempotency_key: str | None = None,
) -> Shipment:
    """Ship a packed shipment: its goods leave stock and the order moves on."""
    user = require_shipper(actor)

    def write() -> dict[str, int]:
        context = ShipContext.load()
        shipment = locked_shipment(user, shipment_id)
        ship_packed(
            user, shipment=shipment, context=context, carrier_id=carrier_id, tracking_number=tracking_number
        )
        return {"pk": shipment.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="shipment_ship", write=write
        )
    return _reread(result["pk"])


@transaction.atomic
def shipment_cancel(*, actor: Actor, shipment_id: Any, reason: str = "") -> Shipment:
    """Drop a packing plan: nothing left stock, so nothing comes back; its number is free again."""
    user = require_shipper(actor)
    reason = clean_text(reason, "reason", 200)
    shipment = locked_shipment(user, shipment_id)
    if shipment.status != SS.PACKING:
        raise InvalidInput(
            _("Only a shipment being packed can be cancelled."), code="shipment_not_packing", field="id"
        )
    SHIPMENT_FLOW.move(by=actor_stamp(user), document=shipment, to=SS.CANCELLED, note=reason)
    return _reread(shipment.pk)


@transaction.atomic
def shipment_tracking_update(
    *, actor: Actor, shipment_id: Any, tracking_number: str, carrier_id: Any = None
) -> Shipment:
    """Correct the carrier or tracking number of a packing or shipped shipment (a typo, a re-issued
    waybill). A signed shipment is final."""
    user = require_shipper(actor)
    shipment = locked_shipment(user, shipment_id)
    if shipment.status not in (SS.PACKING, SS.SHIPPED):
        raise InvalidInput(
            _("A signed or cancelled shipment cannot change."), code="shipment_closed", field="id"
        )
    book = CarrierBook.load()
    number = clean_tracking(tracking_number)
    carrier = book.choose(carrier_id=carrier_id, number=number)
    if shipment.status == SS.SHIPPED:
        require_tracking(shipment.delivery_method, carrier, number)
    check_tracking_free(carrier, number, exclude=shipment.pk)
    shipment.carrier, shipment.tracking_number = carrier, number
    shipment.save(update_fields=["carrier", "tracking_number", "updated_at"])
    return _reread(shipment.pk)


def lines_by_sku(shipment: Shipment) -> dict[int, Decimal]:
    """Expected base units per SKU of a shipment (two order lines may hold one SKU)."""
    expected: dict[int, Decimal] = defaultdict(Decimal)
    for sku_id, quantity in shipment.lines.values_list("sku_id", "quantity"):
        expected[sku_id] += Decimal(quantity)
    return dict(expected)
