"""Receivables: ageing from the due date in the workspace's own days, arrears falling with
receipts and returns, prepayments and overpaid orders beside the buckets, the customer statement
with its running balance, invoice and receipt lists, and who sees which money."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.customers.models import Customer
from saas.finance.models import Receipt
from saas.finance.selectors import invoices as invoice_selectors
from saas.finance.selectors import receipts as receipt_selectors
from saas.finance.selectors import receivables as receivable_selectors
from saas.finance.selectors import statements as statement_selectors
from saas.finance.services import invoices, receipts, settlements
from saas.finance.services.receivables import OrderAmount
from saas.reports.statistics import order_statistics
from saas.sales.models import SalesOrder, SalesReturn
from saas.sales.services import returns
from tests.fixtures.customers import make_rep
from tests.fixtures.finance import fresh

SHANGHAI = ZoneInfo("Asia/Shanghai")


def beijing(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)


def row_of(report, customer):
    return next(row for row in report.rows if row.customer and row.customer.pk == customer.pk)


def buckets(row):
    return (row.not_due, row.due_0_to_30, row.due_31_to_60, row.due_61_to_90, row.due_over_90)


def test_ageing_counts_days_from_the_due_date_in_beijing_time(books, monkeypatch):
    assert books.selling.room.workspace.tenant.time_zone == "Asia/Shanghai"
    Customer.objects.filter(pk=books.customer.pk).update(payment_terms_days=30)
    # Each order: its first shipment (Beijing time) and so its due date, 30 days later.
    books.shipped([(books.shirt, "1")], shipped_at=beijing(2026, 3, 1, 10))  # due 3-31: 59.00
    books.shipped([(books.shirt, "2")], shipped_at=beijing(2026, 1, 1, 23, 30))  # due 1-31: 118.00
    # 00:30 in Beijing on 12-03 is still 12-02 in UTC; it is a 12-03 shipment: due 1-2.
    books.shipped([(books.shirt, "4")], shipped_at=beijing(2025, 12, 3, 0, 30))  # 236.00
    part_paid = books.shipped([(books.shirt, "3")], shipped_at=beijing(2025, 12, 2, 12))  # due 1-1: 177.00
    books.pay(books.customer, "77", [(part_paid, "77")])
    unshipped = books.selling.order([(books.phone, "1")], status="approved")  # 1999.00, not shipped yet
    SalesOrder.objects.filter(pk=unshipped.pk).update(approved_at=beijing(2025, 11, 1, 12))  # due 12-1

    # 23:30 on 2 March in Beijing: still the 2nd.
    monkeypatch.setattr(timezone, "now", lambda: beijing(2026, 3, 2, 23, 30))
    late_evening = receivable_selectors.receivables(actor=books.finance)
    assert late_evening.today == date(2026, 3, 2)
    row = row_of(late_evening, books.customer)
    assert buckets(row) == (
        Decimal("59.00"),  # 29 days before due
        Decimal("118.00"),  # 30 days past due
        Decimal("336.00"),  # 59 (236.00) and 60 (100.00 left of 177.00) days
        Decimal("0"),
        Decimal("1999.00"),  # 91 days: aged from approval while nothing has shipped
    )

    # One hour later it is the 3rd in Beijing, though still the 2nd in UTC: everything ages a day.
    monkeypatch.setattr(timezone, "now", lambda: beijing(2026, 3, 3, 0, 30))
    after_midnight = receivable_selectors.receivables(actor=books.finance)
    assert after_midnight.today == date(2026, 3, 3)
    row = row_of(after_midnight, books.customer)
    assert buckets(row) == (
        Decimal("59.00"),
        Decimal("0"),
        Decimal("354.00"),  # 31 days (118.00) and 60 days (236.00)
        Decimal("100.00"),  # 61 days
        Decimal("1999.00"),
    )
    assert (row.order_count, row.owed, row.prepayment, row.net) == (
        5,
        Decimal("2512.00"),
        0,
        Decimal("2512.00"),
    )
    per_rep = receivable_selectors.receivables(actor=books.finance, group_by="rep")
    (rep_row,) = per_rep.rows
    assert rep_row.rep.pk == books.selling.rep.pk and buckets(rep_row) == buckets(row)


def test_an_order_is_not_overdue_on_the_day_it_falls_due(books, monkeypatch):
    # A customer without payment terms (0: cash on delivery) owes on the day of shipment, and
    # that day is counted in Beijing, the workspace's time zone.
    assert books.customer.payment_terms_days == 0
    minutes_ago = books.shipped([(books.shirt, "1")], shipped_at=beijing(2026, 3, 3, 9, 50))  # 59.00
    # 00:30 in Beijing on 3-3 is still 3-2 in UTC: a shipment of today all the same.
    after_midnight = books.shipped([(books.shirt, "2")], shipped_at=beijing(2026, 3, 3, 0, 30))  # 118.00
    late_yesterday = books.shipped([(books.shirt, "4")], shipped_at=beijing(2026, 3, 2, 23, 30))  # 236.00
    assert minutes_ago.balance_due + after_midnight.balance_due == Decimal("177.00")
    assert late_yesterday.balance_due == Decimal("236.00")

    # At 23:45 on 3-2 in Beijing the 23:30 shipment is of today: due today, not overdue.
    monkeypatch.setattr(timezone, "now", lambda: beijing(2026, 3, 2, 23, 45))
    SalesOrder.objects.filter(pk__in=[minutes_ago.pk, after_midnight.pk]).update(status="cancelled")
    assert buckets(row_of(receivable_selectors.receivables(actor=books.finance), books.customer)) == (
        Decimal("236.00"),
        0,
        0,
        0,
        0,
    )
    SalesOrder.objects.filter(pk__in=[minutes_ago.pk, after_midnight.pk]).update(status="pending_signback")

    # At 10:00 on 3-3: today's shipments are not due; yesterday's is a day past due.
    monkeypatch.setattr(timezone, "now", lambda: beijing(2026, 3, 3, 10))
    row = row_of(receivable_selectors.receivables(actor=books.finance), books.customer)
    assert buckets(row) == (Decimal("177.00"), Decimal("236.00"), 0, 0, 0)

    # With 15 days of terms, the 15th day after shipment is the last day in time, the 16th is late.
    Customer.objects.filter(pk=books.customer.pk).update(payment_terms_days=15)
    monkeypatch.setattr(timezone, "now", lambda: beijing(2026, 3, 17, 23, 59))
    assert buckets(row_of(receivable_selectors.receivables(actor=books.finance), books.customer)) == (
        Decimal("413.00"),
        0,
        0,
        0,
        0,
    )
    monkeypatch.setattr(timezone, "now", lambda: beijing(2026, 3, 18, 0, 1))
    assert buckets(row_of(receivable_selectors.receivables(actor=books.finance), books.customer)) == (
        Decimal("177.00"),
        Decimal("236.00"),
        0,
        0,
        0,
    )


def test_arrears_fall_after_a_receipt_and_a_return(books):
    order = books.shipped([(books.shirt, "10")])
    assert row_of(receivable_selectors.receivables(actor=books.finance), books.customer).owed == Decimal(
        "590.00"
    )

    books.pay(books.customer, "300", [(order, "300")])
    assert row_of(receivable_selectors.receivables(actor=books.finance), books.customer).owed == Decimal(
        "290.00"
    )

    asked = returns.return_create(
        actor=books.selling.rep,
        order_id=order.pk,
        lines=[returns.ReturnLineInput(order.lines.get().pk, "2")],
        reason="quality",
    )
    returns.return_approve(actor=books.selling.manager, return_id=asked.pk)
    returns.return_receive(actor=books.selling.keeper, return_id=asked.pk)
    row = row_of(receivable_selectors.receivables(actor=books.finance), books.customer)
    assert (row.owed, row.net) == (Decimal("172.00"), Decimal("172.00"))

    books.pay(books.customer, "172", [(order, "172")])
    assert receivable_selectors.receivables(actor=books.finance).rows == []


def test_prepayments_and_overpaid_orders_stand_beside_the_buckets(books):
    owed = books.shipped([(books.shirt, "10")])
    paid = books.shipped([(books.shirt, "2")])
    books.pay(books.customer, "218", [(paid, "118")])  # 100 left as prepayment
    asked = returns.return_create(
        actor=books.selling.rep,
        order_id=paid.pk,
        lines=[returns.ReturnLineInput(paid.lines.get().pk, "1")],
        reason="not_needed",
        settlement="refund",
    )
    returns.return_approve(actor=books.selling.manager, return_id=asked.pk)
    returns.return_receive(actor=books.selling.keeper, return_id=asked.pk)  # 59.00 to pay back

    row = row_of(receivable_selectors.receivables(actor=books.finance), books.customer)
    assert (row.owed, row.overpaid, row.prepayment, row.net) == (
        Decimal("590.00"),
        Decimal("59.00"),
        Decimal("100.00"),
        Decimal("431.00"),
    )
    assert sum(buckets(row), Decimal(0)) == row.owed == owed.balance_due
    assert receivable_selectors.prepayment_of(books.customer) == Decimal("100.00")


def test_the_customer_statement_runs_a_balance_that_ends_at_the_receivable(books):
    first = books.shipped([(books.shirt, "10")], shipped_at=beijing(2026, 1, 5, 9))
    second = books.shipped([(books.phone, "1")], shipped_at=beijing(2026, 2, 1, 0, 15))
    payment = books.pay(books.customer, "1000", [(first, "590")], on=date(2026, 1, 20))
    refund = receipts.refund_record(actor=books.finance, customer_id=books.customer.pk, amount="10")
    Receipt.objects.filter(pk=refund.pk).update(received_on=date(2026, 2, 10))
    receipts.receipt_void(actor=books.finance, receipt_id=books.pay(books.customer, "5").pk)
    invoice = invoices.invoice_create(
        actor=books.finance, customer_id=books.customer.pk, orders=[OrderAmount(first.pk, "590")]
    )
    invoices.invoice_issue(
        actor=books.finance, invoice_id=invoice.pk, tax_invoice_number="0441", issue_date=date(2026, 1, 21)
    )
    asked = returns.return_create(
        actor=books.selling.rep,
        order_id=second.pk,
        lines=[returns.ReturnLineInput(second.lines.get().pk, "1")],
        reason="quality",
    )
    returns.return_approve(actor=books.selling.manager, return_id=asked.pk)
    returns.return_receive(actor=books.selling.keeper, return_id=asked.pk)
    SalesReturn.objects.filter(pk=asked.pk).update(received_at=beijing(2026, 2, 15, 8))

    statement = statement_selectors.customer_statement(actor=books.finance, customer_id=books.customer.pk)
    assert [(e.day, e.kind, e.number, e.debit, e.credit, e.balance) for e in statement.entries] == [
        (date(2026, 1, 5), "order", first.number, Decimal("590.00"), 0, Decimal("590.00")),
        (date(2026, 1, 20), "payment", payment.number, 0, Decimal("1000.00"), Decimal("-410.00")),
        (date(2026, 1, 21), "invoice", invoice.number, 0, 0, Decimal("-410.00")),
        (date(2026, 2, 1), "order", second.number, Decimal("1999.00"), 0, Decimal("1589.00")),
        (date(2026, 2, 10), "refund", refund.number, Decimal("10.00"), 0, Decimal("1599.00")),
        (date(2026, 2, 15), "return", asked.number, 0, Decimal("1999.00"), Decimal("-400.00")),
    ]
    report = row_of(receivable_selectors.receivables(actor=books.finance), books.customer)
    assert statement.closing_balance == report.net == Decimal("-400.00")  # 400 prepaid, nothing owed

    february = statement_selectors.customer_statement(
        actor=books.finance,
        customer_id=books.customer.pk,
        date_from=date(2026, 2, 1),
        date_to=date(2026, 2, 12),
    )
    assert february.opening_balance == Decimal("-410.00")
    assert [e.kind for e in february.entries] == ["order", "refund"]
    assert february.closing_balance == Decimal("1599.00")
    with pytest.raises(InvalidInput) as backwards:
        statement_selectors.customer_statement(
            actor=books.finance,
            customer_id=books.customer.pk,
            date_from=date(2026, 2, 2),
            date_to=date(2026, 2, 1),
        )
    assert backwards.value.code == "date_range_invalid"


def test_each_role_sees_its_own_money(books):
    colleague = make_rep()
    theirs_customer = books.customer_of(colleague, name="同事的客户")
    mine = books.shipped([(books.shirt, "10")])
    theirs = books.shipped([(books.shirt, "1")], customer=theirs_customer, actor=colleague)
    books.pay(books.customer, "100", [(mine, "100")])
    books.pay(theirs_customer, "59", [(theirs, "59")])
    books.pay(theirs_customer, "20")  # the colleague's customer's prepayment
    invoices.invoice_create(
        actor=books.finance, customer_id=theirs_customer.pk, orders=[OrderAmount(theirs.pk, "59")]
    )

    def customers_seen(actor):
        return {row.customer.pk for row in receivable_selectors.receivables(actor=actor).rows}

    assert customers_seen(books.selling.rep) == {books.customer.pk}
    assert customers_seen(colleague) == {theirs_customer.pk}  # only its prepayment is open
    for role in ("finance", "manager", "owner", "admin"):
        assert customers_seen(books.user(role)) == {books.customer.pk, theirs_customer.pk}
    for role in ("warehouse", "distributor"):
        with pytest.raises(Forbidden):
            receivable_selectors.receivables(actor=books.user(role))
        with pytest.raises(Forbidden):
            receipt_selectors.receipt_list(actor=books.user(role))
    with pytest.raises(Forbidden):
        statement_selectors.customer_statement(actor=books.selling.rep, customer_id=books.customer.pk)

    assert [r.customer_id for r in receipt_selectors.receipt_list(actor=books.selling.rep)] == [
        books.customer.pk
    ]
    assert invoice_selectors.invoice_list(actor=books.selling.rep).count() == 0
    assert invoice_selectors.invoice_list(actor=colleague).count() == 1
    assert receipt_selectors.receipt_list(actor=books.finance).count() == 3
    with pytest.raises(NotFound):
        receipt_selectors.receipt_get(
            actor=books.selling.rep, receipt_id=receipt_selectors.receipt_list(actor=colleague).first().pk
        )


def test_the_ageing_of_a_customer_with_no_terms_starts_at_shipment(books, monkeypatch):
    shipped_at = beijing(2026, 5, 1, 8)
    books.shipped([(books.shirt, "1")], shipped_at=shipped_at)
    monkeypatch.setattr(timezone, "now", lambda: shipped_at + timedelta(hours=1))
    row = row_of(receivable_selectors.receivables(actor=books.finance), books.customer)
    assert buckets(row) == (Decimal("59.00"), 0, 0, 0, 0)  # cash on delivery: due today, in time
    monkeypatch.setattr(timezone, "now", lambda: shipped_at + timedelta(days=1))
    row = row_of(receivable_selectors.receivables(actor=books.finance), books.customer)
    assert buckets(row) == (0, Decimal("59.00"), 0, 0, 0)  # the day after: a day past due
    with pytest.raises(InvalidInput) as grouping:
        receivable_selectors.receivables(actor=books.finance, group_by="region")
    assert grouping.value.code == "group_by_invalid"


def _return_one(books, order, settlement="credit"):
    asked = returns.return_create(
        actor=books.selling.rep,
        order_id=order.pk,
        lines=[returns.ReturnLineInput(order.lines.get().pk, "1")],
        reason="quality",
        settlement=settlement,
    )
    returns.return_approve(actor=books.selling.manager, return_id=asked.pk)
    returns.return_receive(actor=books.selling.keeper, return_id=asked.pk)
    return asked


def test_a_return_never_leaves_an_order_owing_less_than_nothing(books):
    # A paid order of 118.00 has one shirt (59.00) come back as credit; an unpaid order of 236.00
    # of another customer has one come back too.
    other = books.customer_of(books.selling.rep, name="西安雁塔恒通商贸")
    paid = books.shipped([(books.shirt, "2")])
    books.pay(books.customer, "118", [(paid, "118")])
    unpaid = books.shipped([(books.shirt, "4")], customer=other)
    _return_one(books, paid)
    _return_one(books, unpaid)

    # The paid order owes nothing: the 59.00 is money owed back to the customer, not a
    # negative balance; the unpaid one owes for the three shirts kept.
    paid, unpaid = fresh(paid), fresh(unpaid)
    assert (paid.outstanding, paid.overpaid) == (Decimal("0.00"), Decimal("59.00"))
    assert (unpaid.outstanding, unpaid.overpaid) == (Decimal("177.00"), Decimal("0.00"))

    # Order statistics (未收余额), the receivables and the statement agree on it.
    today = tenant_today()
    stats = order_statistics(actor=books.finance, group_by="customer", date_from=today, date_to=today)
    balances = {row.key: (row.amount, row.received_amount, row.balance) for row in stats.rows}
    assert balances == {
        str(books.customer.pk): (Decimal("118.00"), Decimal("118.00"), Decimal("0.00")),
        str(other.pk): (Decimal("236.00"), Decimal("0.00"), Decimal("177.00")),
    }
    assert stats.totals.balance == Decimal("177.00")
    report = receivable_selectors.receivables(actor=books.finance)
    mine, theirs = row_of(report, books.customer), row_of(report, other)
    assert (mine.owed, mine.overpaid, mine.net) == (0, Decimal("59.00"), Decimal("-59.00"))
    assert (theirs.owed, theirs.overpaid, theirs.net) == (Decimal("177.00"), 0, Decimal("177.00"))
    assert report.total.owed == stats.totals.balance
    for customer, row in ((books.customer, mine), (other, theirs)):
        statement = statement_selectors.customer_statement(actor=books.finance, customer_id=customer.pk)
        assert statement.closing_balance == row.net

    # A refund pays the credit back: nothing owed either way.
    receipts.refund_record(actor=books.finance, customer_id=books.customer.pk, amount="59", order_id=paid.pk)
    assert (fresh(paid).outstanding, fresh(paid).overpaid) == (0, 0)
    assert (
        statement_selectors.customer_statement(
            actor=books.finance, customer_id=books.customer.pk
        ).closing_balance
        == 0
    )


def test_a_refund_return_on_a_paid_order_owes_nothing_while_the_refund_waits(books):
    paid = books.shipped([(books.shirt, "3")])
    books.pay(books.customer, "177", [(paid, "177")])
    waiting = _return_one(books, paid, settlement="refund")  # received; the refund not paid yet
    today = tenant_today()
    stats = order_statistics(actor=books.finance, group_by="status", date_from=today, date_to=today)
    assert [(row.key, row.balance) for row in stats.rows] == [("pending_signback", Decimal("0.00"))]
    assert row_of(receivable_selectors.receivables(actor=books.finance), books.customer).overpaid == Decimal(
        "59.00"
    )

    settlements.return_settle(actor=books.finance, return_id=waiting.pk)
    assert (fresh(paid).balance_due, fresh(paid).overpaid) == (0, 0)
    assert receivable_selectors.receivables(actor=books.finance).rows == []
