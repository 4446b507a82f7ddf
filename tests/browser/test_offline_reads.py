"""Readable offline (issue 17, item 3, in part): after one online visit, a rep with no network
opens the customer's page and the orders list from the last copies, each marked with its age."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.catalog.models import SKU
from saas.customers.models import Customer
from saas.inventory.models import Warehouse
from tests.browser.chat_helpers import pasted_order_world
from tests.browser.driver import PHONE, snapshot
from tests.fixtures.sales import draft_order

pytestmark = pytest.mark.live


def _with_an_order(tag: str) -> dict[str, Any]:
    made = pasted_order_world(tag)
    order = draft_order(
        actor=User.objects.get(email="sales@alpha.test"),
        customer=Customer.objects.get(pk=made["customer"]),
        warehouse=Warehouse.objects.get(name=made["warehouse"]),
        lines=[(SKU.objects.get(code=made["shirt"]), "2")],
    )
    return made | {"number": order.number}


def test_a_customer_and_the_orders_list_are_readable_offline(shell, world, read_db):
    made = read_db(world.alpha, lambda: _with_an_order(uuid.uuid4().hex[:6].upper()))

    # Given the rep opened the customer and the orders list once, online
    app = shell(
        as_user="sales", viewport=PHONE, service_worker=True, path=f"/app/customers/{made['customer']}"
    )
    page = app.page
    expect(page.locator(".customer-orders")).to_contain_text(made["number"])
    app.wait_service_worker()
    page.locator("nav.tabbar").get_by_role("link", name="订单").click()
    app.wait_screen("orders")
    expect(page.locator(".item-list")).to_contain_text(made["number"])

    # When the phone loses the network and the rep opens the customer again
    app.context.set_offline(True)
    page.goto(app.url(f"/app/customers/{made['customer']}"))
    app.wait_ready()

    # Then its page shows from the copy, saying it is not current, with its recent orders
    expect(page.get_by_role("heading", level=1)).to_have_text(made["customer_name"])
    expect(page.locator(".notice").first).to_contain_text("当前离线")
    expect(page.locator(".customer-orders")).to_contain_text(made["number"])
    snapshot(app, "phone-customer-offline")
    # And so does the orders list
    page.locator("nav.tabbar").get_by_role("link", name="订单").click()
    app.wait_screen("orders")
    expect(page.locator(".notice").first).to_contain_text("当前离线")
    expect(page.locator(".item-list")).to_contain_text(made["number"])
    app.context.set_offline(False)
