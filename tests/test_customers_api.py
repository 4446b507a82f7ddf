"""Customers over GraphQL: the flow with typed errors, duplicates, constant queries for the list,
who may do what, and isolation between workspaces."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.customers.models import Contact, Customer, CustomerLevel, CustomerTag
from tests.fixtures.customers import make_customer
from tests.fixtures.tenants import client_for, graphql

CUSTOMER_FIELDS = """
  id code name kind phone isActive creditLimit paymentTermsDays
  owner { id name: fullName } level { code name } tags { name color }
  contacts { id name phone isPrimary }
  addresses { id receiver province city district detail isDefault fullAddress }
"""
CREATE = f"""
mutation($input: CustomerCreateInput!) {{
  customerCreate(input: $input) {{ customer {{ {CUSTOMER_FIELDS} }} errors {{ field code message }} }}
}}"""
UPDATE = """
mutation($id: ID!, $input: CustomerUpdateInput!) {
  customerUpdate(id: $id, input: $input) { customer { name level { code } creditLimit } errors { field code } }
}"""
LIST = f"""
query($search: String, $tagIds: [ID!], $tagMode: CustomerTagMode) {{
  customers(search: $search, tagIds: $tagIds, tagMode: $tagMode, limit: 100) {{
    totalCount items {{ {CUSTOMER_FIELDS} }}
  }}
}}"""
DUPLICATES = """
query($name: String, $phone: String) {
  customerDuplicates(name: $name, phone: $phone) { customer { code name } matchedOn similarity blocking }
}"""


def as_role(crm, role):
    return client_for(crm.workspace, crm.user(role))


def error_code(result) -> str:
    return result["errors"][0]["extensions"]["code"]


def new_customer(**fields):
    return {
        "name": "杭州鑫达商贸有限公司",
        "phone": "0571-8821 6601",
        "contacts": [{"name": "陈建国", "title": "采购经理", "phone": "138 0571 0001"}],
        "addresses": [
            {
                "receiver": "陈建国",
                "phone": "13805710001",
                "province": "浙江省",
                "city": "杭州市",
                "district": "西湖区",
                "detail": "文三路 90 号",
            }
        ],
    } | fields


def test_a_rep_creates_and_edits_a_customer_through_the_api(crm):
    client = as_role(crm, "sales")
    with tenant_context(crm.workspace.tenant):
        tag = CustomerTag.objects.create(name="批发", color="#0052d9")
        level = CustomerLevel.objects.create(code="A", name="A类客户")
    created = graphql(
        client,
        CREATE,
        {"input": new_customer(tagIds=[str(tag.pk)], levelId=str(level.pk), idempotencyKey="api-cu-0001")},
    )["data"]["customerCreate"]
    assert created["errors"] == []
    customer = created["customer"]
    assert customer["owner"] == {"id": str(crm.rep.pk), "name": crm.rep.full_name}
    assert (customer["level"], customer["tags"]) == (
        {"code": "A", "name": "A类客户"},
        [{"name": "批发", "color": "#0052d9"}],
    )
    assert customer["contacts"][0]["isPrimary"] and customer["addresses"][0]["isDefault"]
    assert customer["addresses"][0]["fullAddress"] == "浙江省杭州市西湖区文三路 90 号"
    retried = graphql(client, CREATE, {"input": new_customer(idempotencyKey="api-cu-0001")})["data"]
    assert retried["customerCreate"]["customer"]["id"] == customer["id"]
    updated = graphql(
        client, UPDATE, {"id": customer["id"], "input": {"name": "杭州鑫达贸易", "levelId": None}}
    )
    assert updated["data"]["customerUpdate"] == {
        "customer": {"name": "杭州鑫达贸易", "level": None, "creditLimit": None},
        "errors": [],
    }
    credit = graphql(client, UPDATE, {"id": customer["id"], "input": {"creditLimit": "1000"}})
    assert credit["data"]["customerUpdate"] == {
        "customer": None,
        "errors": [{"field": "creditLimit", "code": "forbidden"}],
    }
    with tenant_context(crm.workspace.tenant):
        assert Customer.objects.count() == 1


def test_errors_come_back_typed_per_field_and_nothing_is_written(crm):
    client = as_role(crm, "sales")
    bad_third = new_customer()
    bad_third["addresses"] = bad_third["addresses"] * 2 + [dict(bad_third["addresses"][0], city="")]
    result = graphql(client, CREATE, {"input": bad_third})["data"]["customerCreate"]
    [error] = result["errors"]
    assert (result["customer"], error["field"], error["code"]) == (None, "addresses.2.city", "required")
    assert error["message"]
    too_many = graphql(client, CREATE, {"input": new_customer(contacts=[{"name": "x"}] * 21)})
    assert too_many["data"]["customerCreate"]["errors"][0]["code"] == "too_many_lines"
    bad_key = graphql(client, CREATE, {"input": new_customer(idempotencyKey="short")})
    assert bad_key["data"]["customerCreate"]["errors"] == [
        {
            "field": "idempotencyKey",
            "code": "idempotency_key_invalid",
            "message": bad_key["data"]["customerCreate"]["errors"][0]["message"],
        }
    ]
    with tenant_context(crm.workspace.tenant):
        assert not Customer.objects.exists() and not Contact.objects.exists()


def test_a_colleagues_customer_blocks_a_second_record_without_revealing_it(crm):
    with tenant_context(crm.workspace.tenant):
        theirs = make_customer("杭州鑫达商贸有限公司", owner=crm.rep2, phone="0571-88216601")
    client = as_role(crm, "sales")
    found = graphql(client, DUPLICATES, {"name": "杭州鑫达商贸", "phone": "+86 571 8821 6601"})
    assert found["data"]["customerDuplicates"] == [
        {"customer": None, "matchedOn": ["phone", "name"], "similarity": 1.0, "blocking": True}
    ]
    refused = graphql(client, CREATE, {"input": new_customer(name="鑫达")})["data"]["customerCreate"]
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("phone", "customer_duplicate")]
    assert (
        theirs.code not in refused["errors"][0]["message"] and "鑫达" not in refused["errors"][0]["message"]
    )
    manager = graphql(as_role(crm, "manager"), DUPLICATES, {"name": "杭州鑫达商贸城", "phone": ""})
    [similar] = manager["data"]["customerDuplicates"]
    assert similar["customer"]["code"] == theirs.code and similar["matchedOn"] == ["similar_name"]
    assert not similar["blocking"] and 0.5 <= similar["similarity"] < 1
    insisted = graphql(client, CREATE, {"input": new_customer(allowDuplicate=True)})["data"]["customerCreate"]
    assert insisted["errors"] == [] and insisted["customer"]["owner"]["id"] == str(crm.rep.pk)


def test_contacts_addresses_tags_and_owner_through_the_api(crm):
    with tenant_context(crm.workspace.tenant):
        customer = make_customer("地址测试", owner=crm.rep, contacts=[("甲", "")], addresses=1)
        first_address = customer.addresses.get()
    client = as_role(crm, "sales")
    added = graphql(
        client,
        """mutation($id: ID!) {
             customerAddressAdd(customerId: $id, input: {receiver: "乙", phone: "13900000001", province: "江苏省",
               city: "苏州市", detail: "星湖街 328 号", isDefault: true}) {
               address { id isDefault } customer { addresses { city isDefault } } errors { code } } }""",
        {"id": str(customer.pk)},
    )["data"]["customerAddressAdd"]
    assert added["errors"] == [] and added["address"]["isDefault"]
    assert added["customer"]["addresses"] == [
        {"city": "苏州市", "isDefault": True},
        {"city": "杭州市", "isDefault": False},
    ]
    back = graphql(
        client,
        "mutation($id: ID!) { customerAddressSetDefault(id: $id) { address { isDefault } errors { code } } }",
        {"id": str(first_address.pk)},
    )["data"]["customerAddressSetDefault"]
    assert back == {"address": {"isDefault": True}, "errors": []}
    contacts = graphql(
        client,
        """mutation($id: ID!) { customerContactsSet(customerId: $id, contacts: [{name: "丙"}, {name: "丁", isPrimary: true}]) {
             customer { contacts { name isPrimary } } errors { code } } }""",
        {"id": str(customer.pk)},
    )["data"]["customerContactsSet"]
    assert contacts["customer"]["contacts"] == [
        {"name": "丁", "isPrimary": True},
        {"name": "丙", "isPrimary": False},
    ]
    tag = graphql(
        client, 'mutation { customerTagCreate(name: "老客户") { tag { id name } errors { code } } }'
    )
    tag_id = tag["data"]["customerTagCreate"]["tag"]["id"]
    tagged = graphql(
        client,
        "mutation($id: ID!, $tags: [ID!]!) { customerTagsSet(customerId: $id, tagIds: $tags) { customer { tags { name } } errors { code } } }",
        {"id": str(customer.pk), "tags": [tag_id]},
    )["data"]["customerTagsSet"]
    assert tagged == {"customer": {"tags": [{"name": "老客户"}]}, "errors": []}
    assign = "mutation($id: ID!, $owner: ID) { customerAssignOwner(id: $id, ownerId: $owner) { customer { owner { name: fullName } } errors { code } } }"
    by_rep = graphql(client, assign, {"id": str(customer.pk), "owner": str(crm.rep2.pk)})["data"]
    assert by_rep["customerAssignOwner"] == {"customer": None, "errors": [{"code": "forbidden"}]}
    by_manager = graphql(as_role(crm, "manager"), assign, {"id": str(customer.pk), "owner": str(crm.rep2.pk)})
    assert by_manager["data"]["customerAssignOwner"]["customer"]["owner"] == {"name": crm.rep2.full_name}
    gone = graphql(client, "query($id: ID!) { customer(id: $id) { name } }", {"id": str(customer.pk)})
    assert error_code(gone) == "not_found"


def test_levels_and_the_communication_log_through_the_api(crm):
    manager = as_role(crm, "manager")
    level = graphql(
        manager,
        'mutation { customerLevelCreate(input: {code: "vip", name: "VIP客户"}) { level { id code } errors { code } } }',
    )["data"]["customerLevelCreate"]
    assert level["level"]["code"] == "VIP"
    by_rep = graphql(
        as_role(crm, "sales"),
        'mutation { customerLevelCreate(input: {code: "A", name: "A"}) { level { id } errors { code } } }',
    )["data"]["customerLevelCreate"]
    assert by_rep == {"level": None, "errors": [{"code": "forbidden"}]}
    renamed = graphql(
        manager,
        'mutation($id: ID!) { customerLevelUpdate(id: $id, input: {name: "钻石"}) { level { name } errors { code } } }',
        {"id": level["level"]["id"]},
    )["data"]["customerLevelUpdate"]
    assert renamed == {"level": {"name": "钻石"}, "errors": []}
    assert graphql(as_role(crm, "sales"), "{ customerLevels { code name } }")["data"]["customerLevels"] == [
        {"code": "VIP", "name": "钻石"}
    ]
    with tenant_context(crm.workspace.tenant):
        customer = make_customer("沟通测试", owner=crm.rep)
    log = """mutation($input: CommunicationLogInput!) { communicationLogAdd(input: $input) {
               communication { id kind content nextFollowUp actor { name: fullName } customer { code } } errors { field code } } }"""
    entry = {
        "customerId": str(customer.pk),
        "kind": "VISIT",
        "content": "上门拜访",
        "idempotencyKey": "log-api-0001",
    }
    first = graphql(as_role(crm, "sales"), log, {"input": entry})["data"]["communicationLogAdd"]
    again = graphql(as_role(crm, "sales"), log, {"input": entry})["data"]["communicationLogAdd"]
    assert first["errors"] == [] and again["communication"]["id"] == first["communication"]["id"]
    assert first["communication"]["actor"] == {"name": crm.rep.full_name}
    # kind is an enum: a value that is not one is refused before the service runs.
    bad = graphql(as_role(crm, "sales"), log, {"input": entry | {"kind": "FAX", "idempotencyKey": None}})
    assert bad["errors"][0]["extensions"]["code"] == "query_invalid"
    history = graphql(
        as_role(crm, "sales"),
        "query($id: ID) { customerCommunications(customerId: $id) { totalCount items { content } } }",
        {"id": str(customer.pk)},
    )["data"]["customerCommunications"]
    assert history == {"totalCount": 1, "items": [{"content": "上门拜访"}]}


def test_the_customer_list_costs_the_same_queries_for_5_or_50_customers(crm):
    client = as_role(crm, "manager")
    with tenant_context(crm.workspace.tenant):
        tags = [CustomerTag.objects.create(name=n) for n in ("批发", "零售", "老客户")]
        level = CustomerLevel.objects.create(code="A", name="A类客户")

    def add(n: int, start: int) -> None:
        with tenant_context(crm.workspace.tenant):
            for i in range(start, start + n):
                make_customer(
                    f"测试客户{i:03d}",
                    owner=crm.rep if i % 2 else crm.rep2,
                    level=level,
                    tags=tags[: 1 + i % 3],
                    contacts=[("甲", f"1380000{i:04d}"), ("乙", "")],
                    addresses=2,
                )

    def list_queries() -> tuple[int, int]:
        graphql(client, LIST)  # warm: session and user
        with CaptureQueriesContext(connection) as captured:
            result = graphql(client, LIST)
        page = result["data"]["customers"]
        assert all(len(c["contacts"]) == 2 and len(c["addresses"]) == 2 and c["owner"] for c in page["items"])
        return page["totalCount"], len(captured)

    add(5, 0)
    few_count, few_queries = list_queries()
    add(45, 5)
    many_count, many_queries = list_queries()
    assert (few_count, many_count) == (5, 50)
    assert few_queries == many_queries, (few_queries, many_queries)
    # The request (workspace, search_path, session, user, roles) takes 6; the page 5: the
    # customers with owner and level, tags, contacts, addresses, and the count.
    assert few_queries <= 11, few_queries


@pytest.mark.parametrize("role", ["warehouse", "distributor"])
def test_roles_without_customer_scopes_see_and_change_nothing(crm, role):
    with tenant_context(crm.workspace.tenant):
        customer = make_customer("仓库看不到", owner=crm.rep)
    client = as_role(crm, role)
    assert graphql(client, "{ customers { totalCount } }")["data"]["customers"]["totalCount"] == 0
    assert error_code(graphql(client, "{ customerTags { name } }")) == "forbidden"
    assert error_code(graphql(client, f'{{ customer(id: "{customer.pk}") {{ name }} }}')) == "not_found"
    created = graphql(client, CREATE, {"input": new_customer()})["data"]["customerCreate"]
    assert created["errors"][0]["code"] == "forbidden"
    changed = graphql(client, UPDATE, {"id": str(customer.pk), "input": {"name": "x"}})["data"][
        "customerUpdate"
    ]
    assert changed["errors"] == [{"field": "id", "code": "not_found"}]


def test_signed_out_callers_get_unauthenticated(crm):
    client = client_for(crm.workspace)
    assert error_code(graphql(client, "{ customers { totalCount } }")) == "unauthenticated"
    created = graphql(client, CREATE, {"input": new_customer()})["data"]["customerCreate"]
    assert created["errors"][0]["code"] == "unauthenticated"


def test_a_workspace_never_sees_or_touches_another_workspaces_customers(crm, beta):
    with tenant_context(crm.workspace.tenant):
        customer = make_customer(
            "阿尔法的客户", owner=crm.rep, phone="13812345678", contacts=[("甲", "")], addresses=1
        )
        contact_id, address_id = customer.contacts.get().pk, customer.addresses.get().pk
    beta_manager = client_for(beta, beta.users["manager"])
    assert graphql(beta_manager, "{ customers { totalCount } }")["data"]["customers"]["totalCount"] == 0
    assert error_code(graphql(beta_manager, f'{{ customer(id: "{customer.pk}") {{ name }} }}')) == "not_found"
    assert graphql(beta_manager, DUPLICATES, {"name": "阿尔法的客户", "phone": "13812345678"})["data"] == {
        "customerDuplicates": []
    }
    attempts = {
        "customerUpdate": f'customerUpdate(id: "{customer.pk}", input: {{name: "改"}}) {{ errors {{ code }} }}',
        "customerDeactivate": f'customerDeactivate(id: "{customer.pk}") {{ errors {{ code }} }}',
        "customerContactRemove": f'customerContactRemove(id: "{contact_id}") {{ errors {{ code }} }}',
        "customerAddressRemove": f'customerAddressRemove(id: "{address_id}") {{ errors {{ code }} }}',
    }
    for name, body in attempts.items():
        result = graphql(beta_manager, f"mutation {{ {body} }}")["data"][name]
        assert result["errors"] == [{"code": "not_found"}], name
    # Beta may enter the same customer: duplicates are per workspace.
    created = graphql(
        beta_manager, CREATE, {"input": new_customer(name="阿尔法的客户", phone="13812345678")}
    )["data"]["customerCreate"]
    assert created["errors"] == []
    with tenant_context(crm.workspace.tenant):
        again = Customer.objects.get(pk=customer.pk)
        assert (again.name, again.is_active, again.contacts.count(), again.addresses.count()) == (
            "阿尔法的客户",
            True,
            1,
            1,
        )
