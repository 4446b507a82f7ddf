"""Partner sync paging: cursors in (updatedAt, id) order next to the app's offset pages.

A row changed while a partner pages moves behind the cursor and is still seen; a malformed or
foreign cursor is `cursor_invalid`; a cursor carries no other workspace's rows; `totalCount` is
counted only when asked for; and one synced page costs the same queries for few rows or many.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.catalog import services as catalog
from saas.catalog.drafts import SpecDraft
from saas.catalog.models import SKU, Product
from saas.customers.models import Customer
from saas.finance.models import Receipt
from saas.inventory.models import StockLevel
from saas.sales.models import SalesOrder
from saas.shipping.models import Shipment
from tests.fixtures.catalog import make_product
from tests.fixtures.customers import make_customer
from tests.fixtures.inventory import make_sku
from tests.fixtures.tenants import client_for, graphql

SYNC = """
query($since: DateTime, $after: String, $first: Int) {
  products(updatedSince: $since, after: $after, first: $first) {
    items { code } pageInfo { endCursor hasNextPage }
  }
}"""


def products(client, **variables) -> dict:
    result = graphql(client, SYNC, variables)
    assert "errors" not in result, result
    return result["data"]["products"]


def error_code(result: dict) -> str:
    return result["errors"][0]["extensions"]["code"]


def five_products(manager) -> list[Product]:
    """Five products that changed a minute apart, in code order."""
    start = datetime(2024, 5, 1, tzinfo=UTC)
    made = [make_product(manager, code=f"S{n}", specs=[SpecDraft("尺码", ["M"])]) for n in range(5)]
    for n, product in enumerate(made):
        Product.objects.filter(pk=product.pk).update(updated_at=start + timedelta(minutes=n))
    return made


def test_cursor_pages_walk_the_list_in_change_order(in_alpha):
    manager = in_alpha.users["manager"]
    five_products(manager)
    client = client_for(in_alpha, manager)
    first = products(client, first=2)
    assert [row["code"] for row in first["items"]] == ["S0", "S1"] and first["pageInfo"]["hasNextPage"]
    second = products(client, first=2, after=first["pageInfo"]["endCursor"])
    assert [row["code"] for row in second["items"]] == ["S2", "S3"]
    last = products(client, first=2, after=second["pageInfo"]["endCursor"])
    assert [row["code"] for row in last["items"]] == ["S4"] and not last["pageInfo"]["hasNextPage"]
    # Polling from the end finds nothing new and hands the same cursor back.
    empty = products(client, first=2, after=last["pageInfo"]["endCursor"])
    assert empty == {
        "items": [],
        "pageInfo": {"endCursor": last["pageInfo"]["endCursor"], "hasNextPage": False},
    }
    since = products(client, since="2024-05-01T00:03:00+00:00")
    assert [row["code"] for row in since["items"]] == ["S3", "S4"]
    # Without an offset, a time is the workspace's (Asia/Shanghai, UTC+8).
    local = products(client, since="2024-05-01T08:03:00")
    assert [row["code"] for row in local["items"]] == ["S3", "S4"]


def test_a_row_changed_during_a_sync_is_not_skipped(in_alpha):
    """Offset paging would skip S3 here: S2 moving to the end shifts S3 into the page already read."""
    manager = in_alpha.users["manager"]
    made = five_products(manager)
    client = client_for(in_alpha, manager)
    page = products(client, first=2)
    seen = [row["code"] for row in page["items"]]
    catalog.product_update(actor=manager, product_id=made[2].pk, name="改过的名字")
    while page["pageInfo"]["hasNextPage"]:
        page = products(client, first=2, after=page["pageInfo"]["endCursor"])
        seen += [row["code"] for row in page["items"]]
    assert seen == ["S0", "S1", "S3", "S4", "S2"]


def test_the_app_s_offset_paging_is_unchanged(in_alpha):
    manager = in_alpha.users["manager"]
    five_products(manager)
    client = client_for(in_alpha, manager)
    query = (
        "{ products(limit: 2, offset: 2) { totalCount items { code } pageInfo { endCursor hasNextPage } } }"
    )
    page = graphql(client, query)["data"]["products"]
    assert page == {  # newest first, as before
        "totalCount": 5,
        "items": [{"code": "S2"}, {"code": "S1"}],
        "pageInfo": {"endCursor": None, "hasNextPage": True},
    }
    last = graphql(client, query.replace("offset: 2", "offset: 4"))["data"]["products"]
    assert last["pageInfo"] == {"endCursor": None, "hasNextPage": False}
    # A list that pages by offset only says so with a null pageInfo.
    assert (
        graphql(client, "{ suppliers { pageInfo { hasNextPage } } }")["data"]["suppliers"]["pageInfo"] is None
    )


def _cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        "",
        "%%%",
        _cursor("1|products|yesterday|3"),
        _cursor("1|products|2024-05-01T00:00:00|3"),  # no offset: not one we gave out
        _cursor("1|products|2024-05-01T00:00:00+00:00|-3"),
        _cursor("1|products|2024-05-01T00:00:00+00:00|99999999999999999999"),
        _cursor("2|products|2024-05-01T00:00:00+00:00|3"),
        _cursor("1|skus|2024-05-01T00:00:00+00:00|3"),  # another list's
        base64.b64encode(b"\xff\xfe").decode(),
    ],
)
def test_a_malformed_or_foreign_cursor_is_cursor_invalid(alpha, cursor):
    result = graphql(client_for(alpha, alpha.users["manager"]), SYNC, {"after": cursor, "first": 2})
    assert error_code(result) == "cursor_invalid", result
    assert result["data"] is None


def test_a_cursor_of_one_list_is_refused_by_another(alpha):
    client = client_for(alpha, alpha.users["manager"])
    with tenant_context(alpha.tenant):
        make_product(alpha.users["manager"], code="X1", specs=[SpecDraft("尺码", ["M", "L"])])
    cursor = graphql(client, "{ skus(first: 1) { pageInfo { endCursor } } }")["data"]["skus"]["pageInfo"][
        "endCursor"
    ]
    assert error_code(graphql(client, SYNC, {"after": cursor})) == "cursor_invalid"


@pytest.mark.parametrize(
    ("variables", "code"),
    [({"first": 0}, "page_invalid"), ({"first": 101}, "page_invalid"), ({"since": "soon"}, None)],
)
def test_bad_sync_arguments_are_typed_errors(alpha, variables, code):
    result = graphql(client_for(alpha, alpha.users["manager"]), SYNC, variables)
    assert result["data"] is None and result["errors"]
    if code:
        assert error_code(result) == code


def test_an_offset_with_a_cursor_page_is_page_invalid(alpha):
    query = "{ products(first: 2, offset: 5) { items { id } } }"
    result = graphql(client_for(alpha, alpha.users["manager"]), query)
    assert error_code(result) == "page_invalid"


def test_a_cursor_from_one_workspace_finds_nothing_of_it_in_another(alpha, beta):
    with tenant_context(alpha.tenant):
        five_products(alpha.users["manager"])
    with tenant_context(beta.tenant):
        theirs = make_product(beta.users["manager"], code="B1", specs=[SpecDraft("尺码", ["M"])])
        Product.objects.filter(pk=theirs.pk).update(updated_at=datetime(2024, 6, 1, tzinfo=UTC))
    alpha_page = products(client_for(alpha, alpha.users["manager"]), first=1)
    assert [row["code"] for row in alpha_page["items"]] == ["S0"]
    in_beta = products(
        client_for(beta, beta.users["manager"]), first=50, after=alpha_page["pageInfo"]["endCursor"]
    )
    assert [row["code"] for row in in_beta["items"]] == ["B1"]


def test_total_count_is_counted_only_when_asked_for(alpha):
    client = client_for(alpha, alpha.users["manager"])
    with tenant_context(alpha.tenant):
        five_products(alpha.users["manager"])
    for query, counts in [
        ("{ products(first: 2) { items { code } } }", 0),
        ("{ products(first: 2) { totalCount items { code } } }", 1),
        ("{ products(limit: 2) { items { code } } }", 0),
    ]:
        with CaptureQueriesContext(connection) as captured:
            graphql(client, query)
        assert sum("COUNT(" in q["sql"].upper() for q in captured.captured_queries) == counts, query
    total = graphql(client, '{ products(first: 2, updatedSince: "2024-05-01T00:03:00Z") { totalCount } }')
    assert total["data"]["products"]["totalCount"] == 2


# --- one synced page costs the same queries for few rows or many ------------------------------

PAGES = {
    "products": "code skus { code listPrice } packUnits { name } images { url } category { name }",
    "skus": "code listPrice status",
    "customers": "code name owner { id } tags { name } contacts { name } addresses { city }",
    "salesOrders": "number status customer { name } lines { quantity sku { code } }",
    "shipments": "number status lines { quantity sku { code } }",
    "stockLevels": "onHand available sku { code } warehouse { name }",
    "receipts": "number amount customer { name } allocations { amount }",
}


def _synced_page_queries(workspace, list_name: str) -> tuple[int, int]:
    fields = PAGES[list_name]
    query = f'{{ {list_name}(updatedSince: "2000-01-01T00:00:00Z", first: 100) {{ items {{ {fields} }} pageInfo {{ hasNextPage }} }} }}'
    client = client_for(workspace, workspace.users["manager"])
    with CaptureQueriesContext(connection) as captured:
        result = graphql(client, query)
    assert "errors" not in result, result
    return len(captured.captured_queries), len(result["data"][list_name]["items"])


def _grow_catalog(manager, n: int, start: int) -> None:
    for i in range(start, start + n):
        make_product(manager, code=f"Q{i}", specs=[SpecDraft("尺码", ["M", "L"])])


def _grow_customers(manager, n: int, start: int) -> None:
    for i in range(start, start + n):
        make_customer(f"客户{i}", owner=manager, contacts=[("王", "13800138000")], addresses=1)


@pytest.mark.parametrize("list_name", ["products", "skus", "customers"])
def test_a_synced_page_of_master_data_costs_the_same_queries_for_2_or_8_rows(alpha, list_name):
    manager = alpha.users["manager"]
    grow = _grow_customers if list_name == "customers" else _grow_catalog
    with tenant_context(alpha.tenant):
        grow(manager, 1, 0)
    few, few_rows = _synced_page_queries(alpha, list_name)
    with tenant_context(alpha.tenant):
        grow(manager, 4, 1)
    many, many_rows = _synced_page_queries(alpha, list_name)
    assert many_rows > few_rows >= 1
    assert few == many, f"{few} queries for {few_rows} rows, {many} for {many_rows}"


@pytest.mark.parametrize("list_name", ["salesOrders", "stockLevels", "receipts"])
def test_a_synced_page_of_documents_costs_the_same_queries_for_few_or_many_rows(books, list_name):
    alpha = books.selling.room.workspace

    def grow(n: int) -> None:
        for _ in range(n):
            order = books.shipped([(books.shirt, "1"), (books.phone, "1")])
            books.pay(books.customer, "10.00", [(order, "10.00")])
            make_sku(f"LEVEL-{SKU.objects.count()}")
            books.selling.room.receive(SKU.objects.order_by("-id").first(), "1", "1")

    grow(1)
    few, few_rows = _synced_page_queries(alpha, list_name)
    grow(3)
    many, many_rows = _synced_page_queries(alpha, list_name)
    assert many_rows > few_rows >= 1
    assert few == many, f"{few} queries for {few_rows} rows, {many} for {many_rows}"


def test_synced_tables_are_indexed_for_the_walk(in_alpha):
    """Each synced table has the (updated_at, id) index the cursor pages walk."""
    for model in (Product, SKU, Customer, SalesOrder, Shipment, StockLevel, Receipt):
        with connection.cursor() as cursor:
            indexes = connection.introspection.get_constraints(cursor, model._meta.db_table)
        assert any(i["columns"] == ["updated_at", "id"] and i["index"] for i in indexes.values()), model


def test_a_synced_page_of_shipments_costs_the_same_queries_for_few_or_many_rows(shipping):
    alpha = shipping.room.workspace

    def grow(n: int) -> None:
        for _ in range(n):
            shipping.ship(shipping.order([(shipping.shirt, "1"), (shipping.phone, "1")]))

    grow(1)
    few, few_rows = _synced_page_queries(alpha, "shipments")
    grow(3)
    many, many_rows = _synced_page_queries(alpha, "shipments")
    assert (few_rows, many_rows) == (1, 4)
    assert few == many, f"{few} queries for {few_rows} rows, {many} for {many_rows}"
