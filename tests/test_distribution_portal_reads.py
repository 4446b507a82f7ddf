"""What the portal shows a distributor's person beside its catalogue: the workspace's rebate cap on
myDistributor (so checkout offers no more), the categories its level may see
(distributorCategories), and its orders' shipments on their way to sign-back (carrier, tracking
number, shipped and signed) — its own orders' only, never another distributor's, and nothing
of another workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.catalog.models import Category, Product
from saas.core.errors import InvalidInput
from saas.distribution.services import network as network_services
from saas.distribution.services.prices import distribution_settings_update
from saas.sales.services import order_approve
from saas.shipping import services as shipping
from saas.shipping.models import ProofKind
from saas.shipping.services import ProofUpload
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.distribution import Network, place
from tests.fixtures.shipping import sf_number
from tests.fixtures.tenants import client_for, graphql

CAP = "query { myDistributor { id rebateCapPercent } }"
CATEGORIES = "query { distributorCategories { id name parentId path } }"
ORDER = """
query($id: ID!) {
  distributorOrder(id: $id) {
    number status
    shipments { id number status carrierName carrierPhone trackingNumber shippedAt signed signedAt }
  }
}"""
ORDERS = """
query { distributorOrders(limit: 20) { totalCount items { number shipments { trackingNumber carrierName signed } } } }
"""


def first_code(answer: dict) -> str:
    return answer["errors"][0]["extensions"]["code"]


def agent_client(network: Network, user: Any = None) -> Any:
    return client_for(network.selling.room.workspace, user or network.agent)


# The rebate cap


def test_my_distributor_tells_the_workspaces_rebate_cap(network: Network):
    agent = agent_client(network)
    assert Decimal(graphql(agent, CAP)["data"]["myDistributor"]["rebateCapPercent"]) == 0
    distribution_settings_update(actor=network.manager, rebate_cap_percent="12.5")
    assert Decimal(graphql(agent, CAP)["data"]["myDistributor"]["rebateCapPercent"]) == Decimal("12.5")
    # The same cap the order is held to: 12.5 % of 590.00 is 73.75.
    network.fund(network.hz, "1000", rebate="100")
    with pytest.raises(InvalidInput) as refused:
        place(network.agent, [(network.shirt, "10")], rebate_amount="73.76")
    assert refused.value.code == "rebate_over_cap"
    placed = place(network.agent, [(network.shirt, "10")], rebate_amount="73.75")
    assert placed.total_amount == Decimal("590.00")
    # Staff reading the network see the same one cap on every distributor, read once.
    manager = agent_client(network, network.manager)
    tree = graphql(manager, "query { distributorTree { nodes { rebateCapPercent } } }")["data"]
    assert {Decimal(node["rebateCapPercent"]) for node in tree["distributorTree"]["nodes"]} == {
        Decimal("12.5")
    }


# Categories


@pytest.fixture
def tree(network: Network) -> dict[str, Category]:
    """女装 ⊃ 衬衫, 数码 ⊃ 手机, 其他: the shirt is a 衬衫, the phone a 手机."""
    women = Category.objects.create(name="女装", sort_order=1)
    shirts = Category.objects.create(name="衬衫", parent=women)
    digital = Category.objects.create(name="数码", sort_order=2)
    phones = Category.objects.create(name="手机", parent=digital)
    other = Category.objects.create(name="其他", sort_order=3)
    Product.objects.filter(pk=network.shirt.product_id).update(category=shirts)
    Product.objects.filter(pk=network.phone.product_id).update(category=phones)
    return {"women": women, "shirts": shirts, "digital": digital, "phones": phones, "other": other}


def paths(client: Any) -> list[str]:
    return [" / ".join(row["path"]) for row in graphql(client, CATEGORIES)["data"]["distributorCategories"]]


def test_a_level_without_a_catalogue_sees_every_category_in_tree_order(network: Network, tree):
    rows = graphql(agent_client(network), CATEGORIES)["data"]["distributorCategories"]
    assert [" / ".join(row["path"]) for row in rows] == ["女装", "女装 / 衬衫", "数码", "数码 / 手机", "其他"]
    assert rows[1] == {
        "id": str(tree["shirts"].pk),
        "name": "衬衫",
        "parentId": str(tree["women"].pk),
        "path": ["女装", "衬衫"],
    }


def test_a_level_sees_its_catalogues_categories_and_its_products_only(network: Network, tree):
    network_services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        catalog_category_ids=[tree["women"].pk],
        catalog_product_ids=[network.phone.product_id],
    )
    # 女装 with its 衬衫; the phone's own 手机 (its path names 数码), but not 数码 itself nor 其他.
    assert paths(agent_client(network)) == ["女装", "女装 / 衬衫", "数码 / 手机"]
    network_services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        catalog_category_ids=[tree["shirts"].pk],
        catalog_product_ids=[],
    )
    assert paths(agent_client(network)) == ["女装 / 衬衫"]
    # nb is a 市代 too: its people see the level's categories as well.
    assert paths(agent_client(network, network.agent2)) == ["女装 / 衬衫"]


def test_categories_are_for_a_distributors_people_only(network: Network, tree, beta):
    for role in ("manager", "sales"):
        answer = graphql(agent_client(network, network.selling.user(role)), CATEGORIES)
        assert first_code(answer) == "not_a_distributor"
    other = graphql(client_for(beta, beta.users["distributor"]), CATEGORIES)
    assert first_code(other) == "not_a_distributor"


# Shipments


def photo() -> ProofUpload:
    return ProofUpload(ProofKind.PHOTO, ContentFile(PNG_BYTES, name="note.png"))


def test_an_order_shows_its_shipments_on_the_way_to_sign_back(network: Network, media_root: Any):
    network.fund(network.hz, "2000")
    order = place(network.agent, [(network.shirt, "4")])
    agent = agent_client(network)
    assert graphql(agent, ORDER, {"id": str(order.pk)})["data"]["distributorOrder"]["shipments"] == []
    order_approve(actor=network.manager, order=order)
    keeper = network.selling.keeper
    line = order.lines.get()
    tracking = sf_number()
    first = shipping.shipment_create(
        actor=keeper,
        order_id=order.pk,
        lines=[shipping.ShipmentLineInput(line_id=line.pk, quantity="3")],
        tracking_number=tracking,
    )
    shipping.shipment_create(actor=keeper, order_id=order.pk, ship=False)  # still being packed
    shown = graphql(agent, ORDER, {"id": str(order.pk)})["data"]["distributorOrder"]
    assert shown["status"] == "PARTLY_SHIPPED"
    (package,) = shown["shipments"]
    assert package["number"] == first.number and package["status"] == "SHIPPED"
    assert (package["trackingNumber"], package["carrierName"]) == (tracking, "顺丰速运")
    assert package["carrierPhone"] == first.carrier.phone
    assert package["shippedAt"] and (package["signed"], package["signedAt"]) == (False, None)

    shipping.shipment_sign_back(actor=keeper, shipment_id=first.pk, proofs=[photo()])
    signed = graphql(agent, ORDER, {"id": str(order.pk)})["data"]["distributorOrder"]["shipments"][0]
    assert signed["status"] == "SIGNED" and signed["signed"] is True and signed["signedAt"]
    listed = graphql(agent, ORDERS)["data"]["distributorOrders"]["items"]
    assert listed == [
        {
            "number": order.number,
            "shipments": [{"trackingNumber": tracking, "carrierName": "顺丰速运", "signed": True}],
        }
    ]


def test_another_distributor_never_sees_the_shipments(network: Network, media_root: Any, beta):
    network.fund(network.hz, "2000")
    order = place(network.agent, [(network.shirt, "2")])
    order_approve(actor=network.manager, order=order)
    shipped = shipping.shipment_create(
        actor=network.selling.keeper, order_id=order.pk, tracking_number=sf_number()
    )
    other = agent_client(network, network.agent2)
    assert first_code(graphql(other, ORDER, {"id": str(order.pk)})) == "not_found"
    assert graphql(other, ORDERS)["data"]["distributorOrders"] == {"totalCount": 0, "items": []}
    # Shipping's own reads are the workspace's: the id of the shipment finds nothing for it.
    by_id = graphql(
        other, "query($id: ID!) { shipment(id: $id) { trackingNumber } }", {"id": str(shipped.pk)}
    )
    assert by_id["data"] is None and first_code(by_id) == "not_found"
    assert shipped.tracking_number not in str(by_id)
    # Nor does another workspace's distributor person, by the order's id.
    stranger = client_for(beta, beta.users["distributor"])
    assert first_code(graphql(stranger, ORDER, {"id": str(order.pk)})) == "not_a_distributor"


def test_a_page_of_orders_with_shipments_takes_a_fixed_number_of_queries(network: Network):
    network.fund(network.hz, "5000")
    agent = agent_client(network)

    def ship_one() -> None:
        order = place(network.agent, [(network.shirt, "1")])
        order_approve(actor=network.manager, order=order)
        shipping.shipment_create(actor=network.selling.keeper, order_id=order.pk, tracking_number=sf_number())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            answer = graphql(agent, ORDERS)["data"]["distributorOrders"]
        assert all(item["shipments"] for item in answer["items"])
        return len(captured)

    ship_one()
    one = queries()
    ship_one()
    ship_one()
    assert queries() == one
