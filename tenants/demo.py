"""The demo workspace `demo`: a small Chinese trading company with one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.catalog.demo import catalog_demo_seed
from saas.core.tenancy import schema_context, tenant_context
from saas.customers.demo import customers_demo_seed
from saas.distribution.demo import distribution_demo_seed
from saas.fieldsales.demo import fieldsales_demo_seed
from saas.inventory.demo import inventory_demo_seed
from saas.sales.demo import sales_demo_seed
from tenants.billing.models import BillingStatus
from tenants.billing.services import account_for, extend_trial
from tenants.models import Tenant
from tenants.services import tenant_signup

DEMO_SLUG = "demo"
DEMO_PASSWORD = "Sparrow-demo-2026"  # printed by `sparrow up`; the demo holds no real data


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str


DEMO_OWNER = DemoLogin("boss@demo.sparrow.local", "陈老板", scopes.OWNER)
DEMO_COLLEAGUES = [
    DemoLogin("admin@demo.sparrow.local", "周管理", scopes.ADMIN),
    DemoLogin("manager@demo.sparrow.local", "刘经理", scopes.MANAGER),
    DemoLogin("sales@demo.sparrow.local", "张伟", scopes.SALES),
    DemoLogin("sales2@demo.sparrow.local", "王芳", scopes.SALES),
    DemoLogin("warehouse@demo.sparrow.local", "李娜", scopes.WAREHOUSE),
    DemoLogin("finance@demo.sparrow.local", "赵敏", scopes.FINANCE),
    DemoLogin("agent@demo.sparrow.local", "杭州鑫达商贸(经销商)", scopes.DISTRIBUTOR),
    DemoLogin("agent2@demo.sparrow.local", "宁波甬江商贸(经销商)", scopes.DISTRIBUTOR),
]
DEMO_LOGINS = [DEMO_OWNER, *DEMO_COLLEAGUES]


def demo_ensure() -> Tenant:
    """Create the demo workspace once and fill in demo data; running it again changes nothing.

    The seeds run every time (each skips what exists), so a demo workspace made by an older
    version gains the data of newer domains.
    """
    tenant = Tenant.objects.filter(slug=DEMO_SLUG).first() or _demo_create()
    _demo_trial_renew(tenant)
    with tenant_context(tenant):
        catalog_demo_seed()
        inventory_demo_seed()
        customers_demo_seed()
        sales_demo_seed()
        fieldsales_demo_seed()
        # Older demo workspaces lack agent2: the seed makes the agents it does not find.
        agents = [login.email for login in DEMO_LOGINS if login.role == scopes.DISTRIBUTOR]
        distribution_demo_seed(password=DEMO_PASSWORD, agent_emails=agents)
    return tenant


def _demo_trial_renew(tenant: Tenant) -> None:
    """The demo stays on a whole trial from each start: people rely on it, and a demo that
    went read-only 14 days after it was made would look broken. It shows the trial as a new
    workspace has it (a demo made before billing gets its account here)."""
    account = account_for(tenant)
    if (
        account.status not in {BillingStatus.TRIALING, BillingStatus.TRIAL_EXPIRED}
        or account.trial_ends_at is None
    ):
        return  # an operator moved it off the trial: theirs to decide
    now = timezone.now()
    full = now + timedelta(days=settings.SPARROW_TRIAL_DAYS)
    missing = full - max(account.trial_ends_at, now)
    if missing >= timedelta(days=1) or account.status == BillingStatus.TRIAL_EXPIRED:
        extend_trial(account, days=max(missing.days, 1), actor="system:demo", now=now)


def _demo_create() -> Tenant:
    result = tenant_signup(
        company_name="麻雀演示商贸有限公司",
        slug=DEMO_SLUG,
        owner_name=DEMO_OWNER.name,
        email=DEMO_OWNER.email,
        password=DEMO_PASSWORD,
        allow_reserved=True,
    )
    with schema_context(result.tenant.schema_name), transaction.atomic():
        for login in DEMO_COLLEAGUES:
            user = User.objects.create_user(
                email=login.email, password=DEMO_PASSWORD, full_name=login.name, invited_by=result.owner
            )
            user.roles.set(Role.objects.filter(code=login.role))
    return result.tenant
