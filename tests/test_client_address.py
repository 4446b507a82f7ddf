"""X-Forwarded-For is believed only from configured proxies: forging it moves no throttle
(issue: defects found by an attacker)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from saas.core.client_address import address_from, parse_trusted_proxies
from tests.fixtures.tenants import Workspace

PROXIES = parse_trusted_proxies("10.0.0.0/8, 2001:db8::/32")


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # A client talking to us directly: its header is ignored, whatever it says.
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),
        ("203.0.113.7", "", "203.0.113.7"),
        # Through our proxy: the right-most address the proxy did not add itself.
        ("10.0.0.5", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        ("10.0.0.5", "198.51.100.1:5123", "198.51.100.1"),
        ("10.0.0.5", "[2001:db9::1]:443", "2001:db9::1"),
        ("2001:db8::5", "198.51.100.1", "198.51.100.1"),
        # Only proxies in the chain: the left-most is the closest to the client we know.
        ("10.0.0.5", "10.0.0.8, 10.0.0.9", "10.0.0.8"),
        ("10.0.0.5", "", "10.0.0.5"),
    ],
)
def test_the_client_is_the_right_most_untrusted_address(remote: str, forwarded: str, expected: str) -> None:
    meta = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded}
    assert address_from(meta, PROXIES) == expected


def test_with_no_trusted_proxies_the_header_is_never_read() -> None:
    meta = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert address_from(meta, ()) == "10.0.0.5"


def test_a_typo_in_the_setting_stops_start_up() -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_trusted_proxies("10.0.0.0/8, proxy.internal")


def _fail_login(client: Client, email: str, forwarded: str) -> int:
    response = client.post("/login/", {"email": email, "password": "wrong"}, HTTP_X_FORWARDED_FOR=forwarded)
    return response.status_code


def test_rotating_a_forged_header_does_not_escape_the_per_address_limit(alpha: Workspace, settings) -> None:
    settings.SPARROW_LOGIN_MAX_FAILURES = 2  # an address is locked after 2 * 4 = 8 failures
    client = Client(HTTP_HOST=alpha.host)
    statuses = [_fail_login(client, f"nobody{n}@alpha.test", f"198.51.100.{n}") for n in range(9)]
    assert statuses[:8] == [400] * 8
    assert statuses[8] == 429


def test_a_forged_header_cannot_lock_out_another_address(alpha: Workspace, settings) -> None:
    settings.SPARROW_LOGIN_MAX_FAILURES = 2
    attacker = Client(HTTP_HOST=alpha.host, REMOTE_ADDR="203.0.113.66")
    for n in range(9):
        _fail_login(attacker, f"victim{n}@alpha.test", "198.51.100.200")
    office = Client(HTTP_HOST=alpha.host, REMOTE_ADDR="198.51.100.200")
    assert _fail_login(office, "someone@alpha.test", "") == 400  # not 429: the office is not locked


def test_behind_a_trusted_proxy_the_forwarded_address_is_throttled(alpha: Workspace, settings) -> None:
    settings.SPARROW_LOGIN_MAX_FAILURES = 2
    settings.SPARROW_TRUSTED_PROXIES = ["10.0.0.0/8"]
    proxy = Client(HTTP_HOST=alpha.host, REMOTE_ADDR="10.0.0.5")
    statuses = [_fail_login(proxy, f"nobody{n}@alpha.test", f"6.6.6.{n}, 198.51.100.9") for n in range(9)]
    assert statuses[8] == 429
    # Another client behind the same proxy is not locked.
    assert _fail_login(proxy, "nobody@alpha.test", "198.51.100.10") == 400
