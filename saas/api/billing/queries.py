"""Query: billing, the workspace's subscription (its owner only)."""

from __future__ import annotations

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.accounts import scopes
from saas.api.billing.enums import (
    BillingAccountInterval,
    BillingAccountPaymentMethod,
    BillingInvoiceSource,
    BillingInvoiceStatus,
    BillingStatus,
)
from saas.api.billing.types import Billing, BillingInvoiceType, BillingLimits, BillingPlan, BillingUsage
from saas.api.permissions import current_user
from saas.core.errors import Forbidden
from tenants.billing.models import BillingInvoice, Plan
from tenants.billing.selectors import billing_overview, plan_limits_of, plan_name


def _limits(values: dict[str, int | None]) -> BillingLimits:
    return BillingLimits(
        users=values["users"],
        orders=values["orders_per_month"],
        warehouses=values["warehouses"],
        api_keys=values["api_keys"],
        distributors=values["distributors"],
        field_reps=values["field_reps"],
    )


def _plan(plan: Plan) -> BillingPlan:
    return BillingPlan(
        code=plan.code,
        name=plan_name(plan),
        monthly_price_fen=plan.monthly_price_fen,
        yearly_price_fen=plan.yearly_price_fen,
        modules=[str(module) for module in plan.modules or []],
        limits=_limits(plan_limits_of(plan)),
    )


def _invoice(invoice: BillingInvoice) -> BillingInvoiceType:
    return BillingInvoiceType(
        number=invoice.number or invoice.external_id,
        amount_fen=invoice.amount_fen,
        currency=invoice.currency,
        status=BillingInvoiceStatus(invoice.status),
        source=BillingInvoiceSource(invoice.source),
        hosted_url=invoice.hosted_url or None,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        created_at=invoice.created_at,
        paid_at=invoice.paid_at,
    )


@strawberry.type
class BillingQueries:
    @strawberry.field(description="The workspace's subscription: plan, status, usage, invoices. Owner only.")
    def billing(self, info: Info) -> Billing:
        user = current_user(info)
        if scopes.OWNER not in user.role_codes:
            raise Forbidden(_("Only the workspace's owner sees and manages billing."), code="forbidden")
        overview = billing_overview(info.context.request.tenant)
        account = overview.account
        usage = overview.usage
        return Billing(
            plan=_plan(overview.plan),
            status=BillingStatus(account.status),
            trial_ends_at=account.trial_ends_at,
            paid_until=account.paid_until,
            grace_ends_at=account.grace_ends_at,
            delete_after=overview.delete_after,
            read_only=overview.read_only,
            stripe_configured=overview.stripe_configured,
            bank_transfer_text=overview.bank_transfer_text,
            payment_method=BillingAccountPaymentMethod(account.payment_method)
            if account.payment_method
            else None,
            billing_interval=BillingAccountInterval(account.billing_interval)
            if account.billing_interval
            else None,
            usage=BillingUsage(
                users=usage["users"],
                orders=usage["orders_per_month"],
                warehouses=usage["warehouses"],
                api_keys=usage["api_keys"],
                distributors=usage["distributors"],
                field_reps=usage["field_reps"],
            ),
            limits=_limits(overview.limits),
            invoices=[_invoice(invoice) for invoice in overview.invoices],
            plans=[_plan(plan) for plan in overview.plans],
        )
