"""Customer returns (退货): bounded by what was shipped, approved by a reviewer, received into
stock at the shipped cost (ledger intact), credited or refunded, and counted in the statistics."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.transitions import events_of
from saas.finance.models import ReceiptKind
from saas.finance.services import invoices, receipts, settlements
from saas.finance.services.receivables import OrderAmount
from saas.inventory.models import MovementKind, StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.sales.models import ReturnStatus, SalesReturn
from saas.sales.selectors.returns import return_statistics
from saas.sales.services import returns
from tests.fixtures.customers import make_rep
from tests.fixtures.finance import fresh


def ask(books, order, quantities, *, actor=None, reason="quality", **fields):
    """A return of (order line, quantity) pairs, asked for by the rep."""
    return returns.return_create(
        actor=actor or books.selling.rep,
        order_id=order.pk,
        lines=[returns.ReturnLineInput(line.pk, quantity) for line, quantity in quantities],
        reason=reason,
        **fields,
    )


def approve_and_receive(books, sales_return):
    returns.return_approve(actor=books.selling.manager, return_id=sales_return.pk)
    return returns.return_receive(actor=books.selling.keeper, return_id=sales_return.pk)


def test_a_credit_return_restocks_at_the_shipped_cost_and_lowers_what_is_owed(books):
    room = books.selling.room
    order = books.shipped([(books.shirt, "10")])  # 590.00; shipped at the average cost 20
    room.receive(books.shirt, "50", "32")  # the average moves on to 24.2857
    line = order.lines.get()
    assert line.cost_amount == Decimal("200.0000")
    on_hand = StockLevel.objects.get(sku=books.shirt, warehouse=room.main).on_hand

    asked = ask(books, order, [(line, "3")], reason_note="领口开线")
    assert re.fullmatch(r"RS-\d{4}-\d{6}", asked.number)
    assert (asked.status, asked.amount, asked.settlement, asked.warehouse_id) == (
        ReturnStatus.PENDING_APPROVAL,
        Decimal("177.00"),
        "credit",
        room.main.pk,
    )
    assert asked.return_date == tenant_today()

    received = approve_and_receive(books, asked)

    assert received.status == ReturnStatus.SETTLED and received.received_at is not None
    assert [e.to_status for e in events_of("sales_return", asked.pk)] == [
        "pending_approval",
        "approved",
        "received",
        "settled",
    ]
    assert StockLevel.objects.get(sku=books.shirt, warehouse=room.main).on_hand == on_hand + 3
    movement = StockMovement.objects.get(source_type="sales_return", source_id=asked.pk)
    assert (movement.kind, movement.on_hand_delta, movement.unit_cost, movement.value) == (
        MovementKind.RETURN_IN,
        Decimal("3.000"),
        Decimal("20.0000"),
        Decimal("60.0000"),
    )
    assert ledger_mismatches() == []
    line.refresh_from_db()
    assert (line.returned_quantity, line.returned_cost_amount) == (Decimal("3.000"), Decimal("60.0000"))
    assert received.cost_amount == Decimal("60.0000")
    order = fresh(order)
    assert (order.returned_amount, order.balance_due) == (Decimal("177.00"), Decimal("413.00"))
    # What came back can no longer be invoiced.
    with pytest.raises(InvalidInput) as over:
        invoices.invoice_create(
            actor=books.finance, customer_id=books.customer.pk, orders=[OrderAmount(order.pk, "413.01")]
        )
    assert over.value.problems[0].code == "exceeds_invoiceable"


def test_a_line_returns_at_most_what_was_shipped_less_returned_and_pending(books):
    order = books.shipped([(books.shirt, "10"), (books.phone, "1")])
    shirts, phone = order.lines.order_by("line_no")
    first = ask(books, order, [(shirts, "6")])
    with pytest.raises(InvalidInput) as over:
        ask(books, order, [(phone, "1"), (shirts, "5")])
    assert [(p.field, p.code) for p in over.value.problems] == [("lines.1.quantity", "exceeds_returnable")]
    returns.return_cancel(actor=books.selling.rep, return_id=first.pk, note="客户不退了")
    assert ask(books, order, [(shirts, "10")]).amount == Decimal("590.00")

    waiting = books.selling.order([(books.shirt, "2")], status="approved")
    with pytest.raises(InvalidInput) as unshipped:
        ask(books, waiting, [(waiting.lines.get(), "1")])
    assert unshipped.value.problems[0].code == "exceeds_returnable"
    with pytest.raises(InvalidInput) as foreign:
        ask(books, order, [(waiting.lines.get(), "1")])
    assert [(p.field, p.code) for p in foreign.value.problems] == [("lines.0.order_line_id", "not_found")]
    with pytest.raises(InvalidInput) as twice:
        ask(books, order, [(phone, "0.5"), (phone, "0.5")])
    assert twice.value.problems[0].code == "duplicate_line"
    with pytest.raises(InvalidInput) as reason:
        ask(books, order, [(phone, "1")], reason="changed_mind")
    assert reason.value.code == "reason_invalid"
    with pytest.raises(InvalidInput) as note:
        ask(books, order, [(phone, "1")], reason="other")
    assert (note.value.code, note.value.field) == ("required", "reason_note")
    with pytest.raises(InvalidInput) as settlement:
        ask(books, order, [(phone, "1")], settlement="swap")
    assert settlement.value.code == "settlement_invalid"


def test_a_refund_return_is_paid_back_with_a_refund_receipt(books):
    order = books.shipped([(books.shirt, "10")])
    payment = books.pay(books.customer, "590", [(order, "590")])
    asked = ask(books, order, [(order.lines.get(), "2")], settlement="refund", reason="damaged")
    received = approve_and_receive(books, asked)
    assert received.status == ReturnStatus.RECEIVED
    assert fresh(order).balance_due == Decimal("-118.00")  # the business owes the customer now

    settled, refund = settlements.return_settle(
        actor=books.finance,
        return_id=asked.pk,
        details=receipts.MoneyDetails(method="wechat", reference="WX42"),
    )

    assert settled.status == ReturnStatus.SETTLED
    assert (refund.kind, refund.amount, refund.method, refund.note) == (
        ReceiptKind.REFUND,
        Decimal("118.00"),
        "wechat",
        asked.number,
    )
    order = fresh(order)
    assert (order.received_amount, order.returned_amount, order.balance_due) == (
        Decimal("472.00"),
        Decimal("118.00"),
        0,
    )
    with pytest.raises(InvalidInput) as locked_in:
        receipts.receipt_void(actor=books.finance, receipt_id=refund.pk)
    assert locked_in.value.code == "refund_settles_return"
    with pytest.raises(InvalidInput) as paid_back:  # 118.00 of it went back to the customer
        receipts.receipt_void(actor=books.finance, receipt_id=payment.pk)
    assert paid_back.value.code == "receipt_refunded"
    with pytest.raises(InvalidInput) as again:
        settlements.return_settle(actor=books.finance, return_id=asked.pk)
    assert again.value.code == "transition_invalid"


def test_an_unpaid_order_cannot_refund_and_settles_as_credit_instead(books):
    order = books.shipped([(books.shirt, "10")])
    asked = ask(books, order, [(order.lines.get(), "1")], settlement="refund")
    approve_and_receive(books, asked)
    with pytest.raises(InvalidInput) as unpaid:
        settlements.return_settle(actor=books.finance, return_id=asked.pk)
    assert (unpaid.value.code, unpaid.value.field) == ("exceeds_refundable", "amount")
    settled, refund = settlements.return_settle(actor=books.finance, return_id=asked.pk, settlement="credit")
    assert (settled.status, settled.settlement, refund) == (ReturnStatus.SETTLED, "credit", None)
    assert fresh(order).balance_due == Decimal("531.00")


def test_who_may_ask_approve_receive_and_settle(books):
    order = books.shipped([(books.shirt, "10")])
    line = order.lines.get()
    with pytest.raises(Forbidden):
        ask(books, order, [(line, "1")], actor=books.user("warehouse"))
    with pytest.raises(Forbidden):
        ask(books, order, [(line, "1")], actor=books.finance)
    with pytest.raises(NotFound):  # another rep's order does not exist for them
        ask(books, order, [(line, "1")], actor=make_rep())
    asked = ask(books, order, [(line, "1")])
    for role in ("sales", "warehouse", "finance"):
        with pytest.raises(Forbidden):
            returns.return_approve(actor=books.user(role), return_id=asked.pk)
    with pytest.raises(InvalidInput) as early:
        returns.return_receive(actor=books.selling.keeper, return_id=asked.pk)
    assert early.value.code == "transition_invalid"
    returns.return_approve(actor=books.selling.manager, return_id=asked.pk)
    with pytest.raises(Forbidden):
        returns.return_receive(actor=books.selling.rep, return_id=asked.pk)
    with pytest.raises(Forbidden):
        settlements.return_settle(actor=books.selling.keeper, return_id=asked.pk)
    returns.return_receive(actor=books.selling.keeper, return_id=asked.pk)

    rejected = ask(books, order, [(line, "1")])
    returns.return_reject(actor=books.selling.manager, return_id=rejected.pk, note="超过退货期")
    with pytest.raises(InvalidInput) as dead:
        returns.return_approve(actor=books.selling.manager, return_id=rejected.pk)
    assert dead.value.code == "transition_invalid"


def test_a_retried_return_request_makes_one_return(books):
    order = books.shipped([(books.shirt, "10")])
    first = ask(books, order, [(order.lines.get(), "2")], idempotency_key="return-key-0001")
    second = ask(books, order, [(order.lines.get(), "2")], idempotency_key="return-key-0001")
    assert first.pk == second.pk and SalesReturn.objects.filter(order=order).count() == 1


def test_return_statistics_by_reason_product_and_customer_for_a_period(books):
    other = books.customer_of(books.selling.rep, name="温州第三客户")
    mine = books.shipped([(books.shirt, "10"), (books.phone, "2")])
    theirs = books.shipped([(books.shirt, "5")], customer=other)
    shirts, phones = mine.lines.order_by("line_no")
    approve_and_receive(books, ask(books, mine, [(shirts, "2"), (phones, "1")], reason="quality"))
    approve_and_receive(books, ask(books, theirs, [(theirs.lines.get(), "1")], reason="wrong_item"))
    returns.return_approve(actor=books.selling.manager, return_id=ask(books, mine, [(shirts, "1")]).pk)
    cancelled = ask(books, mine, [(shirts, "1")], reason="other", reason_note="不算")
    returns.return_cancel(actor=books.selling.rep, return_id=cancelled.pk)
    old = ask(books, mine, [(shirts, "1")], reason="damaged")
    returns.return_approve(actor=books.selling.manager, return_id=old.pk)
    SalesReturn.objects.filter(pk=old.pk).update(return_date=tenant_today() - timedelta(days=40))

    today = tenant_today()
    with translation.override("en"):
        stats = return_statistics(actor=books.finance, date_from=today - timedelta(days=7), date_to=today)

    total = stats.total
    assert (total.count, total.quantity, total.amount) == (3, Decimal("5.000"), Decimal("2235.00"))
    # Quality: 2 shirts and a phone received, 1 shirt approved; the cancelled and the old one not.
    assert [(s.key, s.count, s.quantity, s.amount) for s in stats.by_reason] == [
        ("quality", 2, Decimal("4.000"), Decimal("2176.00")),
        ("wrong_item", 1, Decimal("1.000"), Decimal("59.00")),
    ]
    assert stats.by_reason[0].name == "Quality problem"
    assert [(s.code, s.quantity) for s in stats.by_product] == [
        (books.phone.product.code, Decimal("1.000")),
        (books.shirt.product.code, Decimal("4.000")),
    ]
    assert [(s.name, s.count) for s in stats.by_customer] == [(books.customer.name, 2), (other.name, 1)]
    with pytest.raises(Forbidden):
        return_statistics(actor=books.user("warehouse"), date_from=today, date_to=today)
    with pytest.raises(InvalidInput) as backwards:
        return_statistics(actor=books.finance, date_from=today, date_to=today - timedelta(days=1))
    assert backwards.value.code == "date_range_invalid"
