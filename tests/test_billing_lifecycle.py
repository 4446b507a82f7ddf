"""The hourly billing sweep, the operator commands, plan limits and the owner's billing query."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.core.errors import InvalidInput
from saas.inventory.services.warehouses import warehouse_create
from saas.notifications.models import Notification
from tenants.billing import operators, services
from tenants.billing.lifecycle import billing_sweep
from tenants.billing.models import BillingAccount, BillingAuditEntry, BillingInvoice, Plan
from tenants.models import Tenant
from tests.fixtures.tenants import client_for, graphql


def account_of(workspace) -> BillingAccount:
    return BillingAccount.objects.select_related("plan", "tenant").get(tenant=workspace.tenant)


def test_reminders_go_7_3_and_1_days_before_the_trial_ends_each_once(alpha):
    account = account_of(alpha)
    ends = account.trial_ends_at
    assert ends is not None
    sent = []
    for days_left in (10, 6.5, 6, 2.5, 2, 0.5, 0.2):
        mail.outbox.clear()
        report = billing_sweep(now=ends - timedelta(days=days_left))
        sent.append([days for slug, days in report.reminders if slug == "alpha"])
        if ("alpha", sent[-1][0] if sent[-1] else 0) in report.reminders:
            assert [alpha.email("owner")] in [m.to for m in mail.outbox]
            assert not any(alpha.email("admin") in m.to for m in mail.outbox)
    assert sent == [[], [7], [], [3], [], [1], []]
    with tenant_context(alpha.tenant):
        titles = list(
            Notification.objects.filter(kind="billing.trial_ending")
            .order_by("id")
            .values_list("title", flat=True)
        )
        # the owner only: an admin or a rep hears nothing
        assert set(
            Notification.objects.filter(kind="billing.trial_ending").values_list("user_id", flat=True)
        ) == {alpha.users["owner"].pk}
    assert len(titles) == 3 and "7" in titles[0]


def test_a_trial_that_ends_unpaid_expires_and_the_workspace_turns_read_only(alpha):
    account = account_of(alpha)
    report = billing_sweep(now=account.trial_ends_at + timedelta(minutes=1))
    assert "alpha" in report.trials_expired
    assert account_of(alpha).status == "trial_expired"
    assert Tenant.objects.get(pk=alpha.tenant.pk).status == "suspended"
    assert billing_sweep(now=account.trial_ends_at + timedelta(hours=2)).trials_expired == []  # once
    entry = BillingAuditEntry.objects.filter(account=account, action="status_changed").last()
    assert entry is not None and entry.actor == "system" and entry.detail["after"] == "trial_expired"


def test_past_due_becomes_suspended_after_the_grace_period_and_a_lapsed_term_past_due(alpha, beta):
    now = timezone.now()
    account = services.set_status(
        account_of(alpha), "past_due", actor="stripe:evt_1", reason="failed", now=now
    )
    assert billing_sweep(now=now + timedelta(days=6)).suspended == []
    assert "alpha" in billing_sweep(now=now + timedelta(days=7, minutes=1)).suspended
    assert account_of(alpha).status == "suspended"
    paid = services.extend_paid_until(
        account_of(beta), months=1, plan=None, method="wechat_pay", ref="cs_1", actor="stripe:evt_2", now=now
    )
    assert paid.paid_until is not None
    report = billing_sweep(now=paid.paid_until + timedelta(minutes=1))
    assert "beta" in report.past_due and account_of(beta).status == "past_due"
    assert account.pk != paid.pk


def test_operator_commands_print_tables_and_audit_every_change(alpha):
    listing = operators.tenant_list()
    assert listing.splitlines()[0].split()[:3] == ["SLUG", "STATUS", "PLAN"]
    assert any(line.startswith("alpha") and "trialing" in line for line in listing.splitlines())
    operators.tenant_suspend("alpha", by="alice", reason="abuse report")
    assert account_of(alpha).status == "suspended"
    operators.tenant_restore("alpha", by="alice", reason="cleared")
    assert account_of(alpha).status == "trialing"  # the trial still runs
    operators.tenant_extend_trial("alpha", days=14, by="alice")
    out = operators.tenant_pay(
        "alpha", months=12, ref="ICBC-2026-001", by="bob", plan_code="pro", amount_fen=None
    )
    account = account_of(alpha)
    assert account.status == "active" and account.plan.code == "pro" and account.payment_method == "transfer"
    assert "alpha: active" in out
    invoice = BillingInvoice.objects.get(account=account, source="transfer", external_id="ICBC-2026-001")
    assert invoice.amount_fen == Plan.objects.get(code="pro").yearly_price_fen and invoice.status == "paid"
    shown = operators.tenant_show("alpha")
    assert "ICBC-2026-001" in shown and "operator:bob" in shown
    actors = set(BillingAuditEntry.objects.filter(account=account).values_list("actor", flat=True))
    assert {"operator:alice", "operator:bob"} <= actors
    with pytest.raises(InvalidInput) as refused:
        operators.tenant_pay("alpha", months=0, ref="X", by="bob", plan_code=None, amount_fen=None)
    assert refused.value.code == "months_invalid"
    with pytest.raises(InvalidInput):
        operators.tenant_show("nope")
    closed = operators.tenant_close("alpha", by="alice", reason="owner asked")
    assert "delete alpha" in closed and account_of(alpha).status == "closed"
    with pytest.raises(InvalidInput) as early:
        operators.tenant_delete("alpha", by="alice")
    assert early.value.code == "export_window_open"


def test_a_plan_limit_refuses_the_next_record_and_a_downgrade_deletes_nothing(in_alpha):
    account = account_of(in_alpha)
    basic = Plan.objects.get(code="basic")
    basic.limits = {**basic.limits, "warehouses": 1}
    basic.save()
    services.extend_paid_until(
        account, months=1, plan=basic, method="transfer", ref="T-1", actor="operator:t"
    )
    manager = in_alpha.users["manager"]
    admin = in_alpha.users["admin"]
    first = warehouse_create(actor=admin, code="W1", name="一号仓")
    assert first.pk
    with pytest.raises(InvalidInput) as refused:
        warehouse_create(actor=admin, code="W2", name="二号仓")
    assert refused.value.code == "plan_limit_reached" and refused.value.field == "warehouses"
    assert "基础" in refused.value.message or "Basic" in refused.value.message
    # over the limit after a downgrade: what exists stays
    from saas.inventory.models import Warehouse

    assert Warehouse.objects.filter(code="W1").exists() and not Warehouse.objects.filter(code="W2").exists()
    assert manager.pk  # the limit is the workspace's, whoever asks


def test_plan_limit_reached_reaches_graphql_with_its_field(alpha):
    account = account_of(alpha)
    basic = Plan.objects.get(code="basic")
    basic.limits = {**basic.limits, "users": 1}
    basic.save()
    services.extend_paid_until(
        account, months=1, plan=basic, method="transfer", ref="T-2", actor="operator:t"
    )
    body = graphql(
        client_for(alpha, alpha.users["owner"]),
        'mutation { userInvite(input: {email: "new@alpha.test", fullName: "新人", roles: ["sales"]}) '
        "{ errors { field code message } } }",
    )
    (error,) = body["data"]["userInvite"]["errors"]
    assert error["code"] == "plan_limit_reached" and error["field"] == "users"


BILLING = """{ billing { plan { code name } status trialEndsAt paidUntil graceEndsAt stripeConfigured readOnly
  paymentMethod usage { users orders warehouses apiKeys distributors fieldReps }
  limits { users orders warehouses apiKeys distributors fieldReps }
  invoices { number amountFen status source hostedUrl } plans { code name monthlyPriceFen } } }"""


def test_the_owner_reads_billing_and_nobody_else_does(alpha, beta):
    services.record_invoice(
        account_of(beta),
        source="transfer",
        external_id="BETA-ONLY",
        number="BETA-ONLY",
        amount_fen=100,
        currency="CNY",
        status="paid",
        hosted_url="",
        period_start=None,
        period_end=None,
        paid_at=None,
    )
    operators.tenant_pay("alpha", months=1, ref="A-1", by="t", plan_code=None, amount_fen=None)
    body = graphql(client_for(alpha, alpha.users["owner"]), BILLING)
    assert "errors" not in body, body
    billing = body["data"]["billing"]
    assert billing["plan"] == {"code": "basic", "name": "基础"} and billing["status"] == "ACTIVE"
    assert billing["stripeConfigured"] is False and billing["readOnly"] is False
    assert billing["paymentMethod"] == "TRANSFER"
    assert billing["usage"]["users"] == 7 and billing["limits"]["users"] == 10
    assert [i["number"] for i in billing["invoices"]] == ["A-1"]  # never beta's
    assert [p["code"] for p in billing["plans"]] == ["trial", "basic", "pro"]
    for role in ("admin", "manager", "sales"):
        denied = graphql(client_for(alpha, alpha.users[role]), "{ billing { status } }")
        assert denied["errors"][0]["extensions"]["code"] == "forbidden", role
