"""The issue's done-when, in one path: a distributor orders at its tier price and pays from its
wallet; the order flows through review and shipping; at the month's end commissions to the parent
and grandparent, a volume rebate and a top-10 bonus are computed, reviewed and posted; a return
claws back exactly. The phone screens of each step have their own browser tests; this test holds
the money together, to the fen. The clock is stopped in November 2026, Asia/Shanghai."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from saas.distribution.models import Wallet, WalletEntry
from saas.distribution.selectors.commissions import settlement_statements, statement_lines
from saas.distribution.selectors.rebates import run_lines
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.distribution.services.commissions import commission_settlement_create, commission_settlement_post
from saas.distribution.services.network import member_add
from saas.distribution.services.rebate_runs import rebate_run_approve, rebate_run_compute, rebate_run_post
from saas.distribution.services.rebates import (
    BonusRuleInput,
    TierInput,
    VolumeRuleInput,
    bonus_rule_save,
    volume_rule_save,
)
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from tests.fixtures.distribution import (
    Network,
    beijing,
    clock_at,
    commission_rules,
    distributor_person,
    give_back,
    item,
    rule,
)
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import ship_all
from tests.fixtures.tenants import client_for, graphql

NOVEMBER = date(2026, 11, 1)
PLACE = """
mutation($input: DistributorOrderPlaceInput!) {
  distributorOrderPlace(input: $input) {
    salesOrder { id number status total payWith paidFromWallet lines { unitPrice priceRule } }
    errors { field code message }
  }
}"""
MINE = "query { myDistributor { wallet { balance } } }"


def cash_fen(distributor) -> int:  # type: ignore[no-untyped-def]
    return Wallet.objects.get(distributor=distributor).cash_fen


def rebate_fen(distributor) -> int:  # type: ignore[no-untyped-def]
    return Wallet.objects.get(distributor=distributor).rebate_fen


def test_a_shops_order_pays_its_parent_and_grandparent_earns_its_rebates_and_a_return_claws_back(
    network: Network, monkeypatch: pytest.MonkeyPatch
):
    # Given the network 浙江总代 (province) → 杭州鑫达 (city) → 西湖小店 (retail shop), a person at the
    # shop, the retail tier at 20 % off the shirt's list price of 59.00 (47.20), 1,000.00 in the
    # shop's wallet, commission rules (parent 10 % of revenue, grandparent 5 % of margin), a
    # monthly volume rebate (2 % from 10 shirts) and a monthly top-10 bonus (500 for the first).
    clock_at(monkeypatch, beijing(2026, 11, 10))
    network.selling.room.receive(network.shirt, "100", "20")
    shopkeeper = distributor_person("shop@alpha.test", "西湖小店老板")
    member_add(actor=network.manager, distributor_id=network.shop.pk, user_id=shopkeeper.pk)
    network.price(network.retail, item(network.shirt, ("1", None, "20")), name="零售价目表")
    network.fund(network.shop, "1000")
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "margin", "5"))
    volume_rule_save(
        actor=network.manager,
        rule=VolumeRuleInput(
            name="月度返利",
            period_kind="month",
            measure="quantity",
            level_id=None,
            tiers=[TierInput(threshold="10", rate_percent="2")],
        ),
    )
    bonus_rule_save(
        actor=network.manager,
        rule=BonusRuleInput(name="月度前十", period_kind="month", mode="ranks", rank_amounts=["500"]),
    )
    workspace = network.selling.room.workspace

    # When the shop orders 12 shirts from its phone, paying from its wallet
    phone = client_for(workspace, shopkeeper)
    placed = graphql(
        phone,
        PLACE,
        {
            "input": {
                "lines": [{"skuId": str(network.shirt.pk), "quantity": "12"}],
                "payWith": "WALLET",
                "rebateAmount": None,
                "idempotencyKey": "shop-cart-0001",
            }
        },
    )["data"]["distributorOrderPlace"]

    # Then it is priced at its tier, paid from the wallet and waits in the review queue
    assert placed["errors"] == []
    order_answer = placed["salesOrder"]
    assert order_answer["status"] == "PENDING_REVIEW"
    assert Decimal(order_answer["lines"][0]["unitPrice"]) == Decimal("47.20")
    assert order_answer["lines"][0]["priceRule"].startswith("零售价目表")
    assert Decimal(order_answer["total"]) == Decimal("566.40") == Decimal(order_answer["paidFromWallet"])
    assert Decimal(graphql(phone, MINE)["data"]["myDistributor"]["wallet"]["balance"]) == Decimal("433.60")

    # When the manager approves it, the warehouse ships it and the shop signs it back
    order = SalesOrder.objects.get(pk=order_answer["id"])
    sales.order_approve(actor=network.manager, order=order)
    ship_all(actor=network.selling.keeper, order=order)
    sales.order_sign_back(actor=network.selling.keeper, order=order)
    deliver_events()
    order.refresh_from_db()
    assert order.status == "completed"

    # And later in the month 2 shirts come back
    clock_at(monkeypatch, beijing(2026, 11, 20))
    give_back(network, order, "2")

    # When the month has closed and the manager settles it
    clock_at(monkeypatch, beijing(2026, 12, 1, 9))
    settlement = commission_settlement_create(actor=network.manager, month=NOVEMBER)
    statements = {
        s.distributor_id: s for s in settlement_statements(actor=network.manager, settlement_id=settlement.pk)
    }

    # Then the parent earns 10 % of the 10 shirts kept (12 × 47.20 = 566.40, less 2 × 47.20),
    # the grandparent 5 % of their margin (47.20 − 20.00 cost, on 10 shirts), each fen traced:
    # the return's lines are negative and take back exactly what the 2 shirts earned.
    assert {pk: s.total_fen for pk, s in statements.items()} == {
        network.hz.pk: 56640 // 10 - 9440 // 10,
        network.top.pk: (12 * 2720) * 5 // 100 - (2 * 2720) * 5 // 100,
    }
    for statement in statements.values():
        lines = list(statement_lines(statement))
        assert sum(line.commission_fen for line in lines) == statement.total_fen
        assert [line.commission_fen < 0 for line in lines] == [False, True]  # the accrual, the clawback

    # And volume rebates and bonuses are computed on the shop's 10 shirts kept, then reviewed
    run = rebate_run_compute(actor=network.manager, period_kind="month", period_start=NOVEMBER)
    earned = sorted(
        (line.kind, line.amount_fen) for line in run_lines(run) if line.distributor_id == network.shop.pk
    )
    # 2 % of the 472.00 kept, and the first place of the month (the only buyer)
    assert earned == [("bonus", 50000), ("volume", 47200 * 2 // 100)]
    rebate_run_approve(actor=network.manager, run_id=run.pk, note="核对无误")

    # When both are posted
    commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)
    rebate_run_post(actor=network.finance, run_id=run.pk)

    # Then the wallets hold it: commissions as cash, rebates in the rebate pocket; the ledger adds up.
    assert cash_fen(network.hz) == statements[network.hz.pk].total_fen
    assert cash_fen(network.top) == statements[network.top.pk].total_fen
    assert rebate_fen(network.shop) == sum(fen for _kind, fen in earned)
    kinds = set(WalletEntry.objects.filter(distributor=network.shop).values_list("kind", flat=True))
    assert {"prepayment", "order_payment", "rebate"} <= kinds
    assert wallet_mismatches() == []
