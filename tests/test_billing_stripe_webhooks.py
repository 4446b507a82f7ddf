"""Stripe's webhook: signatures, duplicates, every handled event type, out-of-order delivery,
unknown customers and Stripe outages, against the local fake Stripe."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

import pytest

from saas.core.tenancy import public_schema
from tenants.billing.models import BillingAccount, BillingInvoice, Plan, StripeEvent
from tenants.billing.services import account_for
from tenants.billing.stripe_api import BillingUnavailable
from tenants.billing.stripe_checkout import checkout_start, stripe_customer_ensure
from tenants.billing.stripe_events import event_process
from tests.fakes.stripe_server import FakeStripe, sign
from tests.fixtures.jobs import run_job
from tests.fixtures.stripe import deliver, post_and_run, post_event, queued_event_jobs, webhook_client
from tests.fixtures.tenants import Workspace


def _account(workspace: Workspace) -> BillingAccount:
    with public_schema():
        return BillingAccount.objects.select_related("plan").get(tenant=workspace.tenant)


def _card_subscription(fake: FakeStripe, workspace: Workspace, plan: str = "basic") -> str:
    """The owner paid by card through Checkout (Sparrow not yet told); the subscription's id."""
    url = checkout_start(
        account_for(workspace.tenant),
        plan_code=plan,
        interval="month",
        method="card",
        months=None,
        return_url="http://x",
    )
    session = fake.state.complete_checkout(url.rsplit("/", 1)[1])
    return str(session["subscription"])


def _active_by_card(fake: FakeStripe, workspace: Workspace) -> str:
    subscription_id = _card_subscription(fake, workspace)
    assert deliver(fake, "customer.subscription.created", subscription_id) == "subscription_active"
    return subscription_id


def _latest_invoice(fake: FakeStripe, subscription_id: str) -> str:
    return str(fake.state.objects[subscription_id]["latest_invoice"])


# --- signatures -----------------------------------------------------------------------------


def test_a_bad_or_missing_signature_is_refused_and_changes_nothing(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha)
    event = fake_stripe.event("customer.subscription.created", subscription_id)
    body, good = fake_stripe.signed(event)
    _, wrong_secret = fake_stripe.signed(event, secret="whsec_someone_else")
    _, too_old = fake_stripe.signed(event, timestamp=int(time.time()) - 3600)
    stamp, signature = good.split(",")
    tampered = body.replace(b'"active"', b'"paused"')
    for payload, header in [
        (body, None),
        (body, ""),
        (body, wrong_secret),
        (body, too_old),
        (body, "t=abc,v1=zz"),
        (body, stamp),
        (tampered, good),
    ]:
        response = post_event(payload, header)
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "signature_invalid"
    with public_schema():
        assert not StripeEvent.objects.exists()
    assert queued_event_jobs(event["id"]) == []
    assert _account(alpha).status == "trialing"
    # The same body with its right signature goes through.
    assert post_and_run(body, good, event["id"]) == "subscription_active"


def test_no_webhook_secret_refuses_every_event(
    fake_stripe: FakeStripe, settings: object, alpha: Workspace
) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha)
    event, body, header = fake_stripe.signed_event("customer.subscription.created", subscription_id)
    settings.STRIPE_WEBHOOK_SECRET = ""  # type: ignore[attr-defined]
    assert post_event(body, header).status_code == 400


def test_a_signed_body_that_is_not_an_event_is_refused(fake_stripe: FakeStripe) -> None:
    for body in [b"not json", b"[1, 2]", json.dumps({"id": 5, "type": "x"}).encode()]:
        response = post_event(body, sign(body))
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "payload_invalid"


def test_the_webhook_takes_posts_only(fake_stripe: FakeStripe) -> None:
    assert webhook_client().get("/billing/stripe/webhook/").status_code == 405


# --- duplicates -----------------------------------------------------------------------------


def test_a_redelivered_event_is_accepted_once(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha)
    event, body, header = fake_stripe.signed_event(
        "checkout.session.completed", _session_of(fake_stripe, subscription_id)
    )
    first = post_event(body, header)
    second = post_event(body, header)
    assert (first.status_code, first.json()["duplicate"]) == (200, False)
    assert (second.status_code, second.json()["duplicate"]) == (200, True)
    jobs = queued_event_jobs(event["id"])
    assert len(jobs) == 1
    assert run_job(jobs[0]) == "subscription_active"
    # The job again (a retry, a recovered worker): the outcome kept, nothing applied twice.
    audit_before = _audit_count(alpha)
    assert run_job(jobs[0]) == "subscription_active"
    assert _audit_count(alpha) == audit_before
    with public_schema():
        row = StripeEvent.objects.get(event_id=event["id"])
    assert row.processed_at is not None and row.type == "checkout.session.completed"


def _session_of(fake: FakeStripe, subscription_id: str) -> str:
    return next(
        key
        for key, value in fake.state.objects.items()
        if value.get("subscription") == subscription_id and key.startswith("cs_")
    )


def _audit_count(workspace: Workspace) -> int:
    with public_schema():
        return _account(workspace).audit.count()


# --- each event type ------------------------------------------------------------------------


