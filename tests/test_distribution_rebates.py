"""Rebates and bonuses (返利 / 业绩奖): volume tiers (the highest tier reached, on all of the
period's purchases), top-10 bonuses with their tie rule, purchases net of returns, the periodic
job after the period closes in the workspace's time zone, review before posting, and who sees
what. The clock is stopped in December 2026, Asia/Shanghai.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.db import connection

from saas.core.errors import Forbidden, InvalidInput
from saas.distribution.models import RebateLine, RebateRun, Wallet, WalletEntry
from saas.distribution.rebate_engine import Purchase, bonus_shares, ranked
from saas.distribution.selectors.rebates import my_rebates, rebate_runs, run_lines
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.distribution.services.purchases import period_purchases
from saas.distribution.services.rebate_runs import (
    rebate_run_approve,
    rebate_run_compute,
    rebate_run_post,
)
from saas.distribution.services.rebates import (
    BonusRuleInput,
    TierInput,
    VolumeRuleInput,
    bonus_rule_save,
    volume_rule_save,
)
from saas.distribution.tasks import distribution_rebates_due, schemas_due
from tests.fixtures.distribution import Network, beijing, bought, clock_at, give_back

DECEMBER = date(2026, 12, 1)


def volume(network: Network, *tiers: tuple[str, str], measure: str = "quantity", level=None, kind="month"):  # type: ignore[no-untyped-def]
    return volume_rule_save(
        actor=network.manager,
        rule=VolumeRuleInput(
            name=f"{kind} {measure} 返利",
            period_kind=kind,
            measure=measure,
            level_id=level.pk if level else None,
            tiers=[TierInput(threshold=t, rate_percent=r) for t, r in tiers],
        ),
    )


@pytest.fixture
def december(network: Network, monkeypatch: pytest.MonkeyPatch) -> Network:
    """December's purchases: nb 55 shirts of which 6 came back (49 kept), hz 10, shop 9."""
    network.selling.room.receive(network.shirt, "100", "20")
    clock_at(monkeypatch, beijing(2026, 12, 10))
    nb_order = bought(network, network.nb, [(network.shirt, "55")])
    bought(network, network.hz, [(network.shirt, "10")])
    bought(network, network.shop, [(network.shirt, "9")])
    give_back(network, nb_order, "6")
    return network


def test_purchases_are_completed_orders_net_of_returns_received_in_the_period(
    december: Network, monkeypatch: pytest.MonkeyPatch
):
    network = december
    bought(network, network.top, [(network.shirt, "5")], status="shipped")  # not completed: not counted
    found = {p.distributor_id: (p.quantity, p.amount) for p in period_purchases("month", DECEMBER)}
    assert found == {
        network.nb.pk: (D("49"), D("2891.00")),
        network.hz.pk: (D("10"), D("590.00")),
        network.shop.pk: (D("9"), D("531.00")),
    }
    assert period_purchases("month", date(2026, 11, 1)) == []


def test_the_highest_tier_reached_applies_to_the_whole_period_and_a_level_rule_wins(
    december: Network, monkeypatch: pytest.MonkeyPatch
):
    network = december
    volume(network, ("10", "2"), ("50", "5"))
    volume(network, ("500", "3"), measure="amount", level=network.retail)  # 零售商 by amount
    clock_at(monkeypatch, beijing(2027, 1, 1, 0, 5))
    run = rebate_run_compute(actor=network.manager, period_kind="month", period_start=DECEMBER)
    lines = {line.distributor_id: line for line in run_lines(run)}
    # nb: 49 kept (6 of 55 came back) stays below 50: 2 % of 2,891.00. hz: 10 reaches 10: 2 % of
    # 590.00. shop (零售商): its own rule, by amount: 531.00 ≥ 500, 3 %.
    assert {pk: (line.tier_threshold, line.rate_percent, line.amount_fen) for pk, line in lines.items()} == {
        network.nb.pk: (D("10.000"), D("2.00"), 5782),
        network.hz.pk: (D("10.000"), D("2.00"), 1180),
        network.shop.pk: (D("500.000"), D("3.00"), 1593),
    }
    assert (run.status, run.line_count, run.total_fen) == ("draft", 3, 5782 + 1180 + 1593)
    # Another 10 shirts for nb in December would reach the 50 tier: 5 % on all 59 kept.
    with pytest.raises(InvalidInput) as excinfo:
        volume(network, ("5", "1"))  # a second active monthly rule for every level
    assert (excinfo.value.field, excinfo.value.code) == ("level_id", "rule_conflict")
    with pytest.raises(InvalidInput) as excinfo:
        volume(network, ("0", "2"), ("10", "101"), ("10", "1"), kind="year")
    assert {(p.field, p.code) for p in excinfo.value.problems} == {
        ("period_kind", "period_kind_invalid"),
        ("tiers.0.threshold", "threshold_invalid"),
        ("tiers.1.rate_percent", "rate_invalid"),
    }


