"""Batch mutations of sales orders (the desktop table's batch actions): approve, reject, assign
a rep. Each row succeeds or fails on its own (saas/sales/services/batch.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types import Info

from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.sales.services import batch


@strawberry.type(description="One order's result in a batch action.")
class SalesOrderBatchRow:
    row: int = strawberry.field(description="The order's position in the request's ids, from 0.")
    order_id: strawberry.ID | None = strawberry.field(description="The order, as asked (null: not an id).")
    order_number: str = strawberry.field(description="Its number; empty when the caller cannot see it.")
    ok: bool = strawberry.field(description="Done for this order.")
    errors: list[FieldError] = strawberry.field(description="Why this order was not done (empty when ok).")


@strawberry.type(description="The result of a batch action on orders: one row per order asked for.")
class SalesOrderBatchPayload:
    rows: list[SalesOrderBatchRow] = strawberry.field(description="One result per id, in the ids' order.")
    ok_count: int = strawberry.field(description="How many orders were done.")
    failed_count: int = strawberry.field(description="How many were not (see their rows' errors).")
    errors: list[FieldError] = strawberry.field(
        description="Only for the request as a whole (no scope, no ids, a bad reason); then no row ran."
    )


@strawberry.input(description="Approve several orders; each is approved or refused on its own.")
class SalesOrderBatchApproveInput:
    ids: list[strawberry.ID] = strawberry.field(description="The orders, at most 200.")
    note: str = strawberry.field(default="", description="A note on each approval.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the first results."
    )


@strawberry.input(description="Send several orders back to their reps as drafts, with one reason.")
class SalesOrderBatchRejectInput:
    ids: list[strawberry.ID] = strawberry.field(description="The orders, at most 200.")
    reason: str = strawberry.field(description="Why, for the reps (required, at most 200 characters).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the first results."
    )


@strawberry.input(description="Give several orders to one sales rep.")
class SalesOrderBatchAssignRepInput:
    ids: list[strawberry.ID] = strawberry.field(description="The orders, at most 200.")
    rep_id: strawberry.ID = strawberry.field(description="The rep who takes them over.")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the first results."
    )


def _payload(call: Callable[[], list[dict[str, Any]]]) -> SalesOrderBatchPayload:
    rows, errors = run_service(call)
    if rows is None:
        return SalesOrderBatchPayload(rows=[], ok_count=0, failed_count=0, errors=errors)
    views = [
        SalesOrderBatchRow(
            row=int(row["row"]),
            order_id=None if row["orderId"] is None else strawberry.ID(str(row["orderId"])),
            order_number=str(row["orderNumber"]),
            ok=bool(row["ok"]),
            errors=[
                FieldError(field=e["field"], code=e["code"], message=e["message"]) for e in row["errors"]
            ],
        )
        for row in rows
    ]
    done = sum(1 for view in views if view.ok)
    return SalesOrderBatchPayload(rows=views, ok_count=done, failed_count=len(views) - done, errors=[])


def _ids(ids: list[strawberry.ID]) -> list[str]:
    # One past the cap, so the service refuses an oversized batch instead of silently cutting it.
    return [str(value) for value in ids[: batch.MAX_BATCH_ORDERS + 1]]


@strawberry.type
class SalesBatchMutations:
    @strawberry.mutation(
        description="Approve up to 200 orders in one action (needs orders.review). Each row is approved "
        "or refused on its own with its error; retrying with the same idempotencyKey returns the first results."
    )
    def sales_order_batch_approve(
        self, info: Info, input: SalesOrderBatchApproveInput
    ) -> SalesOrderBatchPayload:
        return _payload(
            lambda: batch.orders_batch_approve(
                actor=current_actor(info),
                order_ids=_ids(input.ids),
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Reject up to 200 orders back to draft with one reason (needs orders.review); per row, "
        "as salesOrderBatchApprove."
    )
    def sales_order_batch_reject(
        self, info: Info, input: SalesOrderBatchRejectInput
    ) -> SalesOrderBatchPayload:
        return _payload(
            lambda: batch.orders_batch_reject(
                actor=current_actor(info),
                order_ids=_ids(input.ids),
                reason=input.reason,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Give up to 200 orders to one rep (needs orders.edit; another rep's orders need "
        "orders.view_all); per row, as salesOrderBatchApprove."
    )
    def sales_order_batch_assign_rep(
        self, info: Info, input: SalesOrderBatchAssignRepInput
    ) -> SalesOrderBatchPayload:
        return _payload(
            lambda: batch.orders_batch_assign_rep(
                actor=current_actor(info),
                order_ids=_ids(input.ids),
                rep_id=input.rep_id,
                idempotency_key=input.idempotency_key,
            )
        )
