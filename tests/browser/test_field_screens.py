"""The field screens on a phone, under the enforced Content-Security-Policy, with the position
mocked: a rep checks in at a customer whose site is set and sees 在范围内 with the distance; a
check-in made offline waits on the phone as 待上传 and is sent exactly once when the connection
returns; the rep checks out with notes; the manager picks the rep and sees the day with both
visits; a rep sets a customer's site from the customer screen with the phone's position; a
check-in without the position permission goes through and says so; a manager changes the
radius (a value out of bounds is refused at its field)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.core.models import LoggedEvent
from saas.customers.services.common import refresh_search_text
from saas.fieldsales.models import CustomerSite, Team, TeamMember, Visit
from saas.fieldsales.services import customer_qr_text, customer_site_set, field_settings
from tests.browser.driver import PHONE, snapshot
from tests.browser.field_helpers import NORTH_30_M, SHOP, check_in_at, on_screen, phone, queued
from tests.browser.test_accessibility import _check_page
from tests.fixtures.sales import sales_customer

pytestmark = pytest.mark.live


@pytest.fixture
def shop(world, read_db) -> Iterator[dict[str, Any]]:
    """The rep's customer with its site set, the rep in a team the manager manages; the visits,
    site and team are removed afterwards."""
    tag = uuid.uuid4().hex[:8].upper()

    def make() -> dict[str, Any]:
        rep = User.objects.get(email="sales@alpha.test")
        manager = User.objects.get(email="manager@alpha.test")
        customer = sales_customer(owner=rep, name=f"西湖便利店{tag}")
        refresh_search_text(customer)
        site = customer_site_set(
            actor=rep, customer_id=customer.pk, latitude=SHOP[0], longitude=SHOP[1], system="wgs84"
        )
        team = Team.objects.create(name=f"外勤组{tag}", manager=manager)
        TeamMember.objects.update_or_create(user=rep, defaults={"team": team})
        return {
            "rep": rep.pk,
            "rep_name": rep.full_name,
            "customer": customer.pk,
            "name": customer.name,
            "qr": customer_qr_text(customer, site),
            "team": team.pk,
        }

    made = read_db(world.alpha, make)
    yield made

    def clean() -> None:
        Visit.objects.filter(customer_id=made["customer"]).delete()
        CustomerSite.objects.filter(customer_id=made["customer"]).delete()
        Team.objects.filter(pk=made["team"]).delete()

    read_db(world.alpha, clean)


def test_a_rep_checks_in_in_range_offline_once_and_the_manager_sees_the_day(shell, world, read_db, shop):
    name = shop["name"]
    visits = lambda: read_db(  # noqa: E731
        world.alpha, lambda: list(Visit.objects.filter(customer_id=shop["customer"]).order_by("id").values())
    )

    # Given the rep's day on a phone that gives its position 30 m from the shop
    app = phone(shell, "sales", "/app/field")
    page = app.page
    on_screen(app, "field")
    expect(page.get_by_role("heading", level=1)).to_have_text("我的外勤")

    # When they tap 签到, pick the shop, paste the text of its QR code and check in
    page.get_by_test_id("field-check-in").click()
    check_in_at(app, name, qr=shop["qr"], shot="phone-field-check-in")

    # Then they see it was in range, 30 m from the shop, with the QR code verified
    result = page.get_by_test_id("field-result")
    expect(result).to_contain_text(f"已签到：{name}")
    expect(result.locator(".visit-verdict")).to_have_text("在范围内")
    expect(result.locator(".visit-distance")).to_have_text("30 米")
    expect(result.locator(".visit-qr")).to_have_text("二维码")
    expect(result).to_contain_text("已获取位置，精度约 10 米")
    _check_page(app)
    snapshot(app, "phone-field-check-in-result")
    [first] = visits()
    assert (first["verdict"], first["distance_m"], first["captured_offline"]) == ("in_range", 30, False)
    assert first["qr_verified"] is True
    assert first["client_id"] and first["captured_at"] is not None

    # And their day lists the visit
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    rows = page.locator("li.visit-row:not([data-pending])")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(name)

    # When the connection drops and they check in again
    app.context.set_offline(True)
    app.wait_until("document.documentElement.dataset.online === 'false'")
    page.get_by_test_id("field-check-in").click()
    check_in_at(app, name)

    # Then the check-in waits on the phone with its clientId and the time of the tap
    expect(result).to_contain_text(f"已保存：{name}")
    expect(result).to_contain_text("待上传")
    [item] = queued(app)
    assert item["type"] == "visit.check_in"
    waiting = item["input"]
    assert waiting["customerId"] == str(shop["customer"]) and waiting["clientId"] and waiting["capturedAt"]
    assert Decimal(waiting["latitude"]) == Decimal(f"{NORTH_30_M['latitude']:.6f}")
    assert len(visits()) == 1

    # And the day shows it as 待上传 beside the visit made online
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    pending = page.locator(f'li.visit-row[data-pending="true"][data-client-id="{waiting["clientId"]}"]')
    expect(pending).to_contain_text("待上传")
    expect(pending).to_contain_text(name)
    expect(rows).to_have_count(1)
    snapshot(app, "phone-field-day-offline")

    # When the connection returns
    app.context.set_offline(False)

    # Then it is sent by itself, exactly once, with the phone's time and id
    expect(pending).to_have_count(0, timeout=10000)
    expect(rows).to_have_count(2)
    assert queued(app) == []
    first_again, offline = visits()
    assert first_again["id"] == first["id"]
    assert offline["client_id"] == waiting["clientId"]
    assert offline["captured_at"] is not None and offline["captured_at"] <= offline["checked_in_at"]
    assert offline["verdict"] == "in_range"
    events = read_db(
        world.alpha,
        lambda: LoggedEvent.objects.filter(name="visit.checked_in", payload__id=str(offline["id"])).count(),
    )
    assert events == 1

    # When they check out of the first visit with notes
    row = page.locator(f'li.visit-row[data-visit-id="{first["id"]}"]')
    row.get_by_role("button", name=f"签退：{name}").click()
    row.get_by_label("拜访记录").fill("补货两箱，下周再来")
    row.get_by_role("button", name="确认签退").click()

    # Then the visit is closed with its notes
    closed = page.locator(f'li.visit-row[data-visit-id="{first["id"]}"][data-open="false"]')
    expect(closed).to_contain_text("补货两箱，下周再来")
    expect(closed).to_contain_text("签退")
    assert visits()[0]["checked_out_at"] is not None
    _check_page(app)
    snapshot(app, "phone-field-day")

    # When the manager opens 外勤 and picks the rep
    boss = phone(shell, "manager", "/app/field")
    on_screen(boss, "field")
    boss.page.get_by_label("销售").select_option(label=shop["rep_name"])

    # Then they see the rep's day with both visits, in order, and the distance travelled
    expect(boss.page.get_by_role("heading", level=1)).to_have_text(f"{shop['rep_name']}的外勤")
    their_rows = boss.page.locator("li.visit-row")
    expect(their_rows).to_have_count(2)
    expect(their_rows.nth(0)).to_have_attribute("data-visit-id", str(first["id"]))
    expect(their_rows.nth(1)).to_have_attribute("data-visit-id", str(offline["id"]))
    for index in range(2):
        expect(their_rows.nth(index).locator(".visit-verdict")).to_have_text("在范围内")
    expect(boss.page.get_by_test_id("field-travelled")).to_contain_text("0 米")
    # A manager cannot check out of the rep's visit, nor check in on the rep's behalf here
    expect(boss.page.get_by_role("button", name=f"签退：{name}")).to_have_count(0)
    expect(boss.page.get_by_test_id("field-check-in")).to_be_hidden()
    assert "rep=" in boss.page.url
    _check_page(boss)
    snapshot(boss, "phone-field-manager-day")


def test_a_rep_sets_a_customers_site_from_the_customer_screen(shell, world, read_db, shop):
    # Given a customer of the rep without a site
    def make() -> int:
        customer = sales_customer(owner=User.objects.get(pk=shop["rep"]), name=f"{shop['name']}二店")
        return int(customer.pk)

    customer_id = read_db(world.alpha, make)
    app = phone(shell, "sales", f"/app/customers/{customer_id}")
    page = app.page
    on_screen(app, "customer")

    # When they tap 设置位置 in the shop and confirm
    page.get_by_role("button", name="设置位置").click()
    page.get_by_role("dialog").get_by_role("button", name="设置位置").click()

    # Then the phone's position is the customer's site, in WGS-84
    expect(page.get_by_test_id("customer-site")).to_contain_text("门店位置")

    def site() -> tuple[Decimal | None, Decimal | None, str]:
        row = CustomerSite.objects.get(customer_id=customer_id)
        return row.latitude, row.longitude, row.source_system

    latitude, longitude, system = read_db(world.alpha, site)
    assert (latitude, longitude, system) == (
        Decimal(f"{NORTH_30_M['latitude']:.6f}"),
        Decimal(f"{SHOP[1]:.6f}"),
        "wgs84",
    )
    read_db(world.alpha, lambda: CustomerSite.objects.filter(customer_id=customer_id).delete())

    # And 在此签到 opens the check-in with this customer picked
    page.get_by_role("link", name="在此签到").click()
    on_screen(app, "field-check-in")
    expect(page.get_by_test_id("field-customer-chosen")).to_have_text(f"{shop['name']}二店")


def test_a_check_in_without_the_position_permission_goes_through_and_says_so(shell, world, read_db, shop):
    # Given a phone whose browser refuses the position
    app = shell(as_user="sales", viewport=PHONE, enforce_csp=True, path="/app/field/check-in")
    page = app.page

    # When the rep checks in
    check_in_at(app, shop["name"])

    # Then the check-in is made without a position, and the screen says why
    result = page.get_by_test_id("field-result")
    expect(result.locator(".visit-verdict")).to_have_text("无定位")
    expect(result).to_contain_text("未获得定位权限：本次签到不带位置。")

    def made() -> list[tuple[str, Any, Any]]:
        return list(
            Visit.objects.filter(customer_id=shop["customer"]).values_list(
                "verdict", "latitude", "distance_m"
            )
        )

    assert read_db(world.alpha, made) == [("no_position", None, None)]


def test_a_manager_changes_the_check_in_radius(shell, world, read_db):
    before = read_db(world.alpha, lambda: field_settings().radius_m)
    app = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path="/app/field")
    page = app.page
    on_screen(app, "field")

    try:
        # When the manager opens 外勤设置 and asks for a radius below the minimum
        page.get_by_role("link", name="外勤设置").click()
        on_screen(app, "field-settings")
        radius = page.get_by_label("签到范围（米）")
        expect(radius).to_have_value(str(before))
        radius.fill("5")
        page.get_by_role("button", name="保存").click()

        # Then the server's reason shows at the radius field, and nothing changed
        expect(page.locator('[data-field="radiusMeters"] .field-error')).to_be_visible()
        expect(radius).to_have_attribute("aria-invalid", "true")
        assert read_db(world.alpha, lambda: field_settings().radius_m) == before

        # When they save a radius within the limits
        radius.fill("150")
        page.get_by_role("button", name="保存").click()

        # Then it is the workspace's radius, and the check-in screen says so
        expect(page.locator(".toast")).to_contain_text("外勤设置已保存")
        assert read_db(world.alpha, lambda: field_settings().radius_m) == 150
        app.open("/app/field/check-in")
        expect(page.locator(".field-check-in-form")).to_contain_text("距门店 150 米内算到店。")
    finally:

        def restore() -> None:
            row = field_settings()
            row.radius_m = before
            row.save()

        read_db(world.alpha, restore)
