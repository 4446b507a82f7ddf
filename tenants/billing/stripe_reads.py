"""What Stripe says now about a subscription, an invoice or a Checkout session, read back from
Stripe and turned into the values billing's services take.

Webhook events arrive at least once and in any order, so their payloads are only a hint of
which object changed; these readers fetch the object itself and decide from that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Q

from tenants.billing import stripe_api
from tenants.billing.models import BillingAccount, InvoiceStatus, PaymentMethod, Plan

JSON = dict[str, Any]


def moment(stamp: Any) -> datetime | None:
    return datetime.fromtimestamp(int(stamp), tz=UTC) if isinstance(stamp, int | float) and stamp else None


def object_id(value: Any) -> str:
    """An id whether Stripe sent the id or the expanded object."""
    if isinstance(value, dict):
        return str(value.get("id") or "")
    return str(value or "")


@dataclass(frozen=True)
class SubscriptionState:
    subscription_id: str
    status: str  # Stripe's, or "incomplete" for an Alipay subscription whose first invoice is unpaid
    plan: Plan
    price_id: str
    interval: str
    method: str
    current_period_end: datetime | None


def _plan_for(price_id: str, metadata: JSON, fallback: Plan) -> tuple[Plan, str]:
    """The plan whose Stripe price this is (and the interval it bills), else the metadata's plan."""
    plan = Plan.objects.filter(Q(stripe_price_monthly=price_id) | Q(stripe_price_yearly=price_id)).first()
    if plan is not None:
        return plan, "year" if plan.stripe_price_yearly == price_id else "month"
    by_code = Plan.objects.filter(code=str(metadata.get("plan") or "")).first()
    return by_code or fallback, ""


def subscription_state(account: BillingAccount, subscription_id: str) -> SubscriptionState | None:
    """The subscription as Stripe has it now (None: Stripe does not know it)."""
    found = stripe_api.subscription_retrieve(subscription_id)
    if found is None:
        return None
    items = (found.get("items") or {}).get("data") or [{}]
    item = items[0]
    price = item.get("price") or {}
    metadata = found.get("metadata") or {}
    plan, interval = _plan_for(str(price.get("id") or ""), metadata, account.plan)
    interval = interval or str((price.get("recurring") or {}).get("interval") or "")
    if interval not in {"month", "year"}:
        interval = ""
    method = str(metadata.get("method") or "")
    if method not in PaymentMethod.values or not method:
        method = (
            PaymentMethod.ALIPAY if found.get("collection_method") == "send_invoice" else PaymentMethod.CARD
        )
    status = str(found.get("status") or "")
    if (
        status == "active"
        and found.get("collection_method") == "send_invoice"
        and account.stripe_subscription_id != found["id"]
        and not _latest_invoice_paid(found)
    ):
        # Stripe starts a send_invoice subscription as active before anything is paid: the
        # workspace takes it on only once its first invoice is paid (invoice.paid).
        status = "incomplete"
    period_end = item.get("current_period_end") or found.get("current_period_end")
    return SubscriptionState(
        subscription_id=str(found["id"]),
        status=status,
        plan=plan,
        price_id=str(price.get("id") or ""),
        interval=interval,
        method=method,
        current_period_end=moment(period_end),
    )


def _latest_invoice_paid(subscription: JSON) -> bool:
    latest = subscription.get("latest_invoice")
    if isinstance(latest, dict):
        return latest.get("status") == "paid"
    invoice = stripe_api.invoice_retrieve(str(latest)) if latest else None
    return bool(invoice and invoice.get("status") == "paid")


@dataclass(frozen=True)
class InvoiceState:
    invoice_id: str
    subscription_id: str
    number: str
    amount_fen: int
    currency: str
    status: str
    hosted_url: str
    period_start: datetime | None
    period_end: datetime | None
    paid_at: datetime | None


def invoice_subscription(invoice: JSON) -> str:
    """The subscription an invoice bills (under `parent` since API version basil)."""
    details = ((invoice.get("parent") or {}).get("subscription_details")) or {}
    return object_id(details.get("subscription") or invoice.get("subscription"))


def invoice_state(invoice_id: str) -> InvoiceState | None:
    found = stripe_api.invoice_retrieve(invoice_id)
    if found is None:
        return None
    status = str(found.get("status") or "")
    paid = found.get("status") == "paid"
    return InvoiceState(
        invoice_id=str(found["id"]),
        subscription_id=invoice_subscription(found),
        number=str(found.get("number") or ""),
        amount_fen=int((found.get("amount_paid") if paid else found.get("amount_due")) or 0),
        currency=str(found.get("currency") or "cny"),
        status=status if status in InvoiceStatus.values else InvoiceStatus.OPEN,
        hosted_url=str(found.get("hosted_invoice_url") or ""),
        period_start=moment(found.get("period_start")),
        period_end=moment(found.get("period_end")),
        paid_at=moment((found.get("status_transitions") or {}).get("paid_at")) if paid else None,
    )


def checkout_session(session_id: str) -> JSON | None:
    return stripe_api.checkout_session_retrieve(session_id)
