"""The notification centre: the badge counts the server's unread notifications when the app
opens, the centre lists them (opening it reads them), tapping one opens its order, and each
kind can be turned off in the app or on by e-mail."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.driver import DESKTOP, snapshot
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import APPROVE, SUBMIT, given_customer, given_order, given_stock

pytestmark = pytest.mark.live
UNREAD = "query { notifications(unreadOnly: true, limit: 1, offset: 0) { unreadCount } }"


def _approved_order(world, live_server) -> dict:
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep_api = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep_api, f"通知中心{stock['tag']}")
    order = given_order(rep_api, customer, stock, [(stock["shirt"]["id"], "1")])
    rep_api(SUBMIT, {"id": order["id"]})
    Api(live_server, world.alpha.host, world.alpha.email("manager"))(APPROVE, {"id": order["id"]})
    # The approval is told by a job: wait until the rep's inbox has it.
    deadline = time.monotonic() + 20
    while rep_api(UNREAD, {})["unreadCount"] < 1:
        assert time.monotonic() < deadline, "the approval never reached the rep's inbox"
        time.sleep(0.2)
    return order


def test_the_badge_counts_the_inbox_and_a_notification_opens_its_order(shell, world, live_server):
    order = _approved_order(world, live_server)

    # Given the rep opens the app: the badge shows what waited on the server
    rep = shell(as_user="sales", viewport=DESKTOP)
    badge = rep.page.locator('[data-testid="unread-count"]')
    expect(badge).to_have_text("1")

    # When they open the centre, the approval is listed and the badge clears
    rep.page.get_by_role("link", name="通知，1 条未读").click()
    rep.wait_screen("inbox")
    row = rep.page.locator(".inbox-row").first
    expect(row).to_contain_text(f"订单 {order['number']}")
    expect(row).to_contain_text("已审核通过")
    expect(badge).to_be_hidden()
    snapshot(rep, "desktop-notification-centre")

    # And tapping it opens the order
    row.locator("a").click()
    rep.wait_screen("order")
    expect(rep.page.get_by_text(order["number"]).first).to_be_visible()


def test_a_kind_turned_off_in_the_app_stays_off(shell):
    rep = shell(as_user="sales")
    rep.open("/app/inbox/settings")
    rep.wait_screen("notification-settings")
    row = rep.page.locator('.preference-row[data-kind="sales_order.approved"]')
    expect(row).to_contain_text("我的订单审核通过")
    in_app = row.locator('input[name="inApp"]')
    expect(in_app).to_be_checked()
    in_app.uncheck()
    expect(rep.page.locator(".toast").filter(has_text="已保存")).to_be_visible()

    chosen = rep.graphql("query { notificationPreferences { kind inApp email } }")
    approved = next(
        p for p in chosen["data"]["notificationPreferences"] if p["kind"] == "sales_order.approved"
    )
    assert approved == {"kind": "sales_order.approved", "inApp": False, "email": False}
