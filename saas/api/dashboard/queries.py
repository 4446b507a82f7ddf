"""Query: dashboard, the signed-in user's home: to-do counts, the day's figures, the checklist.

Each field is computed only when asked, so the app asks for what the person's role shows (one
request, a bounded number of SQL queries: tests/test_home_figures.py counts them). Money fields
follow the order-money rule (null and listed in `extensions.withheld` for the warehouse); the
figures themselves count only the caller's visible orders and customers.
"""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from saas.accounts import scopes
from saas.accounts.models import User
from saas.accounts.todos import todo_counts
from saas.api.dashboard.types import (
    HomeLowStock,
    HomeMoney,
    HomeReceivablesDue,
    HomeSalesType,
    OnboardingType,
)
from saas.api.permissions import current_user
from saas.api.restricted import ORDER_MONEY, STOCK_NUMBERS, restricted
from saas.core.clock import tenant_today
from saas.core.tenancy import current_tenant
from saas.onboarding.selectors import onboarding
from saas.reports.selectors.home import home_collections, home_low_stock, home_receivables_due, home_sales


@strawberry.type
class TodoCount:
    key: str
    count: int


@strawberry.type
class Dashboard:
    user: strawberry.Private[User]

    @strawberry.field
    def todos(self) -> list[TodoCount]:
        return [TodoCount(key=key, count=count) for key, count in todo_counts(actor=self.user)]

    @strawberry.field(description="Today in the workspace's time zone: the day the figures count to.")
    def today(self) -> date:
        return tenant_today()

    @strawberry.field(description="The workspace's currency (ISO 4217), for every amount here.")
    def currency(self) -> str:
        return current_tenant().currency

    @strawberry.field(
        description="Sales today and this month with their comparisons, and the last 30 days.",
        extensions=restricted(ORDER_MONEY),
    )
    def sales(self) -> HomeSalesType | None:
        return HomeSalesType.of(home_sales(actor=self.user))

    @strawberry.field(
        description="Collections (回款): receipts less refunds, void ones left out; a rep's own customers only.",
        extensions=restricted(ORDER_MONEY),
    )
    def collections(self) -> HomeMoney | None:
        return HomeMoney.of(home_collections(actor=self.user))

    @strawberry.field(description="Receivables due today or earlier.", extensions=restricted(ORDER_MONEY))
    def receivables_due(self) -> HomeReceivablesDue | None:
        return HomeReceivablesDue.of(home_receivables_due(actor=self.user))

    @strawberry.field(description="Low stock levels.", extensions=restricted(STOCK_NUMBERS))
    def low_stock(self) -> HomeLowStock | None:
        return HomeLowStock.of(home_low_stock())

    @strawberry.field(
        description="The new workspace's checklist and sample data: null for people who do not manage "
        "the workspace (tenant.manage)."
    )
    def onboarding(self) -> OnboardingType | None:
        if not self.user.has_scope(scopes.TENANT_MANAGE):
            return None
        return OnboardingType.of(onboarding(actor=self.user))


@strawberry.type
class DashboardQueries:
    @strawberry.field(
        description="The home screen: to-do counts, the day's figures and the checklist; what each "
        "shows depends on the user's roles."
    )
    def dashboard(self, info: Info) -> Dashboard:
        return Dashboard(user=current_user(info))
