"""The writes to billing accounts: trial, status moves, subscriptions, prepaid terms, invoices.

Each service runs in one transaction in the public schema with the account row locked, and
writes a `BillingAuditEntry`. The workspace's `Tenant.status` follows the account's status
(`tenant_status_for`), saved through `save()` so every process's host cache hears of it.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput
from saas.core.tenancy import public_schema
from tenants.billing.models import (
    BillingAccount,
    BillingAuditEntry,
    BillingInterval,
    BillingInvoice,
    BillingStatus,
    InvoiceSource,
    InvoiceStatus,
    PaymentMethod,
    Plan,
)
from tenants.models import Tenant, TenantStatus
from tenants.routing import routing_changed

TRIAL_PLAN = "trial"
MAX_PREPAID_MONTHS = 36

# Allowed moves; paying again from past_due, suspended or trial_expired goes straight to active.
TRANSITIONS: dict[str, frozenset[str]] = {
    BillingStatus.TRIALING: frozenset({"active", "past_due", "trial_expired", "suspended", "closed"}),
    BillingStatus.ACTIVE: frozenset({"past_due", "suspended", "closed"}),
    BillingStatus.PAST_DUE: frozenset({"active", "suspended", "closed"}),
    BillingStatus.SUSPENDED: frozenset({"active", "trialing", "closed"}),
    BillingStatus.TRIAL_EXPIRED: frozenset({"active", "trialing", "suspended", "closed"}),
    BillingStatus.CLOSED: frozenset({"active", "trialing", "suspended"}),
}

# What the workspace may do follows the billing status; a trial that ran out is read-only, as a
# suspension is (the tenant row has no trial_expired: it is a suspension for routing's sake).
_TENANT_STATUS = {
    BillingStatus.TRIALING: TenantStatus.TRIALING,
    BillingStatus.ACTIVE: TenantStatus.ACTIVE,
    BillingStatus.PAST_DUE: TenantStatus.PAST_DUE,
    BillingStatus.SUSPENDED: TenantStatus.SUSPENDED,
    BillingStatus.TRIAL_EXPIRED: TenantStatus.SUSPENDED,
    BillingStatus.CLOSED: TenantStatus.CLOSED,
}
READ_ONLY_STATUSES = frozenset({BillingStatus.SUSPENDED, BillingStatus.TRIAL_EXPIRED, BillingStatus.CLOSED})

# Stripe's subscription statuses, as the workspace lives them.
_STRIPE_STATUS = {
    "active": BillingStatus.ACTIVE,
    "trialing": BillingStatus.ACTIVE,
    "past_due": BillingStatus.PAST_DUE,
    "unpaid": BillingStatus.SUSPENDED,
    "paused": BillingStatus.SUSPENDED,
    "canceled": BillingStatus.SUSPENDED,
    "incomplete_expired": BillingStatus.SUSPENDED,
}


def tenant_status_for(status: str) -> str:
    return str(_TENANT_STATUS[BillingStatus(status)])


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time `months` later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def _audit(account: BillingAccount, *, actor: str, action: str, **detail: Any) -> None:
    BillingAuditEntry.objects.create(account=account, actor=actor[:120], action=action, detail=detail)
    # Every change is audited: each process reads the plan again (its limits are kept per
    # process, tenants/billing/selectors.current_plan_limits), now and once the change commits.
    routing_changed()
    transaction.on_commit(routing_changed)


def _locked(account: BillingAccount) -> BillingAccount:
    return (
        BillingAccount.objects.select_related("plan", "tenant")
        .select_for_update(of=("self",))
        .get(pk=account.pk)
    )


def _sync_tenant(account: BillingAccount) -> None:
    tenant: Tenant = account.tenant
    wanted = tenant_status_for(account.status)
    if tenant.status != wanted:
        tenant.status = wanted
        tenant.save(update_fields=["status"])  # save(): the host caches hear of it


def _move(account: BillingAccount, status: str, *, actor: str, reason: str, now: datetime) -> None:
    """Move a locked account to `status`, with the dates that status carries, and audit it."""
    before = account.status
    if status == before:
        return
    if status not in TRANSITIONS[BillingStatus(before)]:
        raise InvalidInput(
            _("A workspace cannot go from %(before)s to %(after)s.") % {"before": before, "after": status},
            code="billing_transition_invalid",
            field="status",
        )
    account.status = status
    if status == BillingStatus.PAST_DUE:
        account.grace_ends_at = now + timedelta(days=settings.SPARROW_BILLING_GRACE_DAYS)
    elif status in {BillingStatus.ACTIVE, BillingStatus.TRIALING}:
        account.grace_ends_at = None
    if status == BillingStatus.CLOSED:
        account.closed_at = now
    elif before == BillingStatus.CLOSED:
        account.closed_at = None
    account.save()
    _sync_tenant(account)
    _audit(account, actor=actor, action="status_changed", before=before, after=status, reason=reason)


def plan_by_code(code: str) -> Plan:
    plan = Plan.objects.filter(code=code).first()
    if plan is None:
        raise InvalidInput(
            _("There is no plan %(code)s.") % {"code": code}, code="plan_not_found", field="plan"
        )
    return plan


def start_trial(tenant: Tenant, *, now: datetime | None = None) -> BillingAccount:
    """Put a new workspace on the trial plan; a workspace that has an account keeps it."""
    now = now or timezone.now()
    with public_schema(), transaction.atomic():
        existing = BillingAccount.objects.filter(tenant=tenant).first()
        if existing is not None:
            return existing
        trial_ends_at = now + timedelta(days=settings.SPARROW_TRIAL_DAYS)
        account = BillingAccount.objects.create(
            tenant=tenant,
            plan=plan_by_code(TRIAL_PLAN),
            status=BillingStatus.TRIALING,
            trial_ends_at=trial_ends_at,
            created_at=now,
        )
        account.tenant = tenant
        _sync_tenant(account)
        _audit(account, actor="system", action="trial_started", trial_ends_at=trial_ends_at.isoformat())
    return account


def account_for(tenant: Tenant) -> BillingAccount:
    """The tenant's billing account, made (on a trial) for a workspace older than billing."""
    with public_schema():
        account = BillingAccount.objects.select_related("plan").filter(tenant=tenant).first()
    return account or start_trial(tenant)


