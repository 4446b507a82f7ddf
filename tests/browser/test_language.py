"""Languages: Chinese by default; English chosen in the profile is shown, remembered and saved."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from tests.browser.driver import snapshot

pytestmark = pytest.mark.live


def _wait_for_account_language(read_db, workspace, email: str, expected: str) -> None:
    deadline = time.monotonic() + 5
    while read_db(workspace, lambda: User.objects.get(email=email).language) != expected:
        assert time.monotonic() < deadline, f"{email} never got language {expected}"
        time.sleep(0.1)


def test_english_is_shown_remembered_and_saved_to_the_account(shell, world, read_db):
    # Given the finance user (this test changes that account's language, and restores it)
    email = world.alpha.email("finance")
    app = shell(as_user="finance")
    page = app.page
    expect(page.get_by_role("heading", level=1)).to_contain_text("好")
    page.locator("nav.tabbar").get_by_role("link", name="我的").click()
    app.wait_screen("profile")
    # The workspace's facts are named, not coded: plan, time zone and currency; and the brand
    workspace = page.locator(".facts").nth(2)
    expect(workspace).to_contain_text("免费版")
    expect(workspace).to_contain_text("中国标准时间 (北京)")
    expect(workspace).to_contain_text("人民币 (CNY)")
    expect(workspace).not_to_contain_text("Asia/Shanghai")
    expect(page.locator(".brand-text strong").first).to_have_text("麻雀订单云")

    # When they choose English
    page.get_by_label("English").check()

    # Then the app speaks English, including what the server names (role names)
    expect(page.get_by_role("heading", level=1)).to_have_text("Me")
    expect(page.locator("nav.tabbar")).to_contain_text("Home")
    expect(page.locator(".facts").first).to_contain_text("Finance")
    expect(page.locator(".facts").nth(1)).to_contain_text("CN¥1,234.50")
    expect(workspace).to_contain_text("Free")
    expect(workspace).to_contain_text("China Standard Time (Beijing)")
    expect(workspace).to_contain_text("Chinese Yuan (CNY)")
    expect(page.locator(".brand-text strong").first).to_have_text("Sparrow")
    snapshot(app, "phone-profile-en")

    # And it is remembered on this device and in the account
    cookies = {cookie["name"]: cookie["value"] for cookie in app.context.cookies()}
    assert cookies["sparrow_lang"] == "en"
    assert page.evaluate("localStorage.getItem('sparrow.lang')") == "en"
    _wait_for_account_language(read_db, world.alpha, email, "en")
    page.reload()
    app.wait_ready()
    expect(page.get_by_role("heading", level=1)).to_have_text("Me")

    # Back to Chinese, so the account is as the other tests expect it
    page.get_by_label("简体中文").check()
    expect(page.get_by_role("heading", level=1)).to_have_text("我的")
    _wait_for_account_language(read_db, world.alpha, email, "zh-hans")
