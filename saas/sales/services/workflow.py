"""The sales order's status flow: one transition table, and the moves people make along it.

    draft → pending_review (待审核) → approved → pending_purchase (待采购) | pending_shipment (待发货)
    → partly_shipped → pending_signback (待签回) → completed;  cancelled from any state before shipping.

Submitting checks the customer's credit (SalesSettings.credit_policy); approving reserves stock.
An order whose lines could not all be reserved waits in pending_purchase until stock arrives:
`order_reserve_retry` tries one order again, and `orders_reserve_retry_for` every waiting order
of some SKUs (the ledger's after-post hook calls it after a commit that made stock available).

Each operation reads the sales settings once and collects what it does to the order in an
`OrderChanges`: the order's columns are written in one UPDATE at the end, its status rows in one
INSERT and its domain events in one more, however many statuses it passes through.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, actor_stamp
from saas.core.domain_events import DomainEvent, emit, emit_many
from saas.core.errors import Forbidden, InvalidInput
from saas.core.models import DocumentEvent
from saas.core.transitions import TransitionTable
from saas.customers.models import Customer
from saas.sales.events import (
    SalesOrderApproved,
    SalesOrderCancelled,
    SalesOrderCompleted,
    SalesOrderRejected,
    SalesOrderSubmitted,
    order_facts,
)
from saas.sales.models import (
    SOLD_STATUSES,
    CreditPolicy,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
    SalesSettings,
)
from saas.sales.services.access import (
    require_canceller,
    require_order_editor,
    require_reservation_retrier,
    require_reviewer,
    require_signback_recorder,
)
from saas.sales.services.documents import ORDER_DOC_TYPE, locked_lines, locked_order
from saas.sales.services.inputs import clean_text
from saas.sales.services.reserving import fully_reserved, fully_shipped, release, reserve_open
from saas.sales.services.settings import sales_settings

logger = logging.getLogger(__name__)

S = OrderStatus
ORDER_FLOW = TransitionTable(
    ORDER_DOC_TYPE,
    {
        S.DRAFT: {S.PENDING_REVIEW, S.CANCELLED},
        S.PENDING_REVIEW: {S.APPROVED, S.DRAFT, S.CANCELLED},  # back to draft: rejected by the reviewer
        S.APPROVED: {S.PENDING_PURCHASE, S.PENDING_SHIPMENT, S.CANCELLED},
        S.PENDING_PURCHASE: {
            S.PENDING_SHIPMENT,
            S.PARTLY_SHIPPED,
            S.PENDING_SIGNBACK,
            S.COMPLETED,
            S.CANCELLED,
        },
        S.PENDING_SHIPMENT: {
            S.PENDING_PURCHASE,  # an approved edit asked for more than is in stock
            S.PARTLY_SHIPPED,
            S.PENDING_SIGNBACK,
            S.COMPLETED,
            S.CANCELLED,
        },
        S.PARTLY_SHIPPED: {S.PENDING_SIGNBACK, S.COMPLETED},
        S.PENDING_SIGNBACK: {S.COMPLETED},
    },
)
# Reservations are held from approval until shipment; these states may have open quantities.
RESERVING_STATUSES = (S.PENDING_PURCHASE, S.PENDING_SHIPMENT, S.PARTLY_SHIPPED)
CANCELLABLE = (S.DRAFT, S.PENDING_REVIEW, S.APPROVED, S.PENDING_PURCHASE, S.PENDING_SHIPMENT)
MONEY = DecimalField(max_digits=18, decimal_places=2)


class OrderChanges:
    """What one operation does to an order, written at its end (`write`): the changed columns in
    one UPDATE (or the INSERT of a new order, which the caller saves), the status rows in one
    INSERT, the domain events in one more with their fan-out jobs."""

    def __init__(self, *, actor: Actor, order: SalesOrder) -> None:
        self.actor, self.order, self.by = actor, order, actor_stamp(actor)
        self.fields: set[str] = set()
        self.moves: list[DocumentEvent] = []
        self.events: list[DomainEvent] = []

    def move(self, to: str, note: str = "") -> None:
        """Along the transition table (transition_invalid otherwise), in memory."""
        self.moves.append(ORDER_FLOW.step(by=self.by, document=self.order, to=to, note=note))
        self.fields.add("status")

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            setattr(self.order, name, value)
            self.fields.add(name)

    def emit(self, event: DomainEvent) -> None:
        self.events.append(event)

    def write(self, *, saved: bool = True) -> None:
        """Save the order's changed columns (`saved=False`: the caller inserted it already) and
        the rows collected; status rows of a new order get its id here."""
        if saved and self.fields:
            self.order.save(update_fields=[*sorted(self.fields), "updated_at"])
        for move in self.moves:
            move.doc_id = self.order.pk
        if self.moves:
            DocumentEvent.objects.bulk_create(self.moves)
        if len(self.events) == 1:
            emit(self.events[0], by=self.by)
        elif self.events:
            emit_many(self.events, by=self.by)
        self.fields, self.moves, self.events = set(), [], []


def credit_exposure(customer: Customer, order: SalesOrder) -> Decimal:
    """What the customer owes on sold orders (total − returned − received), plus this order."""
    owed = (
        SalesOrder.objects.filter(customer=customer, status__in=SOLD_STATUSES)
        .exclude(pk=order.pk)
        .aggregate(
            owed=Coalesce(
                Sum(F("total_amount") - F("returned_amount") - F("received_amount"), output_field=MONEY),
                Decimal(0),
                output_field=MONEY,
            )
        )["owed"]
    )
    return Decimal(owed) + Decimal(order.total_amount)


def over_credit_limit(order: SalesOrder) -> bool:
    """Whether this order takes the customer over the limit. Locks the customer row, so two
    orders of one customer are weighed one after the other, never both against the old balance."""
    customer = Customer.objects.select_for_update().get(pk=order.customer_id)
    if customer.credit_limit is None:
        return False
    return credit_exposure(customer, order) > customer.credit_limit


def revision_money_check(
    *, actor: Actor, order: SalesOrder, total_before: Decimal, settings_row: SalesSettings | None = None
) -> None:
    """An approved order's edit may not drop its total below the money already against it, and
    a raise is weighed against the credit limit like a new order (block, or a manager's edit)."""
    if order.total_amount < order.invoiced_amount or (
        order.total_amount - order.returned_amount < order.received_amount
    ):
        raise InvalidInput(
            _("The new total is less than what was already received or invoiced for this order."),
            code="total_below_paid",
            field="lines",
        )
    if order.total_amount <= total_before:
        return
    policy = (settings_row or sales_settings()).credit_policy
    if policy == CreditPolicy.OFF or not over_credit_limit(order):
        return
    if policy == CreditPolicy.BLOCK:
        raise _credit_refused()
    if not actor.has_scope(scopes.ORDERS_CREDIT_OVERRIDE):
        raise Forbidden(
            _("This change takes the customer over their credit limit; a manager must make it."),
            code="credit_override_required",
            field="lines",
        )


def _credit_refused() -> InvalidInput:
    return InvalidInput(
        _("This order would take the customer over their credit limit."),
        code="credit_limit_exceeded",
        field="customer_id",
    )


def credit_held(settings_row: SalesSettings, order: SalesOrder) -> bool:
    """Whether the credit policy holds the order for a manager; credit_limit_exceeded when it
    blocks (the customer row is locked by the check: see over_credit_limit)."""
    if settings_row.credit_policy == CreditPolicy.OFF or not over_credit_limit(order):
        return False
    if settings_row.credit_policy == CreditPolicy.BLOCK:
        raise _credit_refused()
    return True


def settled_status(
    order: SalesOrder, lines: list[SalesOrderLine], settings_row: SalesSettings | None
) -> str | None:
    """Where a sold order's lines say it is: waiting for goods, to ship, or shipped (None: no
    move). The settings are read only when the answer depends on them (sign-back)."""
    if fully_shipped(lines) and any(Decimal(line.shipped_quantity) > 0 for line in lines):
        signback = (settings_row or sales_settings()).signback_required
        return S.PENDING_SIGNBACK if signback else S.COMPLETED
    if order.status in (S.APPROVED, S.PENDING_PURCHASE, S.PENDING_SHIPMENT):
        if any(Decimal(line.shipped_quantity) > 0 for line in lines):
            return S.PARTLY_SHIPPED
        return S.PENDING_SHIPMENT if fully_reserved(lines) else S.PENDING_PURCHASE
    return None


def settle_status(
    *,
    actor: Actor,
    order: SalesOrder,
    lines: list[SalesOrderLine],
    note: str = "",
    settings_row: SalesSettings | None = None,
    changes: OrderChanges | None = None,
) -> None:
    """Move a sold order to where its lines say it is: waiting for goods, to ship, or shipped.
    Written at once, or with the caller's `changes`."""
    own = changes is None
    changes = changes or OrderChanges(actor=actor, order=order)
    target = settled_status(order, lines, settings_row)
    if target is not None and target != order.status:
        changes.move(target, note)
        if target == S.COMPLETED:
            changes.set(completed_at=timezone.now())
            changes.emit(SalesOrderCompleted(**order_facts(order)))
    if own:
        changes.write()


def _approve(
    *, actor: Actor, order: SalesOrder, note: str, changes: OrderChanges, settings_row: SalesSettings
) -> None:
    changes.move(S.APPROVED, note)
    changes.set(approved_at=timezone.now(), credit_hold=order.credit_hold)
    lines = locked_lines(order)
    reserve_open(actor=actor, order=order, lines=lines, touch=False)  # the order is saved below
    settle_status(actor=actor, order=order, lines=lines, settings_row=settings_row, changes=changes)


@transaction.atomic
def order_submit(*, actor: Actor, order: SalesOrder | Any, note: str = "") -> SalesOrder:
    """draft → pending_review; approved at once when the workspace does not review orders,
    unless the credit policy holds the order for a manager."""
    require_order_editor(actor)
    note = clean_text(note, "note", 200)
    order = locked_order(actor, order)
    submit_locked(actor=actor, order=order, note=note)
    return order


def submit_locked(
    *,
    actor: Actor,
    order: SalesOrder,
    note: str = "",
    settings_row: SalesSettings | None = None,
    changes: OrderChanges | None = None,
) -> None:
    """Submit an order the caller has found through its own rule, locked, and may submit: the
    body of order_submit, and the door of the distributor portal (saas/distribution), where a
    distributor submits the order it just placed on its own account without orders.edit. The
    credit policy, review setting and events are the same for both. Written at once, or with the
    caller's `changes`."""
    own = changes is None
    changes = changes or OrderChanges(actor=actor, order=order)
    settings_row = settings_row or sales_settings()
    changes.move(S.PENDING_REVIEW, note)
    changes.set(submitted_at=timezone.now(), credit_hold=credit_held(settings_row, order))
    if not settings_row.review_required and not order.credit_hold:
        # Submitted and approved at once: partners hear one event, approved (automatic).
        note = _("Approved automatically: review is off.")
        _approve(actor=actor, order=order, note=note, changes=changes, settings_row=settings_row)
        changes.emit(SalesOrderApproved(**order_facts(order), note=note, automatic=True))
    else:
        changes.emit(SalesOrderSubmitted(**order_facts(order), credit_hold=order.credit_hold))
    if own:
        changes.write()


@transaction.atomic
def order_approve(*, actor: Actor, order: SalesOrder | Any, note: str = "") -> SalesOrder:
    """pending_review → approved, then stock is reserved: pending_shipment when every line is
    covered, pending_purchase otherwise. Credit is weighed again, against the balance of now."""
    user = require_reviewer(actor)
    note = clean_text(note, "note", 200)
    order = locked_order(actor, order)
    if not ORDER_FLOW.can_move(order.status, S.APPROVED):
        ORDER_FLOW.move(by=actor_stamp(actor), document=order, to=S.APPROVED)  # raises transition_invalid
    settings_row = sales_settings()
    if credit_held(settings_row, order):
        order.credit_hold = True
    if order.credit_hold and not user.has_scope(scopes.ORDERS_CREDIT_OVERRIDE):
        raise Forbidden(
            _("This order is over the customer's credit limit; a manager must approve it."),
            code="credit_override_required",
            field="id",
        )
    changes = OrderChanges(actor=actor, order=order)
    _approve(actor=actor, order=order, note=note, changes=changes, settings_row=settings_row)
    changes.emit(SalesOrderApproved(**order_facts(order), note=note, automatic=False))
    changes.write()
    return order


@transaction.atomic
def order_reject(*, actor: Actor, order: SalesOrder | Any, note: str) -> SalesOrder:
    """pending_review → draft, with the reason for the rep."""
    require_reviewer(actor)
    note = clean_text(note, "note", 200, required=True)
    order = locked_order(actor, order)
    ORDER_FLOW.move(by=actor_stamp(actor), document=order, to=S.DRAFT, note=note)
    order.credit_hold = False
    order.save(update_fields=["credit_hold", "updated_at"])
    emit(SalesOrderRejected(**order_facts(order), note=note), by=actor_stamp(actor))
    return order


@transaction.atomic
def order_cancel(*, actor: Actor, order: SalesOrder | Any, reason: str) -> SalesOrder:
    """Any state before shipping → cancelled; reserved stock is given back."""
    require_canceller(actor)
    reason = clean_text(reason, "reason", 200, required=True)
    order = locked_order(actor, order)
    lines = locked_lines(order)
    if order.status in CANCELLABLE and any(Decimal(line.shipped_quantity) > 0 for line in lines):
        raise InvalidInput(
            _("Goods of this order have been shipped; it can no longer be cancelled."),
            code="already_shipped",
            field="status",
        )
    if order.received_amount or order.invoiced_amount:
        # Cancelling would drop the money out of receivables while the receipt or invoice stays.
        raise InvalidInput(
            _("Money has been received or invoiced against this order; void the receipt or invoice first."),
            code="order_has_money",
            field="status",
        )
    ORDER_FLOW.move(by=actor_stamp(actor), document=order, to=S.CANCELLED, note=reason)
    release(actor=actor, order=order, lines=lines)
    order.cancel_reason = reason
    order.credit_hold = False
    order.save(update_fields=["cancel_reason", "credit_hold", "updated_at"])
    emit(SalesOrderCancelled(**order_facts(order), reason=reason), by=actor_stamp(actor))
    return order


@transaction.atomic
def order_sign_back(*, actor: Actor, order: SalesOrder | Any, note: str = "") -> SalesOrder:
    """pending_signback → completed: the customer's signed delivery note is back (签回)."""
    require_signback_recorder(actor)
    note = clean_text(note, "note", 200)
    order = locked_order(actor, order)
    if order.status != S.PENDING_SIGNBACK:  # the table also lets shipping complete an order
        raise InvalidInput(
            _("Only a shipped order waiting for its signed delivery note can be signed back."),
            code="transition_invalid",
            field="status",
        )
    ORDER_FLOW.move(by=actor_stamp(actor), document=order, to=S.COMPLETED, note=note)
    order.completed_at = timezone.now()
    order.save(update_fields=["completed_at", "updated_at"])
    emit(SalesOrderCompleted(**order_facts(order)), by=actor_stamp(actor))
    return order


def _retry(actor: Actor, order: SalesOrder) -> Decimal:
    lines = locked_lines(order)
    reserved = reserve_open(actor=actor, order=order, lines=lines)
    settle_status(actor=actor, order=order, lines=lines, note=_("Stock reserved."))
    return reserved


@transaction.atomic
def order_reserve_retry(*, actor: Actor, order: SalesOrder | Any) -> SalesOrder:
    """Reserve what has become available for an order waiting for goods (or partly shipped)."""
    require_reservation_retrier(actor)
    order = locked_order(actor, order)
    if order.status not in (S.PENDING_PURCHASE, S.PARTLY_SHIPPED):
        raise InvalidInput(
            _("Only an order waiting for goods can reserve more stock."),
            code="transition_invalid",
            field="status",
        )
    _retry(actor, order)
    return order


def orders_reserve_retry_for(*, actor: Actor, keys: Iterable[tuple[int, int]]) -> list[int]:
    """Try every order waiting for these (SKU, warehouse) pairs again, oldest first, each in its
    own transaction. Returns the ids of orders that reserved something.

    No row visibility here: stock arriving serves whoever waited longest, whoever received it.
    The actor (the stock hook's job, RESERVATION_RETRY) still needs a retrier's scope and is
    recorded on every event and movement. An order another transaction holds right now is
    skipped; that transaction settles it itself.
    """
    require_reservation_retrier(actor)
    condition = Q()
    for sku_id, warehouse_id in set(keys):
        condition |= Q(sku_id=sku_id, warehouse_id=warehouse_id)
    if not condition:
        return []
    order_ids = (
        SalesOrderLine.objects.filter(condition, order__status__in=(S.PENDING_PURCHASE, S.PARTLY_SHIPPED))
        .filter(reserved_quantity__lt=F("base_quantity") - F("shipped_quantity"))
        .order_by("order_id")
        .values_list("order_id", flat=True)
        .distinct()
    )
    served: list[int] = []
    for order_id in list(order_ids):
        with transaction.atomic():
            order = (
                SalesOrder.objects.select_for_update(skip_locked=True)
                .filter(pk=order_id, status__in=(S.PENDING_PURCHASE, S.PARTLY_SHIPPED))
                .first()
            )
            if order is not None and _retry(actor, order) > 0:
                served.append(order_id)
    return served
