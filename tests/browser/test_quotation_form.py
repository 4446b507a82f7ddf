"""Writing quotations on a phone: a rep makes one with two lines (a scanned and a searched SKU,
a stepper, a discount), valid for 15 days by default; a line's error lands on that line and
nothing is saved; the draft is edited from its screen, sent, and converted into a draft order."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saas.sales.models import Quotation, SalesOrder
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import given_customer, given_stock

pytestmark = pytest.mark.live


def _quotations_of(read_db, world, customer_id: str) -> list[Quotation]:
    return read_db(world.alpha, lambda: list(Quotation.objects.filter(customer_id=customer_id)))


def _lines(read_db, world, number: str) -> list[tuple[int, Decimal, Decimal, Decimal]]:
    return read_db(
        world.alpha,
        lambda: [
            (line.sku_id, line.quantity, line.unit_price, line.discount_rate)
            for line in Quotation.objects.get(number=number).lines.order_by("line_no")
        ],
    )


def test_a_rep_writes_edits_sends_and_converts_a_quotation(shell, world, live_server, read_db):
    # Given stock of two products and one of the rep's customers
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"报价录入{stock['tag']}商贸")
    shirt, cup = stock["shirt"], stock["cup"]

    # When the rep opens 报价单 on a phone and starts a new quotation
    app = shell(as_user="sales", viewport=PHONE, path="/app/quotations")
    page = app.page
    page.get_by_role("link", name="新建报价").click()
    app.wait_screen("quotation-new")
    form = page.get_by_role("form", name="新建报价")

    # And picks the customer, scans the shirt's barcode and searches the cup
    form.get_by_label("搜索客户").fill(stock["tag"])
    form.locator(f'.customer-result[data-customer-id="{customer["id"]}"]').click()
    expect(form.locator(".order-customer")).to_contain_text(customer["name"])
    search = form.get_by_label("搜索或扫码添加商品")
    search.fill(shirt["barcode"])
    search.press("Enter")
    shirt_line = form.locator(f'.order-line[data-sku-code="{shirt["code"]}"]')
    expect(shirt_line.get_by_label(f"{shirt['code']} 的单价")).to_have_value("59")
    search.fill(cup["name"])
    form.locator(f'.sku-result[data-sku-code="{cup["code"]}"]').click()
    cup_line = form.locator(f'.order-line[data-sku-code="{cup["code"]}"]')
    expect(cup_line.get_by_label(f"{cup['code']} 的单价")).to_have_value("25.5")

    # And steps the cup up to 3, gives 10 % off the shirt and adds a remark
    cup_line.get_by_role("button", name="加 1").click()
    cup_line.get_by_role("button", name="加 1").click()
    expect(cup_line.get_by_label(f"{cup['code']} 的数量")).to_have_value("3")
    shirt_line.get_by_label(f"{shirt['code']} 的折扣 %").fill("10")
    expect(shirt_line).to_contain_text("小计 ¥53.10")
    expect(form.locator(".order-total")).to_have_text("合计 ¥129.60")
    expect(form.get_by_label("有效期至")).not_to_have_value("")
    form.get_by_label("备注", exact=True).fill("含运费，月底前发货")
    snapshot(app, "phone-quotation-entry")
    _check_page(app)

    # And first types a discount of 150 % on the cup and saves
    cup_discount = cup_line.get_by_label(f"{cup['code']} 的折扣 %")
    cup_discount.fill("150")
    form.get_by_role("button", name="保存草稿").click()

    # Then the server's error shows under the cup's discount, and nothing is saved
    error = cup_line.locator('[data-field="lines.1.discountRate"] .field-error')
    expect(error).to_be_visible()
    expect(cup_discount).to_have_attribute("aria-invalid", "true")
    expect(shirt_line.locator(".field-error:visible")).to_have_count(0)
    assert app.screen() == "quotation-new"
    assert _quotations_of(read_db, world, customer["id"]) == []

    # When the discount is cleared and the draft saved
    cup_discount.fill("")
    form.get_by_role("button", name="保存草稿").click()

    # Then the quotation's screen opens, and one draft with both lines was written, valid 15 days
    app.wait_screen("quotation")
    expect(page.locator('.facts [data-status="draft"]')).to_be_visible()
    number = page.locator("h1").inner_text()
    [saved] = _quotations_of(read_db, world, customer["id"])
    assert saved.number == number
    assert saved.status == "draft"
    assert saved.rep_id == world.alpha.users["sales"].pk
    assert saved.total_amount == Decimal("129.60")
    assert saved.valid_until == saved.quote_date + timedelta(days=15)
    assert saved.remarks == "含运费，月底前发货"
    assert _lines(read_db, world, number) == [
        (int(shirt["id"]), Decimal("1"), Decimal("59"), Decimal("10")),
        (int(cup["id"]), Decimal("3"), Decimal("25.5"), Decimal("0")),
    ]

    # When the rep edits the draft: one more cup
    page.get_by_role("link", name="编辑").click()
    app.wait_screen("quotation-edit")
    form = page.get_by_role("form", name="编辑报价单")
    cup_line = form.locator(f'.order-line[data-sku-code="{cup["code"]}"]')
    expect(cup_line.get_by_label(f"{cup['code']} 的数量")).to_have_value("3")
    expect(form.get_by_label("备注", exact=True)).to_have_value("含运费，月底前发货")
    cup_line.get_by_role("button", name="加 1").click()
    expect(form.locator(".order-total")).to_have_text("合计 ¥155.10")
    _check_page(app)
    form.get_by_role("button", name="保存修改").click()

    # Then the same quotation holds 4 cups and the new total
    app.wait_screen("quotation")
    expect(page.locator("h1")).to_have_text(number)
    saved = read_db(world.alpha, lambda: Quotation.objects.get(number=number))
    assert saved.total_amount == Decimal("155.10")
    assert _lines(read_db, world, number)[1][:2] == (int(cup["id"]), Decimal("4"))
    assert len(_quotations_of(read_db, world, customer["id"])) == 1

    # When it is sent, it can no longer be edited
    page.get_by_role("button", name="标记为已发送").click()
    expect(page.locator('.facts [data-status="sent"]')).to_be_visible()
    expect(page.get_by_role("link", name="编辑")).to_have_count(0)
    assert read_db(world.alpha, lambda: Quotation.objects.get(number=number).status) == "sent"

    # And converting it, shipping from the test warehouse, makes a draft order
    page.get_by_role("button", name="转为订单").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("发货仓库").select_option(label=stock["warehouse"]["name"])
    dialog.get_by_role("button", name="转为订单").click()
    app.wait_screen("order")
    expect(page.locator('.facts [data-status="draft"]')).to_be_visible()
    order_number = page.locator("h1").inner_text()
    order = read_db(
        world.alpha, lambda: SalesOrder.objects.select_related("quotation").get(number=order_number)
    )
    assert order.status == "draft"
    assert order.quotation.number == number
    assert order.quotation.status == "converted"
    assert order.total_amount == Decimal("155.10")


def test_a_sent_quotation_cannot_be_edited(shell, world, live_server):
    # Given a quotation the rep already sent
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"已发报价{stock['tag']}")
    quote = rep(
        """mutation($input: QuotationCreateInput!) {
          quotationCreate(input: $input) { quotation { id number } errors { field code } } }""",
        {"input": {"customerId": customer["id"], "lines": [{"skuId": stock["cup"]["id"], "quantity": "2"}]}},
    )["quotation"]
    rep(
        "mutation($id: ID!) { quotationSend(id: $id) { quotation { id } errors { code } } }",
        {"id": quote["id"]},
    )

    # When its edit address is opened
    app = shell(as_user="sales", viewport=PHONE, path=f"/app/quotations/{quote['id']}/edit")
    app.wait_screen("quotation-edit")

    # Then the screen says only drafts change, and links back to the quotation
    expect(app.page.get_by_text(f"报价单 {quote['number']} 已发出或已结束")).to_be_visible()
    expect(app.page.get_by_role("form")).to_have_count(0)
    app.page.get_by_role("link", name="查看报价单").click()
    app.wait_screen("quotation")
