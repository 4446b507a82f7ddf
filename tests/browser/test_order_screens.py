"""Sales order screens on a phone: a rep enters an order (customer search, a scanned and a
searched SKU, a stepper, submit), a reviewer approves it from the 待审核 queue (stock is
reserved, the order waits to ship) and finance records the payment; 再来一单 repeats the last
order; a line's error shows on that line; cancelling with a reason releases the reservation;
the warehouse sees the orders to ship without prices; a rep never sees a colleague's orders."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.inventory.models import StockLevel
from saas.sales.models import SalesOrder
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.browser.test_inventory_cycle import Api

pytestmark = pytest.mark.live

WAREHOUSE = """mutation($code: String!, $name: String!) {
  warehouseCreate(code: $code, name: $name) { warehouse { id name } errors { code } } }"""
PRODUCT = """mutation($input: ProductCreateInput!) {
  productCreate(input: $input) { product { id name skus { id code barcode } } errors { field code } } }"""
STOCK_IN = """mutation($input: StockEntryInput!) {
  stockEntryCreate(input: $input) { document { id } errors { field code } } }"""
CUSTOMER = """mutation($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { id code name } errors { field code } } }"""
ORDER = """mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id number } errors { field code } } }"""
SUBMIT = """mutation($id: ID!) { salesOrderSubmit(id: $id) { salesOrder { id } errors { field code } } }"""
APPROVE = (
    """mutation($id: ID!) { salesOrderApprove(id: $id) { salesOrder { id status } errors { field code } } }"""
)
QUOTE = """mutation($input: QuotationCreateInput!) {
  quotationCreate(input: $input) { quotation { id number } errors { field code } } }"""
SEND = """mutation($id: ID!) { quotationSend(id: $id) { quotation { id } errors { field code } } }"""
SETTINGS = """mutation($input: SalesSettingsInput!) {
  salesSettingsUpdate(input: $input) { settings { creditPolicy } errors { field code } } }"""


def _tag() -> str:
    return uuid.uuid4().hex[:8].upper()


def _phone() -> str:
    return f"137{uuid.uuid4().int % 10**8:08d}"


def given_stock(api: Api) -> dict[str, Any]:
    """A warehouse with two one-SKU products in stock: a shirt (59, 50 on hand) with a barcode
    and a cup (25.5, 40 on hand)."""
    tag = _tag()
    warehouse = api(WAREHOUSE, {"code": f"O{tag}", "name": f"订单仓{tag}"})["warehouse"]
    barcode = f"69{uuid.uuid4().int % 10**11:011d}"
    shirt = api(
        PRODUCT,
        {
            "input": {
                "code": f"SH{tag}",
                "name": f"下单衬衫{tag}",
                "listPrice": "59",
                "costPrice": "20",
                "skus": [{"specValues": [], "barcode": barcode}],
            }
        },
    )["product"]
    cup = api(
        PRODUCT,
        {"input": {"code": f"CU{tag}", "name": f"下单水杯{tag}", "listPrice": "25.5", "costPrice": "8"}},
    )["product"]
    for product, quantity in ((shirt, "50"), (cup, "40")):
        api(
            STOCK_IN,
            {
                "input": {
                    "warehouseId": warehouse["id"],
                    "direction": "IN",
                    "reason": "OPENING",
                    "lines": [{"skuId": product["skus"][0]["id"], "quantity": quantity, "unitCost": "8"}],
                }
            },
        )
    return {
        "warehouse": warehouse,
        "shirt": shirt["skus"][0] | {"name": shirt["name"]},
        "cup": cup["skus"][0] | {"name": cup["name"]},
        "tag": tag,
    }


def given_customer(api: Api, name: str) -> dict[str, Any]:
    """A customer of the caller's with a primary contact and a default address."""
    return api(
        CUSTOMER,
        {
            "input": {
                "name": name,
                "phone": _phone(),
                "contacts": [{"name": "钱采购", "phone": _phone(), "isPrimary": True}],
                "addresses": [
                    {
                        "receiver": "钱采购",
                        "phone": _phone(),
                        "province": "浙江省",
                        "city": "宁波市",
                        "district": "鄞州区",
                        "detail": "天童路 8 号",
                    }
                ],
            }
        },
    )["customer"]


