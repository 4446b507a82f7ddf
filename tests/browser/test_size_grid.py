"""The order entry's size grid (issue 17, item 2): a 颜色 × 尺码 product entered in one table on
a desktop, a column of quantities pasted from Excel filling down, a cell typed by hand, and the
lines that result (the grid again shows them, a second confirm replaces them)."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from saas.sales.models import SalesOrder
from tests.browser.chat_helpers import pasted_order_world
from tests.browser.driver import DESKTOP, snapshot
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live

PASTE_JS = """([selector, text]) => {
  const target = document.querySelector(selector);
  const data = new DataTransfer();
  data.setData('text/plain', text);
  target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def test_a_colour_by_size_order_is_entered_in_one_grid(shell, world, read_db):
    tag = uuid.uuid4().hex[:6].upper()
    made = read_db(world.alpha, lambda: pasted_order_world(tag))
    shirt = f"TS{tag}"

    # Given the order entry for the customer, with one shirt picked by its code
    app = shell(as_user="sales", viewport=DESKTOP, path=f"/app/orders/new?customerId={made['customer']}")
    page = app.page
    form = page.get_by_role("form", name="新建订单")
    expect(form.locator(".order-customer")).to_contain_text(made["customer_name"])
    search = form.get_by_label("搜索或扫码添加商品")
    search.fill(f"{shirt}-WH-L")
    form.locator(f'.sku-result[data-sku-code="{shirt}-WH-L"]').click()
    expect(form.locator(".order-line")).to_have_count(1)

    # When the rep opens the shirt's size grid: colours as rows, sizes as columns, the line in it
    form.get_by_role("button", name=f"按尺码表录入：麻雀{tag}纯棉T恤").click()
    dialog = page.locator("dialog.size-grid-dialog")
    expect(dialog.locator("tbody th")).to_have_text(["白色", "黑色"])
    expect(dialog.locator("thead th").nth(1)).to_have_text("M")
    expect(dialog.get_by_label("白色 / L 的数量")).to_have_value("1")
    # And pastes a column of two quantities from Excel into 白色 / M: it fills down to 黑色 / M
    page.evaluate(PASTE_JS, [f'.size-grid-input[data-sku-code="{shirt}-WH-M"]', "10\r\n5\r\n"])
    expect(dialog.get_by_label("白色 / M 的数量")).to_have_value("10")
    expect(dialog.get_by_label("黑色 / M 的数量")).to_have_value("5")
    dialog.get_by_label("黑色 / L 的数量").fill("3")
    expect(dialog.locator(".size-grid-total")).to_have_text("合计 19 件")
    _check_page(app)
    snapshot(app, "desktop-size-grid")
    # A quantity that is no number is refused on its cell
    dialog.get_by_label("白色 / L 的数量").fill("两")
    dialog.get_by_role("button", name="确定").click()
    expect(dialog.locator(".field-error")).to_have_text("白色 / L 的数量不对，请填写数字。")
    dialog.get_by_label("白色 / L 的数量").fill("1")
    dialog.get_by_role("button", name="确定").click()

    # Then the order has a line per filled cell, at the list price
    expect(dialog).to_have_count(0)
    quantities = {
        code: form.locator(f'.order-line[data-sku-code="{code}"]').get_by_label(f"{code} 的数量")
        for code in (f"{shirt}-WH-M", f"{shirt}-BK-M", f"{shirt}-WH-L", f"{shirt}-BK-L")
    }
    for code, wanted in zip(quantities, ("10", "5", "1", "3"), strict=True):
        expect(quantities[code]).to_have_value(wanted)
    expect(form.locator(".order-total")).to_have_text("合计 ¥741.00")  # 19 × 39
    form.get_by_label("发货仓库").select_option(label=made["warehouse"])
    form.get_by_role("button", name="保存草稿").click()
    app.wait_screen("order")
    expect(page.locator(".facts [data-status]")).to_be_visible()
    number = page.locator("h1").inner_text()
    lines = read_db(
        world.alpha,
        lambda: sorted(
            (line.sku.code, format(line.quantity.normalize(), "f"))
            for line in SalesOrder.objects.get(number=number).lines.all()
        ),
    )
    assert lines == sorted(
        [(f"{shirt}-WH-M", "10"), (f"{shirt}-BK-M", "5"), (f"{shirt}-WH-L", "1"), (f"{shirt}-BK-L", "3")]
    )
