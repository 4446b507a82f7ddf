"""Per-request fixed SQL and the worker's garbage collection: a known host costs no query and a
change of its tenant is seen at once; a signed-in user's scopes come with the user; the ASGI
entry point freezes start-up objects and raises the young threshold, unless told not to."""

from __future__ import annotations

import gc

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.core.gc_tuning import THRESHOLDS, worker_gc_tune
from tenants.models import Tenant, TenantStatus
from tenants.routing import tenant_for_host
from tests.fixtures.tenants import client_for, graphql


def test_a_known_host_costs_no_query_and_a_change_is_seen_at_once(alpha, beta):
    first = tenant_for_host(alpha.host)
    with CaptureQueriesContext(connection) as queries:
        again = tenant_for_host(alpha.host)
    assert (again.pk, again.schema_name, len(queries)) == (first.pk, first.schema_name, 0)
    assert again is not first  # each request its own copy
    assert tenant_for_host(beta.host).pk == beta.tenant.pk  # hosts never mix
    tenant = Tenant.objects.get(pk=alpha.tenant.pk)
    tenant.status = TenantStatus.SUSPENDED
    tenant.save()
    assert tenant_for_host(alpha.host).status == TenantStatus.SUSPENDED
    body = graphql(
        client_for(alpha, alpha.users["owner"]),
        'mutation { categoryCreate(input: {name: "x"}) { errors { code } } }',
    )
    assert body["errors"][0]["extensions"]["code"] == "workspace_read_only"  # read-only at once


def test_a_request_starts_with_three_statements_and_scopes_loaded(alpha):
    client = client_for(alpha, alpha.users["manager"])
    graphql(client, "{ me { id } }")
    with CaptureQueriesContext(connection) as queries:
        body = graphql(client, "{ salesOrders(limit: 1) { items { id } } }")
    assert "errors" not in body, body
    statements = [q["sql"] for q in queries.captured_queries]
    assert not any(
        "tenants_domain" in sql or "accounts_role" in sql and "unnest" not in sql for sql in statements
    )
    assert len(statements) == 4  # search_path, session, user with scopes, the page


def test_the_worker_freezes_start_up_and_raises_the_young_threshold(monkeypatch):
    before = gc.get_threshold()
    try:
        monkeypatch.setenv("SPARROW_GC_TUNING", "off")
        assert worker_gc_tune() is False and gc.get_threshold() == before
        monkeypatch.setenv("SPARROW_GC_TUNING", "on")
        assert worker_gc_tune() is True
        assert gc.get_threshold() == THRESHOLDS and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
