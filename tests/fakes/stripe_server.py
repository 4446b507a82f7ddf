"""A fake Stripe for tests: a real HTTP server on 127.0.0.1, in a thread, speaking exactly the
parts of Stripe's API that Sparrow calls (form-encoded requests, Stripe-shaped JSON and errors):

    POST /v1/customers                 GET /v1/customers/{id}
    POST /v1/checkout/sessions         GET /v1/checkout/sessions/{id}
    POST /v1/subscriptions             GET /v1/subscriptions/{id}      GET /v1/subscriptions
    GET  /v1/invoices/{id}             GET /v1/invoices                POST /v1/invoices/{id}/finalize
    POST /v1/billing_portal/sessions

Tests move its state (`fake.state.pay_invoice(…)`, `fail_payment`, `set_subscription_status`,
`complete_checkout`, `renew`), then build the event Stripe would send and sign it as Stripe
documents (`fake.signed_event(type, object_id)`: `Stripe-Signature: t=<ts>,v1=<HMAC-SHA256 of
"<ts>.<body>">`). `fake.outage()` answers every call with 503 as Stripe does when it is down.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.fakes.stripe_state import JSON, StripeError, StripeState, missing

WEBHOOK_SECRET = "whsec_test_sparrow"
API_KEY = "sk_test_sparrow"
API_VERSION = "2026-10-28.endive"


def form_decode(pairs: list[tuple[str, str]]) -> JSON:
    """Stripe's form encoding (`items[0][price]=…`, `expand[]=…`) back into nested JSON."""
    root: JSON = {}
    for key, value in pairs:
        parts = [key.split("[", 1)[0], *re.findall(r"\[([^\]]*)\]", key)]
        node: Any = root
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            if part == "":
                part = str(len(node))
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node: Any) -> Any:
    if isinstance(node, dict):
        converted = {key: _lists(value) for key, value in node.items()}
        if converted and all(key.isdigit() for key in converted):
            return [converted[key] for key in sorted(converted, key=int)]
        return converted
    return node


def sign(body: bytes, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for `body`, built as Stripe documents it."""
    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"


class FakeStripe:
    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.state = StripeState(self.url)
        self.down = False
        self.thread = threading.Thread(target=self.server.serve_forever, name="fake-stripe", daemon=True)

    def start(self) -> FakeStripe:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        self.state.reset()
        self.down = False

    @contextmanager
    def outage(self) -> Iterator[None]:
        self.down = True
        try:
            yield
        finally:
            self.down = False

    def calls(self, method: str = "", path: str = "") -> list[tuple[str, str, JSON]]:
        """The requests Sparrow made, in order (method, path, params)."""
        return [c for c in self.state.requests if c[0].startswith(method) and c[1].startswith(path)]

    # --- events --------------------------------------------------------------------------------
    def event(self, kind: str, object_id: str, *, snapshot: JSON | None = None) -> JSON:
        """The event Stripe would send now about the object (its current state, or `snapshot`)."""
        with self.state.lock:
            found = snapshot if snapshot is not None else self.state.expand(self.state.objects[object_id], [])
            return {
                "id": self.state.new_id("evt"),
                "object": "event",
                "api_version": API_VERSION,
                "created": int(time.time()),
                "type": kind,
                "livemode": False,
                "pending_webhooks": 1,
                "request": {"id": None, "idempotency_key": None},
                "data": {"object": copy.deepcopy(found)},
            }

    def signed(
        self, event: JSON, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None
    ) -> tuple[bytes, str]:
        body = json.dumps(event).encode()
        return body, sign(body, secret, timestamp)

    def signed_event(self, kind: str, object_id: str) -> tuple[JSON, bytes, str]:
        event = self.event(kind, object_id)
        body, header = self.signed(event)
        return event, body, header


ROUTES: list[tuple[str, str, Callable[[StripeState, JSON, list[str]], JSON]]] = [
    ("POST", r"/v1/customers", lambda s, p, a: s.customer_create(p)),
    ("GET", r"/v1/customers/([^/]+)", lambda s, p, a: s.get("customer", "cus", a[0])),
    ("POST", r"/v1/checkout/sessions", lambda s, p, a: s.checkout_create(p)),
    ("GET", r"/v1/checkout/sessions/([^/]+)", lambda s, p, a: s.get("checkout session", "cs", a[0])),
    ("POST", r"/v1/subscriptions", lambda s, p, a: s.subscription_create(p)),
    ("GET", r"/v1/subscriptions", lambda s, p, a: s.subscriptions_list(p)),
    ("GET", r"/v1/subscriptions/([^/]+)", lambda s, p, a: s.get("subscription", "sub", a[0])),
    ("GET", r"/v1/invoices", lambda s, p, a: s.invoices_list(p)),
    ("GET", r"/v1/invoices/([^/]+)", lambda s, p, a: s.get("invoice", "in", a[0])),
    ("POST", r"/v1/invoices/([^/]+)/finalize", lambda s, p, a: s.invoice_finalize(a[0])),
    ("POST", r"/v1/billing_portal/sessions", lambda s, p, a: s.portal_create(p)),
]


def _handler(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer("GET")

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self._answer("POST")

        def _answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            params = form_decode(
                parse_qsl(parts.query, keep_blank_values=True) + parse_qsl(body, keep_blank_values=True)
            )
            try:
                status, payload = 200, self._route(method, parts.path, params)
            except StripeError as error:
                status, payload = error.status, error.body
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", f"req_{id(self):x}")
            self.end_headers()
            self.wfile.write(data)

        def _route(self, method: str, path: str, params: JSON) -> JSON:
            if fake.down:
                raise StripeError(503, "api_error", "Stripe is temporarily unavailable.")
            if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                raise StripeError(401, "invalid_request_error", "Invalid API Key provided.")
            state = fake.state
            with state.lock:
                state.requests.append((method, path, params))
                key = self.headers.get("Idempotency-Key")
                if method == "POST" and key and key in state.idempotent:
                    return copy.deepcopy(state.idempotent[key])
                expand = [str(field) for field in params.pop("expand", [])]
                for verb, pattern, action in ROUTES:
                    matched = re.fullmatch(pattern, path)
                    if verb == method and matched:
                        found = state.expand(action(state, params, list(matched.groups())), expand)
                        if method == "POST" and key:
                            state.idempotent[key] = found
                        return found
            raise missing("route", path) from None

    return Handler
