"""The distribution GraphQL API: the contract's names (distributorCatalog, myDistributor,
distributorOrderPlace), the workspace's network, price list and wallet fields with exact error
codes, who sees what (a distributor only its own; staff without the scopes nothing; keys never
the portal), and another workspace's ids finding nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.catalog.models import SKU
from saas.core.clock import tenant_today
from saas.distribution.models import Distributor, PriceList
from tests.fixtures.distribution import Network, item, place
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import client_for, graphql

MY_DISTRIBUTOR = """
query {
  myDistributor {
    id name code creditLimit creditAvailable status
    level { id code name }
    wallet { balance rebateBalance entries(limit: 5) { number kind pocket amount balanceAfter reference } }
  }
}"""
CATALOG = """
query($search: String!, $categoryId: ID, $limit: Int!, $offset: Int!) {
  distributorCatalog(search: $search, categoryId: $categoryId, limit: $limit, offset: $offset) {
    totalCount
    items { sku { id code } price listPrice priceRule caseQuantity }
  }
}"""
PLACE = """
mutation($input: DistributorOrderPlaceInput!) {
  distributorOrderPlace(input: $input) {
    salesOrder { id number status total payWith paidFromWallet paidFromRebate lines { unitPrice priceRule } }
    errors { field code message }
  }
}"""


def first_code(answer: dict) -> str:
    return answer["errors"][0]["extensions"]["code"]


@pytest.fixture
def priced(network: Network) -> Network:
    network.price(network.city, item(network.shirt, ("1", None, "10")), name="市代价目表")
    network.fund(network.hz, "1000", rebate="50")
    return network


def test_my_distributor_is_the_callers_own_with_its_wallet(priced: Network):
    network = priced
    agent = client_for(network.selling.room.workspace, network.agent)
    mine = graphql(agent, MY_DISTRIBUTOR)["data"]["myDistributor"]
    assert mine["id"] == str(network.hz.pk) and mine["name"] == "杭州鑫达" and mine["status"] == "ACTIVE"
    assert mine["level"] == {"id": str(network.city.pk), "code": "C", "name": "市代"}
    assert Decimal(mine["creditLimit"]) == Decimal("1000") == Decimal(mine["creditAvailable"])
    assert (
        Decimal(mine["wallet"]["balance"]) == Decimal("1000")
        and Decimal(mine["wallet"]["rebateBalance"]) == 50
    )
    assert [e["kind"] for e in mine["wallet"]["entries"]] == ["ADJUSTMENT", "PREPAYMENT"]
    assert Decimal(mine["wallet"]["entries"][1]["balanceAfter"]) == Decimal("1000")


def test_the_catalogue_lists_what_the_level_may_order_at_its_prices(priced: Network):
    network = priced
    agent = client_for(network.selling.room.workspace, network.agent)
    page = graphql(agent, CATALOG, {"search": "", "categoryId": None, "limit": 10, "offset": 0})["data"]
    items = {row["sku"]["code"]: row for row in page["distributorCatalog"]["items"]}
    assert page["distributorCatalog"]["totalCount"] == 2
    shirt = items[network.shirt.code]
    assert Decimal(shirt["price"]) == Decimal("53.10") and Decimal(shirt["listPrice"]) == Decimal("59.00")
    assert shirt["priceRule"] == f"市代价目表 {tenant_today().isoformat()} · 9.0折"
    assert items[network.phone.code]["priceRule"] == "标准价"
    # Made as a row by the fixture: the search text as the catalog's services would keep it.
    SKU.objects.filter(pk=network.phone.pk).update(search_text="phone-128 手机 shouji sj")
    found = graphql(agent, CATALOG, {"search": "手机", "categoryId": None, "limit": 10, "offset": 0})["data"]
    assert [row["sku"]["code"] for row in found["distributorCatalog"]["items"]] == [network.phone.code]
    bad = graphql(agent, CATALOG, {"search": "", "categoryId": "99999999", "limit": 10, "offset": 0})
    assert first_code(bad) == "not_found"
    assert first_code(
        graphql(agent, CATALOG, {"search": "", "categoryId": None, "limit": 0, "offset": 0})
    ) == ("page_invalid")


def test_placing_an_order_returns_the_sales_order_and_a_retry_the_same(priced: Network):
    network = priced
    agent = client_for(network.selling.room.workspace, network.agent)
    variables = {
        "input": {
            "lines": [{"skuId": str(network.shirt.pk), "quantity": "10"}],
            "payWith": "WALLET",
            "rebateAmount": None,
            "idempotencyKey": "h5-cart-000001",
        }
    }
    placed = graphql(agent, PLACE, variables)["data"]["distributorOrderPlace"]
    assert placed["errors"] == []
    order = placed["salesOrder"]
    assert order["status"] == "PENDING_REVIEW" and Decimal(order["total"]) == Decimal("531.00")
    assert order["payWith"] == "WALLET" and Decimal(order["paidFromWallet"]) == Decimal("531.00")
    assert order["number"].startswith("SO-") and order["lines"][0]["priceRule"].endswith("9.0折")
    again = graphql(agent, PLACE, variables)["data"]["distributorOrderPlace"]
    assert again["salesOrder"]["id"] == order["id"]
    listed = graphql(agent, "query { distributorOrders { totalCount items { id number total } } }")["data"]
    assert listed["distributorOrders"]["totalCount"] == 1


def test_refusals_come_back_as_field_errors_with_codes(priced: Network):
    network = priced
    agent = client_for(network.selling.room.workspace, network.agent)

    def errors(lines, pay_with="WALLET", rebate=None):
        variables = {"input": {"lines": lines, "payWith": pay_with, "rebateAmount": rebate}}
        answer = graphql(agent, PLACE, variables)["data"]["distributorOrderPlace"]
        assert answer["salesOrder"] is None
        return [(e["field"], e["code"]) for e in answer["errors"]]

    shirt, phone = str(network.shirt.pk), str(network.phone.pk)
    assert errors([{"skuId": phone, "quantity": "1"}]) == [("payWith", "insufficient_balance")]
    assert errors([{"skuId": shirt, "quantity": "1"}], rebate="1") == [("rebateAmount", "rebate_over_cap")]
    assert errors([{"skuId": "99999999", "quantity": "1"}]) == [("lines.0.skuId", "not_found")]
    assert errors([{"skuId": shirt, "quantity": "-1"}]) == [("lines.0.quantity", "quantity_invalid")]
    assert errors([{"skuId": phone, "quantity": "1"}], pay_with="CREDIT") == [
        ("payWith", "credit_limit_exceeded")
    ]


def test_the_workspace_manages_the_network_over_graphql(network: Network):
    workspace = network.selling.room.workspace
    manager = client_for(workspace, network.manager)
    tree = graphql(manager, "query { distributorTree { truncated nodes { id parentId depth name } } }")[
        "data"
    ]
    assert [node["depth"] for node in tree["distributorTree"]["nodes"]] == [0, 1, 2, 1]
    subtree = graphql(
        manager,
        "query($id: ID) { distributors(subtreeOf: $id) { totalCount items { name wallet { balance } } } }",
        {"id": str(network.hz.pk)},
    )["data"]["distributors"]
    assert [row["name"] for row in subtree["items"]] == ["杭州鑫达", "西湖小店"]
    moved = graphql(
        manager,
        "mutation($id: ID!, $parent: ID) { distributorMove(id: $id, parentId: $parent) { "
        "distributor { parentId depth } errors { field code } } }",
        {"id": str(network.hz.pk), "parent": str(network.shop.pk)},
    )["data"]["distributorMove"]
    assert moved == {"distributor": None, "errors": [{"field": "parentId", "code": "parent_cycle"}]}
    level = graphql(
        manager,
        "mutation($input: DistributorLevelInput!) { distributorLevelSave(input: $input) { "
        "level { code name rank minOrderAmount catalogProductIds } errors { field code } } }",
        {
            "input": {
                "code": "R2",
                "name": "二级零售",
                "rank": 4,
                "minOrderAmount": "300",
                "catalogProductIds": [str(network.shirt.product_id)],
            }
        },
    )["data"]["distributorLevelSave"]
    assert level["errors"] == [] and level["level"]["catalogProductIds"] == [str(network.shirt.product_id)]
    saved = graphql(
        manager,
        "mutation($input: PriceListSaveInput!) { priceListSave(input: $input) { priceList { version name "
        "items { sku { code } caseQuantity breaks { minQuantity discountPercent fixedPrice } } } "
        "errors { field code } } }",
        {
            "input": {
                "distributorId": str(network.hz.pk),
                "name": "鑫达专属",
                "effectiveFrom": tenant_today().isoformat(),
                "items": [
                    {
                        "skuId": str(network.shirt.pk),
                        "caseQuantity": 6,
                        "breaks": [
                            {"minQuantity": "1", "discountPercent": "12"},
                            {"minQuantity": "60", "fixedPrice": "45"},
                        ],
                    }
                ],
            }
        },
    )["data"]["priceListSave"]
    assert saved["errors"] == [] and saved["priceList"]["version"] == 1
    assert [b["minQuantity"] for b in saved["priceList"]["items"][0]["breaks"]] == ["1.000", "60.000"]
    bad = graphql(
        manager,
        "mutation($input: PriceListSaveInput!) { priceListSave(input: $input) { errors { field code } } }",
        {
            "input": {
                "levelId": str(network.city.pk),
                "name": "X",
                "effectiveFrom": tenant_today().isoformat(),
                "items": [{"skuId": str(network.shirt.pk), "breaks": [{"minQuantity": "1"}]}],
            }
        },
    )["data"]["priceListSave"]
    assert bad["errors"] == [{"field": "items.0.breaks.0", "code": "price_required"}]
    lists = graphql(manager, "query { priceLists { totalCount items { name version } } }")["data"][
        "priceLists"
    ]
    assert lists["totalCount"] == PriceList.objects.count() == 1


def test_finance_records_wallet_money_over_graphql(network: Network):
    finance = client_for(network.selling.room.workspace, network.finance)
    recorded = graphql(
        finance,
        'mutation($id: ID!) { walletPrepaymentRecord(distributorId: $id, amount: "500", reference: "ICBC-1") '
        "{ entry { kind amount balanceAfter } errors { field code } } }",
        {"id": str(network.nb.pk)},
    )["data"]["walletPrepaymentRecord"]
    assert recorded["errors"] == [] and recorded["entry"]["kind"] == "PREPAYMENT"
    paid_out = graphql(
        finance,
        'mutation($id: ID!) { walletPayoutRecord(distributorId: $id, amount: "501", reference: "V-1") '
        "{ entry { amount } errors { field code } } }",
        {"id": str(network.nb.pk)},
    )["data"]["walletPayoutRecord"]
    assert paid_out == {"entry": None, "errors": [{"field": "amount", "code": "insufficient_balance"}]}
    adjusted = graphql(
        finance,
        'mutation($id: ID!) { walletAdjust(distributorId: $id, amount: "-0.5", note: "手续费") '
        "{ entry { amount pocket } errors { field code } } }",
        {"id": str(network.nb.pk)},
    )["data"]["walletAdjust"]
    assert adjusted["entry"] == {"amount": "-0.50", "pocket": "CASH"}
    entries = graphql(
        finance,
        "query($id: ID!) { walletEntries(distributorId: $id) { kind amount } }",
        {"id": str(network.nb.pk)},
    )["data"]["walletEntries"]
    assert [e["kind"] for e in entries] == ["ADJUSTMENT", "PREPAYMENT"]
    manager = client_for(network.selling.room.workspace, network.manager)
    refused = graphql(
        manager,
        'mutation($id: ID!) { walletAdjust(distributorId: $id, amount: "1", note: "x") { errors { code } } }',
        {"id": str(network.nb.pk)},
    )["data"]["walletAdjust"]
    assert refused["errors"] == [{"code": "forbidden"}]


def test_a_distributor_sees_only_its_own(priced: Network):
    network = priced
    network.fund(network.nb, "1000")
    theirs = place(network.agent2, [(network.shirt, "1")])
    mine = place(network.agent, [(network.shirt, "1")])
    agent = client_for(network.selling.room.workspace, network.agent)
    assert first_code(graphql(agent, "query { distributors { totalCount } }")) == "forbidden"
    assert first_code(graphql(agent, "query { distributorTree { truncated } }")) == "forbidden"
    assert first_code(graphql(agent, "query { priceLists { totalCount } }")) == "forbidden"
    other_wallet = graphql(
        agent, "query($id: ID!) { walletEntries(distributorId: $id) { amount } }", {"id": str(network.nb.pk)}
    )
    assert first_code(other_wallet) == "not_found"
    own_wallet = graphql(
        agent, "query($id: ID!) { walletEntries(distributorId: $id) { amount } }", {"id": str(network.hz.pk)}
    )["data"]["walletEntries"]
    assert len(own_wallet) == 3  # the prepayment, the rebate adjustment, the order payment
    assert (
        first_code(
            graphql(agent, "query($id: ID!) { distributorOrder(id: $id) { number } }", {"id": str(theirs.pk)})
        )
        == "not_found"
    )
    assert (
        graphql(agent, "query($id: ID!) { distributorOrder(id: $id) { number } }", {"id": str(mine.pk)})[
            "data"
        ]["distributorOrder"]["number"]
        == mine.number
    )
    # The sales selectors show a distributor's person no orders and no customers at all.
    assert graphql(agent, "query { salesOrders { totalCount } }")["data"]["salesOrders"]["totalCount"] == 0
    assert (
        first_code(graphql(agent, "query($id: ID!) { salesOrder(id: $id) { number } }", {"id": str(mine.pk)}))
        == "not_found"
    )
    customers = graphql(agent, "query { customers { totalCount } }")
    assert "errors" in customers or customers["data"]["customers"]["totalCount"] == 0
    refused = graphql(
        agent,
        "mutation($id: ID!) { distributorMove(id: $id) { errors { code } } }",
        {"id": str(network.hz.pk)},
    )["data"]["distributorMove"]
    assert refused["errors"] == [{"code": "forbidden"}]


@pytest.mark.parametrize("role", ["sales", "warehouse"])
def test_staff_without_distribution_scopes_see_nothing_and_are_not_distributors(network: Network, role: str):
    client = client_for(network.selling.room.workspace, network.selling.user(role))
    assert first_code(graphql(client, "query { distributors { totalCount } }")) == "forbidden"
    assert first_code(graphql(client, "query { distributorLevels { id } }")) == "forbidden"
    assert first_code(graphql(client, MY_DISTRIBUTOR)) == "not_a_distributor"
    assert (
        first_code(graphql(client, CATALOG, {"search": "", "limit": 5, "offset": 0})) == "not_a_distributor"
    )


def test_partner_keys_read_the_network_by_area_and_never_the_portal(network: Network):
    workspace = network.selling.room.workspace
    reader = key_client(workspace, issue_key(workspace, "distribution:read").secret)
    status, answer = key_post(reader, "query { distributors { totalCount } }")
    assert status == 200 and answer["data"]["distributors"]["totalCount"] == 4
    status, answer = key_post(reader, "query { myDistributor { id } }")
    assert answer["errors"][0]["extensions"]["code"] == "forbidden"
    assert answer["errors"][0]["extensions"]["missingScope"] is None  # people only
    other = key_client(workspace, issue_key(workspace, "sales:read", name="ERP 2").secret)
    status, answer = key_post(other, "query { distributors { totalCount } }")
    assert answer["errors"][0]["extensions"]["missingScope"] == "distribution:read"


def test_another_workspace_finds_none_of_these_ids(network: Network, beta):
    hz = str(network.hz.pk)
    with tenant_context(beta.tenant):
        assert not Distributor.objects.filter(pk=network.hz.pk).exists()
    manager = client_for(beta, beta.users["manager"])
    assert first_code(graphql(manager, "query($id: ID!) { distributor(id: $id) { name } }", {"id": hz})) == (
        "not_found"
    )
    assert (
        graphql(manager, "query { distributors { totalCount } }")["data"]["distributors"]["totalCount"] == 0
    )
    finance = client_for(beta, beta.users["finance"])
    recorded = graphql(
        finance,
        'mutation($id: ID!) { walletPrepaymentRecord(distributorId: $id, amount: "5", reference: "X") '
        "{ errors { field code } } }",
        {"id": hz},
    )["data"]["walletPrepaymentRecord"]
    assert recorded["errors"] == [{"field": "distributorId", "code": "not_found"}]
    agent = client_for(beta, beta.users["distributor"])
    assert first_code(graphql(agent, MY_DISTRIBUTOR)) == "not_a_distributor"


CART = """
query($lines: [DistributorOrderLineInput!]!) {
  distributorCartPrice(lines: $lines) { total lines { skuId sku { code } price amount priceRule problem caseQuantity } }
}"""


def test_a_cart_is_priced_line_by_line_with_its_problems(priced: Network):
    network = priced
    network.price(network.hz, item(network.phone, ("1", "1500", None), case=2), name="鑫达专属")
    agent = client_for(network.selling.room.workspace, network.agent)
    lines = [
        {"skuId": str(network.shirt.pk), "quantity": "10"},
        {"skuId": str(network.phone.pk), "quantity": "3"},
        {"skuId": "99999999", "quantity": "1"},
    ]
    cart = graphql(agent, CART, {"lines": lines})["data"]["distributorCartPrice"]
    shirt, phone, unknown = cart["lines"]
    assert (shirt["sku"]["code"], Decimal(shirt["amount"]), shirt["problem"]) == (
        network.shirt.code,
        Decimal("531.00"),
        None,
    )
    assert (Decimal(phone["price"]), phone["problem"], phone["caseQuantity"]) == (
        Decimal("1500.00"),
        "case_multiple",
        2,
    )
    assert unknown["sku"] is None and unknown["problem"] == "not_found"
    assert Decimal(cart["total"]) == Decimal("531.00")  # only what can be ordered
    too_many = graphql(agent, CART, {"lines": [{"skuId": str(n), "quantity": "1"} for n in range(1, 1002)]})
    assert first_code(too_many) == "too_many_lines"


def test_catalogue_pages_and_carts_cost_a_fixed_number_of_queries(priced: Network):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from saas.catalog.models import Product
    from saas.distribution.lines import OrderLineInput
    from saas.distribution.selectors import portal

    network = priced
    product = Product.objects.create(code="MANY", name="多规格")
    skus = SKU.objects.bulk_create(
        SKU(product=product, code=f"MANY-{n}", spec_values={"n": n}, list_price=Decimal("9.90"))
        for n in range(60)
    )

    def queries(call) -> int:
        with CaptureQueriesContext(connection) as captured:
            call()
        return len(captured)

    portal.distributor_catalog(actor=network.agent, limit=1)  # the person's roles, read once and kept
    small = queries(lambda: portal.distributor_catalog(actor=network.agent, limit=5))
    large = queries(lambda: portal.distributor_catalog(actor=network.agent, limit=60))
    assert small == large

    def cart(n: int):
        priced_cart = portal.cart_price(
            actor=network.agent, lines=[OrderLineInput(sku_id=sku.pk, quantity="1") for sku in skus[:n]]
        )
        return [priced_cart.sku(line.sku_id) for line in priced_cart.lines]

    assert queries(lambda: cart(3)) == queries(lambda: cart(60))