def given_order(
    rep: Api, customer: dict[str, Any], stock: dict[str, Any], lines: list[tuple[str, str]]
) -> dict[str, Any]:
    """A draft order of `rep` for `customer` from the test warehouse: lines of (sku id, quantity)."""
    return rep(
        ORDER,
        {
            "input": {
                "customerId": customer["id"],
                "warehouseId": stock["warehouse"]["id"],
                "lines": [{"skuId": sku, "quantity": quantity} for sku, quantity in lines],
            }
        },
    )["salesOrder"]


def reserved(read_db, world, sku_id: str, warehouse_id: str) -> Decimal:
    return read_db(
        world.alpha, lambda: StockLevel.objects.get(sku_id=sku_id, warehouse_id=warehouse_id).reserved
    )


def test_a_rep_enters_an_order_a_reviewer_approves_it_and_finance_records_the_payment(
    shell, world, live_server, read_db
):
    # Given stock of two products and one of the rep's customers
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep_api = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep_api, f"宁波下单测试{stock['tag']}贸易")
    shirt, cup = stock["shirt"], stock["cup"]

    # When the rep opens 订单 on a phone and starts a new order
    app = shell(as_user="sales", viewport=PHONE, path="/app/orders")
    page = app.page
    page.get_by_role("link", name="新建订单").first.click()
    app.wait_screen("order-new")
    form = page.get_by_role("form", name="新建订单")

    # And finds the customer by name: the contact and default address are filled in
    form.get_by_label("搜索客户").fill(stock["tag"])
    form.locator(f'.customer-result[data-customer-id="{customer["id"]}"]').click()
    expect(form.locator(".order-customer")).to_contain_text(customer["name"])
    expect(form.locator(".order-delivery summary")).to_contain_text("钱采购")
    expect(form.locator(".order-delivery summary")).to_contain_text("浙江省宁波市鄞州区天童路 8 号")

    # And scans the shirt's barcode (a scanner types it and presses Enter) and searches the cup
    search = form.get_by_label("搜索或扫码添加商品")
    search.fill(shirt["barcode"])
    search.press("Enter")
    shirt_line = form.locator(f'.order-line[data-sku-code="{shirt["code"]}"]')
    expect(shirt_line).to_be_visible()
    expect(shirt_line.get_by_label(f"{shirt['code']} 的单价")).to_have_value("59")
    search.fill(cup["name"])
    form.locator(f'.sku-result[data-sku-code="{cup["code"]}"]').click()
    cup_line = form.locator(f'.order-line[data-sku-code="{cup["code"]}"]')
    expect(cup_line.get_by_label(f"{cup['code']} 的单价")).to_have_value("25.5")

    # And steps the cup up to 3 with +
    cup_line.get_by_role("button", name="加 1").click()
    cup_line.get_by_role("button", name="加 1").click()
    expect(cup_line.get_by_label(f"{cup['code']} 的数量")).to_have_value("3")
    expect(cup_line).to_contain_text("小计 ¥76.50")
    form.get_by_label("发货仓库").select_option(label=stock["warehouse"]["name"])
    expect(form.locator(".order-total")).to_have_text("合计 ¥135.50")
    snapshot(app, "phone-order-entry")
    _check_page(app)

    # And submits it for review
    form.get_by_role("button", name="提交审核").click()

    # Then its screen shows it waiting for review, with the timeline
    app.wait_screen("order")
    expect(page.locator('.facts [data-status="pending_review"]')).to_be_visible()
    number = page.locator("h1").inner_text()
    expect(page.locator(".order-timeline")).to_contain_text("草稿 → 待审核")
    saved = read_db(world.alpha, lambda: SalesOrder.objects.get(number=number))
    assert saved.status == "pending_review"
    assert saved.rep_id == world.alpha.users["sales"].pk
    assert saved.ship_city == "宁波市"
    lines = read_db(
        world.alpha, lambda: [(line.sku_id, line.quantity) for line in saved.lines.order_by("line_no")]
    )
    assert lines == [(int(shirt["id"]), Decimal("1")), (int(cup["id"]), Decimal("3"))]
    assert saved.total_amount == Decimal("135.50")
    snapshot(app, "phone-order-submitted")
    _check_page(app)

    # When a manager opens the 待审核 to-do from home and approves the order from its row
    manager = shell(as_user="manager", viewport=PHONE)
    mpage = manager.page
    mpage.locator('[data-todo="sales.pending_review"] a').click()
    manager.wait_screen("orders")
    expect(mpage.get_by_role("radio", name=re.compile("^待审核"))).to_be_checked()
    row = mpage.locator(f'.order-row[data-number="{number}"]')
    expect(row).to_contain_text(customer["name"])
    expect(row).to_contain_text("¥135.50")
    snapshot(manager, "phone-orders-review-queue")
    _check_page(manager)
    row.get_by_role("button", name=f"审核通过 {number}").click()
    dialog = mpage.get_by_role("dialog")
    expect(dialog).to_contain_text(customer["name"])
    dialog.get_by_role("button", name="审核通过").click()

    # Then the order leaves the queue, stock is reserved and it waits to be shipped
    expect(row).to_have_count(0)
    assert read_db(world.alpha, lambda: SalesOrder.objects.get(number=number).status) == "pending_shipment"
    assert reserved(read_db, world, shirt["id"], stock["warehouse"]["id"]) == Decimal("1")
    assert reserved(read_db, world, cup["id"], stock["warehouse"]["id"]) == Decimal("3")
    mpage.get_by_role("radio", name=re.compile("^待发货")).check()
    expect(
        mpage.locator(f'.order-row[data-number="{number}"] [data-status="pending_shipment"]')
    ).to_have_text("待发货")

    # When finance opens the order and records the customer's payment of 100 against it
    finance = shell(as_user="finance", viewport=PHONE, path=f"/app/orders/{saved.pk}")
    fpage = finance.page
    expect(fpage.locator(".order-balance")).to_have_text("¥135.50")
    payment = fpage.get_by_role("link", name="登记收款")
    expect(payment).to_have_attribute(
        "href", f"/app/receipts/new?customerId={customer['id']}&orderId={saved.pk}"
    )
    payment.click()
    finance.wait_screen("receipt-new")
    receipt = fpage.get_by_role("form", name="登记收款")
    allocation = receipt.get_by_label(f"核销到 {number} 的金额")
    expect(allocation).to_have_value(re.compile(r"^135\.50?$"))
    receipt.get_by_label("金额", exact=True).fill("100")
    allocation.fill("100")
    receipt.get_by_role("button", name="登记收款").click()
    finance.wait_screen("receipt")
    finance.open(f"/app/orders/{saved.pk}")

    # Then the order's screen shows the money received and the balance fall
    expect(fpage.locator(".order-received")).to_have_text("¥100.00")
    expect(fpage.locator(".order-balance")).to_have_text("¥35.50")
    printable = fpage.get_by_role("link", name="打印").get_attribute("href")
    assert printable == f"/sales/orders/{saved.pk}/print/"
    status, text = fpage.evaluate(
        "async (url) => { const r = await fetch(url); return [r.status, await r.text()]; }", printable
    )
    assert status == 200 and number in text
    expect(fpage.locator(".order-timeline")).to_contain_text("待审核 → 已审核")
    expect(fpage.locator(".order-timeline")).to_contain_text("已审核 → 待发货")
    snapshot(finance, "phone-order-paid")
    _check_page(finance)


