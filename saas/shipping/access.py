"""Who may see and do what in shipping, in one place for services, selectors and views.

- shipping.manage (warehouse, owner, admin): every shipment; create, pack, verify, ship, print,
  carriers, settings and print templates.
- Everyone else sees the shipments of the orders they may see (saas.sales visible orders): a rep
  the shipments of own orders, a manager all. Fails closed: no actor, nothing.
- Sign-back is recorded by shipping staff or by the rep who brings the signed note back.
- Order money (prices, amounts) on shipping screens and slips follows `may_see_order_money`;
  the warehouse sees it on delivery notes only when the workspace turns that on.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, require_actor
from saas.sales.selectors.visibility import may_see_order_money, order_filter
from saas.shipping.models import Shipment


def require_shipper(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.SHIPPING_MANAGE)


def require_signback_recorder(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.SHIPPING_MANAGE, scopes.ORDERS_EDIT)


def require_settings_manager(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.SHIPPING_MANAGE, scopes.TENANT_MANAGE)


def shipment_filter(actor: Actor) -> Q:
    """The shipments the actor may see, as a Q on Shipment."""
    user = require_actor(actor)
    if user.has_scope(scopes.SHIPPING_MANAGE):
        return Q()
    return order_filter(user, prefix="order__")


def visible_shipments(actor: Actor) -> QuerySet[Shipment]:
    return Shipment.objects.filter(shipment_filter(actor))


def sees_money(actor: Actor) -> bool:
    return may_see_order_money(require_actor(actor))


def sees_prices_on_slips(actor: Actor, *, slips_show_prices: bool) -> bool:
    """Prices on printed delivery notes: money viewers always, shipping staff when configured."""
    user = require_actor(actor)
    return may_see_order_money(user) or (slips_show_prices and user.has_scope(scopes.SHIPPING_MANAGE))
