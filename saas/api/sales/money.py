"""Whether the caller sees the money of sales orders (prices, amounts, payments) and costs.

The warehouse works from orders without their prices: money fields resolve to null for it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from strawberry.types import Info

from saas.accounts import scopes
from saas.api.permissions import current_user
from saas.sales.selectors.visibility import may_see_order_money

_MONEY = "_sparrow_sales_money"
_COST = "_sparrow_sales_cost"


def sees_money(info: Info) -> bool:
    """Asked once per request: the answer hangs off the request, never off a module."""
    request = info.context.request
    cached: bool | None = getattr(request, _MONEY, None)
    if cached is None:
        cached = may_see_order_money(current_user(info))
        setattr(request, _MONEY, cached)
    return cached


def sees_cost(info: Info) -> bool:
    request = info.context.request
    cached: bool | None = getattr(request, _COST, None)
    if cached is None:
        cached = current_user(info).has_scope(scopes.COST_VIEW)
        setattr(request, _COST, cached)
    return cached


def money(info: Info, value: Any) -> Decimal | None:
    return Decimal(value) if sees_money(info) else None
