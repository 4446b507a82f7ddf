"""The field screens for managers and the photos at a check-in, on a phone under the enforced
Content-Security-Policy: the rankings show the rollup's rows in order with equal ranks for equal
values, a completion bar against the month's target and the caller's own row marked; the manager's
team page lists the team's reps in one request with their visits, customers, last check-in,
out-of-range count, the orders approved that day and the money collected, and a rep's row opens
their day with the route drawn (one numbered point per check-in with a position,
labelled legs, a scale bar of a round number of metres); a rep checks in with a photo taken on
the phone, which is uploaded, attached and shown, and the same photo at the next visit is flagged
重复照片; offline the photo button says why it cannot upload; a manager prints a customer's QR
code on a sheet that is all the paper shows."""

from __future__ import annotations

import io
import random
import re
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from PIL import Image
from playwright.sync_api import expect

from saas.accounts.models import Role, User
from saas.core.clock import tenant_today, tenant_zone
from saas.customers.services.common import refresh_search_text
from saas.fieldsales import geo
from saas.fieldsales.models import (
    CustomerSite,
    FieldDailyStats,
    FieldTarget,
    Region,
    Team,
    TeamMember,
    Visit,
    VisitPhoto,
)
from saas.fieldsales.services import customer_qr_text, customer_site_set
from saas.finance.models import Receipt
from saas.inventory.models import Warehouse
from saas.sales.models import SalesOrder
from tests.browser.driver import PHONE, snapshot
from tests.browser.field_helpers import on_screen
from tests.browser.test_accessibility import _check_page
from tests.fixtures.sales import sales_customer

pytestmark = pytest.mark.live

SHOP = (30.259200, 120.130300)
NEAR_SHOP = {"latitude": SHOP[0] + 20 / 111_195, "longitude": SHOP[1], "accuracy": 10}
# The rep's round on the seeded day: three check-ins with a position (about 1.6 km and 2.1 km
# apart), one without, the third out of range.
ROUND = [
    ("09:00", (30.259200, 120.130300), "in_range"),
    ("10:30", (30.268000, 120.145000), "in_range"),
    ("13:00", None, "no_position"),
    ("15:00", (30.250000, 120.160000), "out_of_range"),
]


def _person(email: str, name: str) -> User:
    user = User.objects.create_user(email=email, password="x" * 12, full_name=name)
    user.roles.set(Role.objects.filter(code="sales"))
    return user


