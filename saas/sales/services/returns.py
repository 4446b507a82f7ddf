"""Customer returns (退货, RS-…): shipped goods coming back against one order.

pending_approval → approved (orders.review) → received (the warehouse books the goods back in)
→ settled; rejected or cancelled before the goods arrive. A line returns at most what was
shipped less what was returned or is on another open return.

Receiving posts RETURN_IN movements at the line's shipped unit cost (cost_amount ÷
shipped_quantity), so the return takes back exactly the cost the sale booked, and credits the
order with the return's value (returned_amount), whatever the settlement: the customer no longer
owes for goods that came back. A credit return is thereby settled at once. A refund return waits
in `received` until finance pays the money back (saas.finance.services.settlements.return_settle
writes the refund receipt against the order); until then the order shows as overpaid, which is
what the business owes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.clock import tenant_today
from saas.core.domain_events import emit
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.core.transitions import TransitionTable
from saas.inventory.models import MovementKind
from saas.inventory.services.common import active_warehouse, check_line_count, clean_quantity
from saas.inventory.services.ledger import Change, Source, movements_post
from saas.sales.events import ReturnApproved, ReturnReceived, ReturnRequested, return_facts
from saas.sales.models import (
    ReturnReason,
    ReturnStatus,
    SalesOrder,
    SalesOrderLine,
    SalesReturn,
    SalesReturnLine,
    Settlement,
)
from saas.sales.models.common import to_money
from saas.sales.selectors.returns import RETURN_DOC, visible_returns
from saas.sales.selectors.visibility import visible_orders
from saas.sales.services.documents import add_to_order
from saas.sales.services.inputs import clean_id, clean_text, parse_id

S = ReturnStatus
RETURN_FLOW = TransitionTable(
    RETURN_DOC,
    {
        S.PENDING_APPROVAL: {S.APPROVED, S.REJECTED, S.CANCELLED},
        S.APPROVED: {S.RECEIVED, S.CANCELLED},
        S.RECEIVED: {S.SETTLED},
    },
)
# Returns whose quantities are promised but not yet in the order lines' returned_quantity.
OPEN_STATUSES = (S.PENDING_APPROVAL, S.APPROVED)
COST_STEP = Decimal("0.0001")


@dataclass(frozen=True)
class ReturnLineInput:
    order_line_id: Any
    quantity: Any  # base units


def shipped_unit_cost(line: SalesOrderLine) -> Decimal:
    """What one base unit of this line cost when it left the warehouse."""
    if line.shipped_quantity <= 0:
        return Decimal(0)
    return (line.cost_amount / line.shipped_quantity).quantize(COST_STEP, rounding=ROUND_HALF_UP)


def _pending(line_ids: list[int]) -> dict[int, Decimal]:
    money = DecimalField(max_digits=18, decimal_places=3)
    return dict(
        SalesReturnLine.objects.filter(order_line_id__in=line_ids, sales_return__status__in=OPEN_STATUSES)
        .values("order_line_id")
        .annotate(total=Sum("quantity", output_field=money))
        .values_list("order_line_id", "total")
    )


def _return_rows(
    order: SalesOrder, lines: Sequence[ReturnLineInput], quantities: list[Decimal]
) -> list[SalesReturnLine]:
    ids = [parse_id(line.order_line_id) for line in lines]
    found = SalesOrderLine.objects.filter(order=order, pk__in=[pk for pk in ids if pk is not None]).in_bulk()
    pending = _pending(list(found))
    problems: list[FieldProblem] = []
    rows: list[SalesReturnLine] = []
    seen: set[int] = set()
    for index, (pk, quantity) in enumerate(zip(ids, quantities, strict=True)):
        line = found.get(pk) if pk is not None else None
        if line is None:
            problems.append(
                FieldProblem(f"lines.{index}.order_line_id", "not_found", _("Not a line of this order."))
            )
            continue
        if line.pk in seen:
            problems.append(
                FieldProblem(
                    f"lines.{index}.order_line_id", "duplicate_line", _("This line is already on the return.")
                )
            )
            continue
        seen.add(line.pk)
        returnable = line.shipped_quantity - line.returned_quantity - pending.get(line.pk, Decimal(0))
        if quantity > returnable:
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "exceeds_returnable",
                    _("At most %(n)s can be returned on this line.")
                    % {"n": max(returnable, Decimal(0)).normalize()},
                )
            )
            continue
        rows.append(
            SalesReturnLine(
                order_line=line,
                quantity=quantity,
                amount=to_money(line.amount * quantity / line.base_quantity),
                unit_cost=shipped_unit_cost(line),
            )
        )
    if problems:
        raise InvalidInput(problems=problems)
    return rows


def return_create(
    *,
    actor: Actor,
    order_id: Any,
    lines: Sequence[ReturnLineInput],
    reason: str,
    reason_note: str = "",
    warehouse_id: Any = None,
    settlement: str = Settlement.CREDIT,
    idempotency_key: str | None = None,
) -> SalesReturn:
    """A return request against shipped lines of one order, waiting for approval."""
    require_scopes(actor, scopes.ORDERS_EDIT)
    check_line_count(list(lines))
    if reason not in ReturnReason.values:
        raise InvalidInput(_("Choose a reason for the return."), code="reason_invalid", field="reason")
    if settlement not in Settlement.values:
        raise InvalidInput(_("Choose refund or credit."), code="settlement_invalid", field="settlement")
    reason_note = clean_text(reason_note, "reason_note", 200, required=reason == ReturnReason.OTHER)
    quantities = [clean_quantity(line.quantity, f"lines.{i}.quantity") for i, line in enumerate(lines)]

    def write() -> dict[str, int]:
        pk = clean_id(order_id, "order_id", _("Order not found."))
        # The order's lock serializes returns of one order: two requests never both take the
        # last returnable piece.
        order = visible_orders(actor).select_for_update().filter(pk=pk).first()
        if order is None:
            raise NotFound(_("Order not found."), field="order_id")
        warehouse = (
            order.warehouse
            if warehouse_id in (None, "")
            else active_warehouse(warehouse_id, field="warehouse_id")
        )
        rows = _return_rows(order, lines, quantities)
        sales_return = SalesReturn.objects.create(
            number=next_document_number("RS"),
            order=order,
            reason=reason,
            reason_note=reason_note,
            warehouse=warehouse,
            settlement=settlement,
            amount=sum((row.amount for row in rows), Decimal(0)),
            cost_amount=sum((row.quantity * row.unit_cost for row in rows), Decimal(0)),
            return_date=tenant_today(),
            created_by=user_of(actor),
        )
        for row in rows:
            row.sales_return = sales_return
        SalesReturnLine.objects.bulk_create(rows)
        RETURN_FLOW.record(
            by=actor_stamp(actor), document=sales_return, from_status="", to_status=S.PENDING_APPROVAL
        )
        emit(ReturnRequested(**return_facts(sales_return)), by=actor_stamp(actor))
        return {"pk": sales_return.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="return_create", write=write
        )
    return SalesReturn.objects.get(pk=result["pk"])


def locked_return(actor: Actor, return_id: Any) -> SalesReturn:
    """The return, row-locked, if the actor may see it (finance settles it through this too)."""
    pk = clean_id(return_id, "id", _("Return not found."))
    sales_return = visible_returns(actor).select_for_update(of=("self",)).filter(pk=pk).first()
    if sales_return is None:
        raise NotFound(_("Return not found."), field="id")
    return sales_return


def _move(actor: Actor, return_id: Any, to: str, note: str) -> SalesReturn:
    sales_return = locked_return(actor, return_id)
    RETURN_FLOW.move(by=actor_stamp(actor), document=sales_return, to=to, note=clean_text(note, "note", 200))
    return sales_return


@transaction.atomic
def return_approve(*, actor: Actor, return_id: Any, note: str = "") -> SalesReturn:
    require_scopes(actor, scopes.ORDERS_REVIEW)
    sales_return = _move(actor, return_id, S.APPROVED, note)
    emit(ReturnApproved(**return_facts(sales_return)), by=actor_stamp(actor))
    return sales_return


@transaction.atomic
def return_reject(*, actor: Actor, return_id: Any, note: str = "") -> SalesReturn:
    require_scopes(actor, scopes.ORDERS_REVIEW)
    return _move(actor, return_id, S.REJECTED, note)


@transaction.atomic
def return_cancel(*, actor: Actor, return_id: Any, note: str = "") -> SalesReturn:
    """Withdrawn before the goods arrive, by the rep who asked or a reviewer."""
    require_scopes(actor, scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW)
    return _move(actor, return_id, S.CANCELLED, note)


@transaction.atomic
def return_receive(*, actor: Actor, return_id: Any, note: str = "") -> SalesReturn:
    """The goods are back: into stock at their shipped cost, and off what the customer owes."""
    require_scopes(actor, scopes.INVENTORY_MANAGE)
    note = clean_text(note, "note", 200)
    sales_return = locked_return(actor, return_id)
    RETURN_FLOW.move(by=actor_stamp(actor), document=sales_return, to=S.RECEIVED, note=note)
    SalesOrder.objects.select_for_update().filter(pk=sales_return.order_id).get()
    rows = list(sales_return.lines.order_by("order_line_id"))
    order_lines = SalesOrderLine.objects.select_for_update().filter(pk__in=[r.order_line_id for r in rows])
    locked = {line.pk: line for line in order_lines.order_by("pk")}
    problems = []
    for index, row in enumerate(rows):
        line = locked[row.order_line_id]
        # Approved quantities were kept out of later returns; this holds even if shipments or
        # returns were corrected in between.
        if line.returned_quantity + row.quantity > line.shipped_quantity:
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "exceeds_returnable",
                    _("At most %(n)s can be returned on this line.")
                    % {"n": (line.shipped_quantity - line.returned_quantity).normalize()},
                )
            )
        row.unit_cost = shipped_unit_cost(line)
    if problems:
        raise InvalidInput(problems=problems)
    movements_post(
        actor=actor,
        source=Source("sales_return", sales_return.pk, sales_return.number),
        changes=[
            Change(
                sku_id=locked[row.order_line_id].sku_id,
                warehouse_id=sales_return.warehouse_id,
                kind=MovementKind.RETURN_IN,
                on_hand=row.quantity,
                unit_cost=row.unit_cost,
                reason=sales_return.reason,
            )
            for row in rows
        ],
    )
    cost = Decimal(0)
    for row in rows:
        row_cost = (row.quantity * row.unit_cost).quantize(COST_STEP, rounding=ROUND_HALF_UP)
        cost += row_cost
        SalesOrderLine.objects.filter(pk=row.order_line_id).update(
            returned_quantity=F("returned_quantity") + row.quantity,
            returned_cost_amount=F("returned_cost_amount") + row_cost,
        )
    SalesReturnLine.objects.bulk_update(rows, ["unit_cost"])
    sales_return.cost_amount, sales_return.received_at = cost, timezone.now()
    sales_return.save(update_fields=["cost_amount", "received_at"])
    add_to_order(sales_return.order_id, "returned_amount", sales_return.amount)
    if sales_return.settlement == Settlement.CREDIT:
        RETURN_FLOW.move(by=actor_stamp(actor), document=sales_return, to=S.SETTLED, note=Settlement.CREDIT)
    emit(ReturnReceived(**return_facts(sales_return)), by=actor_stamp(actor))
    return sales_return
