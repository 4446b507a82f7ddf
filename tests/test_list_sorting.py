"""The desktop tables' lists sort by allowed columns only and filter by warehouse and amount;
a person who may not see order money may neither sort nor filter by it."""

from __future__ import annotations

from decimal import Decimal

from saas.sales.models import SalesOrder
from tests.fixtures.tenants import client_for, graphql

ORDERS = """
query($filter: SalesOrderFilter, $orderBy: SalesOrderOrderBy, $offset: Int!) {
  salesOrders(filter: $filter, orderBy: $orderBy, limit: 2, offset: $offset) {
    totalCount items { number totalAmount warehouse { code } customer { name } }
  }
}"""
ORDERS_FULL = """
query($orderBy: SalesOrderOrderBy) { salesOrders(orderBy: $orderBy) { items { number revisions { revision } } } }"""
CUSTOMERS = "query($orderBy: CustomerOrderBy) { customers(orderBy: $orderBy) { items { name } } }"
PRODUCTS = "query($orderBy: ProductOrderBy) { products(orderBy: $orderBy) { items { code } } }"


def _orders(selling) -> list[SalesOrder]:
    made = [
        selling.order([(selling.shirt, "1")]),  # 59
        selling.order([(selling.shirt, "3")], warehouse=selling.room.branch),  # 177
        selling.order([(selling.shirt, "2")]),  # 118
    ]
    return made


def test_orders_sort_by_amount_both_ways_across_pages(selling):
    _orders(selling)
    manager = client_for(selling.room.workspace, selling.manager)
    order_by = {"field": "TOTAL_AMOUNT", "direction": "DESC"}
    first = graphql(manager, ORDERS, {"orderBy": order_by, "offset": 0})["data"]["salesOrders"]
    second = graphql(manager, ORDERS, {"orderBy": order_by, "offset": 2})["data"]["salesOrders"]
    amounts = [Decimal(item["totalAmount"]) for item in first["items"] + second["items"]]
    assert amounts == [Decimal("177.00"), Decimal("118.00"), Decimal("59.00")]
    ascending = graphql(manager, ORDERS, {"orderBy": {"field": "TOTAL_AMOUNT"}, "offset": 0})["data"]
    assert [Decimal(i["totalAmount"]) for i in ascending["salesOrders"]["items"]] == [
        Decimal("59.00"),
        Decimal("118.00"),
    ]
    # The model path (fields the one-statement page does not carry) keeps the same order.
    full = graphql(manager, ORDERS_FULL, {"orderBy": {"field": "NUMBER", "direction": "DESC"}})["data"]
    numbers = [item["number"] for item in full["salesOrders"]["items"]]
    assert numbers == sorted(numbers, reverse=True)


def test_orders_filter_by_warehouse_and_amount_range(selling):
    _orders(selling)
    manager = client_for(selling.room.workspace, selling.manager)
    branch = graphql(manager, ORDERS, {"filter": {"warehouseId": str(selling.room.branch.pk)}, "offset": 0})
    assert [i["warehouse"]["code"] for i in branch["data"]["salesOrders"]["items"]] == ["BJ"]
    ranged = graphql(manager, ORDERS, {"filter": {"amountMin": "100", "amountMax": "150"}, "offset": 0})
    assert [Decimal(i["totalAmount"]) for i in ranged["data"]["salesOrders"]["items"]] == [Decimal("118.00")]


def test_the_warehouse_may_not_sort_or_filter_by_money(selling):
    _orders(selling)
    keeper = client_for(selling.room.workspace, selling.keeper)
    for variables in (
        {"orderBy": {"field": "TOTAL_AMOUNT"}, "offset": 0},
        {"filter": {"amountMin": "100"}, "offset": 0},
    ):
        result = graphql(keeper, ORDERS, variables)
        assert result["data"] is None
        assert result["errors"][0]["extensions"]["code"] == "forbidden"


def test_only_listed_columns_sort(selling):
    manager = client_for(selling.room.workspace, selling.manager)
    result = graphql(manager, ORDERS, {"orderBy": {"field": "COST"}, "offset": 0})
    assert result["data"] is None
    assert "SalesOrderSortField" in result["errors"][0]["message"]


def test_customers_and_products_sort_by_their_columns(selling):
    from tests.fixtures.sales import sales_customer

    sales_customer(owner=selling.rep, name="阿")
    sales_customer(owner=selling.rep, name="Zed")
    manager = client_for(selling.room.workspace, selling.manager)
    names = [
        c["name"]
        for c in graphql(manager, CUSTOMERS, {"orderBy": {"field": "NAME"}})["data"]["customers"]["items"]
    ]
    assert names == sorted(names)
    codes = [
        p["code"]
        for p in graphql(manager, PRODUCTS, {"orderBy": {"field": "CODE", "direction": "DESC"}})["data"][
            "products"
        ]["items"]
    ]
    assert codes == sorted(codes, reverse=True) and len(codes) >= 2
