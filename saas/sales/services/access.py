"""Who may do what to sales documents, in one place for the services.

Every service first finds the document through the actor's visibility (a rep's colleague's order
is simply not found), then checks the scope for the action.
"""

from __future__ import annotations

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor


def require_order_editor(actor: Actor) -> Actor:
    """Writing, submitting, changing and cancelling orders and quotations."""
    return require_scopes(actor, scopes.ORDERS_EDIT)


def require_reviewer(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.ORDERS_REVIEW)


def require_shipper(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.SHIPPING_MANAGE)


def require_signback_recorder(actor: Actor) -> Actor:
    """The signed delivery note comes back to the warehouse or to the rep."""
    return require_scopes(actor, scopes.SHIPPING_MANAGE, scopes.ORDERS_EDIT)


def require_canceller(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW)


def require_expense_editor(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.ORDERS_EDIT, scopes.FINANCE_MANAGE)


def require_reservation_retrier(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW)
