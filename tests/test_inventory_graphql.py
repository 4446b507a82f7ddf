"""Inventory over GraphQL: who sees what, typed errors, constant query counts, tenant isolation."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.inventory.models import Warehouse
from tests.fixtures.inventory import make_sku
from tests.fixtures.tenants import client_for, graphql

LEVELS = "{ stockLevels { totalCount items { sku { code name } warehouse { code } onHand available avgCost isLow } } }"
MOVEMENTS = "{ stockMovements { totalCount items { kind onHandDelta unitCost value sku { code } warehouse { code } actorName } } }"
ENTRY = """mutation($i: StockEntryInput!) { stockEntryCreate(input: $i) {
  document { number status lines { sku { code } quantity } } errors { field code } } }"""


def test_warehouse_sees_costs_and_sales_sees_availability_without_cost(stockroom):
    stockroom.receive(stockroom.shirt, "10", "35.5")
    keeper = graphql(client_for(stockroom.workspace, stockroom.keeper), LEVELS)["data"]["stockLevels"]
    assert keeper["items"] == [
        {
            "sku": {"code": "SHIRT-RED-M", "name": "红色衬衫"},
            "warehouse": {"code": "MAIN"},
            "onHand": "10.000",
            "available": "10.000",
            "avgCost": "35.5000",
            "isLow": False,
        }
    ]
    sales = graphql(client_for(stockroom.workspace, stockroom.workspace.users["sales"]), LEVELS)["data"][
        "stockLevels"
    ]
    assert sales["items"][0]["available"] == "10.000" and sales["items"][0]["avgCost"] is None


def test_movement_history_is_for_warehouse_and_purchasing_only(stockroom):
    stockroom.receive(stockroom.shirt, "3", "2")
    keeper = graphql(client_for(stockroom.workspace, stockroom.keeper), MOVEMENTS)["data"]["stockMovements"]
    assert keeper["items"][0]["value"] == "6.0000" and keeper["items"][0]["actorName"] == "alpha warehouse"
    sales = graphql(client_for(stockroom.workspace, stockroom.workspace.users["sales"]), MOVEMENTS)
    assert sales["errors"][0]["extensions"]["code"] == "forbidden"


def test_stock_entry_mutation_returns_document_or_typed_errors(stockroom):
    client = client_for(stockroom.workspace, stockroom.keeper)
    ok = graphql(
        client,
        ENTRY,
        {
            "i": {
                "warehouseId": stockroom.main.pk,
                "direction": "IN",
                "reason": "OPENING",
                "lines": [{"skuId": stockroom.shirt.pk, "quantity": "5", "unitCost": "9.9"}],
            }
        },
    )
    document = ok["data"]["stockEntryCreate"]["document"]
    assert document["number"].startswith("IN-") and document["lines"] == [
        {"sku": {"code": "SHIRT-RED-M"}, "quantity": "5.000"}
    ]
    short = graphql(
        client,
        ENTRY,
        {
            "i": {
                "warehouseId": stockroom.main.pk,
                "direction": "OUT",
                "reason": "LOST",
                "lines": [{"skuId": stockroom.shirt.pk, "quantity": "6"}],
            }
        },
    )
    assert short["data"]["stockEntryCreate"] == {
        "document": None,
        "errors": [{"field": "lines.0", "code": "insufficient_stock"}],
    }
    bad_sku = graphql(
        client,
        ENTRY,
        {
            "i": {
                "warehouseId": stockroom.main.pk,
                "direction": "IN",
                "reason": "FOUND",
                "lines": [{"skuId": "nope", "quantity": "1"}],
            }
        },
    )
    # A malformed id is refused by the API's input layer, on the same field.
    assert bad_sku["data"]["stockEntryCreate"]["errors"] == [{"field": "lines.0.skuId", "code": "id_invalid"}]
    sales = graphql(
        client_for(stockroom.workspace, stockroom.workspace.users["sales"]),
        ENTRY,
        {
            "i": {
                "warehouseId": stockroom.main.pk,
                "direction": "IN",
                "reason": "FOUND",
                "lines": [{"skuId": stockroom.shirt.pk, "quantity": "1"}],
            }
        },
    )
    assert sales["data"]["stockEntryCreate"]["errors"][0]["code"] == "forbidden"


def test_transfer_and_stocktake_flow_over_graphql(stockroom):
    stockroom.receive(stockroom.phone, "5", "1000")
    client = client_for(stockroom.workspace, stockroom.keeper)
    created = graphql(
        client,
        """mutation($i: TransferInput!) { transferCreate(input: $i) { document { id number status } errors { code } } }""",
        {
            "i": {
                "fromWarehouseId": stockroom.main.pk,
                "toWarehouseId": stockroom.branch.pk,
                "lines": [{"skuId": stockroom.phone.pk, "quantity": "2"}],
            }
        },
    )["data"]["transferCreate"]["document"]
    assert created["status"] == "IN_TRANSIT"
    received = graphql(
        client,
        "mutation($id: ID!) { transferReceive(id: $id) { document { status } errors { code } } }",
        {"id": created["id"]},
    )
    assert received["data"]["transferReceive"] == {"document": {"status": "RECEIVED"}, "errors": []}
    again = graphql(
        client,
        "mutation($id: ID!) { transferReceive(id: $id) { document { status } errors { code } } }",
        {"id": created["id"]},
    )
    assert again["data"]["transferReceive"]["errors"] == [{"code": "transition_invalid"}]
    sheet = graphql(
        client,
        "mutation($w: ID!) { stocktakeStart(warehouseId: $w) { document { id lines { sku { code } quantity } } } }",
        {"w": stockroom.main.pk},
    )["data"]["stocktakeStart"]["document"]
    assert sheet["lines"] == [{"sku": {"code": "PHONE-128"}, "quantity": "3.000"}]
    graphql(
        client,
        "mutation($id: ID!, $c: [CountLineInput!]!) { stocktakeCount(id: $id, counts: $c) { errors { code } } }",
        {"id": sheet["id"], "c": [{"skuId": stockroom.phone.pk, "countedQuantity": "2"}]},
    )
    approved = graphql(
        client,
        "mutation($id: ID!) { stocktakeApprove(id: $id) { document { status lines { difference } } } }",
        {"id": sheet["id"]},
    )
    assert approved["data"]["stocktakeApprove"]["document"] == {
        "status": "APPROVED",
        "lines": [{"difference": "-1.000"}],
    }


def test_stock_lists_use_a_constant_number_of_queries(stockroom):
    client = client_for(stockroom.workspace, stockroom.keeper)

    def count_queries(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            result = graphql(client, query)
        assert "errors" not in result, result
        return len(queries)

    stockroom.receive(stockroom.shirt, "1", "1")
    few_levels, few_movements = count_queries(LEVELS), count_queries(MOVEMENTS)
    for n in range(25):
        sku = make_sku(f"BULK-{n}")
        stockroom.receive(sku, "2", "3")
        stockroom.receive(sku, "1", "3", warehouse=stockroom.branch)
    assert count_queries(LEVELS) == few_levels
    assert count_queries(MOVEMENTS) == few_movements


def test_stock_of_one_workspace_is_invisible_in_another(stockroom, beta):
    stockroom.receive(stockroom.shirt, "4", "1")
    with tenant_context(beta.tenant):
        assert not Warehouse.objects.filter(code="MAIN").exists()
    seen = graphql(client_for(beta, beta.users["warehouse"]), LEVELS)["data"]["stockLevels"]
    assert seen == {"totalCount": 0, "items": []}


def test_dashboard_counts_low_stock_for_warehouse_people_only(stockroom):
    from saas.inventory.services.warehouses import stock_thresholds_set

    stockroom.receive(stockroom.shirt, "3", "1")
    stock_thresholds_set(
        actor=stockroom.keeper,
        sku_id=stockroom.shirt.pk,
        warehouse_id=stockroom.main.pk,
        min_qty=None,
        max_qty=None,
        reorder_point=Decimal("5"),
    )
    query = "{ dashboard { todos { key count } } }"
    keeper = graphql(client_for(stockroom.workspace, stockroom.keeper), query)["data"]["dashboard"]["todos"]
    assert {"key": "inventory.low_stock", "count": 1} in keeper
    assert {"key": "purchasing.awaiting_approval", "count": 0} in keeper
    sales = graphql(client_for(stockroom.workspace, stockroom.workspace.users["sales"]), query)["data"][
        "dashboard"
    ]["todos"]
    assert sales == []


def test_stock_levels_filter_by_sku_and_product(stockroom):
    stockroom.receive(stockroom.shirt, "2", "1")
    stockroom.receive(stockroom.phone, "3", "1", warehouse=stockroom.branch)
    client = client_for(stockroom.workspace, stockroom.keeper)
    by_sku = graphql(
        client,
        "query($s: ID) { stockLevels(skuId: $s) { items { sku { code } } } }",
        {"s": stockroom.phone.pk},
    )
    assert by_sku["data"]["stockLevels"]["items"] == [{"sku": {"code": "PHONE-128"}}]
    by_product = graphql(
        client,
        "query($p: ID) { stockLevels(productId: $p) { items { sku { code } } } }",
        {"p": stockroom.shirt.product_id},
    )
    assert by_product["data"]["stockLevels"]["items"] == [{"sku": {"code": "SHIRT-RED-M"}}]


def test_unknown_stock_document_is_not_found_in_the_users_language(stockroom):
    result = graphql(
        client_for(stockroom.workspace, stockroom.keeper),
        '{ stockDocument(kind: TRANSFER, id: "999") { number } }',
    )
    assert result["errors"][0]["extensions"]["code"] == "not_found"
    assert result["errors"][0]["message"] == "调拨单不存在。"