def test_top_ten_ties_share_the_rank_and_split_the_ranks_they_cover():
    quantities = [9, 8, 8, 7, 6, 6, 6, 5, 4, 3, 3, 2, 0]
    purchases = [Purchase(n + 1, None, D(q), D(q) * 59) for n, q in enumerate(quantities)]
    assert [(rank, [p.distributor_id for p in group]) for rank, group in ranked(purchases)] == [
        (1, [1]),
        (2, [2, 3]),
        (4, [4]),
        (5, [5, 6, 7]),
        (8, [8]),
        (9, [9]),
        (10, [10, 11]),  # the 12th is ranked 12: outside the top ten; nothing bought, not ranked
    ]
    amounts = [100000, 80000, 60000, 50000, 40000, 30000, 20000, 10000, 5000, 3001]
    shares = {
        s.purchase.distributor_id: (s.rank, s.tied, s.amount_fen)
        for s in bonus_shares("ranks", purchases, rank_fen=amounts)
    }
    assert shares == {
        1: (1, 1, 100000),
        2: (2, 2, 70000),  # ranks 2 and 3: (800 + 600) / 2
        3: (2, 2, 70000),
        4: (4, 1, 50000),
        5: (5, 3, 30000),  # ranks 5, 6, 7: (400 + 300 + 200) / 3
        6: (5, 3, 30000),
        7: (5, 3, 30000),
        8: (8, 1, 10000),
        9: (9, 1, 5000),
        10: (10, 2, 1500),  # rank 10 only (11 is past the top ten): 30.01 / 2, down to the fen
        11: (10, 2, 1500),
    }
    pool = {s.purchase.distributor_id: s.amount_fen for s in bonus_shares("pool", purchases, pool_fen=100000)}
    assert pool[1] == 100000 * 9 // 65 and pool[2] == pool[3] == 100000 * 8 // 65 and 12 not in pool
    assert sum(pool.values()) <= 100000


def test_bonuses_are_reviewed_then_posted_to_the_rebate_balance_once(
    december: Network, monkeypatch: pytest.MonkeyPatch
):
    network = december
    bought(network, network.top, [(network.shirt, "10")])  # top ties with hz at 10
    bonus_rule_save(
        actor=network.manager,
        rule=BonusRuleInput(
            name="月度前十", period_kind="month", mode="ranks", rank_amounts=["500", "300", "100"]
        ),
    )
    bonus_rule_save(
        actor=network.manager,
        rule=BonusRuleInput(name="季度奖池", period_kind="quarter", mode="pool", pool_amount="780"),
    )
    clock_at(monkeypatch, beijing(2027, 1, 1, 8))
    month = rebate_run_compute(actor=network.manager, period_kind="month", period_start=DECEMBER)
    bonuses = {line.distributor_id: (line.rank, line.tied, line.amount_fen) for line in run_lines(month)}
    # nb 49 first; hz and top tie at 10 for ranks 2 and 3: (300 + 100) / 2 each; shop (9) is 4th.
    assert bonuses == {
        network.nb.pk: (1, 1, 50000),
        network.hz.pk: (2, 2, 20000),
        network.top.pk: (2, 2, 20000),
    }
    quarter = rebate_run_compute(actor=network.manager, period_kind="quarter", period_start="2026-10-01")
    pool = {line.distributor_id: line.amount_fen for line in run_lines(quarter)}
    assert pool == {network.nb.pk: 49000, network.hz.pk: 10000, network.top.pk: 10000, network.shop.pk: 9000}

    with pytest.raises(InvalidInput) as excinfo:
        rebate_run_post(actor=network.finance, run_id=month.pk)
    assert excinfo.value.code == "run_not_approved"
    rebate_run_approve(actor=network.manager, run_id=month.pk, note="核对无误")
    with pytest.raises(InvalidInput) as excinfo:
        rebate_run_compute(actor=network.manager, period_kind="month", period_start=DECEMBER)
    assert excinfo.value.code == "run_not_draft"
    with pytest.raises(Forbidden) as refused:  # the manager approves; finance posts the money
        rebate_run_post(actor=network.manager, run_id=month.pk)
    assert refused.value.code == "finance_required"
    posted = rebate_run_post(actor=network.finance, run_id=month.pk)
    assert posted.status == "posted"
    with pytest.raises(InvalidInput) as excinfo:
        rebate_run_post(actor=network.finance, run_id=month.pk)
    assert excinfo.value.code == "run_already_posted"
    entries = WalletEntry.objects.filter(kind="rebate").order_by("distributor_id")
    assert sorted((e.distributor_id, e.pocket, e.amount_fen) for e in entries) == sorted(
        (pk, "rebate", fen) for pk, (_rank, _tied, fen) in bonuses.items()
    )
    assert Wallet.objects.get(distributor=network.hz).rebate_fen == 20000
    assert all(line.wallet_entry_id for line in RebateLine.objects.filter(run=month))
    assert wallet_mismatches() == []
    for role in ("sales", "finance", "warehouse"):
        with pytest.raises(Forbidden):
            rebate_run_approve(actor=network.selling.user(role), run_id=quarter.pk)


