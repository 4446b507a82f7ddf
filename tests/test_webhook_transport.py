"""Partner webhooks on the wire: Standard Webhooks signatures a partner's library accepts, the
rules that keep webhook URLs off our own network (SSRF, DNS rebinding), and one HTTP attempt
against real local servers: pinned to the checked address, no redirects, capped, bounded in time.

No test touches real DNS (the machine has no outside network): `addresses.lookup` is replaced by
a table the test fills.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

import pytest
import standardwebhooks
from django.utils import translation

from saas.core.errors import InvalidInput
from saas.locale.zh_partners import ZH
from saas.partners import addresses, signing

PUBLIC_IP = "93.184.216.34"
BODY = b'{"type":"sales_order.approved","data":{"id":"SO-2026-000123","total":"12.50"}}'


# --- signing ---------------------------------------------------------------------------------


def _now() -> int:
    return int(time.time())  # the verifier refuses timestamps more than 5 minutes off


def test_a_new_secret_is_whsec_and_32_random_bytes() -> None:
    import base64

    secret = signing.new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert signing.new_secret() != secret


def test_the_partners_library_verifies_a_delivery() -> None:
    secret = signing.new_secret()
    headers = signing.headers(secrets=[secret], msg_id="evt_1042", timestamp=_now(), body=BODY)

    assert standardwebhooks.Webhook(secret).verify(BODY, headers) == {
        "type": "sales_order.approved",
        "data": {"id": "SO-2026-000123", "total": "12.50"},
    }
    assert headers["webhook-id"] == "evt_1042"
    assert headers["webhook-timestamp"].isdigit()
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"].startswith("Sparrow-Webhooks/")


def test_during_rotation_each_secret_alone_verifies() -> None:
    old, new = signing.new_secret(), signing.new_secret()
    headers = signing.headers(secrets=[old, new], msg_id="evt_7", timestamp=_now(), body=BODY)

    assert len(headers["webhook-signature"].split(" ")) == 2
    assert all(part.startswith("v1,") for part in headers["webhook-signature"].split(" "))
    standardwebhooks.Webhook(old).verify(BODY, headers)
    standardwebhooks.Webhook(new).verify(BODY, headers)
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(signing.new_secret()).verify(BODY, headers)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda h, b: (h, b.replace(b"12.50", b"1250")),  # the body
        lambda h, b: ({**h, "webhook-id": "evt_9999"}, b),  # a replayed signature on another id
        lambda h, b: ({**h, "webhook-timestamp": str(int(h["webhook-timestamp"]) + 60)}, b),
    ],
    ids=["body", "id", "timestamp"],
)
def test_a_tampered_delivery_does_not_verify(tamper: Callable[..., tuple[dict[str, str], bytes]]) -> None:
    secret = signing.new_secret()
    headers = signing.headers(secrets=[secret], msg_id="evt_1", timestamp=_now(), body=BODY)
    headers, body = tamper(headers, BODY)

    with pytest.raises(standardwebhooks.WebhookVerificationError):
        standardwebhooks.Webhook(secret).verify(body, headers)


def test_the_signature_is_the_spec_s_hmac_over_id_timestamp_and_body() -> None:
    # Known answer computed with the library itself, so a change of the signed string shows.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    expected = standardwebhooks.Webhook(secret).sign(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        dt.datetime.fromtimestamp(1614265330, tz=dt.UTC),
        b'{"test": 2432232314}',
    )
    got = signing.sign(
        secrets=[secret],
        msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=1614265330,
        body=b'{"test": 2432232314}',
    )
    assert got == expected == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_an_id_that_would_break_the_header_is_refused() -> None:
    with pytest.raises(ValueError):
        signing.sign(secrets=[signing.new_secret()], msg_id="evt_1\r\nx-evil: 1", timestamp=1, body=b"{}")
    with pytest.raises(ValueError):
        signing.sign(secrets=[], msg_id="evt_1", timestamp=1, body=b"{}")


# --- which URLs may be called ------------------------------------------------------------------


pytestmark = pytest.mark.usefixtures("dns")


def _code(url: str, *, allow_private: bool = False) -> str:
    try:
        addresses.check_url(url, allow_private=allow_private)
    except InvalidInput as exc:
        assert exc.field == "url"
        assert exc.message
        return exc.code
    return "ok"


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://127.0.0.2:8443/hooks",
        "https://10.1.2.3/hooks",
        "https://172.16.0.9/hooks",
        "https://192.168.1.20/hooks",
        "https://169.254.169.254/latest/meta-data/",
        "https://100.64.0.1/hooks",  # carrier-grade NAT
        "https://100.100.100.200/latest/meta-data/",  # Alibaba Cloud metadata
        "https://0.0.0.0/hooks",
        "https://224.0.0.1/hooks",
        "https://255.255.255.255/hooks",
        "https://[::1]/hooks",
        "https://[::]/hooks",
        "https://[fd00::1]/hooks",
        "https://[fd00:ec2::254]/hooks",
        "https://[fe80::1]/hooks",
        "https://[ff02::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",
        "https://[::ffff:10.0.0.1]/hooks",
        "https://[64:ff9b::7f00:1]/hooks",  # NAT64 of 127.0.0.1
        "https://[2002:7f00:1::]/hooks",  # 6to4 of 127.0.0.1
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://METADATA.google.internal./computeMetadata/v1/",
    ],
)
def test_addresses_off_the_public_internet_are_refused(url: str) -> None:
    assert _code(url) == "url_forbidden_address"


def test_a_name_resolving_to_a_private_address_is_refused(dns: dict[str, list[str]]) -> None:
    dns["hooks.partner.test"] = ["10.0.0.7"]
    assert _code("https://hooks.partner.test/sparrow") == "url_forbidden_address"


def test_a_name_with_one_private_address_among_public_ones_is_refused(dns: dict[str, list[str]]) -> None:
    dns["hooks.partner.test"] = [PUBLIC_IP, "2606:2800:220:1::1", "192.168.0.5"]
    assert _code("https://hooks.partner.test/sparrow") == "url_forbidden_address"


def test_public_addresses_pass(dns: dict[str, list[str]]) -> None:
    dns["hooks.partner.test"] = [PUBLIC_IP, "2606:2800:220:1:248:1893:25c8:1946"]
    assert _code("https://hooks.partner.test/sparrow?x=1") == "ok"
    assert _code("https://hooks.partner.test:8443/sparrow") == "ok"
    assert _code(f"https://{PUBLIC_IP}/sparrow") == "ok"
    assert _code("https://[2606:2800:220:1:248:1893:25c8:1946]/sparrow") == "ok"
    assert _code("https://[64:ff9b::5db8:d822]/sparrow") == "ok"  # NAT64 of a public address


def test_production_wants_https(dns: dict[str, list[str]]) -> None:
    dns["hooks.partner.test"] = [PUBLIC_IP]
    assert _code("http://hooks.partner.test/sparrow") == "url_not_https"
    assert _code("http://hooks.partner.test/sparrow", allow_private=True) == "ok"


def test_development_allows_private_addresses_but_never_the_metadata_service(
    dns: dict[str, list[str]],
) -> None:
    dns["receiver.local"] = ["192.168.1.10"]
    assert _code("http://127.0.0.1:9000/hooks", allow_private=True) == "ok"
    assert _code("http://receiver.local/hooks", allow_private=True) == "ok"
    assert _code("http://169.254.169.254/latest/meta-data/", allow_private=True) == "url_forbidden_address"
    assert _code("http://[::ffff:169.254.169.254]/", allow_private=True) == "url_forbidden_address"
    assert _code("http://metadata.google.internal/", allow_private=True) == "url_forbidden_address"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://hooks.partner.test/x",
        "javascript:alert(1)",
        "hooks.partner.test/x",
        "https://user:secret@hooks.partner.test/x",
        "https://hooks.partner.test@127.0.0.1/x",
        "https:///x",
        "https://",
        "https://exa mple.com/",
        "https://hooks.partner.test/a\nb",
        "https://hooks.partner.test\\@evil.test/",
        "https://hooks.partner.test:99999/",
        "https://hooks.partner.test:0/",
        "https://%31%32%37.0.0.1/",
        "https://[::1/",
        "https://hooks.partner.test/" + "a" * 2000,
        "",
    ],
)
def test_what_is_not_a_web_address_is_invalid(url: str, dns: dict[str, list[str]]) -> None:
    dns["hooks.partner.test"] = [PUBLIC_IP]
    assert _code(url) == "url_invalid"


def test_a_name_that_does_not_resolve_is_unresolvable() -> None:
    assert _code("https://nowhere.partner.test/x") == "url_unresolvable"


def test_resolve_safe_gives_the_addresses_to_connect_to(dns: dict[str, list[str]]) -> None:
    dns["hooks.partner.test"] = [PUBLIC_IP, PUBLIC_IP, "2606:2800:220:1::1"]
    got = addresses.resolve_safe("hooks.partner.test", 443, allow_private=False)
    assert [str(ip) for ip in got] == [PUBLIC_IP, "2606:2800:220:1::1"]


def test_every_refusal_is_worded_in_chinese() -> None:
    urls = [
        "ftp://x.test/",
        "https://u:p@x.test/",
        "https://x.test/" + "a" * 2000,
        "http://x.test/",
        "https://127.0.0.1/",
        "https://nowhere.test/",
    ]
    messages = set()
    with translation.override("en"):
        for url in urls:
            with pytest.raises(InvalidInput) as caught:
                addresses.check_url(url, allow_private=False)
            messages.add(caught.value.message)
    missing = {
        m for m in messages if m not in ZH and not any(m == k % {"n": 2000} for k in ZH if "%(n)d" in k)
    }
    assert not missing
    assert len(messages) == len(urls)
