"""Paying online in GraphQL: billingCheckoutStart and billingPortalStart, for the owner only.

Each answers the URL to open (Stripe Checkout, a hosted invoice, the customer portal); the
workspace changes only when Stripe's webhook says what was paid.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.choices import ChoiceEnum
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from tenants.billing import stripe_checkout


class BillingCheckoutMethod(
    ChoiceEnum,
    choices=("card", "alipay", "wechat_pay"),
    describe={
        "card": "A card subscription through Stripe Checkout.",
        "alipay": "A subscription whose invoices are paid by hand with Alipay on Stripe's invoice page.",
        "wechat_pay": "A prepaid term (3, 6 or 12 months) paid once with WeChat Pay.",
    },
):
    """How the owner pays: CARD (a Stripe subscription through Checkout), ALIPAY (a subscription
    whose invoices are paid by hand on Stripe's invoice page), WECHAT_PAY (a prepaid term of 3, 6
    or 12 months, paid once)."""


class BillingCheckoutInterval(
    ChoiceEnum,
    choices=("month", "year"),
    describe={"month": "Billed every month.", "year": "Billed every year."},
):
    """How often a subscription bills: MONTH or YEAR (card and Alipay)."""


MONTHLY = BillingCheckoutInterval("month")


@strawberry.type(description="Where to send the owner to pay, or why not.")
class BillingUrlPayload:
    url: str | None = strawberry.field(description="The Stripe page to open; null when errors is not empty.")
    errors: list[FieldError] = strawberry.field(
        description="billing_not_configured, billing_unavailable, plan_not_found, months_invalid, "
        "billing_subscription_exists, billing_no_customer, forbidden…"
    )


def _return_url(info: Info) -> str:
    return str(info.context.request.build_absolute_uri("/app/billing"))


@strawberry.type
class BillingCheckoutMutations:
    @strawberry.mutation(
        description="Start paying for a plan (owner only): the URL of Stripe Checkout (CARD, WECHAT_PAY) "
        "or of the first invoice's payment page (ALIPAY). The plan changes when Stripe confirms payment."
    )
    def billing_checkout_start(
        self,
        info: Info,
        plan: Annotated[str, strawberry.argument(description="The plan's code: basic or pro.")],
        method: Annotated[
            BillingCheckoutMethod, strawberry.argument(description="Card, Alipay or WeChat Pay.")
        ],
        interval: Annotated[
            BillingCheckoutInterval, strawberry.argument(description="Monthly or yearly (card and Alipay).")
        ] = MONTHLY,
        months: Annotated[
            int | None,
            strawberry.argument(description="WeChat Pay only: the prepaid term, 3, 6 or 12 months."),
        ] = None,
    ) -> BillingUrlPayload:
        url, errors = run_service(
            lambda: stripe_checkout.billing_checkout_start(
                actor=current_actor(info),
                tenant=info.context.request.tenant,
                plan_code=plan,
                interval=str(interval.value),
                method=str(method.value),
                months=months,
                return_url=_return_url(info),
            )
        )
        return BillingUrlPayload(url=url, errors=errors)

    @strawberry.mutation(
        description="Open Stripe's customer portal (owner only): cards, invoices, cancelling a subscription."
    )
    def billing_portal_start(self, info: Info) -> BillingUrlPayload:
        url, errors = run_service(
            lambda: stripe_checkout.billing_portal_start(
                actor=current_actor(info), tenant=info.context.request.tenant, return_url=_return_url(info)
            )
        )
        return BillingUrlPayload(url=url, errors=errors)
