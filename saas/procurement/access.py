"""Who may see and do what in procurement, in one place for services and selectors alike.

Purchase documents carry purchase prices, so seeing them needs purchasing.manage (buyers) or
cost.view (managers, warehouse, finance); sales roles and distributors have neither and are
refused outright rather than shown documents with the prices blanked out.
"""

from __future__ import annotations

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor


def require_procurement_viewer(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.PURCHASING_MANAGE, scopes.COST_VIEW)


def require_buyer(actor: Actor) -> Actor:
    """Suppliers, purchase orders and their approval."""
    return require_scopes(actor, scopes.PURCHASING_MANAGE)


def require_receiver(actor: Actor) -> Actor:
    """Checking goods in and sending them back is warehouse work as much as purchasing work."""
    return require_scopes(actor, scopes.PURCHASING_MANAGE, scopes.INVENTORY_MANAGE)


def require_payables_viewer(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.FINANCE_VIEW, scopes.PURCHASING_MANAGE)


def require_payer(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.FINANCE_MANAGE, scopes.PURCHASING_MANAGE)
