"""Visit records (客户拜访记录) on a phone, under the enforced Content-Security-Policy, with the
position mocked: a manager defines a visit type in 外勤设置 (a choice without options is refused at
its options box) and archives it; a rep checks in, opens the visit from the day, fills the type's
form (a required answer left empty and a follow-up before the visit are refused at their inputs),
links the order placed there that day and saves; a reload shows the answers, the day shows the
type and purpose, and the manager reads the record without a form; offline, a rep checks in and
records the visit still waiting in the outbox, and once the connection returns both are sent
once, the check-in first."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.catalog.models import SKU, Product
from saas.core.clock import tenant_today
from saas.core.models import LoggedEvent
from saas.customers.services.common import refresh_search_text
from saas.fieldsales.models import CustomerSite, Team, TeamMember, Visit, VisitKind, VisitOrder
from saas.fieldsales.services import customer_site_set
from saas.fieldsales.visit_records import visit_kind_save
from saas.inventory.models import Warehouse
from tests.browser.driver import PHONE, snapshot
from tests.browser.field_helpers import SHOP, check_in_at, on_screen, phone, queued
from tests.browser.test_accessibility import _check_page
from tests.fixtures.sales import draft_order, sales_customer

pytestmark = pytest.mark.live


@pytest.fixture
def visiting(world, read_db) -> Iterator[dict[str, Any]]:
    """The rep's customer with its site set, the rep in a team the manager manages, a visit type
    with a required NUMBER and a CHOICE, and a draft order the rep placed for the customer today.
    The visits (with their links to orders), site, team and the test's visit types are removed
    afterwards."""
    tag = uuid.uuid4().hex[:8].upper()

    def make() -> dict[str, Any]:
        rep = User.objects.get(email="sales@alpha.test")
        manager = User.objects.get(email="manager@alpha.test")
        customer = sales_customer(owner=rep, name=f"拜访便利店{tag}")
        refresh_search_text(customer)
        customer_site_set(
            actor=rep, customer_id=customer.pk, latitude=SHOP[0], longitude=SHOP[1], system="wgs84"
        )
        team = Team.objects.create(name=f"拜访组{tag}", manager=manager)
        TeamMember.objects.update_or_create(user=rep, defaults={"team": team})
        kind = visit_kind_save(
            actor=manager,
            name=f"陈列检查{tag}",
            fields=[
                {"key": "facings", "label": "排面数", "kind": "number", "required": True},
                {
                    "key": "display",
                    "label": "陈列位置",
                    "kind": "choice",
                    "options": ["端架", "货架", "堆头"],
                },
            ],
        )
        warehouse = Warehouse.objects.create(code=f"V{tag}", name=f"拜访仓{tag}")
        product = Product.objects.create(code=f"P-V{tag}", name=f"拜访测试饮料{tag}")
        sku = SKU.objects.create(
            product=product, code=f"V-{tag}", cost_price=Decimal("2"), list_price=Decimal("5.00")
        )
        order = draft_order(actor=rep, customer=customer, warehouse=warehouse, lines=[(sku, "24")])
        return {
            "tag": tag,
            "customer": customer.pk,
            "name": customer.name,
            "team": team.pk,
            "kind": kind.pk,
            "kind_name": kind.name,
            "order": order.pk,
            "order_number": order.number,
            "today": tenant_today(),
        }

    made = read_db(world.alpha, make)
    yield made

    def clean() -> None:
        Visit.objects.filter(customer_id=made["customer"]).delete()
        CustomerSite.objects.filter(customer_id=made["customer"]).delete()
        Team.objects.filter(pk=made["team"]).delete()
        VisitKind.objects.filter(name__endswith=made["tag"]).delete()

    read_db(world.alpha, clean)


def test_a_manager_defines_a_visit_type_with_its_form_and_archives_it(shell, world, read_db, visiting):
    name = f"新品推广{visiting['tag']}"
    app = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path="/app/field/settings")
    page = app.page
    on_screen(app, "field-settings")
    kinds = page.get_by_test_id("visit-kinds")
    expect(kinds.locator("li.visit-kind-row", has_text=visiting["kind_name"])).to_contain_text(
        "排面数、陈列位置"
    )

    # When the manager adds a type with a required number and a choice, forgetting the options
    kinds.get_by_role("button", name="新增拜访类型").click()
    form = kinds.locator("form.visit-kind-form")
    form.get_by_label("类型名称").fill(name)
    form.get_by_role("button", name="添加填写项").click()
    first = form.locator("fieldset.visit-kind-field").nth(0)
    first.get_by_label("名称", exact=True).fill("排面数")
    first.get_by_label("类型", exact=True).select_option(label="数字")
    first.get_by_label("键", exact=True).fill("facings")
    first.get_by_label("必填").check()
    form.get_by_role("button", name="添加填写项").click()
    second = form.locator("fieldset.visit-kind-field").nth(1)
    second.get_by_label("名称", exact=True).fill("陈列位置")
    second.get_by_label("类型", exact=True).select_option(label="单选")
    second.get_by_label("键", exact=True).fill("display")
    form.get_by_role("button", name="保存").click()

    # Then the server's reason shows at the choice's options, and nothing is saved
    options = second.get_by_label("选项")
    expect(second.locator('[data-field="fields.1.options"] .field-error')).to_be_visible()
    expect(options).to_have_attribute("aria-invalid", "true")
    assert read_db(world.alpha, lambda: VisitKind.objects.filter(name=name).exists()) is False
    _check_page(app)
    snapshot(app, "phone-field-visit-kind-editor")

    # When they give the options, one per line, and save
    options.fill("端架\n货架\n堆头")
    form.get_by_role("button", name="保存").click()

    # Then the type is the workspace's, with its form in order
    expect(page.locator(".toast")).to_contain_text(f"拜访类型已保存：{name}")
    row = kinds.locator("li.visit-kind-row", has_text=name)
    expect(row).to_contain_text("排面数、陈列位置")
    saved = read_db(world.alpha, lambda: VisitKind.objects.get(name=name))
    assert saved.archived is False
    assert saved.fields == [
        {"key": "facings", "label": "排面数", "kind": "number", "required": True, "options": []},
        {
            "key": "display",
            "label": "陈列位置",
            "kind": "choice",
            "required": False,
            "options": ["端架", "货架", "堆头"],
        },
    ]

    # When they archive it, it is kept, no longer offered
    row.get_by_role("button", name=f"归档拜访类型：{name}").click()
    expect(kinds.locator("li.visit-kind-row[data-archived='true']", has_text=name)).to_contain_text("已归档")
    assert read_db(world.alpha, lambda: VisitKind.objects.get(pk=saved.pk).archived) is True


def test_a_rep_records_a_visit_with_its_form_and_the_order_taken(shell, world, read_db, visiting):
    name, kind_name = visiting["name"], visiting["kind_name"]
    visits = lambda: read_db(  # noqa: E731
        world.alpha, lambda: list(Visit.objects.filter(customer_id=visiting["customer"]).values())
    )

    # Given the rep checked in at the shop
    app = phone(shell, "sales", "/app/field")
    page = app.page
    on_screen(app, "field")
    check_in_at(app, name, from_day=True)
    result = page.get_by_test_id("field-result")
    expect(result.locator(".visit-verdict")).to_have_text("在范围内")
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    [visit] = visits()

    # When they open the visit from the day
    row = page.locator(f'li.visit-row[data-visit-id="{visit["id"]}"]')
    row.get_by_role("link", name=f"记录拜访：{name}").click()
    on_screen(app, "field-visit")

    # Then they see its facts and the record's form
    expect(page.get_by_role("heading", level=1)).to_have_text(f"拜访：{name}")
    facts = page.get_by_test_id("visit-facts")
    expect(facts.locator(".visit-verdict")).to_have_text("在范围内")
    expect(facts.locator(".visit-distance")).to_have_text("30 米")
    expect(facts).to_contain_text("还没签退")
    form = page.locator("form.visit-record-form")
    expect(form.get_by_test_id("visit-new-order")).to_have_attribute(
        "href", f"/app/orders/new?customerId={visiting['customer']}"
    )

    # When they pick the type and save without the required answer
    form.get_by_label("拜访类型").select_option(label=kind_name)
    facings = form.get_by_label("排面数")
    expect(facings).to_have_attribute("inputmode", "decimal")
    form.get_by_label("拜访目的").fill("月度陈列检查")
    form.get_by_role("button", name="保存记录").click()

    # Then the error shows on that input, and nothing is recorded
    expect(form.locator('[data-field="answers.facings"] .field-error')).to_have_text("此项必填。")
    expect(facings).to_have_attribute("aria-invalid", "true")
    expect(facings).to_be_focused()
    assert visits()[0]["recorded_at"] is None

    # When they answer, link the order and ask for a follow-up before the visit
    facings.fill("12")
    form.get_by_role("radio", name="端架").check()
    form.locator(f'[data-field="order.{visiting["order"]}"] input').check()
    follow_up = form.get_by_label("下次跟进日期")
    follow_up.fill(str(visiting["today"] - timedelta(days=1)))
    form.get_by_role("button", name="保存记录").click()

    # Then the server's reason shows at the date
    expect(form.locator('[data-field="followUpOn"] .field-error')).to_be_visible()
    expect(follow_up).to_have_attribute("aria-invalid", "true")
    _check_page(app)
    snapshot(app, "phone-field-visit-form")

    # When the follow-up is in a week
    follow_up.fill(str(visiting["today"] + timedelta(days=7)))
    form.get_by_role("button", name="保存记录").click()

    # Then the record is saved with its answers, and the order is linked to the visit
    expect(page.locator(".toast")).to_contain_text("拜访记录已保存")
    [saved] = visits()
    assert saved["kind_id"] == visiting["kind"]
    assert saved["purpose"] == "月度陈列检查"
    assert saved["follow_up_on"] == visiting["today"] + timedelta(days=7)
    assert saved["answers"] == [
        {"key": "facings", "label": "排面数", "kind": "number", "value": "12"},
        {"key": "display", "label": "陈列位置", "kind": "choice", "value": "端架"},
    ]
    linked = read_db(
        world.alpha,
        lambda: list(VisitOrder.objects.filter(visit_id=visit["id"]).values_list("order_id", flat=True)),
    )
    assert linked == [visiting["order"]]

    # And a reload shows what was recorded
    app.open(f"/app/field/visits/{visit['id']}")
    on_screen(app, "field-visit")
    form = page.locator("form.visit-record-form")
    expect(form.get_by_label("拜访类型")).to_have_value(str(visiting["kind"]))
    expect(form.get_by_label("排面数")).to_have_value("12")
    expect(form.get_by_role("radio", name="端架")).to_be_checked()
    expect(form.get_by_label("拜访目的")).to_have_value("月度陈列检查")
    expect(form.locator(f'[data-field="order.{visiting["order"]}"] input')).to_be_checked()

    # And the day shows the visit's type and purpose
    app.open("/app/field")
    on_screen(app, "field")
    expect(row.locator(".visit-record-link")).to_have_text(f"{kind_name} · 月度陈列检查")
    _check_page(app)
    snapshot(app, "phone-field-day-recorded")

    # When the manager opens the visit, they read the answers with their labels and no form
    boss = phone(shell, "manager", f"/app/field/visits/{visit['id']}")
    on_screen(boss, "field-visit")
    record = boss.page.get_by_test_id("visit-record")
    expect(record).to_contain_text("排面数")
    expect(record).to_contain_text("12")
    expect(record).to_contain_text("陈列位置")
    expect(record).to_contain_text("端架")
    expect(record).to_contain_text(visiting["order_number"])
    expect(boss.page.locator("form.visit-record-form")).to_have_count(0)
    _check_page(boss)
    snapshot(boss, "phone-field-visit-manager")


def test_an_offline_check_in_is_recorded_and_both_are_sent_once(shell, world, read_db, visiting):
    name, kind_name = visiting["name"], visiting["kind_name"]
    visits = lambda: read_db(  # noqa: E731
        world.alpha, lambda: list(Visit.objects.filter(customer_id=visiting["customer"]).values())
    )

    # Given the rep's day and the check-in screen opened online (the phone keeps the app, the visit
    # types and the customers), then the connection drops
    app = phone(shell, "sales", "/app/field", service_worker=True)
    page = app.page
    on_screen(app, "field")
    # wait_until, not wait_service_worker(): this page keeps the Content-Security-Policy.
    app.wait_until("() => navigator.serviceWorker?.controller != null", timeout=15000)
    app.wait_until("() => localStorage.getItem('sparrow.q.field.visit_kinds') !== null")
    page.get_by_test_id("field-check-in").click()
    on_screen(app, "field-check-in")
    expect(page.locator("button.field-customer", has_text=name)).to_be_visible()
    app.context.set_offline(True)
    app.wait_until("document.documentElement.dataset.online === 'false'")

    # When they check in, and record the visit still waiting on the phone
    check_in_at(app, name)
    result = page.get_by_test_id("field-result")
    expect(result).to_contain_text("待上传")
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    pending = page.locator('li.visit-row[data-pending="true"]')
    pending.get_by_role("link", name=f"记录拜访：{name}").click()
    on_screen(app, "field-visit-pending")
    expect(page.get_by_test_id("visit-facts")).to_contain_text("待上传")
    form = page.locator("form.visit-record-form")
    form.get_by_label("拜访类型").select_option(label=kind_name)
    form.get_by_label("排面数").fill("7")
    form.get_by_role("radio", name="货架").check()
    form.get_by_label("拜访目的").fill("新品铺货")
    form.get_by_role("button", name="保存记录").click()

    # Then the record waits on the phone behind the check-in, naming it by its clientId
    expect(page.get_by_test_id("visit-record-queued")).to_be_visible()
    check_in, record = queued(app)
    assert (check_in["type"], record["type"]) == ("visit.check_in", "visit.record")
    assert record["input"]["visitClientId"] == check_in["input"]["clientId"]
    assert "visitId" not in record["input"] and record["input"]["orderIds"] is None
    assert visits() == []
    _check_page(app)
    snapshot(app, "phone-field-visit-offline")

    # And the day shows the check-in with its record waiting
    page.get_by_role("link", name="我的外勤", exact=True).click()
    on_screen(app, "field")
    expect(pending).to_contain_text("记录待上传")

    # When the connection returns
    app.context.set_offline(False)

    # Then both are sent by themselves, once, and the day shows the recorded visit
    expect(pending).to_have_count(0, timeout=10000)
    rows = page.locator("li.visit-row:not([data-pending])")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".visit-record-link")).to_have_text(f"{kind_name} · 新品铺货")
    assert queued(app) == []
    [visit] = visits()
    assert visit["client_id"] == check_in["input"]["clientId"] and visit["captured_at"] is not None
    assert visit["kind_id"] == visiting["kind"] and visit["purpose"] == "新品铺货"
    assert visit["answers"] == [
        {"key": "facings", "label": "排面数", "kind": "number", "value": "7"},
        {"key": "display", "label": "陈列位置", "kind": "choice", "value": "货架"},
    ]
    events = read_db(
        world.alpha,
        lambda: LoggedEvent.objects.filter(name="visit.checked_in", payload__id=str(visit["id"])).count(),
    )
    assert events == 1
