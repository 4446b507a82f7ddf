"""Mutations of the home screen: put the checklist away, load or remove the sample data."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.dashboard.types import OnboardingType
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_user
from saas.onboarding import services
from saas.onboarding.selectors import onboarding


@strawberry.type(description="The checklist after the change, or why nothing changed.")
class OnboardingPayload:
    onboarding: OnboardingType | None = strawberry.field(description="The checklist now; null on errors.")
    errors: list[FieldError] = strawberry.field(description="Why nothing changed; empty on success.")


def _answer(info: Info, call: object) -> OnboardingPayload:
    _done, errors = run_service(call)  # type: ignore[arg-type]
    if errors:
        return OnboardingPayload(onboarding=None, errors=errors)
    return OnboardingPayload(onboarding=OnboardingType.of(onboarding(actor=current_user(info))), errors=[])


@strawberry.type
class DashboardMutations:
    @strawberry.mutation(
        description="Put the checklist away (dismissed: false brings it back). Owners and admins."
    )
    def onboarding_dismiss(
        self,
        info: Info,
        dismissed: Annotated[
            bool, strawberry.argument(description="true puts the checklist away, false brings it back.")
        ] = True,
    ) -> OnboardingPayload:
        return _answer(
            info, lambda: services.onboarding_dismiss(actor=current_user(info), dismissed=dismissed)
        )

    @strawberry.mutation(
        description="Fill the clearly marked sample set (【示例】 customers and products, a sample "
        "warehouse with stock, a few orders) through the ordinary services; sample_loaded when it is there."
    )
    def sample_data_load(self, info: Info) -> OnboardingPayload:
        return _answer(info, lambda: services.sample_data_load(actor=current_user(info)))

    @strawberry.mutation(
        description="Remove the sample set completely; sample_in_use (nothing removed) when real data "
        "uses a sample record, sample_not_loaded when there is none."
    )
    def sample_data_remove(self, info: Info) -> OnboardingPayload:
        return _answer(info, lambda: services.sample_data_remove(actor=current_user(info)))
