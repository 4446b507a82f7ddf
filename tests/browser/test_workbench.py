"""The desktop workbench at 1440 px: the orders table sorts on the server and remembers the
columns a person chose; an office worker approves twenty orders of a filtered table in one
action while one of them fails and is reported; a saved view comes back from the list of views,
from its URL, and Back restores the filters before it; the purchase orders table sorts by supplier
on the server; the shipments table finds a customer's shipments by its search in the URL and sorts
them by tracking number; the receipts and returns tables open filtered by an amount range from
the URL, which a sort keeps; the sales settings' backorders switch saves."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from saas.sales.models import SalesOrder, SalesSettings
from saas.shipping.services import shipment_create
from tests.browser.test_accessibility import _check_page
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import SUBMIT, given_customer, given_order, given_stock
from tests.browser.test_procurement_screens import ORDER, SUPPLIER, product
from tests.browser.test_shipping_screens import given_orders, sf_number
from tests.browser.test_stock_documents import warehouse

pytestmark = pytest.mark.live

WIDE = {"width": 1440, "height": 900}
RECEIPT = """mutation($input: ReceiptRecordInput!) {
  receiptRecord(input: $input) { receipt { id number } errors { field code } } }"""
SALES_SETTINGS = """mutation($input: SalesSettingsInput!) {
  salesSettingsUpdate(input: $input) { settings { backordersAllowed } errors { field code } } }"""
REJECT = """mutation($id: ID!, $note: String!) {
  salesOrderReject(id: $id, note: $note) { salesOrder { id } errors { field code } } }"""


def _pending_orders(live_server, world, count: int, *, submit: bool = True) -> tuple[dict, list[dict]]:
    """`count` orders of the rep for one new customer, order i for i cups (so amounts differ)."""
    stock = given_stock(Api(live_server, world.alpha.host, world.alpha.email("owner")))
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    customer = given_customer(rep, f"桌面客户{stock['tag']}")
    orders = []
    for quantity in range(1, count + 1):
        order = given_order(rep, customer, stock, [(stock["cup"]["id"], str(quantity))])
        if submit:
            rep(SUBMIT, {"id": order["id"]})
        orders.append(order)
    return customer, orders


def _rows(page):
    return page.locator("table.data-table tbody tr")


def test_an_office_worker_approves_twenty_orders_of_a_filtered_table_in_one_action(
    shell, world, live_server, read_db
):
    # Given twenty orders of one customer waiting for review
    customer, orders = _pending_orders(live_server, world, 20)
    app = shell(
        as_user="manager",
        viewport=WIDE,
        path=f"/app/orders?customer={customer['id']}&status=pending_review",
    )
    page = app.page
    expect(_rows(page)).to_have_count(20)
    expect(page.get_by_role("status").filter(has_text="共 20 条")).to_be_visible()

    # The table sorts on the server: the amount column, twice, is largest first
    page.get_by_role("button", name=re.compile("^金额")).click()
    expect(page.locator('th[data-column="total_amount"]')).to_have_attribute("aria-sort", "ascending")
    expect(_rows(page).first).to_have_attribute("data-id", orders[0]["id"])
    page.get_by_role("button", name=re.compile("^金额")).click()
    expect(page.locator('th[data-column="total_amount"]')).to_have_attribute("aria-sort", "descending")
    expect(_rows(page).first).to_have_attribute("data-id", orders[-1]["id"])
    assert "sort=-total_amount" in page.url

    # Keyboard: ↓ moves the row focus, Space ticks the row
    _rows(page).first.focus()
    page.keyboard.press("ArrowDown")
    expect(_rows(page).nth(1)).to_be_focused()
    page.keyboard.press("Space")
    expect(_rows(page).nth(1).locator(".row-check")).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="已选 1 项")).to_be_visible()
    _check_page(app)

    # The columns chosen are kept for the person: hidden after a reload
    page.locator(".column-chooser summary").click()
    page.get_by_role("checkbox", name="仓库").uncheck()
    expect(page.locator('th[data-column="warehouse"]')).to_have_count(0)
    page.wait_for_timeout(300)  # the choice is sent in the background
    app.open(f"/app/orders?customer={customer['id']}&status=pending_review")
    expect(_rows(page)).to_have_count(20)
    expect(page.locator('th[data-column="warehouse"]')).to_have_count(0)
    page.locator(".column-chooser summary").click()
    page.get_by_role("checkbox", name="仓库").check()
    expect(page.locator('th[data-column="warehouse"]')).to_have_count(1)

    # Meanwhile a colleague sends one of them back to its rep
    late = orders[4]
    Api(live_server, world.alpha.host, world.alpha.email("admin"))(
        REJECT, {"id": late["id"], "note": "价格待确认"}
    )

    # When the manager ticks the page and approves
    page.get_by_role("checkbox", name="选择本页全部").check()
    expect(page.get_by_role("status").filter(has_text="已选 20 项")).to_be_visible()
    page.locator('[data-batch="approve"]').click()
    page.get_by_role("dialog").get_by_role("button", name="审核通过").click()

    # Then nineteen are approved and the one that failed is named with its reason
    results = page.locator("dialog.batch-results")
    expect(results.locator("[data-batch-summary]")).to_have_text("成功 19 张，失败 1 张")
    expect(results.locator(".batch-failures li")).to_have_count(1)
    expect(results.locator(".batch-failures li")).to_contain_text(late["number"])
    ids = [int(order["id"]) for order in orders]
    statuses = read_db(
        world.alpha, lambda: dict(SalesOrder.objects.filter(pk__in=ids).values_list("pk", "status"))
    )
    assert statuses.pop(int(late["id"])) == "draft"
    assert all(status in ("pending_shipment", "pending_purchase") for status in statuses.values())
    results.get_by_role("button", name="关闭").click()
    # The filtered table (待审核) is empty now: the approved left it, the rejected is a draft.
    expect(page.get_by_text("没有符合条件的记录")).to_be_visible()


def test_a_saved_view_comes_back_from_the_list_and_from_its_url(shell, world, live_server):
    # Given three drafts of one customer, and a manager filtering the table down to them
    customer, orders = _pending_orders(live_server, world, 3, submit=False)
    app = shell(as_user="manager", viewport=WIDE, path="/app/orders")
    page = app.page
    expect(_rows(page).first).to_be_visible()
    page.get_by_label("搜索订单").fill(customer["name"])
    page.get_by_role("combobox", name="状态", exact=True).select_option("draft")
    page.get_by_role("button", name="筛选", exact=True).click()
    expect(_rows(page)).to_have_count(3)

    # When the manager saves it as a view
    name = f"草稿 {customer['name']}"
    page.get_by_role("button", name="保存视图").click()
    page.get_by_label("视图名称").fill(name)
    page.get_by_role("dialog").get_by_role("button", name="保存视图").click()
    expect(page.get_by_label("我的视图")).to_have_value(re.compile(r"^\d+$"))
    view_id = page.get_by_label("我的视图").input_value()
    assert f"view={view_id}" in page.url

    # Then the view comes back from the list of views on a fresh table
    app.open("/app/orders")
    expect(_rows(page).first).to_be_visible()
    page.get_by_label("我的视图").select_option(label=name)
    expect(_rows(page)).to_have_count(3)
    expect(page.get_by_role("combobox", name="状态", exact=True)).to_have_value("draft")

    # And from its URL alone (a bookmark), with its filters in the form
    app.open(f"/app/orders?view={view_id}")
    expect(_rows(page)).to_have_count(3)
    expect(page.get_by_label("搜索订单")).to_have_value(customer["name"])
    assert "status=draft" in page.url

    # And Back returns to the filters before a change
    page.get_by_role("combobox", name="状态", exact=True).select_option("")
    page.get_by_role("button", name="筛选", exact=True).click()
    expect(page.get_by_label("我的视图")).to_have_value("")
    page.go_back()
    expect(page.get_by_role("combobox", name="状态", exact=True)).to_have_value("draft")
    expect(_rows(page)).to_have_count(3)
    assert {row.get_attribute("data-id") for row in _rows(page).all()} == {o["id"] for o in orders}


def test_the_purchase_orders_table_sorts_by_supplier_on_the_server(shell, world, live_server):
    # Given two drafts, of suppliers Aa… and Zz…
    api = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    tag = uuid.uuid4().hex[:6].upper()
    store, sku = warehouse(api, f"W{tag}"), product(api, "排序测试品")
    names = [f"Aa{tag}", f"Zz{tag}"]
    for name in names:
        supplier = api(SUPPLIER, {"input": {"code": name, "name": name}})["supplier"]
        line = {"skuId": sku["id"], "warehouseId": store["id"], "quantity": "1", "unitPrice": "8"}
        api(ORDER, {"input": {"supplierId": supplier["id"], "lines": [line]}})

    # When the buyer sorts the drafts' table by supplier, largest first
    app = shell(as_user="warehouse", viewport=WIDE, path="/app/purchase-orders?status=draft")
    page = app.page
    expect(_rows(page).first).to_be_visible()
    header = page.locator('th[data-column="supplier"]')
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert "sort=-supplier" in page.url and "status=draft" in page.url

    # Then Zz… comes before Aa…
    # (a retried assertion: the sorted page replaces the rows a moment after the URL changes)
    ours = page.locator('td[data-column="supplier"]').filter(has_text=re.compile(f"^(Aa|Zz){tag}$"))
    expect(ours).to_have_text([names[1], names[0]])


def test_the_shipments_table_finds_a_customers_shipments_and_sorts_them(shell, world, read_db):
    # Given two orders of a new customer, shipped with two SF numbers
    goods = given_orders(read_db, world, 2, [("cup", "1")])
    numbers = [sf_number(), sf_number()]
    keeper = world.alpha.users["warehouse"]

    def ship() -> None:
        for order, number in zip(goods.orders, numbers, strict=True):
            shipment_create(actor=keeper, order_id=order.pk, tracking_number=number)

    read_db(world.alpha, ship)

    # When the warehouse opens the shipments table searched by the customer (a shared link)
    app = shell(as_user="warehouse", viewport=WIDE, path=f"/app/shipping/shipments?q={goods.customer_name}")
    page = app.page
    expect(_rows(page)).to_have_count(2)
    expect(page.get_by_label("搜索单号、运单号、客户或收货人")).to_have_value(goods.customer_name)

    # And sorts it by tracking number, largest first
    header = page.locator('th[data-column="tracking_number"]')
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert "sort=-tracking_number" in page.url

    # Then the larger number comes first (retried: the sorted page replaces the rows)
    expect(page.locator('td[data-column="tracking_number"]')).to_have_text(sorted(numbers, reverse=True))


def test_receipts_and_returns_open_with_an_amount_range_and_backorders_switch_off(
    shell, world, live_server, read_db
):
    # Given three receipts of one new customer, of 11, 22 and 33 yuan
    tag = uuid.uuid4().hex[:6]
    customer = given_customer(
        Api(live_server, world.alpha.host, world.alpha.email("sales")), f"区间客户{tag}"
    )
    finance = Api(live_server, world.alpha.host, world.alpha.email("finance"))
    numbers = {}
    for amount in ("11", "22", "33"):
        answer = finance(
            RECEIPT,
            {"input": {"customerId": customer["id"], "amount": amount, "reference": f"{tag}-{amount}"}},
        )
        numbers[amount] = answer["receipt"]["number"]

    owner = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    for n in (1, 2):  # with several warehouses the returns table offers a warehouse filter
        warehouse(owner, f"R{n}{tag.upper()}")

    # When the receipts table opens from a shared URL with the range 15 to 40
    query = f"customer={customer['id']}&min=15&max=40"
    app = shell(as_user="owner", viewport=WIDE, path=f"/app/receipts?{query}")
    page = app.page
    expect(_rows(page)).to_have_count(2)
    expect(page.get_by_label("最低金额")).to_have_value("15")
    expect(page.get_by_label("最高金额")).to_have_value("40")

    # Then sorting by amount keeps the range in the URL and puts 22 before 33
    page.locator('th[data-column="amount"]').get_by_role("button").click()
    expect(page.locator('th[data-column="amount"]')).to_have_attribute("aria-sort", "ascending")
    expect(page.locator('td[data-column="number"]')).to_have_text([numbers["22"], numbers["33"]])
    assert "sort=amount" in page.url and "min=15" in page.url and "max=40" in page.url

    # And the returns table takes the same keys: none of this customer's, no refusal
    app.open(f"/app/returns?{query}&sort=-amount")
    expect(page.get_by_text("没有符合条件的记录")).to_be_visible()
    expect(page.get_by_label("最低金额")).to_have_value("15")
    expect(page.get_by_role("combobox", name="仓库")).to_be_visible()
    assert "sort=-amount" in page.url and "min=15" in page.url

    # And the owner switches backorders off in the sales settings, with its explanation shown
    try:
        app.open("/app/settings/sales")
        switch = page.get_by_role("switch", name="允许超出可用库存下单")
        expect(switch).to_be_checked()
        expect(page.get_by_text("提交这样的订单会被拒绝", exact=False)).to_be_visible()
        _check_page(app)
        switch.uncheck()
        page.get_by_role("button", name="保存", exact=True).click()
        expect(page.get_by_text("销售设置已保存。")).to_be_visible()
        settings = read_db(world.alpha, lambda: SalesSettings.objects.get().backorders_allowed)
        assert settings is False
    finally:  # the other tests' orders may go beyond stock
        owner(SALES_SETTINGS, {"input": {"backordersAllowed": True}})
