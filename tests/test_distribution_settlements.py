"""Commission settlements: a closed month's statements trace every fen to order lines and rules,
posting credits the wallets once, a settled month is locked (what lands later moves on, and a
clawback after payout takes the wallet below zero), the what-if preview writes nothing, and each
distributor sees only its own posted statements.

The clock is stopped at fixed moments in the workspace's time zone (Asia/Shanghai): orders
complete in November 2026, November is settled in December, and so on.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.distribution.models import (
    CommissionEntry,
    CommissionPeriod,
    CommissionSale,
    CommissionSettlement,
    CommissionStatement,
    Wallet,
    WalletEntry,
)
from saas.distribution.selectors.commission_whatif import commission_what_if
from saas.distribution.selectors.commissions import (
    commission_settlements,
    my_commission_statements,
    settlement_statements,
    statement_lines,
)
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.distribution.services.commissions import commission_settlement_create, commission_settlement_post
from saas.distribution.services.wallet import wallet_payout_record
from tests.fixtures.distribution import Network, beijing, bought, clock_at, commission_rules, give_back, rule
from tests.fixtures.events import deliver_events

NOVEMBER, DECEMBER, JANUARY = date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)


def cash(distributor) -> int:  # type: ignore[no-untyped-def]
    return Wallet.objects.get(distributor=distributor).cash_fen


@pytest.fixture
def november(network: Network, monkeypatch: pytest.MonkeyPatch) -> Network:
    """Rules v1 (parent 10 % of revenue, grandparent 5 % of margin) and November's orders:
    shop 10 shirts (590.00), hz 2 phones (3,998.00), nb 3 shirts (177.00), one of shop's shirts back."""
    clock_at(monkeypatch, beijing(2026, 11, 10))
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "margin", "5"))
    shop_order = bought(network, network.shop, [(network.shirt, "10")])
    bought(network, network.hz, [(network.phone, "2")])
    bought(network, network.nb, [(network.shirt, "3")])
    clock_at(monkeypatch, beijing(2026, 11, 20))
    give_back(network, shop_order, "1")
    return network


def test_a_month_is_settled_after_it_ends_and_only_once(november: Network, monkeypatch: pytest.MonkeyPatch):
    network = november
    with pytest.raises(InvalidInput) as excinfo:  # 30 November, 23:30 in Beijing: not over yet
        clock_at(monkeypatch, beijing(2026, 11, 30, 23, 30))
        commission_settlement_create(actor=network.manager, month=NOVEMBER)
    assert (excinfo.value.field, excinfo.value.code) == ("month", "period_not_closed")
    for bad in ("2026-11-05", "2026-13-01", "soon", "1890-01-01"):
        with pytest.raises(InvalidInput) as excinfo:
            commission_settlement_create(actor=network.manager, month=bad)
        assert excinfo.value.code in {"period_invalid", "date_invalid"}, bad
    clock_at(monkeypatch, beijing(2026, 12, 1, 0, 10))  # still 30 November in UTC
    settlement = commission_settlement_create(actor=network.manager, month=NOVEMBER)
    assert settlement.number.startswith("CS-2026-") and settlement.status == "draft"
    assert CommissionPeriod.objects.get(month=NOVEMBER).locked_at is not None
    with pytest.raises(InvalidInput) as excinfo:
        commission_settlement_create(actor=network.manager, month=NOVEMBER)
    assert excinfo.value.code == "period_already_settled"
    for role in ("sales", "warehouse", "finance"):
        with pytest.raises(Forbidden):
            commission_settlement_create(actor=network.selling.user(role), month=DECEMBER)
    # Posting credits wallets: finance's act; the manager who settled it may not
    for role, code in (("sales", "forbidden"), ("warehouse", "forbidden"), ("manager", "finance_required")):
        with pytest.raises(Forbidden) as refused:
            commission_settlement_post(actor=network.selling.user(role), settlement_id=settlement.pk)
        assert refused.value.code == code
    assert commission_settlement_post(actor=network.finance, settlement_id=settlement.pk).status == "posted"


