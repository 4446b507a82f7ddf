"""Category tree: create, rename, move without cycles, delete only when empty, starter sets."""

from __future__ import annotations

import pytest

from saas.catalog import services
from saas.catalog.models import SKU, Category
from saas.catalog.services.common import constraint_errors
from saas.catalog.starter_sets import STARTER_SETS
from saas.core.errors import Forbidden, InvalidInput, NotFound
from tests.fixtures.catalog import make_product


def code_of(exc_info: pytest.ExceptionInfo) -> tuple[str | None, str]:
    return exc_info.value.field, exc_info.value.code


def test_create_rename_and_move(in_alpha):
    manager = in_alpha.users["manager"]
    clothes = services.category_create(actor=manager, name="服装")
    shoes = services.category_create(actor=manager, name="鞋靴")
    shirts = services.category_create(actor=manager, name=" 衬衫 ", parent_id=clothes.pk)
    assert (shirts.name, shirts.parent_id, shirts.sort_order) == ("衬衫", clothes.pk, 0)
    assert services.category_create(actor=manager, name="T恤", parent_id=clothes.pk).sort_order == 1

    renamed = services.category_update(actor=manager, category_id=shirts.pk, name="男士衬衫")
    assert renamed.name == "男士衬衫" and renamed.parent_id == clothes.pk
    moved = services.category_update(actor=manager, category_id=shirts.pk, parent_id=shoes.pk)
    assert moved.parent_id == shoes.pk
    top = services.category_update(actor=manager, category_id=shirts.pk, parent_id=None)
    assert top.parent_id is None


def test_names_are_unique_among_siblings_only(in_alpha):
    manager = in_alpha.users["manager"]
    men = services.category_create(actor=manager, name="男装")
    women = services.category_create(actor=manager, name="女装")
    services.category_create(actor=manager, name="T恤", parent_id=men.pk)
    services.category_create(actor=manager, name="T恤", parent_id=women.pk)
    with pytest.raises(InvalidInput) as exc:
        services.category_create(actor=manager, name="T恤", parent_id=men.pk)
    assert code_of(exc) == ("name", "category_name_taken")
    with pytest.raises(InvalidInput) as exc:
        services.category_create(actor=manager, name="男装")  # top level too: NULL parents collide
    assert code_of(exc) == ("name", "category_name_taken")
    with pytest.raises(InvalidInput) as exc:
        services.category_create(actor=manager, name="")
    assert code_of(exc) == ("name", "required")


def test_moving_a_category_under_itself_or_its_descendants_is_a_cycle(in_alpha):
    manager = in_alpha.users["manager"]
    root = services.category_create(actor=manager, name="数码")
    child = services.category_create(actor=manager, name="手机", parent_id=root.pk)
    grandchild = services.category_create(actor=manager, name="手机壳", parent_id=child.pk)
    for new_parent in [root, child, grandchild]:
        with pytest.raises(InvalidInput) as exc:
            services.category_update(actor=manager, category_id=root.pk, parent_id=new_parent.pk)
        assert code_of(exc) == ("parent_id", "category_cycle")
    assert Category.objects.get(pk=root.pk).parent_id is None


def test_the_tree_is_at_most_five_levels_deep(in_alpha):
    manager = in_alpha.users["manager"]
    parent = None
    for level in range(5):
        parent = services.category_create(
            actor=manager, name=f"L{level}", parent_id=parent.pk if parent else None
        )
    with pytest.raises(InvalidInput) as exc:
        services.category_create(actor=manager, name="L5", parent_id=parent.pk)
    assert code_of(exc) == ("parent_id", "category_too_deep")
    two_levels = services.category_create(actor=manager, name="另一棵")
    services.category_create(actor=manager, name="子类", parent_id=two_levels.pk)
    with pytest.raises(InvalidInput) as exc:
        services.category_update(actor=manager, category_id=two_levels.pk, parent_id=parent.pk)
    assert code_of(exc) == ("parent_id", "category_too_deep")


