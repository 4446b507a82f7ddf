"""Starting a payment with Stripe for the owner: Checkout for cards (a subscription) and WeChat
Pay (a one-time payment for a prepaid term), a send_invoice subscription for Alipay (paid by hand
on Stripe's hosted invoice page), and Stripe's customer portal.

Each returns the URL the owner opens. Nothing here changes the workspace's status: that happens
only when Stripe's webhook says what was paid (tenants/billing/stripe_events.py). These calls run
in the owner's request because the owner waits for the URL; a slow or absent Stripe ends in
`billing_unavailable` after the client's timeout and leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from saas.accounts.actors import Actor, user_of
from saas.accounts.models import User
from saas.accounts.scopes import OWNER
from saas.core.errors import Forbidden, InvalidInput
from saas.core.tenancy import public_schema
from tenants.billing import stripe_api
from tenants.billing.models import BillingAccount, BillingAuditEntry, PaymentMethod, Plan
from tenants.billing.services import account_for
from tenants.billing.stripe_reads import object_id
from tenants.models import Tenant

PREPAID_MONTHS = (3, 6, 12)
INTERVALS = ("month", "year")
# Stripe subscription statuses that still bill the customer: a second one would bill twice.
LIVE_SUBSCRIPTION = frozenset({"active", "trialing", "past_due", "unpaid", "paused"})


def _purchasable(code: str) -> Plan:
    plan = Plan.objects.filter(code=code, is_active=True).exclude(code="trial").first()
    if plan is None:
        raise InvalidInput(
            _("There is no plan %(code)s to buy.") % {"code": code}, code="plan_not_found", field="plan"
        )
    return plan


def _price(plan: Plan, interval: str) -> str:
    if interval not in INTERVALS:
        raise InvalidInput(_("Pay monthly or yearly."), code="interval_invalid", field="interval")
    price = plan.stripe_price_yearly if interval == "year" else plan.stripe_price_monthly
    if not price:
        raise stripe_api.BillingNotConfigured(
            _("This plan cannot be paid online yet. Pay by bank transfer instead."), field="plan"
        )
    return price


def stripe_customer_ensure(account: BillingAccount) -> str:
    """The account's Stripe customer id, creating the customer once (the row is locked meanwhile,
    and Stripe's idempotency key makes a retried create return the same customer)."""
    if account.stripe_customer_id:
        return account.stripe_customer_id
    with public_schema(), transaction.atomic():
        locked = (
            BillingAccount.objects.select_related("tenant").select_for_update(of=("self",)).get(pk=account.pk)
        )
        if not locked.stripe_customer_id:
            tenant = locked.tenant
            customer = stripe_api.customer_create(
                name=tenant.name,
                email=_owner_email(tenant.schema_name),
                metadata={"workspace": tenant.slug, "account": str(locked.pk)},
                idempotency_key=f"sparrow-customer-{locked.pk}-{tenant.schema_name}",
            )
            locked.stripe_customer_id = str(customer["id"])
            locked.save(update_fields=["stripe_customer_id", "updated_at"])
            BillingAuditEntry.objects.create(
                account=locked,
                actor="system",
                action="stripe_customer_created",
                detail={"customer": customer["id"]},
            )
    account.stripe_customer_id = locked.stripe_customer_id
    return account.stripe_customer_id


def _owner_email(schema_name: str) -> str:
    with schema_context(schema_name):
        owner = User.objects.filter(roles__code=OWNER, is_active=True).order_by("id").first()
    return owner.email if owner is not None else ""


def _live_subscription(account: BillingAccount) -> dict | None:
    if not account.stripe_subscription_id:
        return None
    found = stripe_api.subscription_retrieve(account.stripe_subscription_id)
    return found if found is not None and found.get("status") in LIVE_SUBSCRIPTION else None


def _refuse_second_subscription(account: BillingAccount) -> None:
    if _live_subscription(account) is not None:
        raise InvalidInput(
            _("This workspace already has a subscription: change or cancel it in the billing portal."),
            code="billing_subscription_exists",
            field="method",
        )


def checkout_start(
    account: BillingAccount,
    *,
    plan_code: str,
    interval: str,
    method: str,
    months: int | None,
    return_url: str,
) -> str:
    """The URL where the owner pays for `plan` by `method` (see the module's docstring)."""
    if not stripe_api.stripe_configured():
        raise stripe_api.not_configured()
    plan = _purchasable(plan_code)
    metadata = {"account": str(account.pk), "plan": plan.code, "method": method}
    if method == PaymentMethod.WECHAT_PAY:
        return _wechat_pay_checkout(account, plan, months, metadata, return_url)
    if months is not None:
        raise InvalidInput(
            _("Months are for a prepaid term by WeChat Pay."), code="months_invalid", field="months"
        )
    price = _price(plan, interval)
    if method == PaymentMethod.CARD:
        _refuse_second_subscription(account)
        session = stripe_api.checkout_session_create(
            {
                "mode": "subscription",
                "customer": stripe_customer_ensure(account),
                "client_reference_id": str(account.pk),
                "line_items": [{"price": price, "quantity": 1}],
                "payment_method_types": ["card"],
                "success_url": f"{return_url}?paid=1",
                "cancel_url": return_url,
                "metadata": metadata,
                "subscription_data": {"metadata": metadata},
            }
        )
        return str(session["url"])
    if method == PaymentMethod.ALIPAY:
        return _alipay_invoice(account, price, metadata)
    raise InvalidInput(_("Choose card, Alipay or WeChat Pay."), code="method_invalid", field="method")