def test_statements_trace_every_fen_to_order_lines_and_rules(
    november: Network, monkeypatch: pytest.MonkeyPatch
):
    network = november
    clock_at(monkeypatch, beijing(2026, 12, 2))
    settlement = commission_settlement_create(actor=network.manager, month=NOVEMBER)
    statements = {
        s.distributor_id: s for s in settlement_statements(actor=network.manager, settlement_id=settlement.pk)
    }
    # hz: 10 % of shop's 590.00, less 10 % of the shirt back. top: 5 % of shop's margin 390.00
    # (less the shirt's 39.00), 10 % of hz's phones and of nb's shirts. nb earns nothing.
    assert {pk: s.total_fen for pk, s in statements.items()} == {
        network.hz.pk: 5900 - 590,
        network.top.pk: 1950 - 195 + 39980 + 1770,
    }
    for statement in statements.values():
        lines = list(statement_lines(statement))
        assert sum(line.commission_fen for line in lines) == statement.total_fen
        assert len(lines) == statement.line_count
        for line in lines:  # each fen names its order line, SKU, quantity, base, rule and rate
            assert line.sale.order_line.order_id == line.sale.order_id and line.sale.sku_id
            assert line.quantity > 0 and line.rule_id and line.rate_percent > 0
            assert line.base_amount != 0 and line.period_id == settlement.period_id
    assert settlement.total_fen == sum(s.total_fen for s in statements.values())
    assert settlement.line_count == CommissionEntry.objects.count() == 6
    assert sum(s.line_count for s in statements.values()) == settlement.period.entries.count()

    posted = commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)
    assert posted.status == "posted" and posted.posted_at is not None
    for distributor in (network.hz, network.top):
        statement = CommissionStatement.objects.get(settlement=settlement, distributor=distributor)
        entry = statement.wallet_entry
        assert entry is not None and (entry.kind, entry.pocket) == ("commission", "cash")
        assert entry.amount_fen == statement.total_fen == cash(distributor)
        assert entry.reference == settlement.number
    with pytest.raises(InvalidInput) as excinfo:
        commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)
    assert excinfo.value.code == "settlement_already_posted"
    assert WalletEntry.objects.filter(kind="commission").count() == 2
    assert wallet_mismatches() == []
    with pytest.raises(NotFound):
        commission_settlement_post(actor=network.finance, settlement_id=10**12)


def test_a_settled_month_is_locked_and_a_clawback_after_payout_goes_below_zero(
    network: Network, monkeypatch: pytest.MonkeyPatch
):
    clock_at(monkeypatch, beijing(2026, 11, 10))
    commission_rules(network, rule(1, "revenue", "10"))
    kept = bought(network, network.shop, [(network.shirt, "10")])  # hz: 59.00
    clock_at(monkeypatch, beijing(2026, 11, 30, 22))
    # Completed on 30 November; its events are delivered only after November is settled.
    late = network.selling.order([(network.shirt, "2")], status="completed", customer=network.shop.customer)
    clock_at(monkeypatch, beijing(2026, 12, 1, 9))
    november = commission_settlement_create(actor=network.manager, month=NOVEMBER)
    commission_settlement_post(actor=network.finance, settlement_id=november.pk)
    assert cash(network.hz) == 5900
    deliver_events()  # the late order accrues: November is locked, so it lands in December
    moved = CommissionEntry.objects.get(sale__order=late)
    assert (moved.period.month, moved.moved_from, moved.booked_on) == (DECEMBER, NOVEMBER, date(2026, 11, 30))
    settled = CommissionStatement.objects.get(settlement=november, distributor=network.hz)
    assert moved.pk not in {line.pk for line in statement_lines(settled)} and settled.line_count == 1
    wallet_payout_record(actor=network.finance, distributor_id=network.hz.pk, amount="59", reference="PAY-1")
    assert cash(network.hz) == 0
    clock_at(monkeypatch, beijing(2026, 12, 15))
    give_back(network, kept, "10")  # all of November's goods come back after the payout
    clawback = CommissionEntry.objects.get(kind="clawback")
    assert (clawback.period.month, clawback.commission_fen, clawback.moved_from) == (DECEMBER, -5900, None)
    clock_at(monkeypatch, beijing(2026, 12, 31, 12))
    give_back(network, late, "1", deliver=False)  # received on 31 December, heard of after settling
    clock_at(monkeypatch, beijing(2027, 1, 2))
    december = commission_settlement_create(actor=network.manager, month=DECEMBER)
    statement = CommissionStatement.objects.get(settlement=december, distributor=network.hz)
    assert (statement.total_fen, statement.line_count) == (1180 - 5900, 2)
    commission_settlement_post(actor=network.finance, settlement_id=december.pk)
    assert cash(network.hz) == -4720  # the distributor owes it back
    assert wallet_mismatches() == []
    # The clawback of 31 December lands in January, December being locked, and says so.
    deliver_events()
    moved_back = CommissionEntry.objects.filter(kind="clawback").order_by("id").last()
    assert moved_back is not None and moved_back.commission_fen == -590
    assert (moved_back.period.month, moved_back.moved_from) == (JANUARY, DECEMBER)


