"""The main lists as Excel with their filters: customers, products, stock, receipts, suppliers,
purchase orders and shipments read through their lists' selectors, so a rep exports only their
own customers, money a role may not see is not in the file, a list someone may not open is
refused, and another workspace's rows never appear."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context
from openpyxl import load_workbook

from saas.procurement.models import Supplier
from tests.fixtures.customers import make_customer
from tests.fixtures.inventory import Stockroom
from tests.fixtures.tenants import Workspace, client_for


def rows(response) -> list[list[object]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_rep_exports_only_their_customers_with_the_filters(in_alpha: Workspace, beta: Workspace):
    rep = in_alpha.users["sales"]
    make_customer("代表的甲客户", owner=rep, phone="13811110000")
    make_customer("代表的乙客户", owner=rep, is_active=False)
    make_customer("同事的客户")
    with tenant_context(beta.tenant):
        make_customer("别家的客户")
    mine = rows(client_for(in_alpha, rep).get("/reports/customers.xlsx"))
    assert mine[0][:2] == ["客户编号", "客户名称"]
    assert sorted(r[1] for r in mine[1:]) == ["代表的乙客户", "代表的甲客户"]
    active = rows(client_for(in_alpha, rep).get("/reports/customers.xlsx?active=true&q=甲"))
    assert [r[1] for r in active[1:]] == ["代表的甲客户"]
    everyone = rows(client_for(in_alpha, in_alpha.users["manager"]).get("/reports/customers.xlsx"))
    names = {r[1] for r in everyone[1:]}
    assert "同事的客户" in names and "别家的客户" not in names


def test_cost_prices_and_stock_values_only_for_those_who_see_costs(stockroom: Stockroom):
    workspace = stockroom.workspace
    stockroom.receive(stockroom.shirt, "10", "25")
    keeper = rows(client_for(workspace, workspace.users["warehouse"]).get("/reports/stock.xlsx?q=SHIRT"))
    assert "平均成本" in keeper[0] and keeper[1][keeper[0].index("现有库存")] == 10
    assert (
        keeper[1][keeper[0].index("库存金额")] == Decimal("250.00")
        or keeper[1][keeper[0].index("库存金额")] == 250
    )
    products_for_keeper = rows(
        client_for(workspace, workspace.users["warehouse"]).get("/reports/products.xlsx")
    )
    assert "成本价" in products_for_keeper[0]
    products_for_rep = rows(client_for(workspace, workspace.users["sales"]).get("/reports/products.xlsx"))
    assert "成本价" not in products_for_rep[0] and len(products_for_rep) == len(products_for_keeper)


def test_lists_someone_may_not_open_are_refused(in_alpha: Workspace):
    rep = client_for(in_alpha, in_alpha.users["sales"])
    assert rep.get("/reports/suppliers.xlsx").status_code == 403
    assert rep.get("/reports/purchase-orders.xlsx").status_code == 403
    assert client_for(in_alpha, in_alpha.users["warehouse"]).get("/reports/receipts.xlsx").status_code == 403
    assert client_for(in_alpha).get("/reports/customers.xlsx").status_code == 302  # to the login page
    assert rep.get("/reports/shipments.xlsx?from=yesterday").json()["errors"][0]["code"] == "date_invalid"


def test_suppliers_purchase_orders_receipts_and_shipments_export(in_alpha: Workspace, beta: Workspace):
    Supplier.objects.create(code="GYS-A", name="本家供应商")
    with tenant_context(beta.tenant):
        Supplier.objects.create(code="GYS-B", name="别家供应商")
    keeper = client_for(in_alpha, in_alpha.users["warehouse"])
    suppliers = rows(keeper.get("/reports/suppliers.xlsx?active=true"))
    assert [r[1] for r in suppliers[1:]] == ["本家供应商"]
    for name in ("purchase-orders", "shipments"):
        assert rows(keeper.get(f"/reports/{name}.xlsx"))[0]
    finance = client_for(in_alpha, in_alpha.users["finance"])
    assert (
        rows(finance.get("/reports/receipts.xlsx?kind=payment&from=2026-01-01&to=2026-12-31"))[0][0]
        == "收款单号"
    )
    assert finance.get("/reports/receipts.xlsx?from=1.1.2026").json()["errors"][0]["code"] == "date_invalid"


@pytest.mark.parametrize(
    "name",
    [
        "customers",
        "products",
        "stock",
        "receipts",
        "suppliers",
        "purchase-orders",
        "shipments",
        "sales-returns",
    ],
)
def test_every_list_also_prints_and_downloads_as_csv(in_alpha: Workspace, name: str):
    owner = client_for(in_alpha, in_alpha.users["owner"])
    assert owner.get(f"/reports/{name}.csv").status_code == 200
    assert owner.get(f"/reports/{name}/print/").status_code == 200
