"""Issue 14's "done when", end to end on phones under the enforced Content-Security-Policy with a
mocked position: a rep plans the day's three customers, checks in at each (the first by its QR
code, the third offline and sent once when the connection returns), records the visits with a
typed form and takes an order at the first through 开单 and the order form, and writes the day's
log; their manager approves the order, sees the rep on the team page with the day's visits and
order, opens the rep's day with the route of the three check-ins, opens the log and comments;
the rep is told and reads the comment; the day's rankings (visits, and sales once the order is
approved) moved from what they were in the morning. Each piece has its own tests beside this
one (test_field_*.py); this one proves they add up to the day the issue asks for."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.catalog.services.products import product_create
from saas.core.clock import tenant_today
from saas.core.models import LoggedEvent
from saas.customers.services.common import refresh_search_text
from saas.fieldsales.logs import day_summary
from saas.fieldsales.models import (
    CustomerSite,
    Team,
    TeamMember,
    Visit,
    VisitKind,
    VisitOrder,
    VisitPlan,
    WorkLog,
    WorkLogComment,
)
from saas.fieldsales.rollup import rollup_day, sales_by_rep
from saas.fieldsales.services import customer_qr_text, customer_site_set
from saas.fieldsales.visit_records import visit_kind_save
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales.models import SalesOrder
from tests.browser.driver import ShellPage, snapshot
from tests.browser.field_helpers import SHOP, check_in_at, near, on_screen, phone, queued
from tests.browser.test_accessibility import _check_page
from tests.fixtures.live import _settle_events
from tests.fixtures.sales import sales_customer

pytestmark = pytest.mark.live

# The three shops of the day, about 1.6 km and 2.1 km apart (as in the manager's route test).
PLACES = [SHOP, (30.268000, 120.145000), (30.250000, 120.160000)]
PRICE = Decimal("12.50")
QUANTITY = 10
ORDER_TOTAL = PRICE * QUANTITY


def _yuan(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


@pytest.fixture
def day_out(world, read_db) -> Iterator[dict[str, Any]]:
    """Three customers of the rep with their sites set (the first's QR code text at hand), the
    rep in a team the manager manages, a visit type with a required number, a product in stock
    in a warehouse of its own, and the rep's numbers of today before the test (other tests may
    have left approved orders of the rep today). The day's rollup is made true first, so the
    rankings start from what happened. The visits (with their order links), the plan, the log
    with its comment, the order, the sites, the team and the visit type are removed afterwards,
    and today's rollup is made true again."""
    tag = uuid.uuid4().hex[:8].upper()

    def make() -> dict[str, Any]:
        rep = User.objects.get(email="sales@alpha.test")
        manager = User.objects.get(email="manager@alpha.test")
        customers = []
        for n, (place, label) in enumerate(zip(PLACES, ("甲", "乙", "丙"), strict=True)):
            customer = sales_customer(owner=rep, name=f"全天{label}店{tag}")
            refresh_search_text(customer)
            site = customer_site_set(
                actor=rep, customer_id=customer.pk, latitude=place[0], longitude=place[1], system="wgs84"
            )
            customers.append(
                {
                    "id": customer.pk,
                    "name": customer.name,
                    "qr": customer_qr_text(customer, site) if n == 0 else "",
                }
            )
        team = Team.objects.create(name=f"全天组{tag}", manager=manager)
        TeamMember.objects.update_or_create(user=rep, defaults={"team": team})
        kind = visit_kind_save(
            actor=manager,
            name=f"例行拜访{tag}",
            fields=[{"key": "facings", "label": "排面数", "kind": "number", "required": True}],
        )
        warehouse = Warehouse.objects.create(code=f"D{tag}", name=f"全天仓{tag}")
        product = product_create(
            actor=world.alpha.users["owner"],
            code=f"DW{tag}",
            name=f"全天测试饮料{tag}",
            list_price=PRICE,
            cost_price=Decimal("6"),
        ).product
        sku = product.skus.get()
        stock_entry_create(
            actor=world.alpha.users["warehouse"],
            warehouse_id=warehouse.pk,
            direction="in",
            reason="opening",
            lines=[EntryLine(sku_id=sku.pk, quantity="100", unit_cost="6")],
        )
        today = tenant_today()
        rollup_day(today)
        return {
            "tag": tag,
            "today": today,
            "rep": rep.pk,
            "rep_name": rep.full_name,
            "manager_name": manager.full_name,
            "customers": customers,
            "team": team.pk,
            "kind": kind.pk,
            "kind_name": kind.name,
            "warehouse": warehouse.name,
            "product": product.name,
            "sku": sku.code,
            "before": day_summary(rep, today),
            "sold_before": sales_by_rep(today, [rep.pk]).get(rep.pk),
        }

    made = read_db(world.alpha, make)
    yield made

    def clean() -> None:
        ids = [customer["id"] for customer in made["customers"]]
        # The visits' links to the order go with them; the order's lines go with the order.
        Visit.objects.filter(customer_id__in=ids).delete()
        SalesOrder.objects.filter(customer_id__in=ids).delete()
        VisitPlan.objects.filter(rep_id=made["rep"], day=made["today"], stops__customer_id__in=ids).delete()
        WorkLog.objects.filter(rep_id=made["rep"], text__contains=made["tag"]).delete()
        CustomerSite.objects.filter(customer_id__in=ids).delete()
        Team.objects.filter(pk=made["team"]).delete()
        VisitKind.objects.filter(pk=made["kind"]).delete()
        rollup_day(made["today"])

    read_db(world.alpha, clean)


