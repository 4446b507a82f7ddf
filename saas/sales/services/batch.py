"""Batch work on sales orders from the desktop table: approve, reject with a reason, or give to
another rep, many orders in one request.

Each row runs the one-order service (order_approve, order_reject, order_update) in a savepoint of
its own, so a row succeeds or fails alone with that service's error, and every rule of the single
action holds per row: the order is found through the actor's visibility, its scope is checked,
its transition allowed. The whole batch runs under one idempotency key: a retry answers the
first results (stored with the key) and acts on no order twice. A row costs what one action
costs, so the statements grow linearly with the rows (tests/test_sales_batch.py counts them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import DomainError, FieldProblem, InvalidInput
from saas.core.idempotency import run_once
from saas.core.ids import parse_id
from saas.sales.selectors.visibility import visible_orders
from saas.sales.services.access import require_order_editor, require_reviewer
from saas.sales.services.inputs import clean_text
from saas.sales.services.orders import order_update
from saas.sales.services.workflow import order_approve, order_reject

MAX_BATCH_ORDERS = 200

# One row's result: {"row", "orderId", "orderNumber", "ok", "errors": [{"field", "code", "message"}]}.
BatchRow = dict[str, Any]


def _problems(problems: list[FieldProblem]) -> list[dict[str, Any]]:
    return [{"field": p.field, "code": p.code, "message": p.message} for p in problems]


def _run_rows(
    *,
    actor: Actor,
    order_ids: Sequence[Any],
    operation: str,
    idempotency_key: str | None,
    act: Callable[[int], object],
) -> list[BatchRow]:
    if not order_ids:
        raise InvalidInput(_("Choose at least one order."), code="lines_required", field="ids")
    if len(order_ids) > MAX_BATCH_ORDERS:
        raise InvalidInput(
            _("At most %(n)d orders per batch.") % {"n": MAX_BATCH_ORDERS}, code="too_many_lines", field="ids"
        )

    def write() -> dict[str, Any]:
        pks = [parse_id(value) for value in order_ids]
        # Numbers of the orders this actor sees, for the rows' results; one query for the batch.
        numbers = dict(
            visible_orders(actor)
            .filter(pk__in=[pk for pk in pks if pk is not None])
            .values_list("pk", "number")
        )
        rows: list[BatchRow] = []
        seen: set[int] = set()
        for index, pk in enumerate(pks):
            row: BatchRow = {
                "row": index,
                "orderId": pk,
                "orderNumber": numbers.get(pk, "") if pk is not None else "",
                "ok": False,
                "errors": [],
            }
            try:
                if pk is None:
                    raise InvalidInput(_("Enter a valid id."), code="id_invalid", field="id")
                if pk in seen:
                    raise InvalidInput(
                        _("This order is already in the batch."), code="order_repeated", field="id"
                    )
                seen.add(pk)
                with transaction.atomic():  # the row's savepoint: a refusal undoes only this row
                    act(pk)
                row["ok"] = True
            except DomainError as exc:
                row["errors"] = _problems(exc.problems)
            rows.append(row)
        return {"rows": rows}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation=operation, write=write
        )
    return list(result["rows"])


def orders_batch_approve(
    *, actor: Actor, order_ids: Sequence[Any], note: str = "", idempotency_key: str | None = None
) -> list[BatchRow]:
    """Approve each order as order_approve would (credit holds need the override per row)."""
    require_reviewer(actor)
    note = clean_text(note, "note", 200)
    return _run_rows(
        actor=actor,
        order_ids=order_ids,
        operation="sales_orders_batch_approve",
        idempotency_key=idempotency_key,
        act=lambda pk: order_approve(actor=actor, order=pk, note=note),
    )


def orders_batch_reject(
    *, actor: Actor, order_ids: Sequence[Any], reason: str, idempotency_key: str | None = None
) -> list[BatchRow]:
    """Send each order back to its rep as a draft, with the same reason."""
    require_reviewer(actor)
    reason = clean_text(reason, "reason", 200, required=True)
    return _run_rows(
        actor=actor,
        order_ids=order_ids,
        operation="sales_orders_batch_reject",
        idempotency_key=idempotency_key,
        act=lambda pk: order_reject(actor=actor, order=pk, note=reason),
    )


def orders_batch_assign_rep(
    *, actor: Actor, order_ids: Sequence[Any], rep_id: Any, idempotency_key: str | None = None
) -> list[BatchRow]:
    """Give each order to another rep, as order_update(rep_id=…) would (approved orders record
    the change as a revision)."""
    require_order_editor(actor)
    if parse_id(rep_id) is None:
        raise InvalidInput(_("Choose the sales rep of this order."), code="required", field="rep_id")
    return _run_rows(
        actor=actor,
        order_ids=order_ids,
        operation="sales_orders_batch_assign_rep",
        idempotency_key=idempotency_key,
        act=lambda pk: order_update(actor=actor, order=pk, rep_id=rep_id),
    )
