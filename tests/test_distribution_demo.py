"""The demo workspace's distribution network: three levels, two agents in different branches
who sign in with the demo password, funded wallets, prices below list price, a month of orders
with commissions, last month settled and its rebates posted; a rerun adds nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import authenticate
from django_tenants.utils import tenant_context

from saas.core.clock import tenant_today
from saas.distribution.models import (
    CommissionEntry,
    CommissionSettlement,
    Distributor,
    DistributorLevel,
    DistributorOrder,
    RebateLine,
    WalletEntry,
)
from saas.distribution.periods import add_months, month_of
from saas.distribution.selectors.portal import distributor_catalog, my_distributor
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.sales.models import SalesOrder
from tenants.demo import DEMO_PASSWORD, demo_ensure


def test_the_demo_has_a_three_level_network_with_two_agents_in_different_branches(world, db):
    tenant = demo_ensure()
    with tenant_context(tenant):
        assert list(DistributorLevel.objects.values_list("name", flat=True)) == ["省代", "市代", "零售商"]
        assert (
            Distributor.objects.filter(depth=2).count() == 2
            and Distributor.objects.filter(depth=0).count() == 1
        )
        agent = authenticate(username="agent@demo.sparrow.local", password=DEMO_PASSWORD)
        agent2 = authenticate(username="agent2@demo.sparrow.local", password=DEMO_PASSWORD)
        assert agent is not None and agent2 is not None
        hz, nb = my_distributor(actor=agent), my_distributor(actor=agent2)
        assert hz.name == "杭州鑫达商贸有限公司" and hz.level.name == "市代"
        assert hz.parent_id == nb.parent_id and hz.pk != nb.pk  # siblings: different branches
        assert hz.wallet.cash_fen > 0 and hz.wallet.rebate_fen > 0
        page = distributor_catalog(actor=agent, limit=50)
        assert page.total_count > 0
        assert all(
            item.price.unit_price < item.price.list_price for item in page.items if item.price.list_price
        )
        assert DistributorOrder.objects.filter(distributor=hz, order__status="pending_review").exists()
        assert wallet_mismatches() == []
        counts = (Distributor.objects.count(), WalletEntry.objects.count(), DistributorOrder.objects.count())

    demo_ensure()
    with tenant_context(tenant):
        assert (
            Distributor.objects.count(),
            WalletEntry.objects.count(),
            DistributorOrder.objects.count(),
        ) == counts
        assert Decimal(hz.credit_limit) == Decimal("50000")


def test_the_demo_network_has_a_month_of_orders_with_commissions_statements_and_rebates(world, db):
    tenant = demo_ensure()
    with tenant_context(tenant):
        today = tenant_today()
        network = SalesOrder.objects.filter(customer__distributor__isnull=False)
        # Orders over the last 30 days, in every state, for both agents and the rest of the network
        assert all(
            today - timedelta(days=30) <= day <= today for day in network.values_list("order_date", flat=True)
        )
        states = set(network.values_list("status", flat=True))
        assert {"completed", "pending_signback", "pending_shipment", "pending_review"} <= states
        for email in ("agent@demo.sparrow.local", "agent2@demo.sparrow.local"):
            mine = DistributorOrder.objects.filter(placed_by__email=email)
            assert mine.filter(order__status="completed").count() >= 3
        buyers = set(
            network.filter(status="completed").values_list("customer__distributor__depth", flat=True)
        )
        assert buyers == {0, 1, 2}  # the provincial agent, the city agents and the shops all bought
        # Commissions accrued on the day each order completed, to parents and grandparents only
        depths = set(CommissionEntry.objects.values_list("depth", flat=True))
        assert depths == {1, 2} and CommissionEntry.objects.filter(commission_fen__gt=0).count() >= 10
        for order in network.filter(status="completed"):
            assert order.completed_at is not None and order.completed_at.date() <= today
        last_month = add_months(month_of(today), -1)
        if CommissionEntry.objects.filter(period__month=last_month).exists():
            # Last month is settled and posted, its rebates and ranked bonuses posted to wallets
            settlement = CommissionSettlement.objects.get(period__month=last_month)
            assert settlement.status == "posted"
            assert WalletEntry.objects.filter(kind="commission").exists()
            ranked = RebateLine.objects.filter(run__period_start=last_month, kind="bonus").order_by("rank")
            assert [line.rank for line in ranked][:1] == [1] and ranked[0].amount_fen == 50000
            assert WalletEntry.objects.filter(kind="rebate").exists()
        assert wallet_mismatches() == []
