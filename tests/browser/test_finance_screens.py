"""Money, returns and report screens on a phone: finance records a payment allocated oldest order
first and the customer's arrears fall; a return of a shipped order is asked for by the rep,
approved by a manager and received by the warehouse, and the goods are back in stock; the
monthly sales report draws the year's orders beside the year before, downloads the same figures
as CSV, and shows a rep their own orders only; finance invoices and issues two orders, and
refunds part of a prepayment (and voids that refund)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.catalog.models import SKU, Product
from saas.customers.services.common import refresh_search_text
from saas.finance.models import Invoice, Receipt, ReceiptAllocation
from saas.finance.services import receipts
from saas.inventory.models import StockLevel, Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales.models import SalesOrder, SalesReturn
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.fixtures.sales import approved_order, sales_customer, shipped_order

pytestmark = pytest.mark.live


@dataclass
class Seeded:
    """What one test made in alpha, by id (committed, so the live server sees it)."""

    customer_id: int
    customer_code: str
    customer_name: str
    warehouse_id: int
    sku_id: int
    sku_code: str
    orders: list[dict[str, Any]]


def _user(role: str) -> User:
    return User.objects.get(email=f"{role}@alpha.test")


def _seed(lines_per_order: list[str], *, shipped: bool = True, days: list[date] | None = None) -> Seeded:
    """A warehouse with 100 of a 59.00 product (cost 20), a customer of the sales rep, and one
    order of the rep per quantity: shipped in full, or only approved and back-dated to `days`."""
    tag = uuid.uuid4().hex[:8].upper()
    rep, manager, keeper = _user("sales"), _user("manager"), _user("warehouse")
    warehouse = Warehouse.objects.create(code=f"F{tag}", name=f"财务仓{tag}")
    product = Product.objects.create(code=f"P-F{tag}", name=f"对账衬衫{tag}")
    sku = SKU.objects.create(
        product=product, code=f"F-{tag}", cost_price=Decimal("20"), list_price=Decimal("59.00")
    )
    stock_entry_create(
        actor=keeper,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="100", unit_cost="20")],
    )
    customer = sales_customer(owner=rep, name=f"宁波对账{tag}商贸")
    refresh_search_text(customer)  # made with the ORM: the picker searches this
    orders = []
    for index, quantity in enumerate(lines_per_order):
        common = {"actor": rep, "approver": manager, "customer": customer, "warehouse": warehouse}
        if shipped:
            order = shipped_order(**common, shipper=keeper, lines=[(sku, quantity)])
        else:
            order = approved_order(**common, lines=[(sku, quantity)])
        if days:
            SalesOrder.objects.filter(pk=order.pk).update(order_date=days[index])
        orders.append({"id": order.pk, "number": order.number, "total": order.total_amount})
    return Seeded(customer.pk, customer.code, customer.name, warehouse.pk, sku.pk, sku.code, orders)


def test_finance_records_a_payment_allocated_oldest_first_and_arrears_fall(shell, world, read_db):
    # Given two shipped orders of one customer: 10 × 59 = 590.00, then 5 × 59 = 295.00
    seeded = read_db(world.alpha, lambda: _seed(["10", "5"]))
    first, second = seeded.orders
    assert (first["total"], second["total"]) == (Decimal("590.00"), Decimal("295.00"))

    # When finance looks at the receivables on a phone, the customer owes 885.00
    app = shell(as_user="finance", viewport=PHONE, path="/app/receivables")
    page = app.page
    row = page.locator(f'.receivable-row[data-code="{seeded.customer_code}"]')
    expect(row.locator("[data-owed]")).to_have_attribute("data-owed", "885.00")
    expect(row).to_contain_text("未到期 ¥885.00")  # no payment terms: due on shipping, late tomorrow
    _check_page(app)

    # And records 700.00 by WeChat from the receipts screen, filling the oldest order first
    app.open("/app/receipts")
    page.get_by_role("link", name="登记收款").first.click()
    app.wait_screen("receipt-new")
    form = page.get_by_role("form", name="登记收款")
    form.get_by_label("客户", exact=True).fill(seeded.customer_name)
    form.locator(f'.sku-result[data-customer-code="{seeded.customer_code}"]').click()
    expect(form.locator(".customer-chosen")).to_contain_text(seeded.customer_name)
    form.get_by_label("金额", exact=True).fill("700")
    form.get_by_label("收付方式").select_option(label="微信")
    form.get_by_label("流水号").fill("WX-20260301-01")
    # oldest first by default, as the amount is typed
    expect(form.get_by_label(f"核销到 {first['number']} 的金额")).to_have_value("590.00")
    expect(form.get_by_label(f"核销到 {second['number']} 的金额")).to_have_value("110.00")
    # the user may change the split, and "按顺序分配" gives the default back
    form.get_by_label(f"核销到 {first['number']} 的金额").fill("100")
    form.get_by_label("金额", exact=True).fill("700.00")
    expect(form.get_by_label(f"核销到 {second['number']} 的金额")).to_have_value("110.00")
    expect(form.get_by_label(f"核销到 {first['number']} 的金额")).to_have_value("100")
    form.get_by_role("button", name="按顺序分配").click()
    expect(form.get_by_label(f"核销到 {first['number']} 的金额")).to_have_value("590.00")
    expect(form.get_by_label(f"核销到 {second['number']} 的金额")).to_have_value("110.00")
    expect(form.locator(".allocations [role=status]")).to_have_text("已核销 ¥700.00，剩余 ¥0.00 计为预收款")
    snapshot(app, "phone-receipt-new")
    _check_page(app)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    form.get_by_role("button", name="登记收款").click()

    # Then the receipt's screen opens, and both orders received their part
    app.wait_screen("receipt")
    expect(page.locator(".toast")).to_contain_text("已登记收款 RC-")
    expect(page.locator(".item-row", has_text=first["number"])).to_contain_text("590.00")

    def booked() -> tuple[Any, ...]:
        receipt = Receipt.objects.get(customer_id=seeded.customer_id)
        allocations = {a.order_id: a.amount for a in ReceiptAllocation.objects.filter(receipt=receipt)}
        received = {
            o.pk: o.received_amount for o in SalesOrder.objects.filter(pk__in=[first["id"], second["id"]])
        }
        return receipt.amount, receipt.method, receipt.reference, allocations, received

    amount, method, reference, allocations, received = read_db(world.alpha, booked)
    assert (amount, method, reference) == (Decimal("700.00"), "wechat", "WX-20260301-01")
    assert allocations == {first["id"]: Decimal("590.00"), second["id"]: Decimal("110.00")}
    assert received == {first["id"]: Decimal("590.00"), second["id"]: Decimal("110.00")}
    snapshot(app, "phone-receipt")

    # And the receivables show the arrears fallen to 185.00, the statement the same balance
    app.open("/app/receivables")
    expect(row.locator("[data-owed]")).to_have_attribute("data-owed", "185.00")
    row.click()
    app.wait_screen("statement")
    expect(page.locator(".statement-closing")).to_have_attribute("data-balance", "185.00")
    expect(page.locator("table.report-table tbody tr")).to_have_count(3)  # 2 orders, 1 payment
    snapshot(app, "phone-statement")
    _check_page(app)


def test_a_return_is_asked_for_approved_and_received_back_into_stock(shell, world, read_db):
    # Given an order of the rep shipped in full: 10 of the 100 left the warehouse
    seeded = read_db(world.alpha, lambda: _seed(["10"]))
    order = seeded.orders[0]

    def on_hand() -> Decimal:
        return StockLevel.objects.get(sku_id=seeded.sku_id, warehouse_id=seeded.warehouse_id).on_hand

    assert read_db(world.alpha, on_hand) == Decimal("90")

    # When the rep asks to take 3 back for a quality problem, as credit
    rep = shell(as_user="sales", viewport=PHONE, path=f"/app/returns/new?orderId={order['id']}")
    page = rep.page
    form = page.get_by_role("form", name="新建退货")
    expect(form.locator(f'.return-line[data-sku-code="{seeded.sku_code}"]')).to_contain_text("可退 10")
    form.get_by_label(f"{seeded.sku_code} 的退货数量").fill("11")
    form.get_by_label("退货原因", exact=True).select_option(label="质量问题")
    form.get_by_role("button", name="提交退货申请").click()
    expect(form.locator('[data-field="ret.0"] .field-error')).to_have_text("最多可退 10。")
    form.get_by_label(f"{seeded.sku_code} 的退货数量").fill("3")
    snapshot(rep, "phone-return-new")
    _check_page(rep)
    form.get_by_role("button", name="提交退货申请").click()
    rep.wait_screen("return")
    expect(page.locator(".toast")).to_contain_text("已提交退货申请 RS-")
    expect(page.locator(".subtitle [data-status]")).to_have_text("待审核")
    return_id = page.evaluate("location.pathname.split('/').pop()")
    # A rep cannot approve their own return
    expect(page.locator('[data-step="approve"]')).to_have_count(0)

    # Then a manager approves it
    manager = shell(as_user="manager", viewport=PHONE, path=f"/app/returns/{return_id}")
    manager.page.locator('[data-step="approve"]').click()
    expect(manager.page.locator(".subtitle [data-status]")).to_have_text("待收货")

    # And the warehouse finds it among the returns to receive and books the goods in
    keeper = shell(as_user="warehouse", viewport=PHONE, path="/app/returns?status=approved")
    keeper.page.locator(".return-row", has_text=seeded.customer_name).click()
    keeper.wait_screen("return")
    expect(keeper.page.locator(".fact", has_text="金额")).to_have_count(0)  # no order money
    keeper.page.locator('[data-step="receive"]').click()
    keeper.page.get_by_role("dialog").get_by_role("button", name="确认收货入库").click()
    expect(keeper.page.locator(".subtitle [data-status]")).to_have_text("已结算")  # credit: at once
    # The settle event's note is the settlement kind: shown as its label, never the raw "credit"
    history = keeper.page.get_by_role("list", name="处理记录")
    expect(history).to_contain_text("冲抵欠款")
    expect(history).not_to_contain_text("credit")
    snapshot(keeper, "phone-return-received")
    _check_page(keeper)

    # Then the 3 are back in stock and off what the customer owes
    def returned() -> tuple[str, Decimal]:
        sales_return = SalesReturn.objects.get(pk=return_id)
        return sales_return.status, SalesOrder.objects.get(pk=order["id"]).returned_amount

    assert read_db(world.alpha, on_hand) == Decimal("93")
    assert read_db(world.alpha, returned) == ("settled", Decimal("177.00"))


def test_monthly_report_draws_the_year_exports_csv_and_shows_a_rep_their_own(shell, world, read_db):
    # Given sold orders of 2011 (and one of 2010), in a year no other test uses: the rep's own
    # 590.00 and 118.00 in March, and 295.00 in July by the manager for the same customer
    days = [date(2011, 3, 15), date(2011, 3, 20), date(2010, 3, 10)]
    mine = read_db(world.alpha, lambda: _seed(["10", "2", "1"], shipped=False, days=days))

    def colleagues() -> None:
        manager = _user("manager")
        customer = sales_customer(owner=manager, name="经理的客户")
        warehouse = Warehouse.objects.get(pk=mine.warehouse_id)
        sku = SKU.objects.get(pk=mine.sku_id)
        order = approved_order(
            actor=manager, approver=manager, customer=customer, warehouse=warehouse, lines=[(sku, "5")]
        )
        SalesOrder.objects.filter(pk=order.pk).update(order_date=date(2011, 7, 1))

    read_db(world.alpha, colleagues)

    # When the owner opens 销售月报 for 2011
    app = shell(as_user="owner", viewport=PHONE, path="/app/reports")
    page = app.page
    page.locator('.report-tabs [data-tab="month"]').click()
    app.wait_screen("reports")
    expect(page.locator('.report-tabs [aria-current="page"]')).to_have_text("销售月报")
    page.get_by_label("年份").fill("2011")
    page.get_by_label("年份").dispatch_event("change")

    # Then the chart has a bar per month with March and July, beside last year's March
    expect(page.locator(".report-amount")).to_have_attribute("data-amount", "1003.00")
    chart = page.get_by_role("img", name="销售月报（2011年）：销售额 ¥1,003.00，3 单；上期 ¥59.00")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar-current")).to_have_count(12)
    expect(chart.locator('rect.bar-current[data-label="3"]')).to_have_attribute("data-value", "708")
    expect(chart.locator('rect.bar-current[data-label="7"]')).to_have_attribute("data-value", "295")
    expect(chart.locator("rect.bar-previous")).to_have_count(1)
    totals = page.locator("table.report-table tfoot tr")
    expect(totals).to_contain_text("¥1,003.00")
    expect(totals).to_contain_text("↑ +1,600%")
    expect(page.locator('.report-tabs [data-tab="profit"]')).to_be_visible()  # owner has cost.view
    snapshot(app, "phone-report-month")
    _check_page(app)

    # And the CSV link downloads the same figures, for the same year
    csv = page.locator('a[data-format="csv"]')
    expect(csv).to_have_attribute("href", "/reports/sales.csv?period=month&anchor=2011-01-01")
    download = page.evaluate(
        """async (url) => { const r = await fetch(url);
           return { status: r.status, type: r.headers.get('content-type'), text: await r.text() }; }""",
        csv.get_attribute("href"),
    )
    assert download["status"] == 200 and download["type"].startswith("text/csv")
    march = next(line for line in download["text"].splitlines() if line.startswith("2011-03"))
    assert "708.00" in march and "2" in march.split(",")[1]
    expect(page.locator('a[data-format="print"]')).to_have_attribute(
        "href", "/reports/sales/print/?period=month&anchor=2011-01-01"
    )

    # When the rep opens the same report, they see their own orders only, and no profit tab
    rep = shell(as_user="sales", viewport=PHONE, path="/app/reports?tab=month&anchor=2011-06-01")
    expect(rep.page.locator(".report-amount")).to_have_attribute("data-amount", "708.00")
    expect(rep.page.get_by_text("只统计你负责的订单。")).to_be_visible()
    expect(rep.page.locator('.report-tabs [data-tab="profit"]')).to_have_count(0)
    rep_csv = rep.page.evaluate(
        "async (url) => (await fetch(url)).text()", "/reports/sales.csv?period=month&anchor=2011-01-01"
    )
    assert "295.00" not in rep_csv and "708.00" in rep_csv
    snapshot(rep, "phone-report-month-rep")


def test_finance_invoices_two_orders_issues_it_and_refunds_part_of_a_prepayment(shell, world, read_db):
    # Given two shipped orders (590.00 and 295.00) and a prepayment of 100.00 from the customer
    seeded = read_db(world.alpha, lambda: _seed(["10", "5"]))
    first, second = seeded.orders

    def prepay() -> None:
        receipts.receipt_record(actor=_user("finance"), customer_id=seeded.customer_id, amount="100")

    read_db(world.alpha, prepay)

    # When finance invoices everything still to invoice on the customer's orders
    app = shell(as_user="finance", viewport=PHONE, path="/app/invoices")
    page = app.page
    page.get_by_role("link", name="开票").click()
    app.wait_screen("invoice-new")
    form = page.get_by_role("form", name="开票")
    form.get_by_label("客户", exact=True).fill(seeded.customer_name)
    form.locator(f'.sku-result[data-customer-code="{seeded.customer_code}"]').click()
    form.get_by_role("button", name="全部开票").click()
    expect(form.get_by_label(f"{second['number']} 的开票金额")).to_have_value("295.00")
    expect(form.get_by_role("status")).to_have_text("合计 ¥885.00")
    expect(form.get_by_label("发票抬头")).to_have_value(seeded.customer_name)
    _check_page(app)
    form.get_by_role("button", name="保存发票草稿").click()

    # Then the draft opens, and it is issued with the number printed on the 发票
    app.wait_screen("invoice")
    expect(page.locator(".toast")).to_contain_text("已保存发票草稿 IV-")
    issue = page.get_by_role("form", name="开具发票")
    issue.get_by_role("button", name="确认开具").click()
    expect(issue.locator('[data-field="taxInvoiceNumber"] .field-error')).to_have_text("此项必填。")
    issue.get_by_label("发票号码").fill("04400017")
    issue.get_by_role("button", name="确认开具").click()
    expect(page.locator('.fact [data-status="issued"]')).to_have_text("已开具")

    def invoiced() -> tuple[Any, ...]:
        invoice = Invoice.objects.get(customer_id=seeded.customer_id)
        orders = SalesOrder.objects.filter(pk__in=[first["id"], second["id"]]).order_by("pk")
        return invoice.status, invoice.tax_invoice_number, invoice.amount, [o.invoiced_amount for o in orders]

    assert read_db(world.alpha, invoiced) == (
        "issued",
        "04400017",
        Decimal("885.00"),
        [Decimal("590.00"), Decimal("295.00")],
    )

    # When finance refunds 40.00 of the prepayment
    app.open(f"/app/refunds/new?customerId={seeded.customer_id}")
    refund = page.get_by_role("form", name="登记退款")
    expect(refund.get_by_label("退款来源")).to_contain_text("客户预收款（可退 ¥100.00）")
    expect(refund.get_by_label("退款金额")).to_have_value("100.00")
    refund.get_by_label("退款金额").fill("40")
    _check_page(app)
    refund.get_by_role("button", name="登记退款").click()
    app.wait_screen("receipt")
    expect(page.locator(".toast")).to_contain_text("已登记退款 RC-")

    def prepayment() -> Decimal:
        return Receipt.objects.get(customer_id=seeded.customer_id, kind="payment").unallocated_amount

    assert read_db(world.alpha, prepayment) == Decimal("60.00")

    # And voiding the refund by mistake, after a confirmation, gives the prepayment back
    page.get_by_role("button", name="作废").click()
    page.get_by_role("dialog").get_by_role("button", name="作废").click()
    expect(page.locator('.subtitle [data-status="void"]')).to_have_text("已作废")
    assert read_db(world.alpha, prepayment) == Decimal("100.00")


def test_a_payment_typed_in_twice_asks_before_it_is_recorded_again(shell, world, read_db):
    # Given a customer whose 100.00 by bank with serial ICBC-… is already recorded
    seeded = read_db(world.alpha, lambda: _seed(["10"]))
    serial = f"ICBC-{uuid.uuid4().hex[:10].upper()}"

    def first() -> str:
        return receipts.receipt_record(
            actor=_user("finance"),
            customer_id=seeded.customer_id,
            amount="100",
            details=receipts.MoneyDetails(reference=serial),
        ).number

    number = read_db(world.alpha, first)

    # When finance enters the same money again
    app = shell(as_user="finance", viewport=PHONE, path=f"/app/receipts/new?customerId={seeded.customer_id}")
    page = app.page
    form = page.get_by_role("form", name="登记收款")
    expect(form.locator(".customer-chosen")).to_contain_text(seeded.customer_name)
    form.get_by_label("金额", exact=True).fill("100")
    form.get_by_label("流水号").fill(serial)
    form.get_by_role("button", name="登记收款").click()

    # Then it is not recorded: the reference is marked, and a dialog asks whether it is a
    # second payment, naming the first receipt
    dialog = page.get_by_role("dialog", name="流水号重复")
    expect(dialog).to_contain_text(number)
    expect(form.locator('[data-field="reference"] .field-error')).to_contain_text(number)
    _check_page(app)

    def count() -> int:
        return Receipt.objects.filter(customer_id=seeded.customer_id, reference=serial).count()

    assert read_db(world.alpha, count) == 1

    # And when finance cancels, nothing is recorded; confirming records it, with a warning
    dialog.get_by_role("button", name="取消").click()
    expect(dialog).to_have_count(0)
    assert read_db(world.alpha, count) == 1
    form.get_by_role("button", name="登记收款").click()
    page.get_by_role("dialog", name="流水号重复").get_by_role("button", name="仍然登记").click()
    app.wait_screen("receipt")
    expect(page.locator(".toast", has_text="已登记收款 RC-")).to_be_visible()
    expect(page.locator(".toast", has_text=f"流水号 {serial} 也出现在收款单 {number} 上")).to_be_visible()
    assert read_db(world.alpha, count) == 2
