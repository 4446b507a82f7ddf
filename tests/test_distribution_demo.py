"""The demo workspace's distribution network: three levels, two agents in different branches
who sign in with the demo password, funded wallets, prices below list price; a rerun adds nothing."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import authenticate
from django_tenants.utils import tenant_context

from saas.distribution.models import Distributor, DistributorLevel, DistributorOrder, WalletEntry
from saas.distribution.selectors.portal import distributor_catalog, my_distributor
from saas.distribution.selectors.wallet import wallet_mismatches
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
