"""Who may do what with customers, in one place for services and selectors alike.

- customers.view_all (owner, admin, manager, finance): every customer; assigns owners, sets
  credit terms, keeps the levels.
- customers.view_own (sales reps): the customers they own; new customers become theirs.
- neither (warehouse, distributors): no customers at all.

A customer the actor may not see is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.core.errors import NotFound
from saas.core.ids import clean_id as clean_id  # re-exported: the domain's callers import it here
from saas.core.ids import parse_id as parse_id
from saas.customers.models import Customer
from saas.customers.visibility import visible_customers


def sees_all(actor: Actor) -> bool:
    return actor.has_scope(scopes.CUSTOMERS_VIEW_ALL)


def can_own_customers(user: User) -> bool:
    """Whether customers may be assigned to this user (an active rep or manager)."""
    return user.is_active and (
        user.has_scope(scopes.CUSTOMERS_VIEW_OWN) or user.has_scope(scopes.CUSTOMERS_VIEW_ALL)
    )


def require_customer_user(actor: Actor) -> Actor:
    """Anyone who works with customers: reps, managers, finance (a key or a job sees all or none)."""
    return require_scopes(actor, scopes.CUSTOMERS_VIEW_OWN, scopes.CUSTOMERS_VIEW_ALL)


def require_customer_manager(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.CUSTOMERS_VIEW_ALL)


def customer_not_found(field: str = "id") -> NotFound:
    return NotFound(_("Customer not found."), field=field)


def visible_customer(actor: Actor, customer_id: Any, field: str = "id", *, lock: bool = False) -> Customer:
    """The customer if the actor may see it; with lock=True locked until the transaction ends.

    Someone who sees no customers at all (the warehouse) gets not-found too, whatever the id.
    """
    pk = parse_id(customer_id)
    queryset: QuerySet[Customer] = visible_customers(actor)
    if lock:
        queryset = queryset.select_for_update()
    customer = queryset.filter(pk=pk).first() if pk is not None else None
    if customer is None:
        raise customer_not_found(field)
    return customer


def locked_customer(actor: Actor, customer_id: Any, field: str = "id") -> Customer:
    return visible_customer(actor, customer_id, field, lock=True)
