"""Returns are reachable for those who may ask for one: a sales rep finds 退货 under 更多, and a
shipped order of theirs offers 申请退货, which opens the return form for that order. Orders with
nothing shipped, and roles the server does not let request a return, get no such button."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.catalog.models import SKU, Product
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from tests.browser.driver import PHONE, snapshot
from tests.fixtures.sales import approved_order, sales_customer, shipped_order

pytestmark = pytest.mark.live


def _user(role: str) -> User:
    return User.objects.get(email=f"{role}@alpha.test")


def _seed() -> dict[str, Any]:
    """Two orders of the rep from a fresh warehouse: one shipped in full, one only approved."""
    tag = uuid.uuid4().hex[:8].upper()
    rep, manager, keeper = _user("sales"), _user("manager"), _user("warehouse")
    warehouse = Warehouse.objects.create(code=f"R{tag}", name=f"退货仓{tag}")
    product = Product.objects.create(code=f"P-R{tag}", name=f"退货衬衫{tag}")
    sku = SKU.objects.create(
        product=product, code=f"R-{tag}", cost_price=Decimal("20"), list_price=Decimal("59.00")
    )
    stock_entry_create(
        actor=keeper,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="20", unit_cost="20")],
    )
    customer = sales_customer(owner=rep, name=f"退货客户{tag}")
    common = {"actor": rep, "approver": manager, "customer": customer, "warehouse": warehouse}
    shipped = shipped_order(**common, shipper=keeper, lines=[(sku, "5")])
    waiting = approved_order(**common, lines=[(sku, "2")])
    return {
        "shipped": {"id": shipped.pk, "number": shipped.number},
        "waiting": {"id": waiting.pk, "number": waiting.number},
        "sku_code": sku.code,
    }


def test_a_rep_finds_returns_under_more_and_asks_for_one_from_a_shipped_order(shell, world, read_db):
    seeded = read_db(world.alpha, _seed)
    shipped, waiting = seeded["shipped"], seeded["waiting"]

    # When the rep opens 更多 on a phone, then 退货 is listed and opens the returns
    app = shell(as_user="sales", viewport=PHONE)
    page = app.page
    page.locator("nav.tabbar").get_by_role("link", name="更多").click()
    app.wait_screen("more")
    page.locator(".link-list").get_by_role("link", name="退货", exact=True).click()
    app.wait_screen("returns")
    expect(page.get_by_role("heading", level=1)).to_have_text("退货")

    # And a shipped order of theirs offers 申请退货, which opens the form for that order
    app.open(f"/app/orders/{shipped['id']}")
    request = page.locator(".order-actions").get_by_role("link", name="申请退货")
    expect(request).to_be_visible()
    snapshot(app, "phone-order-request-return")
    request.click()
    app.wait_screen("return-new")
    form = page.get_by_role("form", name="新建退货")
    expect(page.locator(".subtitle")).to_contain_text(shipped["number"])
    expect(form.locator(f'.return-line[data-sku-code="{seeded["sku_code"]}"]')).to_contain_text("可退 5")

    # But an order with nothing shipped yet offers none
    app.open(f"/app/orders/{waiting['id']}")
    expect(page.locator(".order-actions").get_by_role("link", name="打印")).to_be_visible()
    expect(page.locator('[data-action="return"]')).to_have_count(0)


def test_roles_that_cannot_request_a_return_get_no_button_or_entry(shell, world, read_db):
    seeded = read_db(world.alpha, _seed)

    # Finance sees every order but may not ask for a return (no orders.edit on the server)
    finance = shell(as_user="finance", viewport=PHONE, path=f"/app/orders/{seeded['shipped']['id']}")
    expect(finance.page.locator(".order-actions").get_by_role("link", name="打印")).to_be_visible()
    expect(finance.page.locator('[data-action="return"]')).to_have_count(0)

    # A distributor does not see returns in any navigation
    distributor = shell(as_user="distributor", viewport=PHONE, path="/app/more")
    expect(distributor.page.locator(".link-list")).to_contain_text("我的")
    expect(distributor.page.locator(".link-list").get_by_role("link", name="退货")).to_have_count(0)