def test_checkout_completed_in_subscription_mode_makes_a_card_subscription(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha, plan="pro")
    assert (
        deliver(fake_stripe, "checkout.session.completed", _session_of(fake_stripe, subscription_id))
        == "subscription_active"
    )
    account = _account(alpha)
    period_end = fake_stripe.state.objects[subscription_id]["items"]["data"][0]["current_period_end"]
    assert (account.status, account.plan.code, account.payment_method, account.billing_interval) == (
        "active",
        "pro",
        "card",
        "month",
    )
    assert (account.stripe_subscription_id, account.stripe_price_id) == (subscription_id, "price_pro_month")
    assert account.paid_until == datetime.fromtimestamp(period_end, tz=UTC)


def test_checkout_completed_in_payment_mode_buys_a_wechat_pay_term_once(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    url = checkout_start(
        account_for(alpha.tenant),
        plan_code="basic",
        interval="month",
        method="wechat_pay",
        months=3,
        return_url="http://x",
    )
    session_id = url.rsplit("/", 1)[1]
    # Not paid yet: nothing happens.
    assert deliver(fake_stripe, "checkout.session.completed", session_id) == "payment_pending"
    fake_stripe.state.complete_checkout(session_id)
    before = datetime.now(tz=UTC)
    assert deliver(fake_stripe, "checkout.session.completed", session_id) == "prepaid_3_months"
    account = _account(alpha)
    assert (account.status, account.plan.code, account.payment_method) == ("active", "basic", "wechat_pay")
    assert 89 <= (account.paid_until - before).days <= 92
    # A second event about the same payment (async_payment_succeeded) adds no second term.
    assert (
        deliver(fake_stripe, "checkout.session.async_payment_succeeded", session_id) == "term_already_applied"
    )
    assert _account(alpha).paid_until == account.paid_until
    with public_schema():
        invoice = BillingInvoice.objects.get(account=account, source="wechat_pay")
    with public_schema():
        monthly = Plan.objects.get(code="basic").monthly_price_fen
    assert (invoice.external_id, invoice.amount_fen, invoice.status) == (session_id, 3 * monthly, "paid")


def test_an_alipay_subscription_counts_once_its_invoice_is_paid(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    url = checkout_start(
        account_for(alpha.tenant),
        plan_code="basic",
        interval="year",
        method="alipay",
        months=None,
        return_url="http://x",
    )
    invoice_id = url.rsplit("/", 1)[1]
    subscription_id = fake_stripe.state.objects[invoice_id]["parent"]["subscription_details"]["subscription"]
    # Stripe calls a send_invoice subscription active before anything is paid.
    assert deliver(fake_stripe, "customer.subscription.created", subscription_id) == "subscription_incomplete"
    assert _account(alpha).status == "trialing"
    fake_stripe.state.pay_invoice(invoice_id)
    assert deliver(fake_stripe, "invoice.paid", invoice_id) == "invoice_paid; subscription_active"
    account = _account(alpha)
    assert (account.status, account.payment_method, account.billing_interval) == ("active", "alipay", "year")
    with public_schema():
        invoice = BillingInvoice.objects.get(account=account, external_id=invoice_id)
    assert (invoice.status, invoice.amount_fen, invoice.source) == ("paid", 99000, "stripe")
    assert invoice.hosted_url.endswith(invoice_id) and invoice.paid_at is not None


def test_a_failed_payment_makes_the_workspace_past_due_and_a_paid_invoice_restores_it(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    subscription_id = _active_by_card(fake_stripe, alpha)
    renewal = fake_stripe.state.renew(subscription_id)["id"]
    fake_stripe.state.fail_payment(renewal)
    assert deliver(fake_stripe, "invoice.payment_failed", renewal) == "invoice_open; subscription_past_due"
    account = _account(alpha)
    assert account.status == "past_due" and account.grace_ends_at is not None
    assert (
        deliver(fake_stripe, "invoice.payment_action_required", renewal)
        == "invoice_open; subscription_past_due"
    )
    fake_stripe.state.pay_invoice(renewal)
    assert deliver(fake_stripe, "invoice.paid", renewal) == "invoice_paid; subscription_active"
    assert _account(alpha).status == "active"
    with public_schema():
        assert BillingInvoice.objects.filter(account=account).count() == 1  # the renewal, upserted


@pytest.mark.parametrize(
    ("status", "outcome", "expected"),
    [("unpaid", "subscription_unpaid", "suspended"), ("paused", "subscription_paused", "suspended")],
)
def test_an_unpaid_or_paused_subscription_suspends(
    fake_stripe: FakeStripe, alpha: Workspace, status: str, outcome: str, expected: str
) -> None:
    subscription_id = _active_by_card(fake_stripe, alpha)
    fake_stripe.state.set_subscription_status(subscription_id, status)
    kind = "customer.subscription.paused" if status == "paused" else "customer.subscription.updated"
    assert deliver(fake_stripe, kind, subscription_id) == outcome
    assert _account(alpha).status == expected


def test_a_deleted_subscription_keeps_the_paid_term_then_ends(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    subscription_id = _active_by_card(fake_stripe, alpha)
    fake_stripe.state.set_subscription_status(subscription_id, "canceled")
    assert deliver(fake_stripe, "customer.subscription.deleted", subscription_id) == "subscription_canceled"
    assert _account(alpha).status == "active"  # paid to the end of the period
    # Cancelled at the period's end: nothing left.
    fake_stripe.state.objects[subscription_id]["items"]["data"][0]["current_period_end"] = (
        int(time.time()) - 60
    )
    assert deliver(fake_stripe, "customer.subscription.deleted", subscription_id) == "subscription_canceled"
    assert _account(alpha).status == "suspended"


def test_trial_will_end_rereads_the_subscription(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha)
    assert (
        deliver(fake_stripe, "customer.subscription.trial_will_end", subscription_id) == "subscription_active"
    )
    assert _account(alpha).stripe_subscription_id == subscription_id


def test_an_event_of_no_interest_is_stored_and_ignored(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha)
    assert deliver(fake_stripe, "customer.updated", subscription_id) == "ignored"
    assert _account(alpha).status == "trialing"


# --- order, strangers, outages --------------------------------------------------------------


def test_events_out_of_order_are_decided_by_the_reread(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    subscription_id = _active_by_card(fake_stripe, alpha)
    renewal = fake_stripe.state.renew(subscription_id)["id"]
    fake_stripe.state.fail_payment(renewal)
    went_past_due = fake_stripe.signed(fake_stripe.event("customer.subscription.updated", subscription_id))
    fake_stripe.state.pay_invoice(renewal)
    came_back = fake_stripe.signed(fake_stripe.event("customer.subscription.updated", subscription_id))
    # The later event first, the stale one second: Stripe says active now, so active it stays.
    for body, header in [came_back, went_past_due]:
        assert post_and_run(body, header, json.loads(body)["id"]) == "subscription_active"
    assert _account(alpha).status == "active"
    # deleted before updated: both re-read a cancelled subscription.
    stale_update = fake_stripe.signed(fake_stripe.event("customer.subscription.updated", subscription_id))
    fake_stripe.state.set_subscription_status(subscription_id, "canceled")
    fake_stripe.state.objects[subscription_id]["items"]["data"][0]["current_period_end"] = (
        int(time.time()) - 60
    )
    deleted = fake_stripe.signed(fake_stripe.event("customer.subscription.deleted", subscription_id))
    for body, header in [deleted, stale_update]:
        assert post_and_run(body, header, json.loads(body)["id"]) == "subscription_canceled"
    assert _account(alpha).status == "suspended"


def test_the_end_of_a_replaced_subscription_changes_nothing(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    old = _active_by_card(fake_stripe, alpha)
    fake_stripe.state.set_subscription_status(old, "canceled")
    new = _card_subscription(fake_stripe, alpha, plan="pro")
    assert deliver(fake_stripe, "customer.subscription.created", new) == "subscription_active"
    assert deliver(fake_stripe, "customer.subscription.deleted", old) == "subscription_replaced"
    account = _account(alpha)
    assert (account.status, account.plan.code, account.stripe_subscription_id) == ("active", "pro", new)


def test_an_event_for_an_unknown_customer_is_accepted_and_logged(
    fake_stripe: FakeStripe, alpha: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    customer = fake_stripe.state.customer_create({"name": "not ours"})
    event = fake_stripe.event(
        "invoice.paid", "in_x", snapshot={"id": "in_x", "object": "invoice", "customer": customer["id"]}
    )
    body, header = fake_stripe.signed(event)
    with caplog.at_level(logging.WARNING, logger="tenants.billing.stripe_events"):
        assert post_and_run(body, header, event["id"]) == "unknown_customer"
    assert customer["id"] in caplog.text
    assert _account(alpha).status == "trialing"


def test_a_stripe_outage_retries_the_job_and_changes_nothing_meanwhile(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    subscription_id = _card_subscription(fake_stripe, alpha)
    event, body, header = fake_stripe.signed_event("customer.subscription.created", subscription_id)
    with fake_stripe.outage():
        assert post_event(body, header).status_code == 200  # the webhook itself never calls Stripe
        with pytest.raises(BillingUnavailable):
            event_process(event["id"])
    with public_schema():
        assert StripeEvent.objects.get(event_id=event["id"]).processed_at is None
    assert _account(alpha).status == "trialing"
    assert event_process(event["id"]) == "subscription_active"  # the retry, Stripe back


def test_events_of_one_workspace_never_touch_another(
    fake_stripe: FakeStripe, alpha: Workspace, beta: Workspace
) -> None:
    stripe_customer_ensure(account_for(beta.tenant))
    subscription_id = _active_by_card(fake_stripe, alpha)
    fake_stripe.state.set_subscription_status(subscription_id, "unpaid")
    assert deliver(fake_stripe, "customer.subscription.updated", subscription_id) == "subscription_unpaid"
    assert _account(alpha).status == "suspended"
    beta_account = _account(beta)
    assert (beta_account.status, beta_account.stripe_subscription_id) == ("trialing", "")
    assert beta_account.stripe_customer_id != _account(alpha).stripe_customer_id
