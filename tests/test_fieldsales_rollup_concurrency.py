"""The field rollup of one day, run by several jobs at once (a burst of events, as when the demo
is built): each waits for the day's lock, so none fails on the day's unique rows and the day ends
with one row per rep holding the committed figures. Real parallel transactions, in a scratch
workspace of their own."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from saas.core.clock import tenant_today
from saas.fieldsales.models import FieldDailyStats
from saas.fieldsales.rollup import rollup_day
from tests.fixtures.parallel import run_in_parallel, scratch_workspace
from tests.fixtures.sales import sales_customer

THREADS = 4


@pytest.fixture(scope="module")
def scratch(world, django_db_blocker):
    return scratch_workspace(django_db_blocker, "rollup")


def test_rollups_of_one_day_at_once_all_succeed_with_one_row_per_rep(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        for n in range(3):
            sales_customer(owner=owner, name=f"并发汇总客户 {n}")  # the owner won 3 customers today
        day = tenant_today()
        results = run_in_parallel(tenant, lambda i: rollup_day(day), THREADS)
        assert results == [1] * THREADS, results
        rows = list(FieldDailyStats.objects.filter(day=day).values_list("rep_id", "new_customers"))
        assert rows == [(owner.pk, 3)]
