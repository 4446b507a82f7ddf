"""Visit records (客户拜访记录): visit types with typed forms, what a rep records at a visit (type,
purpose, notes, follow-up, answers, the orders taken), offline records by the check-in's clientId,
who may record and read, bad input with codes, and other workspaces."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.core.clock import tenant_today
from saas.core.errors import InvalidInput
from saas.fieldsales.models import Team, TeamMember, Visit, VisitKind, VisitOrder
from saas.fieldsales.services import visit_check_in
from saas.fieldsales.visit_forms import FieldKind, clean_answers, clean_definition
from saas.fieldsales.visit_records import visit_kind_save
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

KIND_SAVE = """
mutation($input: VisitKindSaveInput!) {
  visitKindSave(input: $input) {
    kind { id name archived fields { key label kind required options } } errors { field code }
  }
}"""
KINDS = """query($all: Boolean!) { visitKinds(includeArchived: $all) { id name archived } }"""
RECORD = """
mutation($input: VisitRecordInput!) {
  visitRecord(input: $input) {
    visit {
      id purpose notes followUpOn recordedAt kind { id name }
      answers { key label kind value values }
      orders { id number }
    }
    errors { field code }
  }
}"""
VISIT = """
query($id: ID!) {
  visit(id: $id) { id purpose answers { key value values } orders { id number totalAmount } }
}"""
CANDIDATES = """query($id: ID!) { visitOrderCandidates(visitId: $id) { id number } }"""

SHELF_FORM = [
    {"key": "facings", "label": "排面数", "kind": "NUMBER", "required": True},
    {"key": "rival", "label": "竞品价格", "kind": "MONEY"},
    {"key": "display", "label": "陈列位置", "kind": "CHOICE", "options": ["端架", "货架", "堆头"]},
    {"key": "promos", "label": "促销", "kind": "MULTI_CHOICE", "options": ["买赠", "特价", "海报"]},
    {"key": "stockout", "label": "缺货", "kind": "BOOLEAN"},
    {"key": "delivery", "label": "下次到货", "kind": "DATE"},
    {"key": "remark", "label": "备注", "kind": "TEXT"},
]


@pytest.fixture
def visiting(selling):
    """Alpha's rep checked in at their customer today, and a shelf-check visit type."""
    kind = visit_kind_save(
        actor=selling.manager,
        name="陈列检查",
        fields=[{**row, "kind": row["kind"].lower()} for row in SHELF_FORM],
    )
    visit = visit_check_in(actor=selling.rep, customer_id=selling.customer.pk, client_id="phone-1")
    return selling, kind, visit


def _record(client, **fields):
    return graphql(client, RECORD, {"input": fields})["data"]["visitRecord"]


def test_a_manager_defines_a_visit_type_and_a_rep_records_a_visit_with_its_form_and_the_order_taken(
    visiting,
):
    selling, kind, visit = visiting
    workspace = selling.room.workspace
    rep = client_for(workspace, selling.rep)
    order = selling.order([(selling.shirt, "2", "50")], status="pending_review")
    follow_up = str(tenant_today() + timedelta(days=14))

    candidates = graphql(rep, CANDIDATES, {"id": str(visit.pk)})["data"]["visitOrderCandidates"]
    assert [row["number"] for row in candidates] == [order.number]
    recorded = _record(
        rep,
        visitId=str(visit.pk),
        kindId=str(kind.pk),
        purpose="月度陈列检查",
        notes="老板在店，答应换端架",
        followUpOn=follow_up,
        answers=[
            {"key": "facings", "value": "12"},
            {"key": "rival", "value": "45.5"},
            {"key": "display", "value": "端架"},
            {"key": "promos", "values": ["海报", "买赠"]},
            {"key": "stockout", "value": "false"},
            {"key": "delivery", "value": follow_up},
        ],
        orderIds=[str(order.pk)],
    )

    assert recorded["errors"] == []
    saved = recorded["visit"]
    assert (saved["purpose"], saved["notes"], saved["followUpOn"]) == (
        "月度陈列检查",
        "老板在店，答应换端架",
        follow_up,
    )
    assert saved["kind"] == {"id": str(kind.pk), "name": "陈列检查"}
    assert saved["recordedAt"] is not None
    # The answers in the form's order, typed; multiple choices in the options' order; empty ones left out.
    assert saved["answers"] == [
        {"key": "facings", "label": "排面数", "kind": "NUMBER", "value": "12", "values": []},
        {"key": "rival", "label": "竞品价格", "kind": "MONEY", "value": "45.50", "values": []},
        {"key": "display", "label": "陈列位置", "kind": "CHOICE", "value": "端架", "values": []},
        {"key": "promos", "label": "促销", "kind": "MULTI_CHOICE", "value": None, "values": ["买赠", "海报"]},
        {"key": "stockout", "label": "缺货", "kind": "BOOLEAN", "value": "false", "values": []},
        {"key": "delivery", "label": "下次到货", "kind": "DATE", "value": follow_up, "values": []},
    ]
    assert saved["orders"] == [{"id": str(order.pk), "number": order.number}]

    # The record outlives a change to its type's form: the labels it was answered with stay.
    visit_kind_save(
        actor=selling.manager,
        kind_id=kind.pk,
        name="陈列检查",
        fields=[{"key": "facings", "label": "排面", "kind": "number"}],
    )
    reread = graphql(client_for(workspace, selling.user("owner")), VISIT, {"id": str(visit.pk)})
    assert "errors" not in reread
    assert len(reread["data"]["visit"]["answers"]) == 6
    assert reread["data"]["visit"]["orders"][0]["totalAmount"] == "100.00"


