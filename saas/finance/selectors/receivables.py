"""Receivables (应收账款) with ageing, per customer or per rep, for users.

Who sees money is the order-money rule (saas.sales.selectors.visibility): finance.view or
orders.view_all see every order and prepayment; orders.view_own (reps) the receivables of their
own orders and the prepayments of their own customers; anyone else is refused with `forbidden`.

Ageing. An order becomes receivable at its first shipment (shipped_at; approved_at until then)
and is due payment_terms_days later (none: due the day it shipped); days are counted in the
workspace's time zone, so a shipment at 00:30 Beijing time belongs to that Beijing day. The due
day itself is still in time: an order is overdue from the day after. Open balances fall into
not yet due, 0–30 (1 to 30 days late), 31–60, 61–90 and over 90 days past due. Prepayments
(unallocated receipts) and overpaid orders are not aged: they are shown beside the buckets
(`prepayment`, `overpaid`), and `net` = owed − overpaid − prepayment is what the customer owes
once they are applied.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Sum
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.clock import tenant_today, tenant_zone
from saas.core.errors import InvalidInput
from saas.core.ids import clean_id
from saas.customers.models import Customer
from saas.finance.models import Receipt, ReceiptKind
from saas.finance.selectors.access import customer_money_filter
from saas.finance.selectors.balances import MONEY, ZERO, order_balance
from saas.sales.models import SOLD_STATUSES, SalesOrder
from saas.sales.selectors.visibility import money_viewer, order_money_filter


def receivable_since(
    shipped_at: datetime | None, approved_at: datetime | None, order_date: date, zone: ZoneInfo
) -> date:
    """The workspace's day an order became receivable: its first shipment, else its approval."""
    moment = shipped_at or approved_at
    return moment.astimezone(zone).date() if moment is not None else order_date


def due_date(since: date, payment_terms_days: int | None) -> date:
    """The last day to pay in time: the day it became receivable plus the customer's terms."""
    return since + timedelta(days=payment_terms_days or 0)


def days_past_due(due: date, today: date) -> int:
    """Days late; 0 on the due day itself (not overdue yet), negative before it."""
    return (today - due).days


@dataclass
class Receivable:
    """What one customer (or the customers of one rep) owes, aged."""

    customer: Customer | None = None
    rep: User | None = None
    order_count: int = 0
    owed: Decimal = ZERO  # positive balances due
    overpaid: Decimal = ZERO  # orders that received more than they are worth (after returns)
    prepayment: Decimal = ZERO  # receipts not yet allocated
    not_due: Decimal = ZERO
    due_0_to_30: Decimal = ZERO
    due_31_to_60: Decimal = ZERO
    due_61_to_90: Decimal = ZERO
    due_over_90: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.owed - self.overpaid - self.prepayment

    def add_balance(self, balance: Decimal, days_past_due: int) -> None:
        self.order_count += 1
        if balance < 0:
            self.overpaid -= balance
            return
        self.owed += balance
        if days_past_due <= 0:  # the due day is still in time
            self.not_due += balance
        elif days_past_due <= 30:
            self.due_0_to_30 += balance
        elif days_past_due <= 60:
            self.due_31_to_60 += balance
        elif days_past_due <= 90:
            self.due_61_to_90 += balance
        else:
            self.due_over_90 += balance

    def add(self, other: Receivable) -> None:
        for name in (
            "order_count",
            "owed",
            "overpaid",
            "prepayment",
            "not_due",
            "due_0_to_30",
            "due_31_to_60",
            "due_61_to_90",
            "due_over_90",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


GROUP_BY_CUSTOMER, GROUP_BY_REP = "customer", "rep"


@dataclass
class Receivables:
    rows: list[Receivable]
    total: Receivable
    today: date  # in the workspace's time zone: the day the ages are counted to


def receivables(*, actor: Actor, group_by: str = GROUP_BY_CUSTOMER, customer_id: Any = None) -> Receivables:
    """Open balances of sold orders and unallocated prepayments, per customer or per rep.

    One query for the orders with a balance and one for the prepayments, summed here; only
    orders that still carry money are read, however many were ever sold.
    """
    if group_by not in (GROUP_BY_CUSTOMER, GROUP_BY_REP):
        raise InvalidInput(_("Group by customer or rep."), code="group_by_invalid", field="groupBy")
    user = money_viewer(actor)
    today = tenant_today()
    orders = (
        SalesOrder.objects.filter(order_money_filter(user), status__in=SOLD_STATUSES)
        .annotate(balance=order_balance())  # split by add_balance into owed and overpaid
        .exclude(balance=0)
    )
    prepaid = Receipt.objects.filter(
        customer_money_filter(user, prefix="customer__"),
        kind=ReceiptKind.PAYMENT,
        is_void=False,
        unallocated_amount__gt=0,
    )
    if customer_id is not None:
        pk = clean_id(customer_id, "customerId", _("Customer not found."))
        orders, prepaid = orders.filter(customer_id=pk), prepaid.filter(customer_id=pk)
    key = "customer_id" if group_by == GROUP_BY_CUSTOMER else "rep_id"
    zone = tenant_zone()
    rows: dict[int | None, Receivable] = defaultdict(Receivable)
    for order in orders.values(
        key, "balance", "shipped_at", "approved_at", "order_date", "customer__payment_terms_days"
    ):
        since = receivable_since(order["shipped_at"], order["approved_at"], order["order_date"], zone)
        due = due_date(since, order["customer__payment_terms_days"])
        rows[order[key]].add_balance(order["balance"], days_past_due(due, today))
    prepaid_key = "customer_id" if group_by == GROUP_BY_CUSTOMER else "customer__owner_id"
    for row in prepaid.values(prepaid_key).annotate(total=Sum("unallocated_amount", output_field=MONEY)):
        rows[row[prepaid_key]].prepayment += row["total"]
    if group_by == GROUP_BY_CUSTOMER:
        customers = Customer.objects.in_bulk([k for k in rows if k is not None])
        for row_key, receivable in rows.items():
            receivable.customer = customers.get(row_key) if row_key is not None else None
    else:
        reps = User.objects.in_bulk([k for k in rows if k is not None])
        for row_key, receivable in rows.items():
            receivable.rep = reps.get(row_key) if row_key is not None else None
    result = sorted(
        rows.values(),
        key=lambda r: (
            -r.owed,
            -r.net,
            r.customer.code if r.customer else (r.rep.full_name if r.rep else ""),
        ),
    )
    total = Receivable()
    for row in result:
        total.add(row)
    return Receivables(rows=result, total=total, today=today)


def prepayment_of(customer: Customer) -> Decimal:
    """What the customer has paid and not yet had allocated."""
    total = Receipt.objects.filter(customer=customer, kind=ReceiptKind.PAYMENT, is_void=False).aggregate(
        total=Sum("unallocated_amount", output_field=MONEY)
    )["total"]
    return Decimal(total or 0)
