"""Catalog GraphQL API: queries, mutations with exact error codes, and a constant query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.catalog import services
from saas.catalog.drafts import PackUnitDraft, SpecDraft
from saas.catalog.models import ProductImage
from tests.fixtures.catalog import make_product
from tests.fixtures.tenants import client_for, graphql

PRODUCT_FIELDS = """
  id code name baseUnit status specNames specs { name values }
  category { id name path }
  skus { id code barcode listPrice costPrice status specValues { name value } specLabel }
  packUnits { name factor barcode }
  images { id url }
"""
CREATE = f"""
mutation($input: ProductCreateInput!) {{
  productCreate(input: $input) {{ product {{ {PRODUCT_FIELDS} }} replayed errors {{ field code message }} }}
}}"""
UPDATE = f"""
mutation($id: ID!, $input: ProductUpdateInput!) {{
  productUpdate(id: $id, input: $input) {{ product {{ {PRODUCT_FIELDS} }} errors {{ field code }} }}
}}"""
SKU_UPDATE = """
mutation($id: ID!, $input: SkuUpdateInput!) {
  skuUpdate(id: $id, input: $input) { sku { code barcode listPrice costPrice status } errors { field code } }
}"""
PRODUCTS = f"""
query($search: String! = "", $categoryId: ID, $status: CatalogStatus = ACTIVE, $limit: Int! = 50, $offset: Int! = 0) {{
  products(search: $search, categoryId: $categoryId, status: $status, limit: $limit, offset: $offset) {{
    totalCount items {{ {PRODUCT_FIELDS} }}
  }}
}}"""


def shirt_input(**changes):
    return {
        "code": "SH-1",
        "name": "红色衬衫",
        "baseUnit": "件",
        "specs": [{"name": "颜色", "values": ["红色", "蓝色"]}, {"name": "尺码", "values": ["M", "L"]}],
        "listPrice": "99.00",
        "costPrice": "40",
        "skus": [
            {
                "specValues": [{"name": "颜色", "value": "蓝色"}, {"name": "尺码", "value": "L"}],
                "barcode": "6900000000028",
            }
        ],
        **changes,
    }


@pytest.fixture
def manager_client(alpha):
    return client_for(alpha, alpha.users["manager"])


def create(client, **changes):
    return graphql(client, CREATE, {"input": shirt_input(**changes)})["data"]["productCreate"]


def test_product_create_expands_specs_into_skus(manager_client):
    payload = create(manager_client)
    assert payload["errors"] == [] and payload["replayed"] is False
    product = payload["product"]
    assert product["specs"] == [
        {"name": "颜色", "values": ["红色", "蓝色"]},
        {"name": "尺码", "values": ["M", "L"]},
    ]
    assert [sku["code"] for sku in product["skus"]] == ["SH-1-1", "SH-1-2", "SH-1-3", "SH-1-4"]
    assert [sku["specLabel"] for sku in product["skus"]] == ["红色 / M", "红色 / L", "蓝色 / M", "蓝色 / L"]
    assert product["skus"][0]["specValues"] == [
        {"name": "颜色", "value": "红色"},
        {"name": "尺码", "value": "M"},
    ]
    assert product["skus"][3]["barcode"] == "6900000000028"
    assert {(sku["listPrice"], sku["costPrice"], sku["status"]) for sku in product["skus"]} == {
        ("99.00", "40.0000", "ACTIVE")
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": ""}, [{"field": "name", "code": "required"}]),
        ({"name": "衬" * 121}, [{"field": "name", "code": "too_long"}]),
        ({"listPrice": "-1"}, [{"field": "listPrice", "code": "price_negative"}]),
        ({"listPrice": "1.234"}, [{"field": "listPrice", "code": "price_invalid"}]),
        (
            {"specs": [{"name": f"s{i}", "values": ["a"]} for i in range(6)], "skus": []},
            [{"field": "specs", "code": "too_many_specs"}],
        ),
        (
            {"specs": [{"name": "尺码", "values": [str(n) for n in range(51)]}], "skus": []},
            [{"field": "specs.0.values", "code": "too_many_spec_values"}],
        ),
        (
            {"skus": [{"specValues": [{"name": "颜色", "value": "绿色"}, {"name": "尺码", "value": "M"}]}]},
            [{"field": "skus.0.specValues", "code": "sku_spec_unknown"}],
        ),
        ({"categoryId": "999999"}, [{"field": "categoryId", "code": "not_found"}]),
        ({"categoryId": "abc"}, [{"field": "categoryId", "code": "id_invalid"}]),
        ({"idempotencyKey": "no"}, [{"field": "idempotencyKey", "code": "idempotency_key_invalid"}]),
    ],
)
def test_product_create_errors_have_stable_codes(manager_client, changes, expected):
    payload = graphql(manager_client, CREATE, {"input": shirt_input(**changes)})["data"]["productCreate"]
    assert [{"field": e["field"], "code": e["code"]} for e in payload["errors"]] == expected
    assert payload["product"] is None and all(e["message"] for e in payload["errors"])


def test_product_code_and_barcode_must_be_free(manager_client):
    create(manager_client)
    taken_code = create(manager_client, skus=[])
    assert [(e["field"], e["code"]) for e in taken_code["errors"]] == [("code", "code_taken")]
    taken_barcode = create(manager_client, code="SH-2")
    assert [(e["field"], e["code"]) for e in taken_barcode["errors"]] == [("skus.0.barcode", "barcode_taken")]


def test_sku_lines_over_100_are_refused_not_truncated(manager_client):
    specs = [
        {"name": "颜色", "values": [f"c{n}" for n in range(11)]},
        {"name": "尺码", "values": [f"s{n}" for n in range(11)]},
    ]
    skus = [
        {"specValues": [{"name": "颜色", "value": f"c{c}"}, {"name": "尺码", "value": f"s{s}"}]}
        for c in range(11)
        for s in range(11)
    ]
    payload = create(manager_client, specs=specs, skus=skus)
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("skus", "too_many_lines")]


def test_a_retried_create_replays_the_first_result(manager_client):
    first = create(manager_client, idempotencyKey="phone-retry-0001")
    again = create(manager_client, idempotencyKey="phone-retry-0001")
    assert again["replayed"] is True and again["product"]["id"] == first["product"]["id"]


def test_product_update_adds_and_archives_skus(manager_client):
    product = create(manager_client)["product"]
    payload = graphql(
        manager_client,
        UPDATE,
        {
            "id": product["id"],
            "input": {
                "name": "经典衬衫",
                "specs": [
                    {"name": "颜色", "values": ["蓝色", "白色"]},
                    {"name": "尺码", "values": ["M", "L"]},
                ],
                "listPrice": "109.00",
            },
        },
    )["data"]["productUpdate"]
    assert payload["errors"] == []
    skus = {sku["specLabel"]: sku for sku in payload["product"]["skus"]}
    assert skus["红色 / M"]["status"] == "ARCHIVED"  # managers see archived SKUs
    assert skus["白色 / M"]["status"] == "ACTIVE" and skus["白色 / M"]["code"] == "SH-1-5"
    assert skus["白色 / M"]["listPrice"] == "109.00" and skus["蓝色 / M"]["listPrice"] == "99.00"

    bad = graphql(manager_client, UPDATE, {"id": "999999", "input": {"name": "x"}})["data"]["productUpdate"]
    assert bad["errors"] == [{"field": "id", "code": "not_found"}]


def test_product_update_moves_between_categories_and_clears_them(manager_client):
    category = graphql(
        manager_client,
        'mutation { categoryCreate(input: {name: "衬衫"}) { category { id } errors { code } } }',
    )["data"]["categoryCreate"]["category"]
    product = create(manager_client, categoryId=category["id"])["product"]
    assert product["category"] == {"id": category["id"], "name": "衬衫", "path": ["衬衫"]}
    kept = graphql(manager_client, UPDATE, {"id": product["id"], "input": {"name": "新衬衫"}})
    assert kept["data"]["productUpdate"]["product"]["category"]["id"] == category["id"]
    cleared = graphql(manager_client, UPDATE, {"id": product["id"], "input": {"categoryId": None}})
    assert cleared["data"]["productUpdate"]["product"]["category"] is None


def test_sku_update_changes_price_barcode_and_status(manager_client):
    sku_id = create(manager_client)["product"]["skus"][0]["id"]
    payload = graphql(
        manager_client,
        SKU_UPDATE,
        {
            "id": sku_id,
            "input": {
                "listPrice": "88.8",
                "costPrice": "30.25",
                "barcode": "6900000000035",
                "status": "ARCHIVED",
            },
        },
    )["data"]["skuUpdate"]
    assert payload == {
        "sku": {
            "code": "SH-1-1",
            "barcode": "6900000000035",
            "listPrice": "88.80",
            "costPrice": "30.2500",
            "status": "ARCHIVED",
        },
        "errors": [],
    }
    cleared = graphql(manager_client, SKU_UPDATE, {"id": sku_id, "input": {"barcode": None}})["data"][
        "skuUpdate"
    ]
    assert cleared["sku"]["barcode"] is None and cleared["sku"]["listPrice"] == "88.80"
    taken = graphql(manager_client, SKU_UPDATE, {"id": sku_id, "input": {"barcode": "6900000000028"}})
    assert taken["data"]["skuUpdate"]["errors"] == [{"field": "barcode", "code": "barcode_taken"}]
    missing = graphql(manager_client, SKU_UPDATE, {"id": "0", "input": {"listPrice": "1"}})
    assert missing["data"]["skuUpdate"]["errors"] == [{"field": "id", "code": "not_found"}]


def test_pack_unit_set(manager_client):
    product_id = create(manager_client)["product"]["id"]
    query = """mutation($id: ID!, $units: [PackUnitInput!]!) {
      packUnitSet(productId: $id, units: $units) { product { packUnits { name factor barcode } } errors { field code } }
    }"""
    ok = graphql(
        manager_client,
        query,
        {"id": product_id, "units": [{"name": "箱", "factor": "12", "barcode": "16900000000011"}]},
    )
    assert ok["data"]["packUnitSet"] == {
        "product": {"packUnits": [{"name": "箱", "factor": "12.000", "barcode": "16900000000011"}]},
        "errors": [],
    }
    bad = graphql(manager_client, query, {"id": product_id, "units": [{"name": "箱", "factor": "0"}]})
    assert bad["data"]["packUnitSet"]["errors"] == [
        {"field": "units.0.factor", "code": "pack_factor_invalid"}
    ]


def test_archive_and_restore_a_product(alpha, manager_client):
    product_id = create(manager_client)["product"]["id"]
    archive = (
        f'mutation {{ productArchive(id: "{product_id}") {{ product {{ status }} errors {{ code }} }} }}'
    )
    assert graphql(manager_client, archive)["data"]["productArchive"] == {
        "product": {"status": "ARCHIVED"},
        "errors": [],
    }
    sales = client_for(alpha, alpha.users["sales"])
    hidden = graphql(sales, f'{{ product(id: "{product_id}") {{ id }} }}')
    assert hidden["errors"][0]["extensions"]["code"] == "not_found"
    assert graphql(sales, PRODUCTS)["data"]["products"]["totalCount"] == 0
    listed = graphql(manager_client, PRODUCTS, {"status": "ARCHIVED"})["data"]["products"]
    assert listed["totalCount"] == 1
    restore = f'mutation {{ productRestore(id: "{product_id}") {{ product {{ status }} }} }}'
    assert graphql(manager_client, restore)["data"]["productRestore"]["product"]["status"] == "ACTIVE"
    assert graphql(sales, PRODUCTS)["data"]["products"]["totalCount"] == 1


def test_products_query_searches_pages_and_checks_limits(alpha, manager_client):
    create(manager_client)
    create(manager_client, code="JK-1", name="蓝色夹克", skus=[])
    sales = client_for(alpha, alpha.users["sales"])
    found = graphql(sales, PRODUCTS, {"search": "hsc"})["data"]["products"]
    assert found["totalCount"] == 1 and found["items"][0]["name"] == "红色衬衫"
    page = graphql(sales, PRODUCTS, {"limit": 1, "offset": 1})["data"]["products"]
    assert page["totalCount"] == 2 and [item["code"] for item in page["items"]] == ["SH-1"]  # newest first
    too_many = graphql(sales, "{ products(limit: 101) { totalCount } }")
    assert too_many["errors"][0]["extensions"]["code"] == "page_invalid"
    malformed = graphql(sales, '{ product(id: "abc") { id } }')
    assert malformed["errors"][0]["extensions"]["code"] == "id_invalid"


def test_skus_query_and_barcode_lookup(alpha, manager_client):
    create(manager_client)
    sales = client_for(alpha, alpha.users["sales"])
    result = graphql(sales, '{ skus(search: "lanse") { totalCount items { code product { name } } } }')
    assert result["data"]["skus"]["totalCount"] == 2
    assert {item["code"] for item in result["data"]["skus"]["items"]} == {"SH-1-3", "SH-1-4"}
    scanned = graphql(
        sales, '{ skuByBarcode(barcode: "6900000000028") { code specLabel costPrice product { code } } }'
    )
    assert scanned["data"]["skuByBarcode"] == {
        "code": "SH-1-4",
        "specLabel": "蓝色 / L",
        "costPrice": None,
        "product": {"code": "SH-1"},
    }
    assert graphql(sales, '{ skuByBarcode(barcode: "123456") { code } }')["data"]["skuByBarcode"] is None


def test_anonymous_callers_get_unauthenticated(alpha):
    from django.test import Client

    anonymous = Client(HTTP_HOST=alpha.host)
    assert graphql(anonymous, PRODUCTS)["errors"][0]["extensions"]["code"] == "unauthenticated"
    payload = graphql(anonymous, CREATE, {"input": shirt_input()})["data"]["productCreate"]
    assert payload["errors"][0]["code"] == "unauthenticated"


def test_category_mutations_and_tree_queries(manager_client):
    def mutate(query, variables=None):
        return graphql(manager_client, query, variables)["data"]

    applied = mutate(
        'mutation { categoryStarterApply(industry: "apparel") { categories { name children { name } } errors { code } } }'
    )
    roots = applied["categoryStarterApply"]["categories"]
    assert roots[0]["name"] == "男装" and {"T恤", "衬衫"} <= {c["name"] for c in roots[0]["children"]}
    again = mutate(
        'mutation { categoryStarterApply(industry: "apparel") { categories { id } errors { code } } }'
    )
    assert len(again["categoryStarterApply"]["categories"]) == len(roots)
    unknown = mutate('mutation { categoryStarterApply(industry: "spaceships") { errors { field code } } }')
    assert unknown["categoryStarterApply"]["errors"] == [{"field": "industry", "code": "industry_unknown"}]

    tree = graphql(manager_client, "{ categories { id name children { id name parent { name } } } }")["data"][
        "categories"
    ]
    men = tree[0]
    assert men["children"][0]["parent"] == {"name": "男装"}
    flat = graphql(manager_client, "{ categories(flat: true) { name path } }")["data"]["categories"]
    assert flat[0] == {"name": "男装", "path": ["男装"]} and flat[1]["path"] == [
        "男装",
        men["children"][0]["name"],
    ]

    update = "mutation($id: ID!, $input: CategoryUpdateInput!) { categoryUpdate(id: $id, input: $input) { category { name parentId } errors { field code } } }"
    cycle = mutate(update, {"id": men["id"], "input": {"parentId": men["children"][0]["id"]}})
    assert cycle["categoryUpdate"]["errors"] == [{"field": "parentId", "code": "category_cycle"}]
    moved = mutate(update, {"id": men["children"][0]["id"], "input": {"parentId": None, "name": "独立T恤"}})
    assert moved["categoryUpdate"] == {"category": {"name": "独立T恤", "parentId": None}, "errors": []}

    delete = "mutation($id: ID!) { categoryDelete(id: $id) { deletedId errors { field code } } }"
    assert mutate(delete, {"id": men["id"]})["categoryDelete"]["errors"] == [
        {"field": "id", "code": "category_in_use"}
    ]
    leaf = men["children"][1]["id"]
    assert mutate(delete, {"id": leaf})["categoryDelete"] == {"deletedId": leaf, "errors": []}
    sets = graphql(manager_client, "{ categoryStarterSets { code name categoryCount } }")["data"][
        "categoryStarterSets"
    ]
    assert [s["name"] for s in sets] == ["服装", "数码", "母婴", "美妆", "食品", "五金"]


def _seed(workspace, count: int) -> None:
    manager = workspace.users["manager"]
    with tenant_context(workspace.tenant):
        category = services.category_create(actor=manager, name=f"分类{count}")
        for n in range(count):
            product = make_product(
                manager, code=f"Q{count}-{n}", category_id=category.pk, specs=[SpecDraft("尺码", ["M", "L"])]
            )
            services.pack_unit_set(actor=manager, product_id=product.pk, units=[PackUnitDraft("箱", "12")])
            ProductImage.objects.create(product=product, file=f"tenants/x/products/{product.pk}/a.png")


def _count_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        # Every row on one page; 100 full products would cost more than one query may (saas/api/cost.py).
        result = graphql(client, PRODUCTS, {"limit": 30})
    assert "errors" not in result, result
    return len(captured.captured_queries), result["data"]["products"]["totalCount"]


def test_the_products_list_costs_the_same_queries_for_5_or_30_products(alpha):
    client = client_for(alpha, alpha.users["warehouse"])
    _seed(alpha, 5)
    few, total_few = _count_queries(client)
    _seed(alpha, 25)
    many, total_many = _count_queries(client)
    assert (total_few, total_many) == (5, 30)
    assert few == many, f"{few} queries for 5 products, {many} for 30"
