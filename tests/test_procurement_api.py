"""Procurement over GraphQL: the flow with typed errors, constant queries for order lists, who
may see what, and isolation between workspaces."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.procurement.models import PurchaseOrder, Supplier
from tests.fixtures.procurement import purchasing_for, thresholds
from tests.fixtures.tenants import client_for, graphql

ORDER_FIELDS = """
  id number status amount
  supplier { code name }
  lines { id quantity unitName unitPrice baseQuantity receivedQty outstandingQty
          sku { code name } warehouse { code } }
"""
CREATE_ORDER = f"""
mutation($input: PurchaseOrderCreateInput!) {{
  purchaseOrderCreate(input: $input) {{ purchaseOrder {{ {ORDER_FIELDS} }} errors {{ field code message }} }}
}}"""
MOVE = """
mutation($id: ID!) {
  submit: purchaseOrderSubmit(id: $id) { purchaseOrder { status } errors { code } }
  approve: purchaseOrderApprove(id: $id, note: "ok") { purchaseOrder { status } errors { code } }
}"""
RECEIVE = """
mutation($input: GoodsReceiptCreateInput!) {
  goodsReceiptCreate(input: $input) {
    goodsReceipt { number lines { id acceptedQty rejectedQty unitCost acceptedAmount } }
    purchaseOrder { status }
    errors { field code }
  }
}"""
LIST = f"""
query($status: PurchaseOrderStatus) {{
  purchaseOrders(status: $status, limit: 100) {{ totalCount items {{ {ORDER_FIELDS} events {{ toStatus }} }} }}
}}"""
PAY = """
mutation($input: SupplierPaymentInput!) {
  supplierPaymentRecord(input: $input) { payment { amount currency supplier { code } } errors { field code } }
}"""


@pytest.fixture
def buying(stockroom):
    return purchasing_for(stockroom)


def as_role(buying, role):
    return client_for(buying.room.workspace, buying.user(role))


def error_code(result) -> str:
    return result["errors"][0]["extensions"]["code"]


def test_a_buyer_orders_and_receives_through_the_api(buying):
    room = buying.room
    client = as_role(buying, "warehouse")
    created = graphql(
        client,
        CREATE_ORDER,
        {
            "input": {
                "supplierId": str(buying.acme.pk),
                "lines": [
                    {"skuId": str(room.shirt.pk), "warehouseId": str(room.main.pk), "quantity": "2"},
                    {"skuId": str(room.shirt.pk), "warehouseId": str(room.branch.pk), "quantity": "1"},
                ],
                "idempotencyKey": "api-po-00001",
            }
        },
    )["data"]["purchaseOrderCreate"]
    assert created["errors"] == []
    order = created["purchaseOrder"]
    assert (order["status"], order["amount"], order["supplier"]["code"]) == ("DRAFT", "360.00", "ACME")
    assert [(line["unitName"], line["baseQuantity"]) for line in order["lines"]] == [
        ("箱", "24.000"),
        ("箱", "12.000"),
    ]
    moved = graphql(client, MOVE, {"id": order["id"]})["data"]
    assert (moved["submit"]["purchaseOrder"]["status"], moved["approve"]["purchaseOrder"]["status"]) == (
        "SUBMITTED",
        "APPROVED",
    )
    main_line, branch_line = order["lines"]
    received = graphql(
        client,
        RECEIVE,
        {
            "input": {
                "purchaseOrderId": order["id"],
                "lines": [
                    {
                        "lineId": main_line["id"],
                        "acceptedQty": "23",
                        "rejectedQty": "1",
                        "rejectReason": "破损",
                    },
                    {"lineId": branch_line["id"], "acceptedQty": "12"},
                ],
            }
        },
    )["data"]["goodsReceiptCreate"]
    assert received["errors"] == [] and received["purchaseOrder"]["status"] == "PARTLY_RECEIVED"
    assert received["goodsReceipt"]["lines"][0]["unitCost"] == "10.0000"
    assert received["goodsReceipt"]["lines"][0]["acceptedAmount"] == "230.00"
    rejected_line = received["goodsReceipt"]["lines"][0]["id"]
    returned = graphql(
        client,
        """mutation($input: SupplierReturnCreateInput!) {
          supplierReturnCreate(input: $input) { supplierReturn { number amount lines { source } } errors { code } }
        }""",
        {
            "input": {
                "supplierId": str(buying.acme.pk),
                "lines": [{"quantity": "1", "receiptLineId": rejected_line}],
            }
        },
    )["data"]["supplierReturnCreate"]
    assert returned["errors"] == [] and returned["supplierReturn"]["lines"] == [{"source": "REJECTED"}]
    detail = graphql(
        client,
        """query($id: ID!) { purchaseOrder(id: $id) {
             status receipts { number lines { rejectedQty returnedQty } } events { fromStatus toStatus note }
           } }""",
        {"id": order["id"]},
    )["data"]["purchaseOrder"]
    assert [e["toStatus"] for e in detail["events"]] == ["DRAFT", "SUBMITTED", "APPROVED", "PARTLY_RECEIVED"]
    assert detail["receipts"][0]["lines"][0] == {"rejectedQty": "1.000", "returnedQty": "1.000"}


def test_suppliers_and_their_prices(buying):
    room = buying.room
    client = as_role(buying, "warehouse")
    created = graphql(
        client,
        """mutation($input: SupplierCreateInput!) {
             supplierCreate(input: $input) { supplier { id code contacts { name email } } errors { field code } } }""",
        {
            "input": {
                "code": "sz-01",
                "name": "深圳电子",
                "paymentTermsDays": 60,
                "contacts": [{"name": "李四", "phone": "0755-1234", "email": "li@sz.cn"}],
            }
        },
    )["data"]["supplierCreate"]
    assert created["errors"] == []
    assert created["supplier"]["code"] == "SZ-01"
    supplier_id = created["supplier"]["id"]
    item = graphql(
        client,
        """mutation($input: SupplierItemInput!) {
             supplierItemSet(input: $input) { supplierItem { unitName price basePrice minOrderQty } errors { code } } }""",
        {
            "input": {
                "supplierId": supplier_id,
                "skuId": str(room.phone.pk),
                "price": "950",
                "minOrderQty": "10",
            }
        },
    )["data"]["supplierItemSet"]
    assert item == {
        "supplierItem": {
            "unitName": "件",
            "price": "950.0000",
            "basePrice": "950.0000",
            "minOrderQty": "10.000",
        },
        "errors": [],
    }
    duplicate = graphql(
        client,
        'mutation { supplierCreate(input: {code: "SZ-01", name: "x"}) { supplier { id } errors { field code } } }',
    )["data"]["supplierCreate"]
    assert duplicate == {"supplier": None, "errors": [{"field": "code", "code": "code_taken"}]}
    for role in ("manager", "finance"):  # cost.view: they may look, not change
        listed = graphql(
            as_role(buying, role),
            '{ suppliers(search: "sz") { totalCount items { items { sku { code } } } } }',
        )["data"]["suppliers"]
        assert listed == {"totalCount": 1, "items": [{"items": [{"sku": {"code": "PHONE-128"}}]}]}


def test_errors_come_back_typed_per_field(buying):
    room = buying.room
    client = as_role(buying, "warehouse")
    line = {"skuId": str(room.phone.pk), "warehouseId": str(room.main.pk), "quantity": "1"}
    too_many = graphql(
        client, CREATE_ORDER, {"input": {"supplierId": str(buying.bolt.pk), "lines": [line] * 101}}
    )
    [error] = too_many["data"]["purchaseOrderCreate"]["errors"]
    assert (error["field"], error["code"]) == ("lines", "too_many_lines") and error["message"]
    unknown = graphql(
        client,
        CREATE_ORDER,
        {"input": {"supplierId": str(buying.bolt.pk), "lines": [{**line, "warehouseId": "nope"}]}},
    )["data"]["purchaseOrderCreate"]["errors"]
    # A malformed id is refused by the API's input layer, on the same field.
    assert [(e["field"], e["code"]) for e in unknown] == [("lines.0.warehouseId", "id_invalid")]
    order = buying.order(buying.bolt, [(room.phone, room.main, "2")])
    over = graphql(
        client,
        RECEIVE,
        {
            "input": {
                "purchaseOrderId": str(order.pk),
                "lines": [{"lineId": str(order.lines.get().pk), "acceptedQty": "3"}],
            }
        },
    )["data"]["goodsReceiptCreate"]
    assert (over["goodsReceipt"], over["errors"]) == (None, [{"field": "lines.0", "code": "over_receipt"}])
    illegal = graphql(client, MOVE, {"id": str(order.pk)})["data"]
    assert illegal["submit"]["errors"] == [{"code": "transition_invalid"}]
    payment = graphql(
        as_role(buying, "finance"),
        PAY,
        {"input": {"supplierId": str(buying.bolt.pk), "amount": "-1"}},
    )["data"]["supplierPaymentRecord"]
    assert payment == {"payment": None, "errors": [{"field": "amount", "code": "amount_invalid"}]}


def test_the_order_list_costs_the_same_queries_for_3_or_15_orders(buying):
    room = buying.room
    client = as_role(buying, "warehouse")

    def list_queries() -> tuple[int, int]:
        graphql(client, LIST)  # warm: session and user
        with CaptureQueriesContext(connection) as captured:
            result = graphql(client, LIST)
        return result["data"]["purchaseOrders"]["totalCount"], len(captured)

    def add_orders(n: int) -> None:
        for _ in range(n):
            buying.order(buying.acme, [(room.shirt, room.main, "1"), (room.shirt, room.branch, "2")])
            buying.order(buying.bolt, [(room.phone, room.branch, "3")], status="draft")

    with tenant_context(room.workspace.tenant):
        add_orders(2)  # 4 orders (3 would do; the count is what matters)
    few_count, few_queries = list_queries()
    with tenant_context(room.workspace.tenant):
        add_orders(6)
    many_count, many_queries = list_queries()
    assert (few_count, many_count) == (4, 16)
    assert few_queries == many_queries, (few_queries, many_queries)
    assert few_queries <= 10, few_queries


def test_sales_and_distributors_are_refused_and_never_see_prices(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "2", "987.65")])
    queries = {
        "suppliers": "{ suppliers { items { code items { price } } } }",
        "purchaseOrders": "{ purchaseOrders { items { lines { unitPrice } } } }",
        "purchaseOrder": f'{{ purchaseOrder(id: "{order.pk}") {{ lines {{ unitPrice }} }} }}',
        "payables": "{ payables { items { balance } } }",
        "supplierPayments": "{ supplierPayments { items { amount } } }",
        "supplierReturns": "{ supplierReturns { items { amount } } }",
        "replenishmentSuggestion": "{ replenishmentSuggestion { orders { amount } } }",
    }
    for role in ("sales", "distributor"):
        client = as_role(buying, role)
        for name, query in queries.items():
            result = graphql(client, query)
            assert result["data"] is None and error_code(result) == "forbidden", (role, name)
            assert "987.65" not in str(result)
        created = graphql(
            client,
            CREATE_ORDER,
            {"input": {"supplierId": str(buying.bolt.pk), "lines": []}},
        )["data"]["purchaseOrderCreate"]
        assert created["errors"][0]["code"] == "forbidden"


def test_finance_sees_payables_and_pays_but_does_not_buy(buying):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "2")])
    buying.receive(order, (order.lines.get(), "2", "0"))
    finance = as_role(buying, "finance")
    paid = graphql(
        finance,
        PAY,
        {"input": {"supplierId": str(buying.bolt.pk), "amount": "500", "idempotencyKey": "pay-api-0001"}},
    )["data"]["supplierPaymentRecord"]
    assert paid == {
        "payment": {"amount": "500.00", "currency": "CNY", "supplier": {"code": "BOLT"}},
        "errors": [],
    }
    payables = graphql(
        finance,
        "{ payables(outstandingOnly: true) { totalCount items { supplier { code } ordered received paid balance } } }",
    )["data"]["payables"]
    assert payables == {
        "totalCount": 1,
        "items": [
            {
                "supplier": {"code": "BOLT"},
                "ordered": "2000.00",
                "received": "2000.00",
                "paid": "500.00",
                "balance": "1500.00",
            }
        ],
    }
    assert graphql(finance, "{ purchaseOrders { totalCount } }")["data"]["purchaseOrders"]["totalCount"] == 1
    assert error_code(graphql(finance, "{ replenishmentSuggestion { orders { amount } } }")) == "forbidden"
    refused = graphql(finance, MOVE, {"id": str(order.pk)})["data"]["submit"]["errors"]
    assert refused == [{"code": "forbidden"}]


def test_suggestion_and_confirmation_through_the_api(buying):
    room = buying.room
    with tenant_context(room.workspace.tenant):
        for warehouse in (room.main, room.branch):
            thresholds(room.phone, warehouse, reorder_point="2", max_qty="6")
    client = as_role(buying, "warehouse")
    suggestion = graphql(
        client,
        """{ replenishmentSuggestion { unsourced { skuCode }
             orders { supplierId supplierCode amount lines { skuId warehouseId orderQuantity unitPrice supplierId } } } }""",
    )["data"]["replenishmentSuggestion"]
    [order] = suggestion["orders"]
    assert (order["supplierCode"], order["amount"], len(order["lines"])) == ("BOLT", "12000.00", 2)
    lines = [
        {k: line[k] for k in ("supplierId", "skuId", "warehouseId")} | {"quantity": line["orderQuantity"]}
        for line in order["lines"]
    ]
    lines[1]["quantity"] = "4"  # the buyer edits before confirming
    confirmed = graphql(
        client,
        """mutation($lines: [ReplenishmentLineInput!]!) {
             replenishmentConfirm(lines: $lines, idempotencyKey: "replenish-api-1") {
               purchaseOrders { status supplier { code } lines { quantity } } errors { code } } }""",
        {"lines": lines},
    )["data"]["replenishmentConfirm"]
    assert confirmed["errors"] == []
    assert confirmed["purchaseOrders"] == [
        {
            "status": "DRAFT",
            "supplier": {"code": "BOLT"},
            "lines": [{"quantity": "6.000"}, {"quantity": "4.000"}],
        }
    ]


def test_a_workspace_never_sees_another_workspaces_suppliers_or_orders(buying, beta):
    room = buying.room
    order = buying.order(buying.bolt, [(room.phone, room.main, "1")])
    line_id = order.lines.get().pk
    beta_buyer = client_for(beta, beta.users["warehouse"])
    assert graphql(beta_buyer, "{ suppliers { totalCount } }")["data"]["suppliers"]["totalCount"] == 0
    assert (
        graphql(beta_buyer, "{ purchaseOrders { totalCount } }")["data"]["purchaseOrders"]["totalCount"] == 0
    )
    assert (
        error_code(graphql(beta_buyer, f'{{ purchaseOrder(id: "{order.pk}") {{ number }} }}')) == "not_found"
    )
    assert (
        error_code(graphql(beta_buyer, f'{{ supplier(id: "{buying.bolt.pk}") {{ code }} }}')) == "not_found"
    )
    receipt = graphql(
        beta_buyer,
        RECEIVE,
        {
            "input": {
                "purchaseOrderId": str(order.pk),
                "lines": [{"lineId": str(line_id), "acceptedQty": "1"}],
            }
        },
    )["data"]["goodsReceiptCreate"]
    assert receipt["errors"] == [{"field": "id", "code": "not_found"}]
    with tenant_context(beta.tenant):
        assert not Supplier.objects.exists() and not PurchaseOrder.objects.exists()
    with tenant_context(room.workspace.tenant):
        assert PurchaseOrder.objects.get(pk=order.pk).status == "approved"
