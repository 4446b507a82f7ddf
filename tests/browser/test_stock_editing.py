"""Editing stock and products on a phone: a stock-out above what is there is refused on its
line and a stock-in raises the books; a reorder point above the stock marks the row low; a new
product with a two-value specification gets two SKUs."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.driver import PHONE, snapshot
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_stock_documents import on_hand, sku_with_stock, warehouse

pytestmark = pytest.mark.live


def test_a_stock_out_beyond_the_stock_is_refused_and_a_stock_in_raises_it(shell, world, live_server, read_db):
    # Given a warehouse with 2 of a SKU
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    store = warehouse(api, f"E{tag}")
    sku = sku_with_stock(api, store["id"], "2")

    # When the warehouse user opens 出库 from the stock screen and takes out 5
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/stock")
    page = app.page
    page.get_by_role("link", name="出库", exact=True).click()
    app.wait_screen("stock-entry")
    page.get_by_label("仓库", exact=True).select_option(label=store["name"])
    expect(page.get_by_label("原因")).to_contain_text("损坏")
    scanner = page.get_by_label("扫码或输入条码、SKU 编码添加商品")
    scanner.fill(sku["barcode"])
    scanner.press("Enter")
    page.get_by_label(f"{sku['code']} 的数量").fill("5")
    page.get_by_role("button", name="确认出库").click()

    # Then the line shows the insufficient-stock error, and nothing moved
    line = page.locator(f'.entry-line[data-sku-code="{sku["code"]}"]')
    expect(line.locator(".field-error")).to_be_visible()
    expect(line.locator(".field-error")).not_to_be_empty()
    snapshot(app, "phone-stock-out-refused")
    assert on_hand(read_db, world, sku["id"], store["id"]) == Decimal("2")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # When it is turned into a stock-in of 4 at 9.5 (opening stock)
    page.get_by_label("类型").select_option(label="入库")
    page.get_by_label("原因").select_option(label="期初")
    page.get_by_label(f"{sku['code']} 的数量").fill("4")
    page.get_by_label(f"{sku['code']} 的单位成本").fill("9.5")
    snapshot(app, "phone-stock-in")
    page.get_by_role("button", name="确认入库").click()

    # Then it is posted and the books hold 6
    app.wait_screen("stock")
    expect(page.locator(".toast")).to_contain_text("已入库")
    assert on_hand(read_db, world, sku["id"], store["id"]) == Decimal("6")


def test_a_reorder_point_above_the_stock_marks_the_row_low(shell, world, live_server):
    # Given a warehouse with 3 of a SKU and no warning levels
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    store = warehouse(api, f"T{tag}")
    sku = sku_with_stock(api, store["id"], "3")

    app = shell(as_user="warehouse", viewport=PHONE, path=f"/app/stock?warehouse={store['id']}")
    page = app.page
    row = page.locator(f'.level-row[data-sku-code="{sku["code"]}"]')
    expect(row).to_be_visible()
    expect(row.locator(".chip-bad")).to_have_count(0)

    # When a maximum below the minimum is saved, then it is refused on the maximum
    row.get_by_text("预警值", exact=True).click()
    form = row.get_by_role("form", name=f"{sku['code']} 的预警值")
    form.get_by_label("最低库存").fill("4")
    form.get_by_label("最高库存").fill("2")
    form.get_by_role("button", name="保存预警值").click()
    expect(form.locator('[data-field="maxQty"] .field-error')).to_have_text("最高库存不能低于最低库存。")
    snapshot(app, "phone-thresholds-error")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # When the reorder point is set to 5 (above the 3 there), then the row shows the low badge
    form.get_by_label("最低库存").fill("")
    form.get_by_label("最高库存").fill("")
    form.get_by_label("补货点").fill("5")
    form.get_by_role("button", name="保存预警值").click()
    expect(page.locator(".toast")).to_contain_text("预警值")
    row = page.locator(f'.level-row[data-sku-code="{sku["code"]}"]')
    expect(row.locator(".chip-bad")).to_have_text("低库存")
    expect(row).to_contain_text("补货点 5")
    snapshot(app, "phone-thresholds-low")


def test_a_new_product_with_a_two_value_spec_has_two_skus(shell):
    tag = uuid.uuid4().hex[:6].upper()
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/products")
    page = app.page
    page.get_by_role("link", name="新建商品").click()
    app.wait_screen("product-new")
    page.get_by_label("名称", exact=True).fill(f"新建测试品{tag}")
    page.get_by_label("编码", exact=True).fill(f"N{tag}")
    page.get_by_label("品牌").fill("麻雀")
    page.get_by_label("标准售价").fill("20")
    page.get_by_label("成本价").fill("8")
    page.get_by_label("规格名", exact=True).fill("颜色")
    page.get_by_label("规格值（逗号分隔）").fill("红, 蓝")
    snapshot(app, "phone-product-new")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="保存商品").click()

    app.wait_screen("product")
    expect(page.locator(".toast")).to_contain_text(f"已创建 新建测试品{tag}")
    skus = page.get_by_role("table", name="规格（SKU）").locator("tbody tr")
    expect(skus).to_have_count(2)
    expect(skus.nth(0)).to_contain_text("红")
    expect(skus.nth(1)).to_contain_text("蓝")
    snapshot(app, "phone-product-created")
