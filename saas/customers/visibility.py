"""Who sees which customers: a rep their own (owner), managers and finance all. Fails closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from saas.accounts import scopes
from saas.accounts.visibility import RowRule, visible_rows
from saas.customers.models import Customer

if TYPE_CHECKING:
    from saas.accounts.models import User

CUSTOMER_VISIBILITY = RowRule(
    all_scope=scopes.CUSTOMERS_VIEW_ALL, own_scope=scopes.CUSTOMERS_VIEW_OWN, owner_field="owner"
)


def visible_customers(actor: User | None) -> QuerySet[Customer]:
    return visible_rows(Customer.objects.all(), actor=actor, rule=CUSTOMER_VISIBILITY)
