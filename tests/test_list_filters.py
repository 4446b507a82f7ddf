"""The purchase order, receipt and customer return tables filter by an amount range and (where the
document has one) a warehouse, with the order list's argument names. A role that may not see a
list's money may not filter by it either (it could learn amounts by bisecting); another
workspace's filtered list holds none of ours; a malformed warehouse id is refused with a code."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from tests.fixtures.procurement import purchasing_for
from tests.fixtures.tenants import client_for, graphql
from tests.test_list_exports import rows

ORDERS = """
query($warehouseId: ID, $amountMin: Decimal, $amountMax: Decimal) {
  purchaseOrders(warehouseId: $warehouseId, amountMin: $amountMin, amountMax: $amountMax) {
    totalCount items { amount }
  }
}"""


@pytest.fixture
def buying(stockroom):
    purchasing = purchasing_for(stockroom)
    room = purchasing.room
    with tenant_context(room.workspace.tenant):
        purchasing.order(purchasing.acme, [(room.shirt, room.main, "1", "10")])  # 10.00
        purchasing.order(purchasing.bolt, [(room.phone, room.main, "1", "100")], status="draft")  # 100.00
        # 2 × 20.00 to the branch and 1 × 5.00 to the main warehouse: 45.00 in all.
        purchasing.order(
            purchasing.acme,
            [(room.shirt, room.branch, "2", "20"), (room.phone, room.main, "1", "5")],
            status="submitted",
        )
    return purchasing


def _amounts(client, query, name, **variables) -> list[str]:
    result = graphql(client, query, variables)
    assert "errors" not in result, result
    return [item["amount"] for item in result["data"][name]["items"]]


def test_purchase_orders_filter_by_warehouse_and_the_lines_sum(buying):
    buyer = client_for(buying.room.workspace, buying.buyer)
    branch = str(buying.room.branch.pk)
    main = str(buying.room.main.pk)
    assert _amounts(buyer, ORDERS, "purchaseOrders", warehouseId=branch) == ["45.00"]
    assert _amounts(buyer, ORDERS, "purchaseOrders", warehouseId=main) == ["45.00", "100.00", "10.00"]
    assert _amounts(buyer, ORDERS, "purchaseOrders", amountMin="40", amountMax="45") == ["45.00"]
    assert _amounts(buyer, ORDERS, "purchaseOrders", amountMin="45.01") == ["100.00"]
    assert _amounts(buyer, ORDERS, "purchaseOrders", amountMax="10", warehouseId=main) == ["10.00"]


def test_the_purchase_order_export_takes_the_same_filters(buying):
    buyer = client_for(buying.room.workspace, buying.buyer)
    branch = rows(buyer.get(f"/reports/purchase-orders.xlsx?warehouse={buying.room.branch.pk}"))
    assert [row[-1] for row in branch[1:]] == [45]
    ranged = rows(buyer.get("/reports/purchase-orders.xlsx?min=11&max=100"))
    assert [row[-1] for row in ranged[1:]] == [45, 100]
    refused = buyer.get("/reports/purchase-orders.xlsx?min=abc").json()["errors"][0]
    assert refused["code"] == "decimal_invalid"


def test_purchase_order_filters_bad_input_refusals_and_another_workspace(buying, beta):
    buyer = client_for(buying.room.workspace, buying.buyer)
    bad = graphql(buyer, ORDERS, {"warehouseId": "not-an-id"})
    assert bad["data"] is None and bad["errors"][0]["extensions"]["code"] == "id_invalid"
    seller = client_for(buying.room.workspace, buying.user("sales"))
    refused = graphql(seller, ORDERS, {"amountMin": "40"})
    assert refused["data"] is None and refused["errors"][0]["extensions"]["code"] == "forbidden"
    other = client_for(beta, beta.users["warehouse"])
    there = graphql(other, ORDERS, {"warehouseId": str(buying.room.branch.pk), "amountMin": "0"})
    assert there["data"]["purchaseOrders"] == {"totalCount": 0, "items": []}


RECEIPTS = """
query($amountMin: Decimal, $amountMax: Decimal) {
  receipts(amountMin: $amountMin, amountMax: $amountMax) { totalCount items { amount } }
}"""


def test_receipts_filter_by_amount_range(paid):
    finance = client_for(paid.selling.room.workspace, paid.finance)
    assert _amounts(finance, RECEIPTS, "receipts", amountMin="15") == ["20.00", "30.00"]
    assert _amounts(finance, RECEIPTS, "receipts", amountMin="10", amountMax="20") == ["20.00", "10.00"]
    assert _amounts(finance, RECEIPTS, "receipts", amountMax="9.99") == []


def test_the_receipt_export_takes_the_amount_range(paid):
    finance = client_for(paid.selling.room.workspace, paid.finance)
    ranged = rows(finance.get("/reports/receipts.xlsx?min=15&max=25"))
    assert [row[5] for row in ranged[1:]] == [20]


def test_no_money_sight_no_receipt_amounts_and_another_workspace_finds_none(paid, beta):
    keeper = client_for(paid.selling.room.workspace, paid.user("warehouse"))
    refused = graphql(keeper, RECEIPTS, {"amountMin": "15"})
    assert refused["data"] is None and refused["errors"][0]["extensions"]["code"] == "forbidden"
    assert "20.00" not in str(refused)
    other = client_for(beta, beta.users["finance"])
    assert graphql(other, RECEIPTS, {"amountMin": "0"})["data"]["receipts"] == {"totalCount": 0, "items": []}


RETURN = """mutation($input: SalesReturnCreateInput!) {
  salesReturnCreate(input: $input) { salesReturn { id } errors { field code } } }"""
RETURNS = """
query($warehouseId: ID, $amountMin: Decimal, $amountMax: Decimal) {
  salesReturns(warehouseId: $warehouseId, amountMin: $amountMin, amountMax: $amountMax) {
    totalCount items { number amount warehouse { code } }
  }
}"""


@pytest.fixture
def returned(books):
    """Returns of 1, 3 and 2 shirts (59.00 each) to the order's warehouse, and 4 to the branch."""
    order = books.shipped([(books.shirt, "10")])
    line = order.lines.get()
    rep = client_for(books.selling.room.workspace, books.user("sales"))
    branch = str(books.selling.room.branch.pk)
    for n, (quantity, warehouse) in enumerate((("1", None), ("3", None), ("2", None), ("4", branch))):
        request = {
            "orderId": str(order.pk),
            "lines": [{"orderLineId": str(line.pk), "quantity": quantity}],
            "reason": "DAMAGED",
            "settlement": "CREDIT",
            "idempotencyKey": f"filter-return-{n}",
            "warehouseId": warehouse,
        }
        assert graphql(rep, RETURN, {"input": request})["data"]["salesReturnCreate"]["errors"] == []
    return books