def test_a_record_saved_again_replaces_the_first_and_an_order_moves_only_by_unlinking(visiting):
    selling, kind, visit = visiting
    rep = client_for(selling.room.workspace, selling.rep)
    order = selling.order([(selling.shirt, "1", "50")])
    first = _record(
        rep,
        visitId=str(visit.pk),
        kindId=str(kind.pk),
        answers=[{"key": "facings", "value": "3"}],
        orderIds=[str(order.pk)],
    )
    assert first["errors"] == []
    again = _record(rep, visitId=str(visit.pk), purpose="补货", orderIds=[])
    assert again["errors"] == []
    assert (again["visit"]["kind"], again["visit"]["answers"], again["visit"]["orders"]) == (None, [], [])
    assert again["visit"]["purpose"] == "补货"
    # Notes left out stay as they were.
    Visit.objects.filter(pk=visit.pk).update(notes="有备注")
    assert _record(rep, visitId=str(visit.pk))["visit"]["notes"] == "有备注"

    # An order linked to one visit cannot be linked to a second visit the same day.
    _record(rep, visitId=str(visit.pk), orderIds=[str(order.pk)])
    second = visit_check_in(actor=selling.rep, customer_id=selling.customer.pk)
    taken = _record(rep, visitId=str(second.pk), orderIds=[str(order.pk)])
    assert taken["errors"] == [{"field": "orderIds.0", "code": "order_not_linkable"}]
    assert VisitOrder.objects.get(order=order).visit_id == visit.pk


