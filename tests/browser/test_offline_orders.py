"""Offline orders (issue 17, items 3 and 8) at 390 px: a rep who saw the customer and searched the
product online takes an order with no network; it waits in the outbox and arrives once when the
phone is back online. An order priced from a copy that has gone stale comes back with the
changed price on its line; the rep takes the new price and sends it again."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saas.catalog.models import SKU
from saas.sales.models import SalesOrder
from tests.browser.chat_helpers import pasted_order_world
from tests.browser.driver import PHONE, ShellPage, snapshot

pytestmark = pytest.mark.live


def _take_order(app: ShellPage, made: dict, quantity_steps: int) -> None:
    """Offline on the order form for the customer: the shirt, more of it, the warehouse, submit."""
    page = app.page
    page.goto(app.url(f"/app/orders/new?customerId={made['customer']}"))
    app.wait_screen("order-new")
    form = page.get_by_role("form", name="新建订单")
    expect(form.locator(".order-offline-notice")).to_be_visible()
    expect(form.locator(".order-customer")).to_contain_text(made["customer_name"])
    form.get_by_label("搜索或扫码添加商品").fill(made["shirt"])
    expect(form.locator(".sku-results-saved")).to_have_text("离线：在本机保存的商品中搜索")
    form.locator(f'.sku-result[data-sku-code="{made["shirt"]}"]').click()
    line = form.locator(f'.order-line[data-sku-code="{made["shirt"]}"]')
    expect(line.get_by_label(f"{made['shirt']} 的单价")).to_have_value("39")
    for _ in range(quantity_steps):
        line.get_by_role("button", name="加 1").click()
    form.get_by_label("发货仓库").select_option(label=made["warehouse"])
    form.get_by_role("button", name="提交审核").click()
    app.wait_screen("outbox")


def test_an_order_taken_offline_arrives_once_and_a_changed_price_is_resolved_on_its_line(
    shell, world, read_db
):
    made = read_db(world.alpha, lambda: pasted_order_world(uuid.uuid4().hex[:6].upper()))
    orders = lambda: read_db(  # noqa: E731
        world.alpha,
        lambda: [
            [(line.quantity, line.unit_price) for line in order.lines.all()]
            for order in SalesOrder.objects.filter(customer_id=made["customer"]).order_by("id")
        ],
    )

    # Given the rep opened the order form for the customer and searched the shirt, online
    app = shell(
        as_user="sales",
        viewport=PHONE,
        service_worker=True,
        path=f"/app/orders/new?customerId={made['customer']}",
    )
    page = app.page
    form = page.get_by_role("form", name="新建订单")
    expect(form.locator(".order-customer")).to_contain_text(made["customer_name"])
    form.get_by_label("搜索或扫码添加商品").fill(made["shirt"])
    expect(form.locator(f'.sku-result[data-sku-code="{made["shirt"]}"]')).to_be_visible()
    app.wait_service_worker()

    # When the phone loses the network and the rep takes an order of two shirts
    app.context.set_offline(True)
    _take_order(app, made, quantity_steps=1)

    # Then it waits in the outbox, and the server has nothing yet
    row = page.locator('li.outbox-row[data-type="order.place"]')
    expect(row).to_contain_text(f"{made['customer_name']} 的订单 · 1 行")
    expect(row).to_contain_text("× 2件 · ¥39.00")
    snapshot(app, "phone-outbox-offline-order")
    assert orders() == []

    # When the connection returns, it is placed by itself, once
    app.context.set_offline(False)
    expect(row).to_have_count(0, timeout=15000)
    assert orders() == [[(Decimal("2.000"), Decimal("39.0000"))]]

    # Given the shirt now costs 45, and the rep takes another order offline from the old copy
    read_db(world.alpha, lambda: SKU.objects.filter(code=made["shirt"]).update(list_price=Decimal("45.00")))
    app.context.set_offline(True)
    _take_order(app, made, quantity_steps=0)
    app.context.set_offline(False)

    # Then it comes back refused, the changed price on its line, and nothing was placed
    expect(row).to_have_attribute("data-state", "failed", timeout=15000)
    line = row.locator(f'.outbox-order-line[data-sku-code="{made["shirt"]}"]')
    expect(line.locator('[data-code="price_changed"]')).to_have_text("价格已变：现为每件 45。")
    snapshot(app, "phone-outbox-price-changed")
    assert len(orders()) == 1

    # When the rep takes the new price and sends it again, it is placed at 45, once
    line.get_by_role("button", name="采用新价格").click()
    expect(line).to_contain_text("× 1件 · ¥45.00")
    row.get_by_role("button", name="重新发送").click()
    expect(row).to_have_count(0, timeout=15000)
    assert orders()[1:] == [[(Decimal("1.000"), Decimal("45.0000"))]]