def test_order_again_puts_the_last_order_back(shell, world, live_server, read_db):
    # Given a customer whose last order had 2 shirts and 5 cups at 24
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"回头客{stock['tag']}")
    last = rep(
        ORDER,
        {
            "input": {
                "customerId": customer["id"],
                "warehouseId": stock["warehouse"]["id"],
                "lines": [
                    {"skuId": stock["shirt"]["id"], "quantity": "2"},
                    {"skuId": stock["cup"]["id"], "quantity": "5", "unitPrice": "24"},
                ],
            }
        },
    )["salesOrder"]

    # When the rep starts an order from the customer and taps 再来一单
    app = shell(as_user="sales", viewport=PHONE, path=f"/app/orders/new?customerId={customer['id']}")
    page = app.page
    form = page.get_by_role("form", name="新建订单")
    expect(form.locator(".order-customer")).to_contain_text(customer["name"])
    expect(form.locator(".order-repeat + .hint")).to_contain_text(last["number"])
    form.get_by_role("button", name="再来一单").click()

    # Then both lines are back with their quantities and the price paid last time
    cup_line = form.locator(f'.order-line[data-sku-code="{stock["cup"]["code"]}"]')
    expect(cup_line.get_by_label(f"{stock['cup']['code']} 的数量")).to_have_value("5")
    expect(cup_line.get_by_label(f"{stock['cup']['code']} 的单价")).to_have_value("24")
    expect(form.locator(".order-total")).to_have_text("合计 ¥238.00")
    # And each line says what the customer paid last time, and on which order
    expect(cup_line.locator(".order-line-last")).to_contain_text("上次 ¥24.00/")
    expect(cup_line.locator(".order-line-last")).to_contain_text(last["number"])
    snapshot(app, "phone-order-again")

    # When they save it as a draft, it is a second order with the same lines
    form.get_by_label("发货仓库").select_option(label=stock["warehouse"]["name"])
    form.get_by_role("button", name="保存草稿").click()
    app.wait_screen("order")
    expect(page.locator('.facts [data-status="draft"]')).to_be_visible()
    number = page.locator("h1").inner_text()
    assert number != last["number"]
    lines = read_db(
        world.alpha,
        lambda: [
            (line.sku_id, line.quantity, line.unit_price)
            for line in SalesOrder.objects.get(number=number).lines.order_by("line_no")
        ],
    )
    assert lines == [
        (int(stock["shirt"]["id"]), Decimal("2"), Decimal("59")),
        (int(stock["cup"]["id"]), Decimal("5"), Decimal("24")),
    ]


