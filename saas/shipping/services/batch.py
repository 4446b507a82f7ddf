"""Batch shipping (批量发货): many orders, each with its tracking number, shipped in one action.

Each row runs in its own savepoint: a row that fails (unknown order, number already used, not
enough stock…) is rolled back completely and reports its own typed errors, and the other rows
ship. A row ships the order's one packing shipment when it has one, otherwise everything still
open (from one warehouse). The results are stored on the batch, so a retry with the same
idempotency key returns them unchanged instead of shipping anything twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import DomainError, FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.access import require_shipper
from saas.shipping.models import Shipment, ShipmentBatch
from saas.shipping.models import ShipmentStatus as SS
from saas.shipping.services.inputs import parse_id
from saas.shipping.services.shipments import ShipContext, create_for_order, locked_order, ship_packed

MAX_BATCH_ROWS = 500


@dataclass(frozen=True)
class BatchRow:
    order_id: Any = None  # or
    order_number: str = ""  # SO-2026-000123, as typed, scanned or imported
    tracking_number: str = ""
    carrier_id: Any = None  # or
    carrier_name: str = ""  # "顺丰", "SF" from an imported sheet; else detected from the number


def _problem_dicts(problems: list[FieldProblem]) -> list[dict[str, Any]]:
    return [{"field": p.field, "code": p.code, "message": p.message} for p in problems]


def _order_ids_by_number(actor: Actor, rows: Sequence[BatchRow]) -> dict[str, int]:
    numbers = {
        row.order_number.strip().upper() for row in rows if row.order_number and row.order_number.strip()
    }
    if not numbers:
        return {}
    return {
        number.upper(): pk
        for number, pk in visible_orders(actor).filter(number__in=numbers).values_list("number", "pk")
    }


def _ship_row(
    actor: Actor, row: BatchRow, *, order_id: int, context: ShipContext, batch: ShipmentBatch
) -> Shipment:
    order = locked_order(actor, order_id)
    packing = list(Shipment.objects.select_for_update(of=("self",)).filter(order=order, status=SS.PACKING))
    if len(packing) > 1:
        raise InvalidInput(
            _("This order has several packed shipments: ship them one by one."),
            code="shipment_ambiguous",
            field="order_id",
        )
    if packing:
        shipment = packing[0]
        shipment.order = order
        shipment.batch = batch
        return ship_packed(
            actor,
            shipment=shipment,
            context=context,
            carrier_id=row.carrier_id,
            carrier_name=row.carrier_name,
            tracking_number=row.tracking_number if row.tracking_number else None,
        )
    return create_for_order(
        actor,
        order=order,
        context=context,
        carrier_id=row.carrier_id,
        carrier_name=row.carrier_name,
        tracking_number=row.tracking_number,
        batch=batch,
        planned={},  # no packing shipment: nothing is planned
    )


def shipments_batch_ship(
    *, actor: Actor, rows: Sequence[BatchRow], idempotency_key: str | None = None
) -> ShipmentBatch:
    user = require_shipper(actor)
    if not rows:
        raise InvalidInput(_("Add at least one order."), code="lines_required", field="rows")
    if len(rows) > MAX_BATCH_ROWS:
        raise InvalidInput(
            _("At most %(n)d orders per batch.") % {"n": MAX_BATCH_ROWS}, code="too_many_lines", field="rows"
        )

    def write() -> dict[str, int]:
        context = ShipContext.load()
        by_number = _order_ids_by_number(user, rows)
        batch = ShipmentBatch.objects.create(created_by=user_of(user), row_count=len(rows))
        results: list[dict[str, Any]] = []
        seen: set[int] = set()
        for index, row in enumerate(rows):
            order_id = parse_id(row.order_id) or by_number.get((row.order_number or "").strip().upper())
            result: dict[str, Any] = {
                "row": index,
                "orderId": order_id,
                "orderNumber": (row.order_number or "").strip(),
                "shipmentId": None,
                "errors": [],
            }
            try:
                if order_id is None:
                    raise NotFound(
                        _("Sales order not found."), field="order_number" if row.order_number else "order_id"
                    )
                if order_id in seen:
                    raise InvalidInput(
                        _("This order is already in the batch."), code="order_repeated", field="order_id"
                    )
                seen.add(order_id)
                with transaction.atomic():  # the row's savepoint
                    shipment = _ship_row(user, row, order_id=order_id, context=context, batch=batch)
                result["shipmentId"] = shipment.pk
            except DomainError as exc:
                result["errors"] = _problem_dicts(exc.problems)
            except IntegrityError:  # a concurrent shipment took the number between check and insert
                result["errors"] = _problem_dicts(
                    [
                        FieldProblem(
                            "tracking_number",
                            "tracking_number_taken",
                            _("This tracking number is already used."),
                        )
                    ]
                )
            results.append(result)
        batch.results = results
        batch.shipped_count = sum(1 for r in results if r["shipmentId"] is not None)
        batch.failed_count = len(results) - batch.shipped_count
        batch.save(update_fields=["results", "shipped_count", "failed_count"])
        return {"pk": batch.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="shipments_batch_ship", write=write
        )
    return ShipmentBatch.objects.get(pk=result["pk"])
