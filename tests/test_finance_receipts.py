"""Receipts (收款) and refunds: allocation to orders up to their balance, prepayments allocated
later, voids that undo exactly what was done, refunds from orders or prepayments, idempotent
retries, and who may record money."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.transitions import events_of
from saas.finance.models import Receipt, ReceiptAllocation, ReceiptKind
from saas.finance.services import receipts
from saas.finance.services.receivables import OrderAmount
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from tests.fixtures.finance import fresh
from tests.fixtures.inventory import make_sku
from tests.fixtures.parallel import run_in_parallel, scratch_workspace
from tests.fixtures.sales import sales_customer, shipped_order

THREADS = 4


def test_a_receipt_pays_orders_and_the_rest_is_prepayment(books):
    shirts = books.shipped([(books.shirt, "10")])  # 590.00
    phone = books.shipped([(books.phone, "1")])  # 1999.00
    assert (shirts.balance_due, phone.balance_due) == (Decimal("590.00"), Decimal("1999.00"))

    receipt = books.pay(books.customer, "1000", [(shirts, "590"), (phone, "300")])

    assert re.fullmatch(r"RC-\d{4}-\d{6}", receipt.number)
    assert (receipt.kind, receipt.amount, receipt.unallocated_amount) == (
        ReceiptKind.PAYMENT,
        Decimal("1000.00"),
        Decimal("110.00"),
    )
    assert receipt.received_on == tenant_today()
    assert fresh(shirts).balance_due == 0 and fresh(shirts).received_amount == Decimal("590.00")
    assert fresh(phone).balance_due == Decimal("1699.00")
    assert [e.to_status for e in events_of("receipt", receipt.pk)] == ["recorded"]


def test_over_allocation_is_refused_and_nothing_is_half_written(books):
    shirts = books.shipped([(books.shirt, "10")])
    phone = books.shipped([(books.phone, "1")])
    before = Receipt.objects.count()

    with pytest.raises(InvalidInput) as over_balance:
        books.pay(books.customer, "2000", [(phone, "100"), (shirts, "590.01")])
    assert [(p.field, p.code) for p in over_balance.value.problems] == [
        ("allocations.1.amount", "exceeds_balance")
    ]
    with pytest.raises(InvalidInput) as over_receipt:
        books.pay(books.customer, "500", [(shirts, "300"), (phone, "300")])
    assert (over_receipt.value.code, over_receipt.value.field) == ("exceeds_unallocated", "allocations")

    # The valid allocation of the refused receipt was rolled back with it.
    assert Receipt.objects.count() == before
    assert ReceiptAllocation.objects.filter(order__in=[shirts, phone]).count() == 0
    assert fresh(phone).received_amount == 0 and fresh(shirts).received_amount == 0


def test_allocations_only_to_the_customers_sold_orders(books):
    shirts = books.shipped([(books.shirt, "1")])
    other = books.customer_of(books.selling.rep)
    theirs = books.shipped([(books.shirt, "1")], customer=other)
    draft = books.selling.order([(books.shirt, "1")])

    with pytest.raises(InvalidInput) as refused:
        books.pay(books.customer, "500", [(theirs, "10"), (draft, "10"), (shirts, "1"), (shirts, "1")])
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("allocations.3.orderId", "duplicate_order")
    ]

    with pytest.raises(InvalidInput) as wrong:
        books.pay(books.customer, "500", [(theirs, "10"), (draft, "10")])
    assert [(p.field, p.code) for p in wrong.value.problems] == [
        ("allocations.0.orderId", "wrong_customer"),
        ("allocations.1.orderId", "order_not_sold"),
    ]
    with pytest.raises(InvalidInput) as unknown:
        receipts.receipt_record(
            actor=books.finance,
            customer_id=books.customer.pk,
            amount="10",
            allocations=[OrderAmount("999999999", "1")],
        )
    assert (unknown.value.code, unknown.value.field) == ("not_found", "allocations.0.orderId")


def test_bad_amounts_dates_and_methods(books):
    def record(**fields):
        return receipts.receipt_record(actor=books.finance, customer_id=books.customer.pk, **fields)

    for amount in ("0", "-5", "1.001", "abc", "NaN"):
        with pytest.raises(InvalidInput) as bad:
            record(amount=amount)
        assert (bad.value.code, bad.value.field) == ("amount_invalid", "amount")
    with pytest.raises(InvalidInput) as future:
        record(amount="1", details=receipts.MoneyDetails(on=tenant_today() + timedelta(days=1)))
    assert (future.value.code, future.value.field) == ("date_in_future", "receivedOn")
    with pytest.raises(InvalidInput) as method:
        record(amount="1", details=receipts.MoneyDetails(method="bitcoin"))
    assert method.value.code == "method_invalid"
    with pytest.raises(NotFound):
        receipts.receipt_record(actor=books.finance, customer_id="999999999", amount="1")


def test_a_prepayment_is_allocated_later_and_a_void_undoes_everything(books):
    shirts = books.shipped([(books.shirt, "10")])
    receipt = books.pay(books.customer, "500")
    assert receipt.unallocated_amount == Decimal("500.00")

    receipts.receipt_allocate(
        actor=books.finance, receipt_id=receipt.pk, allocations=[OrderAmount(shirts.pk, "300")]
    )
    again = receipts.receipt_allocate(
        actor=books.finance, receipt_id=receipt.pk, allocations=[OrderAmount(shirts.pk, "150")]
    )
    assert again.unallocated_amount == Decimal("50.00")
    assert [(a.order_id, a.amount) for a in again.allocations.all()] == [(shirts.pk, Decimal("450.00"))]
    assert fresh(shirts).balance_due == Decimal("140.00")
    with pytest.raises(InvalidInput) as too_much:
        receipts.receipt_allocate(
            actor=books.finance, receipt_id=receipt.pk, allocations=[OrderAmount(shirts.pk, "60")]
        )
    assert too_much.value.code == "exceeds_unallocated"

    void = receipts.receipt_void(actor=books.finance, receipt_id=receipt.pk, note="录错了")
    assert (
        void.is_void and fresh(shirts).received_amount == 0 and fresh(shirts).balance_due == Decimal("590.00")
    )
    assert [e.to_status for e in events_of("receipt", receipt.pk)] == ["recorded", "void"]
    with pytest.raises(InvalidInput) as twice:
        receipts.receipt_void(actor=books.finance, receipt_id=receipt.pk)
    assert twice.value.code == "already_void"
    with pytest.raises(InvalidInput) as dead:
        receipts.receipt_allocate(
            actor=books.finance, receipt_id=receipt.pk, allocations=[OrderAmount(shirts.pk, "1")]
        )
    assert dead.value.code == "receipt_void"


def test_a_retried_receipt_is_recorded_once(books):
    shirts = books.shipped([(books.shirt, "10")])
    first = books.pay(books.customer, "200", [(shirts, "200")], key="phone-retry-0001")
    second = books.pay(books.customer, "200", [(shirts, "200")], key="phone-retry-0001")
    assert first.pk == second.pk
    assert Receipt.objects.filter(customer=books.customer).count() == 1
    assert fresh(shirts).received_amount == Decimal("200.00")
    prepaid = books.pay(books.customer, "300")
    for _attempt in range(2):
        receipts.receipt_allocate(
            actor=books.finance,
            receipt_id=prepaid.pk,
            allocations=[OrderAmount(shirts.pk, "100")],
            idempotency_key="phone-allocate-0001",
        )
    assert fresh(shirts).received_amount == Decimal("300.00")


def test_a_refund_out_of_prepayments_takes_the_oldest_first_and_its_void_gives_it_back(books):
    older = books.pay(books.customer, "600", on=tenant_today() - timedelta(days=3))
    newer = books.pay(books.customer, "400")

    refund = receipts.refund_record(actor=books.finance, customer_id=books.customer.pk, amount="700")

    assert (refund.kind, refund.amount, refund.unallocated_amount) == (
        ReceiptKind.REFUND,
        Decimal("700.00"),
        0,
    )
    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.unallocated_amount, newer.unallocated_amount) == (0, Decimal("300.00"))
    with pytest.raises(InvalidInput) as short:
        receipts.refund_record(actor=books.finance, customer_id=books.customer.pk, amount="300.01")
    assert (short.value.code, short.value.field) == ("exceeds_prepayment", "amount")
    with pytest.raises(InvalidInput) as refunded:
        receipts.receipt_void(actor=books.finance, receipt_id=older.pk)
    assert refunded.value.code == "receipt_refunded"

    receipts.receipt_void(actor=books.finance, receipt_id=refund.pk)
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.unallocated_amount + newer.unallocated_amount == Decimal("1000.00")
    assert (older.unallocated_amount, newer.unallocated_amount) == (Decimal("600.00"), Decimal("400.00"))


def test_a_refund_against_an_order_needs_money_received_beyond_its_worth(books):
    shirts = books.shipped([(books.shirt, "10")])
    books.pay(books.customer, "590", [(shirts, "590")])
    with pytest.raises(InvalidInput) as nothing:
        receipts.refund_record(
            actor=books.finance, customer_id=books.customer.pk, amount="1", order_id=shirts.pk
        )
    assert (nothing.value.code, nothing.value.field) == ("exceeds_refundable", "amount")
    other = books.customer_of(books.selling.rep)
    with pytest.raises(InvalidInput) as wrong:
        receipts.refund_record(actor=books.finance, customer_id=other.pk, amount="1", order_id=shirts.pk)
    assert (wrong.value.code, wrong.value.field) == ("wrong_customer", "orderId")


def test_only_finance_records_money(books):
    shirts = books.shipped([(books.shirt, "1")])
    for role in ("sales", "warehouse", "manager", "distributor"):
        with pytest.raises(Forbidden):
            receipts.receipt_record(
                actor=books.user(role),
                customer_id=books.customer.pk,
                amount="59",
                allocations=[OrderAmount(shirts.pk, "59")],
            )
    assert fresh(shirts).received_amount == 0
    owner_receipt = receipts.receipt_record(
        actor=books.user("owner"), customer_id=books.customer.pk, amount="1"
    )
    assert owner_receipt.amount == Decimal("1.00")


def test_a_payment_recorded_twice_is_refused_unless_confirmed(books):
    other = books.customer_of(books.selling.rep)

    def record(customer, amount, reference, **fields):
        return receipts.receipt_record_with_warnings(
            actor=books.finance,
            customer_id=customer.pk,
            amount=amount,
            details=receipts.MoneyDetails(reference=reference),
            **fields,
        )

    first, warnings = record(books.customer, "500", "WX-2026-0001")
    assert warnings == []

    # The same money typed in again (the reference in another case, with spaces): refused.
    for reference in ("WX-2026-0001", " wx-2026-0001 "):
        with pytest.raises(InvalidInput) as twice:
            record(books.customer, "500.00", reference)
        assert (twice.value.code, twice.value.field) == ("receipt_duplicate", "reference")
        assert first.number in twice.value.message
    assert Receipt.objects.filter(reference__iexact="WX-2026-0001").count() == 1

    # Another amount, or another customer: recorded, with a warning naming the first receipt.
    for customer, amount in ((books.customer, "400"), (other, "500")):
        receipt, warnings = record(customer, amount, "WX-2026-0001")
        assert receipt.pk and [(w.field, w.code) for w in warnings] == [
            ("reference", "receipt_reference_reused")
        ]
        assert first.number in warnings[0].message

    # A second payment of the same amount is recorded once the person recording confirms it.
    confirmed, warnings = record(books.customer, "500", "WX-2026-0001", confirm_duplicate=True)
    assert confirmed.amount == Decimal("500.00") and warnings[0].code == "receipt_reference_reused"

    # Void payments do not count, nor do refunds or receipts without a reference.
    receipts.receipt_void(actor=books.finance, receipt_id=first.pk)
    receipts.receipt_void(actor=books.finance, receipt_id=confirmed.pk)
    again, _warnings = record(books.customer, "500", "WX-2026-0001")
    assert again.pk
    receipts.refund_record(
        actor=books.finance,
        customer_id=books.customer.pk,
        amount="10",
        details=receipts.MoneyDetails(reference="REFUND-01"),
    )
    assert record(books.customer, "10", "REFUND-01")[1] == []
    assert record(books.customer, "10", "")[1] == record(books.customer, "10", "")[1] == []


def test_a_retried_receipt_returns_its_first_warnings(books):
    books.pay(books.customer, "100")
    earlier = receipts.receipt_record(
        actor=books.finance,
        customer_id=books.customer.pk,
        amount="50",
        details=receipts.MoneyDetails(reference="BANK-778"),
    )
    fields = {
        "actor": books.finance,
        "customer_id": books.customer.pk,
        "amount": "60",
        "details": receipts.MoneyDetails(reference="BANK-778"),
        "idempotency_key": "receipt-retry-778",
    }
    first, warnings = receipts.receipt_record_with_warnings(**fields)
    retried, again = receipts.receipt_record_with_warnings(**fields)
    assert retried.pk == first.pk and again == warnings
    assert [w.code for w in warnings] == ["receipt_reference_reused"] and earlier.number in warnings[
        0
    ].message


@pytest.fixture(scope="module")
def scratch(world, django_db_blocker):
    return scratch_workspace(django_db_blocker, "fin")


def _shipped_in(owner, tag: str):
    """A committed, shipped order of 2 × 50.00 in the scratch workspace, and its customer."""
    warehouse = Warehouse.objects.create(code=f"W{tag}", name="并发仓")
    sku = make_sku(f"FIN-{tag}")
    stock_entry_create(
        actor=owner,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="10", unit_cost="5")],
    )
    customer = sales_customer(owner=owner)
    order = shipped_order(
        actor=owner,
        approver=owner,
        shipper=owner,
        customer=customer,
        warehouse=warehouse,
        lines=[(sku, "2", "50")],
    )
    return customer, order


def test_parallel_receipts_never_pay_an_order_twice(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        customer, order = _shipped_in(owner, uuid.uuid4().hex[:6].upper())
        assert order.balance_due == Decimal("100.00")

        results = run_in_parallel(
            tenant,
            lambda i: receipts.receipt_record(
                actor=owner, customer_id=customer.pk, amount="100", allocations=[OrderAmount(order.pk, "100")]
            ),
            THREADS,
        )

        done = [r for r in results if isinstance(r, Receipt)]
        refused = [r for r in results if isinstance(r, InvalidInput)]
        assert (len(done), len(refused)) == (1, THREADS - 1), results
        assert {r.code for r in refused} == {"exceeds_balance"}
        order.refresh_from_db()
        assert order.received_amount == Decimal("100.00")

        # Refunds out of one 100.00 prepayment: as many as it holds, never more.
        receipts.receipt_record(actor=owner, customer_id=customer.pk, amount="100")
        refunds = run_in_parallel(
            tenant,
            lambda i: receipts.refund_record(actor=owner, customer_id=customer.pk, amount="40"),
            THREADS,
        )
        assert len([r for r in refunds if isinstance(r, Receipt)]) == 2, refunds
        left = Receipt.objects.filter(customer=customer, kind=ReceiptKind.PAYMENT, is_void=False)
        assert sum(r.unallocated_amount for r in left) == Decimal("20.00")


def test_parallel_identical_receipts_are_recorded_once(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        customer, _order = _shipped_in(owner, uuid.uuid4().hex[:6].upper())
        for _round in range(3):  # a race lost only now and then still shows within a few rounds
            reference = f"WX-{uuid.uuid4().hex[:10]}"

            results = run_in_parallel(
                tenant,
                lambda i, reference=reference: receipts.receipt_record(
                    actor=owner,
                    customer_id=customer.pk,
                    amount="88",
                    details=receipts.MoneyDetails(reference=reference),
                ),
                THREADS,
            )

            done = [r for r in results if isinstance(r, Receipt)]
            refused = [r for r in results if isinstance(r, InvalidInput)]
            assert (len(done), len(refused)) == (1, THREADS - 1), results
            assert {r.code for r in refused} == {"receipt_duplicate"}
            assert Receipt.objects.filter(customer=customer, reference=reference).count() == 1
