"""The product screens: search, a scanner's barcode + Enter opening the product, its SKUs with
price and cost, and stock by warehouse; cost shows "—" to people without cost.view."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.driver import PHONE, snapshot
from tests.browser.test_inventory_cycle import Api

pytestmark = pytest.mark.live


def test_scanned_barcode_opens_the_product_with_prices_and_stock(shell, world, live_server):
    # Given a product with a barcode and stock in a warehouse
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:8].upper()
    barcode = f"69{uuid.uuid4().int % 10**11:011d}"
    warehouse = api(
        "mutation($code: String!, $name: String!) { warehouseCreate(code: $code, name: $name) { warehouse { id } errors { code } } }",
        {"code": f"C{tag}", "name": f"目录仓{tag}"},
    )["warehouse"]
    product = api(
        """mutation($input: ProductCreateInput!) {
             productCreate(input: $input) { product { id name skus { id code } } errors { field code } } }""",
        {
            "input": {
                "code": f"Q{tag}",
                "name": f"扫码测试品{tag}",
                "listPrice": "39.9",
                "costPrice": "12.5",
                "skus": [{"specValues": [], "barcode": barcode}],
            }
        },
    )["product"]
    sku = product["skus"][0]
    api(
        """mutation($input: StockEntryInput!) { stockEntryCreate(input: $input) { document { id } errors { field code } } }""",
        {
            "input": {
                "warehouseId": warehouse["id"],
                "direction": "IN",
                "reason": "OPENING",
                "lines": [{"skuId": sku["id"], "quantity": "6", "unitCost": "12.5"}],
            }
        },
    )

    # When the warehouse user searches by name, then the product is listed
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/products")
    page = app.page
    page.get_by_label("搜索", exact=True).fill(product["name"])
    expect(page.locator(f'a.item-row[data-code="Q{tag}"]')).to_be_visible()
    snapshot(app, "phone-products")

    # When a scanner types the barcode and Enter, then the product opens on that SKU
    page.get_by_label("扫码或输入条码").fill(barcode)
    page.get_by_label("扫码或输入条码").press("Enter")
    app.wait_screen("product")
    row = page.locator(f'tr.row-highlight[data-sku-code="{sku["code"]}"]')
    expect(row).to_have_class("row-highlight")
    expect(row).to_contain_text("¥39.90")
    expect(row.locator("[data-cost]")).to_have_text("¥12.50")
    expect(page.locator(f'tr[data-warehouse="C{tag}"]')).to_contain_text("6")
    snapshot(app, "phone-product-detail")

    # And a sales rep (no cost.view) sees the price but "—" for the cost
    sales = shell(as_user="sales", viewport=PHONE, path=f"/app/products/{product['id']}")
    sales_row = sales.page.locator(f'tr[data-cost-row][data-sku-code="{sku["code"]}"]')
    expect(sales_row).to_contain_text("¥39.90")
    expect(sales_row.locator("[data-cost]")).to_have_text("—")
