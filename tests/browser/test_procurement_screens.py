"""Procurement screens on a phone: a supplier created, edited and given an item in boxes; a
purchase order by hand with two lines, saved as a draft and edited; goods received into a bin
and taken out of one; a transfer and a stocktake cancelled after a confirmation; and the stock
of each product on the product list."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.inventory.models import StockLevel, StockMovement, Stocktake, Transfer
from saas.procurement.models import PurchaseOrder, Supplier, SupplierItem
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_stock_documents import PRODUCT, STOCK_IN, on_hand, warehouse

pytestmark = pytest.mark.live

PACKS = """mutation($productId: ID!, $units: [PackUnitInput!]!) {
  packUnitSet(productId: $productId, units: $units) { product { id packUnits { id name } } errors { field code } } }"""
SUPPLIER = """mutation($input: SupplierCreateInput!) {
  supplierCreate(input: $input) { supplier { id name } errors { field code } } }"""
ITEM = """mutation($input: SupplierItemInput!) {
  supplierItemSet(input: $input) { supplierItem { id } errors { field code } } }"""
BIN = """mutation($warehouseId: ID!, $code: String!) {
  binCreate(warehouseId: $warehouseId, code: $code) { bin { id code } errors { field code } } }"""
ORDER = """mutation($input: PurchaseOrderCreateInput!) {
  purchaseOrderCreate(input: $input) { purchaseOrder { id number } errors { field code } } }"""


def product(api: Api, name: str, *, box: bool = False) -> dict[str, Any]:
    """A one-SKU product at 25 (cost 9.5); with box=True it is also sold in 箱 of 12."""
    tag = uuid.uuid4().hex[:8].upper()
    made = api(
        PRODUCT, {"input": {"code": f"P{tag}", "name": f"{name}{tag}", "listPrice": "25", "costPrice": "9.5"}}
    )
    made = made["product"]
    if box:
        api(PACKS, {"productId": made["id"], "units": [{"name": "箱", "factor": "12"}]})
    return {**made["skus"][0], "product_id": made["id"], "product_code": f"P{tag}", "name": f"{name}{tag}"}


def test_a_supplier_is_created_edited_and_given_an_item_by_the_box(shell, world, live_server, read_db):
    # Given a product sold by the box of 12
    api = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    sku = product(api, "供货测试品", box=True)
    tag = uuid.uuid4().hex[:6].upper()
    code, name = f"s{tag}", f"测试供应商{tag}"

    # When the buyer creates a supplier from the suppliers list, with a contact
    app = shell(as_user="owner", viewport=PHONE, path="/app/suppliers")
    page = app.page
    page.get_by_role("link", name="新建供应商").click()
    app.wait_screen("supplier-new")
    form = page.get_by_role("form", name="新建供应商")
    form.get_by_label("供应商编码").fill(code)
    form.get_by_label("供应商名称").fill(name)
    form.get_by_label("账期（天）").fill("400")
    form.get_by_label("地址").fill("宁波市测试路 8 号")
    form.get_by_label("备注").fill("月结")
    form.get_by_role("button", name="添加联系人").click()
    form.get_by_label("联系人姓名").fill("王经理")
    form.get_by_label("电话").fill("13800000000")
    form.get_by_role("button", name="创建供应商").click()

    # Then 400 days is refused in the form, and 30 is accepted
    expect(form.locator('[data-field="paymentTermsDays"] .field-error')).to_have_text(
        "请输入 0–365 的整数天数。"
    )
    form.get_by_label("账期（天）").fill("30")
    snapshot(app, "phone-supplier-new")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    form.get_by_role("button", name="创建供应商").click()
    app.wait_screen("supplier")
    expect(page.locator(".toast")).to_contain_text(f"已创建供应商 {name}")
    saved = read_db(world.alpha, lambda: Supplier.objects.prefetch_related("contacts").get(code=code.upper()))
    assert (saved.name, saved.payment_terms_days, saved.address, saved.notes) == (
        name,
        30,
        "宁波市测试路 8 号",
        "月结",
    )
    assert [(c.name, c.phone) for c in saved.contacts.all()] == [("王经理", "13800000000")]

    # When its payment terms are changed on its screen
    details = page.get_by_role("form", name="供应商资料")
    details.get_by_label("账期（天）").fill("45")
    details.get_by_role("button", name="保存供应商").click()
    expect(page.locator(".toast", has_text=f"已保存供应商 {name}")).to_be_visible()
    assert read_db(world.alpha, lambda: Supplier.objects.get(pk=saved.pk).payment_terms_days) == 45

    # And an item is added: the SKU found by its code, bought by the box at 110, MOQ 24, 7 days
    page.get_by_role("button", name="添加供应商品").click()
    item_form = page.get_by_role("form", name="添加供应商品")
    item_form.get_by_label("商品", exact=True).fill(sku["code"])
    item_form.locator(f'.sku-result[data-sku-code="{sku["code"]}"]').click()
    expect(item_form.locator(".item-sku-chosen")).to_contain_text(sku["code"])
    item_form.get_by_label("采购单位", exact=True).select_option(label="箱（12 件）")
    item_form.get_by_label("单价（按采购单位）").fill("110")
    item_form.get_by_label("起订量（基本单位）").fill("24")
    item_form.get_by_label("交期（天）").fill("7")
    item_form.get_by_label("供应商货号").fill("ART-9")
    snapshot(app, "phone-supplier-item-form")
    _check_page(app)  # every control named, enough contrast
    item_form.get_by_role("button", name="保存供货信息").click()

    # Then it is listed with its unit and price, and stored that way
    row = page.locator(f'.supplier-item[data-sku-code="{sku["code"]}"]')
    expect(row).to_contain_text("箱（12 件）")
    expect(row).to_contain_text("110.00")
    expect(row).to_contain_text("起订 24 件 · 交期 7 天")
    snapshot(app, "phone-supplier")

    def item() -> SupplierItem | None:
        return SupplierItem.objects.filter(supplier_id=saved.pk, sku_id=sku["id"]).first()

    stored = read_db(world.alpha, item)
    assert (stored.unit_name, stored.unit_factor, stored.price) == ("箱", Decimal(12), Decimal(110))
    assert (stored.min_order_qty, stored.lead_time_days, stored.supplier_sku_code) == (
        Decimal(24),
        7,
        "ART-9",
    )

    # When the item's price is changed, its unit stays the box
    row.get_by_role("button", name="修改").click()
    edit = page.get_by_role("form", name=f"修改 {sku['code']} 的供货信息")
    expect(edit.get_by_label("采购单位", exact=True)).to_have_value(
        read_db(world.alpha, lambda: _box_id(sku["id"]))
    )
    edit.get_by_label("单价（按采购单位）").fill("105")
    edit.get_by_role("button", name="保存供货信息").click()
    expect(page.locator(".supplier-item", has_text="105.00")).to_be_visible()
    stored = read_db(world.alpha, item)
    assert (stored.unit_name, stored.price) == ("箱", Decimal(105))

    # When it is removed, after the confirmation, it is gone
    page.locator(f'.supplier-item[data-sku-code="{sku["code"]}"]').get_by_role("button", name="移除").click()
    page.locator("dialog").get_by_role("button", name="移除").click()
    expect(page.locator(".toast", has_text=f"已移除 {sku['code']}")).to_be_visible()
    expect(page.locator(".supplier-item")).to_have_count(0)
    assert read_db(world.alpha, item) is None

    # And deactivated, it shows under 已停用 in the list, found by its code
    page.get_by_role("button", name="停用供应商").click()
    expect(page.locator('.subtitle [data-status="inactive"]')).to_be_visible()
    page.get_by_role("link", name="供应商", exact=True).first.click()
    app.wait_screen("suppliers")
    page.get_by_label("状态").select_option(label="已停用")
    page.get_by_label("搜索供应商").fill(code)
    listed = page.locator(f'.supplier-row[data-code="{code.upper()}"]')
    expect(listed).to_contain_text(name)
    expect(page.locator(".supplier-row")).to_have_count(1)
    assert read_db(world.alpha, lambda: Supplier.objects.get(pk=saved.pk).is_active) is False


def _box_id(sku_id: str) -> str:
    from saas.catalog.models import SKU

    return str(SKU.objects.get(pk=sku_id).product.pack_units.get(name="箱").pk)


def test_a_purchase_order_with_two_lines_is_saved_as_a_draft_and_edited(shell, world, live_server, read_db):
    # Given a supplier that sells one product by the box at 120, and another product it has no price for
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    store = warehouse(api, f"P{tag}")
    boxed, loose = product(api, "整箱品", box=True), product(api, "散装品")
    supplier = api(SUPPLIER, {"input": {"code": f"PO{tag}", "name": f"下单供应商{tag}"}})["supplier"]
    box_id = read_db(world.alpha, lambda: _box_id(boxed["id"]))
    api(
        ITEM,
        {"input": {"supplierId": supplier["id"], "skuId": boxed["id"], "price": "120", "packUnitId": box_id}},
    )

    # When the buyer starts a purchase order from the list and picks the supplier
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/purchase-orders")
    page = app.page
    page.get_by_role("link", name="新建采购单").click()
    app.wait_screen("purchase-order-new")
    page.get_by_label("供应商", exact=True).select_option(label=f"{supplier['name']}（PO{tag}）")

    # And adds the boxed product by typing its code and Enter: its unit and price come from the supplier
    search = page.get_by_label("添加商品（名称、编码或条码）")
    search.fill(boxed["code"])
    search.press("Enter")
    first = page.locator(f'.po-form-line[data-sku-code="{boxed["code"]}"]')
    expect(first.get_by_label(f"{boxed['code']} 的单价")).to_have_value("120")
    expect(first).to_contain_text("数量（箱（12 件））")
    first.get_by_label("收货仓库").select_option(label=store["name"])
    first.get_by_label(f"{boxed['code']} 的采购数量").fill("2")

    # And the loose product, picked from the matches, without a price
    search.fill(loose["code"])
    page.locator(f'.sku-result[data-sku-code="{loose["code"]}"]').click()
    second = page.locator(f'.po-form-line[data-sku-code="{loose["code"]}"]')
    expect(second.get_by_label("收货仓库")).to_have_value(store["id"])
    second.get_by_label(f"{loose['code']} 的采购数量").fill("10")
    page.get_by_label("预计到货").fill("2026-09-01")
    page.get_by_label("备注").fill("加急")
    page.get_by_role("button", name="保存草稿").click()

    # Then the server asks for the missing price, next to that line's price
    expect(second.locator('[data-field="lines.1.unitPrice"] .field-error')).to_have_text(
        "该供应商没有此商品的价格，请填写。"
    )
    assert read_db(world.alpha, lambda: PurchaseOrder.objects.filter(supplier_id=supplier["id"]).count()) == 0

    # When it is entered, the draft is saved with both lines and opens
    second.get_by_label(f"{loose['code']} 的单价").fill("15.5")
    expect(page.locator(".po-form-total")).to_have_text("合计 ¥395.00")
    snapshot(app, "phone-purchase-order-new")
    _check_page(app)  # every control named, enough contrast
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="保存草稿").click()
    app.wait_screen("purchase-order")
    expect(page.locator('[data-status="draft"]')).to_be_visible()
    expect(page.locator(".po-line")).to_have_count(2)

    def lines() -> tuple[Any, list[tuple[str, str, Decimal, Decimal, Decimal]]]:
        order = PurchaseOrder.objects.get(supplier_id=supplier["id"])
        rows = order.lines.select_related("sku").order_by("id")
        return order, [(r.sku.code, r.unit_name, r.quantity, r.unit_price, r.base_quantity) for r in rows]

    order, saved = read_db(world.alpha, lines)
    assert (order.status, str(order.expected_date), order.note) == ("draft", "2026-09-01", "加急")
    assert saved == [
        (boxed["code"], "箱", Decimal(2), Decimal(120), Decimal(24)),
        (loose["code"], "件", Decimal(10), Decimal("15.5"), Decimal(10)),
    ]

    # When the draft is edited from its screen: 3 boxes, the loose line removed
    page.get_by_role("link", name="编辑", exact=True).click()
    app.wait_screen("purchase-order-edit")
    first = page.locator(f'.po-form-line[data-sku-code="{boxed["code"]}"]')
    expect(first.get_by_label(f"{boxed['code']} 的采购数量")).to_have_value("2")
    expect(page.get_by_label("备注")).to_have_value("加急")
    first.get_by_label(f"{boxed['code']} 的采购数量").fill("3")
    page.get_by_role("button", name=f"移除 {loose['code']}").click()
    snapshot(app, "phone-purchase-order-edit")
    page.get_by_role("button", name="保存草稿").click()

    # Then the order has the one line, changed
    app.wait_screen("purchase-order")
    expect(page.locator(".toast")).to_contain_text(f"已保存 {order.number}")
    expect(page.locator(".po-line")).to_have_count(1)
    _order, saved = read_db(world.alpha, lines)
    assert saved == [(boxed["code"], "箱", Decimal(3), Decimal(120), Decimal(36))]


def test_goods_are_received_into_a_bin_and_taken_out_of_it(shell, world, live_server, read_db):
    # Given an approved order for 10 into a warehouse with bins, and 5 into one without
    api = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    tag = uuid.uuid4().hex[:6].upper()
    shelved, plain = warehouse(api, f"B{tag}"), warehouse(api, f"N{tag}")
    bins = {
        code: api(BIN, {"warehouseId": shelved["id"], "code": code})["bin"]["id"] for code in ("A-01", "A-02")
    }
    sku = product(api, "库位测试品")
    supplier = api(SUPPLIER, {"input": {"code": f"B{tag}", "name": f"库位供应商{tag}"}})["supplier"]
    order = api(
        ORDER,
        {
            "input": {
                "supplierId": supplier["id"],
                "lines": [
                    {"skuId": sku["id"], "warehouseId": shelved["id"], "quantity": "10", "unitPrice": "8"},
                    {"skuId": sku["id"], "warehouseId": plain["id"], "quantity": "5", "unitPrice": "8"},
                ],
            }
        },
    )["purchaseOrder"]
    for step in ("purchaseOrderSubmit", "purchaseOrderApprove"):
        api(
            f"mutation($id: ID!) {{ {step}(id: $id) {{ purchaseOrder {{ id }} errors {{ code }} }} }}",
            {"id": order["id"]},
        )

    # When the warehouse user receives it, putting the first line away in A-02
    app = shell(as_user="warehouse", viewport=PHONE, path=f"/app/purchase-orders/{order['id']}/receive")
    page = app.page
    lines = page.locator(f'.receive-line[data-sku-code="{sku["code"]}"]')
    expect(lines).to_have_count(2)
    expect(lines.nth(0).get_by_label("入库库位")).to_have_value("")
    expect(lines.nth(1).get_by_label("入库库位")).to_have_count(0)  # that warehouse has no bins
    lines.nth(0).get_by_label("入库库位").select_option(label="A-02")
    snapshot(app, "phone-receiving-bin")
    _check_page(app)  # every control named, enough contrast
    page.get_by_role("button", name="确认收货").click()
    app.wait_screen("purchase-order")
    expect(page.locator('[data-status="received"]')).to_be_visible()

    # Then the receipt movements carry A-02 for the first warehouse and no bin for the other
    def receipts() -> list[tuple[int, Decimal, int | None]]:
        moves = StockMovement.objects.filter(source_type="goods_receipt", sku_id=sku["id"]).order_by("id")
        return [(m.warehouse_id, m.on_hand_delta, m.bin_id) for m in moves]

    assert read_db(world.alpha, receipts) == [
        (int(shelved["id"]), Decimal(10), int(bins["A-02"])),
        (int(plain["id"]), Decimal(5), None),
    ]
    assert on_hand(read_db, world, sku["id"], shelved["id"]) == Decimal(10)

    # When 4 are taken out of A-02 as samples on the stock in/out screen
    app.open("/app/stock/entry?direction=out")
    page.get_by_label("仓库", exact=True).select_option(label=shelved["name"])
    page.get_by_label("原因").select_option(label="样品")
    scanner = page.get_by_label("扫码或输入条码、SKU 编码添加商品")
    scanner.fill(sku["code"])
    scanner.press("Enter")
    line = page.locator(f'.entry-line[data-sku-code="{sku["code"]}"]')
    line.get_by_label(f"{sku['code']} 的数量").fill("4")
    line.get_by_label(f"{sku['code']} 的库位").select_option(label="A-02")
    snapshot(app, "phone-stock-out-bin")
    _check_page(app)  # every control named, enough contrast
    page.get_by_role("button", name="确认出库").click()
    app.wait_screen("stock")

    # Then the stock-out movement came out of A-02
    def stock_out() -> tuple[Decimal, int | None]:
        move = StockMovement.objects.filter(source_type="stock_entry", sku_id=sku["id"]).get()
        return move.on_hand_delta, move.bin_id

    assert read_db(world.alpha, stock_out) == (Decimal(-4), int(bins["A-02"]))
    assert on_hand(read_db, world, sku["id"], shelved["id"]) == Decimal(6)

    # And the movement history names the bin
    app.open(f"/app/movements/{sku['id']}?warehouse={shelved['id']}")
    expect(page.locator('.item-row[data-kind="adjustment"]')).to_contain_text(f"{shelved['name']} A-02")


def test_a_transfer_and_a_stocktake_are_cancelled_after_confirming(shell, world, live_server, read_db):
    # Given 10 in one warehouse, 4 of them in transit to another, and a stocktake of the first
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    source, target = warehouse(api, f"C{tag}"), warehouse(api, f"D{tag}")
    sku = product(api, "取消测试品")
    api(
        STOCK_IN,
        {
            "input": {
                "warehouseId": source["id"],
                "direction": "IN",
                "reason": "OPENING",
                "lines": [{"skuId": sku["id"], "quantity": "10"}],
            }
        },
    )
    sent = api(
        """mutation($input: TransferInput!) { transferCreate(input: $input) { document { id number } errors { code } } }""",
        {
            "input": {
                "fromWarehouseId": source["id"],
                "toWarehouseId": target["id"],
                "lines": [{"skuId": sku["id"], "quantity": "4"}],
            }
        },
    )["document"]
    assert on_hand(read_db, world, sku["id"], source["id"]) == Decimal(6)

    # When the transfer's cancel is dismissed, nothing changes
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/transfers")
    page = app.page
    row = page.locator(f'.transfer-row[data-number="{sent["number"]}"]')
    row.get_by_role("button", name="取消移库").click()
    dialog = page.locator("dialog")
    expect(dialog).to_contain_text(f"在途货品将退回 {source['name']} 的库存。")
    snapshot(app, "phone-transfer-cancel")
    dialog.get_by_role("button", name="取消", exact=True).click()
    expect(row.locator('[data-status="in_transit"]')).to_be_visible()

    # When it is confirmed, the transfer is cancelled and the goods are back in the source
    row.get_by_role("button", name="取消移库").click()
    page.locator("dialog").get_by_role("button", name="取消移库").click()
    expect(page.locator(".toast", has_text="已取消")).to_be_visible()
    expect(
        page.locator(f'.transfer-row[data-number="{sent["number"]}"] [data-status="cancelled"]')
    ).to_be_visible()
    assert read_db(world.alpha, lambda: Transfer.objects.get(pk=sent["id"]).status) == "cancelled"
    assert on_hand(read_db, world, sku["id"], source["id"]) == Decimal(10)
    assert (
        read_db(
            world.alpha,
            lambda: StockLevel.objects.get(sku_id=sku["id"], warehouse_id=target["id"]).in_transit,
        )
        == 0
    )

    # When a stocktake of the source is cancelled from its sheet
    sheet = api(
        "mutation($id: ID!) { stocktakeStart(warehouseId: $id) { document { id number } errors { code } } }",
        {"id": source["id"]},
    )["document"]
    app.open(f"/app/stocktakes/{sheet['id']}")
    page.get_by_role("button", name="取消盘点").click()
    page.locator("dialog").get_by_role("button", name="取消盘点").click()

    # Then it shows as cancelled, counting is over, and stock is untouched
    expect(page.locator('.subtitle [data-status="cancelled"]')).to_be_visible()
    expect(page.get_by_role("button", name="审核并调整库存")).to_have_count(0)
    expect(page.get_by_role("button", name="取消盘点")).to_have_count(0)
    assert read_db(world.alpha, lambda: Stocktake.objects.get(pk=sheet["id"]).status) == "cancelled"
    assert on_hand(read_db, world, sku["id"], source["id"]) == Decimal(10)


def test_the_product_list_shows_stock_over_every_warehouse(shell, world, live_server):
    # Given a product with 7 in one warehouse and 5 in another
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    tag = uuid.uuid4().hex[:6].upper()
    sku = product(api, "合计测试品")
    for store, quantity in ((warehouse(api, f"E{tag}"), "7"), (warehouse(api, f"F{tag}"), "5")):
        api(
            STOCK_IN,
            {
                "input": {
                    "warehouseId": store["id"],
                    "direction": "IN",
                    "reason": "OPENING",
                    "lines": [{"skuId": sku["id"], "quantity": quantity}],
                }
            },
        )

    # When a sales rep searches for it, then its row shows the total on hand and available
    app = shell(as_user="sales", viewport=PHONE, path="/app/products")
    app.page.get_by_label("搜索", exact=True).fill(sku["code"])
    row = app.page.locator(f'a.item-row[data-code="{sku["product_code"]}"]')
    expect(row.locator(".product-stock")).to_have_text("在库 12 · 可用 12")