def _jpeg(path: Path, seed: int) -> Path:
    """A small photo with detail in it (a perceptual hash of a flat picture says little)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (320, 240))
    image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(320 * 240)])
    image = image.resize((40, 30)).resize((320, 240))  # blocks rather than noise
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def field_team(world, read_db) -> Iterator[dict[str, Any]]:
    """On a day of an earlier month: the rollup's numbers for the rep and two more reps (the rep
    and the third equal), month targets for the rep and the second; a region and a team of the
    three under the manager; the rep's round of four check-ins, two orders of the rep approved that
    day (500 and 700) and a payment (880) from one of the rep's shops. All removed afterwards."""
    tag = uuid.uuid4().hex[:6].upper()

    def make() -> dict[str, Any]:
        rep = User.objects.get(email="sales@alpha.test")
        manager = User.objects.get(email="manager@alpha.test")
        second = _person(f"rank-a-{tag.lower()}@alpha.test", f"排行甲{tag}")
        third = _person(f"rank-b-{tag.lower()}@alpha.test", f"排行乙{tag}")
        # In the quarter before this one: no check-in or order of another test reaches it.
        today = tenant_today()
        quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        day = (quarter - timedelta(days=40)).replace(day=12)
        month = day.replace(day=1)
        for person, amount in ((rep, "1200.00"), (second, "3000.00"), (third, "1200.00")):
            FieldDailyStats.objects.create(day=day, rep=person, sales_amount=Decimal(amount))
        for person, goal in ((rep, "2400.00"), (second, "2000.00")):
            FieldTarget.objects.create(
                period="month",
                starts_on=month,
                dimension="rep",
                subject_id=person.pk,
                metric="sales_amount",
                value=Decimal(goal),
            )
        region = Region.objects.create(name=f"华东{tag}")
        team = Team.objects.create(name=f"外勤{tag}组", manager=manager, region=region)
        for person in (rep, second, third):
            TeamMember.objects.update_or_create(user=person, defaults={"team": team})
        shops = [sales_customer(owner=rep, name=f"路线客户{tag}{n}") for n in range(1, 5)]
        visits = []
        for (clock, where, verdict), shop in zip(ROUND, shops, strict=True):
            at = datetime.combine(day, time.fromisoformat(clock), tzinfo=tenant_zone())
            visits.append(
                Visit.objects.create(
                    rep=rep,
                    customer=shop,
                    checked_in_at=at,
                    radius_m=200,
                    verdict=verdict,
                    latitude=Decimal(f"{where[0]:.6f}") if where else None,
                    longitude=Decimal(f"{where[1]:.6f}") if where else None,
                    accuracy_m=Decimal("8") if where else None,
                    distance_m=900 if verdict == "out_of_range" else (20 if where else None),
                ).pk
            )
        warehouse = Warehouse.objects.create(code=f"FT{tag}", name=f"外勤仓{tag}")
        orders = [
            SalesOrder.objects.create(
                number=f"SO-T-{tag}-{n}",
                customer=shops[n],
                rep=rep,
                status="pending_shipment",
                warehouse=warehouse,
                order_date=day,
                goods_amount=Decimal(amount),
                total_amount=Decimal(amount),
                created_by=rep,
                created_at=datetime.combine(day, time(11), tzinfo=tenant_zone()),
                approved_at=datetime.combine(day, time(11, 30), tzinfo=tenant_zone()),
            ).pk
            for n, amount in ((0, "500.00"), (1, "700.00"))
        ]
        receipt = Receipt.objects.create(
            number=f"RC-T-{tag}",
            customer=shops[0],
            amount=Decimal("880.00"),
            unallocated_amount=Decimal("880.00"),
            received_on=day,
            created_by=manager,
        ).pk
        return {
            "day": day,
            "month": month,
            "rep": rep.pk,
            "rep_name": rep.full_name,
            "manager": manager.pk,
            "second": (second.pk, second.full_name),
            "third": (third.pk, third.full_name),
            "team": team.pk,
            "team_name": team.name,
            "region": region.pk,
            "shops": [(shop.pk, shop.name) for shop in shops],
            "visits": visits,
            "orders": orders,
            "receipt": receipt,
            "warehouse": warehouse.pk,
        }

    made = read_db(world.alpha, make)
    yield made

    def clean() -> None:
        Visit.objects.filter(pk__in=made["visits"]).delete()
        SalesOrder.objects.filter(pk__in=made["orders"]).delete()
        Receipt.objects.filter(pk=made["receipt"]).delete()
        Warehouse.objects.filter(pk=made["warehouse"]).delete()
        people = [made["second"][0], made["third"][0]]
        FieldTarget.objects.filter(subject_id__in=[made["rep"], *people], starts_on=made["month"]).delete()
        FieldDailyStats.objects.filter(day=made["day"]).delete()
        Team.objects.filter(pk=made["team"]).delete()
        Region.objects.filter(pk=made["region"]).delete()
        User.objects.filter(pk__in=people).delete()

    read_db(world.alpha, clean)


@pytest.fixture
def shop(world, read_db) -> Iterator[dict[str, Any]]:
    """A customer of the rep with its site set; its visits, photos and site go afterwards."""
    tag = uuid.uuid4().hex[:8].upper()

    def make() -> dict[str, Any]:
        rep = User.objects.get(email="sales@alpha.test")
        customer = sales_customer(owner=rep, name=f"拍照便利店{tag}")
        refresh_search_text(customer)
        site = customer_site_set(
            actor=rep, customer_id=customer.pk, latitude=SHOP[0], longitude=SHOP[1], system="wgs84"
        )
        return {"customer": customer.pk, "name": customer.name, "qr": customer_qr_text(customer, site)}

    made = read_db(world.alpha, make)
    yield made

    def clean() -> None:
        for photo in VisitPhoto.objects.filter(customer_id=made["customer"]):
            for stored in (photo.original, photo.served):
                if stored.name:
                    stored.storage.delete(stored.name)
            photo.delete()
        Visit.objects.filter(customer_id=made["customer"]).delete()
        CustomerSite.objects.filter(customer_id=made["customer"]).delete()

    read_db(world.alpha, clean)