def test_returns_filter_by_warehouse_and_amount_range(returned):
    workspace = returned.selling.room.workspace
    manager = client_for(workspace, returned.user("manager"))
    branch = str(returned.selling.room.branch.pk)
    assert _amounts(manager, RETURNS, "salesReturns", warehouseId=branch) == ["236.00"]
    assert _amounts(manager, RETURNS, "salesReturns", amountMin="100", amountMax="200") == [
        "118.00",
        "177.00",
    ]
    assert _amounts(manager, RETURNS, "salesReturns", amountMin="100", warehouseId=branch) == ["236.00"]
    rep = client_for(workspace, returned.user("sales"))  # the order is the rep's: its money too
    assert _amounts(rep, RETURNS, "salesReturns", amountMax="60") == ["59.00"]


def test_the_warehouse_filters_returns_by_warehouse_but_not_by_amount(returned, beta):
    workspace = returned.selling.room.workspace
    keeper = client_for(workspace, returned.user("warehouse"))
    branch = str(returned.selling.room.branch.pk)
    mine = graphql(keeper, RETURNS, {"warehouseId": branch})["data"]["salesReturns"]
    assert mine["totalCount"] == 1 and mine["items"][0]["warehouse"]["code"] == "BJ"
    for variables in ({"amountMin": "100"}, {"amountMax": "100"}):
        refused = graphql(keeper, RETURNS, variables)
        assert refused["data"] is None
        assert refused["errors"][0]["extensions"]["code"] == "forbidden"
        assert "118.00" not in str(refused)
    other = client_for(beta, beta.users["manager"])
    there = graphql(other, RETURNS, {"warehouseId": branch, "amountMin": "0"})["data"]["salesReturns"]
    assert there == {"totalCount": 0, "items": []}


def test_the_returns_export_holds_what_the_filtered_table_shows(returned, beta):
    workspace = returned.selling.room.workspace
    manager = client_for(workspace, returned.user("manager"))
    branch = str(returned.selling.room.branch.pk)
    table = rows(manager.get("/reports/sales-returns.xlsx?min=100&max=200"))
    assert table[0][0] == "退货单号" and table[0][-1] == "金额"
    assert sorted(row[-1] for row in table[1:]) == [118, 177]
    assert [row[-1] for row in rows(manager.get(f"/reports/sales-returns.xlsx?warehouse={branch}"))[1:]] == [
        236
    ]
    # The warehouse role downloads returns without their money and may not filter by it.
    keeper = client_for(workspace, returned.user("warehouse"))
    table = rows(keeper.get(f"/reports/sales-returns.xlsx?warehouse={branch}"))
    assert "金额" not in table[0] and len(table) == 2 and "236" not in str(table)
    refused = keeper.get("/reports/sales-returns.xlsx?min=100")
    assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "forbidden"
    # A distributor's person may not download the list; another workspace's file holds none of ours.
    assert (
        client_for(workspace, returned.user("distributor")).get("/reports/sales-returns.xlsx").status_code
        == 403
    )
    assert rows(client_for(beta, beta.users["manager"]).get("/reports/sales-returns.xlsx"))[1:] == []
