"""Who may see reports: `reports.view` and order money for any report, `cost.view` for costs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor
from saas.core.errors import Forbidden
from saas.sales.selectors.visibility import may_see_order_money


def require_report_viewer(actor: Actor) -> Actor:
    """Reports are about money, so a role that may not see order money sees no report either."""
    user = require_actor(actor)
    if not user.has_scope(scopes.REPORTS_VIEW) or not may_see_order_money(user):
        raise Forbidden(_("You are not allowed to see reports."), code="forbidden")
    return user


def may_see_costs(user: Actor) -> bool:
    return user.has_scope(scopes.COST_VIEW)


def require_cost_viewer(actor: Actor) -> Actor:
    user = require_report_viewer(actor)
    if not may_see_costs(user):
        raise Forbidden(_("You are not allowed to see costs and profit."), code="forbidden")
    return user


def require_order_lister(actor: Actor) -> Actor:
    """The order list export is a report like the others: `reports.view` and order money. The
    warehouse ships from its shipping screens and pick lists, not from an order export; the
    selector behind the export still limits a rep to their own orders."""
    return require_report_viewer(actor)
