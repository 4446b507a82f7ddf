"""Navigation: a bottom tab bar on phones, a side nav on wide screens, entries by scope."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.driver import DESKTOP, PHONE, snapshot

pytestmark = pytest.mark.live
SMALL_PHONE = {"width": 360, "height": 740}


def test_phone_shows_the_tab_bar_and_navigates_with_it(shell):
    app = shell(viewport=PHONE)
    page = app.page
    tabbar, sidenav = page.locator("nav.tabbar"), page.locator("nav.sidenav")
    expect(tabbar).to_be_visible()
    expect(sidenav).to_be_hidden()
    box = tabbar.bounding_box()
    assert box is not None and box["width"] == PHONE["width"]
    assert box["y"] + box["height"] == pytest.approx(PHONE["height"], abs=1)
    snapshot(app, "phone-home")

    tabbar.get_by_role("link", name="客户").click()
    app.wait_screen("customers")
    expect(tabbar.get_by_role("link", name="客户")).to_have_attribute("aria-current", "page")
    snapshot(app, "phone-customers")

    page.go_back()
    app.wait_screen("home")


def test_desktop_shows_the_side_nav_instead(shell):
    app = shell(viewport=DESKTOP)
    page = app.page
    tabbar, sidenav = page.locator("nav.tabbar"), page.locator("nav.sidenav")
    expect(sidenav).to_be_visible()
    expect(tabbar).to_be_hidden()
    box = sidenav.bounding_box()
    assert box is not None and box["x"] == 0 and box["height"] == DESKTOP["height"]
    expect(sidenav).to_contain_text("阿尔法商贸")
    expect(sidenav).to_contain_text("owner@alpha.test")
    snapshot(app, "desktop-home")

    sidenav.locator('[data-group="settings"] summary').click()  # 同事 is under 设置
    sidenav.get_by_role("link", name="同事").click()
    app.wait_screen("users")
    expect(page.locator("li.user-row").first).to_be_visible()
    snapshot(app, "desktop-users")
    sidenav.get_by_role("link", name="我的").click()
    app.wait_screen("profile")
    snapshot(app, "desktop-profile")


def test_navigation_only_offers_what_the_role_may_use(shell):
    # Given a sales rep, who lacks users.manage but may look up products and stock
    app = shell(as_user="sales")
    tabbar = app.page.locator("nav.tabbar")
    # Orders and customers first: a rep's daily work; products, stock and reports under 更多
    expect(tabbar.get_by_role("link")).to_have_text(["首页", "订单", "客户", "更多", "我的"])
    expect(app.page.get_by_text("暂无待办事项")).to_be_visible()  # reps review nothing: no counters
    snapshot(app, "phone-home-sales-empty")

    # When they open the colleagues screen by its address, then it refuses
    app.open("/app/users")
    assert app.screen() == "users"
    expect(app.page.get_by_text("你没有权限执行此操作。")).to_be_visible()
    expect(app.page.locator("li.user-row")).to_have_count(0)

    # And the stock screen, under 更多, opens read-only
    app.open("/app/")
    tabbar.get_by_role("link", name="更多").click()
    app.wait_screen("more")
    app.page.locator(".link-list").get_by_role("link", name="库存").click()
    app.wait_screen("stock")
    expect(app.page.get_by_role("heading", level=1)).to_have_text("库存")
    snapshot(app, "phone-stock-sales")


def test_distributor_sees_products_but_not_stock_and_owner_keeps_my_tab(shell):
    # Distributors order first (the portal's tabs), see availability bands on the products
    # screen (under 更多), never the stock screen; the owner, who holds every scope, no portal.
    app = shell(as_user="distributor")
    expect(app.page.locator("nav.tabbar").get_by_role("link")).to_have_text(
        ["首页", "订货", "我的订单", "更多", "我的"]
    )
    app.page.locator("nav.tabbar").get_by_role("link", name="更多").click()
    app.wait_screen("more")
    expect(app.page.locator(".link-list")).to_contain_text("商品")
    expect(app.page.locator('.link-list a[href="/app/stock"]')).to_have_count(0)
    owner = shell(as_user="owner")
    tabbar = owner.page.locator("nav.tabbar")
    expect(tabbar.get_by_role("link")).to_have_text(["首页", "订单", "客户", "更多", "我的"])
    tabbar.get_by_role("link", name="更多").click()
    owner.wait_screen("more")
    expect(owner.page.locator(".link-list")).to_contain_text("盘点")
    expect(owner.page.locator(".link-list")).to_contain_text("移库")
    expect(owner.page.locator(".link-list")).to_contain_text("发货")
    expect(owner.page.locator(".link-list")).to_contain_text("经销网络")
    expect(owner.page.locator(".link-list")).not_to_contain_text("订货")
    warehouse = shell(as_user="warehouse")
    expect(warehouse.page.locator("nav.tabbar").get_by_role("link")).to_have_text(
        ["首页", "订单", "发货", "更多", "我的"]
    )


def test_smallest_phone_has_no_sideways_scrolling(shell):
    app = shell(viewport=SMALL_PHONE, path="/app/users")
    expect(app.page.locator("li.user-row").first).to_be_visible()
    app.page.get_by_role("button", name="邀请同事").click()
    expect(app.page.get_by_role("form", name="邀请同事")).to_be_visible()
    for path in ("/app/users", "/app/profile", "/app/"):
        app.open(path)
        app.page.wait_for_timeout(200)
        width = app.page.evaluate("document.documentElement.scrollWidth")
        assert width <= SMALL_PHONE["width"], f"{path} is {width}px wide"


def test_pulling_down_on_a_phone_refreshes_the_screen(shell):
    # Given home on a touch phone
    app = shell(viewport=PHONE, touch=True)
    page = app.page
    expect(page.locator(".todo").first).to_be_visible()
    asked = []
    page.on("request", lambda r: asked.append(r) if "query Home" in (r.post_data or "") else None)

    # When the user drags down from the top and lets go
    cdp = app.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": 195, "y": 120}]})
    for y in range(140, 400, 20):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": 195, "y": y}]})
    expect(page.locator(".ptr-label")).to_have_text("松开刷新")
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    # Then the screen asks the server again and the indicator folds away
    page.wait_for_function("document.querySelector('.ptr').style.height === '0px'")
    assert len(asked) == 1
    expect(page.locator(".todo").first).to_be_visible()
