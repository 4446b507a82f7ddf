"""我的下级 on a phone, under the enforced Content-Security-Policy: the distributor's person sees
the distributors below its own — a shop and the shop's own outlet, in tree order, each with its
level, this month's orders and its latest stock report — and nothing of the sibling branch's
shop."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.distribution.models import ChannelStockReport, Distributor
from saas.distribution.services import network as services
from tests.browser.driver import PHONE, snapshot
from tests.browser.field_helpers import on_screen
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.test_accessibility import _check_page
from tests.fixtures.sales import sales_customer

pytestmark = pytest.mark.live


def _downline(tag: str) -> dict[str, Any]:
    made = portal_network(tag)
    manager = User.objects.get(email="manager@alpha.test")
    rep = User.objects.get(email="sales@alpha.test")
    mine = Distributor.objects.get(pk=made["distributor"])
    shop_level = services.level_save(actor=manager, code=f"R{tag}", name=f"零售商{tag}", rank=3)

    def below(name: str, parent: int) -> Distributor:
        customer = sales_customer(owner=rep, name=f"{name}{tag}")
        return services.distributor_create(
            actor=manager,
            customer_id=customer.pk,
            level_id=shop_level.pk,
            parent_id=parent,
            sales_area="西湖",
        )

    shop = below("西湖小店", mine.pk)
    outlet = below("文二路网点", shop.pk)
    theirs = below("鄞州超市", made["other"])
    ChannelStockReport.objects.create(
        distributor=shop, report_date=tenant_today() - timedelta(days=1), source="form", reported_by=manager
    )
    return made | {"shop": shop.pk, "outlet": outlet.pk, "theirs": theirs.pk, "tag": tag}


@pytest.fixture
def downline(world, read_db) -> Iterator[dict[str, Any]]:
    tag = uuid.uuid4().hex[:8].upper()
    made = read_db(world.alpha, lambda: _downline(tag))
    yield made
    read_db(world.alpha, portal_release)


def test_a_distributor_sees_its_own_downline_and_not_its_siblings(shell, downline):
    tag = downline["tag"]
    # Given the distributor's person on 我的下级, on a phone
    app = shell(as_user="distributor", viewport=PHONE, enforce_csp=True, path="/app/portal/downline")
    page = app.page
    on_screen(app, "portal-downline")
    rows = page.locator("li.downline-row")

    # Then it sees its shop and the shop's outlet below it, in tree order, and no one else
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-distributor-id", str(downline["shop"]))
    expect(rows.nth(0)).to_have_attribute("data-depth", "1")
    expect(rows.nth(1)).to_have_attribute("data-distributor-id", str(downline["outlet"]))
    expect(rows.nth(1)).to_have_attribute("data-depth", "2")
    expect(page.locator(f'li.downline-row[data-distributor-id="{downline["theirs"]}"]')).to_have_count(0)
    shop = rows.nth(0)
    expect(shop).to_contain_text(f"西湖小店{tag}")
    expect(shop).to_contain_text(f"零售商{tag}")
    expect(shop.get_by_test_id("downline-amount")).to_have_text("¥0.00")
    expect(shop.get_by_test_id("downline-orders")).to_have_text("本月 0 单")
    expect(shop.get_by_test_id("downline-stock")).not_to_contain_text("从未上报")
    expect(rows.nth(1).get_by_test_id("downline-stock")).to_have_text("最近库存上报：从未上报")
    expect(page.get_by_text("2 家经销商")).to_be_visible()
    _check_page(app)
    snapshot(app, "phone-portal-downline")
