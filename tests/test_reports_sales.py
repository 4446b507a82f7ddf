"""Order statistics, sales reports with comparison, arrears and returns: numbers on hand-made
data, the workspace time zone at month boundaries, and a constant number of SQL queries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saas.core.errors import InvalidInput
from saas.reports.arrears import customer_arrears
from saas.reports.filters import OrderFilters
from saas.reports.returns import returns_report
from saas.reports.sales import sales_report
from saas.reports.statistics import order_statistics
from tests.fixtures.reports import ReportData, report_return
from tests.fixtures.tenants import client_for, graphql

D = Decimal


@pytest.fixture
def october(report_data: ReportData) -> ReportData:
    """Sales around October 2025 in alpha (Asia/Shanghai)."""
    r = report_data
    r.order(
        order_date=date(2025, 10, 5),
        lines=[(r.shirt, "10", "1000", "600"), (r.phone, "2", "3000", "2400")],
        received="1000",
        expense="50",
    )
    # 23:30 on 31 October in Beijing, 15:30 UTC: October, not November.
    r.order(
        customer=r.bolt,
        placed_at=datetime(2025, 10, 31, 15, 30, tzinfo=UTC),
        lines=[(r.shirt, "5", "500", "300")],
    )
    r.order(order_date=date(2025, 11, 1), status="approved", lines=[(r.phone, "1", "1500", "0")])
    r.order(order_date=date(2025, 10, 10), status="draft", lines=[(r.shirt, "1", "100", "0")])
    r.order(
        customer=r.bolt, order_date=date(2025, 10, 12), status="cancelled", lines=[(r.shirt, "2", "200", "0")]
    )
    r.order(order_date=date(2025, 9, 15), lines=[(r.shirt, "3", "300", "180")], received="300")
    r.order(
        customer=r.bolt,
        order_date=date(2024, 10, 20),
        lines=[(r.phone, "1", "2000", "1600")],
        received="2000",
    )
    return r


def manager(data: ReportData):
    return data.user("manager")


def test_statistics_by_day_count_sold_orders_of_the_period(october):
    result = order_statistics(
        actor=manager(october), group_by="day", date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)
    )
    assert [(r.key, r.order_count, r.amount) for r in result.rows] == [
        ("2025-10-05", 1, D("4000.00")),
        ("2025-10-31", 1, D("500.00")),
    ]
    totals = result.totals
    assert (totals.order_count, totals.amount, totals.received_amount, totals.balance) == (
        2,
        D("4500.00"),
        D("1000.00"),
        D("3500.00"),
    )
    assert result.currency == "CNY" and not result.truncated


def test_statistics_by_month_customer_rep_status_and_product(october):
    m = manager(october)
    by_month = order_statistics(
        actor=m, group_by="month", date_from=date(2025, 9, 1), date_to=date(2025, 11, 30)
    )
    assert [(r.key, r.order_count, r.amount) for r in by_month.rows] == [
        ("2025-09", 1, D("300.00")),
        ("2025-10", 2, D("4500.00")),
        ("2025-11", 1, D("1500.00")),
    ]
    october_only = {"date_from": date(2025, 10, 1), "date_to": date(2025, 10, 31)}
    by_customer = order_statistics(actor=m, group_by="customer", **october_only)
    assert [(r.label, r.amount) for r in by_customer.rows] == [
        ("杭州甲方贸易", D("4000.00")),
        ("宁波乙方商行", D("500.00")),
    ]
    by_rep = order_statistics(actor=m, group_by="rep", **october_only)
    assert [(r.key, r.order_count) for r in by_rep.rows] == [
        (str(october.rep.pk), 1),
        (str(october.rep2.pk), 1),
    ]
    everything = OrderFilters.of(statuses=["draft", "cancelled", "completed"])
    by_status = order_statistics(actor=m, group_by="status", filters=everything, **october_only)
    assert [(r.key, r.order_count) for r in by_status.rows] == [
        ("draft", 1),
        ("completed", 2),
        ("cancelled", 1),
    ]
    by_product = order_statistics(actor=m, group_by="product", **october_only)
    assert [(r.label, r.order_count, r.quantity, r.amount) for r in by_product.rows] == [
        ("手机", 1, D("2.000"), D("3000.00")),
        ("红色衬衫", 2, D("15.000"), D("1500.00")),
    ]
    assert (by_product.totals.order_count, by_product.totals.quantity) == (2, D("17.000"))
    assert by_product.totals.balance is None
    by_sku = order_statistics(actor=m, group_by="sku", **october_only)
    assert by_sku.rows[0].label.startswith("RPT-PHONE")


def test_statistics_filters_by_rep_customer_and_product(october):
    m = manager(october)
    october_only = {"date_from": date(2025, 10, 1), "date_to": date(2025, 10, 31)}
    by_rep2 = order_statistics(
        actor=m, group_by="day", filters=OrderFilters.of(rep_id=october.rep2.pk), **october_only
    )
    assert [(r.key, r.amount) for r in by_rep2.rows] == [("2025-10-31", D("500.00"))]
    with_phones = order_statistics(
        actor=m,
        group_by="customer",
        filters=OrderFilters.of(product_id=october.phone.product_id),
        **october_only,
    )
    assert [(r.label, r.amount) for r in with_phones.rows] == [("杭州甲方贸易", D("4000.00"))]
    shirts = order_statistics(
        actor=m, group_by="sku", filters=OrderFilters.of(sku_id=october.shirt.pk), **october_only
    )
    assert [r.quantity for r in shirts.rows] == [D("15.000")]
    none = order_statistics(
        actor=m,
        group_by="day",
        filters=OrderFilters.of(customer_id=october.bolt.pk, rep_id=october.rep.pk),
        **october_only,
    )
    assert none.rows == [] and none.totals.order_count == 0 and none.totals.amount == D(0)


def test_daily_report_compares_each_day_and_the_month_with_the_previous_month(october):
    report = sales_report(actor=manager(october), period="day", anchor=date(2025, 10, 15))
    assert (report.range.start, report.range.end) == (date(2025, 10, 1), date(2025, 10, 31))
    assert (report.previous_range.start, report.previous_range.end) == (date(2025, 9, 1), date(2025, 9, 30))
    assert len(report.rows) == 31
    days = {row.label: row for row in report.rows}
    assert (days["2025-10-05"].current.order_count, days["2025-10-05"].current.amount) == (1, D("4000.00"))
    assert days["2025-10-15"].previous.amount == D("300.00")  # 15 September
    assert days["2025-10-15"].amount_change_percent == D("-100.0")
    assert days["2025-10-31"].previous is None  # September has no 31st
    assert (report.totals.order_count, report.totals.amount) == (2, D("4500.00"))
    assert (report.previous_totals.order_count, report.previous_totals.amount) == (1, D("300.00"))
    assert report.amount_change_percent == D("1400.0")
    assert report.order_count_change_percent == D("100.0")


def test_an_order_late_on_the_last_evening_belongs_to_that_month(october):
    m = manager(october)
    november = sales_report(actor=m, period="day", anchor=date(2025, 11, 20))
    assert (november.totals.order_count, november.totals.amount) == (1, D("1500.00"))
    assert november.previous_totals.amount == D("4500.00")  # the 31 October order counted in October


def test_monthly_report_compares_with_the_previous_year(october):
    report = sales_report(actor=manager(october), period="month", anchor=date(2025, 6, 1))
    assert [row.label for row in report.rows][:2] == ["2025-01", "2025-02"] and len(report.rows) == 12
    oct_row = report.rows[9]
    assert (oct_row.label, oct_row.current.amount, oct_row.previous.amount) == (
        "2025-10",
        D("4500.00"),
        D("2000.00"),
    )
    assert oct_row.amount_change_percent == D("125.0")
    assert report.rows[0].amount_change_percent is None  # nothing in January 2024
    assert (report.totals.order_count, report.totals.amount) == (4, D("6300.00"))
    assert (report.previous_totals.order_count, report.previous_totals.amount) == (1, D("2000.00"))
    assert report.amount_change_percent == D("215.0")


def test_yearly_report_lists_years_each_beside_the_year_before(october):
    report = sales_report(actor=manager(october), period="year", anchor=date(2025, 3, 1), years=2)
    assert [(r.label, r.current.amount, r.amount_change_percent) for r in report.rows] == [
        ("2024", D("2000.00"), None),
        ("2025", D("6300.00"), D("215.0")),
    ]
    assert report.totals.amount == D("8300.00") and report.previous_totals.amount == D(0)
    assert report.amount_change_percent is None
    with pytest.raises(InvalidInput) as excinfo:
        sales_report(actor=manager(october), period="year", years=11)
    assert excinfo.value.code == "years_invalid"


def test_the_default_period_is_this_month_in_the_workspace_time_zone(october, monkeypatch):
    # 00:30 on 1 November in Beijing is still 31 October in UTC.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 10, 31, 16, 30, tzinfo=UTC))
    report = sales_report(actor=manager(october), period="day")
    assert report.range.start == date(2025, 11, 1)
    assert order_statistics(actor=manager(october), group_by="day").period.start == date(2025, 11, 1)
    connection.tenant.time_zone = "UTC"
    assert sales_report(actor=manager(october), period="day").range.start == date(2025, 10, 1)


def test_bad_periods_and_groupings_have_stable_codes(october):
    m = manager(october)
    cases = [
        (
            {"group_by": "day", "date_from": date(2025, 10, 2), "date_to": date(2025, 10, 1)},
            "date_range_invalid",
        ),
        (
            {"group_by": "day", "date_from": date(2024, 1, 1), "date_to": date(2025, 10, 1)},
            "date_range_too_long",
        ),
        ({"group_by": "week"}, "group_invalid"),
        ({"group_by": "day", "date_from": date(1900, 1, 1)}, "date_invalid"),
    ]
    for arguments, code in cases:
        with pytest.raises(InvalidInput) as excinfo:
            order_statistics(actor=m, **arguments)
        assert excinfo.value.code == code, arguments
    with pytest.raises(InvalidInput) as excinfo:
        OrderFilters.of(statuses=["shipped-ish"])
    assert excinfo.value.code == "status_invalid"
    with pytest.raises(InvalidInput) as excinfo:
        sales_report(actor=m, period="week")
    assert excinfo.value.code == "period_invalid"


def test_arrears_sum_what_each_customer_owes_with_the_oldest_unpaid_order(october, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 11, 4, 4, 0, tzinfo=UTC))
    result = customer_arrears(actor=manager(october))
    acme, bolt = result.rows
    assert (acme.name, acme.balance, acme.unpaid_order_count, acme.oldest_unpaid_date) == (
        "杭州甲方贸易",
        D("4500.00"),
        2,
        date(2025, 10, 5),
    )
    assert (acme.amount, acme.received, acme.days_outstanding, acme.owner) == (
        D("5500.00"),
        D("1000.00"),
        30,
        october.rep.full_name,
    )
    assert (bolt.balance, bolt.oldest_unpaid_date) == (D("500.00"), date(2025, 10, 31))
    assert (result.totals.customer_count, result.totals.balance, result.totals.unpaid_order_count) == (
        2,
        D("5000.00"),
        3,
    )
    assert result.as_of == date(2025, 11, 4)
    # An overpaid order offsets what the customer owes on others.
    october.order(
        customer=october.bolt,
        order_date=date(2025, 10, 1),
        lines=[(october.shirt, "1", "500", "1")],
        received="1000",
    )
    assert [row.name for row in customer_arrears(actor=manager(october)).rows] == ["杭州甲方贸易"]


def test_returns_report_by_reason_and_product(october, zh_report_catalogue):
    r = october
    first = r.order(
        order_date=date(2025, 10, 3),
        lines=[(r.shirt, "10", "1000", "600"), (r.phone, "2", "3000", "2400")],
    )
    report_return(
        first, 1, quantity="2", amount="200", cost="120", reason="quality", return_date=date(2025, 10, 8)
    )
    report_return(
        first,
        2,
        quantity="1",
        amount="1500",
        cost="1200",
        reason="wrong_item",
        status="approved",
        return_date=date(2025, 10, 9),
    )
    report_return(
        first,
        1,
        quantity="1",
        amount="100",
        cost="60",
        reason="quality",
        status="pending_approval",
        return_date=date(2025, 10, 9),
    )
    report_return(
        first, 1, quantity="1", amount="100", cost="60", reason="damaged", return_date=date(2025, 11, 2)
    )
    by_reason = returns_report(
        actor=manager(r), group_by="reason", date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)
    )
    assert [
        (row.key, row.label, row.return_count, row.quantity, row.amount, row.cost) for row in by_reason.rows
    ] == [
        ("wrong_item", "发错货", 1, D("1.000"), D("1500.00"), D("1200.00")),
        ("quality", "质量问题", 1, D("2.000"), D("200.00"), D("120.00")),
    ]
    assert (by_reason.totals.return_count, by_reason.totals.amount) == (2, D("1700.00"))
    by_product = returns_report(
        actor=manager(r), group_by="product", date_from=date(2025, 10, 1), date_to=date(2025, 10, 31)
    )
    assert [(row.label, row.amount) for row in by_product.rows] == [
        ("手机", D("1500.00")),
        ("红色衬衫", D("200.00")),
    ]


def _count_queries(data: ReportData, call) -> int:
    actor = manager(data)  # a fresh actor, as in a request: its roles are read once
    with CaptureQueriesContext(connection) as captured:
        call(actor)
    return len(captured)


def test_reports_run_in_a_constant_small_number_of_queries(october):
    r = october
    period = {"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}
    calls = {
        "statistics by customer": lambda a: order_statistics(actor=a, group_by="customer", **period),
        "statistics by product": lambda a: order_statistics(actor=a, group_by="product", **period),
        "monthly": lambda a: sales_report(actor=a, period="month", anchor=date(2025, 1, 1)),
        "arrears": lambda a: customer_arrears(actor=a),
        "returns": lambda a: returns_report(actor=a, group_by="sku", **period),
    }
    before = {name: _count_queries(r, call) for name, call in calls.items()}
    for day in range(1, 21):
        order = r.order(
            customer=r.bolt if day % 2 else r.acme,
            order_date=date(2025, 3, day),
            lines=[(r.shirt, "2", "20", "12"), (r.phone, "1", "99", "70")],
        )
        report_return(order, 1, quantity="1", amount="10", cost="6", reason="quality")
    after = {name: _count_queries(r, call) for name, call in calls.items()}
    assert after == before
    # The actor's roles, then the report's own: rows and totals (one query for sales and arrears).
    assert after == {
        "statistics by customer": 3,
        "statistics by product": 3,
        "monthly": 2,
        "arrears": 2,
        "returns": 3,
    }


def test_sales_report_over_graphql(october):
    client = client_for(october.workspace, manager(october))
    data = graphql(
        client,
        """query { salesReport(period: MONTH, anchor: "2025-10-01") {
            period from to previousFrom currency totals { orderCount amount } previousTotals { amount }
            amountChangePercent rows { label amount previousAmount amountChangePercent } } }""",
    )["data"]["salesReport"]
    assert (data["period"], data["from"], data["previousFrom"], data["currency"]) == (
        "MONTH",
        "2025-01-01",
        "2024-01-01",
        "CNY",
    )
    assert data["totals"] == {"orderCount": 4, "amount": "6300.00"}
    assert data["amountChangePercent"] == "215.0"
    assert data["rows"][9] == {
        "label": "2025-10",
        "amount": "4500.00",
        "previousAmount": "2000.00",
        "amountChangePercent": "125.0",
    }


def test_statistics_and_arrears_over_graphql(october):
    client = client_for(october.workspace, manager(october))
    result = graphql(
        client,
        """query($f: OrderStatisticsFilter) {
            orderStatistics(groupBy: PRODUCT, from: "2025-10-01", to: "2025-10-31", filters: $f) {
              groupBy from to rows { label orderCount quantity amount balance } totals { amount } truncated }
            customerArrears { asOf rows { name balance oldestUnpaidDate } totals { customerCount balance } }
            returnsReport(from: "2025-10-01", to: "2025-10-31") { groupBy rows { key } totals { returnCount } } }""",
        {"f": {"repId": str(october.rep.pk)}},
    )
    assert "errors" not in result, result
    stats = result["data"]["orderStatistics"]
    assert stats["rows"] == [
        {"label": "手机", "orderCount": 1, "quantity": "2.000", "amount": "3000.00", "balance": None},
        {"label": "红色衬衫", "orderCount": 1, "quantity": "10.000", "amount": "1000.00", "balance": None},
    ]
    arrears = result["data"]["customerArrears"]
    assert arrears["totals"] == {"customerCount": 2, "balance": "5000.00"}
    assert result["data"]["returnsReport"] == {"groupBy": "REASON", "rows": [], "totals": {"returnCount": 0}}


def test_graphql_errors_carry_codes(october):
    client = client_for(october.workspace, manager(october))
    cases = {
        'orderStatistics(groupBy: DAY, from: "2025-10-31", to: "2025-10-01") { truncated }': "date_range_invalid",
        # Statuses are an enum: a value that is not one is refused before any resolver runs.
        "orderStatistics(groupBy: DAY, filters: {statuses: [NOPE]}) { truncated }": "query_invalid",
        'orderStatistics(groupBy: DAY, filters: {repId: "x1"}) { truncated }': "id_invalid",
        "customerArrears(limit: 0) { truncated }": "limit_invalid",
        "salesReport(period: YEAR, years: 0) { currency }": "years_invalid",
        'profitReport(groupBy: ORDER, from: "2010-01-01", to: "2025-01-01") { truncated }': "date_range_too_long",
        "orderStatistics(groupBy: WEEK) { truncated }": "query_invalid",
    }
    for field, code in cases.items():
        result = graphql(client, "query { " + field + " }")
        assert result["errors"][0]["extensions"]["code"] == code, (field, result)
