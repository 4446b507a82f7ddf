"""A distributor's people are told of their own wallet and portal orders, in the inbox and live,
in their language, linking to the portal; never of another distributor's, never the person who
acted, not after they leave the distributor or lose the portal, and not when they turned the
kind off. Staff are not told twice of a portal order: sales already tells its reviewers."""

from __future__ import annotations

from typing import Any

import pytest

from saas.accounts.models import Role
from saas.core import live
from saas.customers.models import Customer
from saas.distribution.services import network as network_services
from saas.distribution.services import wallet
from saas.notifications.models import Notification
from saas.notifications.selectors import preference_list
from saas.notifications.services import notification_preference_set
from saas.sales import services as sales
from tests.fixtures.distribution import Network, distributor_person, item, place
from tests.fixtures.events import deliver_events


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict]]:
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(live, "_send", lambda group, message: messages.append((group, message)))
    return messages


@pytest.fixture
def priced(network: Network) -> Network:
    """市代 buys shirts at 10 % off (53.10); hz has a second person, 杭州 colleague."""
    network.price(network.city, item(network.shirt, ("1", None, "10")))
    colleague = distributor_person("hz2@alpha.test", "杭州同事")
    network_services.member_add(actor=network.manager, distributor_id=network.hz.pk, user_id=colleague.pk)
    network.colleague = colleague  # type: ignore[attr-defined]
    return network


def rows(kind: str) -> list[Notification]:
    return list(Notification.objects.filter(kind=kind).select_related("user").order_by("user_id", "id"))


def told(kind: str) -> set[str]:
    return {row.user.email for row in rows(kind)}


def test_a_distributors_people_hear_of_its_wallet_and_no_one_elses(priced: Network, sent: list):
    network = priced
    colleague: Any = network.colleague  # type: ignore[attr-defined]
    colleague.language = "en"
    colleague.save(update_fields=["language"])

    wallet.wallet_prepayment_record(
        actor=network.finance, distributor_id=network.hz.pk, amount="1000", reference="BANK-0001"
    )
    wallet.wallet_prepayment_record(
        actor=network.finance, distributor_id=network.nb.pk, amount="500", reference="BANK-0002"
    )
    deliver_events()

    by_person = {row.user.email: row for row in rows("wallet.entry_posted")}
    assert set(by_person) == {"distributor@alpha.test", "hz2@alpha.test", "agent2@alpha.test"}
    mine = by_person["distributor@alpha.test"]
    assert (mine.title, mine.body, mine.link) == (
        "钱包：预付款 1000，余额 1000",
        "BANK-0001",
        "/portal/wallet",
    )
    assert by_person["hz2@alpha.test"].title == "Wallet: prepayment 1000, balance 1000"
    assert by_person["agent2@alpha.test"].title == "钱包：预付款 500，余额 500"
    assert mine.object_type == "wallet_entry" and mine.payload["distributorId"] == str(network.hz.pk)
    # Live: each row goes to its own person's group only, finance (who recorded it) hears nothing
    groups = sorted(group.rsplit(".", 1)[-1] for group, message in sent)
    assert groups == sorted(str(row.user_id) for row in by_person.values())

    # An order the agent pays from the wallet: its colleague hears of the payment, the agent not
    Notification.objects.all().delete()
    order = place(network.agent, [(network.shirt, "2")])
    deliver_events()
    assert told("wallet.entry_posted") == {"hz2@alpha.test"}
    [payment] = rows("wallet.entry_posted")
    assert payment.title == "Wallet: order payment -106.20, balance 893.80"
    assert payment.body.startswith(order.number)  # the reference, then the entry's note


