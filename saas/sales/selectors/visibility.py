"""Who sees which sales orders, and who sees their money. Every sales list, count, report and
export starts from `visible_orders`, so one rule holds everywhere. It fails closed.

- orders.view_all (managers, finance, admins): every order.
- orders.view_own (reps): orders where they are the rep.
- orders.view_shipping (warehouse): orders waiting for or in shipment, without prices.

Order money (amounts, receipts, invoices, receivables, returns' value): orders.view_all or
finance.view see all of it, orders.view_own (reps) that of their own orders; anyone else is
refused (`money_viewer`). Finance's selectors and the return statistics apply this one rule.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, owner_id, require_actor
from saas.core.errors import Forbidden
from saas.sales.models import OrderStatus, SalesOrder

# The orders a warehouse works from.
SHIPPING_STATUSES = (OrderStatus.PENDING_SHIPMENT, OrderStatus.PARTLY_SHIPPED, OrderStatus.PENDING_SIGNBACK)


def order_filter(actor: Actor, *, prefix: str = "") -> Q:
    """The visibility rule as a Q, for querysets of related rows (prefix="order__" for lines).

    An actor who may see nothing gets a Q that matches nothing.
    """
    user = require_actor(actor)
    if user.has_scope(scopes.ORDERS_VIEW_ALL):
        return Q()
    rule = Q(pk__in=[])
    owner = owner_id(user)  # a key or a job owns no orders
    if owner is not None and user.has_scope(scopes.ORDERS_VIEW_OWN):
        rule |= Q(**{f"{prefix}rep_id": owner})
    if user.has_scope(scopes.ORDERS_VIEW_SHIPPING):
        rule |= Q(**{f"{prefix}status__in": SHIPPING_STATUSES})
    return rule


def visible_orders(actor: Actor) -> QuerySet[SalesOrder]:
    return SalesOrder.objects.filter(order_filter(actor))


def may_see_order_money(actor: Actor) -> bool:
    """Prices, amounts and payments: reps on their own orders, managers, finance; not the warehouse."""
    user = require_actor(actor)
    return any(
        user.has_scope(scope)
        for scope in (scopes.ORDERS_VIEW_ALL, scopes.ORDERS_VIEW_OWN, scopes.FINANCE_VIEW)
    )


def sees_all_money(user: Actor) -> bool:
    """Managers, finance and admins: the money of every order, receipt and invoice."""
    return user.has_scope(scopes.ORDERS_VIEW_ALL) or user.has_scope(scopes.FINANCE_VIEW)


def money_viewer(actor: Actor) -> Actor:
    """The actor, if it sees any order money; `forbidden` otherwise (fails closed)."""
    user = require_actor(actor)
    if not (sees_all_money(user) or user.has_scope(scopes.ORDERS_VIEW_OWN)):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    return user


def order_money_filter(actor: Actor, *, prefix: str = "") -> Q:
    """The orders whose money the actor sees, as a Q (prefix="order__" for related rows)."""
    user = money_viewer(actor)
    if sees_all_money(user):
        return Q()
    owner = owner_id(user)
    return Q(**{f"{prefix}rep_id": owner}) if owner is not None else Q(pk__in=[])
