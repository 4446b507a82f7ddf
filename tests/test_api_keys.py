"""Partner API keys: made by admins, shown once, scoped by area, bound to their workspace."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.partners.models import ApiKey
from saas.partners.services.keys import secret_hash
from saas.sales.models import SalesOrder
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import client_for, graphql

CREATE_KEY = """
mutation($input: ApiKeyCreateInput!) {
  apiKeyCreate(input: $input) { apiKey { id name scopes prefix lastUsedAt } secret errors { field code } }
}"""
ORDERS = "query { salesOrders(limit: 50) { totalCount items { number rep { fullName } } } }"
PRODUCTS = "query { products(limit: 5) { totalCount } }"
CREATE_ORDER = """
mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id number } errors { field code } }
}"""


def test_an_admin_makes_a_key_whose_secret_is_shown_once_and_stored_only_as_a_hash(alpha):
    owner = client_for(alpha, alpha.users["owner"])
    made = graphql(
        owner, CREATE_KEY, {"input": {"name": "用友 ERP", "scopes": ["sales:write", "catalog:read"]}}
    )["data"]["apiKeyCreate"]
    assert made["errors"] == []
    secret = made["secret"]
    assert secret.startswith("spk_") and len(secret) >= 4 + 43
    assert made["apiKey"]["prefix"] == secret[:12] and made["apiKey"]["lastUsedAt"] is None
    assert made["apiKey"]["scopes"] == ["catalog:read", "sales:write"]
    with tenant_context(alpha.tenant):
        stored = ApiKey.objects.get(pk=made["apiKey"]["id"])
        assert stored.secret_hash == secret_hash(secret) and secret not in str(stored.__dict__)
    listed = graphql(owner, "query { apiKeys { id name prefix active } }")["data"]["apiKeys"]
    assert listed == [{"id": made["apiKey"]["id"], "name": "用友 ERP", "prefix": secret[:12], "active": True}]
    assert "secret" not in str(listed)


def test_only_owners_and_admins_make_keys_and_bad_input_names_each_field(alpha):
    manager = client_for(alpha, alpha.users["manager"])
    refused = graphql(manager, CREATE_KEY, {"input": {"name": "x", "scopes": ["sales:read"]}})["data"]
    assert refused["apiKeyCreate"]["errors"][0]["code"] == "forbidden"
    owner = client_for(alpha, alpha.users["owner"])
    bad = graphql(
        owner,
        CREATE_KEY,
        {
            "input": {
                "name": " ",
                "scopes": ["sales:read", "orders.view_all"],
                "allowedIps": ["10.0.0.0/8", "not-an-ip"],
                "expiresAt": "2020-01-01T00:00:00+08:00",
            }
        },
    )["data"]["apiKeyCreate"]
    assert (bad["apiKey"], bad["secret"]) == (None, None)
    assert {(e["field"], e["code"]) for e in bad["errors"]} == {
        ("name", "required"),
        ("scopes.0", "scope_unknown"),
        ("allowedIps.1", "ip_invalid"),
        ("expiresAt", "expiry_past"),
    }
    with tenant_context(alpha.tenant):
        assert not ApiKey.objects.exists()


def test_a_key_acts_within_its_scopes_and_sees_what_a_manager_sees_there(selling):
    workspace = selling.room.workspace
    selling.order(
        [(selling.shirt, "1")], status="pending_review"
    )  # the rep's order: a rep sees only own, a manager all
    issued = issue_key(workspace, "sales:read")
    status, answer = key_post(key_client(workspace, issued.secret), ORDERS)
    assert status == 200 and "errors" not in answer
    assert answer["data"]["salesOrders"]["totalCount"] == 1
    status, answer = key_post(key_client(workspace, issued.secret), PRODUCTS)
    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "forbidden"
    assert answer["errors"][0]["extensions"]["missingScope"] == "catalog:read"
    assert "catalog:read" in answer["errors"][0]["message"]
    status, answer = key_post(
        key_client(workspace, issued.secret),
        CREATE_ORDER,
        {
            "input": {
                "customerId": str(selling.customer.pk),
                "warehouseId": str(selling.room.main.pk),
                "lines": [],
            }
        },
    )
    assert answer["errors"][0]["extensions"]["missingScope"] == "sales:write"
    with tenant_context(workspace.tenant):
        assert SalesOrder.objects.count() == 1


def test_a_key_pushes_an_order_twice_with_one_idempotency_key_and_gets_one_order(selling):
    workspace = selling.room.workspace
    issued = issue_key(workspace, "sales:write")
    client = key_client(workspace, issued.secret)
    order_input = {
        "customerId": str(selling.customer.pk),
        "warehouseId": str(selling.room.main.pk),
        "lines": [{"skuId": str(selling.shirt.pk), "quantity": "2"}],
        "idempotencyKey": "shop-order-10001",
    }
    first = key_post(client, CREATE_ORDER, {"input": order_input})[1]["data"]["salesOrderCreate"]
    again = key_post(client, CREATE_ORDER, {"input": order_input})[1]["data"]["salesOrderCreate"]
    assert first["errors"] == [] and again["salesOrder"] == first["salesOrder"]
    with tenant_context(workspace.tenant):
        assert SalesOrder.objects.count() == 1
        # No rep given: a key is nobody's rep, so the order goes to the customer's own rep.
        assert SalesOrder.objects.get().rep == selling.customer.owner
        key = ApiKey.objects.get(pk=issued.key.pk)
        assert key.last_used_at is not None and key.last_used_ip == "127.0.0.1"


def test_a_key_works_only_on_its_own_workspace_and_only_while_valid(alpha, beta):
    issued = issue_key(alpha, "sales:read")
    status, answer = key_post(key_client(beta, issued.secret), ORDERS)
    assert status == 401 and answer["errors"][0]["extensions"]["code"] == "unauthenticated"
    assert key_post(key_client(alpha, "spk_" + "x" * 43), ORDERS)[0] == 401
    assert key_post(key_client(alpha, ""), ORDERS)[0] == 401
    assert key_post(key_client(alpha, issued.secret), ORDERS)[0] == 200
    with tenant_context(alpha.tenant):
        ApiKey.objects.filter(pk=issued.key.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert key_post(key_client(alpha, issued.secret), ORDERS)[0] == 401


def test_an_allow_list_refuses_other_addresses(alpha):
    issued = issue_key(alpha, "sales:read", allowed_ips=["203.0.113.0/24"])
    assert key_post(key_client(alpha, issued.secret), ORDERS)[0] == 401
    near = issue_key(alpha, "sales:read", name="local", allowed_ips=["127.0.0.1"])
    assert key_post(key_client(alpha, near.secret), ORDERS)[0] == 200


REVOKE = "mutation($id: ID!) { apiKeyRevoke(id: $id) { apiKey { active } errors { code } } }"
ROTATE = """mutation($id: ID!, $grace: Int) {
  apiKeyRotate(id: $id, graceHours: $grace) { apiKey { prefix } secret errors { code } } }"""


def test_rotation_keeps_the_old_secret_for_the_grace_period_and_revocation_stops_both(alpha):
    owner = client_for(alpha, alpha.users["owner"])
    issued = issue_key(alpha, "sales:read")
    rotated = graphql(owner, ROTATE, {"id": str(issued.key.pk)})["data"]["apiKeyRotate"]
    new = rotated["secret"]
    assert rotated["errors"] == [] and new != issued.secret and rotated["apiKey"]["prefix"] == new[:12]
    assert key_post(key_client(alpha, issued.secret), ORDERS)[0] == 200
    assert key_post(key_client(alpha, new), ORDERS)[0] == 200
    again = graphql(owner, ROTATE, {"id": str(issued.key.pk), "grace": 0})["data"]["apiKeyRotate"]["secret"]
    assert key_post(key_client(alpha, new), ORDERS)[0] == 401
    assert key_post(key_client(alpha, again), ORDERS)[0] == 200
    revoked = graphql(owner, REVOKE, {"id": str(issued.key.pk)})["data"]["apiKeyRevoke"]
    assert revoked == {"apiKey": {"active": False}, "errors": []}
    assert key_post(key_client(alpha, again), ORDERS)[0] == 401


def test_a_key_cannot_use_what_is_for_people_or_manage_keys(alpha):
    issued = issue_key(alpha, *[f"{area}:write" for area in ("sales", "catalog", "webhooks")])
    client = key_client(alpha, issued.secret)
    for document in ("query { apiKeys { id } }", "query { me { id } }", CREATE_KEY):
        variables = {"input": {"name": "mine", "scopes": ["sales:read"]}} if "$input" in document else None
        answer = key_post(client, document, variables)[1]
        assert answer["errors"][0]["extensions"]["code"] == "forbidden", document
    with tenant_context(alpha.tenant):
        assert ApiKey.objects.count() == 1


def test_a_key_needs_no_csrf_token_and_ignores_any_session(alpha):
    issued = issue_key(alpha, "sales:read")
    client = client_for(alpha, alpha.users["sales"])  # a session cookie rides along
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
    client.defaults["HTTP_ORIGIN"] = "https://evil.example"
    status, answer = key_post(client, "query { me { id } }")
    assert status == 200 and answer["errors"][0]["extensions"]["code"] == "forbidden"


def test_making_a_key_twice_with_one_idempotency_key_makes_one_and_shows_no_second_secret(alpha):
    owner = client_for(alpha, alpha.users["owner"])
    document = CREATE_KEY.replace("errors {", "replayed errors {")
    variables = {"input": {"name": "ERP", "scopes": ["sales:read"], "idempotencyKey": "key-create-0001"}}
    first = graphql(owner, document, variables)["data"]["apiKeyCreate"]
    again = graphql(owner, document, variables)["data"]["apiKeyCreate"]
    assert first["secret"].startswith("spk_") and first["replayed"] is False
    assert (again["apiKey"]["id"], again["secret"], again["replayed"]) == (first["apiKey"]["id"], None, True)
    with tenant_context(alpha.tenant):
        assert ApiKey.objects.count() == 1


def test_one_workspace_never_sees_or_touches_anothers_keys(alpha, beta):
    issued = issue_key(alpha, "sales:read")
    beta_owner = client_for(beta, beta.users["owner"])
    assert graphql(beta_owner, "query { apiKeys { id } }")["data"]["apiKeys"] == []
    for document in (REVOKE, ROTATE):
        answer = graphql(beta_owner, document, {"id": str(issued.key.pk)})["data"]
        payload = next(iter(answer.values()))
        assert payload["errors"][0]["code"] == "not_found"
    assert key_post(key_client(alpha, issued.secret), ORDERS)[0] == 200


def test_webhooks_read_lets_a_key_read_its_endpoints_and_write_lets_it_change_them(alpha):
    reader = key_client(alpha, issue_key(alpha, "webhooks:read").secret)
    listed = key_post(reader, "query { webhookEndpoints { id } }")[1]
    assert listed == {"data": {"webhookEndpoints": []}, "extensions": listed["extensions"]}
    document = """mutation($input: WebhookEndpointCreateInput!) {
      webhookEndpointCreate(input: $input) { webhookEndpoint { id } errors { code } } }"""
    variables = {"input": {"url": "https://hooks.example.com/x", "events": ["sales_order.created"]}}
    refused = key_post(reader, document, variables)[1]
    assert refused["errors"][0]["extensions"]["missingScope"] == "webhooks:write"
    manager = client_for(alpha, alpha.users["manager"])
    answer = graphql(manager, "query { webhookEndpoints { id } }")
    assert answer["errors"][0]["extensions"]["code"] == "forbidden"


def test_a_proxys_basic_credentials_are_not_taken_for_a_key(alpha):
    # A workspace behind a proxy with HTTP Basic auth: the browser sends it on every request.
    client = client_for(alpha, alpha.users["owner"])
    client.defaults["HTTP_AUTHORIZATION"] = "Basic dXNlcjpwYXNz"
    assert graphql(client, "query { me { id } }")["data"]["me"] == {"id": str(alpha.users["owner"].pk)}
