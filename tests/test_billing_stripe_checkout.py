"""billingCheckoutStart and billingPortalStart against the fake Stripe: what each method opens at
Stripe, the owner-only rule, Stripe not configured, and Stripe down."""

from __future__ import annotations

from typing import Any

import pytest

from saas.core.tenancy import public_schema
from tenants.billing.models import BillingAccount, Plan
from tenants.billing.services import account_for
from tests.fakes.stripe_server import FakeStripe
from tests.fixtures.tenants import Workspace, client_for, graphql

CHECKOUT = """
mutation Start($plan: String!, $method: BillingCheckoutMethod!, $interval: BillingCheckoutInterval, $months: Int) {
  billingCheckoutStart(plan: $plan, method: $method, interval: $interval, months: $months) {
    url errors { field code message }
  }
}"""
PORTAL = "mutation { billingPortalStart { url errors { field code message } } }"


def _start(workspace: Workspace, role: str = "owner", **variables: Any) -> dict:
    answer = graphql(client_for(workspace, workspace.users[role]), CHECKOUT, {"plan": "basic", **variables})
    return dict(answer["data"]["billingCheckoutStart"])


def _codes(payload: dict) -> list[str]:
    return [error["code"] for error in payload["errors"]]


def _account(workspace: Workspace) -> BillingAccount:
    with public_schema():
        return BillingAccount.objects.get(tenant=workspace.tenant)


