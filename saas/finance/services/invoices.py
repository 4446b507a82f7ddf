"""Invoices (开票): one VAT invoice over one or more orders of a customer, an amount per order.

draft → issued (the tax invoice number and issue date are entered) → void; a draft may be voided
too. Each order's invoiced_amount is the sum over its non-void invoices: a new invoice adds to
it, a voided one releases it, and an order is never invoiced beyond its total less what was
already invoiced and what came back as returns. A special invoice (增值税专用发票) needs the
buyer's taxpayer id. The tax defaults to each order's share of the VAT inside its lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, Sum
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import clean_id
from saas.core.inputs import clean_text
from saas.core.numbering import next_document_number
from saas.core.transitions import TransitionTable
from saas.finance.models import Invoice, InvoiceKind, InvoiceOrder, InvoiceStatus
from saas.finance.services.receivables import (
    OrderAmount,
    clean_order_amounts,
    clean_past_date,
    find_customer,
    lock_customer_orders,
    lock_orders_by_id,
    require_finance_manager,
)
from saas.sales.models import SalesOrder, SalesOrderLine
from saas.sales.models.common import to_money
from saas.sales.services.documents import add_to_order
from saas.sales.services.inputs import MAX_MONEY

S = InvoiceStatus
INVOICE_FLOW = TransitionTable("invoice", {S.DRAFT: {S.ISSUED, S.VOID}, S.ISSUED: {S.VOID}})


def invoiceable(order: SalesOrder) -> Decimal:
    """What may still be invoiced on an order."""
    return order.total_amount - order.invoiced_amount - order.returned_amount


def _clean_tax(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        tax = Decimal(str(value).strip())
    except ArithmeticError as exc:
        raise InvalidInput(_("Enter a number."), code="tax_invalid", field="taxAmount") from exc
    if not tax.is_finite() or tax < 0 or tax >= MAX_MONEY or tax != tax.quantize(Decimal("0.01")):
        raise InvalidInput(
            _("The tax is zero or more, with at most 2 decimals."), code="tax_invalid", field="taxAmount"
        )
    return tax.quantize(Decimal("0.01"))


def _tax_share(orders: list[SalesOrder], amounts: list[Decimal]) -> Decimal:
    """The VAT inside the invoiced amounts: each order's line tax in proportion to the share invoiced."""
    money = DecimalField(max_digits=18, decimal_places=2)
    line_tax = dict(
        SalesOrderLine.objects.filter(order__in=orders)
        .values("order_id")
        .annotate(tax=Sum("tax_amount", output_field=money))
        .values_list("order_id", "tax")
    )
    tax = Decimal(0)
    for order, amount in zip(orders, amounts, strict=True):
        if order.total_amount > 0:
            tax += to_money(Decimal(line_tax.get(order.pk) or 0) * amount / order.total_amount)
    return tax


def invoice_create(
    *,
    actor: Actor,
    customer_id: Any,
    orders: Sequence[OrderAmount],
    kind: str = InvoiceKind.NORMAL,
    title: str | None = None,
    taxpayer_id: str | None = None,
    tax_amount: Any = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> Invoice:
    """A draft invoice; the orders' invoiced amounts count it at once, so two invoices never
    cover the same money."""
    require_finance_manager(actor)
    if kind not in InvoiceKind.values:
        raise InvalidInput(_("Unknown invoice kind."), code="kind_invalid", field="kind")
    pairs = clean_order_amounts(list(orders), "orders", required=True)
    title = clean_text(title, "title", 120)
    taxpayer_id = clean_text(taxpayer_id, "taxpayerId", 30).upper()
    note = clean_text(note, "note", 200)
    entered_tax = _clean_tax(tax_amount)
    total = sum((amount for _pk, amount in pairs), Decimal(0))
    if entered_tax is not None and entered_tax > total:
        raise InvalidInput(
            _("The tax cannot be more than the invoice amount."), code="tax_invalid", field="taxAmount"
        )

    def write() -> dict[str, int]:
        customer = find_customer(actor, customer_id)
        buyer_id = taxpayer_id or customer.taxpayer_id
        if kind == InvoiceKind.SPECIAL and not buyer_id:
            raise InvalidInput(
                _("A special VAT invoice needs the customer's taxpayer id."),
                code="taxpayer_id_required",
                field="taxpayerId",
            )
        locked = lock_customer_orders(actor, customer, [pk for pk, _amount in pairs], "orders")
        amounts = [amount for _pk, amount in pairs]
        problems = [
            FieldProblem(
                f"orders.{index}.amount",
                "exceeds_invoiceable",
                _("Order %(number)s has only %(n)s left to invoice.")
                % {"number": order.number, "n": invoiceable(order)},
            )
            for index, (order, amount) in enumerate(zip(locked, amounts, strict=True))
            if amount > invoiceable(order)
        ]
        if problems:
            raise InvalidInput(problems=problems)
        invoice = Invoice.objects.create(
            number=next_document_number("IV"),
            customer=customer,
            kind=kind,
            title=title or customer.invoice_title or customer.name,
            taxpayer_id=buyer_id,
            amount=total,
            tax_amount=_tax_share(locked, amounts) if entered_tax is None else entered_tax,
            note=note,
            created_by=user_of(actor),
        )
        InvoiceOrder.objects.bulk_create(
            [
                InvoiceOrder(invoice=invoice, order=order, amount=amount)
                for order, amount in zip(locked, amounts, strict=True)
            ]
        )
        for order, amount in zip(locked, amounts, strict=True):
            add_to_order(order.pk, "invoiced_amount", amount)
        INVOICE_FLOW.record(by=actor_stamp(actor), document=invoice, from_status="", to_status=S.DRAFT)
        return {"pk": invoice.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="invoice_create", write=write
        )
    return Invoice.objects.get(pk=result["pk"])


def _locked_invoice(invoice_id: Any) -> Invoice:
    pk = clean_id(invoice_id, "id", _("Invoice not found."))
    invoice = Invoice.objects.select_for_update().filter(pk=pk).first()
    if invoice is None:
        raise NotFound(_("Invoice not found."), field="id")
    return invoice


@transaction.atomic
def invoice_issue(
    *, actor: Actor, invoice_id: Any, tax_invoice_number: str, issue_date: Any = None, note: str = ""
) -> Invoice:
    """The invoice was printed by the tax system: record its number and date."""
    require_finance_manager(actor)
    number = clean_text(tax_invoice_number, "taxInvoiceNumber", 30, required=True)
    day = clean_past_date(issue_date, "issueDate")
    note = clean_text(note, "note", 200)
    invoice = _locked_invoice(invoice_id)
    INVOICE_FLOW.move(by=actor_stamp(actor), document=invoice, to=S.ISSUED, note=note)
    invoice.tax_invoice_number, invoice.issue_date = number, day
    invoice.save(update_fields=["tax_invoice_number", "issue_date"])
    return invoice


@transaction.atomic
def invoice_void(*, actor: Actor, invoice_id: Any, note: str = "") -> Invoice:
    """Void a draft or an issued invoice; its amounts become invoiceable again."""
    require_finance_manager(actor)
    note = clean_text(note, "note", 200)
    invoice = _locked_invoice(invoice_id)
    INVOICE_FLOW.move(by=actor_stamp(actor), document=invoice, to=S.VOID, note=note)
    links = list(invoice.order_links.all())
    lock_orders_by_id([link.order_id for link in links])
    for link in links:
        add_to_order(link.order_id, "invoiced_amount", -link.amount)
    return invoice
