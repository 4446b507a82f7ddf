"""The distributor's portal on a phone, beyond ordering by hand: a cart imported from a sheet — one
with a bad row adds nothing and names the row, a good one adds its lines priced at once and a
second one adds to their quantities — and an order followed to delivery, its package's carrier
and tracking number shown once it has shipped, waiting for sign-back."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales.models import SalesOrder
from saas.sales.services import order_approve
from saas.shipping.services import shipment_create
from tests.browser.driver import PHONE, snapshot
from tests.browser.field_helpers import on_screen
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live


@pytest.fixture
def network(world, read_db) -> Iterator[dict[str, Any]]:
    tag = uuid.uuid4().hex[:8].upper()
    made = read_db(world.alpha, lambda: portal_network(tag, with_order=True))
    yield made
    read_db(world.alpha, portal_release)


def test_a_cart_sheet_with_a_bad_row_adds_nothing_then_a_good_one_adds_its_lines(
    shell, world, network, tmp_path
):
    code = network["sku_code"]
    app = shell(as_user="distributor", viewport=PHONE, enforce_csp=True, path="/app/portal/cart")
    page = app.page
    on_screen(app, "portal-cart")
    expect(page.locator("#view")).to_contain_text("购物车是空的")
    panel = page.locator("details.portal-import")
    expect(panel).to_have_attribute("open", "")  # an empty cart offers the import straight away
    form = panel.locator("form.portal-cart-import")

    # When the distributor imports a sheet whose third row names no SKU it may order
    sheet = tmp_path / "购物车.csv"
    sheet.write_text(f"SKU编码,数量\n{code},3\nNOPE-{network['sku'] * 7},1\n", encoding="utf-8")
    form.get_by_label("表格文件").set_input_files(str(sheet))
    # The refusal is a 400 answer, which the browser logs as a failed resource.
    app.allow_error(r"status of 400 \(Bad Request\) \(http://[^ ]*/distribution/cart/import/\)")
    form.get_by_role("button", name="导入").click()

    # Then the row is named with its reason, and the cart is still empty
    problems = form.locator(".portal-upload-problems")
    expect(problems).to_contain_text("第 3 行：商品编码或条码不存在，或您的级别不可订购。")
    expect(problems).not_to_contain_text("第 2 行")
    expect(page.locator("#view")).to_contain_text("购物车是空的")
    expect(page.locator("li.portal-cart-line")).to_have_count(0)
    _check_page(app)

    # When it imports the corrected sheet: the line comes in at its tier price, priced at once
    sheet.write_text(f"SKU编码,数量\n{code},3\n", encoding="utf-8")
    form.get_by_label("表格文件").set_input_files(str(sheet))
    form.get_by_role("button", name="导入").click()
    expect(page.locator(".toast")).to_contain_text("已导入 1 行")
    line = page.locator(f'li.portal-cart-line[data-sku-code="{code}"]')
    expect(line.get_by_test_id("portal-price")).to_have_text("¥53.10")
    expect(line.get_by_label(f"{network['product']} 的数量")).to_have_value("3")
    expect(page.get_by_test_id("cart-total")).to_have_text("合计 ¥159.30")
    expect(problems).to_be_hidden()

    # And a second sheet of the same SKU (by its code in lower case) adds to the quantity
    sheet.write_text(f"{code.lower()},2\n", encoding="utf-8")
    form.get_by_label("表格文件").set_input_files(str(sheet))
    form.get_by_role("button", name="导入").click()
    expect(line.get_by_label(f"{network['product']} 的数量")).to_have_value("5")
    expect(page.get_by_test_id("cart-total")).to_have_text("合计 ¥265.50")
    expect(page.locator("li.portal-cart-line")).to_have_count(1)
    _check_page(app)
    snapshot(app, "phone-portal-cart-import")


def _ship(order_id: int, tracking: str) -> str:
    """Stock for the order, approved by the manager, shipped by the warehouse with an SF number."""
    manager = User.objects.get(email="manager@alpha.test")
    keeper = User.objects.get(email="warehouse@alpha.test")
    order = SalesOrder.objects.get(pk=order_id)
    line = order.lines.get()
    stock_entry_create(
        actor=keeper,
        warehouse_id=order.warehouse_id,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=line.sku_id, quantity=str(line.quantity), unit_cost="20")],
    )
    order_approve(actor=manager, order=order)
    shipment = shipment_create(actor=keeper, order_id=order_id, tracking_number=tracking)
    return shipment.number


def test_a_shipped_order_shows_its_carrier_and_tracking_number(shell, world, read_db, network):
    # Given the distributor's order approved and shipped with an SF number
    tracking = f"SF{uuid.uuid4().int % 10**13:013d}"
    number = read_db(world.alpha, lambda: _ship(network["order"], tracking))

    # When the distributor opens the order on its phone
    app = shell(
        as_user="distributor", viewport=PHONE, enforce_csp=True, path=f"/app/portal/orders/{network['order']}"
    )
    page = app.page
    on_screen(app, "portal-order")

    # Then it sees the package: carrier, tracking number, waiting for sign-back
    package = page.locator(f'li.portal-shipment[data-number="{number}"]')
    expect(package.get_by_test_id("tracking-number")).to_have_text(tracking)
    expect(package).to_contain_text("顺丰速运")
    expect(package.get_by_test_id("signback")).to_have_text("待签收")
    expect(page.get_by_test_id("order-status")).to_have_text("待签回")
    expect(page.locator('.portal-step[data-step="signed"]')).to_have_attribute("aria-current", "step")
    _check_page(app)
    snapshot(app, "phone-portal-order-shipped")
