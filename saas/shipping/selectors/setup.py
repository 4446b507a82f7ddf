"""Reads of the shipping setup: carriers, the carrier suggestion for a tracking number, print
templates and settings."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import Length

from saas.accounts.actors import Actor, require_actor
from saas.shipping.access import require_settings_manager, require_shipper
from saas.shipping.carriers import (
    MAX_TRACKING_LENGTH,
    Candidate,
    PatternCarrier,
    normalise_tracking,
    rank_candidates,
    shape_key,
)
from saas.shipping.models import Carrier, PrintTemplate, Shipment, ShipmentStatus, ShippingSettings
from saas.shipping.printing.fields import FIELDS, ResolvedField, clean_kind, resolve
from saas.shipping.services.settings import shipping_settings


def carrier_list(*, actor: Actor, include_inactive: bool = False) -> QuerySet[Carrier]:
    """Most used carriers first (by their priority)."""
    require_actor(actor)
    queryset = Carrier.objects.all()
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    return queryset.order_by("-priority", "id")


@dataclass(frozen=True)
class SuggestedCarrier:
    carrier: Carrier
    candidate: Candidate
    taken_by: str | None  # the shipment already using this number with this carrier


@dataclass(frozen=True)
class CarrierSuggestion:
    tracking_number: str  # normalised: upper case, no spaces
    well_formed: bool  # letters and digits, at most 40
    candidates: list[SuggestedCarrier]


def _usage(number: str) -> dict[int, int]:
    """How many of this workspace's shipments per carrier have numbers shaped like this one."""
    prefix, length = shape_key(number)
    rows = (
        Shipment.objects.filter(tracking_number__startswith=prefix, carrier__isnull=False)
        .annotate(length=Length("tracking_number"))
        .filter(length=length)
        .values("carrier_id")
        .annotate(n=Count("id"))
        .values_list("carrier_id", "n")
    )
    return dict(rows)


def carrier_suggest(*, actor: Actor, tracking_number: str) -> CarrierSuggestion:
    """Ranked carriers for a number being typed or scanned (see saas.shipping.carriers)."""
    require_shipper(actor)
    number = normalise_tracking(tracking_number)[: MAX_TRACKING_LENGTH + 1]
    well_formed = (
        bool(number) and len(number) <= MAX_TRACKING_LENGTH and number.isalnum() and number.isascii()
    )
    if not well_formed:
        return CarrierSuggestion(number, False, [])
    carriers = {c.pk: c for c in Carrier.objects.filter(is_active=True)}
    patterns = [PatternCarrier(c.pk, c.code, c.tracking_pattern, c.priority) for c in carriers.values()]
    candidates = rank_candidates(number, patterns)
    if sum(1 for c in candidates if c.complete) > 1:
        candidates = rank_candidates(number, patterns, _usage(number))
    taken = dict(
        Shipment.objects.filter(tracking_number=number)
        .exclude(status=ShipmentStatus.CANCELLED)
        .values_list("carrier_id", "number")
    )
    return CarrierSuggestion(
        number,
        True,
        [SuggestedCarrier(carriers[c.carrier_id], c, taken.get(c.carrier_id)) for c in candidates],
    )


def settings_get(*, actor: Actor) -> ShippingSettings:
    require_actor(actor)
    return shipping_settings()


@dataclass(frozen=True)
class TemplateView:
    kind: str
    title: str
    fields: list[ResolvedField]
    customised: bool


def print_template_get(*, actor: Actor, kind: str) -> TemplateView:
    require_actor(actor)
    kind = clean_kind(kind)
    template = PrintTemplate.objects.filter(kind=kind).first()
    return TemplateView(
        kind=kind,
        title=template.title if template else "",
        fields=resolve(kind, template.fields if template else None),
        customised=template is not None,
    )


def print_template_list(*, actor: Actor) -> list[TemplateView]:
    require_settings_manager(actor)
    saved = {t.kind: t for t in PrintTemplate.objects.all()}
    return [
        TemplateView(
            kind=kind,
            title=saved[kind].title if kind in saved else "",
            fields=resolve(kind, saved[kind].fields if kind in saved else None),
            customised=kind in saved,
        )
        for kind in FIELDS
    ]
