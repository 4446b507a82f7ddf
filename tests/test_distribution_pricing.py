"""The effective-price engine: which rule prices a line (distributor list over level list, SKU over
category, nearest category, the highest quantity break reached), case multiples, the level's
catalogue, dated versions, the explanation, and a fixed number of queries for a 1,000-line cart."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from saas.catalog.models import SKU, Category, Product
from saas.core.clock import tenant_today
from saas.core.errors import InvalidInput
from saas.distribution.models import PriceList
from saas.distribution.pricing import discount_text, price_lines
from saas.distribution.services import network as services
from saas.distribution.services.prices import price_list_save
from tests.fixtures.distribution import Network, item

D = Decimal


def one(network: Network, sku: SKU, quantity: str = "1", distributor=None, on=None):
    (line,) = price_lines(distributor or network.hz, [(sku.pk, D(quantity))], on=on or tenant_today())
    return line


@pytest.fixture
def shirts(network: Network) -> tuple[Category, Category]:
    """男装 > 衬衫, with the shirt's product in 衬衫."""
    menswear = Category.objects.create(name="男装")
    shirts = Category.objects.create(name="衬衫", parent=menswear)
    Product.objects.filter(pk=network.shirt.product_id).update(category=shirts)
    network.shirt.refresh_from_db()
    return menswear, shirts


def test_no_rule_is_the_list_price(network: Network):
    line = one(network, network.shirt, "3")
    assert (line.unit_price, line.list_price, line.problem) == (D("59.00"), D("59.00"), None)
    assert line.price_rule == "List price" or line.price_rule == "标准价"


def test_a_level_discount_is_explained_in_zhe(network: Network):
    network.price(network.city, item(network.shirt, ("1", None, "10")), name="市代价目表")
    with translation.override("zh-hans"):
        line = one(network, network.shirt, "2")
    assert line.unit_price == D("53.10")  # 59 × 0.9
    assert line.price_rule == f"市代价目表 {tenant_today().isoformat()} · 9.0折"


def test_the_highest_quantity_break_reached_applies(network: Network):
    network.price(
        network.city,
        item(network.shirt, ("1", None, "10"), ("100", None, "20"), ("50", "45.00", None)),
        name="市代价目表",
    )
    with translation.override("zh-hans"):
        assert one(network, network.shirt, "49").unit_price == D("53.10")
        at_50 = one(network, network.shirt, "50")
        at_100 = one(network, network.shirt, "100")
    assert (at_50.unit_price, at_100.unit_price) == (D("45.00"), D("47.20"))
    assert at_50.price_rule.endswith("满50件 · 固定价")
    assert at_100.price_rule == f"市代价目表 {tenant_today().isoformat()} · 满100件 · 8.0折"


def test_the_distributors_own_list_beats_its_levels(network: Network, shirts):
    menswear, _shirts = shirts
    network.price(network.city, item(network.shirt, ("1", "50.00", None)), name="市代价目表")
    network.price(network.hz, item(menswear, ("1", None, "25")), name="鑫达专属")
    hz = one(network, network.shirt)  # hz's own category rule beats the level's SKU rule
    nb = one(network, network.shirt, distributor=network.nb)  # nb has no list of its own
    assert (hz.unit_price, nb.unit_price) == (D("44.25"), D("50.00"))
    assert hz.price_rule.startswith("鑫达专属") and nb.price_rule.startswith("市代价目表")


def test_a_sku_rule_beats_a_category_rule_and_the_nearest_category_wins(network: Network, shirts):
    menswear, shirt_category = shirts
    network.price(
        network.city,
        item(menswear, ("1", None, "5")),
        item(shirt_category, ("1", None, "10")),
        item(network.phone, ("1", "1800.00", None)),
    )
    with translation.override("zh-hans"):
        shirt = one(network, network.shirt)
        phone = one(network, network.phone)
    assert shirt.unit_price == D("53.10") and "类目「衬衫」" in shirt.price_rule
    assert phone.unit_price == D("1800.00")


def test_a_target_whose_breaks_are_not_reached_passes_to_the_next(network: Network, shirts):
    menswear, _shirt_category = shirts
    network.price(network.city, item(network.shirt, ("10", None, "30")), item(menswear, ("1", None, "10")))
    assert one(network, network.shirt, "5").unit_price == D("53.10")  # the category's 10 % off
    assert one(network, network.shirt, "10").unit_price == D("41.30")  # the SKU's 30 % off


def test_case_multiples(network: Network, shirts):
    menswear, _shirt_category = shirts
    network.price(network.city, item(menswear, ("1", None, "10"), case=12))
    assert one(network, network.shirt, "24").problem is None
    off = one(network, network.shirt, "25")
    assert (off.problem, off.case_quantity) == ("case_multiple", 12)
    # The first case quantity set wins, in the same order as prices: the distributor's own list.
    network.price(network.hz, item(network.shirt, ("1", None, "12"), case=6))
    assert one(network, network.shirt, "18").problem is None
    assert one(network, network.shirt, "18", distributor=network.nb).problem == "case_multiple"