def _ranking(app: ShellPage, rep_id: int, metric: str) -> str:
    """The rep's value on the day's ranking of `metric`, as shown."""
    radio = app.page.get_by_role("radio", name=metric, exact=True)
    if not radio.is_checked():
        radio.check()
    value = app.page.locator(f'li.ranking-row[data-id="{rep_id}"] .ranking-value')
    expect(value).to_be_visible()
    return value.inner_text()


def _amount(text: str) -> Decimal:
    return Decimal(re.sub(r"[^\d.]", "", text))


def _jobs_done(read_db, world) -> None:
    """Waits until the live server's worker has run every event job (the rankings' rollup and
    the notifications are consumers of the event fan-out)."""
    read_db(world.alpha, _settle_events)


def test_a_reps_day_from_plan_to_the_managers_comment_moves_the_rankings(shell, world, read_db, day_out):
    rep_id, tag, today = day_out["rep"], day_out["tag"], day_out["today"]
    first, second, third = day_out["customers"]
    before = day_out["before"]
    visits = lambda: read_db(  # noqa: E731
        world.alpha,
        lambda: {
            row["customer_id"]: row
            for row in Visit.objects.filter(customer_id__in=[c["id"] for c in day_out["customers"]]).values()
        },
    )

    # Given the rep's day's rankings in the morning, on a phone near the first shop
    app = phone(shell, "sales", "/app/field/rankings?period=day&metric=visits", position=near(PLACES[0]))
    page = app.page
    on_screen(app, "field-rankings")
    visits_before = int(_ranking(app, rep_id, "拜访"))
    sales_before = _amount(_ranking(app, rep_id, "销售额"))

    # When they plan today's three shops in order and save
    app.open("/app/field/plan")
    on_screen(app, "field-plan")
    for customer in day_out["customers"]:
        page.get_by_role("searchbox", name="添加客户").fill(customer["name"])
        page.get_by_role("button", name=f"加入计划：{customer['name']}").first.click()
    stops = page.get_by_test_id("plan-stop")
    expect(stops).to_have_count(3)
    page.get_by_test_id("plan-save").click()
    expect(page.get_by_text("计划已保存")).to_be_visible()

    # Then the plan is stored in that order
    def planned() -> list[int]:
        plan = VisitPlan.objects.get(rep_id=rep_id, day=today)
        return list(plan.stops.order_by("position").values_list("customer_id", flat=True))

    assert read_db(world.alpha, planned) == [c["id"] for c in day_out["customers"]]
    _check_page(app)

    # When they check in at the first shop with its QR code
    app.open("/app/field")
    on_screen(app, "field")
    check_in_at(app, first["name"], qr=first["qr"], from_day=True)

    # Then it is in range and the code is verified
    result = page.get_by_test_id("field-result")
    expect(result).to_contain_text(f"已签到：{first['name']}")
    expect(result.locator(".visit-verdict")).to_have_text("在范围内")
    expect(result.locator(".visit-qr")).to_have_text("二维码")
    assert visits()[first["id"]]["qr_verified"] is True

    # When they drive to the second shop and check in online
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    app.context.set_geolocation(near(PLACES[1]))
    check_in_at(app, second["name"], from_day=True)
    expect(result).to_contain_text(f"已签到：{second['name']}")
    expect(result.locator(".visit-verdict")).to_have_text("在范围内")

    # And at the third shop, where the connection drops on the check-in screen
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    app.context.set_geolocation(near(PLACES[2]))
    page.get_by_test_id("field-check-in").click()
    on_screen(app, "field-check-in")
    # The phone keeps the first page of the rep's customers for searching offline.
    expect(page.locator("button.field-customer", has_text=third["name"])).to_be_visible()
    app.context.set_offline(True)
    app.wait_until("document.documentElement.dataset.online === 'false'")
    check_in_at(app, third["name"])

    # Then the check-in waits on the phone
    expect(result).to_contain_text(f"已保存：{third['name']}")
    expect(result).to_contain_text("待上传")
    [item] = queued(app)
    assert item["type"] == "visit.check_in"
    client_id = item["input"]["clientId"]
    assert third["id"] not in visits()

    # When the connection returns
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    pending = page.locator('li.visit-row[data-pending="true"]')
    expect(pending).to_contain_text(third["name"])
    app.context.set_offline(False)

    # Then it is sent by itself exactly once, with the phone's id and time, and the outbox is empty
    expect(pending).to_have_count(0, timeout=10000)
    rows = page.locator("li.visit-row:not([data-pending])")
    expect(rows).to_have_count(3)
    assert queued(app) == []
    made = visits()
    assert set(made) == {first["id"], second["id"], third["id"]}
    offline = made[third["id"]]
    assert offline["client_id"] == client_id and offline["captured_at"] is not None
    assert offline["verdict"] == "in_range"
    sent = read_db(
        world.alpha,
        lambda: LoggedEvent.objects.filter(name="visit.checked_in", payload__id=str(offline["id"])).count(),
    )
    assert sent == 1
    snapshot(app, "phone-field-done-day")

    # When they open the first visit and tap 开单
    rows.filter(has_text=first["name"]).get_by_role("link", name=f"记录拜访：{first['name']}").click()
    on_screen(app, "field-visit")
    page.get_by_test_id("visit-new-order").click()
    on_screen(app, "order-new")

    # And enter ten drinks from the test warehouse and submit the order for review
    form = page.get_by_role("form", name="新建订单")
    expect(form.locator(".order-customer")).to_contain_text(first["name"])
    # (the warehouse first: choosing it re-reads the lines' stock, which must not race the typing)
    form.get_by_label("发货仓库").select_option(label=day_out["warehouse"])
    form.get_by_label("搜索或扫码添加商品").fill(day_out["product"])
    form.locator(f'.sku-result[data-sku-code="{day_out["sku"]}"]').click()
    # The line is drawn at once and again when its list price arrives: type after that.
    expect(form.get_by_label(f"{day_out['sku']} 的单价")).to_have_value("12.5")
    quantity = form.get_by_label(f"{day_out['sku']} 的数量")
    quantity.fill(str(QUANTITY))
    expect(quantity).to_have_value(str(QUANTITY))
    expect(form.locator(".order-total")).to_have_text(f"合计 {_yuan(ORDER_TOTAL)}")
    form.get_by_role("button", name="提交审核").click()
    on_screen(app, "order")
    expect(page.locator('.facts [data-status="pending_review"]')).to_be_visible()
    number = page.locator("h1").inner_text()
    order = read_db(world.alpha, lambda: SalesOrder.objects.get(number=number))
    assert (order.customer_id, order.rep_id, order.total_amount) == (first["id"], rep_id, ORDER_TOTAL)

    # When they come back to the visit, fill its form and link the order
    visit_ids = {customer["id"]: made[customer["id"]]["id"] for customer in day_out["customers"]}
    for customer, facings in ((first, "12"), (second, "8"), (third, "5")):
        app.open(f"/app/field/visits/{visit_ids[customer['id']]}")
        on_screen(app, "field-visit")
        form = page.locator("form.visit-record-form")
        form.get_by_label("拜访类型").select_option(label=day_out["kind_name"])
        form.get_by_label("排面数").fill(facings)
        form.get_by_label("拜访目的").fill(f"例行补货{tag}")
        if customer is first:
            form.locator(f'[data-field="order.{order.pk}"] input').check()
            _check_page(app)
            snapshot(app, "phone-field-done-visit")
        form.get_by_role("button", name="保存记录").click()
        expect(page.locator(".toast")).to_contain_text("拜访记录已保存")

    # Then each visit keeps its type and answers, and the order is linked to the first
    recorded = visits()
    for customer, facings in ((first, "12"), (second, "8"), (third, "5")):
        row = recorded[customer["id"]]
        assert (row["kind_id"], row["purpose"]) == (day_out["kind"], f"例行补货{tag}")
        assert row["answers"] == [{"key": "facings", "label": "排面数", "kind": "number", "value": facings}]
    linked = read_db(
        world.alpha,
        lambda: list(VisitOrder.objects.filter(order_id=order.pk).values_list("visit_id", flat=True)),
    )
    assert linked == [visit_ids[first["id"]]]

    # And the plan shows every stop visited
    app.open("/app/field/plan")
    on_screen(app, "field-plan")
    expect(page.locator('[data-testid="plan-stop"][data-visited="true"]')).to_have_count(3)

    # When they write the day's log
    page.get_by_role("navigation", name="计划和日志").get_by_role("link", name="业务日志").click()
    on_screen(app, "field-logs")
    page.get_by_label("今天做了什么").fill(f"跑了三家{tag}，甲店下单十箱")
    page.get_by_test_id("log-save").click()
    expect(page.get_by_text("日志已提交")).to_be_visible()

    # Then its numbers count the three visits and the order
    numbers = page.get_by_test_id("log-numbers")
    orders_created = before.orders_created + 1
    orders_amount = before.orders_amount + ORDER_TOTAL
    expect(numbers.locator(".fact", has=page.locator("dt", has_text="拜访")).locator("dd")).to_have_text(
        str(before.visits + 3)
    )
    expect(numbers.locator(".fact", has=page.locator("dt", has_text="订单")).locator("dd")).to_have_text(
        f"{orders_created} 单 · {_yuan(orders_amount)}"
    )
    log = read_db(world.alpha, lambda: WorkLog.objects.get(rep_id=rep_id, day=today))
    assert (log.visits, log.orders_created, log.orders_amount) == (
        before.visits + 3,
        orders_created,
        orders_amount,
    )
    _check_page(app)
    snapshot(app, "phone-field-done-log")

    # When the manager approves the order waiting for review
    boss = phone(shell, "manager", f"/app/orders/{order.pk}")
    bpage = boss.page
    on_screen(boss, "order")
    bpage.locator('button[data-step="approve"]').click()
    bpage.get_by_role("dialog").get_by_role("button", name="审核通过").click()
    expect(bpage.locator('.facts [data-status="pending_shipment"]')).to_be_visible()

    # And opens the team's day
    boss.open("/app/field/team")
    on_screen(boss, "field-team")

    # Then the rep's row has the three visits at three customers and the order approved today
    sold = day_out["sold_before"]
    rep_row = bpage.locator(
        f'ul.team-list[data-team-id="{day_out["team"]}"] li.team-rep[data-rep-id="{rep_id}"]'
    )
    expect(rep_row.locator(".team-visits")).to_have_text(f"拜访 {before.visits + 3} 次")
    expect(rep_row.locator(".team-customers")).to_have_text(f"{before.customers_visited + 3} 家客户")
    expect(rep_row.locator(".team-orders")).to_have_text(
        f"订单 {(sold.orders if sold else 0) + 1} 笔 · {_yuan((sold.amount if sold else Decimal(0)) + ORDER_TOTAL)}"
    )
    expect(rep_row.locator(".team-rep-last")).to_contain_text(third["name"])
    _check_page(boss)
    snapshot(boss, "phone-field-done-team")

    # When they open the rep's day
    rep_row.get_by_role("link").click()
    on_screen(boss, "field")
    assert f"rep={rep_id}" in bpage.url

    # Then the route shows the three check-ins in the order they happened
    expect(bpage.get_by_role("heading", level=1)).to_have_text(f"{day_out['rep_name']}的外勤")
    route = bpage.get_by_test_id("field-route")
    expect(route.locator("svg.route-schematic")).to_have_attribute("data-points", "3")
    expect(route.get_by_test_id("field-route-total")).to_contain_text("3 个签到点")
    route_stops = route.locator("ol.route-stops > li")
    expect(route_stops).to_have_count(3)
    for index, customer in enumerate(day_out["customers"]):
        expect(route_stops.nth(index)).to_have_attribute("data-visit-id", str(visit_ids[customer["id"]]))
        expect(route_stops.nth(index)).to_contain_text(customer["name"])
    _check_page(boss)
    route.evaluate("(card) => card.scrollIntoView({ block: 'start' })")
    snapshot(boss, "phone-field-done-route")

    # When they open the rep's log from the logs and comment
    boss.open("/app/field/logs")
    on_screen(boss, "field-logs")
    bpage.locator(f'[data-testid="log-row"][data-log-id="{log.pk}"]').click()
    on_screen(boss, "field-log")
    expect(bpage.get_by_role("heading", level=1)).to_have_text(f"{day_out['rep_name']}的日志")
    comment = f"甲店的单跟紧{tag}"
    bpage.get_by_role("textbox", name="写点评").fill(comment)
    bpage.get_by_test_id("log-comment-send").click()
    expect(bpage.get_by_test_id("log-comment")).to_contain_text(comment)
    assert read_db(
        world.alpha, lambda: list(WorkLogComment.objects.filter(log_id=log.pk).values_list("text", flat=True))
    ) == [comment]

    # Then the rep is told (a job of the event fan-out) and reads the comment from the notification
    _jobs_done(read_db, world)
    app.open("/app/inbox")
    on_screen(app, "inbox")
    told = page.locator('.inbox-row[data-kind="work_log.commented"]', has_text=comment)
    expect(told).to_contain_text(f"{day_out['manager_name']} 点评了你")
    told.get_by_role("link").click()
    on_screen(app, "field-log")
    expect(page.get_by_test_id("log-comment")).to_contain_text(comment)
    expect(page.get_by_test_id("log-comment")).to_contain_text(day_out["manager_name"])

    # And the day's rankings moved: three more visits, and the approved order's amount in sales
    # (the rollup is kept by the worker's jobs: the approval's has run with the comment's)
    _jobs_done(read_db, world)
    app.open("/app/field/rankings?period=day&metric=visits")
    on_screen(app, "field-rankings")
    expect(page.locator(f'li.ranking-row[data-id="{rep_id}"] .ranking-value')).to_have_text(
        str(visits_before + 3)
    )
    assert _amount(_ranking(app, rep_id, "销售额")) == sales_before + ORDER_TOTAL
    expect(page.locator('li.ranking-row[data-mine="true"]')).to_have_attribute("data-id", str(rep_id))
    _check_page(app)
    snapshot(app, "phone-field-done-rankings")
