"""Invoices (开票): over several orders of one customer, never beyond what is left to invoice,
the VAT share from the order lines, special invoices needing a taxpayer id, issue and void."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, InvalidInput
from saas.core.transitions import events_of
from saas.customers.models import Customer
from saas.finance.models import Invoice, InvoiceStatus
from saas.finance.services import invoices
from saas.finance.services.receivables import OrderAmount
from tests.fixtures.finance import fresh


def invoice(books, orders, **fields):
    return invoices.invoice_create(
        actor=books.finance,
        customer_id=fields.pop("customer", books.customer).pk,
        orders=[OrderAmount(order.pk, amount) for order, amount in orders],
        **fields,
    )


def test_one_invoice_over_two_orders_with_the_vat_of_their_lines(books):
    Customer.objects.filter(pk=books.customer.pk).update(invoice_title="杭州测试客户有限公司")
    shirts = books.shipped([(books.shirt, "10")])  # 590.00, VAT 67.88 inside
    phone = books.shipped([(books.phone, "1")])  # 1999.00, VAT 229.97 inside

    made = invoice(books, [(shirts, "590"), (phone, "1000")])

    assert re.fullmatch(r"IV-\d{4}-\d{6}", made.number)
    assert (made.status, made.kind, made.amount) == (InvoiceStatus.DRAFT, "normal", Decimal("1590.00"))
    # 67.88 for all of the shirts, 229.97 × 1000 / 1999 = 115.04 for part of the phone.
    assert made.tax_amount == Decimal("182.92")
    assert made.title == "杭州测试客户有限公司"
    assert sorted((link.order_id, link.amount) for link in made.order_links.all()) == [
        (shirts.pk, Decimal("590.00")),
        (phone.pk, Decimal("1000.00")),
    ]
    assert (fresh(shirts).invoiced_amount, fresh(phone).invoiced_amount) == (
        Decimal("590.00"),
        Decimal("1000.00"),
    )
    entered = invoice(books, [(phone, "999")], tax_amount="100.00", title="别的抬头")
    assert (entered.tax_amount, entered.title) == (Decimal("100.00"), "别的抬头")


def test_an_order_is_never_invoiced_beyond_what_is_left_until_an_invoice_is_voided(books):
    shirts = books.shipped([(books.shirt, "10")])
    first = invoice(books, [(shirts, "500")])
    with pytest.raises(InvalidInput) as over:
        invoice(books, [(shirts, "90.01")])
    assert [(p.field, p.code) for p in over.value.problems] == [("orders.0.amount", "exceeds_invoiceable")]
    assert Invoice.objects.filter(customer=books.customer).count() == 1

    invoices.invoice_void(actor=books.finance, invoice_id=first.pk, note="金额开错")
    assert fresh(shirts).invoiced_amount == 0
    again = invoice(books, [(shirts, "590")])
    assert fresh(shirts).invoiced_amount == again.amount == Decimal("590.00")


def test_invoices_only_for_the_customers_sold_orders(books):
    other = books.customer_of(books.selling.rep)
    theirs = books.shipped([(books.shirt, "1")], customer=other)
    draft = books.selling.order([(books.shirt, "1")])
    with pytest.raises(InvalidInput) as refused:
        invoice(books, [(theirs, "1"), (draft, "1")])
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("orders.0.orderId", "wrong_customer"),
        ("orders.1.orderId", "order_not_sold"),
    ]
    with pytest.raises(InvalidInput) as empty:
        invoice(books, [])
    assert empty.value.code == "orders_required"


def test_a_special_invoice_needs_a_taxpayer_id(books):
    shirts = books.shipped([(books.shirt, "10")])
    with pytest.raises(InvalidInput) as missing:
        invoice(books, [(shirts, "100")], kind="special")
    assert (missing.value.code, missing.value.field) == ("taxpayer_id_required", "taxpayerId")
    given = invoice(books, [(shirts, "100")], kind="special", taxpayer_id="91330106ma2abcde1x")
    assert given.taxpayer_id == "91330106MA2ABCDE1X"
    Customer.objects.filter(pk=books.customer.pk).update(taxpayer_id="91330100MA27XYZ12Q")
    from_customer = invoice(books, [(shirts, "100")], kind="special")
    assert (from_customer.kind, from_customer.taxpayer_id) == ("special", "91330100MA27XYZ12Q")
    with pytest.raises(InvalidInput) as kind:
        invoice(books, [(shirts, "1")], kind="receipt")
    assert kind.value.code == "kind_invalid"
    with pytest.raises(InvalidInput) as tax:
        invoice(books, [(shirts, "10")], tax_amount="10.01")
    assert (tax.value.code, tax.value.field) == ("tax_invalid", "taxAmount")


def test_issue_records_the_tax_invoice_and_void_ends_it(books):
    shirts = books.shipped([(books.shirt, "10")])
    draft = invoice(books, [(shirts, "590")])
    with pytest.raises(InvalidInput) as number:
        invoices.invoice_issue(actor=books.finance, invoice_id=draft.pk, tax_invoice_number=" ")
    assert (number.value.code, number.value.field) == ("required", "taxInvoiceNumber")

    issued = invoices.invoice_issue(actor=books.finance, invoice_id=draft.pk, tax_invoice_number="04412345")
    assert (issued.status, issued.tax_invoice_number, issued.issue_date) == (
        InvoiceStatus.ISSUED,
        "04412345",
        tenant_today(),
    )
    with pytest.raises(InvalidInput) as twice:
        invoices.invoice_issue(actor=books.finance, invoice_id=draft.pk, tax_invoice_number="04412346")
    assert twice.value.code == "transition_invalid"
    invoices.invoice_void(actor=books.finance, invoice_id=draft.pk)
    with pytest.raises(InvalidInput) as dead:
        invoices.invoice_void(actor=books.finance, invoice_id=draft.pk)
    assert dead.value.code == "transition_invalid"
    assert [e.to_status for e in events_of("invoice", draft.pk)] == ["draft", "issued", "void"]
    assert fresh(shirts).invoiced_amount == 0


def test_only_finance_invoices_and_a_retry_makes_one_invoice(books):
    shirts = books.shipped([(books.shirt, "10")])
    for role in ("sales", "warehouse", "manager"):
        with pytest.raises(Forbidden):
            invoices.invoice_create(
                actor=books.user(role), customer_id=books.customer.pk, orders=[OrderAmount(shirts.pk, "1")]
            )
    first = invoice(books, [(shirts, "100")], idempotency_key="invoice-key-0001")
    second = invoice(books, [(shirts, "100")], idempotency_key="invoice-key-0001")
    assert first.pk == second.pk and fresh(shirts).invoiced_amount == Decimal("100.00")
