"""The demo workspace `make up` creates: every domain's seed runs, and a second run changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django_tenants.utils import tenant_context

from saas.catalog.models import Product
from saas.customers.models import Customer
from saas.inventory.services.checks import ledger_mismatches
from saas.sales.models import OrderStatus, SalesOrder
from tenants.demo import DEMO_LOGINS, demo_ensure


def _counts() -> tuple[int, int, int]:
    return Product.objects.count(), Customer.objects.count(), SalesOrder.objects.count()


def test_demo_workspace_has_data_in_every_queue_and_reruns_cleanly(world, db):
    tenant = demo_ensure()
    with tenant_context(tenant):
        first = _counts()
        statuses = set(SalesOrder.objects.values_list("status", flat=True))
        assert {OrderStatus.PENDING_REVIEW, OrderStatus.PENDING_SHIPMENT} <= statuses
        assert all(count > 0 for count in first)
        assert list(ledger_mismatches()) == []
        owners = set(Customer.objects.values_list("owner__email", flat=True))
        assert {login.email for login in DEMO_LOGINS if login.role == "sales"} <= owners

    again = demo_ensure()
    assert again.pk == tenant.pk
    with tenant_context(tenant):
        assert _counts() == first


def test_demo_reps_have_a_month_in_the_field_placed_around_hangzhou_and_ranked(world, db):
    from saas.fieldsales import geo
    from saas.fieldsales.models import CustomerSite, FieldDailyStats, FieldTarget, Team, Visit, VisitKind
    from saas.fieldsales.selectors import field_rankings
    from saas.fieldsales.visit_forms import FormField, clean_answers

    tenant = demo_ensure()
    with tenant_context(tenant):
        visits = Visit.objects.count()
        assert visits >= 40
        west_lake = geo.Point(30.2592, 120.1303)
        for site in CustomerSite.objects.exclude(latitude=None):
            here = geo.Point(float(site.latitude), float(site.longitude))
            assert geo.distance_meters(here, west_lake) < 30_000  # every site is in Hangzhou
        team = Team.objects.get(name="杭州一组")
        assert {m.user.email for m in team.members.select_related("user")} == {
            login.email for login in DEMO_LOGINS if login.role == "sales"
        }
        assert FieldTarget.objects.filter(dimension="rep").exists() and FieldDailyStats.objects.exists()
        manager = team.manager
        rows = field_rankings(actor=manager, period="month", dimension="rep", metric="visits")
        assert rows[0].value > 0 and rows[0].target == 60
        # Visit types with forms, and most visits recorded with answers that fit their form.
        assert set(VisitKind.objects.values_list("name", flat=True)) == {"例行拜访", "陈列检查", "催款对账"}
        recorded = Visit.objects.exclude(kind=None).select_related("kind")
        assert recorded.count() > visits // 2
        for visit in recorded[:20]:
            form = [FormField.from_json(row) for row in visit.kind.fields]
            given = {row["key"]: row["value"] for row in visit.answers}
            assert clean_answers(form, given) == visit.answers and visit.purpose

    demo_ensure()
    with tenant_context(tenant):
        assert Visit.objects.count() == visits


def test_the_demo_trial_is_whole_again_at_each_start_and_an_operators_choice_stays(alpha):
    # The demo is a fixture people rely on: 14 days after it was made it must not turn read-only.
    from django.conf import settings
    from django.utils import timezone

    from tenants.billing import services
    from tenants.billing.models import BillingAccount, BillingAuditEntry
    from tenants.demo import _demo_trial_renew

    account = BillingAccount.objects.get(tenant=alpha.tenant)
    services.set_status(account, "trial_expired", actor="system", reason="ended")
    _demo_trial_renew(alpha.tenant)
    account.refresh_from_db()
    full = timezone.now() + timedelta(days=settings.SPARROW_TRIAL_DAYS)
    assert account.status == "trialing"
    assert full - timedelta(days=1) <= account.trial_ends_at <= full + timedelta(days=1)
    audited = BillingAuditEntry.objects.filter(account=account).count()
    _demo_trial_renew(alpha.tenant)  # already whole: nothing to add
    assert BillingAuditEntry.objects.filter(account=account).count() == audited

    services.set_status(account, "active", actor="operator:bob", reason="paid by transfer")
    _demo_trial_renew(alpha.tenant)
    account.refresh_from_db()
    assert account.status == "active"