def test_a_distributors_people_follow_their_portal_orders_and_staff_are_not_told_twice(
    priced: Network, sent: list
):
    network = priced
    network.fund(network.hz, "1000")
    network.fund(network.nb, "1000")
    mine = place(network.agent, [(network.shirt, "2")])
    theirs = place(network.agent2, [(network.shirt, "1")])
    deliver_events()
    # Placing: the reviewers hear of each order once (sales), and nobody of distributor_order.placed
    assert told("sales_order.submitted") == {"owner@alpha.test", "admin@alpha.test", "manager@alpha.test"}
    assert Notification.objects.filter(kind="sales_order.submitted").count() == 2 * 3
    assert not Notification.objects.filter(kind="distributor_order.placed").exists()

    sales.order_approve(actor=network.manager, order=mine)
    sales.order_reject(actor=network.manager, order=theirs, note="库存不足，下周再订")
    deliver_events()

    approved = [
        row for row in rows("distributor_order.status_changed") if row.payload["change"] == "approved"
    ]
    assert {row.user.email for row in approved} == {"distributor@alpha.test", "hz2@alpha.test"}
    agent_row = next(row for row in approved if row.user_id == network.agent.pk)
    assert (agent_row.title, agent_row.link) == (
        f"您的订单 {mine.number} 已审核通过",
        f"/portal/orders/{mine.pk}",
    )
    assert agent_row.object_type == "distributor_order" and agent_row.object_id == mine.pk
    sent_back = [
        row for row in rows("distributor_order.status_changed") if row.payload["change"] == "rejected"
    ]
    assert [(row.user.email, row.title, row.body) for row in sent_back] == [
        ("agent2@alpha.test", f"您的订单 {theirs.number} 被退回", "")  # the reviewer's note stays inside
    ]
    # The sales notification of the decision goes to the customer's rep, not to the distributor
    assert told("sales_order.approved") == {"sales@alpha.test"}
    assert told("sales_order.rejected") == {"sales@alpha.test"}


def test_who_left_the_distributor_or_lost_the_portal_or_turned_it_off_hears_no_more(priced: Network):
    network = priced
    colleague: Any = network.colleague  # type: ignore[attr-defined]
    notification_preference_set(actor=network.agent2, kind="wallet.entry_posted", in_app=False, email=False)
    # The colleague now orders for nb, and the agent's role no longer holds the portal
    network_services.member_remove(actor=network.manager, user_id=colleague.pk)
    network_services.member_add(actor=network.manager, distributor_id=network.nb.pk, user_id=colleague.pk)
    network.agent.roles.set(Role.objects.filter(code="warehouse"))

    wallet.wallet_prepayment_record(
        actor=network.finance, distributor_id=network.hz.pk, amount="100", reference="BANK-0003"
    )
    wallet.wallet_prepayment_record(
        actor=network.finance, distributor_id=network.nb.pk, amount="100", reference="BANK-0004"
    )
    deliver_events()

    # hz's entry reaches none of them: the agent lost the portal, the colleague left it.
    # nb's reaches the colleague; agent2 chose not to hear of its wallet.
    assert [(row.user.email, row.payload["distributorId"]) for row in rows("wallet.entry_posted")] == [
        ("hz2@alpha.test", str(network.nb.pk))
    ]


def test_the_new_kinds_can_be_chosen_by_name(priced: Network):
    kinds = {view.kind: view for view in preference_list(actor=priced.agent)}
    assert kinds["wallet.entry_posted"].label == "钱包变动"
    assert kinds["distributor_order.status_changed"].label == "订货单进度"
    assert kinds["wallet.entry_posted"].in_app and not kinds["wallet.entry_posted"].email


def test_a_distributors_person_who_is_its_orders_rep_still_hears_only_the_portals_words(priced: Network):
    # A distributor whose customer has no rep: its person is the order's rep. The sales rules tell
    # a rep, but the inbox keeps only who may see the sales order, and the sales selectors show a
    # distributor's person none: it hears of its order through the portal's kind alone.
    network = priced
    Customer.objects.filter(pk=network.hz.customer_id).update(owner=None)
    network.fund(network.hz, "1000")
    order = place(network.agent, [(network.shirt, "2")])
    assert order.rep_id == network.agent.pk
    deliver_events()
    Notification.objects.all().delete()
    sales.order_approve(actor=network.manager, order=order)
    deliver_events()
    kinds = set(Notification.objects.filter(user=network.agent).values_list("kind", flat=True))
    assert kinds == {"distributor_order.status_changed"}