def _alipay_invoice(account: BillingAccount, price: str, metadata: dict[str, str]) -> str:
    """Alipay pays Stripe invoices only by hand: a send_invoice subscription, its first invoice
    finalized now (Stripe would wait an hour) so the hosted page opens at once."""
    live = _live_subscription(account)
    if live is not None:
        # Already on Alipay with an invoice waiting: open that one rather than billing twice.
        waiting = _open_invoice(object_id(live.get("latest_invoice")))
        if live.get("collection_method") == "send_invoice" and waiting:
            return waiting
        _refuse_second_subscription(account)
    subscription = stripe_api.subscription_create(
        {
            "customer": stripe_customer_ensure(account),
            "items": [{"price": price}],
            "collection_method": "send_invoice",
            "days_until_due": settings.STRIPE_DAYS_UNTIL_DUE,
            "payment_settings": {"payment_method_types": ["alipay"]},
            "metadata": metadata,
            "expand": ["latest_invoice"],
        }
    )
    latest = subscription.get("latest_invoice")
    invoice: dict[str, Any] = (
        latest if isinstance(latest, dict) else stripe_api.invoice_retrieve(object_id(latest)) or {}
    )
    if invoice.get("status") == "draft":
        invoice = stripe_api.invoice_finalize(str(invoice["id"]))
    url = invoice.get("hosted_invoice_url")
    if not url:
        raise stripe_api.unavailable()
    return str(url)


def _open_invoice(invoice_id: str) -> str:
    invoice = stripe_api.invoice_retrieve(invoice_id) if invoice_id else None
    if invoice is None or invoice.get("status") != "open":
        return ""
    return str(invoice.get("hosted_invoice_url") or "")


def _wechat_pay_checkout(
    account: BillingAccount, plan: Plan, months: int | None, metadata: dict[str, str], return_url: str
) -> str:
    """WeChat Pay takes one-time payments only: Checkout in payment mode for a prepaid term, whose
    price is the plan's yearly price for 12 months, else its monthly price times the months."""
    if months not in PREPAID_MONTHS:
        raise InvalidInput(_("Buy 3, 6 or 12 months."), code="months_invalid", field="months")
    amount = (
        plan.yearly_price_fen if months == 12 and plan.yearly_price_fen else plan.monthly_price_fen * months
    )
    if amount <= 0:
        raise stripe_api.BillingNotConfigured(_("This plan has no price yet."), field="plan")
    name = _("Sparrow %(plan)s, %(months)s months") % {"plan": plan.name_zh, "months": months}
    session = stripe_api.checkout_session_create(
        {
            "mode": "payment",
            "customer": stripe_customer_ensure(account),
            "client_reference_id": str(account.pk),
            "line_items": [
                {
                    "price_data": {"currency": "cny", "unit_amount": amount, "product_data": {"name": name}},
                    "quantity": 1,
                }
            ],
            "payment_method_types": ["wechat_pay"],
            "payment_method_options": {"wechat_pay": {"client": "web"}},
            "success_url": f"{return_url}?paid=1",
            "cancel_url": return_url,
            "metadata": {**metadata, "months": str(months)},
        }
    )
    return str(session["url"])


def portal_start(account: BillingAccount, *, return_url: str) -> str:
    """Stripe's customer portal (cards, invoices, cancelling) for a workspace Stripe knows."""
    if not stripe_api.stripe_configured():
        raise stripe_api.not_configured()
    if not account.stripe_customer_id:
        raise InvalidInput(
            _("This workspace has not paid through Stripe yet."), code="billing_no_customer", field="account"
        )
    session = stripe_api.portal_session_create(customer_id=account.stripe_customer_id, return_url=return_url)
    return str(session["url"])


def _require_owner(actor: Actor) -> None:
    user = user_of(actor)
    if user is None or OWNER not in user.role_codes:
        raise Forbidden(_("Only the workspace's owner can pay for it."), code="forbidden")


def billing_checkout_start(
    *,
    actor: Actor,
    tenant: Tenant,
    plan_code: str,
    interval: str,
    method: str,
    months: int | None,
    return_url: str,
) -> str:
    """The owner opens a payment: the URL to send them to (see `checkout_start`)."""
    _require_owner(actor)
    return checkout_start(
        account_for(tenant),
        plan_code=plan_code,
        interval=interval,
        method=method,
        months=months,
        return_url=return_url,
    )


def billing_portal_start(*, actor: Actor, tenant: Tenant, return_url: str) -> str:
    """The owner opens Stripe's customer portal: the URL to send them to."""
    _require_owner(actor)
    return portal_start(account_for(tenant), return_url=return_url)
