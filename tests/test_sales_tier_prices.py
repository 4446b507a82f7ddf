"""The customer's price on a staff order line (orderLinePrices): a distributor's tier price from
its price lists, beside the list price; the list price for anyone else; only for people who
write orders and see the customer, amounts withheld from roles that may not see order money,
another workspace's customer unknown. An order taken offline is checked against the same price."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.sales import services
from saas.sales.selectors.orders import order_line_prices
from saas.sales.services import LineInput
from tests.fixtures.distribution import item
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

PRICES = """query($customerId: ID!, $skuIds: [ID!]!) {
  orderLinePrices(customerId: $customerId, skuIds: $skuIds) { skuId listPrice price tiered priceRule }
}"""


def test_a_distributor_gets_its_tier_price_and_others_the_list_price(network):
    # Given the 市代 level's list: shirts 10 % off
    network.price(network.city, item(network.shirt, ("1", None, "10")), name="市代价目表")
    skus = [network.shirt.pk, network.phone.pk, 99999999]
    # When the rep prices lines for 杭州鑫达 (市代) and for an ordinary customer
    tiered = order_line_prices(actor=network.selling.rep, customer_id=network.hz.customer_id, sku_ids=skus)
    plain = order_line_prices(
        actor=network.selling.rep, customer_id=network.selling.customer.pk, sku_ids=skus
    )
    # Then the distributor's shirt has its tier price and the rule; the phone has no rule
    assert [(row.sku_id, row.price, row.tiered) for row in tiered] == [
        (network.shirt.pk, Decimal("53.10"), True),
        (network.phone.pk, Decimal("1999.00"), False),
    ]
    assert tiered[0].list_price == Decimal("59.00") and "市代价目表" in tiered[0].rule
    assert [(row.price, row.tiered, row.rule) for row in plain] == [
        (Decimal("59.00"), False, ""),
        (Decimal("1999.00"), False, ""),
    ]


def test_an_offline_line_priced_from_the_tier_is_checked_against_it(network):
    network.price(network.city, item(network.shirt, ("1", None, "10")))
    customer_id = network.hz.customer_id

    def place(expected: str):
        return services.order_place(
            actor=network.selling.rep,
            customer_id=customer_id,
            warehouse_id=network.selling.room.main.pk,
            lines=[
                LineInput(sku_id=network.shirt.pk, quantity="1", unit_price=expected, expected_price=expected)
            ],
        )

    with pytest.raises(InvalidInput) as changed:
        place("59")  # the list price: the phone had no copy of the tier
    assert changed.value.code == "price_changed"
    assert Decimal(place("53.10").lines.get().unit_price) == Decimal("53.10")


def test_only_order_writers_who_see_the_customer_get_prices(network, alpha, beta):
    network.price(network.city, item(network.shirt, ("1", None, "10")))
    selling = network.selling
    theirs = sales_customer(owner=selling.manager, name="经理的客户")
    # A rep does not see a colleague's customer; the warehouse role writes no orders
    with pytest.raises(NotFound):
        order_line_prices(actor=selling.rep, customer_id=theirs.pk, sku_ids=[network.shirt.pk])
    with pytest.raises(Forbidden):
        order_line_prices(
            actor=selling.keeper, customer_id=network.hz.customer_id, sku_ids=[network.shirt.pk]
        )
    with pytest.raises(InvalidInput) as many:
        order_line_prices(actor=selling.rep, customer_id=network.hz.customer_id, sku_ids=list(range(1, 102)))
    assert many.value.code == "too_many_skus"
    # Over GraphQL: the rep's answer, and another workspace's customer unknown
    rep = client_for(alpha, selling.rep)
    body = graphql(
        rep, PRICES, {"customerId": str(network.hz.customer_id), "skuIds": [str(network.shirt.pk)]}
    )
    [row] = body["data"]["orderLinePrices"]
    assert (row["skuId"], row["listPrice"], row["price"], row["tiered"]) == (
        str(network.shirt.pk),
        "59.00",
        "53.10",
        True,
    )
    assert row["priceRule"].startswith("价目表")
    with tenant_context(beta.tenant):
        stranger = sales_customer(owner=beta.users["sales"], name="贝塔客户")
    with tenant_context(alpha.tenant):
        unknown = graphql(rep, PRICES, {"customerId": str(stranger.pk), "skuIds": [str(network.shirt.pk)]})
    assert unknown["data"] is None
    assert unknown["errors"][0]["extensions"]["code"] == "not_found"
    # The warehouse role is refused over GraphQL too
    keeper = graphql(
        client_for(alpha, selling.keeper), PRICES, {"customerId": str(network.hz.customer_id), "skuIds": []}
    )
    assert keeper["errors"][0]["extensions"]["code"] == "forbidden"
