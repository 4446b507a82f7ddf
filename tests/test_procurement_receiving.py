"""Receiving with inspection, returns to suppliers and payables: stock, average cost and money
stay consistent with the ledger."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from saas.core.errors import Forbidden, InvalidInput
from saas.inventory.models import StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.procurement import selectors, services
from saas.procurement.models import GoodsReceipt, SupplierPayment, SupplierReturn
from saas.procurement.services import ReturnLineInput
from tests.fixtures.procurement import purchasing_for


@pytest.fixture
def buying(stockroom):
    return purchasing_for(stockroom)


def level(sku, warehouse) -> StockLevel:
    return StockLevel.objects.get(sku=sku, warehouse=warehouse)


def payable(buying, supplier):
    [row] = selectors.payables_of(selectors.payable_list(actor=buying.buyer, supplier_id=supplier.pk))
    return row


def test_accepted_goods_enter_stock_at_the_order_price_per_base_unit(buying):
    room = buying.room
    room.receive(room.shirt, "12", "8")  # 12 on hand at 8.00
    order = buying.order(buying.acme, [(room.shirt, room.main, "2"), (room.shirt, room.branch, "1")])
    main_line, branch_line = order.lines.order_by("id")
    receipt = buying.receive(order, (main_line, "24", "0"), (branch_line, "6", "0"))
    assert re.fullmatch(r"GR-\d{4}-\d{6}", receipt.number)
    # 120 per box of 12 = 10.0000 per piece; (12×8 + 24×10) / 36 = 9.3333.
    assert (level(room.shirt, room.main).on_hand, level(room.shirt, room.main).avg_cost) == (
        36,
        Decimal("9.3333"),
    )
    assert level(room.shirt, room.branch).on_hand == 6
    movements = StockMovement.objects.filter(source_type="goods_receipt", source_id=receipt.pk)
    assert {(m.kind, m.unit_cost, m.source_ref) for m in movements} == {
        ("receipt", Decimal("10"), receipt.number)
    }
    order.refresh_from_db()
    assert order.status == "partly_received"
    buying.receive(order, (branch_line, "6", "0"))
    order.refresh_from_db()
    assert order.status == "received"
    assert ledger_mismatches() == []


def test_over_receipt_is_refused_and_nothing_is_written(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "5")])
    line = order.lines.get()
    buying.receive(order, (line, "3", "0"))
    with pytest.raises(InvalidInput) as over:
        buying.receive(order, (line, "2", "1"))
    assert [(p.field, p.code) for p in over.value.problems] == [("lines.0", "over_receipt")]
    assert GoodsReceipt.objects.filter(order=order).count() == 1
    assert level(room.phone, room.main).on_hand == 3
    line.refresh_from_db()
    assert (line.received_qty, line.rejected_qty) == (3, 0)
    with pytest.raises(InvalidInput) as nothing:
        buying.receive(order, (line, "0", "0"))
    assert nothing.value.code == "quantity_invalid"


def test_receiving_needs_an_approved_order(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "5")], status="submitted")
    with pytest.raises(InvalidInput) as early:
        buying.receive(order, (order.lines.get(), "5", "0"))
    assert early.value.code == "transition_invalid"
    assert not StockLevel.objects.filter(sku=room.phone).exists()


def test_rejected_goods_stay_out_of_stock_are_still_owed_and_go_back(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "5")])
    line = order.lines.get()
    receipt = buying.receive(order, (line, "4", "1"), reason="屏幕碎了")
    assert level(room.phone, room.main).on_hand == 4
    order.refresh_from_db()
    assert order.status == "partly_received"  # the broken one is still to come
    rejected = receipt.lines.get()
    assert (rejected.rejected_qty, rejected.reject_reason) == (1, "屏幕碎了")
    returned = services.supplier_return_create(
        actor=buying.buyer,
        supplier_id=buying.bolt.pk,
        lines=[ReturnLineInput(quantity="1", receipt_line_id=rejected.pk)],
    )
    assert re.fullmatch(r"RT-\d{4}-\d{6}", returned.number)
    assert (returned.lines.get().source, returned.lines.get().amount) == ("rejected", Decimal("1000.00"))
    assert level(room.phone, room.main).on_hand == 4  # never entered stock, so nothing leaves it
    with pytest.raises(InvalidInput) as twice:
        services.supplier_return_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[ReturnLineInput(quantity="1", receipt_line_id=rejected.pk)],
        )
    assert (twice.value.field, twice.value.code) == ("lines.0.quantity", "over_return")
    with pytest.raises(InvalidInput) as other_supplier:
        services.supplier_return_create(
            actor=buying.buyer,
            supplier_id=buying.acme.pk,
            lines=[ReturnLineInput(quantity="1", receipt_line_id=rejected.pk)],
        )
    assert other_supplier.value.code == "not_found"
    buying.receive(order, (line, "1", "0"))  # the replacement arrives
    order.refresh_from_db()
    assert order.status == "received"
    assert payable(buying, buying.bolt).received == Decimal("5000.00")
    assert ledger_mismatches() == []


def test_return_from_stock_leaves_at_average_cost_and_reduces_the_payable(buying):
    room = buying.room
    room.receive(room.phone, "2", "900")
    order = buying.order(buying.bolt, [(room.phone, room.main, "2")])
    buying.receive(order, (order.lines.get(), "2", "0"))
    assert level(room.phone, room.main).avg_cost == Decimal("950.0000")
    with pytest.raises(InvalidInput) as short:
        services.supplier_return_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[
                ReturnLineInput(quantity="1", receipt_line_id=order.receipts.get().lines.get().pk),
                ReturnLineInput(quantity="9", sku_id=room.phone.pk, warehouse_id=room.main.pk),
            ],
        )
    # The first line fails too (nothing was rejected), and the stock line keeps its own number.
    assert {(p.field, p.code) for p in short.value.problems} == {("lines.0.quantity", "over_return")}
    with pytest.raises(InvalidInput) as stock_short:
        services.supplier_return_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[
                ReturnLineInput(quantity="1", sku_id=room.phone.pk, warehouse_id=room.main.pk),
                ReturnLineInput(quantity="9", sku_id=room.phone.pk, warehouse_id=room.branch.pk),
            ],
        )
    assert [(p.field, p.code) for p in stock_short.value.problems] == [("lines.1", "insufficient_stock")]
    assert SupplierReturn.objects.count() == 0
    returned = services.supplier_return_create(
        actor=buying.buyer,
        supplier_id=buying.bolt.pk,
        lines=[ReturnLineInput(quantity="1", sku_id=room.phone.pk, warehouse_id=room.main.pk)],
        idempotency_key="rt-phone-0001",
    )
    line = returned.lines.get()
    assert (line.source, line.unit_cost, line.amount) == ("stock", Decimal("950.0000"), Decimal("950.00"))
    assert level(room.phone, room.main).on_hand == 3
    movement = StockMovement.objects.get(source_type="supplier_return", source_id=returned.pk)
    assert (movement.kind, movement.on_hand_delta) == ("return_out", -1)
    row = payable(buying, buying.bolt)
    assert (row.ordered, row.received, row.returned, row.balance) == (
        Decimal("2000.00"),
        Decimal("2000.00"),
        Decimal("950.00"),
        Decimal("1050.00"),
    )
    assert ledger_mismatches() == []


def test_payments_are_positive_idempotent_and_reduce_the_balance(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "3")])
    buying.receive(order, (order.lines.get(), "3", "0"))
    finance = buying.user("finance")
    for bad in ("0", "-5", "1.001", "abc"):
        with pytest.raises(InvalidInput) as invalid:
            services.supplier_payment_record(actor=finance, supplier_id=buying.bolt.pk, amount=bad)
        assert (invalid.value.field, invalid.value.code) == ("amount", "amount_invalid")
    for _attempt in range(2):
        services.supplier_payment_record(
            actor=finance,
            supplier_id=buying.bolt.pk,
            amount="1000.50",
            paid_on=date(2026, 3, 1),
            method="bank",
            idempotency_key="pay-bolt-0001",
        )
    assert SupplierPayment.objects.count() == 1
    row = payable(buying, buying.bolt)
    assert (row.received, row.paid, row.balance) == (
        Decimal("3000.00"),
        Decimal("1000.50"),
        Decimal("1999.50"),
    )
    with pytest.raises(Forbidden):
        services.supplier_payment_record(actor=buying.user("sales"), supplier_id=buying.bolt.pk, amount="1")
    with pytest.raises(Forbidden):
        selectors.payable_list(actor=buying.user("sales"))
    assert selectors.payable_list(actor=buying.user("manager")).count() == 2  # finance.view
    with pytest.raises(Forbidden):
        services.supplier_payment_record(actor=buying.user("manager"), supplier_id=buying.bolt.pk, amount="1")


def test_draft_and_submitted_orders_are_not_yet_ordered(buying):
    room = buying.room
    buying.order(buying.bolt, [(room.phone, room.main, "1")], status="submitted")
    buying.order(buying.bolt, [(room.phone, room.branch, "2")])
    assert payable(buying, buying.bolt).ordered == Decimal("2000.00")


def test_problems_in_a_mixed_return_name_the_callers_own_line(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "3")])
    receipt = buying.receive(order, (order.lines.get(), "2", "1"))
    with pytest.raises(InvalidInput) as short:
        services.supplier_return_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[
                ReturnLineInput(quantity="1", receipt_line_id=receipt.lines.get().pk),
                ReturnLineInput(quantity="5", sku_id=room.phone.pk, warehouse_id=room.main.pk),
            ],
        )
    assert [(p.field, p.code) for p in short.value.problems] == [("lines.1", "insufficient_stock")]
    receipt_line = receipt.lines.get()
    assert receipt_line.returned_qty == 0  # the valid first line was rolled back with the rest
    assert SupplierReturn.objects.count() == 0
