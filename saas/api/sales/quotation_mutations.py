"""Mutations of quotations. Each calls one service and returns a payload with typed `errors`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import strawberry
from strawberry.types import Info

from saas.api.errors import run_service
from saas.api.permissions import current_actor
from saas.api.sales.inputs import QuotationCreateInput, QuotationUpdateInput, line_inputs
from saas.api.sales.payloads import QuotationConvertPayload, QuotationPayload
from saas.api.sales.quotation_types import QuotationType
from saas.api.sales.types import SalesOrderType
from saas.sales import services
from saas.sales.models import Quotation, SalesOrder
from saas.sales.services.quotations import KEEP


def _payload(call: Callable[[], Quotation]) -> QuotationPayload:
    quotation, errors = run_service(call)
    return QuotationPayload(quotation=cast(QuotationType | None, quotation), errors=errors)


@strawberry.type
class QuotationMutations:
    @strawberry.mutation(
        description="A draft quotation; retrying with the same idempotencyKey returns the first."
    )
    def quotation_create(self, info: Info, input: QuotationCreateInput) -> QuotationPayload:
        return _payload(
            lambda: services.quotation_create(
                actor=current_actor(info),
                customer_id=input.customer_id,
                lines=line_inputs(input.lines),
                valid_until=input.valid_until,
                remarks=input.remarks,
                rep_id=input.rep_id,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="Change a draft quotation.")
    def quotation_update(
        self, info: Info, id: strawberry.ID, input: QuotationUpdateInput
    ) -> QuotationPayload:
        valid_until: Any = KEEP if input.valid_until is strawberry.UNSET else input.valid_until
        return _payload(
            lambda: services.quotation_update(
                actor=current_actor(info),
                quotation=id,
                lines=None if input.lines is None else line_inputs(input.lines),
                customer_id=input.customer_id,
                valid_until=valid_until,
                remarks=input.remarks,
            )
        )

    @strawberry.mutation(description="draft → sent")
    def quotation_send(self, info: Info, id: strawberry.ID, note: str = "") -> QuotationPayload:
        return _payload(lambda: services.quotation_send(actor=current_actor(info), quotation=id, note=note))

    @strawberry.mutation(description="sent → accepted, while still valid")
    def quotation_accept(self, info: Info, id: strawberry.ID, note: str = "") -> QuotationPayload:
        return _payload(lambda: services.quotation_accept(actor=current_actor(info), quotation=id, note=note))

    @strawberry.mutation(description="sent → rejected")
    def quotation_reject(self, info: Info, id: strawberry.ID, note: str = "") -> QuotationPayload:
        return _payload(lambda: services.quotation_reject(actor=current_actor(info), quotation=id, note=note))

    @strawberry.mutation(description="draft, sent or accepted → cancelled")
    def quotation_cancel(self, info: Info, id: strawberry.ID, note: str = "") -> QuotationPayload:
        return _payload(lambda: services.quotation_cancel(actor=current_actor(info), quotation=id, note=note))

    @strawberry.mutation(description="A sent or accepted quotation → a new draft order with the same lines.")
    def quotation_convert(
        self,
        info: Info,
        id: strawberry.ID,
        warehouse_id: strawberry.ID,
        note: str = "",
        idempotency_key: str | None = None,
    ) -> QuotationConvertPayload:
        order, errors = run_service(
            lambda: services.quotation_convert(
                actor=current_actor(info),
                quotation=id,
                warehouse_id=warehouse_id,
                note=note,
                idempotency_key=idempotency_key,
            )
        )
        quotation = None if order is None else cast(SalesOrder, order).quotation
        return QuotationConvertPayload(
            sales_order=cast(SalesOrderType | None, order),
            quotation=cast(QuotationType | None, quotation),
            errors=errors,
        )
