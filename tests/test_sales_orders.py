"""Sales orders through the services: defaults copied from the customer and the catalog, line
amounts with discounts and tax-inclusive prices, idempotent creation, free edits before approval
and recorded revisions after it, expenses, quotations, and the exact error codes."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from saas.catalog.models import PackUnit
from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.inventory.models import StockLevel
from saas.inventory.services.checks import ledger_mismatches
from saas.sales import services
from saas.sales.models import OrderRevision, Quotation, SalesOrder
from saas.sales.services import LineInput
from saas.sales.services.pricing import line_amounts
from tests.fixtures.sales import sales_customer


def reserved(selling, sku) -> Decimal:
    return StockLevel.objects.get(sku=sku, warehouse=selling.room.main).reserved


def test_line_amounts_are_tax_inclusive_and_rounded_once():
    amounts = line_amounts(
        quantity=Decimal(3), unit_price=Decimal("59"), discount_rate=Decimal(10), tax_rate=Decimal(13)
    )
    assert (amounts.goods, amounts.amount, amounts.discount, amounts.tax) == (
        Decimal("177.00"),
        Decimal("159.30"),
        Decimal("17.70"),
        Decimal("18.33"),  # 159.30 − 159.30 / 1.13
    )
    free = line_amounts(
        quantity=Decimal(1), unit_price=Decimal("0.0125"), discount_rate=Decimal(0), tax_rate=Decimal(0)
    )
    assert (free.amount, free.tax) == (Decimal("0.01"), Decimal("0.00"))


def test_a_new_order_takes_defaults_from_customer_catalog_and_settings(selling):
    box = PackUnit.objects.create(product=selling.shirt.product, name="箱", factor=Decimal(12))
    order = services.order_create(
        actor=selling.rep,
        customer_id=selling.customer.pk,
        warehouse_id=selling.room.main.pk,
        lines=[
            LineInput(sku_id=selling.shirt.pk, quantity="2", pack_unit_id=box.pk, discount_rate="5"),
            LineInput(sku_id=str(selling.phone.pk), quantity="1", unit_price="1888.8", tax_rate="9"),
        ],
    )
    assert re.fullmatch(r"SO-\d{4}-\d{6}", order.number)
    assert (order.status, order.order_date, order.rep, order.currency) == (
        "draft",
        tenant_today(),
        selling.rep,
        "CNY",
    )
    assert (order.contact_name, order.ship_city, order.ship_detail) == ("王采购", "杭州市", "文三路 100 号")
    box_line, phone_line = order.lines.order_by("line_no")
    assert (box_line.unit_name, box_line.base_quantity, box_line.unit_price) == (
        "箱",
        Decimal(24),
        Decimal("708"),
    )
    assert (box_line.amount, box_line.discount_amount, box_line.tax_rate) == (
        Decimal("1345.20"),
        Decimal("70.80"),
        Decimal(13),
    )
    assert (phone_line.unit_name, phone_line.amount, phone_line.tax_amount) == (
        "件",
        Decimal("1888.80"),
        Decimal("155.96"),
    )
    assert order.goods_amount == Decimal("3304.80")
    assert order.total_amount == Decimal("3234.00") == box_line.amount + phone_line.amount
    assert order.tax_amount == box_line.tax_amount + phone_line.tax_amount
    assert order.discount_amount == Decimal("70.80")


def test_contact_and_address_can_be_given(selling):
    order = selling.order(
        [(selling.shirt, "1")],
        contact_name="李四",
        contact_phone="13900000000",
        ship_to=services.ShipTo(
            receiver="李四", phone="139", province="广东省", city="深圳市", detail="科技园"
        ),
        requested_date=tenant_today() + timedelta(days=3),
        delivery_method="pickup",
    )
    assert (order.contact_name, order.ship_receiver, order.ship_city, order.delivery_method) == (
        "李四",
        "李四",
        "深圳市",
        "pickup",
    )


def test_create_refuses_bad_input_with_codes_per_line(selling):
    other_rep_customer = sales_customer(owner=selling.manager, name="经理的客户")
    with pytest.raises(NotFound) as hidden:
        selling.order([(selling.shirt, "1")], customer=other_rep_customer)
    assert (hidden.value.code, hidden.value.field) == ("not_found", "customer_id")
    inactive = sales_customer(owner=selling.rep, name="停用客户", is_active=False)
    with pytest.raises(InvalidInput) as closed:
        selling.order([(selling.shirt, "1")], customer=inactive)
    assert closed.value.code == "customer_inactive"
    foreign_pack = PackUnit.objects.create(product=selling.phone.product, name="盒", factor=Decimal(2))
    with pytest.raises(InvalidInput) as bad:
        services.order_create(
            actor=selling.rep,
            customer_id=selling.customer.pk,
            warehouse_id=selling.room.main.pk,
            lines=[
                LineInput(sku_id=selling.shirt.pk, quantity="0"),
                LineInput(sku_id=selling.shirt.pk, quantity="1", pack_unit_id=foreign_pack.pk),
                LineInput(sku_id=selling.shirt.pk, quantity="1", discount_rate="120"),
                LineInput(sku_id=99999999, quantity="1"),
                LineInput(sku_id=selling.shirt.pk, quantity="1", unit_price="-1"),
            ],
        )
    assert [(p.field, p.code) for p in bad.value.problems] == [
        ("lines.0.quantity", "quantity_invalid"),
        ("lines.1.pack_unit_id", "not_found"),
        ("lines.2.discount_rate", "rate_invalid"),
        ("lines.3.sku_id", "not_found"),
        ("lines.4.unit_price", "price_invalid"),
    ]
    with pytest.raises(InvalidInput) as too_many:
        selling.order([(selling.shirt, "1")] * 101)
    assert too_many.value.code == "too_many_lines"
    with pytest.raises(NotFound) as no_warehouse:
        services.order_create(
            actor=selling.rep,
            customer_id=selling.customer.pk,
            warehouse_id="x",
            lines=[LineInput(selling.shirt.pk, "1")],
        )
    assert no_warehouse.value.field == "warehouse_id"
    with pytest.raises(Forbidden):
        selling.order([(selling.shirt, "1")], actor=selling.keeper)
    with pytest.raises(Forbidden) as other_rep:
        selling.order([(selling.shirt, "1")], rep_id=selling.manager.pk)
    assert other_rep.value.field == "rep_id"
    assert not SalesOrder.objects.exists()


def test_a_manager_may_write_an_order_for_a_rep(selling):
    order = selling.order([(selling.shirt, "1")], actor=selling.manager, rep_id=selling.rep.pk)
    assert (order.rep, order.created_by) == (selling.rep, selling.manager)


def test_create_with_the_same_idempotency_key_returns_the_first_order(selling):
    first = selling.order([(selling.shirt, "1")], idempotency_key="phone-retry-0001")
    again = selling.order([(selling.shirt, "5")], idempotency_key="phone-retry-0001")
    assert again.pk == first.pk and SalesOrder.objects.count() == 1
    assert again.lines.get().quantity == 1
    with pytest.raises(InvalidInput) as bad_key:
        selling.order([(selling.shirt, "1")], idempotency_key="short")
    assert bad_key.value.code == "idempotency_key_invalid"


def test_drafts_change_freely_without_revisions(selling):
    order = selling.order([(selling.shirt, "1")])
    updated = services.order_update(
        actor=selling.rep,
        order=order.pk,
        lines=[LineInput(selling.phone.pk, "2", unit_price="1500")],
        remarks="加急",
        warehouse_id=selling.room.branch.pk,
    )
    line = updated.lines.get()
    assert (line.sku, line.line_no, line.warehouse, updated.total_amount) == (
        selling.phone,
        1,
        selling.room.branch,
        Decimal("3000.00"),
    )
    assert (updated.revision, updated.remarks) == (0, "加急")
    assert not OrderRevision.objects.exists()


def test_an_approved_order_changes_by_revision_and_reserves_again(selling):
    order = selling.order([(selling.shirt, "3"), (selling.phone, "2")], status="approved")
    shirt_line, phone_line = order.lines.order_by("line_no")
    assert (reserved(selling, selling.shirt), reserved(selling, selling.phone)) == (3, 2)
    updated = services.order_update(
        actor=selling.rep,
        order=order,
        lines=[
            LineInput(selling.shirt.pk, "8", line_id=shirt_line.pk),  # more shirts
            LineInput(selling.phone.pk, "1", line_id=None),  # phone line replaced by a new one
        ],
        remarks="客户追加",
        note="客户电话追加",
    )
    assert (updated.revision, updated.status) == (1, "pending_shipment")
    revision = OrderRevision.objects.get(order=order)
    assert revision.note == "客户电话追加" and revision.actor == selling.rep
    assert {"field": "remarks", "before": "", "after": "客户追加"} in revision.changes
    assert {"field": "lines[1].quantity", "before": "3", "after": "8"} in revision.changes
    assert {"field": "lines[3]", "before": None, "after": "PHONE-128 × 1 件"} in revision.changes
    assert {"field": "lines[2]", "before": "PHONE-128 × 2 件", "after": None} in revision.changes
    assert [
        (line.line_no, line.base_quantity, line.reserved_quantity)
        for line in updated.lines.order_by("line_no")
    ] == [
        (1, 8, 8),
        (3, 1, 1),
    ]
    assert (reserved(selling, selling.shirt), reserved(selling, selling.phone)) == (8, 1)
    assert updated.total_amount == Decimal("8") * 59 + 1999
    # Fewer than reserved: the excess goes back; asking for more than is there: waits for goods.
    services.order_update(
        actor=selling.rep, order=order, lines=[LineInput(selling.shirt.pk, "2", line_id=shirt_line.pk)]
    )
    assert reserved(selling, selling.shirt) == 2 and reserved(selling, selling.phone) == 0
    waiting = services.order_update(
        actor=selling.rep, order=order, lines=[LineInput(selling.shirt.pk, "150", line_id=shirt_line.pk)]
    )
    assert (waiting.status, waiting.revision, reserved(selling, selling.shirt)) == (
        "pending_purchase",
        3,
        100,
    )
    assert ledger_mismatches() == []


def test_nothing_changed_writes_no_revision(selling):
    order = selling.order([(selling.shirt, "3")], status="approved")
    line = order.lines.get()
    same = services.order_update(
        actor=selling.rep, order=order, lines=[LineInput(selling.shirt.pk, "3", line_id=line.pk)]
    )
    assert same.revision == 0 and not OrderRevision.objects.exists()


def test_shipped_lines_and_the_customer_of_an_approved_order_stay(selling):
    order = selling.order([(selling.shirt, "3"), (selling.phone, "1")], status="approved")
    shirt_line, phone_line = order.lines.order_by("line_no")
    services.order_ship(actor=selling.keeper, order=order, lines=[(shirt_line.pk, "1")])
    with pytest.raises(InvalidInput) as shipped:
        services.order_update(
            actor=selling.rep,
            order=order,
            lines=[
                LineInput(selling.shirt.pk, "5", line_id=shirt_line.pk),
                LineInput(selling.phone.pk, "1", line_id=phone_line.pk),
            ],
        )
    assert (shipped.value.code, shipped.value.field) == ("line_shipped", "lines.0")
    with pytest.raises(InvalidInput) as removed:
        services.order_update(
            actor=selling.rep, order=order, lines=[LineInput(selling.phone.pk, "2", line_id=phone_line.pk)]
        )
    assert (removed.value.code, removed.value.field) == ("line_shipped", "lines")
    other = sales_customer(owner=selling.rep, name="另一个客户")
    with pytest.raises(InvalidInput) as customer:
        services.order_update(actor=selling.rep, order=order, customer_id=other.pk)
    assert (customer.value.code, customer.value.field) == ("not_editable", "customer_id")
    with pytest.raises(InvalidInput) as foreign_line:
        services.order_update(
            actor=selling.rep, order=order, lines=[LineInput(selling.shirt.pk, "3", line_id=999999)]
        )
    assert (foreign_line.value.code, foreign_line.value.field) == ("not_found", "lines.0.line_id")
    # The unshipped phone line may still change; the shipped shirt line stays as it was.
    changed = services.order_update(
        actor=selling.rep,
        order=order,
        lines=[
            LineInput(selling.shirt.pk, "3", line_id=shirt_line.pk),
            LineInput(selling.phone.pk, "2", line_id=phone_line.pk),
        ],
    )
    assert changed.status == "partly_shipped" and changed.revision == 1
    completed = selling.order([(selling.shirt, "1")], status="completed")
    with pytest.raises(InvalidInput) as done:
        services.order_update(actor=selling.rep, order=completed, remarks="x")
    assert done.value.code == "not_editable"
    assert ledger_mismatches() == []


def test_removing_the_unshipped_rest_finishes_a_partly_shipped_order(selling):
    order = selling.order([(selling.shirt, "3"), (selling.phone, "1")], status="approved")
    shirt_line, _phone_line = order.lines.order_by("line_no")
    services.order_ship(actor=selling.keeper, order=order, lines=[(shirt_line.pk, "3")])
    finished = services.order_update(
        actor=selling.rep,
        order=order,
        lines=[LineInput(selling.shirt.pk, "3", line_id=shirt_line.pk)],
        note="手机不要了",
    )
    assert finished.status == "pending_signback" and reserved(selling, selling.phone) == 0
    assert ledger_mismatches() == []


def test_expenses_keep_the_order_total(selling):
    order = selling.order([(selling.shirt, "1")], status="approved")
    freight = services.expense_add(actor=selling.rep, order=order, name="运费", amount="25.5", remark="顺丰")
    services.expense_add(actor=selling.user("finance"), order=order.pk, name="安装费", amount="100")
    order.refresh_from_db()
    assert order.expense_amount == Decimal("125.50")
    after = services.expense_remove(actor=selling.rep, expense_id=freight.pk)
    assert after.expense_amount == Decimal("100.00")
    with pytest.raises(InvalidInput) as bad:
        services.expense_add(actor=selling.rep, order=order, name="运费", amount="0")
    assert (bad.value.code, bad.value.field) == ("amount_invalid", "amount")
    with pytest.raises(InvalidInput) as nameless:
        services.expense_add(actor=selling.rep, order=order, name=" ", amount="1")
    assert nameless.value.code == "required"
    with pytest.raises(Forbidden):
        services.expense_add(actor=selling.keeper, order=order, name="运费", amount="1")
    with pytest.raises(NotFound):
        services.expense_remove(actor=selling.rep, expense_id=freight.pk)
    services.order_cancel(actor=selling.rep, order=order, reason="客户取消")
    with pytest.raises(InvalidInput) as cancelled:
        services.expense_add(actor=selling.rep, order=order, name="运费", amount="1")
    assert cancelled.value.code == "not_editable"


def test_a_quotation_is_sent_accepted_and_converted_into_an_order(selling):
    quotation = services.quotation_create(
        actor=selling.rep,
        customer_id=selling.customer.pk,
        lines=[
            LineInput(selling.shirt.pk, "10", unit_price="55", discount_rate="2"),
            LineInput(selling.phone.pk, "1"),
        ],
        remarks="含运费",
    )
    assert re.fullmatch(r"QT-\d{4}-\d{6}", quotation.number)
    assert quotation.valid_until == quotation.quote_date + timedelta(days=30)
    assert quotation.total_amount == Decimal("539.00") + Decimal("1999.00")
    services.quotation_update(actor=selling.rep, quotation=quotation, remarks="含运费，月结")
    services.quotation_send(actor=selling.rep, quotation=quotation)
    with pytest.raises(InvalidInput) as sent:
        services.quotation_update(actor=selling.rep, quotation=quotation, remarks="x")
    assert sent.value.code == "not_editable"
    services.quotation_accept(actor=selling.rep, quotation=quotation.pk)
    order = services.quotation_convert(
        actor=selling.rep, quotation=quotation, warehouse_id=selling.room.main.pk
    )
    quotation.refresh_from_db()
    assert (quotation.status, order.status, order.quotation_id, order.remarks) == (
        "converted",
        "draft",
        quotation.pk,
        "含运费，月结",
    )
    assert [
        (line.sku_id, line.quantity, line.unit_price, line.discount_rate, line.amount)
        for line in order.lines.order_by("line_no")
    ] == [
        (selling.shirt.pk, Decimal(10), Decimal(55), Decimal(2), Decimal("539.00")),
        (selling.phone.pk, Decimal(1), Decimal(1999), Decimal(0), Decimal("1999.00")),
    ]
    assert order.total_amount == quotation.total_amount
    with pytest.raises(InvalidInput) as twice:
        services.quotation_convert(actor=selling.rep, quotation=quotation, warehouse_id=selling.room.main.pk)
    assert twice.value.code == "transition_invalid"


def test_quotation_rules(selling):
    draft = services.quotation_create(
        actor=selling.rep, customer_id=selling.customer.pk, lines=[LineInput(selling.shirt.pk, "1")]
    )
    with pytest.raises(InvalidInput) as not_sent:
        services.quotation_convert(actor=selling.rep, quotation=draft, warehouse_id=selling.room.main.pk)
    assert not_sent.value.code == "transition_invalid"
    with pytest.raises(InvalidInput) as before:
        services.quotation_update(
            actor=selling.rep, quotation=draft, valid_until=draft.quote_date - timedelta(days=1)
        )
    assert before.value.code == "date_invalid"
    services.quotation_send(actor=selling.rep, quotation=draft)
    Quotation.objects.filter(pk=draft.pk).update(
        quote_date=draft.quote_date - timedelta(days=40), valid_until=draft.quote_date - timedelta(days=10)
    )
    with pytest.raises(InvalidInput) as expired:
        services.quotation_accept(actor=selling.rep, quotation=draft)
    assert expired.value.code == "quotation_expired"
    rejected = services.quotation_reject(actor=selling.rep, quotation=draft, note="太贵")
    assert rejected.status == "rejected"
    with pytest.raises(NotFound):
        services.quotation_send(actor=selling.user("sales"), quotation=999999)
    cancelled = services.quotation_create(
        actor=selling.rep, customer_id=selling.customer.pk, lines=[LineInput(selling.shirt.pk, "1")]
    )
    assert services.quotation_cancel(actor=selling.rep, quotation=cancelled).status == "cancelled"
    with pytest.raises(Forbidden):  # the warehouse neither writes nor sees quotations
        services.quotation_send(actor=selling.keeper, quotation=cancelled)
    with pytest.raises(NotFound):  # another rep does not see this rep's quotations
        services.quotation_send(actor=selling.manager, quotation=999999)
