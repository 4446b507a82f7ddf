"""Who may do what to sales documents, in one place for the services.

Every service first finds the document through the actor's visibility (a rep's colleague's order
is simply not found), then checks the scope for the action.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.models import User
from saas.accounts.visibility import require_actor
from saas.core.errors import Forbidden


def require_any(actor: Any, *wanted: str) -> User:
    user = require_actor(actor)
    if not any(user.has_scope(scope) for scope in wanted):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    return user


def require_order_editor(actor: Any) -> User:
    """Writing, submitting, changing and cancelling orders and quotations."""
    return require_any(actor, scopes.ORDERS_EDIT)


def require_reviewer(actor: Any) -> User:
    return require_any(actor, scopes.ORDERS_REVIEW)


def require_shipper(actor: Any) -> User:
    return require_any(actor, scopes.SHIPPING_MANAGE)


def require_signback_recorder(actor: Any) -> User:
    """The signed delivery note comes back to the warehouse or to the rep."""
    return require_any(actor, scopes.SHIPPING_MANAGE, scopes.ORDERS_EDIT)


def require_canceller(actor: Any) -> User:
    return require_any(actor, scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW)


def require_expense_editor(actor: Any) -> User:
    return require_any(actor, scopes.ORDERS_EDIT, scopes.FINANCE_MANAGE)


def require_reservation_retrier(actor: Any) -> User:
    return require_any(actor, scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW)
