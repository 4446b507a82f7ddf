"""Carriers and tracking-number corrections for the warehouse: a carrier of the workspace's own is
added with a pattern tried on sample numbers first (a pattern that could backtrack for ever is
refused on its field), its numbers are then suggested on the ship form, a shipped shipment's
tracking number is corrected, and the carrier is switched off; built-in carriers offer only the
phone to edit; the screens are named, contrasted and fit a small phone."""

from __future__ import annotations

import itertools
import uuid

import pytest
from playwright.sync_api import expect

from saas.shipping.models import Carrier, Shipment
from tests.browser.driver import DESKTOP, PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.browser.test_shipping_screens import given_orders, order_state

pytestmark = pytest.mark.live

PATTERN = r"^TC\d{10}$"
_serial = itertools.count(1)


def tc_number() -> str:
    """A fresh number of the new carrier (TC + 10 digits), unique in this run."""
    return f"TC{uuid.uuid4().int % 10**6:06d}{next(_serial):04d}"


def test_a_new_carrier_is_suggested_when_shipping_and_a_tracking_number_is_corrected(shell, world, read_db):
    code = f"TC{uuid.uuid4().hex[:6].upper()}"

    # Given the warehouse on the carriers screen, reached from the shipping screen's links
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/shipping")
    page = app.page
    page.get_by_role("navigation", name="发货功能").get_by_role("link", name="快递公司").click()
    app.wait_screen("shipping-carriers")
    expect(page.locator('.carrier-card[data-carrier-code="SF"]')).to_contain_text("内置")
    create = page.locator(".carrier-create-card")
    if create.get_attribute("open") is None:
        create.locator("summary").click()
    form = page.get_by_role("form", name="添加快递公司")

    # When a carrier is added with a pattern whose group repeats
    form.get_by_label("编码", exact=True).fill(code)
    form.get_by_label("中文名称", exact=True).fill("同城快送")
    form.get_by_label("单号规则", exact=True).fill("(a+)+$")
    verdict = form.locator(".pattern-verdict")

    # (trying it on a number that makes it backtrack: the check gives up and the page lives on)
    form.get_by_label("测试单号", exact=True).fill("A" * 32 + "!")
    expect(verdict).to_have_attribute("data-state", "timeout")
    form.get_by_role("button", name="添加", exact=True).click()

    # Then the server refuses it on the pattern's field, in Chinese, and nothing is saved
    error = form.locator('[data-field="trackingPattern"] .field-error')
    expect(error).to_have_text("规则只能重复单个字符或字符类（如 ^ABC\\d{12}$），括号组不能重复。")
    expect(form.get_by_label("单号规则", exact=True)).to_have_attribute("aria-invalid", "true")
    assert read_db(world.alpha, lambda: Carrier.objects.filter(code=code).exists()) is False

    # When the pattern is corrected, and sample numbers tried against it
    form.get_by_label("单号规则", exact=True).fill(PATTERN)
    form.get_by_label("测试单号", exact=True).fill("tc 1234-567890")
    expect(verdict).to_have_text("✓ TC1234567890 符合规则")
    expect(verdict).to_have_attribute("data-state", "match")
    form.get_by_label("测试单号", exact=True).fill("TC12345")
    expect(verdict).to_have_text("✗ TC12345 不符合规则")
    snapshot(app, "phone-shipping-carriers-new")
    _check_page(app)
    form.get_by_role("button", name="添加", exact=True).click()

    # Then it is saved as the workspace's own carrier and listed with its pattern
    expect(page.locator(".toast", has_text="已添加 同城快送。")).to_be_visible()
    card = page.locator(f'.carrier-card[data-carrier-code="{code}"]')
    expect(card).to_contain_text("自定义")
    expect(card.locator("code")).to_have_text(PATTERN)
    saved = read_db(
        world.alpha,
        lambda: (
            Carrier.objects.filter(code=code)
            .values_list("name_zh", "name_en", "tracking_pattern", "is_builtin", "is_active")
            .get()
        ),
    )
    assert saved == ("同城快送", "同城快送", PATTERN, False, True)

    # When an order is shipped with a number of the new carrier, typed key by key
    goods = given_orders(read_db, world, 1, [("cup", "1")])
    order = goods.orders[0]
    app.open(f"/app/shipping/orders/{order.pk}")
    ship = page.get_by_role("form", name=f"{order.number} 发货")
    first = tc_number()
    ship.get_by_label("快递单号", exact=True).press_sequentially(first, delay=15)

    # Then the new carrier is suggested as certain and chosen
    suggestion = ship.locator(f'.carrier-candidates button[data-carrier-code="{code}"]')
    expect(suggestion).to_have_attribute("aria-pressed", "true")
    expect(suggestion).to_contain_text("同城快送 · 确定")
    expect(ship.locator(".carrier-status")).to_have_text("识别为 同城快送")
    ship.get_by_role("button", name="发货", exact=True).click()
    result = page.locator(".shipment-result")
    expect(result).to_contain_text("同城快送")
    expect(result).to_contain_text(first)
    assert order_state(read_db, world, order) == ("pending_signback", [("shipped", code, first)])
    shipment_number = read_db(world.alpha, lambda: Shipment.objects.get(order_id=order.pk).number)

    # When its tracking number is corrected from the result, first with a character no number has
    result.get_by_role("button", name=f"修改运单号 {shipment_number}").click()
    dialog = page.get_by_role("dialog", name=f"修改运单号 · {shipment_number}")
    expect(dialog).to_contain_text(first)
    new_number = dialog.get_by_label("新运单号", exact=True)
    expect(new_number).to_be_focused()
    new_number.fill("TC12345678!0")
    dialog.get_by_role("button", name="保存运单号").click()
    expect(dialog.locator('[data-field="trackingNumber"] .field-error')).to_have_text(
        "快递单号最多 40 位字母和数字。"
    )
    expect(new_number).to_have_attribute("aria-invalid", "true")

    # and then with the right number
    corrected = tc_number()
    new_number.fill("")
    new_number.press_sequentially(corrected, delay=10)
    expect(dialog.locator(".carrier-status")).to_have_text("识别为 同城快送")
    snapshot(app, "phone-shipping-tracking-fix")
    _check_page(app)
    dialog.get_by_role("button", name="保存运单号").click()

    # Then the shipment has the new number, the result shows it, and the order's list too
    expect(dialog).to_have_count(0)
    expect(page.locator(".toast", has_text=f"{shipment_number} 的运单号已改为 {corrected}。")).to_be_visible()
    expect(result).to_contain_text(corrected)
    expect(page.locator(f'.item-row[data-shipment="{shipment_number}"]')).to_contain_text(corrected)
    assert order_state(read_db, world, order) == ("pending_signback", [("shipped", code, corrected)])

    # And a second correction from the order's list of shipments keeps both views in step
    row = page.locator(f'.item-row[data-shipment="{shipment_number}"]')
    row.get_by_role("button", name=f"修改运单号 {shipment_number}").click()
    again = tc_number()
    dialog.get_by_label("新运单号", exact=True).fill(again)
    expect(dialog.locator(".carrier-status")).to_have_text("识别为 同城快送")
    dialog.get_by_role("button", name="保存运单号").click()
    expect(dialog).to_have_count(0)
    expect(row).to_contain_text(again)
    expect(result).to_contain_text(again)
    expect(row.get_by_role("button", name=f"修改运单号 {shipment_number}")).to_be_focused()
    assert order_state(read_db, world, order) == ("pending_signback", [("shipped", code, again)])

    # When the carrier is switched off on the carriers screen
    app.open("/app/shipping/carriers")
    page.get_by_role("button", name="停用 同城快送").click()

    # Then it is off, and the keyboard stays on its switch, which now switches it on
    expect(page.locator(".toast", has_text="已停用 同城快送")).to_be_visible()
    expect(page.get_by_role("button", name="启用 同城快送")).to_be_focused()
    expect(page.locator(f'.carrier-card[data-carrier-code="{code}"]')).to_contain_text("已停用")
    assert read_db(world.alpha, lambda: Carrier.objects.get(code=code).is_active) is False