def test_a_line_error_is_shown_on_its_line_and_nothing_is_saved(shell, world, live_server, read_db):
    # Given an order being entered with two lines
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    customer = given_customer(
        Api(live_server, world.alpha.host, world.alpha.email("sales")), f"错误行{stock['tag']}"
    )
    app = shell(as_user="sales", viewport=PHONE, path=f"/app/orders/new?customerId={customer['id']}")
    page = app.page
    form = page.get_by_role("form", name="新建订单")
    expect(form.locator(".order-customer")).to_contain_text(customer["name"])
    search = form.get_by_label("搜索或扫码添加商品")
    for sku in (stock["shirt"], stock["cup"]):
        search.fill(sku["code"])
        search.press("Enter")
        expect(form.locator(f'.order-line[data-sku-code="{sku["code"]}"]')).to_be_visible()

    # When the cup's quantity is typed as 0 and the draft saved
    cup_line = form.locator(f'.order-line[data-sku-code="{stock["cup"]["code"]}"]')
    cup_line.get_by_label(f"{stock['cup']['code']} 的数量").fill("0")
    form.get_by_role("button", name="保存草稿").click()

    # Then the server's error shows under that line's quantity, not under the shirt's
    error = cup_line.locator('[data-field="lines.1.quantity"] .field-error')
    expect(error).to_be_visible()
    expect(error).to_contain_text("数量")
    expect(cup_line.get_by_label(f"{stock['cup']['code']} 的数量")).to_have_attribute("aria-invalid", "true")
    shirt_line = form.locator(f'.order-line[data-sku-code="{stock["shirt"]["code"]}"]')
    expect(shirt_line.locator(".field-error:visible")).to_have_count(0)
    assert app.screen() == "order-new"
    assert read_db(world.alpha, lambda: SalesOrder.objects.filter(customer_id=customer["id"]).count()) == 0
    snapshot(app, "phone-order-line-error")

    # When it is corrected to 2, the same form saves the order
    cup_line.get_by_label(f"{stock['cup']['code']} 的数量").fill("2")
    form.get_by_role("button", name="保存草稿").click()
    app.wait_screen("order")
    assert read_db(world.alpha, lambda: SalesOrder.objects.filter(customer_id=customer["id"]).count()) == 1


