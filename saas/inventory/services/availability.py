"""The workspace's choice of how distributors see availability: a band, or nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import Forbidden, InvalidInput
from saas.inventory.availability import may_set_distributor_availability
from saas.inventory.models import DistributorAvailability, InventorySettings


@transaction.atomic
def distributor_availability_set(*, actor: Actor, mode: str) -> InventorySettings:
    if not may_set_distributor_availability(actor):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    if mode not in DistributorAvailability.values:
        raise InvalidInput(
            _("Show distributors a band or nothing."), code="availability_mode_invalid", field="mode"
        )
    row = InventorySettings.objects.select_for_update().order_by("pk").first()
    if row is None:
        # A concurrent first save finds the other's row instead of making a second one.
        row, _created = InventorySettings.objects.get_or_create(pk=1)
        row = InventorySettings.objects.select_for_update().get(pk=row.pk)
    row.distributor_availability = mode
    row.save(update_fields=["distributor_availability"])
    return row
