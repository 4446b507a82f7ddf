"""Real parallel transactions: orders approved at the same moment never reserve more than is
there, and a retried create never makes a second order."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.accounts.models import Role, User
from saas.inventory.models import StockLevel, Warehouse
from saas.inventory.services.checks import ledger_mismatches
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales import services
from saas.sales.models import SalesOrder
from tests.fixtures.inventory import make_sku
from tests.fixtures.parallel import run_in_parallel, scratch_workspace
from tests.fixtures.sales import draft_order, sales_customer
from tests.fixtures.tenants import PASSWORD


@pytest.fixture(scope="module")
def scratch(world, django_db_blocker):
    return scratch_workspace(django_db_blocker, "sales")


def _rep(tag: str, n: int) -> User:
    rep = User.objects.create_user(
        email=f"rep{n}-{tag}@scratch.test", password=PASSWORD, full_name=f"销售{n}"
    )
    rep.roles.set(Role.objects.filter(code="sales"))
    return rep


def _stocked(owner, quantity: str) -> tuple[Warehouse, object]:
    tag = uuid.uuid4().hex[:6].upper()
    warehouse = Warehouse.objects.create(code=f"W{tag}", name="并发仓")
    sku = make_sku(f"SO-{tag}")
    stock_entry_create(
        actor=owner,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity=quantity, unit_cost="10")],
    )
    return warehouse, sku


def _submitted(rep, warehouse, sku, quantity: str) -> SalesOrder:
    customer = sales_customer(owner=rep, name=f"{rep.full_name}的客户")
    order = draft_order(actor=rep, customer=customer, warehouse=warehouse, lines=[(sku, quantity)])
    return services.order_submit(actor=rep, order=order)


def test_two_reps_orders_approved_at_once_for_the_last_units(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        tag = uuid.uuid4().hex[:6]
        warehouse, sku = _stocked(owner, "5")
        orders = [_submitted(_rep(tag, n), warehouse, sku, "5") for n in (1, 2)]

        results = run_in_parallel(
            tenant, lambda i: services.order_approve(actor=owner, order=orders[i].pk), len(orders)
        )
        assert all(isinstance(r, SalesOrder) for r in results), results
        after = sorted(
            (o.status, o.lines.get().reserved_quantity)
            for o in SalesOrder.objects.filter(pk__in=[o.pk for o in orders])
        )
        assert after == [("pending_purchase", Decimal(0)), ("pending_shipment", Decimal(5))]
        level = StockLevel.objects.get(sku=sku, warehouse=warehouse)
        assert (level.on_hand, level.reserved, level.available) == (5, 5, 0)
        assert ledger_mismatches() == []


def test_many_orders_approved_at_once_reserve_exactly_what_is_there(scratch, django_db_blocker):
    tenant, owner = scratch
    threads = 6
    with django_db_blocker.unblock(), tenant_context(tenant):
        tag = uuid.uuid4().hex[:6]
        warehouse, sku = _stocked(owner, "10")
        rep = _rep(tag, 1)
        orders = [_submitted(rep, warehouse, sku, "3") for _ in range(threads)]

        results = run_in_parallel(
            tenant, lambda i: services.order_approve(actor=owner, order=orders[i]), threads
        )
        assert all(isinstance(r, SalesOrder) for r in results), results
        done = SalesOrder.objects.filter(pk__in=[o.pk for o in orders])
        reserved = sorted(o.lines.get().reserved_quantity for o in done)
        # Three orders got 3 each, one got the last unit, two got nothing: 10 in all, never more.
        assert reserved == [0, 0, 1, 3, 3, 3]
        assert sorted(o.status for o in done) == ["pending_purchase"] * 3 + ["pending_shipment"] * 3
        assert StockLevel.objects.get(sku=sku, warehouse=warehouse).reserved == 10
        assert ledger_mismatches() == []


def test_parallel_retries_of_one_create_make_one_order(scratch, django_db_blocker):
    tenant, owner = scratch
    threads = 6
    with django_db_blocker.unblock(), tenant_context(tenant):
        tag = uuid.uuid4().hex[:6]
        warehouse, sku = _stocked(owner, "1")
        rep = _rep(tag, 1)
        customer = sales_customer(owner=rep)
        key = f"phone-{uuid.uuid4().hex[:12]}"
        results = run_in_parallel(
            tenant,
            lambda i: draft_order(
                actor=rep, customer=customer, warehouse=warehouse, lines=[(sku, "1")], idempotency_key=key
            ),
            threads,
        )
        assert all(isinstance(r, SalesOrder) for r in results), results
        assert {r.pk for r in results if isinstance(r, SalesOrder)} == {
            SalesOrder.objects.get(customer=customer).pk
        }