def test_the_rankings_show_the_rollup_in_order_with_ties_targets_and_my_row(shell, field_team):
    day: date = field_team["day"]
    second = field_team["second"][1]

    # Given the month's numbers of the seeded day, seen by the rep on a phone
    app = shell(as_user="sales", viewport=PHONE, enforce_csp=True, path="/app/field")
    page = app.page
    on_screen(app, "field")
    page.get_by_role("link", name="排行榜").click()
    on_screen(app, "field-rankings")
    page.get_by_label("日期（所在的日、周、月或季度）").fill(day.isoformat())

    # Then the reps are ranked by sales: the second first, the rep and the third equal at 2
    rows = page.get_by_test_id("ranking-list").locator("li.ranking-row")
    expect(rows.nth(0)).to_contain_text(second)
    expect(page.get_by_test_id("ranking-span")).to_have_text(f"{day.year}年{day.month}月")
    top = [(rows.nth(i).get_attribute("data-rank"), rows.nth(i).get_attribute("data-id")) for i in range(3)]
    assert [rank for rank, _ in top] == ["1", "2", "2"]
    assert top[0][1] == str(field_team["second"][0])
    assert {who for _, who in top[1:]} == {str(field_team["rep"]), str(field_team["third"][0])}
    for index in (1, 2):
        expect(rows.nth(index).locator(".ranking-tied")).to_have_text("并列")
    expect(rows.nth(0).locator(".ranking-tied")).to_have_count(0)
    # The owner and admin (they hold every scope) are not ranked for doing nothing
    expect(rows).to_have_count(3)

    # And money is money, targets come with a completion bar, the rep's own row is marked
    first = rows.nth(0)
    expect(first.locator(".ranking-value")).to_have_text("¥3,000.00")
    expect(first.locator(".ranking-target")).to_have_text("目标 ¥2,000.00 · 完成 150%")
    assert first.locator(".ranking-bar-fill").evaluate("(el) => el.style.width") == "100%"
    mine = page.locator('li.ranking-row[data-mine="true"]')
    expect(mine).to_have_count(1)
    expect(mine).to_have_attribute("data-id", str(field_team["rep"]))
    expect(mine).to_have_attribute("aria-current", "true")
    expect(mine.locator(".ranking-target")).to_have_text("目标 ¥2,400.00 · 完成 50%")
    assert mine.locator(".ranking-bar-fill").evaluate("(el) => el.style.width") == "50%"
    theirs = page.locator(f'li.ranking-row[data-id="{field_team["third"][0]}"]')
    expect(theirs.locator(".ranking-bar")).to_have_count(0)  # no target, no bar
    _check_page(app)
    snapshot(app, "phone-field-rankings")

    # When they order by completion: 150 %, then the rep's 50 %, then the third without a target
    page.get_by_role("radio", name="按完成率").check()
    expect(rows.nth(1)).to_have_attribute("data-id", str(field_team["rep"]))
    expect(rows.nth(2)).to_have_attribute("data-id", str(field_team["third"][0]))
    assert [rows.nth(i).get_attribute("data-rank") for i in range(3)] == ["1", "2", "3"]
    assert "rankBy=completion_rate" in page.url
    page.get_by_role("radio", name="按数值").check()
    expect(rows.nth(2).locator(".ranking-tied")).to_have_text("并列")

    # When they look at teams over the quarter
    page.get_by_role("radio", name="季").check()
    page.get_by_role("radio", name="团队").check()

    # Then their team leads with its members' sum, marked as theirs, and no monthly target
    team = page.locator(f'li.ranking-row[data-id="{field_team["team"]}"]')
    expect(team).to_have_attribute("data-rank", "1")
    expect(team.locator(".ranking-value")).to_have_text("¥5,400.00")
    expect(team).to_have_attribute("data-mine", "true")
    expect(team.locator(".ranking-bar")).to_have_count(0)
    assert re.search(r"period=quarter", page.url) and "dimension=team" in page.url

    # And counts are plain numbers
    page.get_by_role("radio", name="拜访").check()
    expect(team.locator(".ranking-value")).to_have_text("0")