def test_card_opens_checkout_in_subscription_mode_with_one_customer(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    first = _start(alpha, method="CARD", interval="YEAR")
    assert first["errors"] == [] and first["url"].startswith(f"{fake_stripe.url}/pay/cs_test_")
    second = _start(alpha, method="CARD")
    assert second["errors"] == []
    customers = fake_stripe.calls("POST", "/v1/customers")
    assert len(customers) == 1 and customers[0][2]["metadata"]["workspace"] == "alpha"
    assert customers[0][2]["email"] == "owner@alpha.test"
    sessions = [params for _, _, params in fake_stripe.calls("POST", "/v1/checkout/sessions")]
    assert [s["line_items"][0]["price"] for s in sessions] == ["price_basic_year", "price_basic_month"]
    assert {s["mode"] for s in sessions} == {"subscription"}
    assert sessions[0]["payment_method_types"] == ["card"]
    assert sessions[0]["success_url"] == "http://alpha.localhost/app/billing?paid=1"
    assert sessions[0]["subscription_data"]["metadata"] == {
        "account": str(_account(alpha).pk),
        "plan": "basic",
        "method": "card",
    }
    assert _account(alpha).status == "trialing"  # nothing changes before Stripe says it is paid


def test_alipay_opens_the_first_invoice_of_a_send_invoice_subscription(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    payload = _start(alpha, method="ALIPAY", plan="pro")
    assert payload["errors"] == [] and payload["url"].startswith(f"{fake_stripe.url}/invoice/in_")
    ((_, _, params),) = fake_stripe.calls("POST", "/v1/subscriptions")
    assert (params["collection_method"], params["days_until_due"]) == ("send_invoice", "7")
    assert params["payment_settings"] == {"payment_method_types": ["alipay"]}
    assert params["items"] == [{"price": "price_pro_month"}]
    invoice_id = payload["url"].rsplit("/", 1)[1]
    assert fake_stripe.state.objects[invoice_id]["status"] == "open"  # finalized now, not in an hour
    assert len(fake_stripe.calls("POST", f"/v1/invoices/{invoice_id}/finalize")) == 1


def test_wechat_pay_buys_a_prepaid_term_in_payment_mode(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    payload = _start(alpha, method="WECHAT_PAY", months=6)
    assert payload["errors"] == [] and "/pay/cs_test_" in payload["url"]
    ((_, _, params),) = fake_stripe.calls("POST", "/v1/checkout/sessions")
    with public_schema():
        monthly = Plan.objects.get(code="basic").monthly_price_fen
    assert params["mode"] == "payment" and params["payment_method_types"] == ["wechat_pay"]
    assert params["payment_method_options"] == {"wechat_pay": {"client": "web"}}
    assert params["line_items"][0]["price_data"]["unit_amount"] == str(6 * monthly)
    assert params["metadata"]["months"] == "6"
    twelve = _start(alpha, method="WECHAT_PAY", months=12)
    assert twelve["errors"] == []
    with public_schema():
        yearly = Plan.objects.get(code="basic").yearly_price_fen
    assert fake_stripe.calls("POST", "/v1/checkout/sessions")[1][2]["line_items"][0]["price_data"][
        "unit_amount"
    ] == str(yearly)


@pytest.mark.parametrize(
    ("variables", "code", "field"),
    [
        ({"method": "WECHAT_PAY", "months": 5}, "months_invalid", "months"),
        ({"method": "WECHAT_PAY"}, "months_invalid", "months"),
        ({"method": "CARD", "months": 6}, "months_invalid", "months"),
        ({"method": "CARD", "plan": "trial"}, "plan_not_found", "plan"),
        ({"method": "CARD", "plan": "gold"}, "plan_not_found", "plan"),
    ],
)
def test_bad_choices_are_refused_before_stripe_is_called(
    fake_stripe: FakeStripe, alpha: Workspace, variables: dict, code: str, field: str
) -> None:
    payload = _start(alpha, **variables)
    assert payload["url"] is None
    assert [(e["code"], e["field"]) for e in payload["errors"]] == [(code, field)]
    assert payload["errors"][0]["message"]
    assert fake_stripe.calls() == []


def test_a_plan_without_a_stripe_price_cannot_be_paid_by_card(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    with public_schema():
        Plan.objects.filter(code="basic").update(stripe_price_monthly="")
    assert _codes(_start(alpha, method="CARD")) == ["billing_not_configured"]


def test_a_second_live_subscription_is_refused(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    url = _start(alpha, method="CARD")["url"]
    session = fake_stripe.state.complete_checkout(url.rsplit("/", 1)[1])
    with public_schema():
        BillingAccount.objects.filter(tenant=alpha.tenant).update(
            stripe_subscription_id=session["subscription"]
        )
    assert _codes(_start(alpha, method="CARD")) == ["billing_subscription_exists"]
    assert _codes(_start(alpha, method="ALIPAY")) == ["billing_subscription_exists"]


def test_only_the_owner_may_start_a_payment(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    for role in ["admin", "manager", "finance", "distributor"]:
        assert _codes(_start(alpha, role, method="CARD")) == ["forbidden"]
        portal = graphql(client_for(alpha, alpha.users[role]), PORTAL)["data"]["billingPortalStart"]
        assert [e["code"] for e in portal["errors"]] == ["forbidden"]
    anonymous = graphql(client_for(alpha), CHECKOUT, {"plan": "basic", "method": "CARD"})
    assert anonymous["data"]["billingCheckoutStart"]["errors"][0]["code"] == "unauthenticated"
    assert fake_stripe.calls() == []


def test_without_stripe_billing_is_not_configured(
    fake_stripe: FakeStripe, settings: Any, alpha: Workspace
) -> None:
    settings.STRIPE_API_KEY = ""
    assert _codes(_start(alpha, method="CARD")) == ["billing_not_configured"]
    portal = graphql(client_for(alpha, alpha.users["owner"]), PORTAL)["data"]["billingPortalStart"]
    assert [e["code"] for e in portal["errors"]] == ["billing_not_configured"]
    assert fake_stripe.calls() == []


def test_a_stripe_outage_is_billing_unavailable_and_leaves_nothing(
    fake_stripe: FakeStripe, alpha: Workspace
) -> None:
    with fake_stripe.outage():
        for method in ["CARD", "ALIPAY"]:
            assert _codes(_start(alpha, method=method)) == ["billing_unavailable"]
        assert _codes(_start(alpha, method="WECHAT_PAY", months=3)) == ["billing_unavailable"]
    assert _account(alpha).stripe_customer_id == ""


def test_stripe_unreachable_is_billing_unavailable(
    fake_stripe: FakeStripe, settings: Any, alpha: Workspace
) -> None:
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    assert _codes(_start(alpha, method="CARD")) == ["billing_unavailable"]


def test_the_portal_opens_for_a_workspace_stripe_knows(fake_stripe: FakeStripe, alpha: Workspace) -> None:
    owner = client_for(alpha, alpha.users["owner"])
    first = graphql(owner, PORTAL)["data"]["billingPortalStart"]
    assert [e["code"] for e in first["errors"]] == ["billing_no_customer"]
    _start(alpha, method="CARD")
    opened = graphql(owner, PORTAL)["data"]["billingPortalStart"]
    assert opened["errors"] == [] and opened["url"].startswith(f"{fake_stripe.url}/portal/bps_")
    ((_, _, params),) = fake_stripe.calls("POST", "/v1/billing_portal/sessions")
    assert params == {
        "customer": _account(alpha).stripe_customer_id,
        "return_url": "http://alpha.localhost/app/billing",
    }


def test_each_workspace_pays_as_its_own_customer(
    fake_stripe: FakeStripe, alpha: Workspace, beta: Workspace
) -> None:
    _start(alpha, method="CARD")
    _start(beta, method="CARD")
    alpha_customer, beta_customer = _account(alpha).stripe_customer_id, _account(beta).stripe_customer_id
    assert alpha_customer and beta_customer and alpha_customer != beta_customer
    sessions = [params["customer"] for _, _, params in fake_stripe.calls("POST", "/v1/checkout/sessions")]
    assert sessions == [alpha_customer, beta_customer]
    account_for(alpha.tenant)  # unchanged by beta's payment
    assert _account(alpha).stripe_customer_id == alpha_customer
