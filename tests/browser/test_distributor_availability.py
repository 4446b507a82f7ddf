"""A distributor sees availability as a band (有货 / 库存紧张 / 缺货) or nothing, never stock
numbers; the stock screen is neither in its navigation nor open to it by address."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from saas.inventory.availability import distributor_availability
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_inventory_cycle import Api

pytestmark = pytest.mark.live

SET = """mutation($mode: DistributorAvailability!) {
  distributorAvailabilitySet(mode: $mode) { mode errors { field code } } }"""


def _products(api: Api, tag: str) -> tuple[dict, dict]:
    """A product with 6 in stock under a reorder point of 10 (low), and one with none (out)."""
    warehouse = api(
        "mutation($code: String!, $name: String!) { warehouseCreate(code: $code, name: $name) { warehouse { id } errors { code } } }",
        {"code": f"D{tag}", "name": f"经销仓{tag}"},
    )["warehouse"]
    made = []
    for suffix in ("A", "B"):
        made.append(
            api(
                """mutation($input: ProductCreateInput!) {
                 productCreate(input: $input) { product { id code skus { id code } } errors { field code } } }""",
                {
                    "input": {
                        "code": f"V{tag}{suffix}",
                        "name": f"经销测试品{tag}{suffix}",
                        "listPrice": "20",
                        "skus": [{"specValues": []}],
                    }
                },
            )["product"]
        )
    sku = made[0]["skus"][0]["id"]
    api(
        "mutation($input: StockEntryInput!) { stockEntryCreate(input: $input) { document { id } errors { field code } } }",
        {
            "input": {
                "warehouseId": warehouse["id"],
                "direction": "IN",
                "reason": "OPENING",
                "lines": [{"skuId": sku, "quantity": "6", "unitCost": "5"}],
            }
        },
    )
    api(
        "mutation($input: ThresholdsInput!) { stockThresholdsSet(input: $input) { stockLevel { id } errors { field code } } }",
        {"input": {"skuId": sku, "warehouseId": warehouse["id"], "reorderPoint": "10"}},
    )
    return made[0], made[1]


def test_distributor_sees_bands_and_no_stock_numbers(shell, world, live_server):
    # Given a low product and one out of stock
    tag = uuid.uuid4().hex[:8].upper()
    low, out = _products(Api(live_server, world.alpha.host, world.alpha.email("warehouse")), tag)

    # When the distributor opens the products screen and searches for them
    app = shell(as_user="distributor", viewport=PHONE, path="/app/products")
    page = app.page
    # Its tabs lead to ordering (the portal); 商品 is under 更多, and 库存 is nowhere.
    expect(page.locator("nav.tabbar").get_by_role("link")).to_have_text(
        ["首页", "订货", "我的订单", "更多", "我的"]
    )
    expect(page.locator('nav.sidenav a[href="/app/products"]')).to_have_count(1)
    expect(page.locator('nav.sidenav a[href="/app/stock"]')).to_have_count(0)
    page.get_by_label("搜索", exact=True).fill(f"经销测试品{tag}")
    low_row = page.locator(f'a.item-row[data-code="{low["code"]}"]')
    out_row = page.locator(f'a.item-row[data-code="{out["code"]}"]')

    # Then each row shows its band and no quantity
    expect(low_row.locator(".product-stock")).to_have_text("库存紧张")
    expect(out_row.locator(".product-stock")).to_have_text("缺货")
    expect(low_row).not_to_contain_text("在库")
    expect(low_row).not_to_contain_text("可用")
    snapshot(app, "phone-products-distributor")

    # And the product shows each SKU's band, without the stock table
    low_row.click()
    app.wait_screen("product")
    expect(page.locator("[data-band]").first).to_have_text("库存紧张")
    expect(page.get_by_role("heading", name="各仓库存")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("在库")

    # And the stock screen refuses it
    app.open("/app/stock")
    assert app.screen() == "stock"
    expect(page.get_by_text("你没有权限执行此操作。")).to_be_visible()
    expect(page.locator("[data-on-hand]")).to_have_count(0)


def test_hidden_availability_shows_the_distributor_nothing(shell, world, live_server):
    tag = uuid.uuid4().hex[:8].upper()
    low, _out = _products(Api(live_server, world.alpha.host, world.alpha.email("warehouse")), tag)
    manager = Api(live_server, world.alpha.host, world.alpha.email("manager"))
    manager(SET, {"mode": "HIDDEN"})
    try:
        app = shell(as_user="distributor", viewport=PHONE, path=f"/app/products/{low['id']}")
        page = app.page
        expect(page.get_by_role("heading", level=1)).to_have_text(f"经销测试品{tag}A")
        expect(page.get_by_role("heading", name="库存情况")).to_have_count(0)
        expect(page.locator("[data-band]")).to_have_count(0)
        app.open("/app/products")
        page.get_by_label("搜索", exact=True).fill(f"经销测试品{tag}")
        expect(page.locator(f'a.item-row[data-code="{low["code"]}"]')).to_be_visible()
        expect(page.locator("[data-band]")).to_have_count(0)
    finally:
        manager(SET, {"mode": "BAND"})


def test_a_manager_chooses_what_distributors_see_on_the_products_screen(shell, world, live_server, read_db):
    manager = Api(live_server, world.alpha.host, world.alpha.email("manager"))
    try:
        app = shell(as_user="manager", viewport=PHONE, path="/app/products")
        page = app.page
        page.locator("summary", has_text="经销商看到的库存").click()
        select = page.locator('form.availability-setting select[name="mode"]')
        expect(select).to_be_enabled()
        expect(select).to_have_value("BAND")
        select.select_option("HIDDEN")
        page.get_by_role("form", name="经销商看到的库存").get_by_role("button", name="保存").click()
        expect(page.get_by_text("已保存经销商看到的库存。")).to_be_visible()
        assert read_db(world.alpha, distributor_availability) == "hidden"
    finally:
        manager(SET, {"mode": "BAND"})
    # And the distributor has no such control
    distributor = shell(as_user="distributor", viewport=PHONE, path="/app/products")
    expect(distributor.page.get_by_role("heading", level=1)).to_have_text("商品")
    expect(distributor.page.get_by_text("经销商看到的库存")).to_have_count(0)
