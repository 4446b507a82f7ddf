"""The home that tells the day: a new workspace opens on its checklist, loads the sample data
(its orders show in today's and this month's figures and the chart) and removes it again; the
owner of a running workspace sees the day's figures and 开单; the warehouse sees no money; a rep
sees their own figures and targets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.fieldsales.models import FieldDailyStats, FieldTarget
from saas.fieldsales.rollup import rollup_day
from saas.fieldsales.selectors import period_bounds
from saas.sales.models import SOLD_STATUSES, SalesOrder
from tenants.services import tenant_signup
from tests.browser.driver import DESKTOP, PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.fixtures.tenants import PASSWORD, Workspace

pytestmark = pytest.mark.live


def _in_thread(query: Callable[[], Any]) -> Any:
    """An ORM call outside Playwright's event loop (see driver.in_workspace), in the public schema."""

    def run() -> Any:
        try:
            return query()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def newcomer(world, django_db_blocker) -> Iterator[Workspace]:
    """A workspace just signed up: its owner and nothing else."""

    def make() -> Workspace:
        result = tenant_signup(
            company_name="新开张商贸",
            slug="newcomer",
            owner_name="新老板",
            email="owner@newcomer.test",
            password=PASSWORD,
        )
        return Workspace(tenant=result.tenant, users={"owner": result.owner})

    with django_db_blocker.unblock():
        yield _in_thread(make)


def _sold_today(read_db, workspace: Workspace) -> Decimal:
    def total() -> Decimal:
        return sum((o.total_amount for o in SalesOrder.objects.filter(status__in=SOLD_STATUSES)), Decimal(0))

    return read_db(workspace, total)


def test_a_new_workspace_opens_on_its_checklist_and_loads_and_removes_sample_data(
    shell, newcomer, read_db, _login_cookies
):
    app = shell(as_user=None, path=None, viewport=PHONE, host=newcomer.host)
    app.context.add_cookies(_login_cookies(newcomer.host, "owner@newcomer.test"))  # type: ignore[arg-type]
    app.open("/app/")
    page = app.page
    checklist = page.get_by_test_id("onboarding")
    expect(checklist).to_contain_text("开始使用麻雀订单云")
    expect(checklist).to_contain_text("已完成 0/5 步")
    steps = checklist.locator("li.onboard-step")
    expect(steps).to_have_count(5)
    expect(steps.nth(0)).to_have_attribute("data-step", "company")
    expect(steps.nth(2).get_by_role("link", name="从 Excel 导入商品")).to_be_visible()
    expect(page.get_by_test_id("home-new-order")).to_have_text("开单")
    figures = page.get_by_test_id("home-figures")
    expect(figures.locator('[data-figure="sales_today"]')).to_contain_text("¥0.00")
    _check_page(app)
    snapshot(app, "phone-home-checklist")

    page.get_by_test_id("sample-load").click()
    expect(checklist).to_contain_text("工作区里有示例数据", timeout=20000)
    # The sample set is not the workspace's own data: nothing is ticked by it.
    expect(checklist).to_contain_text("已完成 0/5 步")
    sold = _sold_today(read_db, newcomer)
    assert sold > 0
    shown = f"¥{sold:,.2f}"
    expect(figures.locator('[data-figure="sales_today"]')).to_contain_text(shown)
    expect(figures.locator('[data-figure="sales_month"]')).to_contain_text(shown)
    expect(figures.locator('[data-figure="orders_today"]')).to_contain_text("2")
    expect(figures.locator('[data-figure="sales_today"]')).to_contain_text("昨日无数据")
    chart = page.get_by_test_id("home-chart")
    expect(chart.locator("rect.bar-current")).to_have_count(7)
    page.get_by_role("button", name="近 30 天").click()
    expect(chart.locator("rect.bar-current")).to_have_count(30)
    _check_page(app)
    snapshot(app, "phone-home-sample-data")

    page.get_by_test_id("sample-remove").click()
    page.get_by_role("dialog").get_by_role("button", name="移除示例数据").click()
    expect(checklist.get_by_test_id("sample-load")).to_be_visible(timeout=20000)
    expect(figures.locator('[data-figure="sales_today"]')).to_contain_text("¥0.00")
    assert read_db(newcomer, lambda: SalesOrder.objects.count()) == 0

    page.get_by_test_id("onboarding-dismiss").click()
    expect(page.get_by_test_id("onboarding")).to_have_count(0)


def test_the_owner_sees_the_days_figures_and_the_warehouse_sees_no_money(shell):
    owner = shell(as_user="owner", viewport=DESKTOP)
    figures = owner.page.get_by_test_id("home-figures")
    for key in (
        "sales_today",
        "sales_month",
        "orders_today",
        "orders_month",
        "collections_today",
        "receivables_due",
    ):
        expect(figures.locator(f'[data-figure="{key}"]')).to_be_visible()
    expect(figures.locator('[data-figure="sales_month"]')).to_contain_text("上月同期")
    expect(owner.page.get_by_test_id("home-chart")).to_be_visible()
    _check_page(owner)
    snapshot(owner, "desktop-home-figures")
    owner.page.get_by_test_id("home-new-order").click()
    owner.wait_until("() => location.pathname === '/app/orders/new'")

    keeper = shell(as_user="warehouse", viewport=PHONE)
    expect(keeper.page.get_by_test_id("home-low-stock")).to_be_visible()
    expect(keeper.page.get_by_test_id("home-figures")).to_have_count(0)
    expect(keeper.page.get_by_test_id("home-chart")).to_have_count(0)
    expect(keeper.page.get_by_test_id("onboarding")).to_have_count(0)
    _check_page(keeper)


@pytest.fixture
def rep_target(world, read_db) -> Iterator[None]:
    """The rep has a sales target of 10,000 this month and 6,000 counted."""

    def make() -> None:
        rep = User.objects.get(email="sales@alpha.test")
        first, _last = period_bounds("month", tenant_today())
        FieldDailyStats.objects.filter(rep=rep, day__gte=first).delete()
        FieldDailyStats.objects.create(rep=rep, day=first, sales_amount=Decimal("6000"))
        FieldTarget.objects.update_or_create(
            period="month",
            starts_on=first,
            dimension="rep",
            subject_id=rep.pk,
            metric="sales_amount",
            defaults={"value": Decimal("10000")},
        )

    read_db(world.alpha, make)
    yield

    def clean() -> None:
        rep = User.objects.get(email="sales@alpha.test")
        FieldTarget.objects.filter(dimension="rep", subject_id=rep.pk).delete()
        FieldDailyStats.objects.filter(rep=rep).delete()
        rollup_day(tenant_today())

    read_db(world.alpha, clean)


def test_a_reps_home_shows_their_own_figures_and_targets(shell, rep_target):
    app = shell(as_user="sales", viewport=PHONE)
    page = app.page
    expect(page.get_by_test_id("home-figures").locator('[data-figure="sales_today"]')).to_be_visible()
    targets = page.get_by_test_id("field-targets")
    expect(targets).to_contain_text("我的目标")
    expect(targets.locator('[data-metric="sales_amount"]')).to_contain_text("6,000.00")
    expect(page.get_by_test_id("home-low-stock")).to_have_count(0)
    expect(page.get_by_test_id("onboarding")).to_have_count(0)
    _check_page(app)
