"""Sales over GraphQL: the order flow with typed errors, idempotent create, quotations, settings,
recent lines, constant queries for order lists, and isolation between workspaces."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.sales.models import SalesOrder
from tests.fixtures.tenants import client_for, graphql

LINE_FIELDS = """
  id lineNo quantity unitName baseQuantity reservedQuantity shippedQuantity openQuantity
  unitPrice discountRate amount taxAmount
  sku { id code name specLabel baseUnit productCode } warehouse { code }
"""
ORDER_FIELDS = f"""
  id number status orderDate totalAmount taxAmount goodsAmount discountAmount balanceDue creditHold revision
  customer {{ code name }} rep {{ fullName }} warehouse {{ code }}
  shipTo {{ receiver city detail }}
  lines {{ {LINE_FIELDS} }}
"""
CREATE = f"""
mutation($input: SalesOrderCreateInput!) {{
  salesOrderCreate(input: $input) {{ salesOrder {{ {ORDER_FIELDS} }} errors {{ field code message }} }}
}}"""
MOVE = """
mutation($id: ID!) {
  submit: salesOrderSubmit(id: $id) { salesOrder { status } errors { code } }
}"""
APPROVE = """
mutation($id: ID!) {
  salesOrderApprove(id: $id, note: "ok") { salesOrder { status lines { reservedQuantity } } errors { code } }
}"""
SHIP = """
mutation($input: SalesOrderShipInput!) {
  salesOrderShip(input: $input) { salesOrder { status shippedAt lines { shippedQuantity costAmount } } errors { field code } }
}"""
LIST = f"""
query($filter: SalesOrderFilter, $limit: Int!) {{
  salesOrders(filter: $filter, limit: $limit) {{ totalCount items {{ {ORDER_FIELDS} }} }}
}}"""
DETAIL = """
query($id: ID!) {
  salesOrder(id: $id) {
    number status expenseAmount
    expenses { name amount }
    revisions { revision note actorName changes { field before after } }
    events { fromStatus toStatus note actorName }
  }
}"""


def as_role(selling, role):
    return client_for(selling.room.workspace, selling.user(role))


def error_code(result) -> str:
    return result["errors"][0]["extensions"]["code"]


def create_input(selling, **extra):
    return {
        "customerId": str(selling.customer.pk),
        "warehouseId": str(selling.room.main.pk),
        "lines": [
            {"skuId": str(selling.shirt.pk), "quantity": "3", "discountRate": "10"},
            {"skuId": str(selling.phone.pk), "quantity": "1", "unitPrice": "1888"},
        ],
        **extra,
    }


def test_a_rep_writes_an_order_that_a_manager_approves_and_the_warehouse_ships(selling):
    rep = as_role(selling, "sales")
    created = graphql(rep, CREATE, {"input": create_input(selling, idempotencyKey="api-so-000001")})["data"][
        "salesOrderCreate"
    ]
    assert created["errors"] == []
    order = created["salesOrder"]
    assert (order["status"], order["totalAmount"], order["taxAmount"]) == ("DRAFT", "2047.30", "235.53")
    assert (order["shipTo"]["city"], order["customer"]["name"], order["rep"]["fullName"]) == (
        "杭州市",
        selling.customer.name,
        selling.rep.full_name,
    )
    assert [(line["unitPrice"], line["amount"]) for line in order["lines"]] == [
        ("59.0000", "159.30"),
        ("1888.0000", "1888.00"),
    ]
    again = graphql(rep, CREATE, {"input": create_input(selling, idempotencyKey="api-so-000001")})
    assert again["data"]["salesOrderCreate"]["salesOrder"]["id"] == order["id"]
    assert (
        graphql(rep, MOVE, {"id": order["id"]})["data"]["submit"]["salesOrder"]["status"] == "PENDING_REVIEW"
    )
    refused = graphql(rep, APPROVE, {"id": order["id"]})["data"]["salesOrderApprove"]
    assert (refused["salesOrder"], refused["errors"][0]["code"]) == (None, "forbidden")
    approved = graphql(as_role(selling, "manager"), APPROVE, {"id": order["id"]})["data"]["salesOrderApprove"]
    assert approved["salesOrder"] == {
        "status": "PENDING_SHIPMENT",
        "lines": [{"reservedQuantity": "3.000"}, {"reservedQuantity": "1.000"}],
    }
    keeper = as_role(selling, "warehouse")
    lines = [{"lineId": line["id"], "quantity": line["baseQuantity"]} for line in order["lines"]]
    shipped = graphql(keeper, SHIP, {"input": {"orderId": order["id"], "lines": lines}})["data"][
        "salesOrderShip"
    ]
    assert shipped["errors"] == [] and shipped["salesOrder"]["status"] == "PENDING_SIGNBACK"
    # The warehouse sees quantities, never prices: the cost needs money sight as well.
    assert shipped["salesOrder"]["lines"][0] == {"shippedQuantity": "3.000", "costAmount": None}
    signed = graphql(
        keeper,
        "mutation($id: ID!) { salesOrderSignBack(id: $id) { salesOrder { status } errors { code } } }",
        {"id": order["id"]},
    )["data"]["salesOrderSignBack"]
    assert signed == {"salesOrder": {"status": "COMPLETED"}, "errors": []}
    detail = graphql(rep, DETAIL, {"id": order["id"]})["data"]["salesOrder"]
    assert [e["toStatus"] for e in detail["events"]] == [
        "DRAFT",
        "PENDING_REVIEW",
        "APPROVED",
        "PENDING_SHIPMENT",
        "PENDING_SIGNBACK",
        "COMPLETED",
    ]


def test_errors_come_back_typed_per_field(selling):
    rep = as_role(selling, "sales")
    bad = create_input(selling)
    bad["lines"] = [{"skuId": str(selling.shirt.pk), "quantity": "-1"}, {"skuId": "nope", "quantity": "1"}]
    result = graphql(rep, CREATE, {"input": bad})["data"]["salesOrderCreate"]
    assert result["salesOrder"] is None
    # A malformed id is refused by the API's input layer before the service runs, so it alone is
    # reported; with well-formed ids the service reports every line's problem at once.
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("lines.1.skuId", "id_invalid")]
    bad["lines"][1]["skuId"] = "99999999"
    result = graphql(rep, CREATE, {"input": bad})["data"]["salesOrderCreate"]
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("lines.0.quantity", "quantity_invalid"),
        ("lines.1.skuId", "not_found"),
    ]
    assert not SalesOrder.objects.exists()
    order = selling.order([(selling.shirt, "1")])
    cancel = graphql(
        rep,
        'mutation($id: ID!) { salesOrderCancel(id: $id, reason: "") { salesOrder { status } errors { field code } } }',
        {"id": str(order.pk)},
    )["data"]["salesOrderCancel"]
    assert cancel["errors"] == [{"field": "reason", "code": "required"}]
    wrong = graphql(rep, APPROVE, {"id": "abc"})["data"]["salesOrderApprove"]
    assert wrong["errors"][0]["code"] == "id_invalid"
    not_theirs = graphql(rep, APPROVE, {"id": str(order.pk)})["data"]["salesOrderApprove"]
    assert not_theirs["errors"][0]["code"] == "forbidden"
    missing = graphql(rep, DETAIL, {"id": "99999999"})
    assert error_code(missing) == "not_found"
    too_many = graphql(rep, LIST, {"limit": 101})
    assert error_code(too_many) == "page_invalid"
    anonymous = graphql(client_for(selling.room.workspace), LIST, {"limit": 1})
    assert error_code(anonymous) == "unauthenticated"


def test_an_approved_edit_shows_as_a_revision(selling):
    order = selling.order([(selling.shirt, "3")], status="approved")
    line = order.lines.get()
    result = graphql(
        as_role(selling, "sales"),
        """mutation($id: ID!, $input: SalesOrderUpdateInput!) {
          salesOrderUpdate(id: $id, input: $input) { salesOrder { revision totalAmount } errors { code } }
        }""",
        {
            "id": str(order.pk),
            "input": {
                "lines": [
                    {
                        "lineId": str(line.pk),
                        "skuId": str(selling.shirt.pk),
                        "quantity": "5",
                        "unitPrice": "50",
                    }
                ],
                "note": "客户加量",
            },
        },
    )["data"]["salesOrderUpdate"]
    assert result == {"salesOrder": {"revision": 1, "totalAmount": "250.00"}, "errors": []}
    detail = graphql(as_role(selling, "sales"), DETAIL, {"id": str(order.pk)})["data"]["salesOrder"]
    changes = {c["field"]: (c["before"], c["after"]) for c in detail["revisions"][0]["changes"]}
    assert changes == {"lines[1].quantity": ("3", "5"), "lines[1].unit_price": ("59", "50")}
    # The warehouse sees what changed in quantities, not in prices.
    keeper_view = graphql(as_role(selling, "warehouse"), DETAIL, {"id": str(order.pk)})["data"]["salesOrder"]
    assert [c["field"] for c in keeper_view["revisions"][0]["changes"]] == ["lines[1].quantity"]
    assert keeper_view["expenseAmount"] is None and keeper_view["expenses"] == []


def test_expenses_through_the_api(selling):
    order = selling.order([(selling.shirt, "1")], status="approved")
    rep = as_role(selling, "sales")
    added = graphql(
        rep,
        """mutation($input: OrderExpenseInput!) {
          orderExpenseAdd(input: $input) { expense { id name amount } salesOrder { expenseAmount } errors { code } }
        }""",
        {"input": {"orderId": str(order.pk), "name": "运费", "amount": "12.5"}},
    )["data"]["orderExpenseAdd"]
    assert added["salesOrder"] == {"expenseAmount": "12.50"} and added["expense"]["name"] == "运费"
    removed = graphql(
        rep,
        "mutation($id: ID!) { orderExpenseRemove(id: $id) { salesOrder { expenseAmount } errors { code } } }",
        {"id": added["expense"]["id"]},
    )["data"]["orderExpenseRemove"]
    assert removed == {"salesOrder": {"expenseAmount": "0.00"}, "errors": []}


def test_quotations_through_the_api(selling):
    rep = as_role(selling, "sales")
    created = graphql(
        rep,
        """mutation($input: QuotationCreateInput!) {
          quotationCreate(input: $input) { quotation { id number status totalAmount lines { unitPrice amount } } errors { code } }
        }""",
        {
            "input": {
                "customerId": str(selling.customer.pk),
                "lines": [{"skuId": str(selling.shirt.pk), "quantity": "10"}],
            }
        },
    )["data"]["quotationCreate"]
    quotation = created["quotation"]
    assert (quotation["status"], quotation["totalAmount"]) == ("DRAFT", "590.00")
    sent = graphql(
        rep,
        "mutation($id: ID!) { quotationSend(id: $id) { quotation { status } errors { code } } }",
        {"id": quotation["id"]},
    )
    assert sent["data"]["quotationSend"]["quotation"]["status"] == "SENT"
    converted = graphql(
        rep,
        """mutation($id: ID!, $wh: ID!) {
          quotationConvert(id: $id, warehouseId: $wh) { salesOrder { status totalAmount } quotation { status } errors { code } }
        }""",
        {"id": quotation["id"], "wh": str(selling.room.main.pk)},
    )["data"]["quotationConvert"]
    assert converted == {
        "salesOrder": {"status": "DRAFT", "totalAmount": "590.00"},
        "quotation": {"status": "CONVERTED"},
        "errors": [],
    }
    listed = graphql(
        rep, "{ quotations(status: CONVERTED) { totalCount items { number events { toStatus } } } }"
    )
    assert listed["data"]["quotations"]["totalCount"] == 1
    assert [e["toStatus"] for e in listed["data"]["quotations"]["items"][0]["events"]] == [
        "DRAFT",
        "SENT",
        "CONVERTED",
    ]
    keeper = graphql(as_role(selling, "warehouse"), "{ quotations { totalCount } }")
    assert keeper["data"]["quotations"]["totalCount"] == 0


def test_settings_are_changed_by_owners_only(selling):
    update = """mutation($input: SalesSettingsInput!) {
      salesSettingsUpdate(input: $input) { settings { reviewRequired creditPolicy defaultTaxRate } errors { field code } }
    }"""
    manager = graphql(as_role(selling, "manager"), update, {"input": {"reviewRequired": False}})
    assert manager["data"]["salesSettingsUpdate"]["errors"][0]["code"] == "forbidden"
    owner = graphql(
        as_role(selling, "owner"), update, {"input": {"creditPolicy": "APPROVAL", "defaultTaxRate": "9"}}
    )
    assert owner["data"]["salesSettingsUpdate"]["settings"] == {
        "reviewRequired": True,
        "creditPolicy": "APPROVAL",
        "defaultTaxRate": "9.00",
    }
    # Not one of the enum's values: refused before the service runs.
    bad = graphql(as_role(selling, "owner"), update, {"input": {"creditPolicy": "MAYBE"}})
    assert error_code(bad) == "query_invalid"
    assert graphql(as_role(selling, "sales"), "{ salesSettings { creditPolicy } }")["data"][
        "salesSettings"
    ] == {"creditPolicy": "APPROVAL"}


def test_recent_lines_and_queue_counts(selling):
    selling.order([(selling.shirt, "2", "55")], status="pending_review")
    selling.order([(selling.shirt, "4", "50"), (selling.phone, "1")], status="approved")
    rep = as_role(selling, "sales")
    recent = graphql(
        rep,
        "query($id: ID!) { customerRecentLines(customerId: $id) { sku { code } quantity unitPrice orderNumber } }",
        {"id": str(selling.customer.pk)},
    )["data"]["customerRecentLines"]
    assert [(r["sku"]["code"], r["quantity"], r["unitPrice"]) for r in recent] == [
        ("SHIRT-RED-M", "4.000", "50.0000"),
        ("PHONE-128", "1.000", "1999.0000"),
    ]
    counts = graphql(rep, "{ salesQueueCounts { pendingReview pendingShipment pendingPurchase } }")["data"]
    assert counts["salesQueueCounts"] == {"pendingReview": 1, "pendingShipment": 1, "pendingPurchase": 0}
    hidden = graphql(
        as_role(selling, "warehouse"),
        "query($id: ID!) { customerRecentLines(customerId: $id) { quantity } }",
        {"id": str(selling.customer.pk)},
    )
    assert error_code(hidden) == "not_found"


def test_the_order_list_costs_the_same_queries_for_10_or_100_orders(selling):
    manager = as_role(selling, "manager")

    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            result = graphql(manager, LIST, {"limit": 100})
        assert "errors" not in result, result
        return result["data"]["salesOrders"]["totalCount"], len(captured)

    with tenant_context(selling.room.workspace.tenant):
        for _ in range(10):
            selling.order([(selling.shirt, "1"), (selling.phone, "1")])
    ten = measure()
    with tenant_context(selling.room.workspace.tenant):
        for _ in range(90):
            selling.order([(selling.shirt, "1"), (selling.phone, "1")])
    hundred = measure()
    assert (ten[0], hundred[0]) == (10, 100)
    assert ten[1] == hundred[1], (ten, hundred)


def test_filters_of_the_order_list(selling):
    first = selling.order([(selling.shirt, "1")])
    selling.order([(selling.phone, "1")], status="approved")
    rep = as_role(selling, "sales")

    def numbers(filter_: dict) -> list[str]:
        result = graphql(rep, LIST, {"filter": filter_, "limit": 50})
        assert "errors" not in result, result
        return [item["number"] for item in result["data"]["salesOrders"]["items"]]

    assert numbers({"skuId": str(selling.shirt.pk)}) == [first.number]
    assert numbers({"statuses": ["DRAFT"]}) == [first.number]
    assert numbers({"search": first.number[-6:]}) == [first.number]
    assert len(numbers({"search": selling.customer.name[:2]})) == 2
    assert (
        len(numbers({"dateFrom": first.order_date.isoformat(), "dateTo": first.order_date.isoformat()})) == 2
    )
    assert numbers({"customerId": "0"}) == []
    bad = graphql(rep, LIST, {"filter": {"statuses": ["LOST"]}, "limit": 5})
    assert error_code(bad) == "query_invalid"


@pytest.mark.parametrize("role", ["sales", "manager"])
def test_another_workspaces_order_is_not_found(selling, beta, role):
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    beta_client = client_for(beta, beta.users[role])
    seen = graphql(beta_client, DETAIL, {"id": str(order.pk)})
    assert error_code(seen) == "not_found"
    approve = graphql(client_for(beta, beta.users["manager"]), APPROVE, {"id": str(order.pk)})
    assert approve["data"]["salesOrderApprove"]["errors"][0]["code"] == "not_found"
    assert graphql(beta_client, LIST, {"limit": 5})["data"]["salesOrders"]["totalCount"] == 0
    with tenant_context(selling.room.workspace.tenant):
        assert SalesOrder.objects.get(pk=order.pk).status == "pending_review"
