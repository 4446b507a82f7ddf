"""`sparrow tenant …`: what operators do to workspaces' billing, printed as plain tables.

Each change goes through tenants/billing/services.py, so it is validated and written to the
audit log with the operator's name (`operator:<name>`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from saas.core.errors import InvalidInput
from saas.core.tenancy import public_schema
from tenants.billing import services
from tenants.billing.models import BillingAccount, BillingAuditEntry, BillingInvoice, BillingStatus
from tenants.models import Domain, Tenant


def _when(moment: datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)


def account_of(slug: str) -> BillingAccount:
    with public_schema():
        tenant = Tenant.objects.filter(slug=slug).exclude(schema_name="public").first()
        if tenant is None:
            raise InvalidInput(f"No workspace {slug!r}.", code="not_found", field="slug")
        return services.account_for(tenant)


def tenant_list(status: str | None = None) -> str:
    with public_schema():
        accounts = BillingAccount.objects.select_related("tenant", "plan").order_by("tenant__slug")
        if status:
            accounts = accounts.filter(status=status)
        rows = [
            [
                a.tenant.slug,
                a.status,
                a.plan.code,
                _when(a.trial_ends_at),
                _when(a.paid_until),
                _when(a.grace_ends_at),
                a.payment_method or "-",
            ]
            for a in accounts
        ]
    if not rows:
        return "No workspaces" + (f" with status {status}." if status else ".")
    headers = ["SLUG", "STATUS", "PLAN", "TRIAL ENDS", "PAID UNTIL", "GRACE ENDS", "PAYS BY"]
    return table(headers, rows) + f"\n\n{len(rows)} workspace(s)."


def tenant_show(slug: str) -> str:
    account = account_of(slug)
    with public_schema():
        tenant = account.tenant
        lines = [
            f"Workspace      {tenant.slug} ({tenant.name})",
            f"Status         {account.status}",
            f"Plan           {account.plan.code} ({account.plan.name_zh} / {account.plan.name_en})",
            f"Trial ends     {_when(account.trial_ends_at)}",
            f"Paid until     {_when(account.paid_until)}",
            f"Grace ends     {_when(account.grace_ends_at)}",
            f"Closed at      {_when(account.closed_at)}",
            f"Pays by        {account.payment_method or '-'} {account.billing_interval or ''}".rstrip(),
            f"Stripe         customer {account.stripe_customer_id or '-'}, "
            f"subscription {account.stripe_subscription_id or '-'}",
            "",
            "Invoices",
        ]
        invoices = BillingInvoice.objects.filter(account=account)[:10]
        lines.append(
            table(
                ["SOURCE", "NUMBER", "AMOUNT", "STATUS", "PAID"],
                [
                    [
                        i.source,
                        i.number or i.external_id,
                        f"{i.amount_fen / 100:.2f} {i.currency}",
                        i.status,
                        _when(i.paid_at),
                    ]
                    for i in invoices
                ],
            )
        )
        lines += ["", "Audit (latest 10)"]
        entries = list(BillingAuditEntry.objects.filter(account=account).order_by("-id")[:10])
        lines.append(
            table(
                ["AT", "ACTOR", "ACTION", "DETAIL"],
                [[_when(e.at), e.actor, e.action, _detail(e.detail)] for e in entries],
            )
        )
    return "\n".join(lines)


def _detail(detail: dict[str, object]) -> str:
    return ", ".join(f"{k}={v}" for k, v in detail.items() if v not in (None, ""))[:80]


def tenant_list_one(account: BillingAccount) -> str:
    return (
        f"{account.tenant.slug}: {account.status}, plan {account.plan.code}, "
        f"trial ends {_when(account.trial_ends_at)}, paid until {_when(account.paid_until)}"
    )


def tenant_suspend(slug: str, *, by: str, reason: str) -> str:
    account = services.set_status(account_of(slug), "suspended", actor=f"operator:{by}", reason=reason)
    return tenant_list_one(account)


def tenant_restore(slug: str, *, by: str, reason: str) -> str:
    """Back to writing: active when paid (or by the operator's word), trialing while the trial lasts."""
    account = account_of(slug)
    now = timezone.now()
    paid = account.paid_until is not None and account.paid_until > now
    trial_left = (
        account.trial_ends_at is not None and account.trial_ends_at > now and account.plan.code == "trial"
    )
    target = BillingStatus.TRIALING if trial_left and not paid else BillingStatus.ACTIVE
    account = services.set_status(account, target, actor=f"operator:{by}", reason=reason)
    return tenant_list_one(account)


def tenant_extend_trial(slug: str, *, days: int, by: str) -> str:
    account = services.extend_trial(account_of(slug), days=days, actor=f"operator:{by}")
    return tenant_list_one(account)


def tenant_pay(
    slug: str, *, months: int, ref: str, by: str, plan_code: str | None, amount_fen: int | None
) -> str:
    """A bank transfer: the term extended and the payment recorded as an invoice, together."""
    if not ref.strip():
        raise InvalidInput("Give the transfer's reference (--ref).", code="ref_required", field="ref")
    account = account_of(slug)
    plan = services.plan_by_code(plan_code) if plan_code else None
    with public_schema(), transaction.atomic():
        before = account.paid_until
        account = services.extend_paid_until(
            account, months=months, plan=plan, method="transfer", ref=ref.strip(), actor=f"operator:{by}"
        )
        price = account.plan.yearly_price_fen * (months // 12) + account.plan.monthly_price_fen * (
            months % 12
        )
        now = timezone.now()
        services.record_invoice(
            account,
            source="transfer",
            external_id=ref.strip(),
            number=ref.strip(),
            amount_fen=amount_fen if amount_fen is not None else price,
            currency="CNY",
            status="paid",
            hosted_url="",
            period_start=max(before or now, now),
            period_end=account.paid_until,
            paid_at=now,
        )
    return tenant_list_one(account)


def tenant_close(slug: str, *, by: str, reason: str) -> str:
    account = services.set_status(account_of(slug), "closed", actor=f"operator:{by}", reason=reason)
    days = settings.SPARROW_CLOSED_RETENTION_DAYS
    return (
        tenant_list_one(account)
        + f"\nRead-only for export; `sparrow tenant delete {slug}` after {days} days."
    )


def tenant_delete(slug: str, *, by: str, force: bool = False) -> str:
    """Drop a closed workspace's schema and hosts once its export window is over. The tenant,
    billing account, invoices and audit stay (the address stays taken)."""
    account = account_of(slug)
    if account.status != BillingStatus.CLOSED or account.closed_at is None:
        raise InvalidInput(
            "Only a closed workspace can be deleted; close it first.", code="not_closed", field="slug"
        )
    window_ends = account.closed_at + timedelta(days=settings.SPARROW_CLOSED_RETENTION_DAYS)
    if timezone.now() < window_ends and not force:
        raise InvalidInput(
            f"Its export window lasts until {_when(window_ends)} (--force to delete sooner).",
            code="export_window_open",
            field="slug",
        )
    schema = account.tenant.schema_name
    with public_schema(), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')  # noqa: S608 - a schema name of ours
        for domain in Domain.objects.filter(tenant=account.tenant):
            domain.delete()  # one by one: the host caches hear of each
        BillingAuditEntry.objects.create(
            account=account, actor=f"operator:{by}", action="workspace_deleted", detail={"schema": schema}
        )
    return f"{slug}: schema {schema} dropped, its hosts removed; billing records and audit kept."