def test_cancelling_with_a_reason_releases_the_reservation(shell, world, live_server, read_db):
    # Given an approved order of the rep's with 4 cups reserved
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"取消测试{stock['tag']}")
    order = given_order(rep, customer, stock, [(stock["cup"]["id"], "4")])
    rep(SUBMIT, {"id": order["id"]})
    Api(live_server, world.alpha.host, world.alpha.email("manager"))(APPROVE, {"id": order["id"]})
    assert reserved(read_db, world, stock["cup"]["id"], stock["warehouse"]["id"]) == Decimal("4")

    # When the rep cancels it without a reason, the dialog asks for one
    app = shell(as_user="sales", viewport=PHONE, path=f"/app/orders/{order['id']}")
    page = app.page
    expect(page.locator('.facts [data-status="pending_shipment"]')).to_be_visible()
    page.get_by_role("button", name="取消订单").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="取消订单").click()
    expect(dialog.locator(".field-error")).to_have_text("请填写原因。")
    snapshot(app, "phone-order-cancel-dialog")
    _check_page(app)

    # When they give the reason and confirm
    dialog.get_by_label("取消原因").fill("客户改买别的型号")
    dialog.get_by_role("button", name="取消订单").click()

    # Then the order is cancelled with the reason, and the stock is free again
    expect(page.locator('.facts [data-status="cancelled"]')).to_be_visible()
    expect(page.locator(".order-timeline")).to_contain_text("待发货 → 已取消")
    expect(page.locator(".order-timeline")).to_contain_text("客户改买别的型号")
    expect(page.get_by_role("button", name="取消订单")).to_have_count(0)
    saved = read_db(world.alpha, lambda: SalesOrder.objects.get(pk=order["id"]))
    assert (saved.status, saved.cancel_reason) == ("cancelled", "客户改买别的型号")
    assert reserved(read_db, world, stock["cup"]["id"], stock["warehouse"]["id"]) == Decimal("0")