def test_the_manager_sees_the_team_and_a_reps_route(shell, world, read_db, field_team):
    day: date = field_team["day"]
    shops = field_team["shops"]

    # Given the manager's team page on the seeded day
    app = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path="/app/field")
    page = app.page
    on_screen(app, "field")
    asked: list[str] = []

    def note(request: Any) -> None:
        if request.url.endswith("/graphql/") and request.method == "POST":
            asked.append((request.post_data_json or {}).get("query", ""))

    page.on("request", note)
    page.get_by_role("link", name="团队外勤").click()
    on_screen(app, "field-team")
    page.get_by_label("日期", exact=True).fill(day.isoformat())

    # Then the team's three reps are listed under the team, each with their day
    section = page.locator(f'ul.team-list[data-team-id="{field_team["team"]}"]')
    expect(section.locator("li.team-rep")).to_have_count(3)
    rep_row = section.locator(f'li.team-rep[data-rep-id="{field_team["rep"]}"]')
    expect(rep_row.locator(".team-visits")).to_have_text("拜访 4 次")
    expect(rep_row.locator(".team-customers")).to_have_text("4 家客户")
    expect(rep_row.locator(".team-rep-last")).to_have_text(f"最近：15:00 {shops[3][1]}")
    expect(rep_row.locator(".team-out-of-range")).to_have_text("超出范围 1 次")
    # And the day's orders (approved that day) and collections, as the rankings count them
    expect(rep_row.locator(".team-orders")).to_have_text("订单 2 笔 · ¥1,200.00")
    expect(rep_row.locator(".team-collections")).to_have_text("回款 ¥880.00")
    idle = section.locator(f'li.team-rep[data-rep-id="{field_team["second"][0]}"]')
    expect(idle.locator(".team-rep-last")).to_have_text("这一天还没有签到")
    expect(idle.locator(".team-visits")).to_have_text("拜访 0 次")
    for quiet in (".team-out-of-range", ".team-customers", ".team-orders", ".team-collections"):
        expect(idle.locator(quiet)).to_have_count(0)
    summary = page.get_by_test_id("team-summary")
    expect(summary).to_contain_text("超出范围 1 次")
    expect(summary.locator(".team-summary-orders")).to_have_text("订单 2 笔 · ¥1,200.00")
    expect(summary.locator(".team-summary-collections")).to_have_text("回款 ¥880.00")
    # One request for the whole team, not one per rep
    team_days = [query for query in asked if "fieldTeamDay" in query]
    assert team_days and not [query for query in asked if "fieldDay(" in query], asked
    _check_page(app)
    snapshot(app, "phone-field-team")

    # When they tap the rep
    rep_row.get_by_role("link").click()
    on_screen(app, "field")

    # Then the rep's day shows the route: three numbered points for the three check-ins with a
    # position, two labelled legs, a scale bar of a round number of metres
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{field_team['rep_name']}的外勤")
    route = page.get_by_test_id("field-route")
    drawing = route.locator("svg.route-schematic")
    expect(drawing).to_have_attribute("data-points", "3")
    numbers = sorted(drawing.locator("g.route-point").all_text_contents())
    assert numbers == ["1", "2", "3"]
    legs = drawing.locator("g.route-leg")
    expect(legs).to_have_count(2)
    expect(legs.locator("text")).to_have_text([re.compile(r"^[\d.]+ (米|公里)$")] * 2)
    scale = drawing.locator("g.route-scale")
    meters = int(scale.get_attribute("data-meters") or 0)
    assert re.fullmatch(r"[125]0*", str(meters)), meters
    expect(scale.locator("text")).to_have_text(re.compile(r"^\d+ (米|公里)$"))
    # No map: nothing in the drawing is fetched
    assert drawing.evaluate("(svg) => svg.querySelectorAll('image, use, foreignObject').length") == 0

    # And the drawing's distances are the server's: the legs add up to the distance travelled
    points = [geo.Point(*where) for _, where, _ in ROUND if where]
    expected = round(sum(geo.distance_meters(a, b) for a, b in zip(points, points[1:], strict=False)))
    assert abs(int(drawing.get_attribute("data-meters") or 0) - expected) <= 1
    expect(route.get_by_test_id("field-route-total")).to_contain_text("3 个签到点")
    expect(route).to_contain_text("另有 1 次签到没有定位")
    stops = route.locator("ol.route-stops > li")
    expect(stops).to_have_count(3)
    expect(stops.nth(2)).to_contain_text(shops[3][1])
    _check_page(app)
    drawing.evaluate("(svg) => svg.scrollIntoView({ block: 'center' })")
    snapshot(app, "phone-field-route")