def test_the_what_if_replays_the_last_settled_month_and_writes_nothing(
    november: Network, monkeypatch: pytest.MonkeyPatch
):
    network = november
    clock_at(monkeypatch, beijing(2026, 12, 2))
    with pytest.raises(InvalidInput) as excinfo:
        commission_what_if(actor=network.manager, rules=[rule(1, "revenue", "10")])
    assert excinfo.value.code == "no_settled_period"
    settlement = commission_settlement_create(actor=network.manager, month=NOVEMBER)
    tables = (CommissionEntry, CommissionSale, CommissionStatement, CommissionSettlement, WalletEntry)
    counts = [model.objects.count() for model in tables]
    # The rules in force, replayed: every distributor's total as settled.
    same = commission_what_if(actor=network.manager, rules=[rule(1, "revenue", "10"), rule(2, "margin", "5")])
    assert same.month == NOVEMBER and same.new_total_fen == same.old_total_fen == settlement.total_fen
    assert all(row.old_fen == row.new_fen for row in same.rows)
    with CaptureQueriesContext(connection) as queries:
        changed = commission_what_if(
            actor=network.manager, rules=[rule(1, "revenue", "12"), rule(2, "revenue", "1")], max_depth=2
        )
    written = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert written == [] and not any("FOR UPDATE" in q["sql"] or "FOR SHARE" in q["sql"] for q in queries)
    assert [model.objects.count() for model in tables] == counts
    rows = {row.distributor_id: (row.old_fen, row.new_fen) for row in changed.rows}
    # hz: 12 % of 531.00 kept; top: 12 % of hz's 3,998.00 and nb's 177.00, 1 % of shop's 531.00.
    assert rows == {network.hz.pk: (5310, 6372), network.top.pk: (43505, 47976 + 2124 + 531)}
    assert changed.rows[0].distributor_id == network.top.pk  # the biggest change first
    with pytest.raises(InvalidInput) as excinfo:
        commission_what_if(actor=network.manager, rules=[rule(3, "revenue", "1")])
    assert excinfo.value.code == "commission_depth_unlawful"
    with pytest.raises(Forbidden):
        commission_what_if(actor=network.selling.rep, rules=[])


def test_each_distributor_sees_only_its_own_posted_statements(
    november: Network, monkeypatch: pytest.MonkeyPatch
):
    network = november
    clock_at(monkeypatch, beijing(2026, 12, 2))
    settlement = commission_settlement_create(actor=network.manager, month=NOVEMBER)
    assert list(my_commission_statements(actor=network.agent)) == []  # a draft is not shown yet
    commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)
    mine = list(my_commission_statements(actor=network.agent))
    assert [s.distributor_id for s in mine] == [network.hz.pk]
    assert list(my_commission_statements(actor=network.agent2)) == []  # nb earned nothing
    with pytest.raises(Forbidden) as excinfo:
        list(my_commission_statements(actor=network.manager))  # staff are no distributor
    assert excinfo.value.code == "not_a_distributor"
    for person in (network.agent, network.selling.rep, network.selling.keeper):
        with pytest.raises(Forbidden):
            commission_settlements(actor=person)
    assert [s.pk for s in commission_settlements(actor=network.finance)] == [settlement.pk]
