"""Who sees which sales orders and their money: a rep their own, managers and finance all, the
warehouse only the shipping queue without prices, a distributor nothing; no actor, no rows."""

from __future__ import annotations

import pytest

from saas.accounts.models import Role, User
from saas.accounts.visibility import MissingActor
from saas.core.errors import NotFound
from saas.sales import services
from saas.sales.selectors.orders import order_get, order_list, queue_counts
from saas.sales.selectors.quotations import quotation_list
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

LIST = """{ salesOrders(limit: 100) { totalCount items { number status totalAmount
  lines { quantity unitPrice amount } } } }"""


@pytest.fixture
def orders(selling):
    """One order of the rep in each interesting state, and one of a second rep."""
    second = User.objects.create_user(email="sales2@alpha.test", password="x-Password-1", full_name="王芳")
    second.roles.set(Role.objects.filter(code="sales"))
    theirs = sales_customer(owner=second, name="王芳的客户")
    made = {
        "draft": selling.order([(selling.shirt, "1")]),
        "review": selling.order([(selling.shirt, "1")], status="pending_review"),
        "shipment": selling.order([(selling.shirt, "1", "50")], status="approved"),
        "purchase": selling.order([(selling.phone, "20")], status="approved"),
        "signback": selling.order([(selling.shirt, "1")], status="shipped"),
        "other_rep": selling.order(
            [(selling.shirt, "1")], actor=second, customer=theirs, status="pending_review"
        ),
    }
    assert (made["shipment"].status, made["purchase"].status) == ("pending_shipment", "pending_purchase")
    return selling, second, made


def numbers(actor) -> set[str]:
    return set(order_list(actor=actor).values_list("number", flat=True))


def test_a_rep_sees_and_touches_only_own_orders(orders):
    selling, second, made = orders
    mine = {o.number for key, o in made.items() if key != "other_rep"}
    assert numbers(selling.rep) == mine
    assert numbers(second) == {made["other_rep"].number}
    with pytest.raises(NotFound):
        order_get(actor=selling.rep, order_id=made["other_rep"].pk)
    with pytest.raises(NotFound):
        services.order_update(actor=selling.rep, order=made["other_rep"], remarks="x")
    with pytest.raises(NotFound):
        services.order_cancel(actor=selling.rep, order=made["other_rep"].pk, reason="x")
    assert queue_counts(actor=second)["pending_review"] == 1
    assert {q.rep_id for q in quotation_list(actor=selling.rep)} <= {selling.rep.pk}


def test_managers_and_finance_see_every_order_with_money(orders):
    selling, _second, made = orders
    every = {o.number for o in made.values()}
    assert numbers(selling.manager) == every == numbers(selling.user("finance"))
    for role in ("manager", "finance"):
        result = graphql(client_for(selling.room.workspace, selling.user(role)), LIST)["data"]["salesOrders"]
        assert result["totalCount"] == len(every)
        assert all(item["totalAmount"] is not None for item in result["items"])


def test_the_warehouse_sees_the_shipping_queue_without_prices(orders):
    selling, _second, made = orders
    assert numbers(selling.keeper) == {made["shipment"].number, made["signback"].number}
    result = graphql(client_for(selling.room.workspace, selling.keeper), LIST)["data"]["salesOrders"]
    assert result["totalCount"] == 2
    for item in result["items"]:
        assert item["totalAmount"] is None
        assert all(line["unitPrice"] is None and line["amount"] is None for line in item["lines"])
        assert all(line["quantity"] == "1.000" for line in item["lines"])
    with pytest.raises(NotFound):
        order_get(actor=selling.keeper, order_id=made["purchase"].pk)
    assert queue_counts(actor=selling.keeper)["pending_review"] == 0


def test_a_rep_sees_own_prices(orders):
    selling, _second, made = orders
    result = graphql(client_for(selling.room.workspace, selling.rep), LIST)["data"]["salesOrders"]
    prices = {item["number"]: item["lines"][0]["unitPrice"] for item in result["items"]}
    assert prices[made["shipment"].number] == "50.0000"


def test_distributors_and_missing_actors_see_nothing(orders):
    selling, _second, _made = orders
    assert numbers(selling.user("distributor")) == set()
    with pytest.raises(MissingActor):
        order_list(actor=None)
    anonymous = graphql(client_for(selling.room.workspace), LIST)
    assert anonymous["errors"][0]["extensions"]["code"] == "unauthenticated"