def set_status(
    account: BillingAccount, status: str, *, actor: str, reason: str, now: datetime | None = None
) -> BillingAccount:
    """Move the account to `status` by the transition table (billing_transition_invalid otherwise)."""
    if status not in BillingStatus.values:
        raise InvalidInput(_("Unknown billing status."), code="billing_status_invalid", field="status")
    now = now or timezone.now()
    with public_schema(), transaction.atomic():
        account = _locked(account)
        _move(account, status, actor=actor, reason=reason, now=now)
    return account


def extend_trial(
    account: BillingAccount, *, days: int, actor: str, now: datetime | None = None
) -> BillingAccount:
    """Give the trial `days` more (from its end or now, whichever is later) and reopen it."""
    if not 1 <= days <= 365:
        raise InvalidInput(_("Give 1 to 365 days."), code="days_invalid", field="days")
    now = now or timezone.now()
    with public_schema(), transaction.atomic():
        account = _locked(account)
        if account.status not in {
            BillingStatus.TRIALING,
            BillingStatus.TRIAL_EXPIRED,
            BillingStatus.SUSPENDED,
        }:
            raise InvalidInput(
                _("Only a workspace on its trial can have its trial extended."),
                code="billing_transition_invalid",
                field="status",
            )
        start = max(account.trial_ends_at or now, now)
        account.trial_ends_at = start + timedelta(days=days)
        account.trial_reminders_sent = []
        account.save()
        _move(account, BillingStatus.TRIALING, actor=actor, reason="trial extended", now=now)
        _audit(
            account,
            actor=actor,
            action="trial_extended",
            days=days,
            trial_ends_at=account.trial_ends_at.isoformat(),
        )
    return account