def test_the_warehouse_sees_orders_to_ship_without_prices(shell, world, live_server):
    # Given an approved order waiting to be shipped
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"发货测试{stock['tag']}")
    order = given_order(rep, customer, stock, [(stock["shirt"]["id"], "2"), (stock["cup"]["id"], "1")])
    rep(SUBMIT, {"id": order["id"]})
    Api(live_server, world.alpha.host, world.alpha.email("manager"))(APPROVE, {"id": order["id"]})

    # When the warehouse opens 订单 from the list under 更多
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/more")
    page = app.page
    page.locator(".link-list").get_by_role("link", name="订单").click()
    app.wait_screen("orders")

    # Then the 待发货 queue is open, without the review queues, and its rows carry no money
    expect(page.get_by_role("radio", name=re.compile("^待发货"))).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile("^待审核"))).to_have_count(0)
    row = page.locator(f'.order-row[data-number="{order["number"]}"]')
    expect(row).to_contain_text(customer["name"])
    expect(row.locator(".order-row-total")).to_have_count(0)
    expect(row).not_to_contain_text("¥")
    snapshot(app, "phone-orders-warehouse")

    # And the order's screen lists quantities and reservations but no prices or payments
    row.get_by_role("link", name=order["number"]).click()
    app.wait_screen("order")
    line = page.locator(f'.order-detail-line[data-sku-code="{stock["shirt"]["code"]}"]')
    expect(line).to_contain_text("2 件")
    expect(line).to_contain_text("已预占 2 件")
    expect(page.locator("main")).not_to_contain_text("¥")
    expect(page.get_by_role("heading", name="金额与收款")).to_have_count(0)
    expect(page.get_by_role("button", name="取消订单")).to_have_count(0)
    expect(page.locator("#view").get_by_role("link", name="发货", exact=True)).to_have_attribute(
        "href", f"/app/shipping/orders/{order['id']}"
    )
    _check_page(app)


def test_a_rep_does_not_see_a_colleagues_orders(shell, world, live_server):
    # Given an order the manager wrote for a customer of their own
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    manager = Api(live_server, world.alpha.host, world.alpha.email("manager"))
    customer = given_customer(manager, f"经理客户{stock['tag']}")
    theirs = given_order(manager, customer, stock, [(stock["cup"]["id"], "1")])
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    mine_customer = given_customer(rep, f"我的客户{stock['tag']}")
    mine = given_order(rep, mine_customer, stock, [(stock["cup"]["id"], "1")])

    # When the rep searches all their orders for the tag both customers carry
    app = shell(as_user="sales", viewport=PHONE, path="/app/orders?queue=all")
    page = app.page
    page.get_by_label("搜索订单").fill(stock["tag"])

    # Then only their own order is listed
    expect(page.locator(f'.order-row[data-number="{mine["number"]}"]')).to_be_visible()
    expect(page.locator(".order-row")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="共")).to_have_text("共 1 张订单")
    _check_page(app)

    # And the colleague's order opens as not found
    app.open(f"/app/orders/{theirs['id']}")
    expect(page.get_by_text("找不到这张订单")).to_be_visible()
    expect(page.locator(".order-detail-line")).to_have_count(0)


def test_changing_an_approved_order_makes_a_revision(shell, world, live_server, read_db):
    # Given an approved order of 4 cups
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"修订测试{stock['tag']}")
    order = given_order(rep, customer, stock, [(stock["cup"]["id"], "4")])
    rep(SUBMIT, {"id": order["id"]})
    Api(live_server, world.alpha.host, world.alpha.email("manager"))(APPROVE, {"id": order["id"]})

    # When the rep opens it to change it, the form says a revision will be recorded
    app = shell(as_user="sales", viewport=PHONE, path=f"/app/orders/{order['id']}")
    page = app.page
    page.get_by_role("link", name="修改订单").click()
    app.wait_screen("order-edit")
    form = page.get_by_role("form", name="编辑订单")
    expect(form.locator(".order-revision-notice")).to_contain_text("第 1 次修订")
    cup_line = form.locator(f'.order-line[data-sku-code="{stock["cup"]["code"]}"]')
    expect(cup_line.get_by_label(f"{stock['cup']['code']} 的数量")).to_have_value("4")
    _check_page(app)

    # And they step the cup up to 5 and save with a reason
    cup_line.get_by_role("button", name="加 1").click()
    form.get_by_label("修改原因").fill("客户追加一个")
    snapshot(app, "phone-order-revise")
    form.get_by_role("button", name="保存修改").click()

    # Then the order shows revision 1 with what changed, and 5 cups are reserved
    app.wait_screen("order")
    revision = page.locator('.order-revisions [data-revision="1"]')
    expect(revision).to_contain_text("第 1 次修订")
    expect(revision).to_contain_text("客户追加一个")
    expect(revision).to_contain_text("第 1 行 数量：4 → 5")
    assert read_db(world.alpha, lambda: SalesOrder.objects.get(pk=order["id"]).revision) == 1
    assert reserved(read_db, world, stock["cup"]["id"], stock["warehouse"]["id"]) == Decimal("5")


