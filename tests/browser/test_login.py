"""Signing in and out inside the app, with typed errors, and the language switch on the login card."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.driver import ShellPage, snapshot
from tests.fixtures.tenants import PASSWORD

pytestmark = pytest.mark.live


def _sign_in(app: ShellPage, email: str, password: str) -> None:
    page = app.page
    page.get_by_label("邮箱", exact=True).fill(email)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()


def test_sign_in_shows_typed_error_then_home_with_user_and_workspace(shell):
    # Given the app opened signed out
    app = shell(as_user=None)
    page = app.page
    assert app.screen() == "login"
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    snapshot(app, "phone-login-zh")

    # When the password is wrong, then the typed error is shown in words
    _sign_in(app, "warehouse@alpha.test", "not-the-password")
    expect(page.get_by_role("alert")).to_have_text("邮箱或密码不正确。")
    assert app.screen() == "login"

    # When it is right, then home greets the user and names the workspace
    _sign_in(app, "warehouse@alpha.test", PASSWORD)
    app.wait_screen("home")
    expect(page.get_by_role("heading", level=1)).to_contain_text("alpha warehouse")
    expect(page.locator(".topbar .brand-tenant")).to_have_text("阿尔法商贸")
    expect(page.get_by_role("heading", name="待办事项")).to_be_visible()


def test_sign_out_ends_the_session(shell):
    # Given a user signed in through the app (not the shared test session: this one ends)
    app = shell(as_user=None)
    page = app.page
    _sign_in(app, "manager@alpha.test", PASSWORD)
    app.wait_screen("home")

    # When they sign out from their profile
    page.locator("nav.tabbar").get_by_role("link", name="我的").click()
    app.wait_screen("profile")
    page.get_by_role("button", name="退出登录").click()

    # Then the login screen shows, and a reload proves the server session is gone too
    app.wait_screen("login")
    page.reload()
    app.wait_ready()
    assert app.screen() == "login"
    assert page.evaluate("localStorage.getItem('sparrow.session')") is None


def test_login_card_switches_to_english(shell):
    app = shell(as_user=None)
    page = app.page
    page.get_by_role("button", name="切换语言: English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.get_by_role("button", name="Switch language: 简体中文")).to_be_focused()
