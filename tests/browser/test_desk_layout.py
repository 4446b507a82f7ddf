"""The desk at 1440 px: the side nav grouped by area (per role, the current group open, a group
opened by hand remembered) and a detail page in two columns; at 390 px the phone's tab bar and
the same detail page in one column, as before."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import Locator, expect

from tests.browser.driver import PHONE, snapshot
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import given_customer

pytestmark = pytest.mark.live
WIDE = {"width": 1440, "height": 900}


def groups(app: Any) -> list[str]:
    return app.page.locator("nav.sidenav details.side-group").evaluate_all(
        "(nodes) => nodes.map((node) => node.dataset.group)"
    )


def open_groups(app: Any) -> list[str]:
    return app.page.locator("nav.sidenav details.side-group[open]").evaluate_all(
        "(nodes) => nodes.map((node) => node.dataset.group)"
    )


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return found


def test_the_side_nav_groups_screens_by_area_for_each_role(shell):
    # Given the owner at 1440 px on the orders list
    app = shell(viewport=WIDE, path="/app/orders")
    app.wait_screen("orders")
    nav = app.page.locator("nav.sidenav")
    # Then every area is a group, in order, and only the current one (销售) is open
    assert groups(app) == [
        "sales",
        "customers",
        "catalog",
        "procurement",
        "finance",
        "shipping",
        "field",
        "distribution",
        "reports",
        "settings",
    ]
    assert open_groups(app) == ["sales"]
    expect(nav.locator('[data-group="sales"] a[aria-current="page"]')).to_have_text("订单")
    expect(nav.locator('[data-group="settings"] summary')).to_have_text("设置")
    expect(nav.get_by_role("link", name="同事")).to_be_hidden()
    snapshot(app, "wide-grouped-nav")

    # When they open 设置 and go to a colleague list from it
    nav.locator('[data-group="settings"] summary').click()
    nav.get_by_role("link", name="同事").click()
    app.wait_screen("users")
    # Then 设置 is now the current group, and after going back to orders it stays open (kept)
    assert open_groups(app) == ["settings"]
    app.open("/app/orders")
    app.wait_screen("orders")
    assert open_groups(app) == ["sales", "settings"]

    # And a sales rep sees only the areas of their scopes; the warehouse others
    rep = shell(as_user="sales", viewport=WIDE, path="/app/customers")
    rep.wait_screen("customers")
    assert groups(rep) == ["sales", "customers", "catalog", "finance", "field", "reports"]
    assert open_groups(rep) == ["customers"]
    warehouse = shell(as_user="warehouse", viewport=WIDE, path="/app/")
    warehouse.wait_screen("home")
    assert "finance" not in groups(warehouse) and "shipping" in groups(warehouse)
    assert open_groups(warehouse) == []


def test_a_detail_page_has_two_columns_on_a_desk_and_one_on_a_phone(shell, live_server, world):
    api = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(api, f"双栏客户{uuid.uuid4().hex[:6]}")

    # Given a customer's page at 1440 px
    app = shell(as_user="sales", viewport=WIDE, path=f"/app/customers/{customer['id']}")
    app.wait_screen("customer")
    page = app.page
    facts = page.locator(".detail-side > .card").first
    contacts = page.locator(".detail-main > .card").first
    expect(facts).to_contain_text("客户资料")
    expect(contacts).to_contain_text("钱采购")
    # Then the facts stand in a narrower column right of the main one, both from the top
    side, main = box(facts), box(contacts)
    assert side["x"] >= main["x"] + main["width"]
    assert side["y"] == pytest.approx(main["y"], abs=1)
    assert 300 <= side["width"] <= 360 < main["width"]
    snapshot(app, "wide-customer-two-columns")

    # And on a phone the same page is one column in its old order: the facts first, full width
    phone = shell(as_user="sales", viewport=PHONE, path=f"/app/customers/{customer['id']}")
    phone.wait_screen("customer")
    expect(phone.page.locator("nav.tabbar").get_by_role("link")).to_have_text(
        ["首页", "订单", "客户", "更多", "我的"]
    )
    expect(phone.page.locator("nav.sidenav")).to_be_hidden()
    facts = phone.page.locator(".detail-side > .card").first
    contacts = phone.page.locator(".detail-main > .card").first
    expect(facts).to_contain_text("客户资料")
    first, second = box(facts), box(contacts)
    assert first["x"] == second["x"] and first["width"] == second["width"] == PHONE["width"] - 32
    assert second["y"] >= first["y"] + first["height"]
    snapshot(phone, "phone-customer-one-column")
