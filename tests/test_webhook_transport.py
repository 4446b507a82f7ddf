"""Partner webhooks on the wire: Standard Webhooks signatures a partner's library accepts, the
rules that keep webhook URLs off our own network (SSRF, DNS rebinding), and one HTTP attempt
against real local servers: pinned to the checked address, no redirects, capped, bounded in time.

No test touches real DNS (the machine has no outside network): `addresses.lookup` is replaced by
a table the test fills.
"""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import standardwebhooks
from django.utils import translation

from saas.core.errors import InvalidInput
from saas.locale.zh_partners import ZH
from saas.partners import addresses, delivery_http, signing

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


@pytest.fixture(autouse=True)
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The only DNS the tests have: names the test puts here; anything else does not resolve."""
    table: dict[str, list[str]] = {}

    def lookup(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(table[host])

    monkeypatch.setattr(addresses, "lookup", lookup)
    return table


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


# --- one HTTP attempt against a local receiver -------------------------------------------------


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    port: int
    requests: list[Received] = field(default_factory=list)
    connections: int = 0
    server_names: list[str | None] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def _handler(receiver: Receiver) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def _answer(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # what a client following a 302 for a POST would send
            self.do_POST()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            receiver.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            try:
                self._route()
            except OSError:
                pass  # the client gave up, as it should have

        def _route(self) -> None:
            if self.path == "/ok":
                self._answer(
                    200, b"thanks\x00\x07 \r\nsee you\t!", {"Content-Type": "text/plain; charset=utf-8"}
                )
            elif self.path == "/fail":
                self._answer(500, b"database is down")
            elif self.path == "/redirect":
                self._answer(302, b"", {"Location": f"http://127.0.0.1:{receiver.port}/target"})
            elif self.path == "/target":
                self._answer(200, b"redirected")
            elif self.path == "/huge":
                self._answer(200, "好".encode() * 400_000)  # 1.2 MB; 3 bytes a character
            elif self.path == "/slow":
                receiver.release.wait(10)
                self._answer(200, b"late")
            elif self.path == "/trickle":
                # Each byte comes well within the read timeout; the whole answer never does.
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok":
                    if receiver.release.wait(0.05):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                self.close_connection = True

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    receiver: Receiver

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up on a huge or slow answer is what these tests expect

    def verify_request(self, request: object, client_address: object) -> bool:
        self.receiver.connections += 1
        return True


@pytest.fixture
def serve() -> Iterator[Callable[[ssl.SSLContext | None], Receiver]]:
    servers: list[tuple[_Server, Receiver]] = []

    def start(tls: ssl.SSLContext | None = None) -> Receiver:
        receiver = Receiver(port=0)
        server = _Server(("127.0.0.1", 0), _handler(receiver))
        server.receiver = receiver
        receiver.port = server.server_address[1]
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _ctx: receiver.server_names.append(name)
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append((server, receiver))
        return receiver

    yield start
    for server, receiver in servers:
        receiver.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture
def receiver(serve: Callable[[ssl.SSLContext | None], Receiver]) -> Receiver:
    return serve(None)


def _post(
    url: str, *, allow_private: bool = True, timeout: float = 5, **kwargs: int
) -> delivery_http.HttpAttempt:
    headers = signing.headers(secrets=[signing.new_secret()], msg_id="evt_1", timestamp=_now(), body=BODY)
    return delivery_http.post(
        url, headers=headers, body=BODY, timeout=timeout, allow_private=allow_private, **kwargs
    )


def test_a_2xx_answer_is_recorded(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/ok")

    assert attempt.ok
    assert attempt.status_code == 200
    assert attempt.error_code == "" and attempt.error_message == ""
    assert attempt.response_excerpt == "thanks \nsee you\t!"  # control characters gone
    assert isinstance(attempt.latency_ms, int) and attempt.latency_ms >= 0
    [request] = receiver.requests
    assert request.body == BODY
    assert request.headers["webhook-id"] == "evt_1"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"] == "Sparrow-Webhooks/1"


def test_the_partner_verifies_what_arrives(receiver: Receiver) -> None:
    secret = signing.new_secret()
    headers = signing.headers(secrets=[secret], msg_id="evt_5", timestamp=_now(), body=BODY)
    delivery_http.post(
        f"http://127.0.0.1:{receiver.port}/ok", headers=headers, body=BODY, timeout=5, allow_private=True
    )

    [request] = receiver.requests
    standardwebhooks.Webhook(secret).verify(request.body, request.headers)


def test_a_5xx_answer_is_not_ok(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/fail")

    assert not attempt.ok
    assert attempt.status_code == 500
    assert attempt.error_code == ""
    assert attempt.response_excerpt == "database is down"


def test_a_redirect_is_not_followed(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/redirect")

    assert attempt.status_code == 302
    assert not attempt.ok
    assert receiver.paths() == ["/redirect"]  # the target never heard of it


def test_a_huge_answer_is_read_up_to_the_cap(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/huge", max_response_bytes=1000)

    assert attempt.status_code == 200
    assert attempt.response_excerpt == "好" * 333  # 999 bytes: the character cut at 1000 is dropped


def test_a_server_slower_than_the_timeout_is_a_timeout(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/slow", timeout=0.3)

    assert attempt.error_code == "timeout"
    assert attempt.status_code is None
    assert not attempt.ok


def test_an_answer_trickling_in_is_cut_at_the_timeout(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/trickle", timeout=0.3)

    assert attempt.error_code == "timeout"
    assert attempt.status_code is None


def test_a_refused_connection_is_recorded() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there

    attempt = _post(f"http://127.0.0.1:{port}/hooks")

    assert attempt.error_code == "connection_failed"
    assert attempt.status_code is None
    assert attempt.error_message


def test_in_production_a_private_address_gets_no_connection(
    receiver: Receiver, dns: dict[str, list[str]]
) -> None:
    dns["hooks.partner.test"] = ["127.0.0.1"]

    by_ip = _post(f"https://127.0.0.1:{receiver.port}/ok", allow_private=False)
    by_name = _post(f"https://hooks.partner.test:{receiver.port}/ok", allow_private=False)

    assert by_ip.error_code == by_name.error_code == "forbidden_address"
    assert not by_ip.ok and not by_name.ok
    assert receiver.connections == 0


def test_dns_rebinding_after_the_check_gets_no_connection(
    receiver: Receiver, dns: dict[str, list[str]]
) -> None:
    dns["hooks.partner.test"] = [PUBLIC_IP]
    addresses.check_url(f"https://hooks.partner.test:{receiver.port}/ok", allow_private=False)
    dns["hooks.partner.test"] = ["127.0.0.1"]  # the partner's DNS now points inside

    attempt = _post(f"https://hooks.partner.test:{receiver.port}/ok", allow_private=False)

    assert attempt.error_code == "forbidden_address"
    assert receiver.connections == 0


def test_the_connection_goes_to_the_checked_address_with_the_original_host(
    receiver: Receiver, dns: dict[str, list[str]]
) -> None:
    dns["hooks.partner.test"] = ["127.0.0.1"]  # only our table knows this name; httpx could not resolve it

    attempt = _post(f"http://hooks.partner.test:{receiver.port}/ok")

    assert attempt.ok
    [request] = receiver.requests
    assert request.headers["host"] == f"hooks.partner.test:{receiver.port}"


def test_an_address_that_refuses_is_skipped_for_the_next_one(
    receiver: Receiver, dns: dict[str, list[str]]
) -> None:
    dns["hooks.partner.test"] = ["127.0.0.2", "127.0.0.1"]  # the receiver listens on 127.0.0.1 only

    attempt = _post(f"http://hooks.partner.test:{receiver.port}/ok")

    assert attempt.ok
    assert receiver.paths() == ["/ok"]


def test_a_url_no_longer_allowed_is_not_sent(receiver: Receiver) -> None:
    attempt = _post(f"http://127.0.0.1:{receiver.port}/ok", allow_private=False)  # http:// in production

    assert attempt.error_code == "invalid_url"
    assert receiver.connections == 0


def test_an_unresolvable_name_is_a_failed_connection() -> None:
    attempt = _post("https://nowhere.partner.test/hooks")

    assert attempt.error_code == "connection_failed"


# --- https: pinned to the address, verified against the name -----------------------------------


@dataclass(frozen=True)
class Pki:
    ca_pem: str
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cadata=self.ca_pem)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    """A test certificate authority and a certificate for hooks.partner.test only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sparrow test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hooks.partner.test")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("hooks.partner.test")]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("pki")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return Pki(ca.public_bytes(serialization.Encoding.PEM).decode(), cert_file, key_file)


