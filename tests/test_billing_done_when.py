"""Issue 19's done-when, end to end against the local fake Stripe: a workspace signs up on a
trial, upgrades by card through Checkout, goes past_due and then suspended by webhooks, can still
sign in, read and export but change nothing, and is restored by a paid invoice; a second
workspace buys six months with WeChat Pay; every webhook verified and idempotent."""

from __future__ import annotations

from datetime import UTC, datetime

from django.test import Client

from saas.core.tenancy import public_schema
from tenants.billing.models import BillingAccount
from tenants.services import tenant_signup
from tests.fakes.stripe_server import FakeStripe
from tests.fixtures.jobs import run_job
from tests.fixtures.stripe import deliver, post_event, queued_event_jobs
from tests.fixtures.tenants import PASSWORD, Workspace, client_for, graphql

LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"
CHECKOUT = """
mutation Start($plan: String!, $method: BillingCheckoutMethod!, $months: Int) {
  billingCheckoutStart(plan: $plan, method: $method, months: $months) { url errors { code } }
}"""
CREATE_CATEGORY = 'mutation { categoryCreate(input: {name: "新类目"}) { errors { code } } }'


def _account(tenant: object) -> BillingAccount:
    with public_schema():
        return BillingAccount.objects.select_related("plan").get(tenant=tenant)


def _signed_in(host: str, email: str) -> Client:
    client = Client(HTTP_HOST=host)
    assert graphql(client, LOGIN, {"e": email, "p": PASSWORD})["data"]["login"]["errors"] == []
    return client


def _pay_url(client: Client, **variables: object) -> str:
    answer = graphql(client, CHECKOUT, {"plan": "basic", **variables})["data"]["billingCheckoutStart"]
    assert answer["errors"] == []
    return str(answer["url"])


def test_sign_up_upgrade_by_card_fall_behind_be_suspended_pay_and_a_second_workspace_prepays(
    fake_stripe: FakeStripe, beta: Workspace
) -> None:
    # Sign-up: a trial, no card, no call to Stripe.
    signup = tenant_signup(
        company_name="伽马贸易",
        slug="gamma",
        owner_name="gamma owner",
        email="owner@gamma.test",
        password=PASSWORD,
    )
    gamma = Workspace(tenant=signup.tenant, users={"owner": signup.owner})
    assert _account(gamma.tenant).status == "trialing"
    assert fake_stripe.calls() == []

    # Upgrade by card through Checkout; Stripe's webhook makes it active.
    owner = _signed_in(gamma.host, "owner@gamma.test")
    session_id = _pay_url(owner, method="CARD").rsplit("/", 1)[1]
    session = fake_stripe.state.complete_checkout(session_id)
    assert deliver(fake_stripe, "checkout.session.completed", session_id) == "subscription_active"
    subscription_id = str(session["subscription"])
    assert deliver(fake_stripe, "customer.subscription.created", subscription_id) == "subscription_active"
    account = _account(gamma.tenant)
    assert (account.status, account.plan.code, account.payment_method) == ("active", "basic", "card")

    # The next month's charge fails: past_due (the grace period); Stripe gives up: suspended.
    renewal = fake_stripe.state.renew(subscription_id)["id"]
    fake_stripe.state.fail_payment(renewal)
    assert deliver(fake_stripe, "invoice.payment_failed", renewal) == "invoice_open; subscription_past_due"
    assert _account(gamma.tenant).status == "past_due"
    fake_stripe.state.set_subscription_status(subscription_id, "unpaid")
    assert deliver(fake_stripe, "customer.subscription.updated", subscription_id) == "subscription_unpaid"
    assert _account(gamma.tenant).status == "suspended"

    # Suspended: sign in, read and export still work; nothing changes.
    reader = _signed_in(gamma.host, "owner@gamma.test")
    assert graphql(reader, "{ me { email } }")["data"]["me"]["email"] == "owner@gamma.test"
    export = reader.get("/reports/customers.csv")
    assert export.status_code == 200
    refused = graphql(reader, CREATE_CATEGORY)
    assert refused["data"] is None and refused["errors"][0]["extensions"]["code"] == "workspace_read_only"
    # Paying stays open: the portal, for the card.
    portal = graphql(reader, "mutation { billingPortalStart { url errors { code } } }")["data"][
        "billingPortalStart"
    ]
    assert portal["errors"] == [] and "/portal/" in portal["url"]

    # The invoice is paid (a new card in the portal): restored at once.
    fake_stripe.state.pay_invoice(renewal)
    event, body, header = fake_stripe.signed_event("invoice.paid", renewal)
    assert post_event(body, header).status_code == 200
    (job,) = queued_event_jobs(event["id"])
    assert run_job(job) == "invoice_paid; subscription_active"
    assert _account(gamma.tenant).status == "active"
    assert graphql(reader, CREATE_CATEGORY)["data"]["categoryCreate"]["errors"] == []
    # Stripe delivers it again: accepted, nothing queued, nothing changes.
    again = post_event(body, header)
    assert (again.status_code, again.json()["duplicate"]) == (200, True)
    assert queued_event_jobs(event["id"]) == [job]

    # A second workspace buys six months with WeChat Pay.
    beta_owner = client_for(beta, beta.users["owner"])
    wechat_session = _pay_url(beta_owner, method="WECHAT_PAY", months=6).rsplit("/", 1)[1]
    fake_stripe.state.complete_checkout(wechat_session)
    paid_at = datetime.now(tz=UTC)
    assert deliver(fake_stripe, "checkout.session.completed", wechat_session) == "prepaid_6_months"
    prepaid = _account(beta.tenant)
    assert (prepaid.status, prepaid.payment_method) == ("active", "wechat_pay")
    assert prepaid.paid_until is not None and 180 <= (prepaid.paid_until - paid_at).days <= 184
    assert _account(gamma.tenant).payment_method == "card"  # each workspace its own
