"""What the field-sales browser tests share: the shop's position and a phone fix near it, a phone
that gives a mocked position, waiting for a screen under the enforced Content-Security-Policy,
reading the outbox, and checking in at a customer on the check-in screen."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Geolocation, expect

from tests.browser.driver import PHONE, ShellPage, snapshot
from tests.browser.test_accessibility import _check_page

# A shop near West Lake, Hangzhou (WGS-84), and a phone 30 m north of it with a 10 m fix.
SHOP = (30.259200, 120.130300)
NORTH_30_M: Geolocation = {"latitude": SHOP[0] + 30 / 111_195, "longitude": SHOP[1], "accuracy": 10}


def near(place: tuple[float, float], metres_north: float = 30) -> Geolocation:
    """A phone fix `metres_north` north of `place`, 10 m accurate."""
    return {"latitude": place[0] + metres_north / 111_195, "longitude": place[1], "accuracy": 10}


def on_screen(app: ShellPage, screen_id: str) -> None:
    # wait_until, not wait_for_function: these pages keep the Content-Security-Policy.
    app.wait_until("(id) => document.body.dataset.screen === id", screen_id)


def phone(
    shell: Any,
    role: str,
    path: str,
    *,
    service_worker: bool = False,
    position: Geolocation = NORTH_30_M,
) -> ShellPage:
    """The app on a phone whose browser gives the mocked position without asking."""
    app = shell(as_user=role, viewport=PHONE, enforce_csp=True, path=None, service_worker=service_worker)
    app.context.grant_permissions(["geolocation"])
    app.context.set_geolocation(position)
    return app.open(path)


def queued(app: ShellPage) -> list[dict[str, Any]]:
    """The phone's outbox, oldest first."""
    return list(
        app.page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open('sparrow');
                open.onsuccess = () => {
                    const request = open.result.transaction('outbox').objectStore('outbox').index('createdAt').getAll();
                    request.onsuccess = () => resolve(request.result);
                    request.onerror = () => reject(request.error);
                };
            })"""
        )
    )


def check_in_at(
    app: ShellPage, name: str, *, qr: str = "", shot: str | None = None, from_day: bool = False
) -> None:
    """On the check-in screen (from the day with from_day=True: tap 签到 first): find the
    customer, pick it, paste the QR code's text if given, tap 签到."""
    page = app.page
    if from_day:
        page.get_by_test_id("field-check-in").click()
    on_screen(app, "field-check-in")
    page.get_by_role("searchbox", name="客户").fill(name)
    page.locator("button.field-customer", has_text=name).click()
    expect(page.get_by_test_id("field-customer-chosen")).to_have_text(name)
    if qr:
        page.get_by_label("扫码（门店二维码，可选）").fill(qr)
    if shot:
        _check_page(app)  # every control named, enough contrast
        snapshot(app, shot)
    page.get_by_test_id("field-check-in-submit").click()
