"""A suspended workspace in the app: the read-only banner, every write button disabled with the
reason as its title (and a click does nothing), and the owner's 套餐与用量 page without Stripe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tenants.billing import services
from tenants.billing.models import BillingAccount
from tests.browser.driver import in_workspace
from tests.fixtures.tenants import World

pytestmark = pytest.mark.live


def _set_status(world: World, status: str | None) -> str:
    """alpha's account moved to `status` (None: left as it is); its status before."""
    account = BillingAccount.objects.get(tenant=world.alpha.tenant)
    before = account.status
    if status is not None:
        services.set_status(account, status, actor="operator:test", reason="browser test")
    return before


@pytest.fixture
def suspended_alpha(world: World, django_db_blocker: Any) -> Iterator[None]:
    """alpha suspended and committed (the live server reads it), as before afterwards. In a
    thread of its own: Playwright keeps an event loop on this one (tests/browser/driver.py)."""
    with django_db_blocker.unblock():
        before = in_workspace(world.alpha, lambda: _set_status(world, "suspended"))
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            in_workspace(world.alpha, lambda: _set_status(world, before))


def test_a_suspended_workspace_shows_why_nothing_can_be_written(shell, suspended_alpha):
    app = shell(as_user="owner", path="/app/customers/new")
    app.wait_until("() => document.body.classList.contains('workspace-read-only')")
    banner = app.page.locator("#billing-banner")
    expect(banner).to_contain_text("只读")
    submit = app.page.locator("form button[type=submit]").first
    submit.hover()
    expect(submit).to_have_attribute("title", "工作区只读，付款后才能修改")
    submit.click()
    expect(app.page.locator("body")).to_have_attribute("data-screen", "customer-new")  # nothing happened

    banner.locator("a").click()
    app.wait_screen("billing")
    expect(app.page.locator("[data-testid=billing-no-stripe]")).to_contain_text("尚未开通在线支付")
    expect(app.page.locator(".facts")).to_contain_text("已暂停（只读）")
    expect(app.page.locator("[data-testid=billing-upgrade]")).to_have_count(1)
    expect(app.page.locator(".plan-card")).to_have_count(3)
