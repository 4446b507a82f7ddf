"""One type per entity and one rule for fields some callers may not see (saas/api/restricted.py):
null in lists and on documents for money and costs, an error for the details of one customer or
person, and never silent: `extensions.withheld` names every field held back."""

from __future__ import annotations

import pytest
import strawberry

from saas.api.restricted import COST, Restricted
from saas.api.schema import schema
from tests.fixtures.tenants import client_for, graphql

ORDERS = """
query { salesOrders(limit: 10) { items { number totalAmount lines { unitPrice sku { code costPrice } }
  customer { code name phone creditLimit } } } }"""
ONE_ORDER = """
query($id: ID!) { salesOrder(id: $id) { number totalAmount customer { code name creditLimit } } }"""


def as_role(selling, role):
    return client_for(selling.room.workspace, selling.user(role))


def test_each_entity_has_one_type_and_the_copies_are_gone():
    names = set(schema._schema.type_map)
    assert {"Sku", "Product", "Warehouse", "Customer", "User", "Supplier", "SalesOrder"} <= names
    copies = {
        "SkuType", "SalesSku", "ShippingSku", "FinanceSku", "ProcurementSku", "StockSku",
        "WarehouseType", "SalesWarehouse", "ShippingWarehouse", "FinanceWarehouse", "ProcurementWarehouse",
        "ProductType", "UserType", "SalesRep", "FinanceRep", "CustomerUser", "SalesCustomer",
        "FinanceCustomer", "CustomerSummary", "SupplierSummary", "FinanceOrder",
    }  # fmt: skip
    assert names & copies == set()


def test_the_warehouse_gets_orders_without_money_and_is_told_which_fields_were_held_back(selling):
    order = selling.order([(selling.shirt, "2")], status="approved")
    result = graphql(as_role(selling, "warehouse"), ORDERS)
    assert "errors" not in result
    item = next(i for i in result["data"]["salesOrders"]["items"] if i["number"] == order.number)
    assert item["totalAmount"] is None and item["lines"][0]["unitPrice"] is None
    # The warehouse holds cost.view: SKU costs stay visible; the customer's reference fields too.
    assert item["lines"][0]["sku"]["costPrice"] is not None
    assert item["customer"] == {
        "code": selling.customer.code,
        "name": selling.customer.name,
        "phone": selling.customer.phone,
        "creditLimit": None,
    }
    assert result["extensions"]["withheld"] == [
        {"field": "Customer.creditLimit", "rule": "customer_details"},
        {"field": "SalesOrder.totalAmount", "rule": "order_money"},
        {"field": "SalesOrderLine.unitPrice", "rule": "order_money"},
    ]


def test_a_rep_sees_the_money_of_its_own_order_but_not_what_the_goods_cost(selling):
    selling.order([(selling.shirt, "2")], status="approved")
    result = graphql(as_role(selling, "sales"), ORDERS)
    assert "errors" not in result
    item = result["data"]["salesOrders"]["items"][0]
    assert item["totalAmount"] is not None and item["lines"][0]["unitPrice"] is not None
    assert item["customer"]["creditLimit"] is None  # its own customer has no limit: nothing withheld
    assert item["lines"][0]["sku"]["costPrice"] is None  # no cost.view
    assert result["extensions"]["withheld"] == [{"field": "Sku.costPrice", "rule": "cost"}]
    money_only = graphql(as_role(selling, "sales"), "{ salesOrders { items { totalAmount } } }")
    assert "withheld" not in money_only["extensions"]


def test_asking_one_order_for_its_customers_details_is_an_error_not_a_silent_null(selling):
    order = selling.order([(selling.shirt, "1")], status="approved")
    result = graphql(as_role(selling, "warehouse"), ONE_ORDER, {"id": str(order.pk)})
    # Money on one order stays null (the warehouse's designed view of it) ...
    assert result["data"]["salesOrder"]["totalAmount"] is None
    assert result["data"]["salesOrder"]["customer"]["creditLimit"] is None
    # ... but a customer's details asked of one customer are refused, at that field's path.
    assert [(e["extensions"]["code"], e["path"]) for e in result["errors"]] == [
        ("forbidden", ["salesOrder", "customer", "creditLimit"])
    ]
    manager = graphql(as_role(selling, "manager"), ONE_ORDER, {"id": str(order.pk)})
    assert "errors" not in manager and manager["data"]["salesOrder"]["totalAmount"] is not None


def test_a_person_reached_through_a_document_shows_the_name_only(selling):
    selling.order([(selling.shirt, "1")], status="approved")
    query = "{ salesOrders(limit: 5) { items { rep { id fullName email } } } }"
    keeper = graphql(as_role(selling, "warehouse"), query)
    assert keeper["data"]["salesOrders"]["items"][0]["rep"]["fullName"] == selling.rep.full_name
    assert keeper["data"]["salesOrders"]["items"][0]["rep"]["email"] is None
    assert {"field": "User.email", "rule": "person_details"} in keeper["extensions"]["withheld"]
    mine = graphql(as_role(selling, "sales"), query)
    assert mine["data"]["salesOrders"]["items"][0]["rep"]["email"] == selling.rep.email


@strawberry.type
class Broken:
    price: int = strawberry.field(extensions=[Restricted(COST)])


@strawberry.type
class BrokenQuery:
    broken: Broken


def test_a_restricted_field_must_be_nullable():
    with pytest.raises(TypeError, match="must be nullable"):
        strawberry.Schema(query=BrokenQuery)