def test_the_route_schematic_is_a_pure_drawing_at_one_scale(shell):
    app = shell(as_user="sales", viewport=PHONE, enforce_csp=True, path="/app/field")
    result = app.page.evaluate(
        """async () => {
          const { routeSchematic, roundMeters, projectPoints } = await import('/app/ui/route_schematic.js');
          // Two points 1 km apart east-west and one 500 m north of the first, near Hangzhou.
          const perDegree = 6371008.8 * Math.PI / 180;
          const lat = 30.25;
          const east = 1000 / (perDegree * Math.cos(lat * Math.PI / 180));
          const points = [
            { latitude: lat, longitude: 120.1 },
            { latitude: String(lat), longitude: String(120.1 + east) },
            { latitude: lat + 500 / perDegree, longitude: 120.1 },
          ];
          const svg = routeSchematic(points);
          const again = routeSchematic(points);
          const { xy, pixelsPerMeter } = projectPoints(points);
          const bar = svg.querySelector('.route-scale');
          return {
            same: svg.outerHTML === again.outerHTML,
            rounds: [roundMeters(730), roundMeters(1999), roundMeters(2), roundMeters(0.4), roundMeters(25000)],
            eastPixels: xy[1][0] - xy[0][0],
            northPixels: xy[0][1] - xy[2][1],
            samePlaceY: xy[1][1] - xy[0][1],
            pixelsPerMeter,
            barPixelsPerMeter: Number(bar.dataset.length) / Number(bar.dataset.meters),
            inside: xy.every(([x, y]) => x >= 0 && x <= 320 && y >= 0 && y <= 220),
            legs: [...svg.querySelectorAll('.route-leg')].map((leg) => Number(leg.dataset.meters)),
            single: routeSchematic([points[0]]).querySelectorAll('.route-point').length,
          };
        }"""
    )
    assert result["same"] is True
    assert result["rounds"] == [500, 1000, 2, 1, 20000]
    # One scale both ways (east 1 km is twice as long as north 500 m), north up, the scale bar
    # drawn at the same scale as the points
    assert result["eastPixels"] == pytest.approx(2 * result["northPixels"], rel=0.01)
    assert result["eastPixels"] == pytest.approx(1000 * result["pixelsPerMeter"], rel=0.001)
    assert result["samePlaceY"] == pytest.approx(0, abs=0.01)
    assert result["barPixelsPerMeter"] == pytest.approx(result["pixelsPerMeter"], rel=0.01)
    assert result["inside"] is True
    assert result["legs"][0] == pytest.approx(1000, abs=1)
    assert result["single"] == 1