def apply_subscription(
    account: BillingAccount,
    *,
    plan: Plan,
    status: str,
    current_period_end: datetime | None,
    subscription_id: str,
    price_id: str,
    interval: str,
    method: str,
    actor: str,
    now: datetime | None = None,
) -> BillingAccount:
    """What a Stripe subscription's state (as re-read from Stripe) means for the workspace.

    `status` is Stripe's (active, trialing, past_due, unpaid, paused, canceled, incomplete…) or
    one of ours. An incomplete subscription (first payment not made) changes nothing; a canceled
    one leaves access until the paid term ends.
    """
    now = now or timezone.now()
    if interval not in BillingInterval.values or method not in PaymentMethod.values:
        raise InvalidInput(
            _("Unknown interval or payment method."), code="billing_input_invalid", field="interval"
        )
    target: str | None
    if status in BillingStatus.values and status not in _STRIPE_STATUS:
        target = status
    else:
        target = _STRIPE_STATUS.get(status)
    with public_schema(), transaction.atomic():
        account = _locked(account)
        if target is None:  # incomplete: nothing is paid yet
            _audit(
                account,
                actor=actor,
                action="subscription_ignored",
                stripe_status=status,
                subscription=subscription_id,
            )
            return account
        if status == "canceled" and current_period_end is not None and current_period_end > now:
            target = account.status if account.status in {"active", "past_due"} else BillingStatus.ACTIVE
        account.plan = plan
        account.stripe_subscription_id = subscription_id
        account.stripe_price_id = price_id
        account.billing_interval = interval
        account.payment_method = method
        if current_period_end is not None and target == BillingStatus.ACTIVE:
            account.paid_until = current_period_end
        account.save()
        _audit(
            account,
            actor=actor,
            action="subscription_applied",
            plan=plan.code,
            stripe_status=status,
            subscription=subscription_id,
            price=price_id,
            interval=interval,
            method=method,
            current_period_end=current_period_end.isoformat() if current_period_end else None,
        )
        if target != account.status:
            _move(account, target, actor=actor, reason=f"subscription {status}", now=now)
    return account


def extend_paid_until(
    account: BillingAccount,
    *,
    months: int,
    plan: Plan | None,
    method: str,
    ref: str,
    actor: str,
    now: datetime | None = None,
) -> BillingAccount:
    """A prepaid term (WeChat Pay, bank transfer): `months` from paid_until or now, whichever is
    later; restores access at once."""
    if not 1 <= months <= MAX_PREPAID_MONTHS:
        raise InvalidInput(
            _("Give 1 to %(max)s months.") % {"max": MAX_PREPAID_MONTHS},
            code="months_invalid",
            field="months",
        )
    if method not in PaymentMethod.values or not method:
        raise InvalidInput(_("Unknown payment method."), code="billing_input_invalid", field="method")
    now = now or timezone.now()
    with public_schema(), transaction.atomic():
        account = _locked(account)
        start = max(account.paid_until or now, now)
        account.paid_until = add_months(start, months)
        if plan is not None:
            account.plan = plan
        elif account.plan.code == TRIAL_PLAN:
            account.plan = plan_by_code("basic")
        account.payment_method = method
        account.save()
        _audit(
            account,
            actor=actor,
            action="paid_until_extended",
            months=months,
            plan=account.plan.code,
            method=method,
            ref=ref,
            paid_until=account.paid_until.isoformat(),
        )
        _move(account, BillingStatus.ACTIVE, actor=actor, reason=f"paid {months} months ({method})", now=now)
    return account


def record_invoice(
    account: BillingAccount,
    *,
    source: str,
    external_id: str,
    number: str,
    amount_fen: int,
    currency: str,
    status: str,
    hosted_url: str,
    period_start: datetime | None,
    period_end: datetime | None,
    paid_at: datetime | None,
) -> BillingInvoice:
    """Insert or update the invoice known by (source, external_id)."""
    if source not in InvoiceSource.values or status not in InvoiceStatus.values:
        raise InvalidInput(
            _("Unknown invoice source or status."), code="billing_input_invalid", field="source"
        )
    if not external_id:
        raise InvalidInput(
            _("An invoice needs its reference."), code="billing_input_invalid", field="external_id"
        )
    values = {
        "account": account,
        "number": number[:60],
        "amount_fen": amount_fen,
        "currency": (currency or "CNY").upper()[:3],
        "status": status,
        "hosted_url": hosted_url[:500],
        "period_start": period_start,
        "period_end": period_end,
        "paid_at": paid_at,
    }
    with public_schema(), transaction.atomic():
        locked = _locked(account)
        invoice, created = BillingInvoice.objects.select_for_update().get_or_create(
            source=source, external_id=external_id[:120], defaults=values
        )
        if not created:
            for name, value in values.items():
                setattr(invoice, name, value)
            invoice.save()
        _audit(
            locked,
            actor=f"{source}:{external_id}"[:120],
            action="invoice_recorded",
            invoice=invoice.pk,
            status=status,
            amount_fen=amount_fen,
            created=created,
        )
    return invoice