def test_a_sent_quotation_becomes_a_draft_order(shell, world, live_server, read_db):
    # Given a quotation of 6 cups at 22 that was sent to the customer
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"报价客户{stock['tag']}")
    quote = rep(
        QUOTE,
        {
            "input": {
                "customerId": customer["id"],
                "lines": [{"skuId": stock["cup"]["id"], "quantity": "6", "unitPrice": "22"}],
            }
        },
    )["quotation"]
    rep(SEND, {"id": quote["id"]})

    # When the rep finds it in 报价单 and converts it, shipping from the test warehouse
    app = shell(as_user="sales", viewport=PHONE, path="/app/orders")
    page = app.page
    page.get_by_role("link", name="报价单").click()
    app.wait_screen("quotations")
    page.locator(f'.quotation-row[data-number="{quote["number"]}"]').click()
    app.wait_screen("quotation")
    expect(page.locator('[data-status="sent"]')).to_have_text("已发送")
    expect(page.locator(".item-list")).to_contain_text("¥132.00")
    _check_page(app)
    page.get_by_role("button", name="转为订单").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("发货仓库").select_option(label=stock["warehouse"]["name"])
    dialog.get_by_role("button", name="转为订单").click()

    # Then a draft order with the quoted line opens, and the quotation is converted
    app.wait_screen("order")
    expect(page.locator('.facts [data-status="draft"]')).to_be_visible()
    expect(page.locator(f'.order-detail-line[data-sku-code="{stock["cup"]["code"]}"]')).to_contain_text(
        "¥132.00"
    )
    number = page.locator("h1").inner_text()
    order = read_db(world.alpha, lambda: SalesOrder.objects.select_related("quotation").get(number=number))
    assert order.quotation.number == quote["number"]
    assert order.quotation.status == "converted"
    assert order.warehouse_id == int(stock["warehouse"]["id"])


def test_an_order_over_the_credit_limit_is_flagged_in_the_review_queue(shell, world, live_server, read_db):
    # Given a workspace that holds orders over the credit limit for a manager, and a customer
    # of the rep's with a limit of 100
    owner = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    stock = given_stock(owner)
    owner(SETTINGS, {"input": {"creditPolicy": "APPROVAL"}})
    try:
        manager = Api(live_server, world.alpha.host, world.alpha.email("manager"))
        customer = manager(
            CUSTOMER,
            {
                "input": {
                    "name": f"额度客户{stock['tag']}",
                    "phone": _phone(),
                    "creditLimit": "100",
                    "ownerId": str(world.alpha.users["sales"].pk),
                }
            },
        )["customer"]
        rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
        order = given_order(rep, customer, stock, [(stock["shirt"]["id"], "3")])  # 177.00
        rep(SUBMIT, {"id": order["id"]})

        # When the manager opens the 待审核 queue
        app = shell(as_user="manager", viewport=PHONE, path="/app/orders?queue=pending_review")
        page = app.page
        row = page.locator(f'.order-row[data-number="{order["number"]}"]')

        # Then the order is flagged, and approving it says what it means
        expect(row.locator('[data-flag="credit-hold"]')).to_have_text("超信用额度")
        row.get_by_role("button", name=f"审核通过 {order['number']}").click()
        page.get_by_role("dialog").get_by_role("button", name="审核通过").click()
        expect(row).to_have_count(0)
        assert (
            read_db(world.alpha, lambda: SalesOrder.objects.get(pk=order["id"]).status) == "pending_shipment"
        )
    finally:
        owner(SETTINGS, {"input": {"creditPolicy": "OFF"}})
