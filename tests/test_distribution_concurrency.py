"""Real parallel transactions: a distributor's orders placed at the same moment never spend more
than its wallet holds nor owe more than its credit limit (the distributor row, then the wallet,
are locked; nothing is checked and then acted on)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.accounts.models import Role, User
from saas.catalog.models import SKU
from saas.core.errors import InvalidInput
from saas.distribution.models import DistributorOrder, Wallet
from saas.distribution.selectors.wallet import wallet_mismatches
from saas.distribution.services.network import distributor_create, level_save, member_add
from saas.distribution.services.wallet import wallet_prepayment_record
from saas.inventory.models import Warehouse
from saas.sales.models import SalesOrder
from tests.fixtures.distribution import place
from tests.fixtures.inventory import make_sku
from tests.fixtures.parallel import run_in_parallel, scratch_workspace
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import PASSWORD

THREADS = 4


@pytest.fixture(scope="module")
def scratch(world, django_db_blocker):
    return scratch_workspace(django_db_blocker, "dist")


def _distributor(owner, tag: str, credit: str, cash: str):
    """A distributor with its person and a funded wallet, and a SKU at 600 yuan."""
    Warehouse.objects.get_or_create(code="MAIN", defaults={"name": "总仓"})
    level = level_save(actor=owner, code=f"L{tag}", name="市代", rank=2)
    customer = sales_customer(owner=owner, name=f"并发经销商 {tag}")
    distributor = distributor_create(
        actor=owner, customer_id=customer.pk, level_id=level.pk, credit_limit=credit
    )
    person = User.objects.create_user(
        email=f"agent-{tag}@scratch.test", password=PASSWORD, full_name="经销商"
    )
    person.roles.set(Role.objects.filter(code="distributor"))
    member_add(actor=owner, distributor_id=distributor.pk, user_id=person.pk)
    if Decimal(cash):
        wallet_prepayment_record(
            actor=owner, distributor_id=distributor.pk, amount=cash, reference=f"B-{tag}"
        )
    sku = make_sku(f"D-{tag}")
    SKU.objects.filter(pk=sku.pk).update(list_price=Decimal("600.00"))
    return distributor, User.objects.get(pk=person.pk), sku


def test_orders_placed_at_once_never_spend_more_than_the_wallet(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        tag = uuid.uuid4().hex[:6]
        distributor, person, sku = _distributor(owner, tag, credit="0", cash="1000")
        results = run_in_parallel(tenant, lambda i: place(person, [(sku, "1")]), THREADS)
        placed = [r for r in results if isinstance(r, SalesOrder)]
        refused = [r for r in results if isinstance(r, InvalidInput)]
        assert len(placed) == 1 and len(refused) == THREADS - 1, results
        assert {r.code for r in refused} == {"insufficient_balance"}
        assert Wallet.objects.get(distributor=distributor).cash_fen == 40000
        assert DistributorOrder.objects.filter(distributor=distributor).count() == 1
        assert wallet_mismatches() == []


def test_credit_orders_placed_at_once_stay_within_the_limit(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        tag = uuid.uuid4().hex[:6]
        distributor, person, sku = _distributor(owner, tag, credit="1000", cash="0")
        results = run_in_parallel(tenant, lambda i: place(person, [(sku, "1")], pay_with="credit"), THREADS)
        placed = [r for r in results if isinstance(r, SalesOrder)]
        assert len(placed) == 1, results
        assert {r.code for r in results if isinstance(r, InvalidInput)} == {"credit_limit_exceeded"}
        assert SalesOrder.objects.filter(customer=distributor.customer).count() == 1
