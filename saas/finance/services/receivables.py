"""What customers owe on sales orders, as the money services change it: (order, amount) pairs,
the finance scope, and locking a customer's orders before their money moves.

Invoices, receipts and refunds change the money columns of SalesOrder (invoiced_amount,
received_amount; returns move returned_amount). They lock the orders first, always in id order
so two transactions never deadlock, check against the locked rows, and write with F() through
sales' `add_to_order`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor
from saas.core.clock import tenant_today
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.ids import clean_id, parse_id
from saas.core.inputs import clean_date
from saas.customers.models import Customer
from saas.customers.visibility import visible_customers
from saas.sales.models import SOLD_STATUSES, SalesOrder
from saas.sales.selectors.visibility import visible_orders
from saas.sales.services.inputs import clean_amount

MAX_ORDERS = 100  # orders per receipt, allocation or invoice


@dataclass(frozen=True)
class OrderAmount:
    """An amount of money against one order: an allocation of a receipt, a share of an invoice."""

    order_id: Any
    amount: Any


def require_finance_manager(actor: Actor) -> Actor:
    """Recording money: receipts, refunds, invoices, settling returns."""
    return require_scopes(actor, scopes.FINANCE_MANAGE)


def clean_past_date(value: Any, field: str) -> date:
    """A day money moved or a document was issued: today when empty, never in the future."""
    day = clean_date(value, field) or tenant_today()
    if day > tenant_today():
        raise InvalidInput(_("This date is in the future."), code="date_in_future", field=field)
    return day


def find_customer(actor: Actor, customer_id: Any, field: str = "customerId") -> Customer:
    """A customer the actor may see (finance sees all; inactive customers still pay)."""
    pk = clean_id(customer_id, field, _("Customer not found."))
    customer = visible_customers(actor).filter(pk=pk).first()
    if customer is None:
        raise NotFound(_("Customer not found."), field=field)
    return customer


def clean_order_amounts(
    items: Sequence[OrderAmount], field: str, *, required: bool
) -> list[tuple[int | None, Decimal]]:
    """(order id, amount) pairs; an unknown id stays None for the lock to report as not found."""
    if required and not items:
        raise InvalidInput(_("Add at least one order."), code="orders_required", field=field)
    if len(items) > MAX_ORDERS:
        raise InvalidInput(
            _("At most %(n)d orders at a time.") % {"n": MAX_ORDERS}, code="too_many_lines", field=field
        )
    pairs: list[tuple[int | None, Decimal]] = []
    problems: list[FieldProblem] = []
    seen: set[int] = set()
    for index, item in enumerate(items):
        pk = parse_id(item.order_id)
        if pk is not None and pk in seen:
            problems.append(
                FieldProblem(
                    f"{field}.{index}.orderId", "duplicate_order", _("This order is already in the list.")
                )
            )
        if pk is not None:
            seen.add(pk)
        try:
            pairs.append((pk, clean_amount(item.amount, f"{field}.{index}.amount")))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems=problems)
    return pairs


def lock_customer_orders(
    actor: Actor, customer: Customer, order_ids: Sequence[int | None], field: str
) -> list[SalesOrder]:
    """The orders at each position, locked in id order, each the customer's own and sold.

    Looked up through the actor's order visibility, so an order the actor may not see is simply
    not found.
    """
    wanted = sorted({pk for pk in order_ids if pk is not None})
    locked = {
        order.pk: order
        for order in visible_orders(actor).select_for_update().filter(pk__in=wanted).order_by("pk")
    }
    problems: list[FieldProblem] = []
    result: list[SalesOrder] = []
    for index, pk in enumerate(order_ids):
        order = locked.get(pk) if pk is not None else None
        if order is None:
            problems.append(FieldProblem(f"{field}.{index}.orderId", "not_found", _("Order not found.")))
            continue
        if order.customer_id != customer.pk:
            problems.append(
                FieldProblem(
                    f"{field}.{index}.orderId", "wrong_customer", _("This order is another customer's.")
                )
            )
            continue
        if order.status not in SOLD_STATUSES:
            problems.append(
                FieldProblem(
                    f"{field}.{index}.orderId",
                    "order_not_sold",
                    _("This order is not approved, or it is cancelled."),
                )
            )
            continue
        result.append(order)
    if problems:
        raise InvalidInput(problems=problems)
    return result


def lock_orders_by_id(order_ids: Sequence[int]) -> dict[int, SalesOrder]:
    """Orders a document already points at (its allocations, its invoice links), locked in id order.

    No visibility filter: the caller has already found the document through it.
    """
    return {
        order.pk: order
        for order in SalesOrder.objects.select_for_update()
        .filter(pk__in=sorted(set(order_ids)))
        .order_by("pk")
    }


def refundable_on(order: SalesOrder) -> Decimal:
    """Money received on the order beyond what its goods, less returns, are worth."""
    return order.received_amount - (order.total_amount - order.returned_amount)