def test_https_to_the_pinned_address_verifies_the_certificate_for_the_name(
    serve: Callable[[ssl.SSLContext | None], Receiver],
    pki: Pki,
    dns: dict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receiver = serve(pki.server_context())
    dns["hooks.partner.test"] = ["127.0.0.1"]
    monkeypatch.setattr(delivery_http, "tls_context", pki.client_context)

    attempt = _post(f"https://hooks.partner.test:{receiver.port}/ok")

    assert attempt.ok, attempt.error_message
    assert receiver.server_names == ["hooks.partner.test"]  # SNI carried the name, not the IP
    [request] = receiver.requests
    assert request.headers["host"] == f"hooks.partner.test:{receiver.port}"


def test_a_certificate_for_another_name_is_a_tls_error(
    serve: Callable[[ssl.SSLContext | None], Receiver],
    pki: Pki,
    dns: dict[str, list[str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    receiver = serve(pki.server_context())
    dns["other.partner.test"] = ["127.0.0.1"]
    monkeypatch.setattr(delivery_http, "tls_context", pki.client_context)

    attempt = _post(f"https://other.partner.test:{receiver.port}/ok")

    assert attempt.error_code == "tls_error"
    assert receiver.server_names == ["other.partner.test"]
    assert receiver.requests == []


def test_a_certificate_no_public_authority_signed_is_a_tls_error(
    serve: Callable[[ssl.SSLContext | None], Receiver], pki: Pki, dns: dict[str, list[str]]
) -> None:
    receiver = serve(pki.server_context())
    dns["hooks.partner.test"] = ["127.0.0.1"]

    attempt = _post(f"https://hooks.partner.test:{receiver.port}/ok")

    assert attempt.error_code == "tls_error"
    assert receiver.requests == []
