"""Mutations of sales orders. Each calls one service and returns a payload with typed `errors`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.errors import run_service
from saas.api.permissions import current_actor
from saas.api.sales.batch_mutations import SalesBatchMutations
from saas.api.sales.inputs import (
    OrderExpenseInput,
    SalesOrderCreateInput,
    SalesOrderPlaceInput,
    SalesOrderShipInput,
    SalesOrderUpdateInput,
    SalesSettingsInput,
    line_inputs,
    ship_to_input,
)
from saas.api.sales.payloads import OrderExpensePayload, SalesOrderPayload, SalesSettingsPayload
from saas.api.sales.quotation_mutations import QuotationMutations
from saas.api.sales.types import OrderExpenseType, SalesOrderType, SalesSettingsType
from saas.sales import services
from saas.sales.models import OrderExpense, SalesOrder


def _order_payload(call: Callable[[], SalesOrder]) -> SalesOrderPayload:
    order, errors = run_service(call)
    return SalesOrderPayload(sales_order=cast(SalesOrderType | None, order), errors=errors)


def _order_header(input: SalesOrderCreateInput | SalesOrderPlaceInput) -> dict[str, Any]:
    """What salesOrderCreate and salesOrderPlace both pass on: the order's customer, lines and details."""
    return {
        "customer_id": input.customer_id,
        "warehouse_id": input.warehouse_id,
        "lines": line_inputs(input.lines),
        "rep_id": input.rep_id,
        "requested_date": input.requested_date,
        "delivery_method": model_value(input.delivery_method),
        "contact_name": input.contact_name,
        "contact_phone": input.contact_phone,
        "ship_to": ship_to_input(input.ship_to),
        "remarks": input.remarks,
    }


@strawberry.type
class SalesMutations(QuotationMutations, SalesBatchMutations):
    @strawberry.mutation(
        description="A draft order; retrying with the same idempotencyKey returns the first."
    )
    def sales_order_create(self, info: Info, input: SalesOrderCreateInput) -> SalesOrderPayload:
        return _order_payload(
            lambda: services.order_create(
                actor=current_actor(info),
                **_order_header(input),
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Create, submit and, when the caller may, approve an order in one request and one "
        "transaction (stock is reserved on approval). Without approval rights, or held for credit, it "
        "waits in PENDING_REVIEW as after salesOrderSubmit. Retrying with the same idempotencyKey "
        "returns the first order."
    )
    def sales_order_place(self, info: Info, input: SalesOrderPlaceInput) -> SalesOrderPayload:
        return _order_payload(
            lambda: services.order_place(
                actor=current_actor(info),
                **_order_header(input),
                note=input.note,
                approve=input.approve,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Change an order: freely before approval; afterwards only unshipped lines, "
        "recorded as a revision, with stock reserved again."
    )
    def sales_order_update(
        self, info: Info, id: strawberry.ID, input: SalesOrderUpdateInput
    ) -> SalesOrderPayload:
        requested: Any = services.KEEP if input.requested_date is strawberry.UNSET else input.requested_date
        return _order_payload(
            lambda: services.order_update(
                actor=current_actor(info),
                order=id,
                lines=None if input.lines is None else line_inputs(input.lines),
                customer_id=input.customer_id,
                warehouse_id=input.warehouse_id,
                rep_id=input.rep_id,
                requested_date=requested,
                delivery_method=model_value(input.delivery_method),
                contact_name=input.contact_name,
                contact_phone=input.contact_phone,
                ship_to=ship_to_input(input.ship_to),
                remarks=input.remarks,
                note=input.note,
            )
        )

    @strawberry.mutation(description="draft → pending_review (approved at once when review is off).")
    def sales_order_submit(self, info: Info, id: strawberry.ID, note: str = "") -> SalesOrderPayload:
        return _order_payload(lambda: services.order_submit(actor=current_actor(info), order=id, note=note))

    @strawberry.mutation(
        description="pending_review → approved; stock is reserved → pending_shipment or pending_purchase."
    )
    def sales_order_approve(self, info: Info, id: strawberry.ID, note: str = "") -> SalesOrderPayload:
        return _order_payload(lambda: services.order_approve(actor=current_actor(info), order=id, note=note))

    @strawberry.mutation(description="pending_review → draft, with the reason.")
    def sales_order_reject(self, info: Info, id: strawberry.ID, note: str) -> SalesOrderPayload:
        return _order_payload(lambda: services.order_reject(actor=current_actor(info), order=id, note=note))

    @strawberry.mutation(description="Any state before shipping → cancelled; reserved stock is released.")
    def sales_order_cancel(self, info: Info, id: strawberry.ID, reason: str) -> SalesOrderPayload:
        return _order_payload(
            lambda: services.order_cancel(actor=current_actor(info), order=id, reason=reason)
        )

    @strawberry.mutation(description="Ship base units of lines out of stock (出库).")
    def sales_order_ship(self, info: Info, input: SalesOrderShipInput) -> SalesOrderPayload:
        return _order_payload(
            lambda: services.order_ship(
                actor=current_actor(info),
                order=input.order_id,
                lines=[(line.line_id, line.quantity) for line in input.lines],
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="pending_signback → completed: the signed delivery note is back.")
    def sales_order_sign_back(self, info: Info, id: strawberry.ID, note: str = "") -> SalesOrderPayload:
        return _order_payload(
            lambda: services.order_sign_back(actor=current_actor(info), order=id, note=note)
        )

    @strawberry.mutation(
        description="Reserve what has become available for an order waiting for goods. (Stock that "
        "arrives is offered to waiting orders automatically as well.)"
    )
    def sales_order_retry_reservation(self, info: Info, id: strawberry.ID) -> SalesOrderPayload:
        return _order_payload(lambda: services.order_reserve_retry(actor=current_actor(info), order=id))

    @strawberry.mutation(description="Record an expense of ours against an order (运费, 安装费).")
    def order_expense_add(self, info: Info, input: OrderExpenseInput) -> OrderExpensePayload:
        expense, errors = run_service(
            lambda: services.expense_add(
                actor=current_actor(info),
                order=input.order_id,
                name=input.name,
                amount=input.amount,
                remark=input.remark,
                idempotency_key=input.idempotency_key,
            )
        )
        # The order the service just checked and changed, through the expense's own relation.
        order = None if expense is None else cast(OrderExpense, expense).order
        return OrderExpensePayload(
            expense=cast(OrderExpenseType | None, expense),
            sales_order=cast(SalesOrderType | None, order),
            errors=errors,
        )

    @strawberry.mutation
    def order_expense_remove(self, info: Info, id: strawberry.ID) -> SalesOrderPayload:
        return _order_payload(lambda: services.expense_remove(actor=current_actor(info), expense_id=id))

    @strawberry.mutation(description="Workspace owners and admins (tenant.manage).")
    def sales_settings_update(self, info: Info, input: SalesSettingsInput) -> SalesSettingsPayload:
        row, errors = run_service(
            lambda: services.sales_settings_update(
                actor=current_actor(info),
                review_required=input.review_required,
                credit_policy=model_value(input.credit_policy),
                signback_required=input.signback_required,
                default_tax_rate=input.default_tax_rate,
                backorders_allowed=input.backorders_allowed,
            )
        )
        return SalesSettingsPayload(settings=cast(SalesSettingsType | None, row), errors=errors)
