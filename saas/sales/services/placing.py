"""Placing an order in one request: create, submit and, when the caller may, approve it, in one
transaction under one idempotency key (phones and partners, which would otherwise send three
requests and retry each).

The result is the one the three services would give one after the other, by the same rules:
`order_create`'s checks, `submit_locked`'s credit policy and review setting, `order_approve`'s
scope and credit override, the ledger's reservation. What changes is how it is written: the
order is decided in memory and inserted once in its final status, its lines once with what they
reserved, the stock levels are locked once and changed in one statement, its four status rows in
one INSERT and its events in one more.

Approval happens when review is off (automatically, as submit does), or when the caller asked
for it (`approve`, the default) and holds orders.review, and then only if the credit policy does
not hold the order, or the caller may override it. Otherwise the order waits in pending_review,
held for credit or not, exactly as after a submit. Partners hear `sales_order.created`, then
`sales_order.approved` or `sales_order.submitted`: an order approved in the same request is never
announced as waiting for review.

An order taken offline is placed from the phone's outbox: its lines may carry the price they were
priced from, and the workspace may forbid backorders; what no longer agrees comes back as line
problems (services/conflicts.py), before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, actor_stamp
from saas.core.idempotency import run_once
from saas.sales.events import SalesOrderApproved, SalesOrderCreated, SalesOrderSubmitted, order_facts
from saas.sales.models import OrderStatus, SalesOrder
from saas.sales.services.access import require_order_editor
from saas.sales.services.conflicts import check_line_conflicts
from saas.sales.services.inputs import clean_date, clean_text
from saas.sales.services.lines import LineInput, clean_lines
from saas.sales.services.orders import (
    ShipTo,
    build_order,
    customer_for_order,
    delivery_method_clean,
    rep_for_order,
    save_order,
    warehouse_for_order,
)
from saas.sales.services.reserving import reservation_plan, reservation_post
from saas.sales.services.settings import sales_settings
from saas.sales.services.workflow import ORDER_FLOW, OrderChanges, credit_held, settled_status

S = OrderStatus


def order_place(
    *,
    actor: Actor,
    customer_id: Any,
    lines: Sequence[LineInput],
    warehouse_id: Any,
    rep_id: Any = None,
    requested_date: Any = None,
    delivery_method: str | None = None,
    contact_name: str | None = None,
    contact_phone: str | None = None,
    ship_to: ShipTo | None = None,
    remarks: str = "",
    note: str = "",
    approve: bool = True,
    idempotency_key: str | None = None,
) -> SalesOrder:
    """Create and submit an order, and approve it when the caller may (module docstring); a
    retry with the same idempotency key returns the first order as it is now."""
    user = require_order_editor(actor)

    def write() -> dict[str, int]:
        settings_row = sales_settings()
        customer = customer_for_order(user, customer_id)
        warehouse = warehouse_for_order(warehouse_id)
        cleaned = clean_lines(lines, warehouse=warehouse, tax_default=settings_row.default_tax_rate)
        check_line_conflicts(
            customer_id=customer.pk,
            lines=lines,
            rows=cleaned,
            warehouse=warehouse,
            backorders_allowed=settings_row.backorders_allowed,
        )
        order, rows = build_order(
            actor=user,
            customer=customer,
            warehouse=warehouse,
            rep=rep_for_order(user, rep_id, customer),
            lines=cleaned,
            requested_date=clean_date(requested_date, "requested_date"),
            delivery_method=delivery_method_clean(delivery_method),
            contact_name=contact_name,
            contact_phone=contact_phone,
            ship_to=ship_to,
            remarks=clean_text(remarks, "remarks", 500),
        )
        submit_note = clean_text(note, "note", 200)
        changes = OrderChanges(actor=user, order=order)
        changes.moves.append(
            ORDER_FLOW.event(by=changes.by, document=order, from_status="", to_status=S.DRAFT)
        )
        changes.move(S.PENDING_REVIEW, submit_note)
        order.submitted_at = timezone.now()
        order.credit_hold = credit_held(settings_row, order)
        # submit_locked's rule, then order_approve's (a held order needs the override scope).
        automatic = not settings_row.review_required and not order.credit_hold
        by_caller = (
            approve
            and user.has_scope(scopes.ORDERS_REVIEW)
            and (not order.credit_hold or user.has_scope(scopes.ORDERS_CREDIT_OVERRIDE))
        )
        approving = automatic or by_caller
        plan = None
        approve_note = _("Approved automatically: review is off.") if automatic else ""
        if approving:
            changes.move(S.APPROVED, approve_note)
            order.approved_at = timezone.now()
            plan = reservation_plan(rows)
            target = settled_status(order, rows, settings_row)
            if target is not None:
                changes.move(target)
        save_order(order, rows)
        if plan is not None:
            reservation_post(actor=user, order=order, plan=plan)
        facts = order_facts(order)
        changes.emit(SalesOrderCreated(**{**facts, "status": S.DRAFT}))
        if approving:
            changes.emit(SalesOrderApproved(**facts, note=approve_note, automatic=automatic))
        else:
            changes.emit(SalesOrderSubmitted(**facts, credit_hold=order.credit_hold))
        changes.write(saved=False)
        placed.append(order)
        return {"pk": order.pk}

    placed: list[SalesOrder] = []
    # run_once is the transaction (no savepoint when called outside one).
    result, replayed = run_once(
        by=actor_stamp(user), key=idempotency_key, operation="sales_order_place", write=write
    )
    if not replayed:
        return placed[0]  # as written: no second read
    return SalesOrder.objects.select_related("customer").get(pk=result["pk"])
