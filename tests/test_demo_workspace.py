"""The demo workspace `make up` creates: every domain's seed runs, and a second run changes nothing."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from saas.catalog.models import Product
from saas.customers.models import Customer
from saas.inventory.services.checks import ledger_mismatches
from saas.sales.models import OrderStatus, SalesOrder
from tenants.demo import DEMO_LOGINS, demo_ensure


def _counts() -> tuple[int, int, int]:
    return Product.objects.count(), Customer.objects.count(), SalesOrder.objects.count()


def test_demo_workspace_has_data_in_every_queue_and_reruns_cleanly(world, db):
    tenant = demo_ensure()
    with tenant_context(tenant):
        first = _counts()
        statuses = set(SalesOrder.objects.values_list("status", flat=True))
        assert {OrderStatus.PENDING_REVIEW, OrderStatus.PENDING_SHIPMENT} <= statuses
        assert all(count > 0 for count in first)
        assert list(ledger_mismatches()) == []
        owners = set(Customer.objects.values_list("owner__email", flat=True))
        assert {login.email for login in DEMO_LOGINS if login.role == "sales"} <= owners

    again = demo_ensure()
    assert again.pk == tenant.pk
    with tenant_context(tenant):
        assert _counts() == first
