"""The GraphQL enums of finance: invoices, receipts, customer returns and statement entries.

Built from the models' TextChoices and the statement's own kinds (saas/api/choices.py).
"""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.finance import models as finance_models
from saas.finance.selectors.statements import KIND_ORDER
from saas.sales import models


class InvoiceKind(
    ChoiceEnum,
    choices=finance_models.InvoiceKind,
    describe={
        "normal": "VAT ordinary invoice (增值税普通发票).",
        "special": "VAT special invoice (增值税专用发票): needs the customer's taxpayer id.",
    },
):
    """Which kind of 发票 an invoice is."""


class InvoiceStatus(
    ChoiceEnum,
    choices=finance_models.InvoiceStatus,
    describe={
        "draft": "Recorded, not yet issued (草稿).",
        "issued": "Issued with its tax invoice number (已开票).",
        "void": "Voided (已作废); it covers no order any more.",
    },
):
    """Where an invoice is in its flow."""


class ReceiptKind(
    ChoiceEnum,
    choices=finance_models.ReceiptKind,
    describe={"payment": "Money from the customer (收款).", "refund": "Money back to the customer (退款)."},
):
    """Which way a receipt's money moved."""


class PaymentMethod(
    ChoiceEnum,
    choices=finance_models.PaymentMethod,
    describe={
        "bank": "Bank transfer (银行转账).",
        "cash": "Cash (现金).",
        "wechat": "WeChat Pay (微信).",
        "alipay": "Alipay (支付宝).",
        "other": "Any other way.",
    },
):
    """How money was paid or refunded."""


class SalesReturnStatus(
    ChoiceEnum,
    choices=models.ReturnStatus,
    describe={
        "pending_approval": "Requested, waiting for a manager (待审批).",
        "approved": "Approved; the goods may come back (已批准).",
        "received": "The goods are back in stock (已收货).",
        "settled": "Refunded or credited (已结算).",
        "rejected": "Refused (已拒绝).",
        "cancelled": "Withdrawn (已取消).",
    },
):
    """Where a customer return is in its flow."""


class ReturnReason(
    ChoiceEnum,
    choices=models.ReturnReason,
    describe={
        "quality": "A quality problem (质量问题).",
        "wrong_item": "The wrong goods were sent (发错货).",
        "damaged": "Damaged in transport (运输损坏).",
        "not_needed": "The customer no longer needs them (客户不要了).",
        "other": "Another reason, written in reasonNote.",
    },
):
    """Why goods come back."""


class ReturnSettlement(
    ChoiceEnum,
    choices=models.Settlement,
    describe={
        "refund": "Money back to the customer (a refund receipt).",
        "credit": "Lowers what the customer owes on the order.",
    },
):
    """How a customer return settles."""


class StatementEntryKind(
    ChoiceEnum,
    choices=KIND_ORDER,
    describe={
        "order": "A sales order: raises what the customer owes.",
        "return": "A customer return: lowers it.",
        "payment": "A payment received: lowers it.",
        "refund": "A refund paid out: raises it.",
        "invoice": "An invoice issued: moves no money.",
    },
):
    """Which document a statement entry comes from."""
