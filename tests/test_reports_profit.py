"""Profit per order, customer, rep and product: revenue on shipment less received returns, cost
of goods less returned cost, order expenses; only for cost.view; constant queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.accounts import scopes
from saas.core.errors import Forbidden
from saas.reports.profit import profit_report
from tests.fixtures.reports import ReportData, grant, report_return
from tests.fixtures.tenants import client_for, graphql

D = Decimal
OCTOBER = {"date_from": date(2025, 10, 1), "date_to": date(2025, 10, 31)}


@pytest.fixture
def profits(report_data: ReportData) -> ReportData:
    r = report_data
    shipped = r.order(
        order_date=date(2025, 10, 5),
        lines=[(r.shirt, "10", "1000", "600"), (r.phone, "2", "3000", "2400")],
        expense="50",
    )
    report_return(shipped, 1, quantity="2", amount="200", cost="120", reason="quality")
    # Four of ten shipped: 40 % of the line is revenue; an approved return not yet back counts not.
    partly = r.order(
        customer=r.bolt,
        order_date=date(2025, 10, 20),
        status="partly_shipped",
        lines=[(r.shirt, "10", "1000", "240", "4")],
    )
    report_return(partly, 1, quantity="1", amount="100", cost="60", status="approved")
    r.order(
        order_date=date(2025, 10, 25), status="approved", lines=[(r.phone, "1", "1500", "0")], expense="20"
    )
    r.order(order_date=date(2025, 11, 2), lines=[(r.phone, "1", "1500", "1200")])
    r.order(
        customer=r.bolt, order_date=date(2025, 10, 8), status="cancelled", lines=[(r.shirt, "1", "100", "0")]
    )
    return r


def figures(row) -> tuple:
    return (row.order_count, row.revenue, row.cost, row.expenses, row.profit, row.margin_percent)


def test_profit_per_order(profits):
    report = profit_report(actor=profits.user("manager"), group_by="order", **OCTOBER)
    assert [(row.order_date, row.customer, row.rep) for row in report.rows] == [
        (date(2025, 10, 5), "杭州甲方贸易", profits.rep.full_name),
        (date(2025, 10, 20), "宁波乙方商行", "王芳"),
        (date(2025, 10, 25), "杭州甲方贸易", profits.rep.full_name),
    ]
    assert [figures(row) for row in report.rows] == [
        (1, D("3800.00"), D("2880.00"), D("50.00"), D("870.00"), D("22.9")),
        (1, D("400.00"), D("240.00"), D("0.00"), D("160.00"), D("40.0")),
        (1, D("0.00"), D("0.00"), D("20.00"), D("-20.00"), None),
    ]
    assert figures(report.totals) == (3, D("4200.00"), D("3120.00"), D("70.00"), D("1010.00"), D("24.0"))
    assert report.rows[0].label.startswith("SO-R-") and report.totals.label
    assert not report.truncated


def test_profit_per_customer_and_rep_include_order_expenses(profits):
    by_customer = profit_report(actor=profits.user("finance"), group_by="customer", **OCTOBER)
    assert [(row.label, *figures(row)) for row in by_customer.rows] == [
        ("杭州甲方贸易", 2, D("3800.00"), D("2880.00"), D("70.00"), D("850.00"), D("22.4")),
        ("宁波乙方商行", 1, D("400.00"), D("240.00"), D("0.00"), D("160.00"), D("40.0")),
    ]
    by_rep = profit_report(actor=profits.user("finance"), group_by="rep", **OCTOBER)
    assert [(row.key, row.profit) for row in by_rep.rows] == [
        (str(profits.rep.pk), D("850.00")),
        (str(profits.rep2.pk), D("160.00")),
    ]
    assert by_rep.totals.profit == by_customer.totals.profit == D("1010.00")


def test_profit_per_product_is_gross_and_adds_up(profits):
    report = profit_report(actor=profits.user("manager"), group_by="product", **OCTOBER)
    assert [(row.label, *figures(row)) for row in report.rows] == [
        ("手机", 2, D("3000.00"), D("2400.00"), None, D("600.00"), D("20.0")),
        ("红色衬衫", 2, D("1200.00"), D("720.00"), None, D("480.00"), D("40.0")),
    ]
    assert figures(report.totals) == (3, D("4200.00"), D("3120.00"), None, D("1080.00"), D("25.7"))


def test_rows_are_capped_but_totals_cover_everything(profits):
    report = profit_report(actor=profits.user("manager"), group_by="order", limit=2, **OCTOBER)
    assert len(report.rows) == 2 and report.truncated
    assert report.totals.profit == D("1010.00")


def test_profit_needs_cost_view(profits):
    rep_with_reports = grant(profits.rep, scopes.REPORTS_VIEW)
    for actor in (
        rep_with_reports,
        profits.user("warehouse"),
        profits.user("sales"),
        profits.user("distributor"),
    ):
        with pytest.raises(Forbidden) as excinfo:
            profit_report(actor=actor, group_by="order", **OCTOBER)
        assert excinfo.value.code == "forbidden"
    # With cost.view as well, a rep sees the profit of own orders only.
    costing_rep = grant(rep_with_reports, scopes.COST_VIEW)
    report = profit_report(actor=costing_rep, group_by="customer", **OCTOBER)
    assert [row.label for row in report.rows] == ["杭州甲方贸易"]
    assert report.totals.profit == D("850.00")


def test_profit_over_graphql_and_forbidden_without_cost_view(profits):
    query = """query { profitReport(groupBy: CUSTOMER, from: "2025-10-01", to: "2025-10-31") {
        groupBy from to currency rows { label orderCount revenue cost expenses profit marginPercent }
        totals { profit } truncated } }"""
    data = graphql(client_for(profits.workspace, profits.user("manager")), query)["data"]["profitReport"]
    assert data["rows"][0] == {
        "label": "杭州甲方贸易",
        "orderCount": 2,
        "revenue": "3800.00",
        "cost": "2880.00",
        "expenses": "70.00",
        "profit": "850.00",
        "marginPercent": "22.4",
    }
    assert (data["groupBy"], data["from"], data["totals"]["profit"]) == ("CUSTOMER", "2025-10-01", "1010.00")
    rep = grant(profits.rep, scopes.REPORTS_VIEW)
    denied = graphql(client_for(profits.workspace, rep), query)
    assert denied["data"] is None
    assert denied["errors"][0]["extensions"]["code"] == "forbidden"


def test_profit_runs_in_a_constant_number_of_queries(profits):
    def count(group: str) -> int:
        actor = profits.user("manager")
        with CaptureQueriesContext(connection) as captured:
            profit_report(actor=actor, group_by=group, **OCTOBER)
        return len(captured)

    before = {group: count(group) for group in ("order", "customer", "rep", "product")}
    for day in range(1, 16):
        order = profits.order(
            customer=profits.bolt, order_date=date(2025, 10, day), lines=[(profits.shirt, "3", "30", "18")]
        )
        report_return(order, 1, quantity="1", amount="10", cost="6")
    after = {group: count(group) for group in ("order", "customer", "rep", "product")}
    assert after == before == {"order": 2, "customer": 2, "rep": 2, "product": 2}  # roles, the report
