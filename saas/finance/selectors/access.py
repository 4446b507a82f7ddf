"""Who sees which finance rows, beyond the order-money rule (saas.sales.selectors.visibility):
customer-level money and documents that touch a rep's own orders or customers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from saas.accounts.models import User
from saas.sales.selectors.visibility import sees_all_money


def customer_money_filter(user: User, *, prefix: str = "") -> Q:
    """Customer-level money (prepayments): everyone's for full viewers, own customers for reps."""
    return Q() if sees_all_money(user) else Q(**{f"{prefix}owner_id": user.pk})


def touching_own(user: User, links: QuerySet[Any], link_field: str) -> Q:
    """Documents linked to the rep's own orders, or of the rep's own customers."""
    mine = links.filter(order__rep_id=user.pk).values(link_field)
    return Q(pk__in=mine) | Q(customer__owner_id=user.pk)
