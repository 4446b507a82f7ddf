"""Print pages in a real Chromium under the enforced Content-Security-Policy: styled from their
stylesheet, the print button works, and the browser reports no violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.browser.driver import DESKTOP, ShellPage

pytestmark = pytest.mark.live


def test_a_report_print_page_is_styled_and_prints_under_the_policy(shell: Callable[..., ShellPage]) -> None:
    app = shell(as_user="manager", viewport=DESKTOP, path=None, enforce_csp=True)
    violations: list[str] = []
    app.page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = app.page.goto(app.url("/reports/order-statistics/print/"))
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    app.page.wait_for_load_state("load")
    # The stylesheet applied (it used to be an inline <style>, which the policy would now refuse).
    assert app.page.evaluate("getComputedStyle(document.querySelector('table')).borderCollapse") == "collapse"
    app.page.evaluate("window.print = () => { window.__printed = true; }")
    app.page.get_by_role("button").first.click()
    assert app.page.evaluate("window.__printed === true")
    assert violations == []
