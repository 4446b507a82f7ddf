"""The workspace's distribution settings row, read by services and selectors alike."""

from __future__ import annotations

from saas.distribution.models import DistributionSettings


def distribution_settings() -> DistributionSettings:
    """The row, made with the defaults on first use (a concurrent first use finds the other's row)."""
    row = DistributionSettings.objects.select_related("warehouse").order_by("pk").first()
    if row is None:
        row, _created = DistributionSettings.objects.get_or_create(pk=1)
    return row
