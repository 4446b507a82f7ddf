"""Goods returned from a portal order paid from the wallet come back to the wallet (return.received):
exactly the returned lines' paid value, rebate and cash pro rata of how the order was paid, once
under redelivery, never more than the wallet paid (an order revised upwards owes the rest on
credit, and returns take that off first), with finance's refund receipt beside it so nobody pays
the same money back twice."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.core.errors import InvalidInput
from saas.core.models import DocumentEvent, LoggedEvent
from saas.distribution.consumers import wallet_return_refund
from saas.distribution.models import Wallet, WalletEntry
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.distribution.services.prices import distribution_settings_update
from saas.finance.models import Receipt
from saas.finance.services.receipts import receipt_void
from saas.finance.services.receivables import refundable_on
from saas.finance.services.settlements import return_settle
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from saas.sales.services import LineInput
from saas.sales.services.returns import ReturnLineInput, return_approve, return_create, return_receive
from tests.fixtures.distribution import Network, give_back, item, place
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import ship_all

D = Decimal


def pockets(network: Network) -> tuple[int, int]:
    row = Wallet.objects.get(distributor=network.hz)
    return row.cash_fen, row.rebate_fen


def refunds(order: SalesOrder) -> list[tuple[str, str, int]]:
    return list(
        WalletEntry.objects.filter(order=order, kind="refund")
        .order_by("id")
        .values_list("reference", "pocket", "amount_fen")
    )


def delivered(network: Network, order: SalesOrder) -> SalesOrder:
    """Approved, shipped in full and signed back: completed, its events delivered."""
    sales.order_approve(actor=network.manager, order=order)
    ship_all(actor=network.selling.keeper, order=SalesOrder.objects.get(pk=order.pk))
    sales.order_sign_back(actor=network.selling.keeper, order=SalesOrder.objects.get(pk=order.pk))
    deliver_events()
    return SalesOrder.objects.get(pk=order.pk)


@pytest.fixture
def priced(network: Network) -> Network:
    """市代 buys shirts at 53.10; hz holds 1,000.00 cash and 100.00 of rebates, usable up to 20 %."""
    network.price(network.city, item(network.shirt, ("1", None, "10")))
    network.fund(network.hz, "1000", rebate="100")
    distribution_settings_update(actor=network.manager, rebate_cap_percent="20")
    return network


def test_a_partial_return_refunds_its_paid_value_pro_rata_once_and_the_rest_exactly(priced: Network):
    network = priced
    # Given 10 shirts (531.00) paid 33.33 from rebates and 497.67 in cash, delivered
    order = delivered(network, place(network.agent, [(network.shirt, "10")], rebate_amount="33.33"))
    assert order.received_amount == D("531.00")
    assert pockets(network) == (100000 - 49767, 10000 - 3333)

    # When 3 shirts (159.30) come back
    first = give_back(network, order, "3")

    # Then the wallet gets 159.30 back: the rebate pocket its share, rounded down, the rest cash
    assert refunds(order) == [(first.number, "cash", 15930 - 999), (first.number, "rebate", 999)]
    assert pockets(network) == (100000 - 49767 + 14931, 10000 - 3333 + 999)
    # and finance refunded it to the wallet against the order, which no longer reads as overpaid
    receipt = Receipt.objects.get(reference=f"WALLET-{first.number}")
    assert (receipt.kind, receipt.method, receipt.amount) == ("refund", "other", D("159.30"))
    order.refresh_from_db()
    assert order.received_amount == D("371.70") and refundable_on(order) == 0

    # When the event is delivered again, even past the fan-out's claim
    deliver_events()
    wallet_return_refund(LoggedEvent.objects.filter(name="return.received").latest("id"))
    # Then nothing more moves
    assert len(refunds(order)) == 2 and Receipt.objects.filter(reference__startswith="WALLET-RS").count() == 1

    # When the other 7 come back, the wallet has exactly what it paid back, in each pocket
    second = give_back(network, order, "7")
    assert refunds(order)[2:] == [(second.number, "cash", 37170 - 2334), (second.number, "rebate", 2334)]
    assert pockets(network) == (100000, 10000)
    order.refresh_from_db()
    assert order.received_amount == 0 and refundable_on(order) == 0
    assert wallet_mismatches() == []


def test_a_refund_return_is_settled_by_the_wallet_refund_and_not_paid_twice(priced: Network):
    network = priced
    order = delivered(network, place(network.agent, [(network.shirt, "4")]))
    line = order.lines.get()
    # Given a return asking for a refund of 2 shirts, received
    asked = return_create(
        actor=network.selling.rep,
        order_id=order.pk,
        lines=[ReturnLineInput(order_line_id=line.pk, quantity="2")],
        reason="quality",
        settlement="refund",
    )
    return_approve(actor=network.manager, return_id=asked.pk)
    return_receive(actor=network.selling.keeper, return_id=asked.pk)
    deliver_events()

    # Then the wallet has the 106.20 back and the return is settled by finance's refund receipt
    assert refunds(order) == [(asked.number, "cash", 10620)]
    asked.refresh_from_db()
    refund = Receipt.objects.get(reference=f"WALLET-{asked.number}")
    assert asked.status == "settled"
    assert DocumentEvent.objects.get(doc_type="sales_return", doc_id=asked.pk, to_status="settled").note == (
        refund.number
    )
    # And finance can neither settle it again nor void the refund under it
    with pytest.raises(InvalidInput) as again:
        return_settle(actor=network.finance, return_id=asked.pk)
    assert again.value.code == "transition_invalid"
    with pytest.raises(InvalidInput) as void:
        receipt_void(actor=network.finance, receipt_id=refund.pk)
    assert void.value.code == "refund_settles_return"
    assert wallet_mismatches() == []


def test_returns_take_off_what_was_owed_on_credit_first_and_never_refund_more_than_the_wallet_paid(
    priced: Network,
):
    network = priced
    # Given 10 shirts paid from the wallet (531.00), then revised to 15 after approval: the 5 more
    # (265.50) are owed on credit
    order = place(network.agent, [(network.shirt, "10")])
    sales.order_approve(actor=network.manager, order=order)
    deliver_events()
    line = order.lines.get()
    sales.order_update(
        actor=network.manager,
        order=SalesOrder.objects.get(pk=order.pk),
        lines=[LineInput(network.shirt.pk, "15", unit_price="53.10", line_id=line.pk)],
        note="客户加订",
    )
    ship_all(actor=network.selling.keeper, order=SalesOrder.objects.get(pk=order.pk))
    sales.order_sign_back(actor=network.selling.keeper, order=SalesOrder.objects.get(pk=order.pk))
    deliver_events()
    order.refresh_from_db()
    assert (order.total_amount, order.received_amount) == (D("796.50"), D("531.00"))

    # When 4 shirts come back (212.40, less than the 265.50 owed): the debt shrinks, no refund
    give_back(network, order, "4")
    assert refunds(order) == []
    # When 6 more come back (318.60): only what passes the debt, 265.50, goes back to the wallet
    sixth = give_back(network, order, "6")
    assert refunds(order) == [(sixth.number, "cash", 26550)]
    # When the last 5 come back: the wallet has exactly the 531.00 it paid, not a fen more
    last = give_back(network, order, "5")
    assert refunds(order)[1:] == [(last.number, "cash", 26550)]
    assert pockets(network) == (100000, 10000)
    order.refresh_from_db()
    assert refundable_on(order) == 0
    assert wallet_mismatches() == []


def test_goods_of_an_order_on_credit_come_back_to_no_wallet(priced: Network):
    network = priced
    order = delivered(network, place(network.agent, [(network.shirt, "2")], pay_with="credit"))
    give_back(network, order, "1")
    assert refunds(order) == [] and pockets(network) == (100000, 10000)
    assert not Receipt.objects.filter(reference__startswith="WALLET-RS").exists()
