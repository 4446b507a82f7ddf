"""One webhook HTTP attempt: POST the signed body to a partner's URL and record what happened.

The request goes to an address `resolve_safe` has just checked, pinned: the URL's host is
replaced by that IP, the original name travels in the Host header and, for https, as the TLS
server name (httpcore's `sni_hostname` request extension), so the certificate is still verified
against the partner's name. DNS therefore cannot answer differently between the check and the
connection. Redirects are not followed (a 3xx is recorded like any non-2xx answer: following one
would send the signed body to a URL nobody checked), proxies from the environment are ignored,
and at most `max_response_bytes` of the answer are read.

The timeout bounds the whole exchange, not only each network read: an endpoint that sends its
answer one byte at a time would otherwise hold a delivery worker for hours.

Network trouble never raises: the attempt comes back with an `error_code` for the delivery log.
"""

from __future__ import annotations

import codecs
import logging
import socket
import ssl
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from saas.core.errors import InvalidInput
from saas.partners import addresses

log = logging.getLogger(__name__)

# error_code values; "" when an HTTP answer came back, whatever its status.
TIMEOUT = "timeout"
CONNECTION_FAILED = "connection_failed"  # refused, reset, unreachable, no DNS answer, broken HTTP
FORBIDDEN_ADDRESS = "forbidden_address"  # the URL is or resolves to an address we may not call
TLS_ERROR = "tls_error"  # handshake failed or the certificate is not valid for the host
INVALID_URL = "invalid_url"  # the stored URL no longer passes check_url (e.g. http:// in production)

MAX_ADDRESSES_TRIED = 3  # a name with several addresses: the next is tried if one refuses
MAX_ERROR_MESSAGE = 500


@dataclass(frozen=True)
class HttpAttempt:
    status_code: int | None
    response_excerpt: str
    latency_ms: int
    error_code: str
    error_message: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


_tls: ssl.SSLContext | None = None


def tls_context() -> ssl.SSLContext:
    """The certificate authorities deliveries trust (certifi's, as httpx uses); tests replace it.

    Built once: loading the bundle costs tens of milliseconds, and a context is safe to share.
    """
    global _tls
    if _tls is None:
        _tls = httpx.create_ssl_context(trust_env=False)
    return _tls


def _failed(code: str, message: str, latency_ms: int = 0) -> HttpAttempt:
    return HttpAttempt(
        status_code=None,
        response_excerpt="",
        latency_ms=latency_ms,
        error_code=code,
        error_message=message[:MAX_ERROR_MESSAGE],
    )


