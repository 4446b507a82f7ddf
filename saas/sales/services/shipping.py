"""Shipping goods of a sales order out of stock (出库): the ledger movement and the order's progress.

`order_ship` is the one way goods of an order leave stock. Each line ships base units from the
line's warehouse: a SHIPMENT movement takes them off hand and out of the line's reservation
(as far as the line has one), and the line keeps what they cost at the moving average. The
shipping documents (发货单) build on this: they pass their own `source`, so the movements name
the shipment they belong to.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.idempotency import run_once
from saas.inventory.models import MovementKind
from saas.inventory.services.common import check_line_count, clean_quantity
from saas.inventory.services.ledger import Change, Source, movements_post
from saas.sales.models import OrderStatus, SalesOrder, SalesOrderLine
from saas.sales.services.access import require_shipper
from saas.sales.services.documents import locked_lines, locked_order
from saas.sales.services.inputs import clean_text, parse_id
from saas.sales.services.reserving import open_quantity, order_source
from saas.sales.services.workflow import settle_status

S = OrderStatus
SHIPPABLE = (S.PENDING_PURCHASE, S.PENDING_SHIPMENT, S.PARTLY_SHIPPED)


def _planned(
    lines: Sequence[tuple[Any, Any]], order_lines: dict[int, SalesOrderLine]
) -> list[tuple[SalesOrderLine, Decimal]]:
    problems: list[FieldProblem] = []
    planned: list[tuple[SalesOrderLine, Decimal]] = []
    seen: set[int] = set()
    for index, (line_id, quantity) in enumerate(lines):
        line = order_lines.get(parse_id(line_id) or 0)
        if line is None:
            problems.append(
                FieldProblem(f"lines.{index}.line_id", "not_found", _("Not a line of this order."))
            )
            continue
        if line.pk in seen:
            problems.append(
                FieldProblem(
                    f"lines.{index}.line_id", "duplicate_line", _("This line is already in the shipment.")
                )
            )
            continue
        seen.add(line.pk)
        try:
            amount = clean_quantity(quantity, f"lines.{index}.quantity")
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        if amount > open_quantity(line):
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "over_shipment",
                    _("More than is left to ship: %(n)s %(unit)s.")
                    % {"n": format(open_quantity(line).normalize(), "f"), "unit": line.sku.product.base_unit},
                )
            )
            continue
        planned.append((line, amount))
    if problems:
        raise InvalidInput(problems=problems)
    return planned


def order_ship(
    *,
    actor: Actor,
    order: SalesOrder | Any,
    lines: Sequence[tuple[Any, Any]],
    source: Source | None = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> SalesOrder:
    """Ship (line id, base quantity) pairs; all or nothing.

    Afterwards the order is partly_shipped, or — every line shipped in full — pending_signback
    (completed when the workspace does not collect signed delivery notes). The movements carry
    `source` (default: the order itself). Runs in the caller's transaction when there is one.
    """
    user = require_shipper(actor)
    check_line_count(list(lines))
    note = clean_text(note, "note", 200)

    def write() -> dict[str, int]:
        locked = locked_order(user, order)
        if locked.status not in SHIPPABLE:
            raise InvalidInput(
                _("Only an approved order that is not yet fully shipped can ship goods."),
                code="transition_invalid",
                field="status",
            )
        order_lines = locked_lines(locked)
        planned = _planned(lines, {line.pk: line for line in order_lines})
        movements = movements_post(
            actor=user,
            source=source or order_source(locked),
            changes=[
                Change(
                    sku_id=line.sku_id,
                    warehouse_id=line.warehouse_id,
                    kind=MovementKind.SHIPMENT,
                    on_hand=-quantity,
                    reserved=-min(Decimal(line.reserved_quantity), quantity),
                    reason=locked.number,
                )
                for line, quantity in planned
            ],
        )
        # One movement per change, in order; an outbound movement's value is negative.
        for (line, quantity), movement in zip(planned, movements, strict=True):
            line.reserved_quantity = Decimal(line.reserved_quantity) - min(
                Decimal(line.reserved_quantity), quantity
            )
            line.shipped_quantity = Decimal(line.shipped_quantity) + quantity
            line.cost_amount = Decimal(line.cost_amount) - Decimal(movement.value)
        SalesOrderLine.objects.bulk_update(
            [line for line, _quantity in planned], ["reserved_quantity", "shipped_quantity", "cost_amount"]
        )
        # Its lines' shipped quantities changed: the order is a changed row for a partner.
        locked.shipped_at = locked.shipped_at or timezone.now()
        locked.save(update_fields=["shipped_at", "updated_at"])
        settle_status(actor=user, order=locked, lines=order_lines, note=note or locked.number)
        return {"pk": locked.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="sales_order_ship", write=write
        )
    return SalesOrder.objects.get(pk=result["pk"])
