"""Who sees which report figures: a rep only own orders (in the API and in every export), no
report without reports.view, no cost without cost.view, nothing across workspaces, fail closed."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django_tenants.utils import tenant_context

from saas.accounts import scopes
from saas.accounts.models import User
from saas.accounts.visibility import MissingActor
from saas.core.errors import Forbidden
from saas.reports.arrears import customer_arrears
from saas.reports.profit import profit_report
from saas.reports.returns import returns_report
from saas.reports.sales import sales_report
from saas.reports.statistics import order_statistics
from tests.fixtures.reports import ReportData, grant, report_data_for, report_return
from tests.fixtures.tenants import client_for, graphql

pytestmark = pytest.mark.urls("tests.fixtures.reports")
D = Decimal
OCTOBER = {"date_from": date(2025, 10, 1), "date_to": date(2025, 10, 31)}
QUERIES = {
    "orderStatistics": "orderStatistics(groupBy: DAY) { truncated }",
    "salesReport": "salesReport(period: DAY) { currency }",
    "profitReport": "profitReport(groupBy: ORDER) { truncated }",
    "customerArrears": "customerArrears { truncated }",
    "returnsReport": "returnsReport { truncated }",
}


@pytest.fixture
def two_reps(report_data: ReportData, zh_report_catalogue: None) -> ReportData:
    r = report_data
    mine = r.order(order_date=date(2025, 10, 5), lines=[(r.shirt, "10", "1000", "600")], received="400")
    report_return(mine, 1, quantity="1", amount="100", cost="60", reason="quality")
    theirs = r.order(customer=r.bolt, order_date=date(2025, 10, 6), lines=[(r.phone, "2", "3000", "2400")])
    report_return(theirs, 1, quantity="1", amount="1500", cost="1200", reason="damaged")
    return r


def reporting_rep(data: ReportData) -> User:
    """The alpha sales rep, given reports.view by a custom role (the built-in sales role has none)."""
    return grant(data.rep, scopes.REPORTS_VIEW)


def test_a_rep_counts_only_own_orders(two_reps):
    rep = reporting_rep(two_reps)
    stats = order_statistics(actor=rep, group_by="customer", **OCTOBER)
    assert [(row.label, row.amount) for row in stats.rows] == [("杭州甲方贸易", D("1000.00"))]
    assert stats.totals.amount == D("1000.00")
    report = sales_report(actor=rep, period="day", anchor=date(2025, 10, 1))
    assert (report.totals.order_count, report.totals.amount) == (1, D("1000.00"))
    arrears = customer_arrears(actor=rep)
    assert [(row.name, row.balance) for row in arrears.rows] == [("杭州甲方贸易", D("500.00"))]
    returns = returns_report(actor=rep, group_by="reason", **OCTOBER)
    assert [(row.key, row.amount) for row in returns.rows] == [("quality", D("100.00"))]
    everything = order_statistics(actor=two_reps.user("manager"), group_by="customer", **OCTOBER)
    assert everything.totals.amount == D("4000.00")


def test_a_reps_customer_ordered_through_a_colleague_stays_out_of_the_reps_arrears(two_reps):
    r = two_reps
    r.order(customer=r.bolt, rep=r.rep, order_date=date(2025, 10, 9), lines=[(r.shirt, "1", "77", "1")])
    assert [row.name for row in customer_arrears(actor=reporting_rep(r)).rows] == ["杭州甲方贸易"]


def test_a_reps_exports_count_only_own_orders(two_reps):
    client = client_for(two_reps.workspace, reporting_rep(two_reps))
    params = {"group": "customer", "from": "2025-10-01", "to": "2025-10-31"}
    body = client.get("/reports/order-statistics.csv", params).content.decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[1].startswith("杭州甲方贸易,1,1000.00") and lines[-1].startswith("合计,1,1000.00")
    assert "宁波乙方商行" not in body
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/reports/order-statistics.xlsx", params).content))
    rows = list(sheet.worksheets[0].iter_rows(values_only=True))
    assert [row[:3] for row in rows[1:]] == [("杭州甲方贸易", 1, 1000), ("合计", 1, 1000)]
    orders = openpyxl.load_workbook(
        io.BytesIO(client.get("/reports/orders.xlsx", {"from": "2025-10-01", "to": "2025-10-31"}).content)
    )
    order_rows = list(orders.worksheets[0].iter_rows(values_only=True))[1:]
    assert [row[2] for row in order_rows] == ["杭州甲方贸易"]
    returns = client.get(
        "/reports/returns.xlsx", {"group": "product", "from": "2025-10-01", "to": "2025-10-31"}
    )
    return_rows = list(
        openpyxl.load_workbook(io.BytesIO(returns.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert [row[0] for row in return_rows] == ["商品", "红色衬衫", "合计"]


@pytest.mark.parametrize("role", ["warehouse", "distributor", "nobody"])
def test_roles_without_reports_view_are_forbidden_everywhere(two_reps, role):
    if role == "nobody":
        user = User.objects.create_user(
            email="nobody@alpha.reports.test", password="x-Long-enough-9", full_name="无"
        )
    else:
        user = two_reps.user(role)
    for call in (
        lambda: order_statistics(actor=user, group_by="day"),
        lambda: sales_report(actor=user, period="month"),
        lambda: customer_arrears(actor=user),
        lambda: returns_report(actor=user, group_by="reason"),
    ):
        with pytest.raises(Forbidden):
            call()
    client = client_for(two_reps.workspace, user)
    for name, field in QUERIES.items():
        result = graphql(client, "query { " + field + " }")
        assert result["errors"][0]["extensions"]["code"] == "forbidden", (name, result)
    for path in (
        "/reports/sales.csv",
        "/reports/arrears.xlsx",
        "/reports/profit/print/",
        "/reports/orders.csv",
        "/reports/orders.xlsx",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
    assert client.get("/reports/sales.csv").json()["errors"][0] == {
        "field": None,
        "code": "forbidden",
        "message": "您没有查看报表的权限。",
    }


def test_the_built_in_sales_role_gets_reports_of_its_own_orders_but_no_profit(two_reps):
    rep = two_reps.user("sales")
    report = sales_report(actor=rep, period="month")
    assert report is not None
    with pytest.raises(Forbidden):
        profit_report(actor=rep, group_by="order")


def test_reports_view_without_order_money_is_not_enough(two_reps):
    warehouse_with_reports = grant(two_reps.user("warehouse"), scopes.REPORTS_VIEW)
    with pytest.raises(Forbidden):
        sales_report(actor=warehouse_with_reports, period="day")


def test_costs_are_hidden_without_cost_view(two_reps):
    rep = reporting_rep(two_reps)
    returns = returns_report(actor=rep, group_by="reason", **OCTOBER)
    assert returns.rows[0].cost is None and returns.totals.cost is None and not returns.shows_cost
    client = client_for(two_reps.workspace, rep)
    header = client.get("/reports/returns.csv").content.decode("utf-8-sig").splitlines()[0]
    assert header == "退货原因,退货单数,数量,金额"
    assert client.get("/reports/profit.csv").status_code == 403
    result = graphql(client, "query { returnsReport(groupBy: REASON) { rows { cost } totals { cost } } }")
    assert result["data"]["returnsReport"]["totals"] == {"cost": None}
    assert returns_report(actor=two_reps.user("finance"), group_by="reason", **OCTOBER).totals.cost == D(
        "1260.00"
    )


def test_reports_fail_closed_without_an_actor(two_reps):
    with pytest.raises(MissingActor):
        order_statistics(actor=None, group_by="day")
    with pytest.raises(MissingActor):
        customer_arrears(actor=None)


def test_workspaces_never_see_each_others_figures(two_reps, beta):
    with tenant_context(beta.tenant):
        theirs = report_data_for(beta)
        theirs.order(order_date=date(2025, 10, 7), lines=[(theirs.shirt, "1", "99999", "1")])
        beta_manager = theirs.user("manager")
        beta_totals = order_statistics(actor=beta_manager, group_by="day", **OCTOBER).totals
        assert beta_totals.amount == D("99999.00")
        assert [row.name for row in customer_arrears(actor=beta_manager).rows] == ["杭州甲方贸易"]
    alpha_manager = two_reps.user("manager")
    assert order_statistics(actor=alpha_manager, group_by="day", **OCTOBER).totals.amount == D("4000.00")
    # An alpha session means nothing on beta's host: sent to beta's login, no figures.
    alpha_client = client_for(two_reps.workspace, alpha_manager)
    alpha_client.defaults["HTTP_HOST"] = beta.host
    response = alpha_client.get("/reports/order-statistics.csv")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    result = graphql(alpha_client, "query { orderStatistics(groupBy: DAY) { totals { amount } } }")
    assert result["errors"][0]["extensions"]["code"] == "unauthenticated"
    beta_csv = client_for(beta, beta_manager).get(
        "/reports/order-statistics.csv", {"from": "2025-10-01", "to": "2025-10-31"}
    )
    assert "99999.00" in beta_csv.content.decode("utf-8-sig") and "4000.00" not in beta_csv.content.decode(
        "utf-8-sig"
    )
