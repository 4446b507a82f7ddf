"""Catalog services: specifications expand into SKUs, caps, codes and barcodes, archive semantics."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.catalog import services
from saas.catalog.drafts import PackUnitDraft, SkuDraft, SpecDraft
from saas.catalog.models import SKU, PackUnit, Product
from saas.core.errors import Forbidden, InvalidInput, NotFound
from tests.fixtures.catalog import make_product


def codes_of(product: Product, status: str | None = None) -> list[str]:
    skus = product.skus.order_by("id")
    if status:
        skus = skus.filter(status=status)
    return list(skus.values_list("code", flat=True))


def problem(exc_info: pytest.ExceptionInfo) -> tuple[str | None, str]:
    return exc_info.value.field, exc_info.value.code


def test_specs_expand_into_one_sku_per_combination(in_alpha):
    product = make_product(in_alpha.users["manager"])
    skus = list(product.skus.order_by("id"))
    assert [sku.code for sku in skus] == [f"SHIRT-{n}" for n in range(1, 7)]
    assert [sku.spec_values for sku in skus[:3]] == [
        {"颜色": "红色", "尺码": "S"},
        {"颜色": "红色", "尺码": "M"},
        {"颜色": "红色", "尺码": "L"},
    ]
    assert {sku.list_price for sku in skus} == {Decimal("99.00")}
    assert {sku.cost_price for sku in skus} == {Decimal("40.0000")}
    assert product.spec_names == ["颜色", "尺码"]
    assert product.spec_options == {"颜色": ["红色", "蓝色"], "尺码": ["S", "M", "L"]}


def test_a_product_without_specifications_has_one_sku(in_alpha):
    product = make_product(in_alpha.users["manager"], code="CABLE", name="数据线", specs=[])
    assert [(sku.code, sku.spec_values) for sku in product.skus.all()] == [("CABLE-1", {})]


def test_given_sku_details_override_the_defaults(in_alpha):
    product = make_product(
        in_alpha.users["manager"],
        skus=[
            SkuDraft(
                {"颜色": "蓝色", "尺码": "L"}, code="BLUE-L", barcode="6901234567892", list_price="109.50"
            )
        ],
    )
    blue_large = product.skus.get(code="BLUE-L")
    assert blue_large.barcode == "6901234567892"
    assert blue_large.list_price == Decimal("109.50") and blue_large.cost_price == Decimal("40")
    # Generated codes skip nothing: the five others are SHIRT-1..5.
    assert sorted(codes_of(product)) == sorted(["BLUE-L", *[f"SHIRT-{n}" for n in range(1, 6)]])


def test_sku_details_for_a_combination_the_specs_do_not_make_are_refused(in_alpha):
    with pytest.raises(InvalidInput) as exc:
        make_product(in_alpha.users["manager"], skus=[SkuDraft({"颜色": "绿色", "尺码": "S"}, code="X")])
    assert problem(exc) == ("skus.0.spec_values", "sku_spec_unknown")


def test_caps_on_specs_values_and_skus(in_alpha):
    manager = in_alpha.users["manager"]
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, specs=[SpecDraft(f"规格{i}", ["a"]) for i in range(6)])
    assert problem(exc) == ("specs", "too_many_specs")
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, specs=[SpecDraft("尺码", [str(n) for n in range(51)])])
    assert problem(exc) == ("specs.0.values", "too_many_spec_values")
    with pytest.raises(InvalidInput) as exc:
        make_product(
            manager,
            specs=[
                SpecDraft("颜色", [f"c{n}" for n in range(26)]),
                SpecDraft("尺码", [f"s{n}" for n in range(20)]),
            ],
        )
    assert problem(exc) == ("specs", "too_many_skus")
    assert Product.objects.count() == 0


def test_spec_names_and_values_must_be_unique_and_filled(in_alpha):
    manager = in_alpha.users["manager"]
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, specs=[SpecDraft("颜色", ["红"]), SpecDraft("颜色", ["蓝"])])
    assert problem(exc) == ("specs.1.name", "spec_name_duplicate")
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, specs=[SpecDraft("颜色", ["红", " 红 "])])
    assert problem(exc) == ("specs.0.values.1", "spec_value_duplicate")
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, specs=[SpecDraft("颜色", [])])
    assert problem(exc) == ("specs.0.values", "spec_values_required")
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, specs=[SpecDraft("颜色", ["x" * 31])])
    assert problem(exc) == ("specs.0.values.0", "too_long")


def test_text_fields_have_max_lengths_and_all_problems_are_reported(in_alpha):
    with pytest.raises(InvalidInput) as exc:
        make_product(in_alpha.users["manager"], code="bad code!", name="衬" * 121, brand="b" * 61)
    assert [(p.field, p.code) for p in exc.value.problems] == [
        ("code", "code_invalid"),
        ("name", "too_long"),
        ("brand", "too_long"),
    ]


def test_product_codes_are_unique(in_alpha):
    make_product(in_alpha.users["manager"])
    with pytest.raises(InvalidInput) as exc:
        make_product(in_alpha.users["manager"], name="另一件衬衫")
    assert problem(exc) == ("code", "code_taken")


def test_generated_sku_codes_skip_codes_already_in_use(in_alpha):
    manager = in_alpha.users["manager"]
    make_product(manager, code="OTHER", specs=[], skus=[SkuDraft({}, code="SHIRT-1")])
    product = make_product(manager, specs=[SpecDraft("尺码", ["S", "M"])])
    assert codes_of(product) == ["SHIRT-2", "SHIRT-3"]


def test_barcodes_are_unique_across_skus_and_pack_units(in_alpha):
    manager = in_alpha.users["manager"]
    shirt = make_product(manager, skus=[SkuDraft({"颜色": "红色", "尺码": "S"}, barcode="6900000000011")])
    with pytest.raises(InvalidInput) as exc:
        make_product(manager, code="PANTS", specs=[], skus=[SkuDraft({}, barcode="6900000000011")])
    assert problem(exc) == ("skus.0.barcode", "barcode_taken")
    assert not Product.objects.filter(code="PANTS").exists()  # nothing half-written

    other_sku = shirt.skus.exclude(barcode="6900000000011").first()
    with pytest.raises(InvalidInput) as exc:
        services.sku_update(actor=manager, sku_id=other_sku.pk, barcode="6900000000011")
    assert problem(exc) == ("barcode", "barcode_taken")
    with pytest.raises(InvalidInput) as exc:
        services.pack_unit_set(
            actor=manager, product_id=shirt.pk, units=[PackUnitDraft("箱", "12", barcode="6900000000011")]
        )
    assert problem(exc) == ("units.0.barcode", "barcode_taken")
    with pytest.raises(InvalidInput) as exc:
        services.sku_update(actor=manager, sku_id=other_sku.pk, barcode="12 34")
    assert problem(exc) == ("barcode", "barcode_invalid")


def test_removing_a_value_archives_its_skus_and_adding_it_back_revives_them(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    red_small = product.skus.get(spec_values={"颜色": "红色", "尺码": "S"})

    services.product_update(
        actor=manager,
        product_id=product.pk,
        specs=[SpecDraft("颜色", ["红色", "蓝色"]), SpecDraft("尺码", ["M", "L"])],
    )
    assert SKU.objects.get(pk=red_small.pk).status == "archived"
    assert product.skus.count() == 6  # archived, never deleted
    assert len(codes_of(product, "active")) == 4

    services.product_update(actor=manager, product_id=product.pk, specs=product_specs_with_s())
    revived = SKU.objects.get(pk=red_small.pk)
    assert revived.status == "active" and revived.code == red_small.code
    assert product.skus.count() == 6


def product_specs_with_s() -> list[SpecDraft]:
    return [SpecDraft("颜色", ["红色", "蓝色"]), SpecDraft("尺码", ["S", "M", "L"])]


def test_adding_a_value_adds_skus_with_new_codes_and_existing_prices(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    updated = services.product_update(
        actor=manager,
        product_id=product.pk,
        specs=[SpecDraft("颜色", ["红色", "蓝色"]), SpecDraft("尺码", ["S", "M", "L", "XL"])],
        skus=[SkuDraft({"颜色": "蓝色", "尺码": "XL"}, list_price="119.00")],
    )
    added = list(updated.skus.filter(spec_values__尺码="XL").order_by("id"))
    assert [sku.code for sku in added] == ["SHIRT-7", "SHIRT-8"]
    assert [sku.list_price for sku in added] == [Decimal("99.00"), Decimal("119.00")]
    assert updated.spec_options["尺码"] == ["S", "M", "L", "XL"]


def test_an_archived_sku_of_a_removed_value_cannot_be_reactivated_alone(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    services.product_update(actor=manager, product_id=product.pk, specs=[SpecDraft("颜色", ["红色"])])
    archived = product.skus.filter(status="archived").first()
    with pytest.raises(InvalidInput) as exc:
        services.sku_update(actor=manager, sku_id=archived.pk, status="active")
    assert problem(exc) == ("status", "sku_spec_removed")


def test_a_sku_can_be_archived_and_restored_on_its_own(in_alpha):
    manager = in_alpha.users["manager"]
    sku = make_product(manager).skus.first()
    assert services.sku_update(actor=manager, sku_id=sku.pk, status="archived").status == "archived"
    assert services.sku_update(actor=manager, sku_id=sku.pk, status="active").status == "active"


def test_renaming_a_product_refreshes_its_skus_search_text(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    services.product_update(actor=manager, product_id=product.pk, name="蓝色外套")
    assert all("lswt" in sku.search_text for sku in product.skus.all())
    assert not any("hsc" in sku.search_text for sku in product.skus.all())


def test_archiving_a_product_keeps_it_and_its_skus(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    archived = services.product_archive(actor=manager, product_id=product.pk)
    assert archived.status == "archived" and product.skus.count() == 6
    assert services.product_restore(actor=manager, product_id=product.pk).status == "active"


def test_prices_are_decimal_non_negative_and_bounded(in_alpha):
    manager = in_alpha.users["manager"]
    sku = make_product(manager).skus.first()
    cases = [
        ({"list_price": "-1"}, ("list_price", "price_negative")),
        ({"list_price": "1.005"}, ("list_price", "price_invalid")),
        ({"list_price": 0.1}, ("list_price", "number_invalid")),  # a float is never money
        ({"list_price": "NaN"}, ("list_price", "number_invalid")),
        ({"cost_price": "100000000"}, ("cost_price", "price_too_large")),
        ({"cost_price": "abc"}, ("cost_price", "number_invalid")),
    ]
    for change, expected in cases:
        with pytest.raises(InvalidInput) as exc:
            services.sku_update(actor=manager, sku_id=sku.pk, **change)
        assert problem(exc) == expected, change
    updated = services.sku_update(actor=manager, sku_id=sku.pk, list_price="0", cost_price="12.3456")
    assert updated.list_price == Decimal("0.00") and updated.cost_price == Decimal("12.3456")


def test_pack_units_convert_to_the_base_unit_and_keep_their_id(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    services.pack_unit_set(actor=manager, product_id=product.pk, units=[PackUnitDraft("箱", "12")])
    box = PackUnit.objects.get(product=product)
    assert (box.name, box.factor) == ("箱", Decimal("12.000"))

    services.pack_unit_set(
        actor=manager,
        product_id=product.pk,
        units=[PackUnitDraft("箱", "24", barcode="16900000000018"), PackUnitDraft("包", "6")],
    )
    units = {unit.name: unit for unit in PackUnit.objects.filter(product=product)}
    assert units["箱"].pk == box.pk and units["箱"].factor == Decimal("24")
    assert units["包"].factor == Decimal("6")

    for units_in, expected in [
        ([PackUnitDraft("箱", "0")], ("units.0.factor", "pack_factor_invalid")),
        ([PackUnitDraft("箱", "-12")], ("units.0.factor", "pack_factor_invalid")),
        ([PackUnitDraft("箱", "1"), PackUnitDraft("箱", "2")], ("units.1.name", "pack_unit_duplicate")),
        ([PackUnitDraft("件", "1")], ("units.0.name", "pack_unit_duplicate")),  # the base unit itself
        ([PackUnitDraft(f"u{n}", "2") for n in range(11)], ("units", "too_many_pack_units")),
    ]:
        with pytest.raises(InvalidInput) as exc:
            services.pack_unit_set(actor=manager, product_id=product.pk, units=units_in)
        assert problem(exc) == expected

    services.pack_unit_set(actor=manager, product_id=product.pk, units=[])
    assert not PackUnit.objects.filter(product=product).exists()


def test_sku_lines_per_call_are_capped(in_alpha):
    specs = [SpecDraft("颜色", [f"c{n}" for n in range(11)]), SpecDraft("尺码", [f"s{n}" for n in range(11)])]
    drafts = [
        SkuDraft({"颜色": f"c{c}", "尺码": f"s{s}"}, list_price="1") for c in range(11) for s in range(11)
    ]
    with pytest.raises(InvalidInput) as exc:
        make_product(in_alpha.users["manager"], specs=specs, skus=drafts)
    assert problem(exc) == ("skus", "too_many_lines")


def test_writes_need_catalog_manage(in_alpha):
    for role in ["sales", "finance", "distributor"]:
        with pytest.raises(Forbidden) as exc:
            make_product(in_alpha.users[role])
        assert exc.value.code == "forbidden"
    product = make_product(in_alpha.users["warehouse"])
    with pytest.raises(Forbidden):
        services.product_archive(actor=in_alpha.users["sales"], product_id=product.pk)
    with pytest.raises(Forbidden):
        services.sku_update(actor=in_alpha.users["sales"], sku_id=product.skus.first().pk, list_price="1")


def test_setting_cost_prices_needs_cost_view_too(in_alpha):
    role = Role.objects.create(
        code="cataloguer", name_zh="商品专员", name_en="Cataloguer", scopes=[scopes.CATALOG_MANAGE]
    )
    cataloguer = User.objects.create_user(email="cat@alpha.test", password=None, full_name="商品专员")
    cataloguer.roles.set([role])
    product = make_product(cataloguer, cost_price=None)
    assert {sku.cost_price for sku in product.skus.all()} == {Decimal("0")}
    with pytest.raises(Forbidden) as exc:
        services.sku_update(actor=cataloguer, sku_id=product.skus.first().pk, cost_price="10")
    assert (exc.value.field, exc.value.code) == ("cost_price", "forbidden")


def test_unknown_ids_are_not_found(in_alpha):
    manager = in_alpha.users["manager"]
    with pytest.raises(NotFound):
        services.product_update(actor=manager, product_id=987654, name="x")
    with pytest.raises(NotFound) as exc:
        make_product(manager, category_id=987654)
    assert exc.value.field == "category_id"


def test_a_retried_create_with_the_same_key_returns_the_first_product(in_alpha):
    manager = in_alpha.users["manager"]
    first = services.product_create(actor=manager, code="P1", name="帽子", idempotency_key="create-p1-0001")
    again = services.product_create(actor=manager, code="P1", name="帽子", idempotency_key="create-p1-0001")
    assert again.replayed and again.product.pk == first.product.pk
    assert Product.objects.filter(code="P1").count() == 1


def test_update_prices_and_sku_details_only_come_with_the_specs_they_add(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager)
    with pytest.raises(InvalidInput) as exc:
        services.product_update(actor=manager, product_id=product.pk, list_price="10")
    assert problem(exc) == ("specs", "specs_required")
    with pytest.raises(InvalidInput) as exc:
        services.product_update(
            actor=manager,
            product_id=product.pk,
            specs=product_specs_with_s(),
            skus=[SkuDraft({"颜色": "红色", "尺码": "S"}, barcode="6900000000059")],
        )
    assert problem(exc) == ("skus.0.spec_values", "sku_exists")


def test_a_legacy_sku_without_specs_is_archived_when_specs_are_added(in_alpha):
    manager = in_alpha.users["manager"]
    product = Product.objects.create(code="OLD", name="老商品")
    legacy = SKU.objects.create(product=product, code="OLD-SKU")
    services.product_update(actor=manager, product_id=product.pk, specs=[SpecDraft("颜色", ["黑色", "白色"])])
    assert SKU.objects.get(pk=legacy.pk).status == "archived"
    assert codes_of(product, "active") == ["OLD-1", "OLD-2"]
