"""Stripe's webhook events: stored once by id, then acted on in a job.

`event_receive` (called by the webhook view after the signature is checked) stores the event
under its unique id and queues `stripe_event_process` in the same transaction; a duplicate
delivery finds the row and does nothing. The job re-reads the object from Stripe (events come
out of order: the payload is only a hint), then changes the account through billing's services
and marks the event processed in one transaction, so a job run twice acts once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from saas.core.jobs import system_task
from saas.core.tenancy import public_schema
from tenants.billing import services
from tenants.billing.models import (
    BillingAccount,
    BillingInvoice,
    InvoiceSource,
    InvoiceStatus,
    PaymentMethod,
    Plan,
    StripeEvent,
)
from tenants.billing.stripe_reads import checkout_session, invoice_state, object_id, subscription_state

logger = logging.getLogger(__name__)

JSON = dict[str, Any]
PREPAID_MONTHS = (3, 6, 12)

# What each handler returns: the outcome kept on the event row, after its writes are done.
Handler = Callable[[BillingAccount, JSON, str], str]


def event_receive(event: JSON) -> bool:
    """Store a verified event and queue its job; False when the id was already stored."""
    with public_schema():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(
                    event_id=str(event["id"])[:100],
                    type=str(event.get("type") or "")[:100],
                    payload=event,
                )
                stripe_event_process.defer(event_id=str(event["id"])[:100])
        except IntegrityError:
            return False
    return True


def _subscription(account: BillingAccount, subscription_id: str, actor: str) -> str:
    state = subscription_state(account, subscription_id)
    if state is None:
        return "subscription_missing"
    if (
        state.status in {"canceled", "incomplete_expired"}
        and account.stripe_subscription_id
        and account.stripe_subscription_id != state.subscription_id
    ):
        # The end of a subscription the workspace has since replaced changes nothing.
        return "subscription_replaced"
    services.apply_subscription(
        account,
        plan=state.plan,
        status=state.status,
        current_period_end=state.current_period_end,
        subscription_id=state.subscription_id,
        price_id=state.price_id,
        interval=state.interval,
        method=state.method,
        actor=actor,
    )
    return f"subscription_{state.status}"


def on_subscription(account: BillingAccount, payload: JSON, actor: str) -> str:
    return _subscription(account, object_id(payload), actor)


def on_invoice(account: BillingAccount, payload: JSON, actor: str) -> str:
    state = invoice_state(object_id(payload))
    if state is None:
        return "invoice_missing"
    services.record_invoice(
        account,
        source=InvoiceSource.STRIPE,
        external_id=state.invoice_id,
        number=state.number,
        amount_fen=state.amount_fen,
        currency=state.currency,
        status=state.status,
        hosted_url=state.hosted_url,
        period_start=state.period_start,
        period_end=state.period_end,
        paid_at=state.paid_at,
    )
    if not state.subscription_id:
        return f"invoice_{state.status}"
    return f"invoice_{state.status}; " + _subscription(account, state.subscription_id, actor)


def on_checkout_completed(account: BillingAccount, payload: JSON, actor: str) -> str:
    session = checkout_session(object_id(payload))
    if session is None:
        return "session_missing"
    if session.get("mode") == "subscription":
        subscription_id = object_id(session.get("subscription"))
        return (
            _subscription(account, subscription_id, actor)
            if subscription_id
            else "session_without_subscription"
        )
    if session.get("mode") != "payment":
        return "session_ignored"
    if session.get("payment_status") != "paid":
        return "payment_pending"  # an async method: checkout.session.async_payment_succeeded follows
    metadata = session.get("metadata") or {}
    months = int(metadata["months"]) if str(metadata.get("months") or "").isdigit() else 0
    if months not in PREPAID_MONTHS:
        logger.error("stripe checkout %s paid with no prepaid term in its metadata", session["id"])
        return "payment_without_term"
    if BillingInvoice.objects.filter(
        source=InvoiceSource.WECHAT_PAY, external_id=session["id"], status=InvoiceStatus.PAID
    ).exists():
        return "term_already_applied"
    plan = Plan.objects.filter(code=str(metadata.get("plan") or "")).first()
    before = account.paid_until
    account = services.extend_paid_until(
        account,
        months=months,
        plan=plan,
        method=PaymentMethod.WECHAT_PAY,
        ref=str(session["id"]),
        actor=actor,
    )
    services.record_invoice(
        account,
        source=InvoiceSource.WECHAT_PAY,
        external_id=str(session["id"]),
        number="",
        amount_fen=int(session.get("amount_total") or 0),
        currency=str(session.get("currency") or "cny"),
        status=InvoiceStatus.PAID,
        hosted_url="",
        period_start=max(before or timezone.now(), timezone.now()),
        period_end=account.paid_until,
        paid_at=timezone.now(),
    )
    return f"prepaid_{months}_months"


def on_trial_will_end(account: BillingAccount, payload: JSON, actor: str) -> str:
    # Sparrow's own trial reminders tell the owner; the subscription is re-read all the same.
    return _subscription(account, object_id(payload), actor)


HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": on_checkout_completed,
    "checkout.session.async_payment_succeeded": on_checkout_completed,
    "customer.subscription.created": on_subscription,
    "customer.subscription.updated": on_subscription,
    "customer.subscription.deleted": on_subscription,
    "customer.subscription.paused": on_subscription,
    "customer.subscription.resumed": on_subscription,
    "customer.subscription.trial_will_end": on_trial_will_end,
    "invoice.paid": on_invoice,
    "invoice.payment_failed": on_invoice,
    "invoice.payment_action_required": on_invoice,
    "invoice.finalized": on_invoice,
    "invoice.voided": on_invoice,
    "invoice.marked_uncollectible": on_invoice,
}


def _customer_of(payload: JSON) -> str:
    return object_id(payload.get("customer"))


def event_process(event_id: str) -> str:
    """Act on one stored event once; returns its outcome (also kept on the row)."""
    with public_schema():
        event = StripeEvent.objects.get(event_id=event_id)
        if event.processed_at is not None:
            return event.outcome
        payload = (event.payload.get("data") or {}).get("object") or {}
        handler = HANDLERS.get(event.type)
        account = (
            BillingAccount.objects.select_related("plan")
            .filter(stripe_customer_id=_customer_of(payload) or "-")
            .first()
        )
        with transaction.atomic():
            # The row lock makes a second run wait and then see processed_at.
            event = StripeEvent.objects.select_for_update().get(pk=event.pk)
            if event.processed_at is not None:
                return event.outcome
            if handler is None:
                outcome = "ignored"
            elif account is None:
                logger.warning(
                    "stripe event %s (%s) for unknown customer %r",
                    event_id,
                    event.type,
                    _customer_of(payload),
                )
                outcome = "unknown_customer"
            else:
                outcome = handler(account, payload, f"stripe:{event_id}")
            event.processed_at = timezone.now()
            event.outcome = outcome[:200]
            event.save(update_fields=["processed_at", "outcome"])
    return outcome


@system_task()
def stripe_event_process(event_id: str) -> str:
    """The job: one Stripe event, re-read and applied (a Stripe outage retries it with backoff)."""
    return event_process(event_id)
