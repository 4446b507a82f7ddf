"""Importing 500 customers from Excel in the app (issue 17, "done when"): the sheet with two bad
rows is checked, both rows are named with their column and reason, nothing is written and the
import cannot be confirmed; the corrected sheet checks clean and its 500 customers are written,
once, with their contacts and addresses. The customers list links to the import."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from saas.customers.models import Customer
from tests.browser.driver import DESKTOP
from tests.browser.field_helpers import on_screen
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live

SLOW = 60_000  # 500 rows checked on a shared test machine; the answer is a few seconds anywhere
HEADERS = ["客户名称", "电话", "联系人", "联系人电话", "省份", "城市", "区县", "详细地址"]


def write_sheet(path: Path, rows: list[list[str]]) -> None:
    book = Workbook()
    page = book.active
    page.append(HEADERS)
    for row in rows:
        page.append(row)
    book.save(path)


@pytest.fixture
def tag(world, read_db) -> Iterator[str]:
    tag = uuid.uuid4().hex[:6].upper()
    yield tag

    def remove() -> None:
        for customer in Customer.objects.filter(name__startswith=f"导入{tag}"):
            customer.tags.clear()
            customer.contacts.all().delete()
            customer.addresses.all().delete()
            customer.delete()

    read_db(world.alpha, remove)


def test_500_customers_from_excel_two_bad_rows_then_all_of_them(shell, world, read_db, tag, tmp_path):
    digits = int(tag, 16) % 10_000
    rows = [
        [
            f"导入{tag}客户{i:03d}",
            f"0571{digits:04d}{i:04d}",
            f"联系人{i}",
            f"13{digits:04d}{i:05d}",
            "浙江省",
            "杭州市",
            "西湖区",
            f"文三路{i}号",
        ]
        for i in range(500)
    ]
    bad = [row[:] for row in rows]
    bad[35][0] = ""  # sheet row 37: no name
    bad[400][3] = "电话号码"  # sheet row 402: not a phone
    sheet = tmp_path / "客户.xlsx"
    write_sheet(sheet, bad)

    app = shell(as_user="manager", viewport=DESKTOP, enforce_csp=True, path="/app/customers")
    page = app.page
    on_screen(app, "customers")
    page.get_by_role("link", name="从 Excel 导入").click()
    on_screen(app, "imports")
    expect(page.get_by_label("导入什么")).to_have_value("customers")
    expect(page.get_by_role("link", name="下载客户模板")).to_have_attribute(
        "href", "/imports/customers/template.xlsx"
    )

    # When the manager checks the sheet with two bad rows
    form = page.locator("form.import-form")
    form.get_by_label("Excel 或 CSV 文件").set_input_files(str(sheet))
    form.get_by_role("button", name="检查").click()

    # Then both rows are named with their column and reason, and nothing can be imported
    expect(page.locator(".import-summary")).to_have_text(
        "共 500 行，其中 2 行有问题：改好后重新上传，修改之前不会导入任何一行。", timeout=SLOW
    )
    first = page.locator('tr[data-row="37"]')
    expect(first.locator(".import-problems li")).to_have_text("客户名称：此项为必填。")
    expect(first.locator(".import-problems li")).to_have_attribute("data-code", "required")
    second = page.locator('tr[data-row="402"]')
    expect(second.locator(".import-problems li")).to_have_attribute("data-code", "phone_invalid")
    expect(second.locator(".import-problems li")).to_contain_text("联系人电话：")
    expect(page.locator("tbody tr.import-row-bad")).to_have_count(2)
    expect(page.locator("tbody tr").first).to_have_attribute("data-row", "37")  # problems first
    expect(form.get_by_role("button", name="确认导入")).to_be_disabled()
    assert read_db(world.alpha, lambda: Customer.objects.filter(name__startswith=f"导入{tag}").count()) == 0
    _check_page(app)

    # When the rows are fixed and the sheet checked again
    fixed = tmp_path / "客户（改好）.xlsx"
    write_sheet(fixed, rows)
    form.get_by_label("Excel 或 CSV 文件").set_input_files(str(fixed))
    form.get_by_role("button", name="检查").click()
    expect(page.locator(".import-summary")).to_have_text("共 500 行，全部可以导入。", timeout=SLOW)
    expect(page.locator("tbody tr.import-row-bad")).to_have_count(0)
    assert read_db(world.alpha, lambda: Customer.objects.filter(name__startswith=f"导入{tag}").count()) == 0

    # Then confirming writes all 500, once, with their contacts and addresses
    form.get_by_role("button", name="确认导入").click()
    expect(page.locator(".import-summary")).to_have_text("已导入 500 条客户。", timeout=SLOW)
    expect(form.get_by_role("button", name="确认导入")).to_be_disabled()
    made = read_db(
        world.alpha,
        lambda: (
            Customer.objects.filter(name__startswith=f"导入{tag}").count(),
            Customer.objects.filter(name__startswith=f"导入{tag}", contacts__isnull=False).distinct().count(),
            Customer.objects.filter(name__startswith=f"导入{tag}", addresses__isnull=False)
            .distinct()
            .count(),
        ),
    )
    assert made == (500, 500, 500)
    page.get_by_role("link", name="查看客户").click()
    on_screen(app, "customers")
