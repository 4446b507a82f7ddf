"""Catalog search: names, codes, exact barcodes, full pinyin and pinyin initials, categories."""

from __future__ import annotations

import pytest
from django.db import connection

from saas.catalog import search_text, selectors, services
from saas.catalog.drafts import SkuDraft, SpecDraft
from tests.fixtures.catalog import make_product


@pytest.fixture
def shop(in_alpha):
    manager = in_alpha.users["manager"]
    clothes = services.category_create(actor=manager, name="服装")
    shirts = services.category_create(actor=manager, name="衬衫", parent_id=clothes.pk)
    digital = services.category_create(actor=manager, name="数码")
    make_product(
        manager,
        code="SH-100",
        name="红色衬衫",
        category_id=shirts.pk,
        skus=[SkuDraft({"颜色": "红色", "尺码": "M"}, barcode="6901234567892")],
    )
    make_product(
        manager,
        code="JK-200",
        name="蓝色夹克",
        brand="麻雀",
        category_id=clothes.pk,
        specs=[SpecDraft("尺码", ["L", "XL"])],
    )
    make_product(
        manager,
        code="PH-300",
        name="iPhone 15 手机壳",
        specs=[SpecDraft("颜色", ["透明"])],
        category_id=digital.pk,
    )
    return in_alpha


def names(products) -> list[str]:
    return sorted(product.name for product in products)


def find(shop, term: str, **filters) -> list[str]:
    return names(selectors.product_list(actor=shop.users["sales"], search=term, **filters))


def test_text_forms_hold_name_pinyin_and_initials():
    forms = search_text.text_forms("红色衬衫")
    assert forms == ["红色衬衫", "hongsechenshan", "hscs"]
    assert search_text.text_forms("iPhone 15 手机壳") == [
        "iphone 15 手机壳",
        "iphone15手机壳",
        "iphone15shoujike",
        "iphone15sjk",
    ]
    assert search_text.search_terms("  Hong  SE ") == ["hong se", "hongse"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("hsc", ["红色衬衫"]),  # pinyin initials
        ("HSCS", ["红色衬衫"]),
        ("hongse", ["红色衬衫"]),  # full pinyin
        ("hong se", ["红色衬衫"]),
        ("衬衫", ["红色衬衫"]),  # part of the name
        ("色", ["红色衬衫", "蓝色夹克"]),
        ("jk-200", ["蓝色夹克"]),  # product code, any case
        ("SH-100-3", ["红色衬衫"]),  # a SKU code
        ("麻雀", ["蓝色夹克"]),  # brand
        ("mq", ["蓝色夹克"]),
        ("shoujike", ["iPhone 15 手机壳"]),
        ("sjk", ["iPhone 15 手机壳", "蓝色夹克"]),  # lsjk contains sjk too
        ("iphone 15", ["iPhone 15 手机壳"]),
        ("透明", ["iPhone 15 手机壳"]),  # a spec value
        ("6901234567892", ["红色衬衫"]),  # barcode, exactly
        ("690123456789", []),  # part of a barcode finds nothing
        ("不存在", []),
        ("%", []),  # LIKE wildcards are plain characters
    ],
)
def test_product_search(shop, term, expected):
    assert find(shop, term) == expected


def test_category_filter_includes_sub_categories(shop):
    clothes = selectors.category_list(actor=shop.users["sales"]).get(name="服装")
    assert find(shop, "", category_id=clothes.pk) == ["红色衬衫", "蓝色夹克"]
    shirts = selectors.category_list(actor=shop.users["sales"]).get(name="衬衫")
    assert find(shop, "", category_id=shirts.pk) == ["红色衬衫"]


def test_sku_search_finds_every_sku_of_a_matching_product_and_by_spec(shop):
    sales = shop.users["sales"]
    assert selectors.sku_list(actor=sales, search="hsc").count() == 6
    red_m = selectors.sku_list(actor=sales, search="6901234567892").get()
    assert red_m.spec_values == {"颜色": "红色", "尺码": "M"}
    assert selectors.sku_by_barcode(actor=sales, barcode=" 6901234567892 ").pk == red_m.pk
    assert selectors.sku_by_barcode(actor=sales, barcode="0000") is None
    assert selectors.sku_list(actor=sales, search="SH-100-2").count() == 1


def test_search_follows_a_rename(shop):
    manager = shop.users["manager"]
    product = selectors.product_list(actor=manager, search="lsjk").get()
    services.product_update(actor=manager, product_id=product.pk, name="黑色风衣")
    assert find(shop, "lsjk") == [] and find(shop, "hsfy") == ["黑色风衣"]
    assert selectors.sku_list(actor=manager, search="hsfy").count() == 2


def test_trigram_indexes_exist_where_the_server_has_pg_trgm(in_alpha):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        available = cursor.fetchone() is not None
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND indexname LIKE %s",
            [in_alpha.tenant.schema_name, "catalog_%_search_trgm"],
        )
        indexes = sorted(row[0] for row in cursor.fetchall())
    if not available:
        assert indexes == []
        pytest.skip("this PostgreSQL has no pg_trgm; search runs without trigram indexes")
    assert indexes == ["catalog_product_search_trgm", "catalog_sku_search_trgm"]
