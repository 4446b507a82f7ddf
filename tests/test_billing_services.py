"""Billing accounts: the trial at sign-up, status moves, subscriptions, prepaid terms, invoices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from saas.core.errors import InvalidInput
from tenants.billing import services
from tenants.billing.models import BillingAccount, BillingAuditEntry, BillingInvoice, Plan
from tenants.models import Tenant

NOW = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)


def account_of(workspace) -> BillingAccount:
    return BillingAccount.objects.select_related("plan", "tenant").get(tenant=workspace.tenant)


def actions(account: BillingAccount) -> list[str]:
    return list(BillingAuditEntry.objects.filter(account=account).values_list("action", flat=True))


def test_plans_are_seeded_with_prices_in_fen_and_limits(db):
    plans = {plan.code: plan for plan in Plan.objects.all()}
    assert set(plans) >= {"trial", "basic", "pro"}
    assert plans["trial"].name_zh == "免费试用" and plans["trial"].monthly_price_fen == 0
    assert plans["basic"].name_zh == "基础" and plans["basic"].monthly_price_fen == 19900
    assert plans["pro"].name_zh == "专业" and plans["pro"].yearly_price_fen == 499000
    assert plans["basic"].limit_of("users") == 10 and plans["pro"].limit_of("orders_per_month") is None


def test_sign_up_starts_a_trial_with_an_audit_entry(alpha):
    account = account_of(alpha)
    assert account.plan.code == "trial" and account.status == "trialing"
    assert account.trial_ends_at is not None and account.paid_until is None
    assert actions(account) == ["trial_started"]
    again = services.start_trial(alpha.tenant)
    assert again.pk == account.pk and actions(account) == ["trial_started"]


def test_set_status_follows_the_table_and_keeps_the_tenant_in_step(alpha):
    account = account_of(alpha)
    account = services.set_status(account, "past_due", actor="system", reason="test", now=NOW)
    assert account.grace_ends_at == NOW + timedelta(days=7)
    assert Tenant.objects.get(pk=alpha.tenant.pk).status == "past_due"
    account = services.set_status(account, "suspended", actor="operator:alice", reason="unpaid")
    assert Tenant.objects.get(pk=alpha.tenant.pk).status == "suspended"
    # paying again goes straight to active
    account = services.set_status(account, "active", actor="stripe:evt_1", reason="paid")
    assert account.status == "active" and account.grace_ends_at is None
    assert Tenant.objects.get(pk=alpha.tenant.pk).status == "active"
    entry = BillingAuditEntry.objects.filter(account=account, action="status_changed").last()
    assert entry is not None and entry.actor == "stripe:evt_1"
    assert entry.detail == {"before": "suspended", "after": "active", "reason": "paid"}


def test_an_illegal_move_is_refused_and_changes_nothing(alpha):
    account = services.set_status(account_of(alpha), "active", actor="system", reason="paid")
    with pytest.raises(InvalidInput) as refused:
        services.set_status(account, "trial_expired", actor="system", reason="x")
    assert refused.value.code == "billing_transition_invalid"
    with pytest.raises(InvalidInput) as unknown:
        services.set_status(account, "nonsense", actor="system", reason="x")
    assert unknown.value.code == "billing_status_invalid"
    assert account_of(alpha).status == "active"


def test_trial_expired_is_read_only_for_the_tenant_and_extend_trial_reopens_it(alpha):
    account = services.set_status(account_of(alpha), "trial_expired", actor="system", reason="ended")
    assert Tenant.objects.get(pk=alpha.tenant.pk).status == "suspended"
    account = services.extend_trial(account, days=10, actor="operator:bob", now=NOW)
    assert account.status == "trialing" and account.trial_ends_at >= NOW + timedelta(days=10)
    assert "trial_extended" in actions(account)


def test_extend_paid_until_counts_from_now_or_from_the_paid_term(alpha):
    account = account_of(alpha)
    account = services.set_status(account, "trial_expired", actor="system", reason="ended")
    account = services.extend_paid_until(
        account, months=1, plan=None, method="transfer", ref="BANK-1", actor="operator:alice", now=NOW
    )
    # 31 January + 1 month: the month's last day
    assert account.paid_until == datetime(2026, 2, 28, 9, 0, tzinfo=UTC)
    assert (
        account.status == "active" and account.plan.code == "basic" and account.payment_method == "transfer"
    )
    pro = Plan.objects.get(code="pro")
    account = services.extend_paid_until(
        account, months=6, plan=pro, method="wechat_pay", ref="cs_1", actor="stripe:evt_2", now=NOW
    )
    assert account.paid_until == datetime(2026, 8, 28, 9, 0, tzinfo=UTC)
    later = NOW + timedelta(days=400)  # a lapsed term counts from now
    account = services.extend_paid_until(
        account, months=3, plan=None, method="transfer", ref="BANK-2", actor="operator:alice", now=later
    )
    assert account.paid_until == services.add_months(later, 3) and account.plan.code == "pro"
    entry = BillingAuditEntry.objects.filter(account=account, action="paid_until_extended").first()
    assert entry is not None and entry.detail["ref"] == "BANK-1" and entry.detail["months"] == 1


def test_extend_paid_until_refuses_bad_terms(alpha):
    account = account_of(alpha)
    for months in (0, -1, 37):
        with pytest.raises(InvalidInput) as refused:
            services.extend_paid_until(
                account, months=months, plan=None, method="transfer", ref="x", actor="a"
            )
        assert refused.value.code == "months_invalid"
    with pytest.raises(InvalidInput):
        services.extend_paid_until(account, months=1, plan=None, method="cash", ref="x", actor="a")
    assert account_of(alpha).paid_until is None and actions(account) == ["trial_started"]


def test_apply_subscription_maps_stripe_statuses(alpha):
    pro = Plan.objects.get(code="pro")
    period_end = NOW + timedelta(days=30)
    common = {
        "plan": pro,
        "subscription_id": "sub_1",
        "price_id": "price_1",
        "interval": "month",
        "method": "card",
    }
    account = services.apply_subscription(
        account_of(alpha), status="incomplete", current_period_end=period_end, actor="stripe:evt_1", **common
    )
    assert account.status == "trialing" and account.stripe_subscription_id == ""
    account = services.apply_subscription(
        account, status="active", current_period_end=period_end, actor="stripe:evt_2", now=NOW, **common
    )
    assert (account.status, account.plan.code, account.paid_until) == ("active", "pro", period_end)
    assert account.stripe_subscription_id == "sub_1" and account.billing_interval == "month"
    account = services.apply_subscription(
        account, status="past_due", current_period_end=period_end, actor="stripe:evt_3", now=NOW, **common
    )
    assert account.status == "past_due" and account.grace_ends_at == NOW + timedelta(days=7)
    account = services.apply_subscription(
        account, status="unpaid", current_period_end=period_end, actor="stripe:evt_4", now=NOW, **common
    )
    assert account.status == "suspended"
    account = services.apply_subscription(
        account, status="active", current_period_end=period_end, actor="stripe:evt_5", now=NOW, **common
    )
    assert account.status == "active"
    # canceled, but the term is paid: access lasts until it ends
    account = services.apply_subscription(
        account, status="canceled", current_period_end=period_end, actor="stripe:evt_6", now=NOW, **common
    )
    assert account.status == "active"
    account = services.apply_subscription(
        account,
        status="canceled",
        current_period_end=NOW - timedelta(days=1),
        actor="stripe:evt_7",
        now=NOW,
        **common,
    )
    assert account.status == "suspended"


def test_record_invoice_upserts_by_source_and_external_id(alpha, beta):
    account = account_of(alpha)
    fields = {
        "number": "INV-1",
        "amount_fen": 19900,
        "currency": "cny",
        "hosted_url": "https://invoice.example/1",
        "period_start": NOW,
        "period_end": NOW + timedelta(days=30),
    }
    first = services.record_invoice(
        account, source="stripe", external_id="in_1", status="open", paid_at=None, **fields
    )
    second = services.record_invoice(
        account, source="stripe", external_id="in_1", status="paid", paid_at=NOW, **fields
    )
    assert first.pk == second.pk and second.status == "paid" and second.currency == "CNY"
    assert BillingInvoice.objects.filter(account=account).count() == 1
    # the same id from another source is another invoice
    services.record_invoice(
        account, source="transfer", external_id="in_1", status="paid", paid_at=NOW, **fields
    )
    assert BillingInvoice.objects.filter(account=account).count() == 2
    assert not BillingInvoice.objects.filter(account=account_of(beta)).exists()
    with pytest.raises(InvalidInput):
        services.record_invoice(account, source="cash", external_id="x", status="paid", paid_at=NOW, **fields)
