"""A distributor places an order in the portal: at its prices, only what its level may order,
paid from its wallet (rebates up to the cap) or on credit within its limit, as a sales order in
the workspace's review queue; a retry returns the first order and a refusal leaves nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.core.errors import Forbidden, InvalidInput
from saas.core.models import DocumentEvent, DocumentSequence, LoggedEvent
from saas.distribution.models import DistributorOrder, Wallet, WalletEntry
from saas.distribution.selectors.credit import credit_available, credit_in_use
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.distribution.services import network as services
from saas.distribution.services.prices import distribution_settings_update
from saas.finance.models import Receipt
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from saas.sales.selectors.orders import queue_counts
from tests.fixtures.distribution import Network, item, lines, place
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import sales_settings_set

D = Decimal


def problems(excinfo: pytest.ExceptionInfo) -> set[tuple[str | None, str]]:
    return {(p.field, p.code) for p in excinfo.value.problems}


def cash(network: Network, distributor) -> tuple[int, int]:
    row = Wallet.objects.get(distributor=distributor)
    return row.cash_fen, row.rebate_fen


@pytest.fixture
def priced(network: Network) -> Network:
    """市代 buys shirts at 10 % off (53.10) and phones at a fixed 1800; hz holds 1,000 yuan."""
    network.price(
        network.city, item(network.shirt, ("1", None, "10")), item(network.phone, ("1", "1800", None))
    )
    network.fund(network.hz, "1000")
    return network


def test_a_wallet_order_is_priced_paid_and_submitted_for_review(priced: Network):
    network = priced
    order = place(network.agent, [(network.shirt, "10")])
    assert order.status == "pending_review" and order.customer_id == network.hz.customer_id
    assert order.total_amount == D("531.00") and order.created_by_id == network.agent.pk
    assert order.rep_id == network.selling.rep.pk  # the rep who looks after the customer
    (line,) = order.lines.all()
    assert (line.unit_price, line.quantity, line.discount_rate) == (D("53.1000"), D("10.000"), D("0.00"))
    placed = DistributorOrder.objects.get(order=order)
    assert (placed.pay_with, placed.cash_fen, placed.rebate_fen, placed.placed_by_id) == (
        "wallet",
        53100,
        0,
        network.agent.pk,
    )
    assert (
        placed.line_rules[0]["price_rule"].endswith("9.0折") and placed.line_rules[0]["list_price"] == "59.00"
    )
    assert cash(network, network.hz) == (100000 - 53100, 0)
    payment = WalletEntry.objects.get(order=order)
    assert (payment.kind, payment.amount_fen, payment.reference) == ("order_payment", -53100, order.number)
    submitted = DocumentEvent.objects.get(doc_type="sales_order", doc_id=order.pk, to_status="pending_review")
    assert submitted.actor_id == network.agent.pk
    assert queue_counts(actor=network.manager)["pending_review"] >= 1
    assert wallet_mismatches() == []


def test_the_order_keeps_the_prices_it_was_placed_at(priced: Network):
    network = priced
    network.fund(network.hz, "1000")
    order = place(network.agent, [(network.phone, "1")])
    network.price(network.city, item(network.phone, ("1", "1500", None)))
    assert order.lines.get().unit_price == D("1800.0000")
    assert SalesOrder.objects.get(pk=order.pk).total_amount == D("1800.00")


def test_a_refused_order_leaves_nothing_behind(priced: Network):
    network = priced
    orders, entries = SalesOrder.objects.count(), WalletEntry.objects.count()
    sequences = list(DocumentSequence.objects.values_list("prefix", "last_value"))
    events = LoggedEvent.objects.count()
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.phone, "1")])  # 1,800 against 1,000 in the wallet
    assert (excinfo.value.field, excinfo.value.code) == ("pay_with", "insufficient_balance")
    assert SalesOrder.objects.count() == orders and WalletEntry.objects.count() == entries
    assert not DistributorOrder.objects.exists() and LoggedEvent.objects.count() == events
    assert list(DocumentSequence.objects.values_list("prefix", "last_value")) == sequences
    assert cash(network, network.hz) == (100000, 0)


def test_rebates_pay_up_to_the_workspace_cap(priced: Network):
    network = priced
    network.fund(network.hz, "0", rebate="100")
    with pytest.raises(InvalidInput) as excinfo:  # the cap is 0 until the workspace sets one
        place(network.agent, [(network.shirt, "10")], rebate_amount="1")
    assert (excinfo.value.field, excinfo.value.code) == ("rebate_amount", "rebate_over_cap")
    distribution_settings_update(actor=network.manager, rebate_cap_percent="15")
    with pytest.raises(InvalidInput) as excinfo:  # 15 % of 531.00 is 79.65
        place(network.agent, [(network.shirt, "10")], rebate_amount="79.66")
    assert excinfo.value.code == "rebate_over_cap"
    order = place(network.agent, [(network.shirt, "10")], rebate_amount="79.65")
    placed = DistributorOrder.objects.get(order=order)
    assert (placed.cash_fen, placed.rebate_fen) == (53100 - 7965, 7965)
    assert cash(network, network.hz) == (100000 - 45135, 10000 - 7965)
    with pytest.raises(InvalidInput) as excinfo:  # 20.35 of rebate left
        place(network.agent, [(network.shirt, "10")], rebate_amount="20.36")
    assert (excinfo.value.field, excinfo.value.code) == ("rebate_amount", "insufficient_rebate")
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "1")], pay_with="credit", rebate_amount="1")
    assert excinfo.value.code == "rebate_needs_wallet"


def test_credit_orders_stay_within_the_limit_counting_receivables(priced: Network):
    network = priced  # hz may owe 1,000
    first = place(network.agent, [(network.shirt, "10")], pay_with="credit")  # 531.00, waiting for review
    assert DistributorOrder.objects.get(order=first).cash_fen == 0
    assert credit_in_use(network.hz) == D("531.00") and credit_available(network.hz) == D("469.00")
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "10")], pay_with="credit")
    assert (excinfo.value.field, excinfo.value.code) == ("pay_with", "credit_limit_exceeded")
    sales.order_approve(actor=network.manager, order=first)  # now a receivable, still counted
    assert credit_in_use(network.hz) == D("531.00")
    # An order the workspace's rep wrote for the same customer is owed too.
    rep_order = network.selling.order([(network.shirt, "5")], status="approved", customer=network.hz.customer)
    assert credit_in_use(network.hz) == D("531.00") + rep_order.total_amount
    ok = place(network.agent, [(network.shirt, "3")], pay_with="credit")  # 159.30 fits in the 174.00 left
    assert ok.total_amount == D("159.30")
    assert Wallet.objects.get(distributor=network.hz).cash_fen == 100000  # credit leaves the wallet alone


def test_a_retry_with_the_same_key_returns_the_first_order(priced: Network):
    network = priced
    first = place(network.agent, [(network.shirt, "2")], idempotency_key="cart-0001-abc")
    again = place(network.agent, [(network.shirt, "2")], idempotency_key="cart-0001-abc")
    assert again.pk == first.pk
    assert WalletEntry.objects.filter(order=first).count() == 1 and DistributorOrder.objects.count() == 1


def test_what_the_level_may_not_order_and_the_case_and_minimum_rules(priced: Network):
    network = priced
    services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        rank=2,
        min_order_amount="100",
        catalog_product_ids=[network.shirt.product_id],
    )
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "5"), (network.phone, "1")])
    assert problems(excinfo) == {("lines.1.sku_id", "sku_not_allowed")}
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "1")])  # 53.10 < 100
    assert (excinfo.value.field, excinfo.value.code) == ("lines", "below_minimum_order")
    network.price(network.hz, item(network.shirt, ("1", None, "10"), case=6))
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "4")])
    assert problems(excinfo) == {("lines.0.quantity", "case_multiple")}
    assert place(network.agent, [(network.shirt, "6")]).total_amount == D("318.60")


def test_bad_lines_are_all_reported(priced: Network):
    network = priced
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "0"), (network.shirt, "1.0001")])
    assert problems(excinfo) == {
        ("lines.0.quantity", "quantity_invalid"),
        ("lines.1.quantity", "quantity_invalid"),
        ("lines.1.sku_id", "duplicate_sku"),
    }
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [])
    assert excinfo.value.code == "lines_required"
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "1")], pay_with="cash")
    assert excinfo.value.code == "pay_with_invalid"
    from saas.distribution.services.ordering import distributor_order_place

    with pytest.raises(InvalidInput) as excinfo:
        distributor_order_place(
            actor=network.agent, lines=lines(*[(network.shirt, "1")] * 101), pay_with="wallet"
        )
    assert excinfo.value.code == "too_many_lines"


def test_a_suspended_distributor_orders_nothing(priced: Network):
    network = priced
    services.distributor_suspend(actor=network.manager, distributor_id=network.hz.pk)
    with pytest.raises(InvalidInput) as excinfo:
        place(network.agent, [(network.shirt, "1")])
    assert excinfo.value.code == "distributor_suspended"


@pytest.mark.parametrize("role", ["owner", "manager", "sales"])
def test_only_a_distributors_people_place_portal_orders(priced: Network, role: str):
    with pytest.raises(Forbidden) as excinfo:
        place(priced.selling.user(role), [(priced.shirt, "1")])
    assert excinfo.value.code == "not_a_distributor"


def test_without_review_the_order_is_approved_and_stock_reserved(priced: Network):
    network = priced
    sales_settings_set(review_required=False)
    order = place(network.agent, [(network.shirt, "10")])
    assert order.status == "pending_shipment"
    assert order.lines.get().reserved_quantity == D("10.000")


def test_an_approved_wallet_order_is_paid_in_finance_and_a_cancelled_one_refunds(priced: Network):
    network = priced
    order = place(network.agent, [(network.shirt, "10")])
    sales.order_approve(actor=network.manager, order=order)
    deliver_events()
    order.refresh_from_db()
    assert order.received_amount == D("531.00") and order.balance_due == 0
    receipt = Receipt.objects.get(reference=f"WALLET-{order.number}")
    assert (receipt.method, receipt.amount, receipt.unallocated_amount) == ("other", D("531.00"), D("0.00"))
    assert credit_in_use(network.hz) == 0  # paid: no receivable
    deliver_events()  # delivered twice: nothing more happens
    assert Receipt.objects.filter(customer=order.customer).count() == 1

    other = place(network.agent, [(network.shirt, "2")])
    sales.order_cancel(actor=network.manager, order=other, reason="客户取消")
    deliver_events()
    deliver_events()
    refund = WalletEntry.objects.get(order=other, kind="refund")
    assert refund.amount_fen == 10620 and cash(network, network.hz) == (100000 - 53100, 0)
    assert wallet_mismatches() == []
