"""The onboarding checklist: each step ticked from the workspace's own data (sample rows do not
count), for the people who manage the workspace. One query answers every step."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.catalog.models import Product
from saas.inventory.models import Warehouse
from saas.onboarding.access import require_workspace_manager
from saas.onboarding.models import OnboardingState, SampleKind, SampleRecord
from saas.sales.models import SalesOrder
from saas.shipping.models import ShippingSettings

# The steps in the order the screen lists them; the app maps each key to a label and a screen.
STEPS = ("company", "warehouse", "products", "colleagues", "first_order")


@dataclass(frozen=True)
class OnboardingStep:
    key: str
    done: bool


@dataclass(frozen=True)
class Onboarding:
    steps: list[OnboardingStep]
    dismissed: bool
    sample_loaded: bool

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)


def _real(model: type, kind: str) -> Exists:
    """Some row of `model` that the sample loader did not make."""
    sample = SampleRecord.objects.filter(kind=kind).values("object_id")
    return Exists(model.objects.exclude(pk__in=sample))  # type: ignore[attr-defined]


def onboarding(*, actor: Actor) -> Onboarding:
    user = require_workspace_manager(actor)
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            # The letterhead (what prints carry) is the company details a new workspace fills in.
            company=Exists(ShippingSettings.objects.exclude(print_phone="", print_address="").values("id")),
            warehouse=_real(Warehouse, SampleKind.WAREHOUSE),
            products=_real(Product, SampleKind.PRODUCT),
            colleagues=Exists(User.objects.exclude(pk=OuterRef("pk")).filter(Q(is_active=True))),
            first_order=_real(SalesOrder, SampleKind.SALES_ORDER),
            sample=Exists(SampleRecord.objects.all()),
            dismissed=Exists(OnboardingState.objects.filter(dismissed_at__isnull=False)),
        )
        .values(*STEPS, "sample", "dismissed")
        .get()
    )
    return Onboarding(
        steps=[OnboardingStep(key, bool(row[key])) for key in STEPS],
        dismissed=row["dismissed"],
        sample_loaded=row["sample"],
    )