def test_an_offline_record_names_its_offline_check_in_by_client_id(visiting):
    selling, kind, visit = visiting
    rep = client_for(selling.room.workspace, selling.rep)
    recorded = _record(
        rep,
        visitClientId="phone-1",
        purpose="离线记录",
        kindId=str(kind.pk),
        answers=[{"key": "facings", "value": "4"}],
    )
    assert recorded["errors"] == [] and recorded["visit"]["id"] == str(visit.pk)
    unknown = _record(rep, visitClientId="phone-404", purpose="x")
    assert unknown["errors"] == [{"field": "id", "code": "not_found"}]


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"answers": [{"key": "facings", "value": "4"}]}, {"field": "kindId", "code": "kind_required"}),
        ({"kindId": "K", "answers": []}, {"field": "answers.facings", "code": "required"}),
        (
            {"kindId": "K", "answers": [{"key": "facings", "value": "many"}]},
            {"field": "answers.facings", "code": "answer_invalid"},
        ),
        (
            {
                "kindId": "K",
                "answers": [{"key": "facings", "value": "1"}, {"key": "rival", "value": "1.005"}],
            },
            {"field": "answers.rival", "code": "answer_invalid"},
        ),
        (
            {
                "kindId": "K",
                "answers": [{"key": "facings", "value": "1"}, {"key": "display", "value": "屋顶"}],
            },
            {"field": "answers.display", "code": "answer_invalid"},
        ),
        (
            {
                "kindId": "K",
                "answers": [{"key": "facings", "value": "1"}, {"key": "stockout", "value": "maybe"}],
            },
            {"field": "answers.stockout", "code": "answer_invalid"},
        ),
        (
            {
                "kindId": "K",
                "answers": [{"key": "facings", "value": "1"}, {"key": "delivery", "value": "12/24"}],
            },
            {"field": "answers.delivery", "code": "date_invalid"},
        ),
        (
            {"kindId": "K", "answers": [{"key": "nope", "value": "1"}]},
            {"field": "answers.nope", "code": "answer_unknown"},
        ),
        ({"kindId": "999999"}, {"field": "kindId", "code": "not_found"}),
        ({"followUpOn": "2020-01-01"}, {"field": "followUpOn", "code": "follow_up_invalid"}),
        ({"purpose": "长" * 201}, {"field": "purpose", "code": "too_long"}),
        ({"orderIds": ["abc"]}, {"field": "orderIds.0", "code": "id_invalid"}),
    ],
)
def test_bad_records_are_refused_with_a_code_and_change_nothing(visiting, fields, error):
    selling, kind, visit = visiting
    rep = client_for(selling.room.workspace, selling.rep)
    if fields.get("kindId") == "K":
        fields = {**fields, "kindId": str(kind.pk)}
    refused = _record(rep, visitId=str(visit.pk), **fields)
    assert refused["visit"] is None
    assert len(refused["errors"]) == 1
    got = refused["errors"][0]
    assert got["code"] == error["code"] and got["field"] == error["field"]
    visit.refresh_from_db()
    assert (visit.kind_id, visit.answers, visit.purpose, visit.recorded_at) == (None, [], "", None)


def test_only_the_visits_rep_records_it_within_a_week_managers_read_it_other_workspaces_see_nothing(
    visiting, beta
):
    selling, kind, visit = visiting
    workspace = selling.room.workspace
    manager = selling.manager
    assert (
        _record(client_for(workspace, manager), visitId=str(visit.pk), purpose="x")["errors"][0]["code"]
        == "not_found"
    )
    # A manager reads the visit once the rep is in a team they manage.
    assert (
        graphql(client_for(workspace, manager), VISIT, {"id": str(visit.pk)})["errors"][0]["extensions"][
            "code"
        ]
        == "not_found"
    )
    TeamMember.objects.create(team=Team.objects.create(name="一组", manager=manager), user=selling.rep)
    assert graphql(client_for(workspace, manager), VISIT, {"id": str(visit.pk)})["data"]["visit"][
        "id"
    ] == str(visit.pk)
    # The warehouse has no field scope at all.
    warehouse = graphql(client_for(workspace, selling.keeper), VISIT, {"id": str(visit.pk)})
    assert warehouse["errors"][0]["extensions"]["code"] == "forbidden"
    # Another workspace's owner finds no such visit or visit type, by id.
    other = client_for(beta, beta.users["owner"])
    assert graphql(other, VISIT, {"id": str(visit.pk)})["errors"][0]["extensions"]["code"] == "not_found"
    with tenant_context(beta.tenant):
        assert graphql(other, KINDS, {"all": True})["data"]["visitKinds"] == []
        beta_customer = sales_customer(owner=beta.users["sales"])
        beta_visit = visit_check_in(actor=beta.users["sales"], customer_id=beta_customer.pk)
    # Alpha's visit type is not beta's.
    crossed = _record(client_for(beta, beta.users["sales"]), visitId=str(beta_visit.pk), kindId=str(kind.pk))
    assert crossed["errors"] == [{"field": "kindId", "code": "not_found"}]
    # A week on, the record is history.
    with tenant_context(workspace.tenant):  # the requests above left beta's schema on the connection
        Visit.objects.filter(pk=visit.pk).update(checked_in_at=timezone.now() - timedelta(days=8))
    late = _record(client_for(workspace, selling.rep), visitId=str(visit.pk), purpose="x")
    assert late["errors"] == [{"field": "id", "code": "visit_locked"}]


