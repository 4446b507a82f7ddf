"""CSV and XLSX downloads and print pages: Chinese headers by default, English on request, a BOM
for Excel, real numbers and dates in XLSX, 400 with a code for bad parameters, login required."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest

from saas.accounts.models import User
from tests.fixtures.reports import ReportData, report_return
from tests.fixtures.tenants import client_for

pytestmark = pytest.mark.urls("tests.fixtures.reports")
OCTOBER = {"from": "2025-10-01", "to": "2025-10-31"}


@pytest.fixture
def sales(report_data: ReportData, zh_report_catalogue: None) -> ReportData:
    r = report_data
    first = r.order(
        order_date=date(2025, 10, 5),
        lines=[(r.shirt, "10", "1000", "600"), (r.phone, "2", "3000", "2400")],
        received="1000",
        expense="50",
    )
    report_return(first, 1, quantity="2", amount="200", cost="120", return_date=date(2025, 10, 9))
    r.order(customer=r.bolt, order_date=date(2025, 10, 31), lines=[(r.shirt, "5", "500", "300")])
    r.order(order_date=date(2025, 9, 15), lines=[(r.shirt, "3", "300", "180")])
    r.order(order_date=date(2025, 10, 20), status="pending_shipment", lines=[(r.phone, "1", "1500", "0")])
    return r


def get(data: ReportData, path: str, role: str = "manager", user: User | None = None, **params: str):
    client = client_for(data.workspace, user or data.user(role))
    return client.get(path, params)


def csv_rows(response) -> list[list[str]]:
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_sheets(response) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def test_csv_has_a_bom_and_chinese_headers_by_default(sales):
    response = get(sales, "/reports/order-statistics.csv", group="customer", **OCTOBER)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="order-statistics-customer-20251001-20251031.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    rows = csv_rows(response)
    assert rows[0] == ["客户", "订单数", "金额", "优惠", "税额", "已收款", "未收余额"]
    assert rows[1][:3] == ["杭州甲方贸易", "2", "5500.00"]
    assert rows[2][:3] == ["宁波乙方商行", "1", "500.00"]
    assert rows[-1][:3] == ["合计", "3", "6000.00"]
    assert rows[-1][-1] == "4800.00"  # balance: 6000 − 200 returned − 1000 received


def test_english_headers_for_a_user_who_chose_english(sales):
    manager = sales.user("manager")
    manager.language = "en"
    manager.save(update_fields=["language"])
    rows = csv_rows(get(sales, "/reports/order-statistics.csv", user=manager, group="status", **OCTOBER))
    assert rows[0] == ["Status", "Orders", "Amount", "Discount", "Tax", "Received", "Balance"]
    assert [row[0] for row in rows[1:]] == ["Pending shipment", "Completed", "Total"]
    asked = csv_rows(get(sales, "/reports/arrears.csv", lang="en"))
    assert asked[0][:3] == ["Customer code", "Customer", "Owner rep"]


def test_xlsx_has_numbers_dates_totals_and_an_info_sheet(sales):
    response = get(sales, "/reports/sales.xlsx", period="day", anchor="2025-10-15")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheets = xlsx_sheets(response)
    assert list(sheets) == ["销售日报", "报表信息"]
    rows = sheets["销售日报"]
    assert rows[0] == ("日期", "订单数", "销售额", "上期订单数", "上期销售额", "订单数增减 %", "销售额增减 %")
    assert len(rows) == 1 + 31 + 1
    assert rows[5][:3] == ("2025-10-05", 1, 4000)
    assert rows[15][3:5] == (1, 300)  # 15 October beside 15 September
    assert rows[-1] == ("合计", 3, 6000, 1, 300, 2, 19)  # +200 %, +1900 % as fractions of one
    info = dict(row for row in sheets["报表信息"])
    assert info["报表"] == "销售日报" and info["期间"] == "2025-10-01 – 2025-10-31"
    assert info["上期"] == "2025-09-01 – 2025-09-30" and info["币种"] == "CNY"


def test_xlsx_cells_are_typed(sales):
    response = get(sales, "/reports/profit.xlsx", group="order", **OCTOBER)
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert sheet.title == "利润报表（按订单）"
    header = [cell.value for cell in sheet[1]]
    assert header == ["订单号", "订单日期", "客户", "业务员", "收入", "销售成本", "费用", "利润", "利润率 %"]
    first = sheet[2]
    assert first[1].is_date and first[1].value.date() == date(2025, 10, 5)
    assert (first[4].value, first[4].number_format) == (3800, "#,##0.00")
    assert first[8].number_format == "0.0%"
    assert sheet.freeze_panes == "A2"


def test_every_report_downloads_and_prints(sales):
    reports = {
        "order-statistics": {"group": "product", **OCTOBER},
        "sales": {"period": "year", "anchor": "2025-01-01", "years": "3"},
        "profit": {"group": "product", **OCTOBER},
        "arrears": {},
        "returns": {"group": "sku", **OCTOBER},
        "orders": OCTOBER,
    }
    for name, params in reports.items():
        csv_response = get(sales, f"/reports/{name}.csv", **params)
        assert csv_response.status_code == 200, (name, csv_response.content)
        assert len(csv_rows(csv_response)) >= 2
        xlsx = xlsx_sheets(get(sales, f"/reports/{name}.xlsx", **params))
        assert len(xlsx) == 2
        page = get(sales, f"/reports/{name}/print/", **params)
        assert page.status_code == 200, name
        html = page.content.decode()
        assert '<html lang="zh-CN">' in html and "阿尔法商贸" in html and "打印" in html
        assert f"/reports/{name}.xlsx" in html


def test_print_page_shows_the_report_with_totals(sales):
    html = get(sales, "/reports/returns/print/", group="reason", **OCTOBER).content.decode()
    assert "<h1>退货统计（按原因）</h1>" in html
    assert "质量问题" in html and "200.00" in html and "120.00" in html
    assert '<td class="num">2</td>' in html  # quantity
    assert "<td>合计</td>" in html
    english = get(sales, "/reports/returns/print/", group="reason", lang="en", **OCTOBER).content.decode()
    assert '<html lang="en">' in english and "<h1>Returns by reason</h1>" in english


@pytest.mark.parametrize(
    ("path", "params", "code", "field"),
    [
        ("/reports/order-statistics.csv", {"from": "2025-13-01"}, "date_invalid", "from"),
        (
            "/reports/order-statistics.csv",
            {"from": "2025-10-31", "to": "2025-10-01"},
            "date_range_invalid",
            "from",
        ),
        ("/reports/order-statistics.xlsx", {"group": "week"}, "group_invalid", "groupBy"),
        ("/reports/order-statistics.csv", {"status": "shipped,nope"}, "status_invalid", "statuses"),
        ("/reports/order-statistics.csv", {"rep": "abc"}, "id_invalid", "repId"),
        ("/reports/sales.csv", {"period": "week"}, "period_invalid", "period"),
        ("/reports/sales.csv", {"period": "year", "years": "x"}, "years_invalid", "years"),
        ("/reports/sales.csv", {"period": "year", "years": "40"}, "years_invalid", "years"),
        ("/reports/profit.csv", {"from": "2000-01-01", "to": "2025-01-01"}, "date_range_too_long", "to"),
        ("/reports/returns.xlsx", {"group": "x" * 100}, "too_long", "group"),
    ],
)
def test_bad_parameters_are_a_400_with_a_code(sales, path, params, code, field):
    response = get(sales, path, **params)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]


def test_bad_parameter_messages_are_translated(sales):
    chinese = get(sales, "/reports/order-statistics.csv", **{"from": "yesterday"}).json()["errors"][0]
    assert chinese["message"] == "请按 YYYY-MM-DD 格式输入日期。"
    english = get(sales, "/reports/order-statistics.csv", lang="en", **{"from": "yesterday"}).json()[
        "errors"
    ][0]
    assert english["message"] == "Enter a date as YYYY-MM-DD."
    page = get(sales, "/reports/sales/print/", period="fortnight")
    assert page.status_code == 400
    assert 'data-code="period_invalid"' in page.content.decode()


def test_an_unknown_report_is_not_found(sales):
    response = get(sales, "/reports/salaries.csv")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
    assert get(sales, "/reports/sales.pdf").status_code == 404


def test_signed_out_visitors_are_sent_to_the_login_page(sales):
    response = client_for(sales.workspace).get("/reports/sales.csv?period=day")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/reports/sales.csv")
    assert client_for(sales.workspace).get("/reports/sales/print/").status_code == 302


def test_text_that_looks_like_a_formula_stays_text(sales):
    sales.acme.name = '=HYPERLINK("http://evil.example","点我")'
    sales.acme.save(update_fields=["name"])
    rows = csv_rows(get(sales, "/reports/arrears.csv"))
    assert rows[1][1] == "'" + sales.acme.name
    sheet = openpyxl.load_workbook(io.BytesIO(get(sales, "/reports/arrears.xlsx").content)).worksheets[0]
    cell = sheet.cell(row=2, column=2)
    assert (cell.value, cell.data_type) == (sales.acme.name, "s")


def test_order_list_export_is_a_report_for_reports_viewers_only(sales):
    rows = csv_rows(get(sales, "/reports/orders.csv", **OCTOBER))
    assert rows[0] == [
        "订单号", "订单日期", "客户", "业务员", "状态", "仓库",
        "金额", "优惠", "税额", "费用", "已收款", "退货金额", "未收余额",
    ]  # fmt: skip
    # Newest first, as the order list shows them.
    assert [(row[1], row[4], row[6]) for row in rows[1:]] == [
        ("2025-10-20", "待发货", "1500.00"),
        ("2025-10-31", "已完成", "500.00"),
        ("2025-10-05", "已完成", "4000.00"),
    ]
    searched = csv_rows(get(sales, "/reports/orders.csv", q="宁波", **OCTOBER))
    assert [row[2] for row in searched[1:]] == ["宁波乙方商行"]
    # The order export is a report: without reports.view (the warehouse, a distributor) it is
    # forbidden, in both formats, with the same code as every other report.
    for role in ("warehouse", "distributor"):
        for path in ("/reports/orders.csv", "/reports/orders.xlsx"):
            response = get(sales, path, role=role, **OCTOBER)
            assert response.status_code == 403, (role, path)
            assert response.json()["errors"][0]["code"] == "forbidden"
    workbook = xlsx_sheets(get(sales, "/reports/orders.xlsx", **OCTOBER))
    assert [row[0] for row in next(iter(workbook.values()))[1:]] == [
        row[0] for row in rows[1:]
    ]  # the manager still gets the file, with the same orders as the CSV
