"""我的目标 on a rep's day: the month's targets with what the rollup counted and the pace."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.fieldsales.models import FieldDailyStats, FieldTarget
from saas.fieldsales.rollup import rollup_day
from saas.fieldsales.selectors import period_bounds
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live


@pytest.fixture
def targets(world, read_db) -> Iterator[None]:
    """The rep has sales of 6,000 against 10,000 and 1 visit against 100 this month."""

    def make() -> None:
        rep = User.objects.get(email="sales@alpha.test")
        first, last = period_bounds("month", tenant_today())
        # The month is this test's alone: other tests' days of the rep are set aside (and
        # today's is counted again afterwards).
        FieldDailyStats.objects.filter(rep=rep, day__gte=first, day__lte=last).delete()
        FieldDailyStats.objects.create(rep=rep, day=first, sales_amount=Decimal("6000"), visits=1)
        for metric, value in (("sales_amount", "10000"), ("visits", "100")):
            FieldTarget.objects.update_or_create(
                period="month",
                starts_on=first,
                dimension="rep",
                subject_id=rep.pk,
                metric=metric,
                defaults={"value": Decimal(value)},
            )

    read_db(world.alpha, make)
    yield

    def clean() -> None:
        rep = User.objects.get(email="sales@alpha.test")
        FieldTarget.objects.filter(dimension="rep", subject_id=rep.pk).delete()
        FieldDailyStats.objects.filter(rep=rep).delete()
        rollup_day(tenant_today())

    read_db(world.alpha, clean)


def test_a_rep_sees_their_months_targets_and_pace_on_their_day(shell, targets):
    app = shell(as_user="sales", viewport=PHONE, enforce_csp=True, path="/app/field")
    page = app.page
    card = page.get_by_test_id("field-targets")
    expect(card).to_contain_text("我的目标")
    rows = card.locator("li.field-target")
    expect(rows).to_have_count(2)
    sales, visits = rows.nth(0), rows.nth(1)
    expect(sales).to_have_attribute("data-metric", "sales_amount")
    expect(sales).to_contain_text("销售额")
    expect(sales).to_contain_text("6,000.00")
    expect(sales).to_contain_text("完成 60%")
    # 1 of 100 visits is behind pace on any day: at least 1/31 of the month is gone on the 1st.
    expect(visits).to_contain_text("1 / 100")
    expect(visits).to_contain_text("完成 1%")
    expect(visits).to_have_attribute("data-on-pace", "false")
    expect(visits.locator(".field-target-behind")).to_contain_text("落后于进度")
    _check_page(app)
    snapshot(app, "phone-field-targets")
