"""GraphQL: typed errors with stable codes, the abuse limiters, masking, CSRF, and the account API."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.test import Client
from django_tenants.utils import tenant_context

from saas.accounts.models import User
from tests.fixtures.events import deliver_events
from tests.fixtures.tenants import client_for, graphql

INVITE = """
mutation($input: UserInviteInput!) {
  userInvite(input: $input) { user { id email roles { code } isActive } replayed errors { field code message } }
}"""


def invite_input(**changes):
    return {
        "email": f"new-{uuid.uuid4().hex[:8]}@alpha.test",
        "fullName": "新同事",
        "roles": ["sales"],
        **changes,
    }


def test_anonymous_query_gets_unauthenticated_code(alpha):
    result = graphql(Client(HTTP_HOST=alpha.host), "{ me { email } }")
    assert result["data"] is None
    assert result["errors"][0]["extensions"]["code"] == "unauthenticated"
    assert result["errors"][0]["message"] == "请先登录。"


def test_workspace_name_is_public_but_tenant_details_are_not(alpha):
    anonymous = Client(HTTP_HOST=alpha.host)
    assert graphql(anonymous, "{ workspace { slug name } }")["data"] == {
        "workspace": {"slug": "alpha", "name": "阿尔法商贸"}
    }
    assert graphql(anonymous, "{ tenant { plan } }")["errors"][0]["extensions"]["code"] == "unauthenticated"


def test_me_and_tenant_describe_the_caller_and_the_workspace(alpha):
    result = graphql(
        client_for(alpha, alpha.users["sales"]),
        "{ me { email roles { code name } scopes } tenant { slug name currency timeZone plan planCode } }",
    )
    assert result["data"]["me"]["email"] == "sales@alpha.test"
    assert result["data"]["me"]["roles"] == [{"code": "sales", "name": "销售"}]
    assert "users.manage" not in result["data"]["me"]["scopes"]
    assert result["data"]["tenant"] == {
        "slug": "alpha",
        "name": "阿尔法商贸",
        "currency": "CNY",
        "timeZone": "Asia/Shanghai",
        "plan": "免费版",
        "planCode": "free",  # the app names the plan in the user's language by its code
    }


def test_syntax_errors_and_unknown_fields_get_query_invalid(alpha):
    client = client_for(alpha, alpha.users["owner"])
    assert graphql(client, "{ me { email ")["errors"][0]["extensions"]["code"] == "query_invalid"
    assert graphql(client, "{ me { salary } }")["errors"][0]["extensions"]["code"] == "query_invalid"


def test_depth_limit_rejects_deep_queries(alpha, settings):
    client = client_for(alpha, alpha.users["owner"])
    query = "{ users { items { roles { code } } } }"  # four levels deep
    assert "errors" not in graphql(client, query)
    settings.SPARROW_GRAPHQL_MAX_DEPTH = 2  # the limiter counts the top field as depth 0
    result = graphql(client, query)
    assert result["errors"][0]["extensions"]["code"] == "query_invalid"
    assert "depth" in result["errors"][0]["message"]


def test_a_valid_query_text_is_validated_once(alpha, monkeypatch):
    """saas/api/validated_once.py: the second time a text arrives it is not validated again;
    a failing text is refused every time, and the memory is bounded."""
    import strawberry.schema.schema as strawberry_schema

    from saas.api import validated_once

    validations: list[int] = []
    real = strawberry_schema.validate_document

    def counting(*args):
        validations.append(1)
        return real(*args)

    monkeypatch.setattr(strawberry_schema, "validate_document", counting)
    monkeypatch.setattr(validated_once, "_VALID", set())
    client = client_for(alpha, alpha.users["owner"])
    query = "{ me { email } }"
    first, second = graphql(client, query), graphql(client, query)
    assert first["data"] == second["data"] and first["data"]["me"]["email"]
    assert len(validations) == 1
    for _ in range(2):
        assert graphql(client, "{ me { nope } }")["errors"][0]["extensions"]["code"] == "query_invalid"
    assert len(validations) == 3
    monkeypatch.setattr(validated_once, "_MAX", 1)
    graphql(client, "{ me { fullName } }")  # the memory is full: it starts over with this text
    assert len(validated_once._VALID) == 1
    graphql(client, query)
    assert len(validations) == 5


def test_alias_limit_rejects_alias_floods(alpha):
    client = client_for(alpha, alpha.users["owner"])
    flood = "{ " + " ".join(f"a{i}: me {{ email }}" for i in range(20)) + " }"
    result = graphql(client, flood)
    assert result["errors"][0]["extensions"]["code"] == "query_invalid"
    assert "alias" in result["errors"][0]["message"].lower()


def test_token_limit_rejects_huge_documents(alpha):
    client = client_for(alpha, alpha.users["owner"])
    huge = "{ me { " + " ".join(["email"] * 3000) + " } }"
    result = graphql(client, huge)
    assert result["errors"][0]["extensions"]["code"] == "query_invalid"


def test_unexpected_errors_are_masked_and_coded(alpha, monkeypatch):
    from saas.accounts import selectors

    def explode(**kwargs):
        raise RuntimeError("password=hunter2 leaked in a message")

    monkeypatch.setattr(selectors, "role_list", explode)
    result = graphql(client_for(alpha, alpha.users["owner"]), "{ roles { code } }")
    error = result["errors"][0]
    assert error["extensions"]["code"] == "internal_error"
    assert "hunter2" not in error["message"] and "Traceback" not in str(result)


def test_session_requests_need_the_csrf_token_and_get_json_when_missing(alpha):
    client = client_for(alpha, alpha.users["owner"])
    client.handler.enforce_csrf_checks = True
    response = client.post("/graphql/", {"query": "{ me { email } }"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "csrf_failed"


def test_users_list_respects_visibility(alpha):
    admin_view = graphql(client_for(alpha, alpha.users["admin"]), "{ users { totalCount items { email } } }")
    assert admin_view["data"]["users"]["totalCount"] == 7
    sales_view = graphql(client_for(alpha, alpha.users["sales"]), "{ users { totalCount items { email } } }")
    assert sales_view["data"]["users"] == {"totalCount": 1, "items": [{"email": "sales@alpha.test"}]}


def test_users_search_and_paging_are_bounded(alpha):
    client = client_for(alpha, alpha.users["admin"])
    found = graphql(client, '{ users(search: "finance") { items { email } } }')
    assert found["data"]["users"]["items"] == [{"email": "finance@alpha.test"}]
    page = graphql(client, "{ users(limit: 2, offset: 2) { totalCount items { email } } }")
    assert page["data"]["users"]["totalCount"] == 7 and len(page["data"]["users"]["items"]) == 2
    too_many = graphql(client, "{ users(limit: 1000) { totalCount } }")
    assert too_many["errors"][0]["extensions"]["code"] == "page_invalid"


def test_user_by_id_of_an_invisible_user_is_not_found(alpha):
    other_id = alpha.users["finance"].pk
    result = graphql(client_for(alpha, alpha.users["sales"]), f'{{ user(id: "{other_id}") {{ email }} }}')
    assert result["errors"][0]["extensions"]["code"] == "not_found"
    malformed = graphql(client_for(alpha, alpha.users["admin"]), '{ user(id: "abc") { email } }')
    # Refused by the API's input layer before any look-up: it names no user, like not_found.
    assert malformed["errors"][0]["extensions"]["code"] == "id_invalid"


def test_invite_creates_the_user_with_roles_and_mails_a_set_password_link(alpha):
    data = invite_input(roles=["sales", "warehouse"])
    result = graphql(client_for(alpha, alpha.users["admin"]), INVITE, {"input": data})
    assert mail.outbox == []  # not inline: the user.invited event's consumer sends it
    deliver_events()
    payload = result["data"]["userInvite"]
    assert payload["errors"] == [] and payload["replayed"] is False
    assert {r["code"] for r in payload["user"]["roles"]} == {"sales", "warehouse"}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [data["email"]]
    assert "http://alpha.localhost" in mail.outbox[0].body and "/reset/" in mail.outbox[0].body
    with tenant_context(alpha.tenant):
        assert not User.objects.get(email=data["email"]).has_usable_password()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"email": "not-an-email"}, "email", "email_invalid"),
        ({"email": "Sales@Alpha.test"}, "email", "email_taken"),
        ({"fullName": "  "}, "fullName", "name_required"),
        ({"fullName": "名" * 61}, "fullName", "name_too_long"),
        ({"roles": []}, "roles", "role_required"),
        ({"roles": ["emperor"]}, "roles", "role_unknown"),
        ({"language": "klingon"}, "language", "language_invalid"),
        ({"idempotencyKey": "short"}, "idempotencyKey", "idempotency_key_invalid"),
    ],
)
def test_invite_bad_input_returns_field_errors_and_writes_nothing(alpha, changes, field, code):
    with tenant_context(alpha.tenant):
        before = User.objects.count()
    result = graphql(client_for(alpha, alpha.users["admin"]), INVITE, {"input": invite_input(**changes)})
    payload = result["data"]["userInvite"]
    assert payload["user"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert payload["errors"][0]["message"]
    with tenant_context(alpha.tenant):
        assert User.objects.count() == before


def test_only_user_managers_may_invite_and_only_owners_grant_owner(alpha):
    sales = graphql(client_for(alpha, alpha.users["sales"]), INVITE, {"input": invite_input()})
    assert sales["data"]["userInvite"]["errors"][0]["code"] == "forbidden"
    admin = graphql(client_for(alpha, alpha.users["admin"]), INVITE, {"input": invite_input(roles=["owner"])})
    assert admin["data"]["userInvite"]["errors"][0]["code"] == "forbidden"
    owner = graphql(client_for(alpha, alpha.users["owner"]), INVITE, {"input": invite_input(roles=["owner"])})
    assert owner["data"]["userInvite"]["errors"] == []


def test_invite_replayed_with_the_same_key_returns_the_first_user(alpha):
    client = client_for(alpha, alpha.users["admin"])
    data = invite_input(idempotencyKey=f"offline-{uuid.uuid4()}")
    first = graphql(client, INVITE, {"input": data})["data"]["userInvite"]
    again = graphql(client, INVITE, {"input": data})["data"]["userInvite"]
    assert again["replayed"] is True and again["errors"] == []
    assert again["user"]["id"] == first["user"]["id"]
    with tenant_context(alpha.tenant):
        assert User.objects.filter(email=data["email"]).count() == 1


def test_idempotency_key_cannot_be_reused_for_another_action(alpha):
    client = client_for(alpha, alpha.users["admin"])
    key = f"k-{uuid.uuid4()}"
    graphql(client, INVITE, {"input": invite_input(idempotencyKey=key)})
    other = graphql(client, INVITE, {"input": invite_input(idempotencyKey=key)})["data"]["userInvite"]
    # Same key, different e-mail: the first result comes back, no second user is created.
    assert other["replayed"] is True


DEACTIVATE = "mutation($id: ID!) { userDeactivate(id: $id) { user { isActive } errors { code } } }"


def test_deactivate_rules(alpha):
    admin = client_for(alpha, alpha.users["admin"])
    owner = client_for(alpha, alpha.users["owner"])
    assert (
        graphql(admin, DEACTIVATE, {"id": alpha.users["admin"].pk})["data"]["userDeactivate"]["errors"][0][
            "code"
        ]
        == "cannot_deactivate_self"
    )
    assert (
        graphql(admin, DEACTIVATE, {"id": alpha.users["owner"].pk})["data"]["userDeactivate"]["errors"][0][
            "code"
        ]
        == "forbidden"
    )
    ok = graphql(admin, DEACTIVATE, {"id": alpha.users["sales"].pk})["data"]["userDeactivate"]
    assert ok == {"user": {"isActive": False}, "errors": []}
    again = graphql(
        owner,
        "mutation($id: ID!) { userReactivate(id: $id) { user { isActive } errors { code } } }",
        {"id": alpha.users["sales"].pk},
    )
    assert again["data"]["userReactivate"] == {"user": {"isActive": True}, "errors": []}


def test_the_last_owner_cannot_lose_the_owner_role(alpha):
    owner = client_for(alpha, alpha.users["owner"])
    result = graphql(
        owner,
        'mutation($id: ID!) { userSetRoles(id: $id, roles: ["admin"]) { errors { code } } }',
        {"id": alpha.users["owner"].pk},
    )
    assert result["data"]["userSetRoles"]["errors"][0]["code"] == "last_owner"


def test_profile_update_changes_language_and_validates(alpha):
    client = client_for(alpha, alpha.users["sales"])
    mutation = "mutation($i: ProfileInput!) { profileUpdate(input: $i) { user { language phone } errors { field code } } }"
    ok = graphql(client, mutation, {"i": {"language": "en", "phone": "13800138000"}})
    assert ok["data"]["profileUpdate"] == {"user": {"language": "en", "phone": "13800138000"}, "errors": []}
    bad = graphql(client, mutation, {"i": {"phone": "1" * 40}})
    assert bad["data"]["profileUpdate"]["errors"] == [{"field": "phone", "code": "phone_too_long"}]
    # The user's language now drives server messages when no cookie says otherwise.
    assert graphql(client, '{ user(id: "999999") { email } }')["errors"][0]["message"] == "User not found."


def test_mutation_without_session_returns_unauthenticated_payload(alpha):
    result = graphql(Client(HTTP_HOST=alpha.host), INVITE, {"input": invite_input()})
    assert result["data"]["userInvite"]["errors"][0]["code"] == "unauthenticated"


def test_dashboard_counts_pending_invitations_for_user_managers_only(alpha):
    admin = client_for(alpha, alpha.users["admin"])
    graphql(admin, INVITE, {"input": invite_input()})
    todos = graphql(admin, "{ dashboard { todos { key count } } }")["data"]["dashboard"]["todos"]
    assert {"key": "users.pending_invitations", "count": 1} in todos
    sales_todos = graphql(client_for(alpha, alpha.users["sales"]), "{ dashboard { todos { key count } } }")
    assert sales_todos["data"]["dashboard"]["todos"] == []
