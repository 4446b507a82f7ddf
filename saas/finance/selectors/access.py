"""Who sees which finance rows, beyond the order-money rule (saas.sales.selectors.visibility):
customer-level money and documents that touch a rep's own orders or customers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from saas.accounts.actors import Actor, owner_id
from saas.sales.selectors.visibility import sees_all_money


def customer_money_filter(user: Actor, *, prefix: str = "") -> Q:
    """Customer-level money (prepayments): everyone's for full viewers, own customers for reps
    (a key or a job owns no customers: without the all-rows scope it sees none)."""
    if sees_all_money(user):
        return Q()
    owner = owner_id(user)
    return Q(**{f"{prefix}owner_id": owner}) if owner is not None else Q(pk__in=[])


def touching_own(user: Actor, links: QuerySet[Any], link_field: str) -> Q:
    """Documents linked to the rep's own orders, or of the rep's own customers (none for a key
    or a job, which own nothing)."""
    owner = owner_id(user)
    if owner is None:
        return Q(pk__in=[])
    mine = links.filter(order__rep_id=owner).values(link_field)
    return Q(pk__in=mine) | Q(customer__owner_id=owner)
