"""The distributor's portal on a phone, under the enforced Content-Security-Policy: signed in,
the distributor finds its tabs and balances at home, searches the catalogue and sees its tier
price (the list price struck through, the rule that set it), adds to the cart by the − / +
steppers, checks out paying from its wallet — a lost answer and a retry place one order, not
two — and sees the order in its orders waiting for review and its wallet reduced by it; another
distributor's order by its address is not found. The workspace's manager sees the network with
balances, and a stock report uploaded with a bad row saves nothing and names the row."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Route, expect

from saas.distribution.models import ChannelStockReport, DistributorOrder, Wallet
from tests.browser.driver import PHONE, snapshot
from tests.browser.field_helpers import on_screen
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live


@pytest.fixture
def network(world, read_db) -> Iterator[dict[str, Any]]:
    tag = uuid.uuid4().hex[:8].upper()
    made = read_db(world.alpha, lambda: portal_network(tag))
    yield made
    read_db(world.alpha, portal_release)


def test_a_distributor_orders_at_its_price_and_pays_from_its_wallet(shell, world, read_db, network):
    name = network["product"]

    # Given the distributor signed in on a phone: its tabs lead to ordering, home shows its wallet
    app = shell(as_user="distributor", viewport=PHONE, enforce_csp=True, path="/app/")
    page = app.page
    expect(page.locator("nav.tabbar").get_by_role("link")).to_have_text(
        ["首页", "订货", "我的订单", "更多", "我的"]
    )
    home = page.get_by_test_id("distributor-home")
    expect(home.get_by_test_id("wallet-balance")).to_have_text("¥1,000.00")

    # When it searches the catalogue for the product
    page.locator("nav.tabbar").get_by_role("link", name="订货").click()
    on_screen(app, "portal-catalog")
    page.get_by_label("搜索商品").fill(name)
    row = page.locator(f'li.portal-item[data-sku-code="{network["sku_code"]}"]')
    # Then it sees its tier price: 10 % off the list price of 59, and the list that set it
    expect(row.get_by_test_id("portal-price")).to_have_text("¥53.10")
    expect(row.locator("del")).to_have_text("¥59.00")
    expect(row.locator(".portal-price-rule")).to_contain_text(network["price_list"])
    expect(page.locator(".item-row.portal-item")).to_have_count(1)
    _check_page(app)
    snapshot(app, "phone-portal-catalog")

    # When it adds it to the cart and steps the quantity up to 2
    row.get_by_role("button", name=f"加入购物车：{name}").click()
    row.get_by_role("button", name=f"增加：{name}").click()
    expect(row.get_by_label(f"{name} 的数量")).to_have_value("2")
    expect(page.get_by_test_id("cart-count")).to_have_text("1")
    page.locator("a.portal-cart-link").click()
    on_screen(app, "portal-cart")
    expect(page.get_by_test_id("cart-total")).to_have_text("合计 ¥106.20")
    snapshot(app, "phone-portal-cart")
    page.get_by_test_id("to-checkout").click()
    on_screen(app, "portal-checkout")
    expect(page.get_by_test_id("wallet-balance")).to_have_text("¥1,000.00")
    expect(page.get_by_test_id("cash-due")).to_have_text("¥106.20")
    _check_page(app)
    snapshot(app, "phone-portal-checkout")

    # And places the order, whose answer is lost on the way back
    lost: list[bool] = []

    def lose_answer(route: Route) -> None:
        request = route.request
        if "DistributorOrderPlace" in (request.post_data or "") and not lost:
            lost.append(True)
            # The server places the order (Playwright's own client cannot resolve *.localhost:
            # it sends to 127.0.0.1 with the workspace's Host)…
            route.fetch(
                url=request.url.replace(app.host, "127.0.0.1", 1),
                headers={**request.headers, "host": f"{app.host}:{app.live_server.port}"},
            )
            route.abort("connectionreset")  # …and the phone never hears of it
            return
        route.continue_()

    page.route("**/graphql/", lose_answer)
    app.allow_error(r"Failed to load resource: net::ERR_CONNECTION_RESET")
    page.get_by_test_id("place-order").click()
    expect(page.locator(".form-error")).to_be_visible()
    assert lost == [True]

    def orders() -> list[tuple[str, int, str]]:
        return list(
            DistributorOrder.objects.filter(distributor_id=network["distributor"]).values_list(
                "pay_with", "cash_fen", "order__status"
            )
        )

    assert read_db(world.alpha, orders) == [("wallet", 10620, "pending_review")]

    # When it tries again: the same order comes back, not a second one
    page.unroute("**/graphql/")
    page.get_by_test_id("place-order").click()
    on_screen(app, "portal-order")
    expect(page.get_by_test_id("order-status")).to_have_text("待审核")
    assert read_db(world.alpha, orders) == [("wallet", 10620, "pending_review")]
    number = page.locator("h1").inner_text()
    expect(page.locator(".toast")).to_contain_text(number)
    expect(page.locator('.portal-step[data-step="approved"]')).to_have_attribute("aria-current", "step")
    snapshot(app, "phone-portal-order")

    # Then its orders list it waiting for review, and its wallet is 106.20 lower
    page.locator("nav.tabbar").get_by_role("link", name="我的订单").click()
    on_screen(app, "portal-orders")
    listed = page.locator(f'li.portal-order-row[data-number="{number}"]')
    expect(listed).to_have_attribute("data-status", "pending_review")
    expect(listed).to_contain_text("待审核")
    expect(listed).to_contain_text("¥106.20")
    app.open("/app/portal/wallet")
    expect(page.get_by_test_id("wallet-balance")).to_have_text("¥893.80")
    expect(page.locator(".portal-entry").first).to_contain_text(number)
    balance = read_db(world.alpha, lambda: Wallet.objects.get(distributor_id=network["distributor"]).cash_fen)
    assert balance == 100000 - 10620
    _check_page(app)

    # And another distributor's order, opened by its address, is not found
    app.open(f"/app/portal/orders/{network['other_order']}")
    expect(page.locator("#view .empty-title")).to_have_text("订单不存在")
    expect(page.locator("#view")).not_to_contain_text(network["other_number"])


def test_a_stock_sheet_with_a_bad_row_saves_nothing_and_names_the_row(
    shell, world, read_db, network, tmp_path
):
    app = shell(as_user="distributor", viewport=PHONE, enforce_csp=True, path="/app/portal/stock")
    page = app.page
    on_screen(app, "portal-stock")
    sheet = tmp_path / "库存.csv"
    sheet.write_text(
        f"SKU编码,库存,销量\n{network['sku_code']},40,12\nNOPE-{network['sku'] * 7},3,1\n", encoding="utf-8"
    )
    upload = page.locator("form.portal-stock-upload")
    upload.get_by_label("表格文件").set_input_files(str(sheet))
    # The refusal is a 400 answer, which the browser logs as a failed resource.
    app.allow_error(r"status of 400 \(Bad Request\) \(http://[^ ]*/distribution/channel-stock/upload/\)")
    upload.get_by_role("button", name="上传").click()
    problems = upload.locator(".portal-upload-problems")
    expect(problems).to_contain_text("第 3 行：商品编码不存在。")
    assert (
        read_db(
            world.alpha,
            lambda: ChannelStockReport.objects.filter(distributor_id=network["distributor"]).count(),
        )
        == 0
    )

    sheet.write_text(f"SKU编码,库存,销量\n{network['sku_code']},40,12\n", encoding="utf-8")
    upload.get_by_label("表格文件").set_input_files(str(sheet))
    upload.get_by_role("button", name="上传").click()
    report = page.locator("li.portal-report").first
    expect(report).to_contain_text("1 个商品")
    expect(report).to_contain_text("上传 库存.csv")
    lines = read_db(
        world.alpha,
        lambda: list(
            ChannelStockReport.objects.get(distributor_id=network["distributor"]).lines.values_list(
                "on_hand", "sold"
            )
        ),
    )
    assert lines == [(Decimal("40.000"), Decimal("12.000"))]
    _check_page(app)
    snapshot(app, "phone-portal-stock")


def test_the_manager_sees_the_network_with_balances(shell, world, network):
    app = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path="/app/network")
    page = app.page
    on_screen(app, "network")
    node = page.locator(f'li.network-node[data-distributor-id="{network["distributor"]}"]')
    expect(node.get_by_test_id("node-balance")).to_have_text("余额 ¥1,000.00")
    expect(node).to_contain_text("杭州")
    # The portal is not in a manager's navigation, though the owner holds its scope too.
    expect(page.locator("nav.tabbar")).not_to_contain_text("订货")
    _check_page(app)
    snapshot(app, "phone-network")


def test_the_manager_saves_a_new_price_list_version_with_a_quantity_break(shell, world, read_db, network):
    app = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path="/app/network/prices")
    page = app.page
    on_screen(app, "network-prices")
    listed = page.locator("li.price-list").filter(has_text=network["price_list"])
    expect(listed).to_contain_text("≥1：减 10%")

    # When the manager starts a new version from it and adds a break: from 10 units, 50 yuan
    listed.get_by_role("button", name="基于此版本新建").click()
    editor = page.locator("form.price-editor")
    item = editor.locator(f'li.price-item[data-item="{network["sku_code"]}"]')
    item.get_by_role("button", name="添加阶梯").click()
    item.get_by_label("起订数量").nth(1).fill("10")
    item.get_by_label("定价方式").nth(1).select_option("fixed")
    item.get_by_label("数值").nth(1).fill("50")
    item.get_by_label("每箱数量").fill("5")
    _check_page(app)
    snapshot(app, "phone-price-editor")
    editor.get_by_role("button", name="保存新版本").click()

    # Then version 2 is saved with both breaks and the case, in force from today
    expect(page.locator(".toast")).to_contain_text("第 2 版")

    def saved() -> list[tuple[Any, ...]]:
        from saas.distribution.models import PriceRule

        return list(
            PriceRule.objects.filter(price_list__name=network["price_list"], price_list__version=2)
            .order_by("min_quantity")
            .values_list("min_quantity", "fixed_price", "discount_percent", "case_quantity")
        )

    assert read_db(world.alpha, saved) == [
        (Decimal("1.000"), None, Decimal("10.00"), 5),
        (Decimal("10.000"), Decimal("50.0000"), None, 5),
    ]
