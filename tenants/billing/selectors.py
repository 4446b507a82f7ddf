"""Reads of billing: the owner's overview (plan, status, usage against limits, invoices) and the
current workspace's limits for saas/core/plan_limits."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language

from saas.core import plan_limits
from saas.core.tenancy import current_tenant
from tenants.billing.models import BillingAccount, BillingInvoice, Plan
from tenants.billing.services import READ_ONLY_STATUSES, account_for
from tenants.models import Tenant
from tenants.routing import routing_version

INVOICES_SHOWN = 50


def plan_name(plan: Plan) -> str:
    """The plan's name in the language of the request."""
    return plan.name_zh if (get_language() or "zh-hans").lower().startswith("zh") else plan.name_en


def stripe_configured() -> bool:
    return bool(settings.STRIPE_API_KEY)


@dataclass(frozen=True)
class BillingOverview:
    account: BillingAccount
    plan: Plan
    usage: dict[str, int]
    limits: dict[str, int | None]
    invoices: list[BillingInvoice]
    plans: list[Plan]
    stripe_configured: bool
    read_only: bool
    bank_transfer_text: str
    delete_after: datetime | None


def plan_limits_of(plan: Plan) -> dict[str, int | None]:
    return {kind: plan.limit_of(kind) for kind in plan_limits.KINDS}


def billing_overview(tenant: Tenant) -> BillingOverview:
    """Everything the billing page shows; run inside the tenant's schema (usage counts its rows)."""
    account = account_for(tenant)
    plan = account.plan
    delete_after = (
        account.closed_at + timedelta(days=settings.SPARROW_CLOSED_RETENTION_DAYS)
        if account.closed_at
        else None
    )
    return BillingOverview(
        account=account,
        plan=plan,
        usage={kind: plan_limits.usage(kind) for kind in plan_limits.KINDS},
        limits=plan_limits_of(plan),
        invoices=list(BillingInvoice.objects.filter(account=account)[:INVOICES_SHOWN]),
        plans=list(Plan.objects.filter(is_active=True)),
        stripe_configured=stripe_configured(),
        read_only=account.status in READ_ONLY_STATUSES,
        bank_transfer_text=settings.SPARROW_BANK_TRANSFER_TEXT,
        delete_after=delete_after,
    )


# schema -> (loaded at, routing version then, plan or None). Creating an order must not cost a
# query more: the plan is kept per process like a host's tenant (tenants/routing.py), dropped when
# any billing account changes (services bump the routing version) or after the same time.
_plans: dict[str, tuple[float, str | None, Plan | None]] = {}


def current_plan_limits() -> plan_limits.PlanLimits | None:
    """The limits of the workspace whose schema the connection is on (registered with the kernel)."""
    schema = str(connection.schema_name)  # type: ignore[attr-defined]
    if schema == "public":
        return None
    version = routing_version()
    entry = _plans.get(schema)
    max_age = float(os.environ.get("SPARROW_TENANT_CACHE_SECONDS", "60"))
    if entry is not None and entry[1] == version and time.monotonic() - entry[0] < max_age:
        plan = entry[2]
    else:
        tenant = current_tenant()
        account = BillingAccount.objects.select_related("plan").filter(tenant_id=tenant.pk).first()
        plan = account.plan if account is not None else None
        _plans[schema] = (time.monotonic(), version, plan)
    if plan is None:
        return None
    return plan_limits.PlanLimits(plan_code=plan.code, plan_name=plan_name(plan), limits=plan_limits_of(plan))
