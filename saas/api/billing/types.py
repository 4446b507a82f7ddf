"""GraphQL types of billing: what the owner's billing page shows."""

from __future__ import annotations

from datetime import datetime

import strawberry

from saas.api.billing.enums import (
    BillingAccountInterval,
    BillingAccountPaymentMethod,
    BillingInvoiceSource,
    BillingInvoiceStatus,
    BillingStatus,
)


@strawberry.type(description="A plan a workspace can be on.")
class BillingPlan:
    code: str = strawberry.field(description="The plan's code: trial, basic, pro.")
    name: str = strawberry.field(description="The plan's name in the reader's language.")
    monthly_price_fen: int = strawberry.field(description="The monthly price in fen (CNY).")
    yearly_price_fen: int = strawberry.field(description="The yearly price in fen (CNY).")
    modules: list[str] = strawberry.field(description="The modules the plan includes.")
    limits: BillingLimits = strawberry.field(description="What the plan allows.")


@strawberry.type(description="How much of each limited thing the workspace has.")
class BillingUsage:
    users: int = strawberry.field(description="Active people.")
    orders: int = strawberry.field(description="Sales orders created this month (workspace time).")
    warehouses: int = strawberry.field(description="Active warehouses.")
    api_keys: int = strawberry.field(description="Partner API keys not revoked.")
    distributors: int = strawberry.field(description="Distributors in the network.")
    field_reps: int = strawberry.field(description="Reps in field teams.")


@strawberry.type(description="What a plan allows; null means unlimited.")
class BillingLimits:
    users: int | None = strawberry.field(description="Active people.")
    orders: int | None = strawberry.field(description="Sales orders a month.")
    warehouses: int | None = strawberry.field(description="Active warehouses.")
    api_keys: int | None = strawberry.field(description="Partner API keys.")
    distributors: int | None = strawberry.field(description="Distributors.")
    field_reps: int | None = strawberry.field(description="Reps in field teams.")


@strawberry.type(name="BillingInvoice", description="An invoice or payment of the workspace's subscription.")
class BillingInvoiceType:
    number: str = strawberry.field(description="The invoice's number (or the transfer's reference).")
    amount_fen: int = strawberry.field(description="The amount in fen.")
    currency: str = strawberry.field(description="ISO currency code, CNY.")
    status: BillingInvoiceStatus = strawberry.field(description="Where the invoice stands.")
    source: BillingInvoiceSource = strawberry.field(description="Where it comes from.")
    hosted_url: str | None = strawberry.field(description="Stripe's page to view or pay it; null for others.")
    period_start: datetime | None = strawberry.field(description="Start of the period it pays.")
    period_end: datetime | None = strawberry.field(description="End of the period it pays.")
    created_at: datetime = strawberry.field(description="When it was issued.")
    paid_at: datetime | None = strawberry.field(description="When it was paid.")


@strawberry.type(description="The workspace's subscription, for its owner.")
class Billing:
    plan: BillingPlan = strawberry.field(description="The plan the workspace is on.")
    status: BillingStatus = strawberry.field(description="Where the subscription stands.")
    trial_ends_at: datetime | None = strawberry.field(description="When the trial ends (or ended).")
    paid_until: datetime | None = strawberry.field(description="The end of the paid term.")
    grace_ends_at: datetime | None = strawberry.field(
        description="Past due: when the workspace becomes read-only unless paid."
    )
    delete_after: datetime | None = strawberry.field(
        description="Closed: the export window's end, after which the operator may delete it."
    )
    read_only: bool = strawberry.field(description="Whether the workspace is read-only now.")
    stripe_configured: bool = strawberry.field(
        description="Whether online payment is set up; without it the owner pays by bank transfer."
    )
    bank_transfer_text: str = strawberry.field(
        description="The operator's bank transfer details (empty: the page's standard text)."
    )
    payment_method: BillingAccountPaymentMethod | None = strawberry.field(description="How it pays now.")
    billing_interval: BillingAccountInterval | None = strawberry.field(description="How often it is billed.")
    usage: BillingUsage = strawberry.field(description="How much it has of each limited thing.")
    limits: BillingLimits = strawberry.field(description="What its plan allows.")
    invoices: list[BillingInvoiceType] = strawberry.field(
        description="Its invoices and payments, newest first."
    )
    plans: list[BillingPlan] = strawberry.field(description="The plans it can choose from.")