def test_visit_types_are_managed_by_field_managers_and_archived_not_deleted(visiting):
    selling, kind, visit = visiting
    workspace = selling.room.workspace
    rep, manager = client_for(workspace, selling.rep), client_for(workspace, selling.manager)
    form = [{"key": "k", "label": "甲", "kind": "TEXT"}]
    assert (
        graphql(rep, KIND_SAVE, {"input": {"name": "催款", "fields": form}})["data"]["visitKindSave"][
            "errors"
        ][0]["code"]
        == "forbidden"
    )
    made = graphql(manager, KIND_SAVE, {"input": {"name": "催款", "fields": form}})["data"]["visitKindSave"]
    assert made["errors"] == [] and made["kind"]["fields"] == [
        {"key": "k", "label": "甲", "kind": "TEXT", "required": False, "options": []}
    ]
    taken = graphql(manager, KIND_SAVE, {"input": {"name": "催款", "fields": []}})["data"]["visitKindSave"]
    assert taken["errors"] == [{"field": "name", "code": "name_taken"}]
    _record(rep, visitId=str(visit.pk), kindId=str(kind.pk), answers=[{"key": "facings", "value": "1"}])
    archived = graphql(
        manager,
        KIND_SAVE,
        {"input": {"id": str(kind.pk), "name": "陈列检查", "fields": SHELF_FORM, "archived": True}},
    )["data"]["visitKindSave"]
    assert archived["errors"] == [] and archived["kind"]["archived"] is True
    assert [row["name"] for row in graphql(rep, KINDS, {"all": False})["data"]["visitKinds"]] == ["催款"]
    assert len(graphql(rep, KINDS, {"all": True})["data"]["visitKinds"]) == 2
    # The visit recorded with it can still be saved with it; a new visit cannot pick it.
    assert (
        _record(rep, visitId=str(visit.pk), kindId=str(kind.pk), answers=[{"key": "facings", "value": "2"}])[
            "errors"
        ]
        == []
    )
    fresh = visit_check_in(actor=selling.rep, customer_id=selling.customer.pk)
    assert _record(rep, visitId=str(fresh.pk), kindId=str(kind.pk))["errors"] == [
        {"field": "kindId", "code": "not_found"}
    ]
    assert VisitKind.objects.filter(pk=kind.pk).exists()


@pytest.mark.parametrize(
    ("fields", "code", "where"),
    [
        ([{"key": "Bad Key", "label": "x", "kind": "text"}], "field_key_invalid", "fields.0.key"),
        (
            [{"key": "a", "label": "x", "kind": "text"}, {"key": "a", "label": "y", "kind": "text"}],
            "field_key_duplicate",
            "fields.1.key",
        ),
        ([{"key": "a", "label": "", "kind": "text"}], "required", "fields.0.label"),
        ([{"key": "a", "label": "x", "kind": "photo"}], "field_kind_invalid", "fields.0.kind"),
        (
            [{"key": "a", "label": "x", "kind": "choice", "options": []}],
            "field_options_invalid",
            "fields.0.options",
        ),
        (
            [{"key": "a", "label": "x", "kind": "choice", "options": ["一", "一"]}],
            "field_options_invalid",
            "fields.0.options",
        ),
        ([{"key": f"k{i}", "label": "x", "kind": "text"} for i in range(31)], "too_many_fields", "fields"),
    ],
)
def test_a_form_definition_is_checked_when_saved(fields, code, where):
    with pytest.raises(InvalidInput) as refused:
        clean_definition(fields)
    assert (refused.value.code, refused.value.field) == (code, where)


def test_answers_are_stored_exactly_and_in_the_forms_order():
    form = clean_definition([{**row, "kind": row["kind"].lower()} for row in SHELF_FORM])
    assert form[1].kind == FieldKind.MONEY
    stored = clean_answers(form, {"remark": " 好 ", "facings": "007", "stockout": True, "rival": "3"})
    assert stored == [
        {"key": "facings", "label": "排面数", "kind": "number", "value": "7"},
        {"key": "rival", "label": "竞品价格", "kind": "money", "value": "3.00"},
        {"key": "stockout", "label": "缺货", "kind": "boolean", "value": True},
        {"key": "remark", "label": "备注", "kind": "text", "value": "好"},
    ]
