"""Check-in photos of a workspace: the private original, the served watermarked JPEG, hashes (imported by models.py).

Three files per photo, all under the workspace's own folder (tenants/<schema>/fieldsales/…):
the original exactly as the phone sent it, kept as evidence with its SHA-256 and never served
(its EXIF holds the GPS position, the device and the time), and the upright watermarked JPEG
without metadata that saas/fieldsales/photos.py makes, with its small copy for lists: the only
files anyone downloads.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.db import connection, models
from django.db.models import Q
from django.utils import timezone


def _tenant_path(folder: str, suffix: str) -> str:
    """tenants/<schema>/fieldsales/<folder>/<random><suffix>: one tenant's files never mix with another's."""
    return f"tenants/{connection.schema_name}/fieldsales/{folder}/{uuid.uuid4().hex}{suffix}"  # type: ignore[attr-defined]


def original_path(instance: VisitPhoto, filename: str) -> str:
    return _tenant_path("originals", PurePosixPath(filename).suffix.lower()[:8])


def served_path(instance: VisitPhoto, filename: str) -> str:
    return _tenant_path("photos", ".jpg")


def thumbnail_path(instance: VisitPhoto, filename: str) -> str:
    return _tenant_path("photos", ".thumb.jpg")


class VisitPhoto(models.Model):
    """A photo a rep took at a customer, uploaded before the check-in that names it."""

    rep = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="visit_photos")
    # The watermark names the customer, so the upload binds the photo to it; the check-in that
    # names the photo must be at the same customer.
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="visit_photos")
    # Set when a check-in names the photo; until then only its rep can attach or see it.
    visit = models.ForeignKey(
        "fieldsales.Visit", null=True, blank=True, on_delete=models.PROTECT, related_name="photos"
    )
    original = models.FileField(upload_to=original_path, max_length=200)  # private: it has GPS
    served = models.FileField(upload_to=served_path, max_length=200)  # the watermarked JPEG
    # A small copy of `served` for lists; empty for photos stored before thumbnails were made.
    thumbnail = models.FileField(upload_to=thumbnail_path, max_length=200, blank=True, default="")
    original_sha256 = models.CharField(max_length=64)
    phash = models.CharField(max_length=16)  # 64-bit pHash, 16 hex digits (photos.phash)
    width = models.PositiveIntegerField()  # of the served JPEG
    height = models.PositiveIntegerField()
    taken_at = models.DateTimeField(default=timezone.now)  # when the server received it (watermarked)
    captured_at = models.DateTimeField(null=True, blank=True)  # when the phone says it was taken
    # An earlier photo of another visit whose pHash looks the same (photos.looks_reused), found
    # when this one was attached: a flag for a manager, never a refusal.
    reused_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # A resend of the same bytes for the same customer (a lost answer) finds the first
            # upload while it waits for its check-in; once attached, the same bytes make a new
            # photo, which the reuse check then flags.
            models.UniqueConstraint(
                fields=["rep", "customer", "original_sha256"],
                condition=Q(visit__isnull=True),
                name="visit_photo_unattached_once",
            ),
            # The reuse check compares hashes in SQL as bit(64): only 16 hex digits may be stored.
            models.CheckConstraint(condition=Q(phash__regex=r"^[0-9a-f]{16}$"), name="visit_photo_phash_hex"),
        ]

    def __str__(self) -> str:
        return f"photo {self.pk}: {self.rep_id} at {self.customer_id}"

    @property
    def reused(self) -> bool:
        return self.reused_from_id is not None

    @property
    def url(self) -> str:
        """The watermarked JPEG on the workspace's own host (saas/fieldsales/views.py); the
        original has no URL at all."""
        return f"/fieldsales/photos/{self.pk}/"

    @property
    def thumbnail_url(self) -> str:
        """The small copy, behind the same visibility; the full JPEG for older photos without one."""
        return f"/fieldsales/photos/{self.pk}/thumbnail/" if self.thumbnail else self.url
