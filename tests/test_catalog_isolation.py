"""Tenant isolation of the catalog: what alpha creates, beta never sees; codes and barcodes are per tenant."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from saas.catalog import selectors
from saas.catalog.drafts import SkuDraft
from saas.catalog.models import SKU, Product
from tests.fixtures.catalog import make_product
from tests.fixtures.tenants import client_for, graphql


def test_a_product_created_in_alpha_is_invisible_from_beta(alpha, beta):
    with tenant_context(alpha.tenant):
        product = make_product(alpha.users["manager"], code="ONLY-ALPHA", name="阿尔法专属衬衫")
    beta_client = client_for(beta, beta.users["owner"])
    listed = graphql(beta_client, '{ products(search: "aefzs") { totalCount } skus { totalCount } }')
    assert listed["data"] == {"products": {"totalCount": 0}, "skus": {"totalCount": 0}}
    by_id = graphql(beta_client, f'{{ product(id: "{product.pk}") {{ name }} }}')
    assert by_id["errors"][0]["extensions"]["code"] == "not_found"
    with tenant_context(beta.tenant):
        assert not Product.objects.filter(code="ONLY-ALPHA").exists()
    alpha_view = graphql(
        client_for(alpha, alpha.users["sales"]), '{ products(search: "aefzs") { totalCount } }'
    )
    assert alpha_view["data"]["products"]["totalCount"] == 1


def test_the_same_code_and_barcode_are_allowed_in_both_tenants(alpha, beta):
    barcode = "6901234567892"
    for workspace in (alpha, beta):
        with tenant_context(workspace.tenant):
            make_product(
                workspace.users["manager"],
                code="SAME",
                specs=[],
                skus=[SkuDraft({}, barcode=barcode)],
            )
    for workspace in (alpha, beta):
        with tenant_context(workspace.tenant):
            assert SKU.objects.filter(barcode=barcode).count() == 1
            found = selectors.sku_by_barcode(actor=workspace.users["sales"], barcode=barcode)
            assert found is not None and found.product.code == "SAME"


def test_barcode_lookup_never_crosses_tenants(alpha, beta):
    with tenant_context(alpha.tenant):
        make_product(
            alpha.users["manager"], code="A1", specs=[], skus=[SkuDraft({}, barcode="6909999999990")]
        )
    result = graphql(
        client_for(beta, beta.users["sales"]), '{ skuByBarcode(barcode: "6909999999990") { code } }'
    )
    assert result["data"]["skuByBarcode"] is None
