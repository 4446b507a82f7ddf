"""The purchase order and receipt tables' lists sort by their allowed columns only, across offset
pages; receipts filter by the day received; the people who may not see the list (or a receipt's
money) are refused whatever the sort, and another workspace's sorted list holds none of them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.core.errors import InvalidInput
from saas.procurement import selectors
from tests.fixtures.procurement import purchasing_for
from tests.fixtures.tenants import client_for, graphql

ORDERS = """
query($orderBy: PurchaseOrderOrderBy, $offset: Int!) {
  purchaseOrders(orderBy: $orderBy, limit: 2, offset: $offset) {
    totalCount items { number status supplier { name } }
  }
}"""


@pytest.fixture
def buying(stockroom):
    purchasing = purchasing_for(stockroom)
    room = purchasing.room
    with tenant_context(room.workspace.tenant):
        purchasing.order(purchasing.acme, [(room.shirt, room.main, "1")])
        purchasing.order(purchasing.bolt, [(room.phone, room.main, "1")], status="draft")
        purchasing.order(purchasing.acme, [(room.shirt, room.branch, "2")], status="submitted")
    return purchasing


def _all(client, order_by) -> list[dict]:
    first = graphql(client, ORDERS, {"orderBy": order_by, "offset": 0})["data"]["purchaseOrders"]
    second = graphql(client, ORDERS, {"orderBy": order_by, "offset": 2})["data"]["purchaseOrders"]
    assert first["totalCount"] == 3
    return first["items"] + second["items"]


def test_purchase_orders_sort_by_supplier_status_and_number_both_ways(buying):
    buyer = client_for(buying.room.workspace, buying.buyer)
    names = [item["supplier"]["name"] for item in _all(buyer, {"field": "SUPPLIER"})]
    assert names == sorted(names) and names[0] != names[-1]
    backwards = [item["supplier"]["name"] for item in _all(buyer, {"field": "SUPPLIER", "direction": "DESC"})]
    assert backwards == sorted(names, reverse=True)
    statuses = [item["status"] for item in _all(buyer, {"field": "STATUS"})]
    assert len(set(statuses)) == 3 and statuses == sorted(statuses, key=str.lower)
    numbers = [item["number"] for item in _all(buyer, {"field": "NUMBER", "direction": "DESC"})]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 3


def test_only_listed_columns_sort(buying):
    buyer = client_for(buying.room.workspace, buying.buyer)
    result = graphql(buyer, ORDERS, {"orderBy": {"field": "AMOUNT"}, "offset": 0})
    assert result["data"] is None
    assert "PurchaseOrderSortField" in result["errors"][0]["message"]
    # The selector's own guard, for callers other than the API: a translated, coded refusal.
    with tenant_context(buying.room.workspace.tenant), pytest.raises(InvalidInput) as refused:
        selectors.purchase_order_list(actor=buying.buyer, sort="unit_price")
    assert refused.value.code == "order_by_invalid"


def test_sales_are_refused_and_another_workspace_sorts_none_of_them(buying, beta):
    seller = client_for(buying.room.workspace, buying.user("sales"))
    result = graphql(seller, ORDERS, {"orderBy": {"field": "SUPPLIER"}, "offset": 0})
    assert result["data"] is None and result["errors"][0]["extensions"]["code"] == "forbidden"
    beta_buyer = client_for(beta, beta.users["warehouse"])
    other = graphql(beta_buyer, ORDERS, {"orderBy": {"field": "NUMBER"}, "offset": 0})
    assert other["data"]["purchaseOrders"] == {"totalCount": 0, "items": []}


RECEIPTS = """
query($orderBy: ReceiptOrderBy, $dateFrom: Date, $dateTo: Date, $offset: Int!) {
  receipts(orderBy: $orderBy, dateFrom: $dateFrom, dateTo: $dateTo, limit: 2, offset: $offset) {
    totalCount items { number amount receivedOn }
  }
}"""


def _receipts(client, **variables) -> list[dict]:
    first = graphql(client, RECEIPTS, {**variables, "offset": 0})["data"]["receipts"]
    second = graphql(client, RECEIPTS, {**variables, "offset": 2})["data"]["receipts"]
    return first["items"] + second["items"]


def test_receipts_sort_by_amount_both_ways_and_filter_by_day(paid):
    finance = client_for(paid.selling.room.workspace, paid.finance)
    up = [Decimal(r["amount"]) for r in _receipts(finance, orderBy={"field": "AMOUNT"})]
    assert up == [Decimal("10.00"), Decimal("20.00"), Decimal("30.00")]
    down = [
        Decimal(r["amount"]) for r in _receipts(finance, orderBy={"field": "AMOUNT", "direction": "DESC"})
    ]
    assert down == [Decimal("30.00"), Decimal("20.00"), Decimal("10.00")]
    days = [r["receivedOn"] for r in _receipts(finance, orderBy={"field": "RECEIVED_ON"})]
    assert days == ["2026-03-01", "2026-03-05", "2026-03-09"]
    ranged = _receipts(finance, dateFrom="2026-03-02", dateTo="2026-03-09")
    assert [r["receivedOn"] for r in ranged] == ["2026-03-09", "2026-03-05"]  # latest day first
    refused = graphql(finance, RECEIPTS, {"orderBy": {"field": "UNALLOCATED_AMOUNT"}, "offset": 0})
    assert refused["data"] is None and "ReceiptSortField" in refused["errors"][0]["message"]


def test_no_money_no_receipts_sorted_and_another_workspace_sorts_none(paid, beta):
    keeper = client_for(paid.selling.room.workspace, paid.user("warehouse"))
    result = graphql(keeper, RECEIPTS, {"orderBy": {"field": "AMOUNT"}, "offset": 0})
    assert result["data"] is None and result["errors"][0]["extensions"]["code"] == "forbidden"
    assert "30.00" not in str(result)
    other = client_for(beta, beta.users["finance"])
    sorted_there = graphql(other, RECEIPTS, {"orderBy": {"field": "AMOUNT"}, "offset": 0})
    assert sorted_there["data"]["receipts"] == {"totalCount": 0, "items": []}


RETURN = """mutation($input: SalesReturnCreateInput!) {
  salesReturnCreate(input: $input) { salesReturn { id } errors { field code } } }"""
RETURNS = """
query($orderBy: SalesReturnOrderBy, $offset: Int!) {
  salesReturns(orderBy: $orderBy, limit: 2, offset: $offset) { totalCount items { number amount } }
}"""


@pytest.fixture
def returned(books):
    order = books.shipped([(books.shirt, "10")])
    line = order.lines.get()
    rep = client_for(books.selling.room.workspace, books.user("sales"))
    for n, quantity in enumerate(("1", "3", "2")):
        request = {
            "orderId": str(order.pk),
            "lines": [{"orderLineId": str(line.pk), "quantity": quantity}],
            "reason": "DAMAGED",
            "settlement": "CREDIT",
            "idempotencyKey": f"sort-return-{n}",
        }
        assert graphql(rep, RETURN, {"input": request})["data"]["salesReturnCreate"]["errors"] == []
    return books


def _returns(client, order_by) -> list[dict]:
    first = graphql(client, RETURNS, {"orderBy": order_by, "offset": 0})["data"]["salesReturns"]
    second = graphql(client, RETURNS, {"orderBy": order_by, "offset": 2})["data"]["salesReturns"]
    return first["items"] + second["items"]


def test_returns_sort_by_amount_for_money_sight_only(returned, beta):
    workspace = returned.selling.room.workspace
    manager = client_for(workspace, returned.user("manager"))
    up = [r["amount"] for r in _returns(manager, {"field": "AMOUNT"})]
    assert up == ["59.00", "118.00", "177.00"]
    down = [r["amount"] for r in _returns(manager, {"field": "AMOUNT", "direction": "DESC"})]
    assert down == ["177.00", "118.00", "59.00"]
    keeper = client_for(workspace, returned.user("warehouse"))
    refused = graphql(keeper, RETURNS, {"orderBy": {"field": "AMOUNT"}, "offset": 0})
    assert refused["data"] is None and refused["errors"][0]["extensions"]["code"] == "forbidden"
    numbers = [r["number"] for r in _returns(keeper, {"field": "NUMBER", "direction": "DESC"})]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 3
    other = client_for(beta, beta.users["manager"])
    assert graphql(other, RETURNS, {"orderBy": {"field": "AMOUNT"}, "offset": 0})["data"]["salesReturns"] == {
        "totalCount": 0,
        "items": [],
    }
