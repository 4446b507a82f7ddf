"""Stock documents on a phone: a stocktake counted by scanning and approved moves the books to
the count; a transfer sent from one warehouse and received in another moves the stock."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saas.inventory.models import StockLevel
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_inventory_cycle import Api

pytestmark = pytest.mark.live

WAREHOUSE = "mutation($code: String!, $name: String!) { warehouseCreate(code: $code, name: $name) { warehouse { id name } errors { code } } }"
PRODUCT = """mutation($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id skus { id code } } errors { field code } } }"""
BARCODE = """mutation($id: ID!, $input: SkuUpdateInput!) { skuUpdate(id: $id, input: $input) { sku { id } errors { field code } } }"""
STOCK_IN = """mutation($input: StockEntryInput!) { stockEntryCreate(input: $input) { document { id } errors { field code } } }"""


def warehouse(api: Api, tag: str) -> dict[str, str]:
    return api(WAREHOUSE, {"code": f"W{tag}", "name": f"盘点仓{tag}"})["warehouse"]


def sku_with_stock(api: Api, warehouse_id: str, quantity: str) -> dict[str, str]:
    """A one-SKU product with a barcode and `quantity` on hand in the warehouse."""
    tag = uuid.uuid4().hex[:8].upper()
    product = api(
        PRODUCT,
        {"input": {"code": f"P{tag}", "name": f"盘点测试品{tag}", "listPrice": "25", "costPrice": "9.5"}},
    )["product"]
    sku = product["skus"][0]
    barcode = f"69{uuid.uuid4().int % 10**11:011d}"
    api(BARCODE, {"id": sku["id"], "input": {"barcode": barcode}})
    api(
        STOCK_IN,
        {
            "input": {
                "warehouseId": warehouse_id,
                "direction": "IN",
                "reason": "OPENING",
                "lines": [{"skuId": sku["id"], "quantity": quantity, "unitCost": "9.5"}],
            }
        },
    )
    return {"id": sku["id"], "code": sku["code"], "barcode": barcode}


def on_hand(read_db, world, sku_id: str, warehouse_id: str) -> Decimal:
    level = read_db(
        world.alpha, lambda: StockLevel.objects.filter(sku_id=sku_id, warehouse_id=warehouse_id).first()
    )
    return level.on_hand if level else Decimal(0)


def test_a_stocktake_counted_by_scanning_sets_the_books_to_the_count(shell, world, live_server, read_db):
    # Given a warehouse with 10 of a SKU on the books
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    store = warehouse(api, tag)
    sku = sku_with_stock(api, store["id"], "10")
    assert on_hand(read_db, world, sku["id"], store["id"]) == Decimal("10")

    # When the warehouse user starts a stocktake for that warehouse on a phone
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/stocktakes")
    page = app.page
    form = page.get_by_role("form", name="开始盘点")
    form.get_by_label("盘点仓库").select_option(label=store["name"])
    snapshot(app, "phone-stocktakes")
    form.get_by_role("button", name="开始盘点").click()
    app.wait_screen("stocktake")
    expect(page.locator(f'.stocktake-line[data-sku-code="{sku["code"]}"]')).to_contain_text("账面 10")

    # And scans the barcode and counts 8
    scanner = page.get_by_label("扫码或输入条码")
    scanner.fill(sku["barcode"])
    scanner.press("Enter")
    current = page.locator(f'.stocktake-current[data-sku-code="{sku["code"]}"]')
    expect(current).to_be_visible()
    current.get_by_label(f"{sku['code']} 实盘数量").fill("8")
    expect(current).to_contain_text("差异 -2")
    line = page.locator(f'.stocktake-line[data-sku-code="{sku["code"]}"]')
    expect(line).to_contain_text("实盘 8")
    snapshot(app, "phone-stocktake-counting")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="保存盘点数").click()
    expect(page.locator(".toast")).to_contain_text("盘点数已保存")

    # Then approving shows the difference first, and posts it
    page.get_by_role("button", name="审核并调整库存").click()
    dialog = page.locator("dialog")
    expect(dialog.locator(f'.approve-diff[data-sku-code="{sku["code"]}"]')).to_contain_text("-2")
    snapshot(app, "phone-stocktake-approve")
    dialog.get_by_role("button", name="审核并调整库存").click()
    expect(page.locator('.subtitle [data-status="approved"]')).to_be_visible()
    expect(line).to_contain_text("差异 -2")
    assert on_hand(read_db, world, sku["id"], store["id"]) == Decimal("8")


def test_a_transfer_sent_and_received_moves_the_stock(shell, world, live_server, read_db):
    # Given two warehouses, 10 of a SKU in the first
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    source, target = warehouse(api, f"A{tag}"), warehouse(api, f"B{tag}")
    sku = sku_with_stock(api, source["id"], "10")

    # When the warehouse user creates a transfer of 3 by scanning the barcode
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/transfers")
    page = app.page
    page.get_by_role("link", name="新建移库").click()
    app.wait_screen("transfer-new")
    page.get_by_label("调出仓库").select_option(label=source["name"])
    page.get_by_label("调入仓库").select_option(label=target["name"])
    scanner = page.get_by_label("扫码或输入条码、SKU 编码添加商品")
    scanner.fill(sku["barcode"])
    scanner.press("Enter")
    page.get_by_label(f"{sku['code']} 的移库数量").fill("3")
    snapshot(app, "phone-transfer-new")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="确认移库").click()

    # Then it is in transit, and the stock left the first warehouse
    app.wait_screen("transfers")
    expect(page.locator(".toast")).to_contain_text("货品在途")
    row = page.locator(".transfer-row", has_text=sku["code"])
    expect(row.locator('[data-status="in_transit"]')).to_be_visible()
    assert on_hand(read_db, world, sku["id"], source["id"]) == Decimal("7")
    snapshot(app, "phone-transfers")

    # When it is received, the stock is in the second warehouse
    row.get_by_role("button", name="确认收货").click()
    page.locator("dialog").get_by_role("button", name="确认收货").click()
    expect(page.locator(".toast", has_text="已收货")).to_be_visible()
    expect(
        page.locator(".transfer-row", has_text=sku["code"]).locator('[data-status="received"]')
    ).to_be_visible()
    assert on_hand(read_db, world, sku["id"], target["id"]) == Decimal("3")
    assert on_hand(read_db, world, sku["id"], source["id"]) == Decimal("7")


def test_rejected_goods_are_returned_from_the_purchase_order(shell, world, live_server, read_db):
    # Given an approved order received with 2 rejected (set up through the API)
    from saas.procurement.models import SupplierReturn

    api = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    tag = uuid.uuid4().hex[:6].upper()
    store = warehouse(api, f"R{tag}")
    sku = sku_with_stock(api, store["id"], "1")
    supplier = api(
        """mutation($input: SupplierCreateInput!) { supplierCreate(input: $input) { supplier { id } errors { field code } } }""",
        {"input": {"code": f"S{tag}", "name": f"退货供应商{tag}"}},
    )["supplier"]
    given = {
        "supplier_id": supplier["id"],
        "sku_id": sku["id"],
        "sku_code": sku["code"],
        "warehouse_id": store["id"],
    }
    order = api(
        """mutation($input: PurchaseOrderCreateInput!) { purchaseOrderCreate(input: $input) { purchaseOrder { id number lines { id } } errors { field code } } }""",
        {
            "input": {
                "supplierId": given["supplier_id"],
                "lines": [
                    {
                        "skuId": given["sku_id"],
                        "warehouseId": given["warehouse_id"],
                        "quantity": "5",
                        "unitPrice": "9",
                    }
                ],
            }
        },
    )["purchaseOrder"]
    for step in ("purchaseOrderSubmit", "purchaseOrderApprove"):
        api(
            f"mutation($id: ID!) {{ {step}(id: $id) {{ purchaseOrder {{ id }} errors {{ code }} }} }}",
            {"id": order["id"]},
        )
    api(
        """mutation($input: GoodsReceiptCreateInput!) { goodsReceiptCreate(input: $input) { goodsReceipt { id } errors { field code } } }""",
        {
            "input": {
                "purchaseOrderId": order["id"],
                "lines": [
                    {
                        "lineId": order["lines"][0]["id"],
                        "acceptedQty": "3",
                        "rejectedQty": "2",
                        "rejectReason": "破损",
                    }
                ],
            }
        },
    )

    # When the buyer returns the rejected goods from the order's screen
    app = shell(as_user="owner", viewport=PHONE, path=f"/app/purchase-orders/{order['id']}")
    page = app.page
    page.get_by_role("button", name="退回拒收货品").click()
    dialog = page.locator("dialog")
    expect(dialog.locator(f'[data-sku-code="{given["sku_code"]}"]')).to_contain_text("× 2")
    snapshot(app, "phone-supplier-return")
    dialog.get_by_role("button", name="退回拒收货品").click()

    # Then a supplier return exists for them, and the action is gone
    expect(page.locator(".toast", has_text="已创建退货单")).to_be_visible()
    expect(page.get_by_role("button", name="退回拒收货品")).to_have_count(0)
    returned = read_db(
        world.alpha, lambda: SupplierReturn.objects.filter(supplier_id=given["supplier_id"]).count()
    )
    assert returned == 1
