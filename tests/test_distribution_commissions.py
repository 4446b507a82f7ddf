"""Profit sharing (分销分润): lawful rules (the depth cap, goods sold only), accrual when an order
completes on the goods it shipped, revenue or margin, per category and level, and clawbacks by
returns to the fen. Settlements, what-if and who sees what: test_distribution_settlements.py.

    top (省代) ─┬─ hz (市代) ── shop (零售商)     shop buys: hz earns at depth 1, top at depth 2
               └─ nb (市代)
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from saas.catalog.models import Category, Product
from saas.core.errors import Forbidden, InvalidInput
from saas.distribution.commission_models import CommissionRule, CommissionRuleSet
from saas.distribution.commission_rules import CommissionRuleInput
from saas.distribution.models import CommissionEntry, CommissionReturn, CommissionSale, WalletEntry
from saas.distribution.services import network as network_services
from saas.distribution.services.commissions import commission_rules_save
from saas.sales import services as sales
from tests.fixtures.distribution import Network, bought, commission_rules, commissions_of, give_back, rule
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import sales_customer


def problems(excinfo: pytest.ExceptionInfo[InvalidInput]) -> set[tuple[str | None, str]]:
    return {(p.field, p.code) for p in excinfo.value.problems}


def test_rules_deeper_than_the_grandparent_are_refused_citing_the_law(network: Network):
    with pytest.raises(InvalidInput) as excinfo:
        commission_rules(network, rule(1, "revenue", "5"), rule(3, "revenue", "1"))
    assert problems(excinfo) == {("rules.1.depth", "commission_depth_unlawful")}
    with translation.override("zh-hans"):
        with pytest.raises(InvalidInput) as excinfo:
            commission_rules(network, rule(1, "revenue", "5"), max_depth=3)
    assert (excinfo.value.field, excinfo.value.code) == ("max_depth", "commission_depth_unlawful")
    assert "团队计酬" in excinfo.value.message and "禁止传销条例" in excinfo.value.message
    assert "最多" in excinfo.value.message  # translated, not only the cited Chinese terms
    # The workspace may pay less deep than the law allows, never deeper than it chose.
    with pytest.raises(InvalidInput) as excinfo:
        commission_rules(network, rule(1, "revenue", "5"), rule(2, "revenue", "1"), max_depth=1)
    assert problems(excinfo) == {("rules.1.depth", "commission_depth_over_cap")}
    assert not CommissionRuleSet.objects.exists()
    # The database holds the line too, whatever code writes the rows.
    saved = commission_rules(network, rule(1, "revenue", "5"), max_depth=1)
    assert (saved.version, saved.max_depth) == (1, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommissionRule.objects.create(rule_set=saved, depth=3, basis="revenue", rate_percent=D("1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CommissionRuleSet.objects.create(version=2, max_depth=3)


def test_rules_pay_on_goods_sold_never_on_recruiting(network: Network):
    for basis in ("recruit", "signup", "", None):
        with pytest.raises(InvalidInput) as excinfo:
            commission_rules(network, rule(1, basis, "5"))  # type: ignore[arg-type]
        assert problems(excinfo) == {("rules.0.basis", "commission_basis_invalid")}
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "revenue", "5"))
    # Signing a distributor up under hz earns hz and top nothing, now or later.
    newcomer = network_services.distributor_create(
        actor=network.manager,
        customer_id=sales_customer(owner=network.selling.rep, name="新店").pk,
        level_id=network.retail.pk,
        parent_id=network.hz.pk,
    )
    deliver_events()
    assert newcomer.parent_id == network.hz.pk
    assert not CommissionEntry.objects.exists() and not CommissionSale.objects.exists()
    assert not WalletEntry.objects.filter(kind="commission").exists()


def test_bad_rules_are_all_reported_and_only_managers_save(network: Network):
    shirts = Category.objects.create(name="衬衫")
    with pytest.raises(InvalidInput) as excinfo:
        commission_rules(
            network,
            rule(0, "revenue", "5"),
            rule(1, "margin", "0"),
            rule(1, "margin", "100.001"),
            rule(1, "revenue", "5", category=shirts),
            rule(1, "margin", "3", category=shirts),
        )
    assert problems(excinfo) == {
        ("rules.0.depth", "depth_invalid"),
        ("rules.1.rate_percent", "rate_invalid"),
        ("rules.2.rate_percent", "rate_invalid"),
        ("rules.4", "duplicate_rule"),
    }
    with pytest.raises(InvalidInput) as excinfo:
        commission_rules_save(
            actor=network.manager,
            rules=[CommissionRuleInput(depth=1, basis="revenue", rate_percent="1", level_id="x")],
        )
    assert problems(excinfo) == {("rules.0.level_id", "not_found")}
    for role in ("sales", "finance", "warehouse"):
        with pytest.raises(Forbidden):
            commission_rules_save(actor=network.selling.user(role), rules=[rule(1, "revenue", "1")])
    with pytest.raises(Forbidden):
        commission_rules_save(actor=network.agent, rules=[rule(1, "revenue", "1")])


def test_commissions_accrue_when_the_order_completes_on_the_goods_shipped(network: Network):
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "revenue", "5"))
    bought(network, network.shop, [(network.shirt, "10")], status="approved")
    shipped = bought(network, network.shop, [(network.shirt, "4")], status="shipped")
    assert shipped.status == "pending_signback"
    assert not CommissionEntry.objects.exists()  # shipped, not yet completed: nothing yet
    sales.order_sign_back(actor=network.selling.keeper, order=shipped)
    deliver_events()
    # 4 × 59.00 = 236.00: hz (parent) 10 %, top (grandparent) 5 %.
    assert commissions_of(network.hz) == [("accrual", 1, 2360)]
    assert commissions_of(network.top) == [("accrual", 2, 1180)]
    sale = CommissionSale.objects.get()
    assert (sale.quantity, sale.revenue, sale.cost, sale.buyer_id) == (
        D("4"),
        D("236.00"),
        D("80"),
        network.shop.pk,
    )
    assert (sale.parent_id, sale.grandparent_id) == (network.hz.pk, network.top.pk)
    deliver_events()  # nothing is delivered twice
    assert CommissionEntry.objects.count() == 2
    # hz's own order: top is its parent (depth 1); nobody is its grandparent.
    bought(network, network.hz, [(network.shirt, "1")])
    assert commissions_of(network.top)[-1] == ("accrual", 1, 590)
    # An order of a customer who is no distributor earns nobody anything.
    before = CommissionEntry.objects.count()
    network.selling.order([(network.shirt, "1")], status="completed")
    deliver_events()
    assert CommissionEntry.objects.count() == before


def test_revenue_and_margin_bases_use_the_cost_at_shipment(network: Network):
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "margin", "5"))
    bought(network, network.shop, [(network.shirt, "10")])  # 590.00, cost 10 × 20 = 200
    accrual = CommissionEntry.objects.get(earner=network.top)
    assert (accrual.basis, accrual.base_amount, accrual.commission_fen) == ("margin", D("390.00"), 1950)
    assert CommissionEntry.objects.get(earner=network.hz).commission_fen == 5900
    # A line sold below its cost has no margin: nothing, never a negative commission.
    bought(network, network.shop, [(network.phone, "1", "900")])  # cost 1,000
    assert commissions_of(network.top) == [("accrual", 2, 1950)]


def test_the_nearest_category_rule_wins_and_a_level_rule_beats_any_level(network: Network):
    clothes = Category.objects.create(name="服装")
    shirts = Category.objects.create(name="衬衫", parent=clothes)
    Product.objects.filter(pk=network.shirt.product_id).update(category=shirts)
    Product.objects.filter(pk=network.phone.product_id).update(category=clothes)
    commission_rules(
        network,
        rule(1, "revenue", "2"),
        rule(1, "revenue", "4", category=clothes),
        rule(1, "revenue", "6", category=shirts),
        rule(1, "revenue", "8", category=shirts, level=network.province),
    )
    bought(network, network.shop, [(network.shirt, "10"), (network.phone, "1", "1000")])
    # hz (市代): shirts by the 衬衫 rule for any level; the phone by its own category 服装.
    assert [
        (e.rate_percent, e.commission_fen) for e in CommissionEntry.objects.filter(earner=network.hz)
    ] == [
        (D("6.00"), 3540),
        (D("4.00"), 4000),
    ]
    # top (省代) is paid for hz's shirts by the 省代 rule of 衬衫.
    bought(network, network.hz, [(network.shirt, "10")])
    assert CommissionEntry.objects.get(earner=network.top).rate_percent == D("8.00")


def test_an_accrual_keeps_its_rule_when_the_rules_change(network: Network):
    commission_rules(network, rule(1, "revenue", "10"))
    bought(network, network.shop, [(network.shirt, "1")])
    commission_rules(network, rule(1, "revenue", "20"))
    bought(network, network.shop, [(network.shirt, "1")])
    rows = list(
        CommissionEntry.objects.order_by("id").values_list("rule_version", "rate_percent", "commission_fen")
    )
    assert rows == [(1, D("10.00"), 590), (2, D("20.00"), 1180)]


def test_a_suspended_upline_earns_nothing(network: Network):
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "revenue", "5"))
    network_services.distributor_suspend(actor=network.manager, distributor_id=network.hz.pk)
    bought(network, network.shop, [(network.shirt, "2")])
    assert commissions_of(network.hz) == [] and commissions_of(network.top) == [("accrual", 2, 590)]


def test_returns_claw_back_exactly_what_the_goods_earned_in_any_number_of_parts(network: Network):
    commission_rules(network, rule(1, "revenue", "7.5"), rule(2, "margin", "3.33"))
    order = bought(network, network.shop, [(network.shirt, "7")])  # 413.00; margin 273.00
    accrued = {e.earner_id: e.commission_fen for e in CommissionEntry.objects.filter(kind="accrual")}
    assert accrued == {network.hz.pk: 3098, network.top.pk: 909}  # 30.975 → 30.98; 9.0909 → 9.09
    give_back(network, order, "1")
    give_back(network, order, "3")
    assert CommissionReturn.objects.count() == 2
    deliver_events()
    give_back(network, order, "3")  # the whole line is back
    for earner in (network.hz, network.top):
        entries = CommissionEntry.objects.filter(earner=earner)
        assert sum(entries.values_list("commission_fen", flat=True)) == 0, earner
        assert [e.quantity for e in entries.filter(kind="clawback").order_by("id")] == [
            D("1"),
            D("3"),
            D("3"),
        ]
    clawback = CommissionEntry.objects.filter(kind="clawback", earner=network.hz).order_by("id").first()
    assert clawback is not None
    assert (clawback.base_amount, clawback.commission_fen) == (D("-59.00"), -443)
    assert clawback.returned.sales_return.order_id == order.pk and clawback.accrual.earner_id == network.hz.pk


def test_goods_back_before_the_order_completes_are_taken_back_when_it_accrues(network: Network):
    commission_rules(network, rule(1, "revenue", "10"))
    order = bought(network, network.shop, [(network.shirt, "5")], status="shipped")
    give_back(network, order, "2")  # received before the signed delivery note
    assert not CommissionEntry.objects.exists()
    order.refresh_from_db()
    sales.order_sign_back(actor=network.selling.keeper, order=order)
    deliver_events()
    assert commissions_of(network.hz) == [("accrual", 1, 2950), ("clawback", 1, -1180)]
