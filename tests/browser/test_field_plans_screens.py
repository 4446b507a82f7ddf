"""The plan and work-log screens on a phone, under the enforced Content-Security-Policy: a rep
plans two customers and sees them in order; a check-in at one (through the service) shows it
visited after a reload; the rep writes the day's log with its numbers; the manager of the rep's
team opens /field/logs/<id> (where the comment notification links) and comments; the rep sees
the comment."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.customers.services.common import refresh_search_text
from saas.fieldsales.models import Team, TeamMember, Visit, VisitPlan, WorkLog, WorkLogComment
from saas.fieldsales.services import visit_check_in
from tests.browser.driver import PHONE, ShellPage, snapshot
from tests.browser.field_helpers import on_screen
from tests.browser.test_accessibility import _check_page
from tests.fixtures.sales import sales_customer

pytestmark = pytest.mark.live


@pytest.fixture
def plan_world(world, read_db) -> Iterator[dict[str, Any]]:
    """Two customers of the rep, the rep in a team the manager manages; their visits, the plan
    and the log with its comments and the team are removed afterwards."""
    tag = uuid.uuid4().hex[:8].upper()

    def make() -> dict[str, Any]:
        rep = User.objects.get(email="sales@alpha.test")
        manager = User.objects.get(email="manager@alpha.test")
        first = sales_customer(owner=rep, name=f"计划甲店{tag}")
        second = sales_customer(owner=rep, name=f"计划乙店{tag}")
        for customer in (first, second):
            refresh_search_text(customer)
        team = Team.objects.create(name=f"计划组{tag}", manager=manager)
        TeamMember.objects.update_or_create(user=rep, defaults={"team": team})
        return {
            "tag": tag,
            "rep": rep.pk,
            "rep_name": rep.full_name,
            "manager_name": manager.full_name,
            "first": {"id": first.pk, "name": first.name},
            "second": {"id": second.pk, "name": second.name},
            "team": team.pk,
        }

    made = read_db(world.alpha, make)
    yield made

    def clean() -> None:
        VisitPlan.objects.filter(rep_id=made["rep"], stops__customer_id=made["first"]["id"]).delete()
        WorkLog.objects.filter(rep_id=made["rep"], text__contains=made["tag"]).delete()
        Visit.objects.filter(customer_id__in=[made["first"]["id"], made["second"]["id"]]).delete()
        Team.objects.filter(pk=made["team"]).delete()

    read_db(world.alpha, clean)


def _add(app: ShellPage, name: str) -> None:
    """Search the rep's customers on the plan screen and add one."""
    page = app.page
    page.get_by_role("searchbox", name="添加客户").fill(name)
    page.get_by_role("button", name=f"加入计划：{name}").first.click()


def test_a_rep_plans_visits_writes_the_log_and_sees_the_managers_comment(shell, world, read_db, plan_world):
    first, second, tag = plan_world["first"], plan_world["second"], plan_world["tag"]
    manager_name = plan_world["manager_name"]

    # Given the rep's plan for today on a phone
    app = shell(as_user="sales", viewport=PHONE, enforce_csp=True, path="/app/field/plan")
    page = app.page
    on_screen(app, "field-plan")
    expect(page.get_by_role("heading", level=1)).to_have_text("我的计划")

    # When they add the second shop, then the first, move the first up and save
    _add(app, second["name"])
    _add(app, first["name"])
    stops = page.get_by_test_id("plan-stop")
    expect(stops).to_have_count(2)
    page.get_by_role("button", name=f"上移：{first['name']}").click()
    page.get_by_test_id("plan-save").click()
    expect(page.get_by_text("计划已保存")).to_be_visible()

    # Then the plan is stored in that order and shown so, nothing visited yet
    def planned() -> list[int]:
        plan = VisitPlan.objects.get(rep_id=plan_world["rep"], day=tenant_today())
        return list(plan.stops.order_by("position").values_list("customer_id", flat=True))

    assert read_db(world.alpha, planned) == [first["id"], second["id"]]
    expect(stops.nth(0)).to_have_attribute("data-customer-id", str(first["id"]))
    expect(stops.nth(1)).to_have_attribute("data-customer-id", str(second["id"]))
    expect(page.locator('[data-testid="plan-stop"][data-visited="true"]')).to_have_count(0)
    _check_page(app)

    # When the rep checks in at the second shop and the plan is opened again
    def check_in() -> None:
        visit_check_in(actor=User.objects.get(pk=plan_world["rep"]), customer_id=second["id"])

    read_db(world.alpha, check_in)
    page.reload()
    on_screen(app, "field-plan")

    # Then the second stop is visited, the first not, the order kept
    expect(stops).to_have_count(2)
    expect(stops.nth(1)).to_have_attribute("data-visited", "true")
    expect(stops.nth(1).get_by_test_id("plan-visited")).to_contain_text("已拜访")
    expect(stops.nth(0)).to_have_attribute("data-visited", "false")
    expect(page.get_by_test_id("plan-summary")).to_contain_text("计划 2 家，已拜访 1 家")
    snapshot(app, "phone-field-plan")

    # When they open 业务日志 from the plan and write today's log
    page.get_by_role("navigation", name="计划和日志").get_by_role("link", name="业务日志").click()
    on_screen(app, "field-logs")
    page.get_by_label("今天做了什么").fill(f"拜访乙店{tag}，补货两箱")
    page.get_by_test_id("log-save").click()
    expect(page.get_by_text("日志已提交")).to_be_visible()

    # Then the log keeps the text and the day's numbers, one visit among them
    log = read_db(
        world.alpha, lambda: WorkLog.objects.filter(rep_id=plan_world["rep"]).latest("submitted_at")
    )
    assert log.text == f"拜访乙店{tag}，补货两箱"
    assert log.visits >= 1
    numbers = page.get_by_test_id("log-numbers")
    expect(numbers).to_contain_text("拜访")
    expect(page.locator(f'[data-testid="log-row"][data-log-id="{log.pk}"]')).to_be_visible()
    _check_page(app)

    # When the team's manager opens the log where the notification links and comments
    boss = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path=f"/app/field/logs/{log.pk}")
    on_screen(boss, "field-log")
    expect(boss.page.get_by_role("heading", level=1)).to_have_text(f"{plan_world['rep_name']}的日志")
    expect(boss.page.get_by_test_id("log-text")).to_have_text(f"拜访乙店{tag}，补货两箱")
    boss.page.get_by_role("textbox", name="写点评").fill(f"很好，明天去甲店{tag}")
    boss.page.get_by_test_id("log-comment-send").click()
    expect(boss.page.get_by_test_id("log-comment")).to_contain_text(f"很好，明天去甲店{tag}")
    _check_page(boss)
    snapshot(boss, "phone-field-log-manager")
    assert read_db(
        world.alpha, lambda: list(WorkLogComment.objects.filter(log_id=log.pk).values_list("text", flat=True))
    ) == [f"很好，明天去甲店{tag}"]

    # Then the rep, opening the log from the list, sees the comment and no comment box of their own
    page.reload()
    on_screen(app, "field-logs")
    page.locator(f'[data-testid="log-row"][data-log-id="{log.pk}"]').click()
    on_screen(app, "field-log")
    comment = page.get_by_test_id("log-comment")
    expect(comment).to_contain_text(f"很好，明天去甲店{tag}")
    expect(comment).to_contain_text(manager_name)
    expect(page.get_by_role("textbox", name="写点评")).to_have_count(0)
    snapshot(app, "phone-field-log")
