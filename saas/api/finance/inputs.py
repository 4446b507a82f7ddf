"""GraphQL inputs of finance. Lists are checked by the services (at most 100 orders or lines);
strings by their max lengths. Codes (kind, method, reason, settlement) are enums, so a wrong one
is refused before anything runs (query_invalid); the mutations hand the services the model's
strings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from saas.api.finance.enums import InvoiceKind, PaymentMethod, ReturnReason, ReturnSettlement
from saas.finance import models as finance_models
from saas.sales import models


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
    kind: InvoiceKind = InvoiceKind(finance_models.InvoiceKind.NORMAL)
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
    method: PaymentMethod = PaymentMethod(finance_models.PaymentMethod.BANK)
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
    method: PaymentMethod = PaymentMethod(finance_models.PaymentMethod.BANK)
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
    reason: ReturnReason
    reason_note: str = strawberry.field(default="", description="Required for reason other.")
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where the goods come back to; empty: the order's warehouse."
    )
    settlement: ReturnSettlement = ReturnSettlement(models.Settlement.CREDIT)
    idempotency_key: str | None = None


@strawberry.input
class SalesReturnSettleInput:
    id: strawberry.ID
    settlement: ReturnSettlement | None = strawberry.field(
        default=None, description="Change how it settles. Empty: as requested."
    )
    method: PaymentMethod = PaymentMethod(finance_models.PaymentMethod.BANK)
    refunded_on: date | None = None
    reference: str = ""
    note: str = ""
