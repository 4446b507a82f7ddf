"""A strict Content-Security-Policy on every kind of page, and pages that need no exception to it
(issue: defects found by an attacker)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from saas.core.csp import policy_for
from tests.fixtures.sales import Selling
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import Workspace, client_for

REPO = Path(__file__).resolve().parents[1]


def _policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def _assert_strict(response, host: str) -> None:  # type: ignore[no-untyped-def]
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data: blob:"
    assert policy["connect-src"] == f"'self' ws://{host} wss://{host}"
    assert policy["object-src"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_app_shell_sign_in_and_password_pages_carry_the_policy(alpha: Workspace) -> None:
    client = Client(HTTP_HOST=alpha.host)
    for path in ("/app/", "/login/", "/password-reset/"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_strict(response, alpha.host)


def test_the_sign_up_page_carries_the_policy(alpha: Workspace) -> None:
    response = Client(HTTP_HOST="localhost").get("/signup/")
    assert response.status_code == 200
    _assert_strict(response, "localhost")


def test_print_pages_carry_the_policy(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "1")], status="approved")
    client = client_for(selling.room.workspace, selling.manager)
    host = selling.room.workspace.host
    for path in (f"/sales/orders/{order.pk}/print/", "/reports/order-statistics/print/"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_strict(response, host)
        html = response.content.decode()
        assert "<style" not in html and "onclick" not in html and 'style="' not in html


def test_shipping_print_pages_carry_the_policy(shipping: Shipping, shipping_urls: None) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    response = client_for(shipping.room.workspace, shipping.keeper).get(
        f"/shipping/print/delivery-note/?shipments={shipment.pk}"
    )
    assert response.status_code == 200
    _assert_strict(response, shipping.room.workspace.host)
    assert "<style" not in response.content.decode()


def test_report_only_mode_sends_the_same_policy_without_enforcing(alpha: Workspace, settings) -> None:
    settings.SPARROW_CSP_REPORT_ONLY = True
    response = Client(HTTP_HOST=alpha.host).get("/login/")
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == policy_for(alpha.host)


INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\son[a-z]+=\"|\sstyle=\"", re.IGNORECASE)


@pytest.mark.parametrize(
    "folder", ["saas/templates", "saas/sales/templates", "saas/shipping/templates", "saas/reports/templates"]
)
def test_no_server_template_has_inline_script_style_or_handlers(folder: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)}: {match.group(0)}"
        for path in sorted((REPO / folder).rglob("*.html"))
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_the_app_shell_page_has_no_inline_script_or_style() -> None:
    assert INLINE.findall((REPO / "mobile_shell" / "index.html").read_text()) == []
