"""Customer statements (对账单) for users: orders, returns, payments, refunds and invoices of one
customer in date order with the running balance.

A statement is a complete document sent to the customer, so only those who see all money
(finance.view, orders.view_all) get one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_actor
from saas.core.clock import tenant_zone
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.customers.models import Customer
from saas.customers.visibility import visible_customers
from saas.finance.models import Invoice, InvoiceStatus, Receipt, ReceiptKind
from saas.finance.selectors.balances import ZERO
from saas.finance.selectors.receivables import receivable_since
from saas.sales.models import SOLD_STATUSES, ReturnStatus, SalesOrder, SalesReturn
from saas.sales.selectors.visibility import sees_all_money

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
    zone = tenant_zone()
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
    *, actor: Actor, customer_id: Any, date_from: date | None = None, date_to: date | None = None
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
