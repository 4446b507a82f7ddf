"""Who may see and do what in procurement, in one place for services and selectors alike.

Purchase documents carry purchase prices, so seeing them needs purchasing.manage (buyers) or
cost.view (managers, warehouse, finance); sales roles and distributors have neither and are
refused outright rather than shown documents with the prices blanked out.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.models import User
from saas.accounts.visibility import require_actor
from saas.core.errors import Forbidden


def _require_any(actor: Any, *wanted: str) -> User:
    user = require_actor(actor)
    if not any(user.has_scope(scope) for scope in wanted):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    return user


def require_procurement_viewer(actor: Any) -> User:
    return _require_any(actor, scopes.PURCHASING_MANAGE, scopes.COST_VIEW)


def require_buyer(actor: Any) -> User:
    """Suppliers, purchase orders and their approval."""
    return _require_any(actor, scopes.PURCHASING_MANAGE)


def require_receiver(actor: Any) -> User:
    """Checking goods in and sending them back is warehouse work as much as purchasing work."""
    return _require_any(actor, scopes.PURCHASING_MANAGE, scopes.INVENTORY_MANAGE)


def require_payables_viewer(actor: Any) -> User:
    return _require_any(actor, scopes.FINANCE_VIEW, scopes.PURCHASING_MANAGE)


def require_payer(actor: Any) -> User:
    return _require_any(actor, scopes.FINANCE_MANAGE, scopes.PURCHASING_MANAGE)