def test_a_built_in_carrier_offers_only_its_phone_and_the_screen_is_accessible(shell, world, read_db):
    app = shell(as_user="warehouse", viewport=DESKTOP, path="/app/shipping/carriers")
    page = app.page
    card = page.locator('.carrier-card[data-carrier-code="SF"]')
    card.get_by_text("修改客服电话").click()
    form = card.get_by_role("form", name="编辑 顺丰速运")
    expect(form.get_by_label("客服电话")).to_be_visible()
    expect(form.get_by_label("单号规则", exact=True)).to_have_count(0)
    expect(form.get_by_label("中文名称", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="停用 顺丰速运")).to_be_visible()
    expect(page.get_by_role("link", name="快递公司")).to_have_attribute("aria-current", "page")
    snapshot(app, "desktop-shipping-carriers")
    _check_page(app)

    # And the phone saves
    phone = read_db(world.alpha, lambda: Carrier.objects.get(code="SF").phone)
    form.get_by_label("客服电话").fill("95338")
    form.get_by_role("button", name="保存", exact=True).click()
    expect(page.locator(".toast", has_text="已保存 顺丰速运。")).to_be_visible()
    assert read_db(world.alpha, lambda: Carrier.objects.get(code="SF").phone) == "95338"
    read_db(world.alpha, lambda: Carrier.objects.filter(code="SF").update(phone=phone))


def test_the_carriers_screen_fits_the_smallest_phone(shell):
    app = shell(as_user="warehouse", viewport={"width": 360, "height": 740}, path="/app/shipping/carriers")
    expect(app.page.locator(".carrier-card").first).to_be_visible()
    create = app.page.locator(".carrier-create-card")
    if create.get_attribute("open") is None:
        create.locator("summary").click()
    expect(app.page.get_by_role("form", name="添加快递公司")).to_be_visible()
    width = app.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the carriers screen is {width}px wide"
    app.page.evaluate("window.scrollTo(0, 0)")
    snapshot(app, "phone-shipping-carriers")
