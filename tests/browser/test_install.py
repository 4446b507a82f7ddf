"""Installing the app: the browser's install prompt behind our own button, and the iPhone hint."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.live
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
# Headless Chromium never offers installation; this stands in for its beforeinstallprompt event.
OFFER_INSTALL = """() => {
  const offer = new Event('beforeinstallprompt', { cancelable: true });
  offer.prompt = () => { window.installPrompted = true; };
  offer.userChoice = Promise.resolve({ outcome: 'accepted' });
  window.dispatchEvent(offer);
  return offer.defaultPrevented;
}"""


def test_install_button_uses_the_browsers_prompt(shell):
    app = shell(path="/app/profile")
    page = app.page
    expect(page.get_by_text("此浏览器不支持一键安装")).to_be_visible()

    assert page.evaluate(OFFER_INSTALL) is True  # the mini-infobar is replaced by our button
    page.get_by_role("button", name="安装麻雀订单云应用").click()
    page.wait_for_function("window.installPrompted === true")
    expect(page.get_by_role("button", name="安装麻雀订单云应用")).to_be_hidden()


def test_iphone_users_get_the_add_to_home_screen_hint(shell):
    app = shell(user_agent=IPHONE)
    page = app.page
    expect(page.get_by_text("添加到主屏幕").first).to_be_visible()
    page.get_by_role("link", name="安装方法").click()
    app.wait_screen("profile")
    expect(page.locator("#install")).to_contain_text("在 Safari 中点击“分享”按钮")
    expect(page.locator("#install")).to_be_in_viewport()

    # The hint on home can be dismissed for good
    page.go_back()
    app.wait_screen("home")
    page.get_by_role("button", name="关闭安装提示").click()
    expect(page.get_by_text("添加到主屏幕")).to_have_count(0)
    page.reload()
    app.wait_ready()
    expect(page.locator(".todo").first).to_be_visible()
    expect(page.get_by_role("link", name="安装方法")).to_have_count(0)
