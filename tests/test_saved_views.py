"""A person's table settings: the columns of each list and saved views. Each person sees only
their own; a workspace never sees another's (their users share ids); bad input is refused with
a code and writes nothing."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from saas.accounts.models import SavedView
from tests.fixtures.tenants import client_for, graphql

SAVE = """
mutation($input: SavedViewInput!) {
  savedViewSave(input: $input) { view { id list name query columns } errors { field code } }
}"""
VIEWS = "query($list: String!) { savedViews(list: $list) { id name query columns } }"
DELETE = "mutation($id: ID!) { savedViewDelete(id: $id) { deletedId errors { field code } } }"
COLUMNS = "query($list: String!) { listColumns(list: $list) }"
SET_COLUMNS = """
mutation($list: String!, $columns: [String!]!) {
  listColumnsSet(list: $list, columns: $columns) { columns errors { field code } }
}"""


def _save(client, **fields) -> dict:
    view = {
        "list": "orders",
        "name": "待审核大单",
        "query": "status=pending_review&min=1000&sort=-total_amount",
    }
    return graphql(client, SAVE, {"input": {**view, **fields}})["data"]["savedViewSave"]


def test_a_view_is_saved_listed_changed_and_deleted_by_its_owner(alpha):
    manager = client_for(alpha, alpha.users["manager"])
    saved = _save(manager, columns=["number", "customer", "total_amount"])
    assert saved["errors"] == []
    view = saved["view"]
    assert (view["list"], view["query"], view["columns"]) == (
        "orders",
        "status=pending_review&min=1000&sort=-total_amount",
        ["number", "customer", "total_amount"],
    )
    assert graphql(manager, VIEWS, {"list": "orders"})["data"]["savedViews"][0]["id"] == view["id"]
    assert graphql(manager, VIEWS, {"list": "customers"})["data"]["savedViews"] == []

    changed = _save(manager, id=view["id"], name="大单", query="?min=5000")["view"]
    assert (changed["id"], changed["name"], changed["query"]) == (view["id"], "大单", "min=5000")

    deleted = graphql(manager, DELETE, {"id": view["id"]})["data"]["savedViewDelete"]
    assert deleted == {"deletedId": view["id"], "errors": []}
    assert graphql(manager, VIEWS, {"list": "orders"})["data"]["savedViews"] == []


def test_another_person_neither_sees_nor_changes_nor_deletes_my_view(alpha):
    manager = client_for(alpha, alpha.users["manager"])
    view = _save(manager)["view"]
    rep = client_for(alpha, alpha.users["sales"])

    assert graphql(rep, VIEWS, {"list": "orders"})["data"]["savedViews"] == []
    assert _save(rep, id=view["id"], name="mine")["errors"] == [{"field": "id", "code": "not_found"}]
    assert graphql(rep, DELETE, {"id": view["id"]})["data"]["savedViewDelete"]["errors"] == [
        {"field": "id", "code": "not_found"}
    ]
    # The same name is free for someone else.
    assert _save(rep)["errors"] == []
    with tenant_context(alpha.tenant):
        assert SavedView.objects.get(pk=view["id"]).name == "待审核大单"


def test_another_workspace_never_sees_my_views_or_columns(alpha, beta):
    manager = client_for(alpha, alpha.users["manager"])
    view = _save(manager)["view"]
    graphql(manager, SET_COLUMNS, {"list": "orders", "columns": ["number", "status"]})
    # Beta's manager may well have the same user id as alpha's.
    beta_manager = client_for(beta, beta.users["manager"])

    assert graphql(beta_manager, VIEWS, {"list": "orders"})["data"]["savedViews"] == []
    assert graphql(beta_manager, COLUMNS, {"list": "orders"})["data"]["listColumns"] is None
    assert graphql(beta_manager, DELETE, {"id": view["id"]})["data"]["savedViewDelete"]["errors"][0][
        "code"
    ] == ("not_found")
    with tenant_context(alpha.tenant):
        assert SavedView.objects.filter(pk=view["id"]).exists()


def test_bad_views_are_refused_with_codes_and_nothing_written(alpha):
    manager = client_for(alpha, alpha.users["manager"])
    _save(manager)
    cases = [
        ({"list": "nonsense"}, "list_invalid"),
        ({"name": "  "}, "required"),
        ({"name": "长" * 61}, "too_long"),
        ({"query": "a" * 1001}, "too_long"),
        ({"query": "no-equals-sign"}, "query_invalid"),
        ({"columns": ["Number; DROP"]}, "column_invalid"),
        ({"columns": [f"c{n}" for n in range(31)]}, "too_many_values"),
        ({}, "name_taken"),
    ]
    for fields, code in cases:
        result = _save(manager, **fields)
        assert result["view"] is None, fields
        assert result["errors"][0]["code"] == code, fields
    with tenant_context(alpha.tenant):
        assert SavedView.objects.count() == 1
    unknown = graphql(manager, VIEWS, {"list": "nonsense"})
    assert unknown["errors"][0]["extensions"]["code"] == "list_invalid"


def test_columns_follow_the_person_and_go_back_to_defaults(alpha):
    manager = client_for(alpha, alpha.users["manager"])
    assert graphql(manager, COLUMNS, {"list": "orders"})["data"]["listColumns"] is None
    kept = graphql(manager, SET_COLUMNS, {"list": "orders", "columns": ["number", "status", "number"]})
    assert kept["data"]["listColumnsSet"] == {"columns": ["number", "status"], "errors": []}
    # Another device of the same person: a new session reads the same columns.
    other_device = client_for(alpha, alpha.users["manager"])
    assert graphql(other_device, COLUMNS, {"list": "orders"})["data"]["listColumns"] == ["number", "status"]
    assert (
        graphql(client_for(alpha, alpha.users["sales"]), COLUMNS, {"list": "orders"})["data"]["listColumns"]
        is None
    )
    bad = graphql(manager, SET_COLUMNS, {"list": "orders", "columns": ["BAD"]})["data"]["listColumnsSet"]
    assert bad["errors"] == [{"field": "columns.0", "code": "column_invalid"}]
    reset = graphql(manager, SET_COLUMNS, {"list": "orders", "columns": []})["data"]["listColumnsSet"]
    assert reset == {"columns": [], "errors": []}
    assert graphql(manager, COLUMNS, {"list": "orders"})["data"]["listColumns"] is None
