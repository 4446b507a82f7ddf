"""Live news of the order review on the rep's phone: the manager approves the rep's order on
another device, and the rep sees it at once as a toast and in 通知."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import APPROVE, SUBMIT, given_customer, given_order, given_stock

pytestmark = pytest.mark.live


def test_the_rep_hears_at_once_that_the_order_was_approved(shell, world, live_server):
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep_api = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep_api, f"通知测试{stock['tag']}")
    order = given_order(rep_api, customer, stock, [(stock["shirt"]["id"], "1")])
    rep_api(SUBMIT, {"id": order["id"]})

    # Given the rep has the app open
    rep = shell(as_user="sales")
    rep.page.wait_for_function("document.documentElement.dataset.live === 'open'", timeout=10000)

    # When the manager approves the order elsewhere
    Api(live_server, world.alpha.host, world.alpha.email("manager"))(APPROVE, {"id": order["id"]})

    # Then the rep sees it without reloading, in Chinese, with the order's number
    toast = rep.page.locator(".toast").filter(has_text=order["number"])
    expect(toast).to_contain_text("已审核通过")
    rep.open("/app/inbox")
    expect(rep.page.locator(".inbox-row").first).to_contain_text(f"订单 {order['number']}")
