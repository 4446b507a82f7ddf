"""The demo catalog seed: a realistic Chinese catalog made through the services, safe to rerun."""

from __future__ import annotations

from decimal import Decimal

from saas.catalog import selectors
from saas.catalog.demo import DEMO_PRODUCTS, catalog_demo_seed, ean13
from saas.catalog.models import SKU, Category, PackUnit, Product


def is_valid_ean13(code: str) -> bool:
    return len(code) == 13 and sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code)) % 10 == 0


def test_demo_barcodes_are_valid_ean13():
    assert is_valid_ean13("6901234567892")  # a known good one
    assert ean13(1) == "6932010000012"
    assert all(is_valid_ean13(ean13(n)) for n in range(1, 200))


def test_the_demo_seed_fills_the_catalog_once(in_alpha):
    assert catalog_demo_seed() == len(DEMO_PRODUCTS)
    counts = (
        Product.objects.count(),
        SKU.objects.count(),
        Category.objects.count(),
        PackUnit.objects.count(),
    )
    assert catalog_demo_seed() == 0
    assert (
        Product.objects.count(),
        SKU.objects.count(),
        Category.objects.count(),
        PackUnit.objects.count(),
    ) == counts

    tee = Product.objects.get(code="TS-1001")
    assert tee.skus.count() == 15 and tee.category.name == "T恤" and tee.category.parent.name == "男装"
    phone = Product.objects.get(code="PH-5001")
    prices = {tuple(sorted(s.spec_values.values())): s.list_price for s in phone.skus.all()}
    assert prices[("8+256GB", "曜石黑")] == Decimal("2299.00") and prices[("8+128GB", "冰川蓝")] == Decimal(
        "1999.00"
    )
    assert SKU.objects.filter(barcode__isnull=True).count() == 0
    sales = in_alpha.users["sales"]
    assert [p.code for p in selectors.product_list(actor=sales, search="hscs")] == ["SH-2002"]
    assert selectors.sku_by_barcode(actor=sales, barcode=ean13(1)).product.code == "TS-1001"
