"""How much of each limited thing the current workspace has: the one home of the counts that
plan limits (saas/core/plan_limits.py) and the billing page use. Run inside a tenant's schema."""

from __future__ import annotations

from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.core.plan_limits import counter_register
from saas.distribution.models import Distributor
from saas.fieldsales.team_models import TeamMember
from saas.inventory.models import Warehouse
from saas.partners.models import ApiKey
from saas.sales.models import SalesOrder


def users_count() -> int:
    return User.objects.filter(is_active=True).count()


def orders_this_month_count() -> int:
    return SalesOrder.objects.filter(order_date__gte=tenant_today().replace(day=1)).count()


def warehouses_count() -> int:
    return Warehouse.objects.filter(is_active=True).count()


def api_keys_count() -> int:
    return ApiKey.objects.filter(revoked_at__isnull=True).count()


def distributors_count() -> int:
    return Distributor.objects.count()


def field_reps_count() -> int:
    return TeamMember.objects.count()


def counters_register() -> None:
    counter_register("users", users_count)
    counter_register("orders_per_month", orders_this_month_count)
    counter_register("warehouses", warehouses_count)
    counter_register("api_keys", api_keys_count)
    counter_register("distributors", distributors_count)
    counter_register("field_reps", field_reps_count)
