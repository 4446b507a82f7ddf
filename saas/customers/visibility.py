"""Who sees which customers: a rep their own (owner), managers and finance all. Fails closed."""

from __future__ import annotations

from django.db.models import QuerySet

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.accounts.visibility import RowRule, visible_rows
from saas.customers.models import Customer

CUSTOMER_VISIBILITY = RowRule(
    all_scope=scopes.CUSTOMERS_VIEW_ALL, own_scope=scopes.CUSTOMERS_VIEW_OWN, owner_field="owner"
)


def visible_customers(actor: Actor) -> QuerySet[Customer]:
    return visible_rows(Customer.objects.all(), actor=actor, rule=CUSTOMER_VISIBILITY)
