"""The sales order's status flow: submit with the credit check, review, approval with stock
reservation, waiting for goods, shipping with cost, sign-back, cancel with release, and the
dashboard's queue counts. Every ledger change is checked against the levels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.accounts.models import Role, User
from saas.accounts.todos import todo_counts
from saas.core.errors import Forbidden, InvalidInput
from saas.core.transitions import events_of
from saas.inventory.models import StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.procurement.replenishment import compute_suggestion
from saas.sales import services
from saas.sales.models import SalesOrder
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import sales_customer, sales_settings_set


def level(selling, sku):
    return StockLevel.objects.get(sku=sku, warehouse=selling.room.main)


def history(order) -> list[tuple[str, str]]:
    return [(e.from_status, e.to_status) for e in events_of("sales_order", order.pk)]


def test_approval_reserves_stock_and_records_both_moves(selling):
    order = selling.order([(selling.shirt, "30"), (selling.phone, "2")], status="pending_review")
    assert order.submitted_at is not None and order.status == "pending_review"
    approved = services.order_approve(actor=selling.manager, order=order.pk, note="同意")
    assert approved.status == "pending_shipment" and approved.approved_at is not None
    assert history(order) == [
        ("", "draft"),
        ("draft", "pending_review"),
        ("pending_review", "approved"),
        ("approved", "pending_shipment"),
    ]
    assert [line.reserved_quantity for line in approved.lines.order_by("line_no")] == [30, 2]
    assert (level(selling, selling.shirt).reserved, level(selling, selling.shirt).available) == (30, 70)
    moves = StockMovement.objects.filter(source_type="sales_order", source_id=order.pk)
    assert {(m.kind, m.reserved_delta) for m in moves} == {("reserve", 30), ("reserve", 2)}
    assert ledger_mismatches() == []


def test_short_stock_waits_in_pending_purchase_and_feeds_replenishment(selling):
    order = selling.order([(selling.shirt, "130"), (selling.phone, "1")], status="approved")
    assert order.status == "pending_purchase"
    shirt_line = order.lines.get(sku=selling.shirt)
    assert shirt_line.reserved_quantity == 100 and level(selling, selling.shirt).available == 0
    suggestion = compute_suggestion()
    lines = suggestion.unsourced + [line for order in suggestion.orders for line in order.lines]
    demand = {(line.sku_id, line.warehouse_id): line.demand for line in lines}
    assert demand[(selling.shirt.pk, selling.room.main.pk)] == 30
    assert (selling.phone.pk, selling.room.main.pk) not in demand
    # Goods arrive; a retry reserves them and the order moves on to shipping.
    selling.room.receive(selling.shirt, "40", "20")
    retried = services.order_reserve_retry(actor=selling.rep, order=order)
    assert retried.status == "pending_shipment"
    assert order.lines.get(sku=selling.shirt).reserved_quantity == 130
    assert level(selling, selling.shirt).available == 10
    assert history(order)[-1] == ("pending_purchase", "pending_shipment")
    with pytest.raises(InvalidInput) as again:
        services.order_reserve_retry(actor=selling.rep, order=order)
    assert again.value.code == "transition_invalid"
    assert ledger_mismatches() == []


def test_stock_arriving_is_reserved_for_waiting_orders_after_commit(selling):
    first = selling.order([(selling.phone, "8")], status="approved")
    second = selling.order([(selling.phone, "5")], status="approved")
    assert (first.status, second.status) == ("pending_shipment", "pending_purchase")
    selling.room.receive(selling.phone, "4", "1000")
    second.refresh_from_db()
    assert second.status == "pending_purchase"  # not inside the receipt's transaction
    deliver_events()  # stock.increased → reservation_retry, in the event's fan-out job
    # The second order had the 2 phones left; 3 of the 4 that arrived complete it.
    second.refresh_from_db()
    assert (second.status, second.lines.get().reserved_quantity) == ("pending_shipment", 5)
    assert level(selling, selling.phone).available == 1
    assert ledger_mismatches() == []


def test_cancelling_gives_reserved_stock_back(selling):
    order = selling.order([(selling.shirt, "60")], status="approved")
    waiting = selling.order([(selling.shirt, "50")], status="approved")
    assert (order.status, waiting.status) == ("pending_shipment", "pending_purchase")
    with pytest.raises(InvalidInput) as no_reason:
        services.order_cancel(actor=selling.rep, order=order, reason=" ")
    assert (no_reason.value.code, no_reason.value.field) == ("required", "reason")
    cancelled = services.order_cancel(actor=selling.rep, order=order, reason="客户不要了")
    deliver_events()
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "客户不要了")
    assert order.lines.get().reserved_quantity == 0
    # The released shirts went to the order that waited for them.
    waiting.refresh_from_db()
    assert waiting.status == "pending_shipment" and level(selling, selling.shirt).reserved == 50
    assert ledger_mismatches() == []
    with pytest.raises(InvalidInput) as twice:
        services.order_cancel(actor=selling.rep, order=order, reason="again")
    assert twice.value.code == "transition_invalid"


def test_shipping_moves_stock_cost_and_status(selling):
    order = selling.order([(selling.shirt, "10"), (selling.phone, "2")], status="approved")
    shirt_line, phone_line = order.lines.order_by("line_no")
    partly = services.order_ship(actor=selling.keeper, order=order, lines=[(shirt_line.pk, "4")])
    assert partly.status == "partly_shipped" and partly.shipped_at is not None
    shirt_line.refresh_from_db()
    assert (shirt_line.shipped_quantity, shirt_line.reserved_quantity, shirt_line.cost_amount) == (
        4,
        6,
        Decimal("80"),
    )
    shirts = level(selling, selling.shirt)
    assert (shirts.on_hand, shirts.reserved) == (96, 6)
    with pytest.raises(InvalidInput) as too_much:
        services.order_ship(actor=selling.keeper, order=order, lines=[(shirt_line.pk, "7")])
    assert (too_much.value.code, too_much.value.field) == ("over_shipment", "lines.0.quantity")
    with pytest.raises(InvalidInput) as twice:
        services.order_ship(
            actor=selling.keeper, order=order, lines=[(phone_line.pk, "1"), (phone_line.pk, "1")]
        )
    assert twice.value.code == "duplicate_line"
    with pytest.raises(Forbidden):
        services.order_ship(actor=selling.rep, order=order, lines=[(phone_line.pk, "1")])
    with pytest.raises(InvalidInput) as cancel:
        services.order_cancel(actor=selling.rep, order=order, reason="晚了")
    assert cancel.value.code == "transition_invalid"
    done = services.order_ship(
        actor=selling.keeper, order=order, lines=[(shirt_line.pk, "6"), (phone_line.pk, "2")]
    )
    assert done.status == "pending_signback"
    phone_line.refresh_from_db()
    assert phone_line.cost_amount == Decimal("2000")
    with pytest.raises(InvalidInput) as nothing_left:
        services.order_ship(actor=selling.keeper, order=order, lines=[(phone_line.pk, "1")])
    assert nothing_left.value.code == "transition_invalid"
    signed = services.order_sign_back(actor=selling.keeper, order=order, note="回单已收")
    assert signed.status == "completed" and signed.completed_at is not None
    assert level(selling, selling.shirt).reserved == 0
    assert ledger_mismatches() == []


def test_shipping_more_than_is_on_hand_is_refused_by_the_ledger(selling):
    order = selling.order([(selling.phone, "15")], status="approved")  # 10 reserved, 5 short
    line = order.lines.get()
    owner = selling.user("owner")  # the warehouse works from the shipping queue: not this order
    with pytest.raises(InvalidInput) as short:
        services.order_ship(actor=owner, order=order, lines=[(line.pk, "15")])
    assert (short.value.code, short.value.field) == ("insufficient_stock", "lines.0")
    partly = services.order_ship(actor=owner, order=order, lines=[(line.pk, "10")])
    assert partly.status == "partly_shipped"
    assert ledger_mismatches() == []


def test_without_sign_back_a_fully_shipped_order_completes(selling):
    sales_settings_set(signback_required=False)
    order = selling.order([(selling.shirt, "1")], status="shipped")
    assert order.status == "completed" and order.completed_at is not None


def test_without_review_submitting_approves_and_reserves(selling):
    sales_settings_set(review_required=False)
    order = selling.order([(selling.shirt, "2")])
    submitted = services.order_submit(actor=selling.rep, order=order)
    assert submitted.status == "pending_shipment"
    assert history(order)[1:] == [
        ("draft", "pending_review"),
        ("pending_review", "approved"),
        ("approved", "pending_shipment"),
    ]


def test_review_rejects_back_to_draft_with_a_reason(selling):
    order = selling.order([(selling.shirt, "2")], status="pending_review")
    with pytest.raises(InvalidInput) as silent:
        services.order_reject(actor=selling.manager, order=order, note="")
    assert silent.value.code == "required"
    with pytest.raises(Forbidden):
        services.order_approve(actor=selling.rep, order=order)
    rejected = services.order_reject(actor=selling.manager, order=order, note="价格太低")
    assert rejected.status == "draft"
    assert events_of("sales_order", order.pk).last().note == "价格太低"
    with pytest.raises(InvalidInput) as draft:
        services.order_approve(actor=selling.manager, order=order)
    assert draft.value.code == "transition_invalid"
    with pytest.raises(InvalidInput) as not_shipped:
        services.order_sign_back(
            actor=selling.keeper, order=selling.order([(selling.shirt, "1")], status="approved")
        )
    assert not_shipped.value.code == "transition_invalid"


def test_credit_block_refuses_an_order_over_the_limit(selling):
    sales_settings_set(credit_policy="block")
    customer = sales_customer(owner=selling.rep, name="赊账客户", credit_limit="300")
    first = selling.order([(selling.shirt, "3")], customer=customer, status="approved")  # 177 owed
    assert first.status == "pending_shipment"
    second = selling.order([(selling.shirt, "3")], customer=customer)
    with pytest.raises(InvalidInput) as blocked:
        services.order_submit(actor=selling.rep, order=second)
    assert (blocked.value.code, blocked.value.field) == ("credit_limit_exceeded", "customer_id")
    second.refresh_from_db()
    assert second.status == "draft"
    # Money received lowers what is owed: now it fits.
    SalesOrder.objects.filter(pk=first.pk).update(received_amount=Decimal("177"))
    assert services.order_submit(actor=selling.rep, order=second).status == "pending_review"


def test_credit_approval_holds_the_order_for_a_manager(selling, alpha):
    sales_settings_set(credit_policy="approval", review_required=False)
    customer = sales_customer(owner=selling.rep, name="赊账客户", credit_limit="100")
    order = selling.order([(selling.shirt, "3")], customer=customer)
    held = services.order_submit(actor=selling.rep, order=order)
    assert (held.status, held.credit_hold) == ("pending_review", True)
    reviewer_role = Role.objects.create(
        code="reviewer", name_zh="审核", name_en="Reviewer", scopes=["orders.view_all", "orders.review"]
    )
    reviewer = User.objects.create_user(
        email="reviewer@alpha.test", password="x-Password-1", full_name="审核员"
    )
    reviewer.roles.set([reviewer_role])
    with pytest.raises(Forbidden) as needs_manager:
        services.order_approve(actor=reviewer, order=order)
    assert needs_manager.value.code == "credit_override_required"
    approved = services.order_approve(actor=selling.manager, order=order)
    assert approved.status == "pending_shipment"
    # Within the limit, the same reviewer approves without an override.
    small = selling.order(
        [(selling.shirt, "1")], customer=sales_customer(owner=selling.rep, credit_limit="100")
    )
    sales_settings_set(review_required=True)
    services.order_submit(actor=selling.rep, order=small)
    assert services.order_approve(actor=reviewer, order=small).status == "pending_shipment"


def test_queue_counts_on_the_dashboard_follow_visibility(selling):
    selling.order([(selling.shirt, "1")], status="pending_review")
    selling.order([(selling.shirt, "1")], status="approved")
    selling.order([(selling.shirt, "200")], status="approved")
    selling.order([(selling.phone, "1")], status="shipped", actor=selling.manager)
    counts = dict(todo_counts(actor=selling.manager))
    assert (counts["sales.pending_review"], counts["sales.pending_purchase"]) == (1, 1)
    keeper = dict(todo_counts(actor=selling.keeper))
    assert (keeper["sales.pending_shipment"], keeper["sales.pending_signback"]) == (1, 1)
    assert "sales.pending_review" not in keeper and "sales.pending_purchase" not in keeper
    assert not any(key.startswith("sales.") for key, _n in todo_counts(actor=selling.rep))
