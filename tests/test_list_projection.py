"""The big lists (customers, products, skus, stockLevels, receipts, shipments) served as plain rows of only
the asked-for columns (saas/api/projection.py): the same answer as the model path, field for
field and caller for caller (roles, a partner key, another workspace); a fixed number of
statements whatever the page size; cursor paging and counts as before; a field the rows do not
carry takes the model path. Shipments have their own fast path (saas/api/shipping/projection.py),
held to the same rules here."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.api import projection
from saas.api.shipping import projection as shipping_projection
from saas.catalog.models import SKU, Category, Product
from saas.customers.models import CustomerLevel, CustomerTag
from saas.inventory.models import StockLevel
from tests.fixtures.inventory import make_sku
from tests.fixtures.partners import issue_key, key_client
from tests.fixtures.sales import sales_customer
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import client_for, graphql

PAGE = "totalCount pageInfo { hasNextPage endCursor }"
LISTS = {
    "customers": """
        id code name kind phone creditLimit paymentTermsDays source notes invoiceTitle taxpayerId
        isActive createdAt updatedAt __typename owner { id fullName email } level { id code name sortOrder }
        tags { id name color } contacts { id name title phone email isPrimary }
        addresses { id receiver phone province city district detail isDefault }
    """,
    "products": """
        id code name brand description baseUnit specNames status createdAt updatedAt categoryId
        specs { name values } category { id path }
        skus { id code barcode listPrice costPrice specLabel specValues { name value } name productId status }
    """,
    "skus": """
        id code barcode listPrice costPrice createdAt updatedAt status specLabel specValues { name value }
        name baseUnit productCode productId product { id code name baseUnit specNames category { path } }
    """,
    "stockLevels": """
        id onHand reserved available inTransit minQty maxQty reorderPoint updatedAt avgCost isLow
        sku { id code name specLabel product { id name } } warehouse { id code name address isActive }
    """,
    "receipts": """
        id number kind method amount unallocatedAmount receivedOn reference note isVoid createdAt updatedAt
        createdByName customer { id code name phone creditLimit owner { id fullName } }
        allocations { amount order { id number status totalAmount receivedAmount } }
    """,
    "shipments": """
        id number status deliveryMethod trackingNumber note shipDate shippedAt shippedByName verified
        verifiedAt signedAt signRecordedAt signedByName signLatitude signLongitude signNote updatedAt
        totalQuantity deliveryNoteUrl availableActions __typename events { toStatus }
        order { id number status customerName repName receiver receiverPhone address deliveryMethod }
        warehouse { id code name }
        carrier { id code name nameZh nameEn trackingPattern phone priority isBuiltin isActive }
    """,
}
# Statements of one page served by plain rows, past what every request costs (the tenant's
# search_path, the session and the user, or the key): the count, the page, one per to-many
# relation asked (customers: tags, contacts, addresses; products: SKUs; receipts: allocations
# with their orders) and the request's category index (a product's category path). Shipments:
# the count and the page (their order, warehouse, carrier and total quantity in it).
PAGE_STATEMENTS = {"customers": 5, "products": 4, "skus": 3, "stockLevels": 2, "receipts": 3, "shipments": 2}


def _query(name: str, fields: str) -> str:
    return f"query($limit: Int!) {{ {name}(limit: $limit) {{ {PAGE} items {{ {fields} }} }} }}"


def _fixed(client) -> int:
    """What any request of this caller costs (and the host is known to the worker after it)."""
    graphql(client, "{ __typename }")
    return _ask(client, "{ __typename }", {})[1]


def _ask(client, query: str, variables: dict) -> tuple[dict, int]:
    """The answer (without the caller's cost bucket, which refills with time) and its statements."""
    with CaptureQueriesContext(connection) as queries:
        body = graphql(client, query, variables)
    body.get("extensions", {}).pop("cost", None)
    return body, len(queries)


@pytest.fixture
def model_path(monkeypatch):
    """Every list read through the model path, as before the projections."""

    def off() -> None:
        monkeypatch.setattr(projection, "_compile", lambda shape, nodes: None)
        monkeypatch.setattr(shipping_projection, "plan", lambda info: None)

    return off


@pytest.fixture
def projected(monkeypatch):
    """How many pages the projections read, to prove which path served a request."""
    calls: list[int] = []
    real = projection._objects

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(projection, "_objects", counting)
    real_build = shipping_projection._build

    def building(*args, **kwargs):
        calls.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(shipping_projection, "_build", building)
    return calls


def _data(books, *, many: int = 0) -> None:
    """Two customers (the rep's, the manager's) with a level, tags, contacts and addresses;
    products in a category, an archived SKU; stock in two warehouses; receipts allocated."""
    selling = books.selling
    level = CustomerLevel.objects.create(code="VIP", name="大客户", sort_order=1)
    hot, cold = CustomerTag.objects.create(name="热", color="#e34d59"), CustomerTag.objects.create(name="冷")
    mine = selling.customer
    mine.level = level
    mine.credit_limit = Decimal("5000.00")
    mine.save()
    mine.tags.set([hot, cold])
    other = books.customer_of(selling.manager, name="上海经理客户")
    other.tags.set([cold])
    category = Category.objects.create(name="服装")
    Product.objects.filter(pk=selling.shirt.product_id).update(category=category, spec_names=["颜色", "尺码"])
    SKU.objects.filter(pk=selling.shirt.pk).update(spec_values={"尺码": "M", "颜色": "红"})
    archived = make_sku("SHIRT-OLD", "旧衬衫")
    SKU.objects.filter(pk=archived.pk).update(status="archived")
    for index in range(many):
        make_sku(f"BULK-{index:03}", f"批量商品{index}")
    Product.objects.exclude(pk=archived.product_id).update(category=category)
    selling.room.receive(selling.phone, "5", "1000", warehouse=selling.room.branch)
    StockLevel.objects.filter(sku=selling.shirt).update(reorder_point=Decimal("200"))
    shipped = books.shipped([(books.shirt, "2")])
    managers = books.shipped([(books.phone, "1")], customer=other, actor=selling.manager)
    books.pay(shipped.customer, "100", [(shipped, "100")])
    books.pay(other, "2500", [(managers, "1999")])
    # Shipments: the rep's shipped (SF), one of the manager's customer shipped, the rep's packed.
    shipping = Shipping(selling=selling)
    shipping.ship(shipping.order([(books.shirt, "1")]))
    far = sales_customer(owner=selling.manager, name="宁波远方客户")
    shipping.ship(
        shipping.order([(books.shirt, "2"), (books.phone, "1")], actor=selling.manager, customer=far)
    )
    shipping.pack(shipping.order([(books.shirt, "1")]))


CALLERS = ("manager", "sales", "warehouse", "finance", "distributor")


@pytest.mark.parametrize("name", sorted(LISTS))
def test_plain_rows_answer_what_the_models_answer(books, alpha, name, model_path, projected):
    _data(books)
    query = _query(name, LISTS[name])
    clients = {role: client_for(alpha, alpha.users[role]) for role in CALLERS}
    for scopes in (
        ("inventory:read", "customers:read"),
        ("catalog:read", "finance:read"),
        ("shipping:read",),
    ):
        clients[scopes] = key_client(alpha, issue_key(alpha, *scopes, name="ERP " + scopes[0]).secret)
    fast = {}
    for caller, client in clients.items():
        fixed = _fixed(client)
        fast[caller], statements = _ask(client, query, {"limit": 20})
        if "errors" not in fast[caller] and fast[caller]["data"][name]["items"]:
            assert statements - fixed == PAGE_STATEMENTS[name], (caller, statements, fixed)
    served = len(projected)
    assert served >= 1
    model_path()
    for caller, client in clients.items():
        slow, _statements = _ask(client, query, {"limit": 20})
        assert fast[caller] == slow, caller
    assert len(projected) == served  # the second round did not touch the projection
    answered = [caller for caller, body in fast.items() if "errors" not in body]
    assert "manager" in answered and any(fast[c]["data"][name]["items"] for c in answered)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_statements_do_not_grow_with_the_page(books, alpha, name, projected):
    _data(books, many=30)
    client = client_for(alpha, alpha.users["manager"])
    fixed = _fixed(client)
    small, few = _ask(client, _query(name, LISTS[name]), {"limit": 1})
    large, more = _ask(client, _query(name, LISTS[name]), {"limit": 100})
    assert "errors" not in small and "errors" not in large, (small, large)
    assert len(small["data"][name]["items"]) == 1 and len(large["data"][name]["items"]) > 1
    assert few - fixed == more - fixed == PAGE_STATEMENTS[name], (few, more, fixed)
    assert projected


def test_a_rep_sees_their_own_customers_and_receipts(books, alpha):
    _data(books)
    rep = client_for(alpha, books.selling.rep)
    customers = graphql(rep, _query("customers", LISTS["customers"]), {"limit": 100})["data"]["customers"]
    assert [c["owner"]["id"] for c in customers["items"]] == [str(books.selling.rep.pk)]
    assert customers["totalCount"] == 1
    receipts = graphql(rep, _query("receipts", LISTS["receipts"]), {"limit": 100})
    orders = [a["order"]["number"] for r in receipts["data"]["receipts"]["items"] for a in r["allocations"]]
    assert len(orders) == 1 and receipts["data"]["receipts"]["totalCount"] == 1


def test_another_workspace_sees_none_of_it(books, alpha, beta):
    _data(books)
    client = client_for(beta, beta.users["manager"])
    for name in ("customers", "skus", "stockLevels", "receipts", "shipments"):
        body = graphql(client, _query(name, LISTS[name]), {"limit": 100})
        assert body["data"][name]["items"] == [] and body["data"][name]["totalCount"] == 0, name


def test_cursor_paging_reads_plain_rows_too(books, alpha, projected, model_path):
    _data(books, many=5)
    client = client_for(alpha, alpha.users["manager"])
    query = (
        "query($after: String) { skus(first: 3, after: $after) "
        "{ pageInfo { hasNextPage endCursor } items { id code updatedAt } } }"
    )

    def walk() -> list[str]:
        codes, after = [], None
        while True:
            page = graphql(client, query, {"after": after})["data"]["skus"]
            codes += [item["code"] for item in page["items"]]
            if not page["pageInfo"]["hasNextPage"]:
                return codes
            after = page["pageInfo"]["endCursor"]

    fast = walk()
    assert projected and len(fast) == len(set(fast)) >= 8
    model_path()
    assert walk() == fast


def test_a_field_the_rows_do_not_carry_takes_the_model_path(books, alpha, projected):
    _data(books)
    client = client_for(alpha, alpha.users["manager"])
    body = graphql(client, "{ customers(limit: 5) { items { id addresses { fullAddress } } } }")
    assert "errors" not in body and not projected
    body = graphql(client, "{ customers(limit: 5) { items { id addresses { city } } } }")
    assert "errors" not in body and projected


def test_shipment_lines_take_the_model_path(books, alpha, projected):
    _data(books)
    client = client_for(alpha, alpha.users["manager"])
    body = graphql(client, "{ shipments(limit: 5) { items { id number lines { quantity amount } } } }")
    assert "errors" not in body and not projected
    assert body["data"]["shipments"]["items"][0]["lines"]
    body = graphql(client, "{ shipments(limit: 5) { items { id number warehouse { code } } } }")
    assert "errors" not in body and projected


def test_a_rep_sees_the_shipments_of_own_orders(books, alpha):
    _data(books)
    rep = client_for(alpha, books.selling.rep)
    query = _query("shipments", "number order { repName customerName }")
    shipments = graphql(rep, query, {"limit": 100})["data"]["shipments"]
    assert {s["order"]["repName"] for s in shipments["items"]} == {books.selling.rep.full_name}
    assert shipments["totalCount"] == len(shipments["items"]) == 2
