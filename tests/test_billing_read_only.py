"""A suspended workspace is read-only, enforced by PostgreSQL: people sign in, read and export;
every write is refused with `workspace_read_only`, by HTTP, GraphQL (session and partner key),
jobs and sockets' database hops alike."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django_tenants.utils import tenant_context
from psycopg import sql

from saas.api.read_only import ReadOnlyWorkspace
from saas.catalog.models import Category, Product
from saas.core.read_only import is_read_only_violation, read_only_session
from tenants.billing import services as billing
from tenants.billing.models import BillingAccount
from tests.fixtures.fuzz import Fuzzed, check_answer, documents, root_fields
from tests.fixtures.fuzz_documents import asking_for_errors, with_matching_ids
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import PASSWORD, client_for, graphql

CREATE_CATEGORY = 'mutation { categoryCreate(input: {name: "新类目"}) { errors { code message } } }'


def suspend(workspace: Any, status: str = "suspended") -> None:
    account = BillingAccount.objects.get(tenant=workspace.tenant)
    billing.set_status(account, status, actor="operator:test", reason="test")
    workspace.tenant.refresh_from_db()


def test_a_write_inside_a_read_only_session_is_refused_by_the_database(in_alpha):
    with read_only_session():
        with pytest.raises(DatabaseError) as refused, transaction.atomic():
            Product.objects.create(name="不该存在", code="RO-1")
    assert is_read_only_violation(refused.value)
    # the mode is back afterwards
    Product.objects.create(name="可以写", code="RO-2")


@pytest.mark.parametrize("status", ["suspended", "trial_expired", "closed"])
def test_people_sign_in_and_read_but_a_mutation_is_refused_with_a_link_to_billing(alpha, status):
    suspend(alpha, status)
    client = Client(HTTP_HOST=alpha.host)
    assert client.get("/login/").status_code == 200
    signed_in = graphql(
        client,
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }",
        {"e": alpha.email("manager"), "p": PASSWORD},
    )
    assert signed_in["data"]["login"]["errors"] == []
    assert graphql(client, "{ me { email } }")["data"]["me"]["email"] == alpha.email("manager")
    refused = graphql(client, CREATE_CATEGORY)
    assert refused["data"] is None
    (error,) = refused["errors"]
    assert error["extensions"] == {"code": "workspace_read_only", "billingUrl": "/app/billing"}
    assert "只读" in error["message"] or "read-only" in error["message"]
    assert graphql(client, "mutation { logout { ok } }")["data"]["logout"]["ok"] is True


def test_a_partner_key_of_a_suspended_workspace_reads_but_cannot_write(alpha):
    issued = issue_key(alpha, "catalog:read", "catalog:write", name="erp")
    suspend(alpha)
    client = key_client(alpha, issued.secret or "")
    status, body = key_post(client, "{ categories { id } }")
    assert status == 200 and "errors" not in body, body
    status, body = key_post(client, CREATE_CATEGORY)
    assert body["errors"][0]["extensions"]["code"] == "workspace_read_only"
    with tenant_context(alpha.tenant):
        assert not Category.objects.filter(name="新类目").exists()


def test_a_plain_post_is_refused_by_the_database_with_a_code_and_exports_still_work(alpha):
    suspend(alpha)
    owner = client_for(alpha, alpha.users["owner"])
    export = owner.get("/reports/customers.xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert owner.get("/reports/customers.csv").status_code == 200


def test_the_other_workspace_is_not_read_only(alpha, beta):
    suspend(alpha)
    body = graphql(client_for(beta, beta.users["owner"]), CREATE_CATEGORY)
    assert body["data"]["categoryCreate"]["errors"] == []


def test_paying_restores_writing_at_once(alpha):
    suspend(alpha)
    account = BillingAccount.objects.get(tenant=alpha.tenant)
    billing.extend_paid_until(account, months=1, plan=None, method="transfer", ref="B-1", actor="operator:t")
    body = graphql(client_for(alpha, alpha.users["owner"]), CREATE_CATEGORY)
    assert body["data"]["categoryCreate"]["errors"] == []


# --- the fuzzer: generated mutations change no row of a suspended workspace ------------------------


def table_checksums(schema: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s AND table_type = 'BASE TABLE'",
            [schema],
        )
        tables = sorted(row[0] for row in cursor.fetchall())
        sums = {}
        for table in tables:
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {}.{} t"
                ).format(sql.Identifier(schema), sql.Identifier(table))
            )
            count, digest = cursor.fetchone()
            sums[table] = f"{count}:{digest}"
    return sums


def test_generated_mutations_against_a_suspended_workspace_change_no_row(fuzzed: Fuzzed, monkeypatch):
    """Every mutation a person or a full-scope key may call, generated with valid and hostile
    arguments, with the API's early refusal turned off: the resolvers and services run, and the
    database alone must refuse their writes. Checksums of every table of the workspace before and
    after are equal; every answer has a code; an export still works afterwards."""
    from hypothesis import HealthCheck, Phase, given, seed
    from hypothesis import settings as hypothesis_settings
    from hypothesis import strategies as st

    alpha = fuzzed.workspace
    suspend(alpha)
    monkeypatch.setattr(ReadOnlyWorkspace, "refuse_mutation", lambda self: None)
    schema = alpha.tenant.schema_name
    before = table_checksums(schema)
    answers: dict[str, int] = {}
    fields = [
        name
        for name in root_fields("Mutation", people_only=True) + root_fields("Mutation", people_only=False)
        if name not in {"login", "logout"} and not name.startswith("billing")
    ]

    def send(document: str, as_key: bool) -> None:
        if as_key:
            client = Client(HTTP_HOST=alpha.host, HTTP_AUTHORIZATION=f"Bearer {fuzzed.key_secret}")
        else:
            client = Client(HTTP_HOST=alpha.host)
            client.cookies[settings.SESSION_COOKIE_NAME] = fuzzed.session_cookie
        response = client.post(
            "/graphql/", json.dumps({"query": document}, ensure_ascii=False), content_type="application/json"
        )
        body = check_answer(response, document)
        codes = [e["extensions"]["code"] for e in body.get("errors") or []]
        text = json.dumps(body.get("data"))
        outcome = codes[0] if codes else ("workspace_read_only" if "workspace_read_only" in text else "other")
        answers[outcome] = answers.get(outcome, 0) + 1

    def runner(name: str, as_key: bool) -> Any:
        @seed(19)
        @hypothesis_settings(
            max_examples=2,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def run(data: st.DataObject) -> None:
            document = data.draw(documents("Mutation", name, fuzzed.scalars))
            send(asking_for_errors(with_matching_ids(document, fuzzed.own_by_kind)), as_key)

        return run

    for index, name in enumerate(fields):
        runner(name, index % 2 == 0)()

    assert table_checksums(schema) == before, "a suspended workspace's rows changed"
    assert sum(answers.values()) >= len(fields)
    assert answers.get("workspace_read_only", 0) >= len(fields) / 4, answers  # the database refused writes
    export = client_for(alpha, alpha.users["owner"]).get("/reports/customers.csv")
    assert export.status_code == 200
