"""Our own costs recorded against an order (运费, 安装费…): they lower the order's profit.

The order's `expense_amount` is kept equal to the sum of its expenses, under the order's lock.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.sales.models import OrderExpense, OrderStatus, SalesOrder
from saas.sales.selectors.visibility import visible_orders
from saas.sales.services.access import require_expense_editor
from saas.sales.services.documents import locked_order
from saas.sales.services.inputs import clean_amount, clean_text, parse_id


def _resum(order: SalesOrder) -> None:
    total = OrderExpense.objects.filter(order=order).aggregate(total=Sum("amount"))["total"]
    order.expense_amount = (total or Decimal(0)).quantize(Decimal("0.01"))
    order.save(update_fields=["expense_amount", "updated_at"])


@transaction.atomic
def expense_add(
    *,
    actor: Actor,
    order: SalesOrder | Any,
    name: str,
    amount: Any,
    remark: str = "",
    idempotency_key: str | None = None,
) -> OrderExpense:
    """An expense against an order that is not cancelled; retrying with the same idempotency key
    returns the first expense instead of counting it twice."""
    user = require_expense_editor(actor)
    expense = OrderExpense(
        name=clean_text(name, "name", 60, required=True),
        amount=clean_amount(amount, "amount"),
        remark=clean_text(remark, "remark", 200),
        created_by=user_of(user),
    )

    def write() -> dict[str, int]:
        locked = locked_order(user, order, field="order_id")
        if locked.status == OrderStatus.CANCELLED:
            raise InvalidInput(_("This order is cancelled."), code="not_editable", field="order_id")
        expense.order = locked
        expense.save()
        _resum(locked)
        return {"pk": expense.pk}

    result, replayed = run_once(
        by=actor_stamp(user), key=idempotency_key, operation="order_expense_add", write=write
    )
    if not replayed:
        return expense
    # The first expense with its order as it is now; removed since, it is not found.
    first = (
        OrderExpense.objects.select_related("order")
        .filter(pk=result["pk"], order__in=visible_orders(user))
        .first()
    )
    if first is None:
        raise NotFound(_("Expense not found."), field="id")
    return first


@transaction.atomic
def expense_remove(*, actor: Actor, expense_id: Any) -> SalesOrder:
    """Remove an expense; returns its order with the new total."""
    user = require_expense_editor(actor)
    pk = parse_id(expense_id) or 0
    order_id = (
        OrderExpense.objects.filter(pk=pk, order__in=visible_orders(user))
        .values_list("order_id", flat=True)
        .first()
    )
    if order_id is None:
        raise NotFound(_("Expense not found."), field="id")
    locked = locked_order(user, order_id)
    deleted, _rows = OrderExpense.objects.filter(pk=pk, order=locked).delete()
    if not deleted:  # removed by someone else meanwhile
        raise NotFound(_("Expense not found."), field="id")
    _resum(locked)
    return locked
