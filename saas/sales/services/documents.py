"""Finding and locking sales orders for a service: through the actor's visibility, row-locked.

Services take `order` as a SalesOrder or its id (GraphQL passes ids, other services pass the
object); either way the row is read again under a lock, so a stale object never decides.
Lock order, held by every sales service: the order, then its lines, then the customer (credit),
then stock levels (the ledger). Never the other way round.

`add_to_order` is the one door through which money moves an order's money columns: finance
(receipts, refunds, invoices) and returns call it on orders they have locked.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import NotFound
from saas.core.sync import TOUCH
from saas.sales.models import SalesOrder, SalesOrderLine
from saas.sales.selectors.visibility import visible_orders
from saas.sales.services.inputs import parse_id

ORDER_DOC_TYPE = "sales_order"
# The order's money columns: what it received (receipts less refunds), invoiced and took back.
MONEY_COLUMNS = ("received_amount", "invoiced_amount", "returned_amount")


def order_pk(order: SalesOrder | Any, field: str = "id") -> int:
    pk = order.pk if isinstance(order, SalesOrder) else parse_id(order)
    if pk is None:
        raise NotFound(_("Sales order not found."), field=field)
    return int(pk)


def locked_order(actor: Actor, order: SalesOrder | Any, field: str = "id") -> SalesOrder:
    """The order, locked, if the actor may see it; not found otherwise (no probing of ids)."""
    found = (
        visible_orders(actor)
        .select_for_update(of=("self",))
        .select_related("customer")
        .filter(pk=order_pk(order, field))
        .first()
    )
    if found is None:
        raise NotFound(_("Sales order not found."), field=field)
    return found


def locked_lines(order: SalesOrder) -> list[SalesOrderLine]:
    return list(
        SalesOrderLine.objects.select_for_update(of=("self",))
        .select_related("sku__product")
        .filter(order=order)
        .order_by("line_no")
    )


def add_to_order(order_id: int, column: str, delta: Decimal) -> None:
    """Move one money column of a (locked) order by delta, in the database (F(), no lost update)."""
    if column not in MONEY_COLUMNS:
        raise ValueError(f"{column} is not a money column of a sales order")
    SalesOrder.objects.filter(pk=order_id).update(**{column: F(column) + delta}, updated_at=TOUCH)


def touch_order(order: SalesOrder) -> None:
    """After its lines changed alone (reservations): the order is a changed row for a partner."""
    SalesOrder.objects.filter(pk=order.pk).update(updated_at=TOUCH)
