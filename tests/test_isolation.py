"""Tenant A never sees or touches tenant B: users, sessions, cache keys, event groups."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client
from django_tenants.utils import tenant_context

from saas.accounts.models import User
from saas.accounts.throttling import login_failed, login_is_locked
from saas.core.live import notification_group
from tests.fixtures.tenants import client_for, graphql


def test_user_lists_never_mix_workspaces(alpha, beta):
    emails = {
        u["email"]
        for u in graphql(client_for(alpha, alpha.users["owner"]), "{ users { items { email } } }")["data"][
            "users"
        ]["items"]
    }
    assert emails and all(email.endswith("@alpha.test") for email in emails)


def test_same_user_id_in_another_workspace_is_another_person(alpha, beta):
    # Each schema numbers its own users: id 1 exists in both, and each host resolves its own.
    assert alpha.users["owner"].pk == beta.users["owner"].pk
    result = graphql(
        client_for(alpha, alpha.users["owner"]), f'{{ user(id: "{beta.users["owner"].pk}") {{ email }} }}'
    )
    assert result["data"]["user"]["email"] == "owner@alpha.test"


def test_a_session_cookie_from_one_workspace_means_nothing_on_another(alpha, beta):
    alpha_client = client_for(alpha, alpha.users["owner"])
    beta_client = Client(HTTP_HOST=beta.host)
    beta_client.cookies = alpha_client.cookies
    assert graphql(beta_client, "{ me { email } }")["errors"][0]["extensions"]["code"] == "unauthenticated"


def test_writes_in_one_workspace_do_not_appear_in_the_other(alpha, beta):
    with tenant_context(alpha.tenant):
        User.objects.create_user(email="only-alpha@example.com", password=None, full_name="A")
    with tenant_context(beta.tenant):
        assert not User.objects.filter(email="only-alpha@example.com").exists()


def test_cache_keys_carry_the_tenant(alpha, beta):
    with tenant_context(alpha.tenant):
        cache.set("shared-name", "alpha-value")
        for _ in range(10):
            login_failed("same@person.test", "10.0.0.1")
        assert login_is_locked("same@person.test", "10.0.0.1")
    with tenant_context(beta.tenant):
        assert cache.get("shared-name") is None
        assert not login_is_locked("same@person.test", "10.0.0.1")


def test_event_group_names_carry_the_tenant(alpha, beta):
    assert notification_group(alpha.tenant.schema_name, 1) != notification_group(beta.tenant.schema_name, 1)