def test_delete_refuses_categories_with_products_or_children(in_alpha):
    manager = in_alpha.users["manager"]
    root = services.category_create(actor=manager, name="食品")
    snacks = services.category_create(actor=manager, name="零食", parent_id=root.pk)
    with pytest.raises(InvalidInput) as exc:
        services.category_delete(actor=manager, category_id=root.pk)
    assert code_of(exc) == ("id", "category_in_use")

    product = make_product(manager, category_id=snacks.pk)
    services.product_archive(actor=manager, product_id=product.pk)  # archived products count too
    with pytest.raises(InvalidInput) as exc:
        services.category_delete(actor=manager, category_id=snacks.pk)
    assert code_of(exc) == ("id", "category_in_use")

    services.product_update(actor=manager, product_id=product.pk, category_id=None)
    services.category_delete(actor=manager, category_id=snacks.pk)
    services.category_delete(actor=manager, category_id=root.pk)
    assert not Category.objects.exists()
    with pytest.raises(NotFound):
        services.category_delete(actor=manager, category_id=root.pk)


def test_category_writes_need_catalog_manage(in_alpha):
    with pytest.raises(Forbidden):
        services.category_create(actor=in_alpha.users["sales"], name="服装")
    with pytest.raises(Forbidden):
        services.category_starter_apply(actor=in_alpha.users["finance"], industry="apparel")


def test_every_starter_set_is_a_realistic_two_level_chinese_tree():
    assert {starter.name for starter in STARTER_SETS.values()} == {
        "服装",
        "数码",
        "母婴",
        "美妆",
        "食品",
        "五金",
    }
    for starter in STARTER_SETS.values():
        assert len(starter.tree) >= 5, starter.code
        for root, children in starter.tree.items():
            assert len(children) >= 3 and len(set(children)) == len(children), root
            assert all(len(name) <= 60 for name in [root, *children])


def test_applying_a_starter_set_is_idempotent_and_keeps_what_exists(in_alpha):
    manager = in_alpha.users["manager"]
    mine = services.category_create(actor=manager, name="男装")
    custom = services.category_create(actor=manager, name="定制款", parent_id=mine.pk)
    roots = services.category_starter_apply(actor=manager, industry="apparel")
    apparel = STARTER_SETS["apparel"]
    assert [root.name for root in roots] == list(apparel.tree)
    assert roots[0].pk == mine.pk  # the existing 男装 is reused, not duplicated
    count = Category.objects.count()
    assert count == apparel.category_count + 1  # plus the tenant's own 定制款

    again = services.category_starter_apply(actor=manager, industry="服装")  # by name works too
    assert [root.pk for root in again] == [root.pk for root in roots]
    assert Category.objects.count() == count and Category.objects.filter(pk=custom.pk).exists()
    assert set(Category.objects.filter(parent=mine).values_list("name", flat=True)) >= {
        "T恤",
        "衬衫",
        "定制款",
    }


def test_unknown_industry_is_a_typed_error(in_alpha):
    with pytest.raises(InvalidInput) as exc:
        services.category_starter_apply(actor=in_alpha.users["manager"], industry="宇宙飞船")
    assert code_of(exc) == ("industry", "industry_unknown")


def test_constraint_violations_that_slip_past_the_checks_become_typed_errors(in_alpha):
    # A concurrent writer can pass the friendly check; the unique constraint still answers with
    # the same code. Tenant schemas are clones, so their constraint names differ from Django's.
    manager = in_alpha.users["manager"]
    root = services.category_create(actor=manager, name="五金")
    with pytest.raises(InvalidInput) as exc, constraint_errors():
        Category.objects.create(name="五金", parent=None)
    assert exc.value.code == "category_name_taken"
    with pytest.raises(InvalidInput) as exc, constraint_errors():
        Category.objects.create(name="五金", parent=None, sort_order=root.sort_order + 1)
    sku = make_product(manager).skus.first()
    with pytest.raises(InvalidInput) as exc, constraint_errors():
        SKU.objects.create(product=sku.product, code=sku.code + "-X", spec_values=sku.spec_values)
    assert exc.value.code == "sku_exists"
    with pytest.raises(InvalidInput) as exc, constraint_errors():
        SKU.objects.create(product=sku.product, code=sku.code, spec_values={"颜色": "绿色"})
    assert exc.value.code == "sku_code_taken"
