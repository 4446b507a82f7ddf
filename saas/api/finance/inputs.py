"""GraphQL inputs of finance. Lists are checked by the services (at most 100 orders or lines);
strings by their max lengths; codes (kind, method, reason, settlement) by the services too, so a
wrong one comes back as a field error rather than a query error."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.input(description="An amount against one order.")
class OrderAmountInput:
    order_id: strawberry.ID
    amount: Decimal


@strawberry.input
class InvoiceCreateInput:
    customer_id: strawberry.ID
    orders: list[OrderAmountInput] = strawberry.field(
        description="Each at most the order's total less what is invoiced and returned."
    )
    kind: str = strawberry.field(default="normal", description="normal (普通发票) or special (专用发票).")
    title: str | None = strawberry.field(default=None, description="Empty: the customer's invoice title.")
    taxpayer_id: str | None = strawberry.field(
        default=None, description="Empty: the customer's. Required for a special invoice."
    )
    tax_amount: Decimal | None = strawberry.field(
        default=None, description="Empty: each order's share of the VAT in its lines."
    )
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class InvoiceIssueInput:
    id: strawberry.ID
    tax_invoice_number: str = strawberry.field(description="The number printed on the 发票.")
    issue_date: date | None = strawberry.field(default=None, description="Empty: today in the workspace.")
    note: str = ""


@strawberry.input
class ReceiptRecordInput:
    customer_id: strawberry.ID
    amount: Decimal
    method: str = strawberry.field(default="bank", description="bank, cash, wechat, alipay or other.")
    received_on: date | None = strawberry.field(default=None, description="Empty: today in the workspace.")
    reference: str = strawberry.field(default="", description="Bank serial or transaction id.")
    note: str = ""
    allocations: list[OrderAmountInput] = strawberry.field(
        default_factory=list,
        description="Each at most the order's balance due; what is left stays as prepayment.",
    )
    confirm_duplicate: bool = strawberry.field(
        default=False,
        description="Record it although a live payment has the same reference, customer and amount "
        "(refused with receipt_duplicate otherwise): a second payment, not the same one twice.",
    )
    idempotency_key: str | None = None


@strawberry.input
class RefundRecordInput:
    customer_id: strawberry.ID
    amount: Decimal
    order_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Refund what an order received beyond its worth after returns; empty: out of "
        "the customer's prepayments.",
    )
    method: str = "bank"
    refunded_on: date | None = strawberry.field(default=None, description="Empty: today in the workspace.")
    reference: str = ""
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class SalesReturnLineInput:
    order_line_id: strawberry.ID
    quantity: Decimal = strawberry.field(description="Base units, at most shipped less returned.")


@strawberry.input
class SalesReturnCreateInput:
    order_id: strawberry.ID
    lines: list[SalesReturnLineInput]
    reason: str = strawberry.field(description="quality, wrong_item, damaged, not_needed or other.")
    reason_note: str = strawberry.field(default="", description="Required for reason other.")
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where the goods come back to; empty: the order's warehouse."
    )
    settlement: str = strawberry.field(default="credit", description="refund or credit.")
    idempotency_key: str | None = None


@strawberry.input
class SalesReturnSettleInput:
    id: strawberry.ID
    settlement: str | None = strawberry.field(
        default=None, description="Change how it settles: refund or credit. Empty: as requested."
    )
    method: str = "bank"
    refunded_on: date | None = None
    reference: str = ""
    note: str = ""
