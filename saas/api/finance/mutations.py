"""Mutations of finance. Each calls one service and returns a payload with typed `errors`.

Finance records money here (invoices, receipts, refunds, settling returns); nothing here edits an
order's lines. Returns are asked for by reps, approved by reviewers and received by the warehouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.errors import FieldError, run_service
from saas.api.finance.inputs import (
    InvoiceCreateInput,
    InvoiceIssueInput,
    OrderAmountInput,
    ReceiptRecordInput,
    RefundRecordInput,
    SalesReturnCreateInput,
    SalesReturnSettleInput,
)
from saas.api.finance.types import InvoiceType, ReceiptType, SalesReturnType
from saas.api.permissions import current_actor
from saas.finance.models import Invoice, Receipt
from saas.finance.services import invoices, receipts, settlements
from saas.finance.services.receivables import OrderAmount
from saas.sales.models import SalesReturn
from saas.sales.services import returns


@strawberry.type
class InvoicePayload:
    invoice: InvoiceType | None
    errors: list[FieldError]


@strawberry.type
class ReceiptPayload:
    receipt: ReceiptType | None
    errors: list[FieldError]
    warnings: list[FieldError] = strawberry.field(
        default_factory=list,
        description="Problems that did not stop it, e.g. receipt_reference_reused: the reference "
        "is on other receipts too.",
    )


@strawberry.type
class SalesReturnPayload:
    sales_return: SalesReturnType | None
    refund: ReceiptType | None = strawberry.field(
        default=None, description="The refund receipt written when a return settles as a refund."
    )
    errors: list[FieldError]


def _amounts(items: list[OrderAmountInput]) -> list[OrderAmount]:
    return [OrderAmount(order_id=item.order_id, amount=item.amount) for item in items]


def _invoice(call: Callable[[], Invoice]) -> InvoicePayload:
    invoice, errors = run_service(call)
    return InvoicePayload(invoice=cast(InvoiceType | None, invoice), errors=errors)


def _receipt(call: Callable[[], Receipt]) -> ReceiptPayload:
    receipt, errors = run_service(call)
    return ReceiptPayload(receipt=cast(ReceiptType | None, receipt), errors=errors)


def _return(call: Callable[[], SalesReturn]) -> SalesReturnPayload:
    sales_return, errors = run_service(call)
    return SalesReturnPayload(sales_return=cast(SalesReturnType | None, sales_return), errors=errors)


def _move(
    info: Info, id: strawberry.ID, note: str, service: Callable[..., SalesReturn]
) -> SalesReturnPayload:
    return _return(lambda: service(actor=current_actor(info), return_id=id, note=note))


@strawberry.type
class FinanceMutations:
    @strawberry.mutation(description="A draft invoice over orders of one customer (finance).")
    def invoice_create(self, info: Info, input: InvoiceCreateInput) -> InvoicePayload:
        return _invoice(
            lambda: invoices.invoice_create(
                actor=current_actor(info),
                customer_id=input.customer_id,
                orders=_amounts(input.orders),
                kind=model_value(input.kind),
                title=input.title,
                taxpayer_id=input.taxpayer_id,
                tax_amount=input.tax_amount,
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="draft → issued: the tax invoice number and issue date.")
    def invoice_issue(self, info: Info, input: InvoiceIssueInput) -> InvoicePayload:
        return _invoice(
            lambda: invoices.invoice_issue(
                actor=current_actor(info),
                invoice_id=input.id,
                tax_invoice_number=input.tax_invoice_number,
                issue_date=input.issue_date,
                note=input.note,
            )
        )

    @strawberry.mutation(description="draft or issued → void; the amounts may be invoiced again.")
    def invoice_void(self, info: Info, id: strawberry.ID, note: str = "") -> InvoicePayload:
        return _invoice(lambda: invoices.invoice_void(actor=current_actor(info), invoice_id=id, note=note))

    @strawberry.mutation(
        description="Money received from a customer, allocated to orders; the rest is prepayment. "
        "Retrying with the same idempotencyKey returns the first receipt. A live payment with the same "
        "reference, customer and amount refuses it (receipt_duplicate) unless confirmDuplicate; a "
        "reference on other receipts records it with a receipt_reference_reused warning."
    )
    def receipt_record(self, info: Info, input: ReceiptRecordInput) -> ReceiptPayload:
        recorded, errors = run_service(
            lambda: receipts.receipt_record_with_warnings(
                actor=current_actor(info),
                customer_id=input.customer_id,
                amount=input.amount,
                details=receipts.MoneyDetails(
                    method=model_value(input.method),
                    on=input.received_on,
                    reference=input.reference,
                    note=input.note,
                ),
                allocations=_amounts(input.allocations),
                confirm_duplicate=input.confirm_duplicate,
                idempotency_key=input.idempotency_key,
            )
        )
        if recorded is None:
            return ReceiptPayload(receipt=None, errors=errors)
        receipt, warnings = recorded
        return ReceiptPayload(
            receipt=cast(ReceiptType, receipt),
            errors=[],
            warnings=[FieldError(field=w.field, code=w.code, message=w.message) for w in warnings],
        )

    @strawberry.mutation(description="Allocate a payment's prepayment to orders.")
    def receipt_allocate(
        self,
        info: Info,
        id: strawberry.ID,
        allocations: list[OrderAmountInput],
        idempotency_key: str | None = None,
    ) -> ReceiptPayload:
        return _receipt(
            lambda: receipts.receipt_allocate(
                actor=current_actor(info),
                receipt_id=id,
                allocations=_amounts(allocations),
                idempotency_key=idempotency_key,
            )
        )

    @strawberry.mutation(description="Undo a receipt or refund entered by mistake.")
    def receipt_void(self, info: Info, id: strawberry.ID, note: str = "") -> ReceiptPayload:
        return _receipt(lambda: receipts.receipt_void(actor=current_actor(info), receipt_id=id, note=note))

    @strawberry.mutation(
        description="Money paid back: against an overpaid order (after a return), or out of prepayments."
    )
    def refund_record(self, info: Info, input: RefundRecordInput) -> ReceiptPayload:
        return _receipt(
            lambda: receipts.refund_record(
                actor=current_actor(info),
                customer_id=input.customer_id,
                amount=input.amount,
                order_id=input.order_id,
                details=receipts.MoneyDetails(
                    method=model_value(input.method),
                    on=input.refunded_on,
                    reference=input.reference,
                    note=input.note,
                ),
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="Ask to take back shipped goods of one order; waits for approval.")
    def sales_return_create(self, info: Info, input: SalesReturnCreateInput) -> SalesReturnPayload:
        return _return(
            lambda: returns.return_create(
                actor=current_actor(info),
                order_id=input.order_id,
                lines=[
                    returns.ReturnLineInput(order_line_id=line.order_line_id, quantity=line.quantity)
                    for line in input.lines
                ],
                reason=model_value(input.reason),
                reason_note=input.reason_note,
                warehouse_id=input.warehouse_id,
                settlement=model_value(input.settlement),
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="pending_approval → approved (orders.review)")
    def sales_return_approve(self, info: Info, id: strawberry.ID, note: str = "") -> SalesReturnPayload:
        return _move(info, id, note, returns.return_approve)

    @strawberry.mutation(description="pending_approval → rejected (orders.review)")
    def sales_return_reject(self, info: Info, id: strawberry.ID, note: str = "") -> SalesReturnPayload:
        return _move(info, id, note, returns.return_reject)

    @strawberry.mutation(
        description="approved → received: the goods go back into stock at their shipped cost and come "
        "off what the customer owes; a credit return is settled at once."
    )
    def sales_return_receive(self, info: Info, id: strawberry.ID, note: str = "") -> SalesReturnPayload:
        return _move(info, id, note, returns.return_receive)

    @strawberry.mutation(
        description="received → settled: pays the refund (a refund receipt), or takes it as credit."
    )
    def sales_return_settle(self, info: Info, input: SalesReturnSettleInput) -> SalesReturnPayload:
        result, errors = run_service(
            lambda: settlements.return_settle(
                actor=current_actor(info),
                return_id=input.id,
                settlement=model_value(input.settlement),
                details=receipts.MoneyDetails(
                    method=model_value(input.method),
                    on=input.refunded_on,
                    reference=input.reference,
                    note=input.note,
                ),
            )
        )
        sales_return, refund = result if result is not None else (None, None)
        return SalesReturnPayload(
            sales_return=cast(SalesReturnType | None, sales_return),
            refund=cast(ReceiptType | None, refund),
            errors=errors,
        )

    @strawberry.mutation(description="pending_approval or approved → cancelled")
    def sales_return_cancel(self, info: Info, id: strawberry.ID, note: str = "") -> SalesReturnPayload:
        return _move(info, id, note, returns.return_cancel)
