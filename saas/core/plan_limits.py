"""Plan limits: how many users, orders a month, warehouses, API keys, distributors and field reps
a workspace's plan allows, checked in one place by the services that create them.

The domains sit below the public billing app in the import chain, so they never import it: each
domain registers from its app's `ready()` how to count its kind (`counter_register`), and billing
registers where the current workspace's limits come from (`limits_register`). A create service
calls `check_limit(kind)` inside its transaction, before it writes; a plan downgraded below what
a workspace already has blocks new records and deletes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saas.core.errors import InvalidInput
from saas.core.locks import workspace_lock

CODE = "plan_limit_reached"
KINDS = ("users", "orders_per_month", "warehouses", "api_keys", "distributors", "field_reps")
KIND_NAMES = {
    "users": gettext_noop("users"),
    "orders_per_month": gettext_noop("orders this month"),
    "warehouses": gettext_noop("warehouses"),
    "api_keys": gettext_noop("API keys"),
    "distributors": gettext_noop("distributors"),
    "field_reps": gettext_noop("field reps"),
}


@dataclass(frozen=True)
class PlanLimits:
    plan_code: str
    plan_name: str
    limits: dict[str, int | None]  # a missing kind is unlimited


_counters: dict[str, Callable[[], int]] = {}
_limits: list[Callable[[], PlanLimits | None]] = []


class PlanLimitReached(InvalidInput):
    code = CODE


def counter_register(kind: str, counter: Callable[[], int]) -> None:
    """How many of `kind` the current workspace has (run inside its schema)."""
    if kind not in KINDS:
        raise ValueError(f"unknown plan limit {kind!r}")
    _counters[kind] = counter


def limits_register(provider: Callable[[], PlanLimits | None]) -> None:
    """Where the current workspace's limits come from (billing); None: no limits known."""
    _limits[:] = [provider]


def current_limits() -> PlanLimits | None:
    return _limits[0]() if _limits else None


def usage(kind: str) -> int:
    counter = _counters.get(kind)
    return counter() if counter is not None else 0


def check_limit(kind: str, *, adding: int = 1) -> None:
    """Refuse (`plan_limit_reached`, field = the kind) when `adding` more would pass the plan's
    limit of `kind`; nothing to check without a limit."""
    if kind not in KINDS:
        raise ValueError(f"unknown plan limit {kind!r}")
    plan = current_limits()
    limit = plan.limits.get(kind) if plan is not None else None
    if limit is None or plan is None:
        return
    if kind != "orders_per_month" and connection.in_atomic_block:
        # Two creates at once must not both pass the last free place. Orders, the hot path, are
        # not serialised: a month's limit may be passed by the orders in flight.
        workspace_lock(f"plan_limit:{kind}")
    used = usage(kind)
    if used + adding <= limit:
        return
    raise PlanLimitReached(
        _(
            "Your plan %(plan)s allows %(limit)s %(kind)s and this workspace has %(used)s. "
            "Upgrade your plan on the billing page to add more."
        )
        % {"plan": plan.plan_name, "limit": limit, "kind": _(KIND_NAMES[kind]), "used": used},
        code=CODE,
        field=kind,
    )
