"""Real parallel transactions: people entering the same new customer at once make one record,
and a retried create never makes a second."""

from __future__ import annotations

import uuid

import pytest
from django_tenants.utils import tenant_context

from saas.core.errors import InvalidInput
from saas.customers import services
from saas.customers.models import Customer
from tests.fixtures.parallel import run_in_parallel, scratch_workspace

THREADS = 6


@pytest.fixture(scope="module")
def scratch(world, django_db_blocker):
    return scratch_workspace(django_db_blocker, "cust")


def test_parallel_entries_of_one_phone_make_one_customer(scratch, django_db_blocker):
    tenant, owner = scratch
    phone = f"139{uuid.uuid4().int % 10**8:08d}"
    with django_db_blocker.unblock(), tenant_context(tenant):
        results = run_in_parallel(
            tenant,
            lambda i: services.customer_create(
                actor=owner, name=f"并发客户{uuid.uuid4().hex[:6]}{i}", phone=phone
            ),
            THREADS,
        )
        made = [r for r in results if isinstance(r, Customer)]
        refused = [r for r in results if isinstance(r, InvalidInput)]
        assert (len(made), len(refused)) == (1, THREADS - 1), results
        assert {problem.code for r in refused for problem in r.problems} == {"customer_duplicate"}
        assert Customer.objects.filter(phone_digits=phone).count() == 1


def test_parallel_retries_of_one_create_make_one_customer(scratch, django_db_blocker):
    tenant, owner = scratch
    key = f"cu-{uuid.uuid4().hex[:12]}"
    name = f"重试客户{uuid.uuid4().hex[:6]}"
    with django_db_blocker.unblock(), tenant_context(tenant):
        results = run_in_parallel(
            tenant,
            lambda i: services.customer_create(actor=owner, name=name, idempotency_key=key),
            THREADS,
        )
        assert all(isinstance(r, Customer) for r in results), results
        assert len({r.pk for r in results}) == 1  # type: ignore[attr-defined]
        assert Customer.objects.filter(name=name).count() == 1