def _excerpt(data: bytes, charset: str | None) -> str:
    try:
        decoder = codecs.getincrementaldecoder(charset or "utf-8")(errors="replace")
    except LookupError:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    # final=False: a character cut in half at the cap is dropped, not shown as garbage.
    text = decoder.decode(data, final=False).replace("\r\n", "\n")
    # Control characters (NUL above all, which PostgreSQL refuses) go; line breaks and tabs stay.
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def _is_tls_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _depth in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError):  # certificate errors too
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class _Deadline:
    """Shuts the connection's socket when the time is up, so a read blocked on a trickling
    endpoint returns; httpx's own timeouts only bound each read."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._done = False
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        # httpcore reports each new connection (and its TLS wrapper) through the trace extension.
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            # The plain socket's shutdown, also on a TLS socket: ssl.SSLSocket.shutdown would drop
            # the TLS state under the thread that is reading.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass  # closed already

    @contextmanager
    def running(self) -> Iterator[_Deadline]:
        self._timer.start()
        try:
            yield self
        finally:
            with self._lock:
                self._done = True
            self._timer.cancel()


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        chunks.append(chunk)
        size += len(chunk)
        if size >= limit:
            break
    return b"".join(chunks)[:limit]


def post(
    url: str,
    *,
    headers: dict[str, str],
    body: bytes,
    timeout: float,
    allow_private: bool,
    max_response_bytes: int = 64 * 1024,
) -> HttpAttempt:
    """POST body to url, connecting only to an address checked now; never raises for the network."""
    try:
        target = addresses.parse_url(url, allow_private=allow_private)
    except InvalidInput as exc:
        return _failed(INVALID_URL, f"The URL is not allowed ({exc.code}).")
    try:
        ips = addresses.resolve_safe(target.host, target.port, allow_private=allow_private)
    except InvalidInput as exc:
        if exc.code == "url_unresolvable":
            return _failed(CONNECTION_FAILED, f"The host name {target.host} did not resolve.")
        return _failed(FORBIDDEN_ADDRESS, f"{target.host} is or resolves to a forbidden address.")

    send_headers = {name.lower(): value for name, value in headers.items()}
    send_headers["host"] = target.url.netloc.decode("ascii")  # name and non-default port, as sent
    # No compressed answers: a few kilobytes of gzip can inflate past any cap in one chunk.
    send_headers["accept-encoding"] = "identity"

    attempt = _failed(CONNECTION_FAILED, "No address to connect to.")
    ends = time.monotonic() + timeout  # one budget for every address tried
    for ip in ips[:MAX_ADDRESSES_TRIED]:
        remaining = ends - time.monotonic()
        if remaining <= 0:
            break
        attempt, may_retry = _post_to(
            target,
            ip,
            headers=send_headers,
            body=body,
            timeout=remaining,
            max_response_bytes=max_response_bytes,
        )
        if not may_retry:
            break
    return attempt


def _post_to(
    target: addresses.Target,
    ip: addresses.Address,
    *,
    headers: dict[str, str],
    body: bytes,
    timeout: float,
    max_response_bytes: int,
) -> tuple[HttpAttempt, bool]:
    """One attempt at one address; the flag says whether another address may be tried (nothing
    of the request reached this one)."""
    deadline = _Deadline(timeout)
    extensions: dict[str, Any] = {"trace": deadline.trace}
    if target.ip is None and target.scheme == "https":
        extensions["sni_hostname"] = target.host
    started = time.monotonic()

    def elapsed_ms() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        pinned = target.url.copy_with(host=str(ip))
    except httpx.InvalidURL as exc:  # e.g. a scoped link-local address, allowed in development only
        return _failed(INVALID_URL, f"Cannot send to {ip}: {exc}"), True
    try:
        with (
            httpx.Client(
                follow_redirects=False,
                trust_env=False,
                timeout=httpx.Timeout(timeout),
                verify=tls_context(),
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=0),
            ) as client,
            deadline.running(),
        ):
            request = client.build_request(
                "POST", pinned, headers=headers, content=body, extensions=extensions
            )
            response = client.send(request, stream=True)
            try:
                data = _read_capped(response, max(0, max_response_bytes))
            finally:
                response.close()
            if deadline.expired:  # the socket was shut mid-answer: what came is partial
                return _failed(TIMEOUT, "No complete answer within the timeout.", elapsed_ms()), False
            attempt = HttpAttempt(
                status_code=response.status_code,
                response_excerpt=_excerpt(data, response.charset_encoding),
                latency_ms=elapsed_ms(),
                error_code="",
                error_message="",
            )
            return attempt, False
    except httpx.HTTPError as exc:
        latency = elapsed_ms()
        if deadline.expired or isinstance(exc, httpx.TimeoutException):
            return _failed(TIMEOUT, "No complete answer within the timeout.", latency), False
        if _is_tls_failure(exc):
            return _failed(TLS_ERROR, f"TLS with {target.host} failed: {exc}", latency), False
        if isinstance(exc, httpx.ConnectError):
            return _failed(CONNECTION_FAILED, f"Could not connect to {target.host}: {exc}", latency), True
        return _failed(CONNECTION_FAILED, f"The connection to {target.host} failed: {exc}", latency), False
    except (OSError, ValueError) as exc:  # anything below httpx that slipped its mapping
        log.warning("webhook post to %s failed outside httpx's errors", target.host, exc_info=True)
        return _failed(
            CONNECTION_FAILED, f"The connection to {target.host} failed: {exc}", elapsed_ms()
        ), False
