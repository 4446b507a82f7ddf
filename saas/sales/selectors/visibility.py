"""Who sees which sales orders, and who sees their money. Every sales list, count, report and
export starts from `visible_orders`, so one rule holds everywhere. It fails closed.

- orders.view_all (managers, finance, admins): every order.
- orders.view_own (reps): orders where they are the rep.
- orders.view_shipping (warehouse): orders waiting for or in shipment, without prices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from saas.accounts import scopes
from saas.accounts.visibility import require_actor
from saas.sales.models import OrderStatus, SalesOrder

if TYPE_CHECKING:
    from saas.accounts.models import User

# The orders a warehouse works from.
SHIPPING_STATUSES = (OrderStatus.PENDING_SHIPMENT, OrderStatus.PARTLY_SHIPPED, OrderStatus.PENDING_SIGNBACK)


def order_filter(actor: User | None, *, prefix: str = "") -> Q:
    """The visibility rule as a Q, for querysets of related rows (prefix="order__" for lines).

    An actor who may see nothing gets a Q that matches nothing.
    """
    user = require_actor(actor)
    if user.has_scope(scopes.ORDERS_VIEW_ALL):
        return Q()
    rule = Q(pk__in=[])
    if user.has_scope(scopes.ORDERS_VIEW_OWN):
        rule |= Q(**{f"{prefix}rep_id": user.pk})
    if user.has_scope(scopes.ORDERS_VIEW_SHIPPING):
        rule |= Q(**{f"{prefix}status__in": SHIPPING_STATUSES})
    return rule


def visible_orders(actor: User | None) -> QuerySet[SalesOrder]:
    return SalesOrder.objects.filter(order_filter(actor))


def may_see_order_money(actor: User | None) -> bool:
    """Prices, amounts and payments: reps on their own orders, managers, finance; not the warehouse."""
    user = require_actor(actor)
    return any(
        user.has_scope(scope)
        for scope in (scopes.ORDERS_VIEW_ALL, scopes.ORDERS_VIEW_OWN, scopes.FINANCE_VIEW)
    )
