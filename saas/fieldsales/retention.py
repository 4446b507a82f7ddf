"""Forgetting positions after the workspace's retention period (PIPL: location tracks are
sensitive personal information; FieldSettings.position_retention_days, 180 by default).

Nightly, per workspace (saas/fieldsales/tasks.py): check-in and check-out positions older than
the period are cleared (the distance and verdict stay: they are what the check-in proved, not
where the rep was), and so are the originals of check-in photos, whose EXIF still carries the
phone's GPS; the served, watermarked copy (no metadata) and the original's SHA-256 stay as the
evidence. Customers' sites are the shops' addresses, not a person's track: they stay.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from saas.fieldsales.models import Visit, VisitPhoto
from saas.fieldsales.services import field_settings


def positions_forget(now: datetime | None = None) -> tuple[int, int]:
    """(visits whose positions were cleared, photo originals deleted)."""
    cutoff = (now or timezone.now()) - timedelta(days=field_settings().position_retention_days)
    visits = (
        Visit.objects.filter(checked_in_at__lt=cutoff)
        .filter(Q(latitude__isnull=False) | Q(checkout_latitude__isnull=False))
        .update(
            latitude=None,
            longitude=None,
            accuracy_m=None,
            checkout_latitude=None,
            checkout_longitude=None,
            checkout_accuracy_m=None,
        )
    )
    originals = 0
    for photo in VisitPhoto.objects.filter(taken_at__lt=cutoff).exclude(original=""):
        if photo.original.name:
            photo.original.storage.delete(photo.original.name)
        photo.original = ""  # type: ignore[assignment]
        photo.save(update_fields=["original"])
        originals += 1
    return visits, originals
