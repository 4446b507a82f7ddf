"""The thin Stripe client: one configured `StripeClient`, plain dicts out, and every failure of
Stripe (down, slow, refusing our key) as one translated error, `billing_unavailable`.

Sparrow calls Stripe only from the billing screens (to open Checkout or the portal) and from
the webhook job (to re-read an object before acting on it); never at sign-up or from any other
request, so an outage of Stripe costs the owner a retry of a billing button and nothing else.
The API base is a setting (`STRIPE_API_BASE`) so tests point it at a local server speaking the
same protocol (tests/fakes/stripe_server.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from saas.core.errors import DomainError

logger = logging.getLogger(__name__)

JSON = dict[str, Any]


class BillingUnavailable(DomainError):
    """Stripe did not answer, or answered with an error we cannot act on."""

    code = "billing_unavailable"


class BillingNotConfigured(DomainError):
    """No Stripe key: online payment is off (the embedded default); transfer still works."""

    code = "billing_not_configured"


class InvalidSignature(Exception):
    """A webhook body whose Stripe-Signature is missing, malformed, wrong or too old."""


def stripe_configured() -> bool:
    """Online payment is on when an API key is set; nothing else is required."""
    return bool(settings.STRIPE_API_KEY)


def unavailable() -> BillingUnavailable:
    return BillingUnavailable(
        str(_("The payment service is not answering. Please try again in a few minutes."))
    )


def not_configured() -> BillingNotConfigured:
    return BillingNotConfigured(
        str(_("Online payment is not configured for this installation. Pay by bank transfer instead."))
    )


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str, timeout: float) -> stripe.StripeClient:
    # One retry on a dropped connection (Stripe's own idempotency keys make POSTs safe to
    # repeat); a short connect timeout so a dead network fails fast instead of holding a worker.
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base},
        http_client=stripe.RequestsClient(timeout=(min(3.0, timeout), timeout)),
        max_network_retries=1,
    )


def client() -> stripe.StripeClient:
    if not stripe_configured():
        raise not_configured()
    return _client(settings.STRIPE_API_KEY, settings.STRIPE_API_BASE, settings.STRIPE_TIMEOUT_SECONDS)


def _call(
    what: str, request: Callable[[stripe.StripeClient], Any], *, missing_ok: bool = False
) -> JSON | None:
    """Run one request; a Stripe object back as a plain dict (None when absent and allowed)."""
    try:
        found = request(client())
    except stripe.InvalidRequestError as error:
        if missing_ok and error.code == "resource_missing":
            return None
        logger.error("stripe refused %s: %s", what, error.user_message or error)
        raise unavailable() from error
    except stripe.StripeError as error:
        # Connection errors, 5xx, rate limits, a revoked key: the owner can only wait.
        logger.warning("stripe failed on %s: %s", what, error.user_message or type(error).__name__)
        raise unavailable() from error
    return dict(found.to_dict())


def _found(what: str, request: Callable[[stripe.StripeClient], Any]) -> JSON:
    found = _call(what, request)
    assert found is not None  # only missing_ok calls return None
    return found


def customer_create(*, name: str, email: str, metadata: dict[str, str], idempotency_key: str) -> JSON:
    return _found(
        "customers.create",
        lambda c: c.v1.customers.create(
            params={"name": name, "email": email, "metadata": metadata},
            options={"idempotency_key": idempotency_key},
        ),
    )


# Creates without a key of ours: the library sends one of its own with each POST and repeats it
# on its retry, so a dropped connection never opens two sessions.
def checkout_session_create(params: dict[str, Any]) -> JSON:
    return _found("checkout.sessions.create", lambda c: c.v1.checkout.sessions.create(params=params))  # type: ignore[arg-type]


def checkout_session_retrieve(session_id: str) -> JSON | None:
    return _call(
        "checkout.sessions.retrieve", lambda c: c.v1.checkout.sessions.retrieve(session_id), missing_ok=True
    )


def subscription_create(params: dict[str, Any]) -> JSON:
    return _found("subscriptions.create", lambda c: c.v1.subscriptions.create(params=params))  # type: ignore[arg-type]


def subscription_retrieve(subscription_id: str) -> JSON | None:
    return _call(
        "subscriptions.retrieve", lambda c: c.v1.subscriptions.retrieve(subscription_id), missing_ok=True
    )


def subscriptions_list(customer_id: str) -> list[JSON]:
    found = _found(
        "subscriptions.list",
        lambda c: c.v1.subscriptions.list(params={"customer": customer_id, "status": "all", "limit": 10}),
    )
    return list(found.get("data") or [])


def invoice_retrieve(invoice_id: str) -> JSON | None:
    return _call("invoices.retrieve", lambda c: c.v1.invoices.retrieve(invoice_id), missing_ok=True)


def invoices_list(customer_id: str, *, limit: int = 24) -> list[JSON]:
    found = _found(
        "invoices.list", lambda c: c.v1.invoices.list(params={"customer": customer_id, "limit": limit})
    )
    return list(found.get("data") or [])


def invoice_finalize(invoice_id: str) -> JSON:
    return _found("invoices.finalize_invoice", lambda c: c.v1.invoices.finalize_invoice(invoice_id))


def portal_session_create(*, customer_id: str, return_url: str) -> JSON:
    return _found(
        "billing_portal.sessions.create",
        lambda c: c.v1.billing_portal.sessions.create(
            params={"customer": customer_id, "return_url": return_url}
        ),
    )


def event_verify(payload: bytes, header: str | None) -> None:
    """Check the body against STRIPE_WEBHOOK_SECRET as Stripe signs it (`t=…,v1=…`, HMAC-SHA256
    of "t.body"), refusing timestamps further than the tolerance from now (replays)."""
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise InvalidSignature("no STRIPE_WEBHOOK_SECRET is set")
    try:
        stripe.WebhookSignature.verify_header(
            payload, header, secret, tolerance=settings.STRIPE_WEBHOOK_TOLERANCE_SECONDS
        )
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as error:
        raise InvalidSignature(str(error)) from error