def test_the_job_computes_a_period_once_it_has_closed_in_the_workspace_time_zone(
    december: Network, monkeypatch: pytest.MonkeyPatch
):
    network = december
    volume(network, ("10", "2"))
    # 31 December, 23:30 in Beijing (15:30 UTC): December is still open there.
    clock_at(monkeypatch, beijing(2026, 12, 31, 23, 30))
    distribution_rebates_due()
    assert not RebateRun.objects.filter(period_start=DECEMBER).exists()
    # 1 January, 00:10 in Beijing — still 31 December in UTC — December has closed.
    moment = datetime(2026, 12, 31, 16, 10, tzinfo=UTC)
    clock_at(monkeypatch, moment)
    assert distribution_rebates_due() == 1
    run = RebateRun.objects.get(period_kind="month", period_start=DECEMBER)
    assert (run.computed_by_kind, run.status, run.line_count) == ("system", "draft", 2)
    assert distribution_rebates_due() == 0  # computed once; the run stays for review
    # A workspace in Los Angeles is still in December at that moment: nothing is due there.
    RebateRun.objects.all().delete()
    connection.tenant.time_zone = "America/Los_Angeles"
    try:
        distribution_rebates_due()  # November, which has closed there too
    finally:
        connection.tenant.time_zone = "Asia/Shanghai"
    assert list(RebateRun.objects.values_list("period_start", flat=True)) == [date(2026, 11, 1)]
    # The hourly chore asks only workspaces early in their own month.
    tenant = network.selling.room.workspace.tenant
    assert tenant.schema_name in schemas_due(moment)
    assert tenant.schema_name not in schemas_due(datetime(2026, 12, 20, 4, tzinfo=UTC))


def test_each_distributor_sees_only_its_own_posted_rebates(
    december: Network, monkeypatch: pytest.MonkeyPatch
):
    network = december
    volume(network, ("5", "2"))
    clock_at(monkeypatch, beijing(2027, 1, 2))
    run = rebate_run_compute(actor=network.manager, period_kind="month", period_start=DECEMBER)
    assert list(my_rebates(actor=network.agent)) == []  # under review: not shown yet
    rebate_run_approve(actor=network.manager, run_id=run.pk)
    rebate_run_post(actor=network.finance, run_id=run.pk)
    assert [line.distributor_id for line in my_rebates(actor=network.agent)] == [network.hz.pk]
    assert [line.distributor_id for line in my_rebates(actor=network.agent2)] == [network.nb.pk]
    with pytest.raises(Forbidden):
        list(my_rebates(actor=network.manager))
    for person in (network.agent, network.selling.rep):
        with pytest.raises(Forbidden):
            rebate_runs(actor=person)