def test_a_rep_checks_in_with_a_photo_and_a_reused_one_is_flagged(shell, world, read_db, shop, tmp_path):
    photo = _jpeg(tmp_path / "shelf.jpg", seed=14)
    name = shop["name"]

    # Given the check-in on a phone near the shop
    app = shell(as_user="sales", viewport=PHONE, enforce_csp=True, path=None)
    app.context.grant_permissions(["geolocation"])
    app.context.set_geolocation(NEAR_SHOP)
    app.open("/app/field/check-in")
    page = app.page
    on_screen(app, "field-check-in")
    take = page.get_by_role("button", name="拍照", exact=True)
    expect(take).to_be_disabled()  # no customer yet

    def pick() -> None:
        page.get_by_role("searchbox", name="客户").fill(name)
        page.locator("button.field-customer", has_text=name).click()
        expect(page.get_by_test_id("field-customer-chosen")).to_have_text(name)

    # When the rep picks the shop and takes a photo
    pick()
    expect(take).to_be_enabled()
    page.get_by_test_id("field-photo-input").set_input_files(str(photo))

    # Then it is uploaded at once and shown by its thumbnail (a small copy of the served photo)
    done = page.locator('.field-photo-list li.visit-photo[data-status="done"]')
    expect(done).to_have_count(1)
    thumbnail = done.locator("img")
    expect(thumbnail).to_have_attribute("src", re.compile(r"^/fieldsales/photos/\d+/thumbnail/$"))
    app.wait_until("(img) => img.complete && img.naturalWidth > 0", thumbnail.element_handle())
    photo_id = done.get_attribute("data-photo-id")
    _check_page(app)
    snapshot(app, "phone-field-check-in-photo")

    # When they check in
    page.get_by_test_id("field-check-in-submit").click()

    # Then the visit carries the photo, and the result shows it
    result = page.get_by_test_id("field-result")
    expect(result).to_contain_text(f"已签到：{name}")
    expect(result.locator("li.visit-photo img")).to_have_count(1)
    expect(result.locator('li.visit-photo[data-reused="true"]')).to_have_count(0)

    def photos() -> list[tuple[int, int | None, bool]]:
        return [
            (p.pk, p.visit_id, p.reused)
            for p in VisitPhoto.objects.filter(customer_id=shop["customer"]).order_by("id")
        ]

    [(stored_id, visit_id, reused)] = read_db(world.alpha, photos)
    assert (str(stored_id), reused) == (photo_id, False) and visit_id is not None

    # And their day shows the visit with its thumbnail
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    row = page.locator(f'li.visit-row[data-visit-id="{visit_id}"]')
    expect(row.locator(f'li.visit-photo[data-photo-id="{photo_id}"] img')).to_be_visible()

    # When they check in again with the very same photo
    page.get_by_test_id("field-check-in").click()
    on_screen(app, "field-check-in")
    pick()
    page.get_by_test_id("field-photo-input").set_input_files(str(photo))
    expect(done).to_have_count(1)
    page.get_by_test_id("field-check-in-submit").click()

    # Then the check-in goes through, with the photo flagged as a reused one
    expect(result).to_contain_text(f"已签到：{name}")
    expect(result.locator('li.visit-photo[data-reused="true"] .visit-photo-flag')).to_have_text("重复照片")
    expect(result.locator(".visit-reused")).to_have_text("重复照片")
    stored = read_db(world.alpha, photos)
    assert len(stored) == 2 and stored[1][2] is True and stored[1][1] not in (None, visit_id)
    result.get_by_role("link", name="返回我的外勤").click()
    on_screen(app, "field")
    expect(page.locator('li.visit-row li.visit-photo[data-reused="true"]')).to_have_count(1)
    snapshot(app, "phone-field-day-photos")

    # When the connection drops on the check-in screen
    page.get_by_test_id("field-check-in").click()
    on_screen(app, "field-check-in")
    pick()
    app.context.set_offline(True)
    app.wait_until("document.documentElement.dataset.online === 'false'")

    # Then photos cannot be taken, and the screen says a check-in without them is fine
    expect(take).to_be_disabled()
    expect(page.locator(".field-photo-status")).to_have_text(
        "现在没有网络，照片无法上传：可以不带照片先签到。"
    )
    app.context.set_offline(False)
    app.wait_until("document.documentElement.dataset.online === 'true'")
    expect(take).to_be_enabled()


def test_a_manager_prints_a_customers_qr_code(shell, world, read_db, shop):
    # Given a customer's screen seen by a manager
    app = shell(
        as_user="manager", viewport=PHONE, enforce_csp=True, path=f"/app/customers/{shop['customer']}"
    )
    page = app.page
    on_screen(app, "customer")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")

    # When they tap 打印二维码
    page.get_by_role("button", name="打印二维码").click()

    # Then a sheet shows the customer's name and its current code as an image at print size
    sheet = page.get_by_test_id("qr-sheet")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_role("heading")).to_have_text(shop["name"])
    image = sheet.get_by_role("img", name=f"{shop['name']} 的门店二维码")
    source = image.get_attribute("src") or ""
    assert source.startswith("data:image/svg+xml")
    assert "<svg" in unquote(source) and shop["qr"] in unquote(source)
    expect(sheet).to_contain_text(shop["qr"])
    app.wait_until("(img) => img.complete && img.naturalWidth > 0", image.element_handle())
    _check_page(app)
    snapshot(app, "phone-field-qr-sheet")

    # And 打印 prints
    sheet.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") == 1

    # And on paper only the sheet is left: no app bars, no screen, no buttons
    page.emulate_media(media="print")
    expect(page.locator("#app")).to_be_hidden()
    expect(sheet.get_by_role("heading")).to_be_visible()
    expect(image).to_be_visible()
    expect(sheet.get_by_role("button", name="打印")).to_be_hidden()
    width = image.evaluate("(img) => img.getBoundingClientRect().width")
    assert 280 <= width <= 320  # 80 mm at 96 px to the inch
    snapshot(app, "phone-field-qr-print")
    page.emulate_media(media="screen")

    # When they close it, the screen is back as it was
    sheet.get_by_role("button", name="关闭").click()
    expect(sheet).to_have_count(0)
    expect(page.locator("#app")).to_be_visible()
    assert not page.evaluate("document.body.classList.contains('printing-sheet')")
