"""Who may paste an order, and what they parse against.

Anyone who may create orders: staff with orders.edit parse against every active SKU; a
distributor's person (distributor.portal and a membership) against the SKUs its level's
catalogue allows (saas/distribution pricing), and nothing else — a SKU it may not order is not
in its view, so no line, candidate or alias can name it. Membership is asked first, so a person
of a distributor is held to its catalogue whatever else they hold. Anyone else is `forbidden`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, require_actor
from saas.catalog.models import SKU, Status
from saas.core.clock import tenant_today
from saas.core.errors import Forbidden
from saas.distribution.access import portal_membership
from saas.distribution.models import Distributor
from saas.distribution.pricing import price_book


@dataclass(frozen=True)
class Parser:
    actor: Actor
    distributor: Distributor | None  # set for a distributor's person
    allowed_skus: frozenset[int] | None  # None: every active SKU


def order_text_parser(actor: Actor) -> Parser:
    acting = require_actor(actor)
    try:
        _user, distributor = portal_membership(acting)
    except Forbidden:
        require_scopes(acting, scopes.ORDERS_EDIT, message=_("Only people who take orders can paste one."))
        return Parser(actor=acting, distributor=None, allowed_skus=None)
    book = price_book(distributor, on=tenant_today())
    allowed = frozenset(
        SKU.objects.filter(status=Status.ACTIVE, product__status=Status.ACTIVE)
        .filter(book.allowed_sku_filter())
        .values_list("id", flat=True)
    )
    return Parser(actor=acting, distributor=distributor, allowed_skus=allowed)
