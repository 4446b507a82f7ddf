"""Reads of sales money for users: receivables with ageing, customer statements, invoices, receipts.

Who sees money (fails closed):
- finance.view or orders.view_all (finance, managers, admins): every order, receipt and invoice.
- orders.view_own (reps): receivables of their own orders; receipts and invoices that touch their
  orders or are their own customers'; prepayments of their own customers.
- anyone else (warehouse, distributors): refused with `forbidden`.
Customer statements are complete documents sent to customers, so only the first group gets them.

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

from django.db.models import DecimalField, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.models import User
from saas.accounts.visibility import require_actor
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.tenancy import current_tenant
from saas.customers.models import Customer
from saas.customers.visibility import visible_customers
from saas.sales.models import (
    SOLD_STATUSES,
    Invoice,
    InvoiceOrder,
    InvoiceStatus,
    Receipt,
    ReceiptAllocation,
    ReceiptKind,
    ReturnStatus,
    SalesOrder,
    SalesReturn,
)
from saas.sales.selectors.balances import order_balance
from saas.sales.services.inputs import clean_id
from saas.sales.services.receivables import tenant_today

ZERO = Decimal("0.00")  # so sums and untouched buckets read "0.00", as money does
MONEY = DecimalField(max_digits=18, decimal_places=2)


def sees_all_money(user: User) -> bool:
    return user.has_scope(scopes.ORDERS_VIEW_ALL) or user.has_scope(scopes.FINANCE_VIEW)


def _money_viewer(actor: Any) -> User:
    user = require_actor(actor)
    if not (sees_all_money(user) or user.has_scope(scopes.ORDERS_VIEW_OWN)):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    return user


def order_money_filter(actor: Any, *, prefix: str = "") -> Q:
    """The orders whose money the actor sees, as a Q (prefix="order__" for related rows)."""
    user = _money_viewer(actor)
    return Q() if sees_all_money(user) else Q(**{f"{prefix}rep_id": user.pk})


def _customer_money_filter(user: User, *, prefix: str = "") -> Q:
    """Customer-level money (prepayments): everyone's for full viewers, own customers for reps."""
    return Q() if sees_all_money(user) else Q(**{f"{prefix}owner_id": user.pk})


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


def _zone() -> ZoneInfo:
    return ZoneInfo(current_tenant().time_zone)


# --- receivables -------------------------------------------------------------------------


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


def receivables(*, actor: Any, group_by: str = GROUP_BY_CUSTOMER, customer_id: Any = None) -> Receivables:
    """Open balances of sold orders and unallocated prepayments, per customer or per rep.

    One query for the orders with a balance and one for the prepayments, summed here; only
    orders that still carry money are read, however many were ever sold.
    """
    if group_by not in (GROUP_BY_CUSTOMER, GROUP_BY_REP):
        raise InvalidInput(_("Group by customer or rep."), code="group_by_invalid", field="groupBy")
    user = _money_viewer(actor)
    today = tenant_today()
    orders = (
        SalesOrder.objects.filter(order_money_filter(user), status__in=SOLD_STATUSES)
        .annotate(balance=order_balance())  # split by add_balance into owed and overpaid
        .exclude(balance=0)
    )
    prepaid = Receipt.objects.filter(
        _customer_money_filter(user, prefix="customer__"),
        kind=ReceiptKind.PAYMENT,
        is_void=False,
        unallocated_amount__gt=0,
    )
    if customer_id is not None:
        pk = clean_id(customer_id, "customerId", _("Customer not found."))
        orders, prepaid = orders.filter(customer_id=pk), prepaid.filter(customer_id=pk)
    key = "customer_id" if group_by == GROUP_BY_CUSTOMER else "rep_id"
    zone = _zone()
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


# --- customer statement --------------------------------------------------------------------

KIND_ORDER = {"order": 0, "return": 1, "payment": 2, "refund": 3, "invoice": 4}


@dataclass
class StatementEntry:
    day: date
    kind: str  # order, return, payment, refund, invoice
    document_id: int
    number: str
    amount: Decimal  # the document's own amount
    debit: Decimal  # raises what the customer owes
    credit: Decimal  # lowers it
    balance: Decimal = ZERO  # running, after this entry


@dataclass
class CustomerStatement:
    customer: Customer
    date_from: date | None
    date_to: date | None
    opening_balance: Decimal
    closing_balance: Decimal
    entries: list[StatementEntry]


def _statement_facts(customer: Customer) -> list[StatementEntry]:
    zone = _zone()
    facts: list[StatementEntry] = []
    for order in SalesOrder.objects.filter(customer=customer, status__in=SOLD_STATUSES).values(
        "pk", "number", "total_amount", "shipped_at", "approved_at", "order_date"
    ):
        day = receivable_since(order["shipped_at"], order["approved_at"], order["order_date"], zone)
        total = order["total_amount"]
        facts.append(StatementEntry(day, "order", order["pk"], order["number"], total, total, ZERO))
    for ret in SalesReturn.objects.filter(
        order__customer=customer, status__in=(ReturnStatus.RECEIVED, ReturnStatus.SETTLED)
    ).values("pk", "number", "amount", "received_at", "return_date"):
        day = ret["received_at"].astimezone(zone).date() if ret["received_at"] else ret["return_date"]
        facts.append(
            StatementEntry(day, "return", ret["pk"], ret["number"], ret["amount"], ZERO, ret["amount"])
        )
    for receipt in Receipt.objects.filter(customer=customer, is_void=False).values(
        "pk", "number", "amount", "kind", "received_on"
    ):
        amount = receipt["amount"]
        refund = receipt["kind"] == ReceiptKind.REFUND
        facts.append(
            StatementEntry(
                receipt["received_on"],
                "refund" if refund else "payment",
                receipt["pk"],
                receipt["number"],
                amount,
                amount if refund else ZERO,
                ZERO if refund else amount,
            )
        )
    for invoice in (
        Invoice.objects.filter(customer=customer)
        .exclude(status=InvoiceStatus.VOID)
        .values("pk", "number", "amount", "issue_date", "created_at")
    ):
        day = invoice["issue_date"] or invoice["created_at"].astimezone(zone).date()
        facts.append(
            StatementEntry(day, "invoice", invoice["pk"], invoice["number"], invoice["amount"], ZERO, ZERO)
        )
    facts.sort(key=lambda e: (e.day, KIND_ORDER[e.kind], e.document_id))
    return facts


