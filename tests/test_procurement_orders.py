"""Suppliers and purchase orders: units and prices, the status flow with its events, drafts only
editable, idempotent creation, permissions."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.transitions import events_of
from saas.procurement import services
from saas.procurement.models import PurchaseOrder, Supplier, SupplierItem
from saas.procurement.services import OrderLineInput
from tests.fixtures.procurement import purchasing_for


@pytest.fixture
def buying(stockroom):
    return purchasing_for(stockroom)


def test_supplier_with_contacts_and_unique_code(buying):
    supplier = services.supplier_create(
        actor=buying.buyer,
        code="hz-tex",
        name="杭州纺织",
        contacts=[services.ContactInput(name="王经理", phone="13800000000", email="Wang@Tex.cn")],
        payment_terms_days=45,
        address="杭州市萧山区",
    )
    assert supplier.code == "HZ-TEX" and supplier.payment_terms_days == 45
    assert [(c.name, c.email) for c in supplier.contacts.all()] == [("王经理", "wang@tex.cn")]
    with pytest.raises(InvalidInput) as taken:
        services.supplier_create(actor=buying.buyer, code="HZ-TEX", name="又一个")
    assert taken.value.code == "code_taken"
    with pytest.raises(InvalidInput) as bad_email:
        services.supplier_create(
            actor=buying.buyer, code="X1", name="x", contacts=[services.ContactInput(name="a", email="nope")]
        )
    assert (bad_email.value.code, bad_email.value.field) == ("email_invalid", "contacts.0.email")
    updated = services.supplier_update(
        actor=buying.buyer, supplier_id=supplier.pk, contacts=[], is_active=False
    )
    assert updated.contacts.count() == 0 and not updated.is_active


def test_supplier_item_per_pack_unit_is_one_row_per_sku(buying):
    box = buying.room.shirt.product.pack_units.get()
    item = services.supplier_item_set(
        actor=buying.buyer,
        supplier_id=buying.bolt.pk,
        sku_id=buying.room.shirt.pk,
        price="108",
        pack_unit_id=box.pk,
        min_order_qty="24",
        lead_time_days=7,
    )
    assert (item.unit_name, item.unit_factor, item.base_price) == ("箱", Decimal(12), Decimal("9.0000"))
    again = services.supplier_item_set(
        actor=buying.buyer, supplier_id=buying.bolt.pk, sku_id=buying.room.shirt.pk, price="9.5"
    )
    assert again.pk == item.pk and (again.unit_name, again.unit_factor) == ("件", Decimal(1))
    assert SupplierItem.objects.filter(supplier=buying.bolt, sku=buying.room.shirt).count() == 1
    phone_box = buying.room.phone.product.pack_units.create(name="箱", factor=Decimal(10))
    with pytest.raises(NotFound) as foreign_pack:
        services.supplier_item_set(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            sku_id=buying.room.shirt.pk,
            price="1",
            pack_unit_id=phone_box.pk,
        )
    assert foreign_pack.value.field == "pack_unit_id"


def test_order_lines_take_the_supplier_unit_and_price_and_several_warehouses(buying):
    room = buying.room
    order = buying.order(
        buying.acme, [(room.shirt, room.main, "2"), (room.shirt, room.branch, "1", "110")], status="draft"
    )
    assert re.fullmatch(r"PO-\d{4}-\d{6}", order.number) and order.status == "draft"
    assert order.currency == "CNY"
    lines = list(order.lines.order_by("id"))
    assert [(line.warehouse_id, line.unit_name, line.quantity, line.base_quantity) for line in lines] == [
        (room.main.pk, "箱", 2, 24),
        (room.branch.pk, "箱", 1, 12),
    ]
    assert lines[0].unit_price == 120 and lines[0].base_unit_cost == Decimal("10.0000")
    assert lines[1].unit_price == 110
    assert [(e.from_status, e.to_status) for e in events_of("purchase_order", order.pk)] == [("", "draft")]


def test_line_problems_are_named_per_line(buying):
    room = buying.room
    with pytest.raises(InvalidInput) as problems:
        services.purchase_order_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[
                OrderLineInput(room.phone.pk, room.main.pk, "1"),
                OrderLineInput(room.phone.pk, room.main.pk, "2"),  # same SKU and warehouse again
                OrderLineInput(room.shirt.pk, room.main.pk, "5"),  # bolt has no price for shirts
            ],
        )
    assert [(p.field, p.code) for p in problems.value.problems] == [
        ("lines.1.sku_id", "duplicate_line"),
        ("lines.2.unit_price", "price_required"),
    ]
    with pytest.raises(InvalidInput) as too_many:
        services.purchase_order_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[OrderLineInput(room.phone.pk, room.main.pk, "1")] * 101,
        )
    assert too_many.value.code == "too_many_lines"
    with pytest.raises(InvalidInput) as fraction:
        services.purchase_order_create(
            actor=buying.buyer,
            supplier_id=buying.acme.pk,
            lines=[OrderLineInput(room.shirt.pk, room.main.pk, "0.0001")],
        )
    assert fraction.value.code == "quantity_invalid"
    Supplier.objects.filter(pk=buying.bolt.pk).update(is_active=False)
    with pytest.raises(InvalidInput) as inactive:
        buying.order(buying.bolt, [(room.phone, room.main, "1")])
    assert inactive.value.code == "supplier_inactive"
    assert PurchaseOrder.objects.count() == 0


def test_creation_with_an_idempotency_key_happens_once(buying):
    room = buying.room

    def create():
        return services.purchase_order_create(
            actor=buying.buyer,
            supplier_id=buying.bolt.pk,
            lines=[OrderLineInput(room.phone.pk, room.main.pk, "3")],
            idempotency_key="po-retry-0001",
        )

    first, second = create(), create()
    assert first.pk == second.pk and first.number == second.number
    assert PurchaseOrder.objects.count() == 1
    with pytest.raises(InvalidInput) as reused:
        services.supplier_payment_record(
            actor=buying.buyer, supplier_id=buying.bolt.pk, amount="1", idempotency_key="po-retry-0001"
        )
    assert reused.value.code == "idempotency_key_reused"


def test_full_status_flow_writes_an_event_per_move(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "2")], status="submitted")
    services.purchase_order_reopen(actor=buying.buyer, order_id=order.pk, note="改数量")
    services.purchase_order_update(
        actor=buying.buyer, order_id=order.pk, lines=[OrderLineInput(room.phone.pk, room.branch.pk, "4")]
    )
    services.purchase_order_submit(actor=buying.buyer, order_id=order.pk)
    services.purchase_order_approve(actor=buying.buyer, order_id=order.pk, note="同意")
    line = order.lines.get()
    buying.receive(order, (line, "1", "0"))
    buying.receive(order, (line, "3", "0"))
    services.purchase_order_close(actor=buying.buyer, order_id=order.pk)
    events = list(events_of("purchase_order", order.pk))
    assert [e.to_status for e in events] == [
        "draft",
        "submitted",
        "draft",
        "submitted",
        "approved",
        "partly_received",
        "received",
        "closed",
    ]
    assert events[2].note == "改数量" and events[4].actor == buying.buyer


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", services.purchase_order_approve),
        ("draft", services.purchase_order_close),
        ("submitted", services.purchase_order_submit),
        ("approved", services.purchase_order_reopen),
        ("approved", services.purchase_order_close),
    ],
)
def test_illegal_transitions_are_typed_errors(buying, status, action):
    order = buying.order(buying.bolt, [(buying.room.phone, buying.room.main, "1")], status=status)
    with pytest.raises(InvalidInput) as illegal:
        action(actor=buying.buyer, order_id=order.pk)
    assert (illegal.value.code, illegal.value.field) == ("transition_invalid", "status")
    order.refresh_from_db()
    assert order.status == status


def test_cancel_before_receiving_only(buying):
    room = buying.room
    cancelled = buying.order(buying.bolt, [(room.phone, room.main, "1")])
    services.purchase_order_cancel(actor=buying.buyer, order_id=cancelled.pk, note="不要了")
    for action in (services.purchase_order_submit, services.purchase_order_cancel):
        with pytest.raises(InvalidInput) as after_cancel:
            action(actor=buying.buyer, order_id=cancelled.pk)
        assert after_cancel.value.code == "transition_invalid"
    received = buying.order(buying.bolt, [(room.phone, room.main, "2")])
    buying.receive(received, (received.lines.get(), "1", "0"))
    with pytest.raises(InvalidInput) as partly:
        services.purchase_order_cancel(actor=buying.buyer, order_id=received.pk)
    assert partly.value.code == "transition_invalid"


def test_lines_are_edited_in_draft_only(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "1")], status="submitted")
    with pytest.raises(InvalidInput) as locked:
        services.purchase_order_update(
            actor=buying.buyer, order_id=order.pk, lines=[OrderLineInput(room.phone.pk, room.main.pk, "9")]
        )
    assert locked.value.code == "not_editable"
    assert order.lines.get().quantity == 1


def test_only_buyers_write_and_sales_cannot_even_look(buying):
    room = buying.room
    for role in ("sales", "finance", "manager", "distributor"):
        with pytest.raises(Forbidden):
            services.purchase_order_create(
                actor=buying.user(role),
                supplier_id=buying.bolt.pk,
                lines=[OrderLineInput(room.phone.pk, room.main.pk, "1")],
            )
    with pytest.raises(Forbidden):
        services.supplier_create(actor=buying.user("sales"), code="S", name="s")
    order = buying.order(buying.bolt, [(room.phone, room.main, "1")], status="submitted")
    with pytest.raises(Forbidden):
        services.purchase_order_approve(actor=buying.user("manager"), order_id=order.pk)
    assert buying.user("owner").has_scope("purchasing.manage")
    services.purchase_order_approve(actor=buying.user("owner"), order_id=order.pk)
