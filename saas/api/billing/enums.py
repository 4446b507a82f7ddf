"""GraphQL enums of billing, built from the billing models' choices."""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from tenants.billing.models import BillingStatus as Status
from tenants.billing.models import InvoiceSource, InvoiceStatus


class BillingStatus(
    ChoiceEnum,
    choices=Status,
    describe={
        "trialing": "In its free trial.",
        "active": "Paid and in use.",
        "past_due": "A payment failed or is overdue; usable until the grace period ends.",
        "suspended": "Unpaid: read-only (sign in, read, export and pay; nothing else).",
        "trial_expired": "The trial ended without payment: read-only until paid.",
        "closed": "Closed: read-only while its data can be exported, then deleted.",
    },
):
    """Where a workspace's subscription stands."""


class BillingInvoiceStatus(
    ChoiceEnum,
    choices=InvoiceStatus,
    describe={
        "draft": "Not final yet.",
        "open": "Waiting to be paid.",
        "paid": "Paid.",
        "void": "Cancelled; nothing is owed.",
        "uncollectible": "Given up on.",
    },
):
    """Where a billing invoice stands."""


class BillingInvoiceSource(
    ChoiceEnum,
    choices=InvoiceSource,
    describe={
        "stripe": "An invoice of Stripe (card or Alipay).",
        "wechat_pay": "A prepaid term bought with WeChat Pay.",
        "transfer": "A bank transfer recorded by the operator.",
    },
):
    """Where a billing invoice comes from."""


class BillingAccountPaymentMethod(
    ChoiceEnum,
    choices=["card", "alipay", "wechat_pay", "transfer"],
    describe={
        "card": "Card subscription through Stripe.",
        "alipay": "Alipay, paying each Stripe invoice by hand.",
        "wechat_pay": "Prepaid terms bought with WeChat Pay.",
        "transfer": "Bank transfer (对公转账), recorded by the operator.",
    },
):
    """How a workspace pays now."""


class BillingAccountInterval(
    ChoiceEnum,
    choices=["month", "year"],
    describe={"month": "Billed monthly.", "year": "Billed yearly."},
):
    """How often a workspace's subscription is billed."""