def customer_statement(
    *, actor: Any, customer_id: Any, date_from: date | None = None, date_to: date | None = None
) -> CustomerStatement:
    """Orders, returns, payments, refunds and invoices of one customer in date order, with the
    running balance (invoices are listed but move no money). The closing balance equals the
    customer's owed − overpaid − prepayment in the receivables."""
    user = require_actor(actor)
    if not sees_all_money(user):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    if date_from and date_to and date_from > date_to:
        raise InvalidInput(_("The start is after the end."), code="date_range_invalid", field="from")
    pk = clean_id(customer_id, "customerId", _("Customer not found."))
    customer = visible_customers(user).filter(pk=pk).first()
    if customer is None:
        raise NotFound(_("Customer not found."), field="customerId")
    opening, entries = ZERO, []
    for entry in _statement_facts(customer):
        if date_to and entry.day > date_to:
            break
        if date_from and entry.day < date_from:
            opening += entry.debit - entry.credit
            continue
        entries.append(entry)
    balance = opening
    for entry in entries:
        balance += entry.debit - entry.credit
        entry.balance = balance
    return CustomerStatement(customer, date_from, date_to, opening, balance, entries)


# --- invoices and receipts -----------------------------------------------------------------


def _touching_own(user: User, links: QuerySet[Any], link_field: str) -> Q:
    """Documents linked to the rep's own orders, or of the rep's own customers."""
    mine = links.filter(order__rep_id=user.pk).values(link_field)
    return Q(pk__in=mine) | Q(customer__owner_id=user.pk)


def invoice_list(
    *, actor: Any, customer_id: Any = None, order_id: Any = None, status: str | None = None
) -> QuerySet[Invoice]:
    user = _money_viewer(actor)
    links = InvoiceOrder.objects.select_related("order").order_by("order_id")
    queryset = Invoice.objects.select_related("customer", "created_by")
    if not sees_all_money(user):
        queryset = queryset.filter(_touching_own(user, InvoiceOrder.objects.all(), "invoice_id"))
        links = links.filter(order__rep_id=user.pk)  # a colleague's orders stay unseen
    queryset = queryset.prefetch_related(Prefetch("order_links", queryset=links))
    if customer_id is not None:
        queryset = queryset.filter(customer_id=clean_id(customer_id, "customerId", _("Customer not found.")))
    if order_id is not None:
        pk = clean_id(order_id, "orderId", _("Order not found."))
        queryset = queryset.filter(pk__in=InvoiceOrder.objects.filter(order_id=pk).values("invoice_id"))
    if status:
        if status not in InvoiceStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        queryset = queryset.filter(status=status)
    return queryset.order_by("-id")


def invoice_get(*, actor: Any, invoice_id: Any) -> Invoice:
    pk = clean_id(invoice_id, "id", _("Invoice not found."))
    invoice = invoice_list(actor=actor).filter(pk=pk).first()
    if invoice is None:
        raise NotFound(_("Invoice not found."), field="id")
    return invoice


def receipt_list(
    *,
    actor: Any,
    customer_id: Any = None,
    order_id: Any = None,
    kind: str | None = None,
    include_void: bool = True,
) -> QuerySet[Receipt]:
    user = _money_viewer(actor)
    allocations = ReceiptAllocation.objects.select_related("order").order_by("order_id")
    queryset = Receipt.objects.select_related("customer", "created_by")
    if not sees_all_money(user):
        queryset = queryset.filter(_touching_own(user, ReceiptAllocation.objects.all(), "receipt_id"))
        allocations = allocations.filter(order__rep_id=user.pk)
    queryset = queryset.prefetch_related(Prefetch("allocations", queryset=allocations))
    if customer_id is not None:
        queryset = queryset.filter(customer_id=clean_id(customer_id, "customerId", _("Customer not found.")))
    if order_id is not None:
        pk = clean_id(order_id, "orderId", _("Order not found."))
        queryset = queryset.filter(pk__in=ReceiptAllocation.objects.filter(order_id=pk).values("receipt_id"))
    if kind:
        if kind not in ReceiptKind.values:
            raise InvalidInput(_("Unknown receipt kind."), code="kind_invalid", field="kind")
        queryset = queryset.filter(kind=kind)
    if not include_void:
        queryset = queryset.filter(is_void=False)
    return queryset.order_by("-received_on", "-id")


def receipt_get(*, actor: Any, receipt_id: Any) -> Receipt:
    pk = clean_id(receipt_id, "id", _("Receipt not found."))
    receipt = receipt_list(actor=actor).filter(pk=pk).first()
    if receipt is None:
        raise NotFound(_("Receipt not found."), field="id")
    return receipt


def prepayment_of(customer: Customer) -> Decimal:
    """What the customer has paid and not yet had allocated."""
    total = Receipt.objects.filter(customer=customer, kind=ReceiptKind.PAYMENT, is_void=False).aggregate(
        total=Sum("unallocated_amount", output_field=MONEY)
    )["total"]
    return Decimal(total or 0)
