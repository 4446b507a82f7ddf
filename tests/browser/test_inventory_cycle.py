"""The buying cycle on a phone: a low SKU is suggested, confirmed into a draft purchase order,
submitted, approved and received with one unit rejected; stock grows by the accepted units only."""

from __future__ import annotations

import json
import urllib.request
import uuid
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.inventory.models import StockLevel
from saas.procurement.models import PurchaseOrder
from tests.browser.driver import PHONE, api_login, snapshot
from tests.fixtures.tenants import PASSWORD

pytestmark = pytest.mark.live


class Api:
    """GraphQL through the live server from Python, signed in as one user (committed data)."""

    def __init__(self, live_server: Any, host: str, email: str) -> None:
        self.url = f"http://127.0.0.1:{live_server.port}/graphql/"
        self.host = f"{host}:{live_server.port}"
        cookies = {c["name"]: c["value"] for c in api_login(live_server, host, email, PASSWORD)}
        self.cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
        self.csrf = cookies.get("csrftoken", "")

    def __call__(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            self.url,
            data=json.dumps({"query": query, "variables": variables}).encode(),
            headers={
                "Content-Type": "application/json",
                "Host": self.host,
                "Cookie": self.cookie,
                "X-CSRFToken": self.csrf,
                "Referer": f"http://{self.host}/app/",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.loads(response.read())
        assert "errors" not in body, body
        data = next(iter(body["data"].values()))
        assert not data.get("errors"), data
        return data


def low_stock_with_a_supplier(api: Api) -> dict[str, str]:
    """A warehouse, a one-SKU product with 2 in stock, reorder point 10, and a supplier for it."""
    tag = uuid.uuid4().hex[:8].upper()
    warehouse = api(
        "mutation($code: String!, $name: String!) { warehouseCreate(code: $code, name: $name) { warehouse { id } errors { code } } }",
        {"code": f"W{tag}", "name": f"测试仓{tag}"},
    )["warehouse"]
    product = api(
        """mutation($input: ProductCreateInput!) {
             productCreate(input: $input) { product { id skus { id code } } errors { field code } } }""",
        {"input": {"code": f"P{tag}", "name": f"补货测试品{tag}", "listPrice": "25", "costPrice": "9.5"}},
    )["product"]
    sku = product["skus"][0]
    api(
        """mutation($input: StockEntryInput!) { stockEntryCreate(input: $input) { document { id } errors { field code } } }""",
        {
            "input": {
                "warehouseId": warehouse["id"],
                "direction": "IN",
                "reason": "OPENING",
                "lines": [{"skuId": sku["id"], "quantity": "2", "unitCost": "9.5"}],
            }
        },
    )
    api(
        """mutation($input: ThresholdsInput!) { stockThresholdsSet(input: $input) { stockLevel { id } errors { field code } } }""",
        {"input": {"skuId": sku["id"], "warehouseId": warehouse["id"], "reorderPoint": "10", "maxQty": "20"}},
    )
    supplier = api(
        """mutation($input: SupplierCreateInput!) { supplierCreate(input: $input) { supplier { id } errors { field code } } }""",
        {"input": {"code": f"S{tag}", "name": f"测试供应商{tag}"}},
    )["supplier"]
    api(
        """mutation($input: SupplierItemInput!) { supplierItemSet(input: $input) { supplierItem { id } errors { field code } } }""",
        {"input": {"supplierId": supplier["id"], "skuId": sku["id"], "price": "9"}},
    )
    return {
        "sku_id": sku["id"],
        "sku_code": sku["code"],
        "warehouse_id": warehouse["id"],
        "product_id": product["id"],
    }


def test_low_stock_is_bought_approved_and_received_with_a_rejection(shell, world, live_server, read_db):
    # Given a SKU below its reorder point with a supplier (written through the live API)
    api = Api(live_server, world.alpha.host, world.alpha.email("warehouse"))
    given = low_stock_with_a_supplier(api)
    code = given["sku_code"]

    def level() -> StockLevel:
        return StockLevel.objects.get(sku_id=given["sku_id"], warehouse_id=given["warehouse_id"])

    assert read_db(world.alpha, level).on_hand == Decimal("2")

    # When the warehouse user opens replenishment on a phone, keeps only that SKU and confirms
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/replenishment")
    page = app.page
    row = page.locator(f'.suggest-row[data-sku-code="{code}"]')
    expect(row).to_be_visible()
    expect(row).to_contain_text("补货点 10")
    for other in page.locator(".suggest-row").all():
        if other.get_attribute("data-sku-code") != code:
            other.locator(".suggest-keep").uncheck()
    quantity = row.locator(".qty-input").input_value()
    assert Decimal(quantity) >= Decimal("8")  # at least up to the reorder point
    snapshot(app, "phone-replenishment")
    page.get_by_role("button", name="生成采购单").click()

    # Then a draft purchase order opens, and it can be submitted and approved
    app.wait_screen("purchase-order")
    expect(page.locator(".toast")).to_contain_text("已生成采购草稿单")
    expect(page.locator('[data-status="draft"]')).to_be_visible()
    expect(page.locator(f'.po-line[data-sku-code="{code}"]')).to_be_visible()
    page.get_by_role("button", name="提交审批").click()
    expect(page.locator('[data-status="submitted"]')).to_be_visible()
    page.get_by_role("button", name="审批通过").click()
    expect(page.locator('[data-status="approved"]')).to_be_visible()
    snapshot(app, "phone-purchase-order-approved")
    number = page.locator("h1").inner_text()
    order = read_db(world.alpha, lambda: PurchaseOrder.objects.get(number=number))
    assert order.status == "approved"

    # When they receive 5 units and reject 1
    page.get_by_role("link", name="收货").click()
    app.wait_screen("receiving")
    line = page.locator(f'.receive-line[data-sku-code="{code}"]')
    line.get_by_label("合格入库", exact=True).fill("5")
    line.get_by_label("拒收", exact=True).fill("1")
    line.get_by_label("拒收原因").fill("外包装破损")
    snapshot(app, "phone-receiving")
    page.get_by_role("button", name="确认收货").click()

    # Then the order is partly received, and stock grew by the accepted units only
    app.wait_screen("purchase-order")
    expect(page.locator('[data-status="partly_received"]')).to_be_visible()
    expect(page.locator(f'.po-line[data-sku-code="{code}"]')).to_contain_text("已收 5，拒收 1")
    order = read_db(world.alpha, lambda: PurchaseOrder.objects.get(number=number))
    assert order.status == "partly_received"
    assert read_db(world.alpha, level).on_hand == Decimal("7")

    # And the stock screen shows 7 on hand for that SKU
    app.open(f"/app/stock?warehouse={given['warehouse_id']}")
    stock_row = page.locator(f'.item-row[data-sku-code="{code}"]')
    expect(stock_row).to_contain_text("在库 7")
    snapshot(app, "phone-stock")

    # And its ledger lists the receipt
    stock_row.click()
    app.wait_screen("movements")
    expect(page.locator('.item-row[data-kind="receipt"]')).to_contain_text("+5")
    snapshot(app, "phone-movements")
