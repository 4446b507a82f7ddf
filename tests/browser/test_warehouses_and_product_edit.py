"""Warehouses and product edits on a phone: a new warehouse gets a bin and its code cannot be
used twice; a product's name and one SKU's list price edited in the app show on its detail."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saas.catalog.models import SKU, Product
from saas.inventory.models import Bin, Warehouse
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_stock_documents import PRODUCT

pytestmark = pytest.mark.live


def test_a_new_warehouse_gets_a_bin_and_its_code_is_taken_after(shell, world, read_db):
    tag = uuid.uuid4().hex[:6].upper()
    code, name = f"W{tag}", f"测试仓{tag}"

    # When the warehouse user opens 仓库管理 from the stock screen and creates a warehouse
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/stock")
    page = app.page
    page.get_by_role("link", name="仓库管理").click()
    app.wait_screen("warehouses")
    create = page.get_by_role("form", name="新建仓库")
    create.get_by_label("仓库编码").fill(code)
    create.get_by_label("仓库名称").fill(name)
    create.get_by_label("地址").fill("上海市测试路 1 号")
    create.get_by_role("button", name="创建仓库").click()
    expect(page.locator(".toast")).to_contain_text(f"已创建仓库 {name}")

    # Then it is listed, and a bin added to it is listed under it
    card = page.locator(f'.warehouse-card[data-warehouse="{code}"]')
    expect(card).to_contain_text(name)
    bins = card.get_by_role("form", name=f"{code} 的新库位")
    bins.get_by_label("库位编码").fill("A-01")
    bins.get_by_label("库位名称").fill("一号货架")
    bins.get_by_role("button", name="添加库位").click()
    card = page.locator(f'.warehouse-card[data-warehouse="{code}"]')
    expect(card.locator('[data-bin="A-01"]')).to_contain_text("一号货架")
    snapshot(app, "phone-warehouses")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    store = read_db(world.alpha, lambda: Warehouse.objects.get(code=code))
    assert store.name == name
    assert read_db(
        world.alpha, lambda: list(Bin.objects.filter(warehouse__code=code).values_list("code", flat=True))
    ) == ["A-01"]

    # When the same code is used again, then the code field shows code_taken's message
    create.get_by_label("仓库编码").fill(code)
    create.get_by_label("仓库名称").fill(f"重复仓{tag}")
    create.get_by_role("button", name="创建仓库").click()
    expect(create.locator('[data-field="code"] .field-error')).to_have_text("该编码已被使用。")
    snapshot(app, "phone-warehouses-code-taken")
    assert read_db(world.alpha, lambda: Warehouse.objects.filter(code=code).count()) == 1


def test_a_product_name_and_list_price_edited_show_on_its_detail(shell, world, live_server, read_db):
    # Given a one-SKU product at 25
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:8].upper()
    product = api(
        PRODUCT,
        {"input": {"code": f"P{tag}", "name": f"编辑测试品{tag}", "listPrice": "25", "costPrice": "9.5"}},
    )["product"]
    sku = product["skus"][0]

    # When it is renamed from its detail's 编辑 button
    app = shell(as_user="warehouse", viewport=PHONE, path=f"/app/products/{product['id']}")
    page = app.page
    page.get_by_role("link", name="编辑", exact=True).click()
    app.wait_screen("product-edit")
    sku_form = page.get_by_role("form", name=f"{sku['code']} 的价格与条码")
    expect(sku_form.get_by_label("标准售价")).to_have_value("25")

    # And its SKU's list price is set to 32.5
    sku_form.get_by_label("标准售价").fill("32.5")
    sku_form.get_by_role("button", name="保存规格").click()
    expect(page.locator(".toast")).to_contain_text(f"已保存 {sku['code']}")

    form = page.get_by_role("form", name="编辑商品")
    expect(form.get_by_role("button", name="保存商品")).to_be_enabled()
    form.get_by_label("名称", exact=True).fill(f"改名测试品{tag}")
    snapshot(app, "phone-product-edit")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    form.get_by_role("button", name="保存商品").click()

    # Then the detail shows both, and so do the books
    app.wait_screen("product")
    expect(page.locator(".screen-title")).to_have_text(f"改名测试品{tag}")
    row = page.get_by_role("table", name="规格（SKU）").locator(f'tr[data-sku-code="{sku["code"]}"]')
    expect(row).to_contain_text("32.50")
    snapshot(app, "phone-product-edited")
    assert read_db(world.alpha, lambda: Product.objects.get(pk=product["id"]).name) == f"改名测试品{tag}"
    saved = read_db(world.alpha, lambda: SKU.objects.get(pk=sku["id"]))
    assert saved.list_price == Decimal("32.5")
    assert saved.cost_price == Decimal("9.5")
