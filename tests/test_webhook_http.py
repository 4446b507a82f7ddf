"""One webhook HTTP attempt against real local receivers (HTTP and HTTPS): what is recorded, no
redirects, capped answers, timeouts, and connections pinned to the checked address."""

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

from saas.partners import addresses, delivery_http, signing

PUBLIC_IP = "93.184.216.34"
BODY = b'{"type":"sales_order.approved","data":{"id":"SO-2026-000123","total":"12.50"}}'


pytestmark = pytest.mark.usefixtures("dns")


def _now() -> int:
    return int(time.time())  # the verifier refuses timestamps more than 5 minutes off


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
