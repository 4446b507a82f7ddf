"""Accessibility checks on key screens: every control has a name, the keyboard order is the
visual order, focus is visible, and text has enough contrast (WCAG AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.driver import DESKTOP, ShellPage

pytestmark = pytest.mark.live

UNNAMED_CONTROLS = """() => {
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const named = (el) => {
    if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return true;
    if (['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return el.labels && el.labels.length > 0;
    return el.textContent.trim().length > 0;
  };
  return [...document.querySelectorAll('input, select, textarea, button, a[href]')]
    .filter((el) => visible(el) && !named(el))
    .map((el) => el.outerHTML.slice(0, 120));
}"""

# Contrast of each visible text element against the colour behind it (backgrounds composited
# up the tree). 4.5:1, or 3:1 for large text (24px, or 18.66px bold). Disabled controls and
# text over images are exempt (WCAG 1.4.3).
LOW_CONTRAST = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m[3] ?? 1]; };
  const over = (top, below) => { const a = top[3]; return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1); };
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none' && !style.backgroundImage.includes('gradient')) return null;
      const colour = parse(style.backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const problems = [];
  for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (!text || el.closest('[aria-hidden="true"], .visually-hidden, svg') || el.matches(':disabled')) continue;
    if (el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) < 1) continue;
    const behind = background(el);
    if (!behind) continue;
    const fg = over(parse(style.color), behind);
    const [l1, l2] = [luminance(fg), luminance(behind)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push(`${ratio.toFixed(2)}:1 "${text.slice(0, 30)}" (${el.className || el.tagName})`);
  }
  return problems;
}"""

FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


def _check_page(app: ShellPage) -> None:
    assert app.page.evaluate(UNNAMED_CONTROLS) == []
    assert app.page.evaluate(LOW_CONTRAST) == []


def test_login_has_names_contrast_and_a_keyboard_order_with_visible_focus(shell):
    app = shell(as_user=None)
    page = app.page
    _check_page(app)

    # Tab goes through the card in reading order, each stop showing a focus ring
    expected = ["跳到主要内容", "切换语言: English", "邮箱", "密码", "登录", "忘记密码？"]
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                """() => { const el = document.activeElement;
                   return el.getAttribute('aria-label') || (el.labels && el.labels[0]?.textContent)
                          || el.textContent.trim(); }"""
            )
        )
        assert page.evaluate(FOCUS_RING), f"no visible focus on {reached[-1]}"
    assert reached == expected

    # The form can be sent from the keyboard, and the error lands where the keyboard is
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_label("邮箱", exact=True)).to_be_focused()
    expect(page.locator('[data-field="email"] .field-error')).to_have_text("此项必填。")


@pytest.mark.parametrize("path", ["/app/", "/app/users", "/app/profile"])
def test_signed_in_screens_have_names_and_contrast(shell, path):
    app = shell(viewport=DESKTOP, path=path)
    page = app.page
    expect(page.locator(".skeleton")).to_have_count(0)
    if path == "/app/users":
        page.get_by_role("button", name="邀请同事").click()
        expect(page.get_by_role("form", name="邀请同事")).to_be_visible()
    _check_page(app)


def test_skip_link_moves_focus_past_the_navigation(shell):
    app = shell(viewport=DESKTOP)
    page = app.page
    expect(page.locator("a.todo-link").first).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="跳到主要内容")).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # The first stop in the page is home's own 开单 button, past the navigation.
    assert page.evaluate("document.activeElement.dataset.testid") == "home-new-order"