def test_the_level_catalogue_limits_what_may_be_ordered(network: Network, shirts):
    menswear, _shirt_category = shirts
    services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        rank=2,
        catalog_category_ids=[menswear.pk],
    )
    assert one(network, network.shirt).problem is None  # 衬衫 is inside 男装
    assert one(network, network.phone).problem == "not_allowed"
    assert one(network, network.phone, distributor=network.top).problem is None  # 省代 has no limits
    services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        rank=2,
        catalog_category_ids=[],
        catalog_product_ids=[network.phone.product_id],
    )
    assert one(network, network.phone).problem is None
    assert one(network, network.shirt).problem == "not_allowed"


def test_unknown_and_archived_skus_are_not_found(network: Network):
    SKU.objects.filter(pk=network.phone.pk).update(status="archived")
    lines = price_lines(network.hz, [(network.phone.pk, D(1)), (987654321, D(1))], on=tenant_today())
    assert [line.problem for line in lines] == ["not_found", "not_found"]


def test_versions_take_effect_on_their_day_and_history_stays(network: Network):
    today = tenant_today()
    network.price(network.city, item(network.shirt, ("1", "50.00", None)), name="旧")
    later = price_list_save(
        actor=network.manager,
        level_id=network.city.pk,
        name="新",
        effective_from=today + timedelta(days=7),
        items=[item(network.shirt, ("1", "40.00", None))],
    )
    assert later.version == 2
    assert one(network, network.shirt).unit_price == D("50.00")
    assert one(network, network.shirt, on=today + timedelta(days=7)).unit_price == D("40.00")
    again = network.price(network.city, item(network.shirt, ("1", "48.00", None)), name="今日改价")
    assert again.version == 3
    assert one(network, network.shirt).unit_price == D("48.00")  # the same day: the newer version
    assert PriceList.objects.filter(level=network.city).count() == 3  # nothing replaced


def test_price_lists_are_checked_field_by_field(network: Network, shirts):
    menswear, _shirt_category = shirts
    today = tenant_today()

    def save(*items, **options):
        options.setdefault("level_id", network.city.pk)
        options.setdefault("effective_from", today)
        return price_list_save(actor=network.manager, name="X", items=list(items), **options)

    cases = [
        ((item(network.shirt, ("1", "10", "5")),), {}, "items.0.breaks.0", "price_required"),
        ((item(network.shirt, ("0", "10", None)),), {}, "items.0.breaks.0.min_quantity", "quantity_invalid"),
        ((item(network.shirt, ("1", None, "100")),), {}, "items.0.breaks.0.discount_percent", "rate_invalid"),
        ((item(network.shirt, ("1", "-1", None)),), {}, "items.0.breaks.0.fixed_price", "price_invalid"),
        (
            (item(network.shirt, ("1", "10", None), ("1", "9", None)),),
            {},
            "items.0.breaks.1.min_quantity",
            "duplicate_break",
        ),
        (
            (item(menswear, ("1", "1", None)), item(menswear, ("1", "2", None))),
            {},
            "items.1",
            "duplicate_target",
        ),
        (
            (item(network.shirt, ("1", "1", None), case=0),),
            {},
            "items.0.case_quantity",
            "case_quantity_invalid",
        ),
        ((), {"effective_from": today - timedelta(days=1)}, "effective_from", "date_in_past"),
        ((), {"distributor_id": network.hz.pk}, "level_id", "owner_required"),
    ]
    for items, options, field, code in cases:
        with pytest.raises(InvalidInput) as excinfo:
            save(*items, **options)
        assert (excinfo.value.field, excinfo.value.code) == (field, code), (field, code)


def test_discount_text_in_other_languages():
    with translation.override("en"):
        assert discount_text(D("12.5")) == "12.5% off"
    with translation.override("zh-hans"):
        assert discount_text(D("12.5")) == "8.75折"
        assert discount_text(D("15")) == "8.5折"


def test_a_thousand_line_cart_costs_a_fixed_number_of_queries(
    network: Network, shirts, django_assert_max_num_queries
):
    menswear, _shirt_category = shirts
    product = Product.objects.create(code="BULK", name="批量商品", category=menswear)
    skus = SKU.objects.bulk_create(
        SKU(product=product, code=f"BULK-{n}", spec_values={"n": n}, list_price=D("10.00"))
        for n in range(1000)
    )
    network.price(
        network.city,
        item(menswear, ("1", None, "10"), ("100", None, "20")),
        *[item(sku, ("1", "8.00", None)) for sku in skus[:300]],
    )
    network.price(network.hz, *[item(sku, ("50", "7.00", None)) for sku in skus[:100]])
    cart = [(sku.pk, D(n % 120 + 1)) for n, sku in enumerate(skus)]
    with django_assert_max_num_queries(6):
        priced = price_lines(network.hz, cart, on=tenant_today())
    assert len(priced) == 1000 and all(line.problem is None for line in priced)
    assert priced[60].unit_price == D("7.00")  # hz's own break at 50 reached (quantity 61)
    assert priced[10].unit_price == D("8.00")  # the level's SKU rule (hz's break of 50 not reached)
    assert priced[400].unit_price == D("9.00") and priced[339].unit_price == D("8.00")  # category breaks
