"""Every create mutation takes an idempotency key: a retry with the same key returns the first
record (not a second one, not code_taken), a key already used for another action or a malformed
key is refused with nothing written, and partner keys share the mechanism with people, each
actor with keys of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django_tenants.utils import tenant_context

from saas.catalog.models import Category
from saas.core.models import IdempotencyKey
from saas.customers.models import Address, Contact, CustomerLevel, CustomerTag
from saas.inventory.models import Bin, Warehouse
from saas.procurement.models import Supplier
from saas.sales.models import OrderExpense
from saas.shipping.models import Carrier
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.sales import Selling
from tests.fixtures.tenants import client_for, graphql

ERRORS = "errors { field code }"


@dataclass(frozen=True)
class Case:
    mutation: str
    document: str  # takes the key as $key, wherever the mutation wants it
    variables: Callable[[Selling], dict[str, Any]]
    model: type[models.Model]
    record: str  # the payload field that holds what was made

    def __str__(self) -> str:
        return self.mutation


CASES = [
    Case(
        "categoryCreate",
        f"""mutation($key: String) {{
          categoryCreate(input: {{name: "饮料", idempotencyKey: $key}}) {{ category {{ id }} {ERRORS} }}
        }}""",
        lambda s: {},
        Category,
        "category",
    ),
    Case(
        "warehouseCreate",
        f"""mutation($key: String) {{
          warehouseCreate(code: "SH", name: "上海仓", idempotencyKey: $key) {{ warehouse {{ id }} {ERRORS} }}
        }}""",
        lambda s: {},
        Warehouse,
        "warehouse",
    ),
    Case(
        "binCreate",
        f"""mutation($warehouseId: ID!, $key: String) {{
          binCreate(warehouseId: $warehouseId, code: "A-01", idempotencyKey: $key) {{ bin {{ id }} {ERRORS} }}
        }}""",
        lambda s: {"warehouseId": str(s.room.main.pk)},
        Bin,
        "bin",
    ),
    Case(
        "supplierCreate",
        f"""mutation($key: String) {{
          supplierCreate(input: {{
            code: "ZJPAPER", name: "浙江纸业", contacts: [{{name: "李经理"}}], idempotencyKey: $key
          }}) {{ supplier {{ id }} {ERRORS} }}
        }}""",
        lambda s: {},
        Supplier,
        "supplier",
    ),
    Case(
        "customerContactAdd",
        f"""mutation($customerId: ID!, $key: String) {{
          customerContactAdd(customerId: $customerId, input: {{name: "赵会计", phone: "13900001111"}},
                             idempotencyKey: $key) {{ contact {{ id }} {ERRORS} }}
        }}""",
        lambda s: {"customerId": str(s.customer.pk)},
        Contact,
        "contact",
    ),
    Case(
        "customerAddressAdd",
        f"""mutation($customerId: ID!, $key: String) {{
          customerAddressAdd(customerId: $customerId, input: {{
            receiver: "赵会计", phone: "13900001111", province: "浙江省", city: "宁波市", detail: "中山路 1 号"
          }}, idempotencyKey: $key) {{ address {{ id }} {ERRORS} }}
        }}""",
        lambda s: {"customerId": str(s.customer.pk)},
        Address,
        "address",
    ),
    Case(
        "customerTagCreate",
        f"""mutation($key: String) {{
          customerTagCreate(name: "重点", idempotencyKey: $key) {{ tag {{ id }} {ERRORS} }}
        }}""",
        lambda s: {},
        CustomerTag,
        "tag",
    ),
    Case(
        "customerLevelCreate",
        f"""mutation($key: String) {{
          customerLevelCreate(input: {{code: "VIP", name: "VIP 客户", idempotencyKey: $key}}) {{
            level {{ id }} {ERRORS}
          }}
        }}""",
        lambda s: {},
        CustomerLevel,
        "level",
    ),
    Case(
        "orderExpenseAdd",
        # The order's total comes back too: a replay must not count the expense twice.
        f"""mutation($orderId: ID!, $key: String) {{
          orderExpenseAdd(input: {{orderId: $orderId, name: "运费", amount: "12.5", idempotencyKey: $key}}) {{
            expense {{ id }} salesOrder {{ expenseAmount }} {ERRORS}
          }}
        }}""",
        lambda s: {"orderId": str(s.order([(s.shirt, "1")]).pk)},
        OrderExpense,
        "expense",
    ),
    Case(
        "carrierCreate",
        f"""mutation($key: String) {{
          carrierCreate(input: {{code: "HZCITY", nameZh: "杭州同城", idempotencyKey: $key}}) {{
            carrier {{ id }} {ERRORS}
          }}
        }}""",
        lambda s: {},
        Carrier,
        "carrier",
    ),
]
BY_NAME = {case.mutation: case for case in CASES}


def call(client: Any, case: Case, variables: dict[str, Any], key: str | None) -> dict[str, Any]:
    answer = graphql(client, case.document, variables | {"key": key})
    assert "errors" not in answer, answer
    return answer["data"][case.mutation]


def rows(selling: Selling, model: type[models.Model]) -> int:
    with tenant_context(selling.room.workspace.tenant):
        return model._default_manager.count()


def owner(selling: Selling) -> Any:
    return client_for(selling.room.workspace, selling.user("owner"))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_retry_with_the_same_key_returns_the_first_record(selling: Selling, case: Case) -> None:
    client, variables = owner(selling), case.variables(selling)
    before = rows(selling, case.model)
    first = call(client, case, variables, "retry-0001")
    again = call(client, case, variables, "retry-0001")
    assert first["errors"] == [] and first[case.record]["id"]
    assert again == first
    assert rows(selling, case.model) == before + 1
    # Without a key the same request is a second write (a second row or a taken code).
    other = call(client, case, variables, None)
    assert other[case.record] is None or other[case.record]["id"] != first[case.record]["id"]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_key_used_for_another_action_is_refused_and_nothing_written(selling: Selling, case: Case) -> None:
    client, variables = owner(selling), case.variables(selling)
    used_for = BY_NAME["warehouseCreate" if case.mutation == "customerTagCreate" else "customerTagCreate"]
    assert call(client, used_for, used_for.variables(selling), "shared-0001")["errors"] == []
    before = rows(selling, case.model)
    refused = call(client, case, variables, "shared-0001")
    assert refused == {
        case.record: None,
        **({"salesOrder": None} if case.mutation == "orderExpenseAdd" else {}),
        "errors": [{"field": "idempotencyKey", "code": "idempotency_key_reused"}],
    }
    assert rows(selling, case.model) == before


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_malformed_key_is_refused_and_nothing_written(selling: Selling, case: Case) -> None:
    client, variables = owner(selling), case.variables(selling)
    before = rows(selling, case.model)
    refused = call(client, case, variables, "no spaces allowed")
    assert refused["errors"] == [{"field": "idempotencyKey", "code": "idempotency_key_invalid"}]
    assert refused[case.record] is None
    assert rows(selling, case.model) == before and rows(selling, IdempotencyKey) == 0


def test_a_replay_of_a_contact_removed_since_is_not_found_and_adds_nothing(selling: Selling) -> None:
    client, case = owner(selling), BY_NAME["customerContactAdd"]
    variables = case.variables(selling)
    first = call(client, case, variables, "contact-0001")
    removed = graphql(
        client,
        "mutation($id: ID!) { customerContactRemove(id: $id) { errors { code } } }",
        {"id": first["contact"]["id"]},
    )
    assert removed["data"]["customerContactRemove"]["errors"] == []
    before = rows(selling, Contact)
    again = call(client, case, variables, "contact-0001")
    assert again == {"contact": None, "errors": [{"field": "id", "code": "not_found"}]}
    assert rows(selling, Contact) == before


TAG = f"""mutation($name: String!, $key: String) {{
  customerTagCreate(name: $name, idempotencyKey: $key) {{ tag {{ id }} {ERRORS} }}
}}"""
WAREHOUSE = BY_NAME["warehouseCreate"].document


def test_partner_keys_share_the_mechanism_with_their_own_keys(selling: Selling) -> None:
    workspace = selling.room.workspace

    def client(*scopes: str, name: str) -> Any:
        secret = issue_key(workspace, *scopes, name=name).secret
        assert secret is not None
        return key_client(workspace, secret)

    erp, shop = (
        client("customers:write", "inventory:write", name="ERP"),
        client("customers:write", name="Shop"),
    )
    tags_before, warehouses_before = rows(selling, CustomerTag), rows(selling, Warehouse)

    def tag(caller: Any, name: str) -> dict[str, Any]:
        status, answer = key_post(caller, TAG, {"name": name, "key": "sync-tag-0001"})
        assert status == 200 and "errors" not in answer, answer
        return answer["data"]["customerTagCreate"]

    first = tag(erp, "渠道")
    assert first["errors"] == [] and tag(erp, "渠道") == first
    # The same key string from another partner key, or from a person, is theirs alone.
    from_shop = tag(shop, "电商")
    from_person = graphql(owner(selling), TAG, {"name": "门店", "key": "sync-tag-0001"})["data"]
    ids = {first["tag"]["id"], from_shop["tag"]["id"], from_person["customerTagCreate"]["tag"]["id"]}
    assert len(ids) == 3 and rows(selling, CustomerTag) == tags_before + 3
    # A key's own key string stays bound to its first action, and a malformed one is refused.
    reused = key_post(erp, WAREHOUSE, {"key": "sync-tag-0001"})[1]["data"]["warehouseCreate"]
    assert reused["errors"] == [{"field": "idempotencyKey", "code": "idempotency_key_reused"}]
    malformed = key_post(erp, WAREHOUSE, {"key": "bad"})[1]["data"]["warehouseCreate"]
    assert malformed["errors"] == [{"field": "idempotencyKey", "code": "idempotency_key_invalid"}]
    assert rows(selling, Warehouse) == warehouses_before
    with tenant_context(workspace.tenant):
        stored = IdempotencyKey.objects.filter(key="sync-tag-0001")
        assert sorted((k.actor_id is None, k.actor_kind) for k in stored) == [
            (False, "user"),
            (True, "api_client"),
            (True, "api_client"),
        ]
