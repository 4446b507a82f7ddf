"""The service worker: after one visit, /app/ opens without a network, with the last known
user and data marked as not current."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.driver import snapshot

pytestmark = pytest.mark.live


def test_app_opens_offline_after_the_first_visit(shell):
    # Given one online visit, after which the service worker controls the page
    app = shell(service_worker=True)
    page = app.page
    expect(page.locator(".todo").first).to_be_visible()
    app.wait_service_worker()

    # When the device is offline and the app is opened again (a deep link, even)
    app.context.set_offline(True)
    page.goto(app.url("/app/profile"))
    app.wait_ready()

    # Then it opens, signed in as before, and says it is offline
    assert app.screen() == "profile"
    expect(page.get_by_role("heading", level=1)).to_have_text("我的")
    expect(page.locator(".chip-offline")).to_be_visible()

    # And home shows the last to-do counts, marked as saved earlier
    page.locator("nav.tabbar").get_by_role("link", name="首页").click()
    app.wait_screen("home")
    expect(page.locator(".notice")).to_contain_text("当前离线")
    expect(page.locator(".todo").first).to_be_visible()
    snapshot(app, "phone-home-offline")
