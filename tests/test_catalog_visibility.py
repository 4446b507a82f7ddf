"""Who sees what in the catalog: active for everyone, archived for managers, cost for cost.view."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django_tenants.utils import tenant_context

from saas.accounts.visibility import MissingActor
from saas.catalog import selectors, services
from saas.core.errors import NotFound
from tests.fixtures.catalog import make_product
from tests.fixtures.tenants import client_for, graphql

PRODUCT_SKUS = """
query($id: ID!) { product(id: $id) { code skus { code listPrice costPrice } } }
"""


def test_catalog_selectors_fail_closed_without_an_actor(in_alpha):
    for call in [
        lambda actor: selectors.product_list(actor=actor),
        lambda actor: selectors.sku_list(actor=actor),
        lambda actor: selectors.category_list(actor=actor),
        lambda actor: selectors.sku_by_barcode(actor=actor, barcode="6901234567892"),
    ]:
        with pytest.raises(MissingActor):
            call(None)
        with pytest.raises(MissingActor):
            call(AnonymousUser())
    sales = in_alpha.users["sales"]
    sales.is_active = False
    with pytest.raises(MissingActor):
        selectors.product_list(actor=sales)


def test_everyone_signed_in_reads_active_products_including_distributors(in_alpha):
    make_product(in_alpha.users["manager"])
    for role in ["sales", "warehouse", "finance", "distributor", "owner"]:
        assert selectors.product_list(actor=in_alpha.users[role]).count() == 1, role
        assert selectors.sku_list(actor=in_alpha.users[role]).count() == 6, role


def test_archived_products_and_skus_are_visible_only_to_catalog_managers(in_alpha):
    manager, sales = in_alpha.users["manager"], in_alpha.users["sales"]
    product = make_product(manager)
    sku = product.skus.first()
    services.sku_update(actor=manager, sku_id=sku.pk, status="archived")
    assert selectors.sku_list(actor=sales).count() == 5
    assert selectors.sku_list(actor=manager).count() == 6
    assert len(selectors.product_get(actor=sales, product_id=product.pk).visible_skus) == 5

    services.product_archive(actor=manager, product_id=product.pk)
    assert selectors.product_list(actor=sales).count() == 0
    assert selectors.product_list(actor=sales, status="archived").count() == 0  # asking does not help
    assert selectors.sku_list(actor=sales).count() == 0
    with pytest.raises(NotFound):
        selectors.product_get(actor=sales, product_id=product.pk)
    assert selectors.product_list(actor=manager, status="archived").count() == 1
    assert selectors.product_list(actor=in_alpha.users["warehouse"]).count() == 1


def test_sales_get_a_null_cost_price_while_warehouse_gets_the_value(alpha):
    with tenant_context(alpha.tenant):
        product = make_product(alpha.users["manager"], cost_price="40.5")
    for role, expected in [
        ("sales", None),
        ("distributor", None),
        ("warehouse", "40.5000"),
        ("finance", "40.5000"),
    ]:
        result = graphql(client_for(alpha, alpha.users[role]), PRODUCT_SKUS, {"id": product.pk})
        assert "errors" not in result, result
        skus = result["data"]["product"]["skus"]
        assert {sku["costPrice"] for sku in skus} == {expected}, role
        assert {sku["listPrice"] for sku in skus} == {"99.00"}


def test_sales_cannot_write_the_catalog_through_the_api(alpha):
    client = client_for(alpha, alpha.users["sales"])
    result = graphql(
        client,
        'mutation { productCreate(input: {code: "X1", name: "帽子"}) { product { id } errors { field code } } }',
    )
    assert result["data"]["productCreate"] == {
        "product": None,
        "errors": [{"field": None, "code": "forbidden"}],
    }
    result = graphql(
        client, 'mutation { categoryCreate(input: {name: "服装"}) { category { id } errors { code } } }'
    )
    assert result["data"]["categoryCreate"]["errors"] == [{"code": "forbidden"}]
