"""Replenishment suggestion and confirmation (多仓合并采购), and the whole cycle from low stock to
a paid supplier."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.inventory.models import StockLevel
from saas.inventory.services.checks import ledger_mismatches
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.inventory.services.ledger import Source
from saas.inventory.services.reservations import stock_reserve
from saas.inventory.services.transfers import TransferLineInput, transfer_create
from saas.procurement import replenishment, selectors, services
from saas.procurement.models import PurchaseOrder, Supplier
from saas.procurement.services import ConfirmLineInput, ReturnLineInput
from tests.fixtures.inventory import make_sku
from tests.fixtures.procurement import purchasing_for, supply, thresholds


@pytest.fixture
def buying(stockroom):
    return purchasing_for(stockroom)


def suggest(buying, warehouse_ids=None):
    return selectors.replenishment_suggestion(actor=buying.buyer, warehouse_ids=warehouse_ids)


def lines_of(suggestion):
    return {(line.sku_id, line.warehouse_id): line for order in suggestion.orders for line in order.lines} | {
        (line.sku_id, line.warehouse_id): line for line in suggestion.unsourced
    }


def confirm_all(buying, suggestion, key=None):
    return services.replenishment_confirm(
        actor=buying.buyer,
        lines=[
            ConfirmLineInput(line.supplier_id, line.sku_id, line.warehouse_id, line.order_quantity)
            for order in suggestion.orders
            for line in order.lines
        ],
        idempotency_key=key,
    )


def take_out(buying, sku, warehouse, quantity):
    stock_entry_create(
        actor=buying.buyer,
        warehouse_id=warehouse.pk,
        direction="out",
        reason="sample",
        lines=[EntryLine(sku_id=sku.pk, quantity=quantity)],
    )


def test_tops_up_to_max_from_the_cheapest_supplier_tie_shortest_lead_time(buying):
    room = buying.room
    room.receive(room.phone, "2", "1000")
    thresholds(room.phone, room.main, reorder_point="5", max_qty="20")
    slow = Supplier.objects.create(code="SLOW", name="慢")
    fast = Supplier.objects.create(code="FAST", name="快")
    gone = Supplier.objects.create(code="GONE", name="停用", is_active=False)
    supply(slow, room.phone, "900", lead_days=10)
    supply(fast, room.phone, "900", lead_days=2)
    supply(gone, room.phone, "500")
    supply(buying.acme, room.phone, "100", active=False)
    suggestion = suggest(buying)
    [order] = suggestion.orders
    [line] = order.lines
    assert (order.supplier_id, line.warehouse_id) == (fast.pk, room.main.pk)
    assert (line.available, line.need, line.quantity, line.unit_price) == (2, 18, 18, 900)
    assert order.amount == Decimal("16200.00")


def test_reserved_in_transit_and_open_orders_count(buying):
    room = buying.room
    room.receive(room.shirt, "10", "10")
    stock_reserve(
        actor=buying.buyer,
        source=Source("sales_order", 1, "SO-1"),
        lines=[(room.shirt.pk, room.main.pk, Decimal(4))],
    )
    thresholds(room.shirt, room.main, reorder_point="8", min_qty="2")
    thresholds(room.shirt, room.branch, reorder_point="15")
    transfer_create(
        actor=buying.buyer,
        from_warehouse_id=room.main.pk,
        to_warehouse_id=room.branch.pk,
        lines=[TransferLineInput(sku_id=room.shirt.pk, quantity="3")],
    )
    buying.order(buying.acme, [(room.shirt, room.branch, "1")], status="submitted")  # 12 on the way
    lines = lines_of(suggest(buying))
    # main: 10 − 3 sent − 4 reserved = 3 available ≤ 8; up to 8 + 2 = 10 → 7, one box of 12.
    main = lines[(room.shirt.pk, room.main.pk)]
    assert (main.available, main.need, main.quantity, main.order_quantity) == (3, 7, 12, 1)
    # branch: 3 in transit + 12 on order = 15 ≤ 15: short, but already at its target.
    assert (room.shirt.pk, room.branch.pk) not in lines


def test_minimum_order_quantity_is_for_the_order_total_and_goes_to_the_neediest(buying):
    room = buying.room
    buying.bolt.items.update(min_order_qty=Decimal(10))
    thresholds(room.phone, room.main, reorder_point="3", min_qty="0")
    thresholds(room.phone, room.branch, reorder_point="4")
    lines = lines_of(suggest(buying))
    assert lines[(room.phone.pk, room.main.pk)].quantity == 3
    assert lines[(room.phone.pk, room.branch.pk)].quantity == 7
    buying.bolt.items.update(min_order_qty=Decimal(5))
    lines = lines_of(suggest(buying))
    assert sum(line.quantity for line in lines.values()) == 7  # already above the minimum


def test_warehouse_filter_unsourced_skus_and_the_demand_hook(buying):
    room = buying.room
    loose = make_sku("LOOSE-1", "散装茶叶")
    thresholds(loose, room.main, min_qty="5")
    thresholds(room.phone, room.main, reorder_point="1")
    thresholds(room.phone, room.branch, reorder_point="1")
    assert {key[1] for key in lines_of(suggest(buying, [str(room.branch.pk)]))} == {room.branch.pk}
    suggestion = suggest(buying)
    assert [(line.sku_id, line.quantity, line.supplier_id) for line in suggestion.unsourced] == [
        (loose.pk, 5, None)
    ]
    # Sales orders waiting for 7 phones in the branch, beyond what the levels show, and for
    # 5 shirts where the branch has no level at all.
    replenishment.demand_source_register(
        "test_shortfall",
        f"SELECT {room.phone.pk}::bigint AS sku_id, {room.branch.pk}::bigint AS warehouse_id, 7 AS quantity "
        f"UNION ALL SELECT {room.shirt.pk}, {room.branch.pk}, 5",
    )
    try:
        lines = lines_of(suggest(buying))
    finally:
        replenishment.demand_source_unregister("test_shortfall")
    phone, shirt = lines[(room.phone.pk, room.branch.pk)], lines[(room.shirt.pk, room.branch.pk)]
    assert (phone.demand, phone.need) == (7, 8)
    assert (shirt.available, shirt.demand, shirt.need, shirt.quantity, shirt.supplier_id) == (
        0,
        5,
        5,
        12,
        buying.acme.pk,
    )


def test_confirm_makes_one_draft_order_per_supplier_across_warehouses(buying):
    room = buying.room
    for warehouse in (room.main, room.branch):
        thresholds(room.shirt, warehouse, reorder_point="10", max_qty="24")
        thresholds(room.phone, warehouse, reorder_point="2", max_qty="5")
    before = PurchaseOrder.objects.count()
    suggestion = suggest(buying)
    assert PurchaseOrder.objects.count() == before  # a suggestion never orders by itself
    assert {order.supplier_id: len(order.lines) for order in suggestion.orders} == {
        buying.acme.pk: 2,
        buying.bolt.pk: 2,
    }
    orders = confirm_all(buying, suggestion, key="replenish-0001")
    assert confirm_all(buying, suggestion, key="replenish-0001") == orders  # a retry, not new orders
    assert PurchaseOrder.objects.count() == before + 2
    assert {o.status for o in orders} == {"draft"}
    acme = next(o for o in orders if o.supplier_id == buying.acme.pk)
    assert sorted(
        (line.warehouse_id, line.quantity, line.base_quantity) for line in acme.lines.all()
    ) == sorted([(room.main.pk, 2, 24), (room.branch.pk, 2, 24)])
    assert suggest(buying).orders == []  # drafts count as on order: asking again adds nothing


def test_confirm_checks_every_line_and_writes_nothing_on_error(buying):
    room = buying.room
    with pytest.raises(InvalidInput) as problems:
        services.replenishment_confirm(
            actor=buying.buyer,
            lines=[
                ConfirmLineInput(buying.bolt.pk, room.phone.pk, room.main.pk, "2"),
                ConfirmLineInput(buying.bolt.pk, room.shirt.pk, room.main.pk, "2"),
            ],
        )
    assert [(p.field, p.code) for p in problems.value.problems] == [("lines.1.unit_price", "price_required")]
    with pytest.raises(NotFound) as unknown:
        services.replenishment_confirm(
            actor=buying.buyer, lines=[ConfirmLineInput("999999", room.phone.pk, room.main.pk, "2")]
        )
    assert unknown.value.field == "lines.0.supplier_id"
    assert PurchaseOrder.objects.count() == 0
    with pytest.raises(Forbidden):
        selectors.replenishment_suggestion(actor=buying.user("sales"))


def test_the_suggestion_costs_the_same_few_queries_for_many_skus(buying):
    room = buying.room

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            suggest(buying)
        return len(captured)

    thresholds(room.phone, room.main, reorder_point="5")
    suggest(buying)  # the actor's roles are loaded once per request
    few = queries()
    for n in range(15):
        sku = make_sku(f"BULK-{n}")
        supply(buying.acme if n % 2 else buying.bolt, sku, "3")
        for warehouse in (room.main, room.branch):
            thresholds(sku, warehouse, reorder_point="5", max_qty="9")
    assert len(lines_of(suggest(buying))) == 31
    assert queries() == few == 1


def test_full_cycle_low_stock_to_paid_supplier(buying):
    room = buying.room
    room.receive(room.phone, "10", "900")
    thresholds(room.phone, room.main, reorder_point="5", max_qty="20")
    take_out(buying, room.phone, room.main, "7")  # 3 left: low
    suggestion = suggest(buying)
    assert [(line.sku_id, line.quantity) for order in suggestion.orders for line in order.lines] == [
        (room.phone.pk, 17)
    ]
    [order] = confirm_all(buying, suggestion)
    services.purchase_order_submit(actor=buying.buyer, order_id=order.pk)
    services.purchase_order_approve(actor=buying.user("owner"), order_id=order.pk)
    line = order.lines.get()
    receipt = buying.receive(order, (line, "16", "1"), reason="外壳划伤")
    stock = StockLevel.objects.get(sku=room.phone, warehouse=room.main)
    # (3 × 900 + 16 × 1000) / 19 = 984.2105
    assert (stock.on_hand, stock.avg_cost) == (19, Decimal("984.2105"))
    order.refresh_from_db()
    assert order.status == "partly_received"
    services.supplier_return_create(
        actor=buying.buyer,
        supplier_id=buying.bolt.pk,
        lines=[ReturnLineInput(quantity="1", receipt_line_id=receipt.lines.get().pk)],
    )
    services.purchase_order_close(actor=buying.buyer, order_id=order.pk, note="不补货了")
    services.supplier_payment_record(actor=buying.user("finance"), supplier_id=buying.bolt.pk, amount="6000")
    [row] = selectors.payables_of(
        selectors.payable_list(actor=buying.user("finance"), supplier_id=buying.bolt.pk)
    )
    # Ordered 17 000; only the 16 accepted are owed, the rejected one went back; 6 000 paid.
    assert (row.ordered, row.received, row.returned, row.paid, row.balance) == (
        Decimal("17000.00"),
        Decimal("16000.00"),
        Decimal("0"),
        Decimal("6000.00"),
        Decimal("10000.00"),
    )
    assert suggest(buying).orders == []  # 19 on hand, above the reorder point
    assert ledger_mismatches() == []
