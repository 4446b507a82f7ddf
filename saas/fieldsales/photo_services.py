"""Check-in photos written: the upload (stored under the workspace, watermarked), and attaching to a check-in.

A rep uploads each photo on its own (saas/fieldsales/views.py) and then names the photos in the
check-in (`visit_check_in(photo_ids=…)`, which calls `visit_photos_attach` in its transaction).
The upload keeps the original bytes untouched as evidence (private: they carry the phone's GPS
position) and stores the watermarked JPEG that photos.process_photo makes, the only file served.
The same bytes sent again by the same rep for the same customer (the phone's retry after a lost
answer) return the first photo while it waits for its check-in. At attach time the photo's
perceptual hash is compared with the photos of every other visit of the workspace: a match sets
`reused_from` for a manager to look at; it never refuses the check-in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile, File
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.catalog.services.images import sniff_image_type
from saas.core.clock import tenant_zone
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.customers.access import visible_customer
from saas.customers.models import Address, Customer
from saas.fieldsales.access import require_field_person
from saas.fieldsales.models import CustomerSite, Visit
from saas.fieldsales.photo_models import VisitPhoto
from saas.fieldsales.photos import MAX_PHOTO_BYTES, REUSE_THRESHOLD, looks_reused, process_photo

MAX_VISIT_PHOTOS = 9
# The check-in's own bounds on the phone's claimed time (services.py): a photo waits in the same
# outbox, so the same claims are believable.
CLOCK_SKEW = timedelta(minutes=5)
OLDEST_CAPTURE = timedelta(days=7)
NO_PLACE = "—"


def visit_photo_upload(
    *, actor: Actor, customer_id: Any, upload: File | None, captured_at: Any = None
) -> VisitPhoto:
    """A rep's photo at a customer, stored and watermarked with the time (the server's, in the
    workspace's time zone), the place, the customer and the rep. Refuses with `photo_invalid` or
    `photo_too_large` (nothing stored); the same bytes again for the same customer, before a
    check-in names them, return the first photo."""
    rep = require_field_person(actor)
    customer = visible_customer(rep, customer_id, field="customer_id")
    raw = _read(upload)
    received = timezone.now()
    captured = _claimed(captured_at, received)
    earlier = _waiting(rep, customer, hashlib.sha256(raw).hexdigest())
    if earlier is not None:
        return earlier
    try:
        processed = process_photo(
            raw,
            taken_at=received.astimezone(tenant_zone()),
            place=photo_place(customer),
            customer=customer.name,
            rep=rep.full_name or rep.email,
        )
    except InvalidInput as exc:  # the form's field is `file`
        raise InvalidInput(exc.message, code=exc.code, field="file") from None
    photo = VisitPhoto(
        rep=rep,
        customer=customer,
        original_sha256=processed.original_sha256,
        phash=processed.phash,
        width=processed.width,
        height=processed.height,
        taken_at=received,
        captured_at=captured,
        created_at=received,
    )
    try:
        # Our names (tenants/<schema>/fieldsales/…), never the client's.
        photo.original.save(f"original{_original_suffix(raw)}", ContentFile(raw), save=False)
        photo.served.save("photo.jpg", ContentFile(processed.served_jpeg), save=False)
        photo.thumbnail.save("thumbnail.jpg", ContentFile(processed.thumbnail_jpeg), save=False)
        with transaction.atomic():
            photo.save()
    except IntegrityError:
        # The same bytes raced in from a second request: the first one's photo is the answer.
        _discard_files(photo)
        found = _waiting(rep, customer, processed.original_sha256)
        if found is None:
            raise
        return found
    except BaseException:
        _discard_files(photo)
        raise
    return photo


def _read(upload: File | None) -> bytes:
    if upload is None:
        raise InvalidInput(_("Choose a photo."), code="photo_invalid", field="file")
    upload.seek(0)
    # One byte more than allowed is enough for process_photo to say it is too large.
    return upload.read(MAX_PHOTO_BYTES + 1)


def _original_suffix(raw: bytes) -> str:
    suffix = sniff_image_type(raw[:12])
    if suffix is not None:
        return suffix
    return ".heic" if raw[4:8] == b"ftyp" else ""  # the only other format process_photo opens


def _discard_files(photo: VisitPhoto) -> None:
    for field_file in (photo.original, photo.served, photo.thumbnail):
        if field_file.name:
            field_file.storage.delete(field_file.name)


def _waiting(rep: User, customer: Customer, sha256: str) -> VisitPhoto | None:
    return VisitPhoto.objects.filter(
        rep=rep, customer=customer, original_sha256=sha256, visit__isnull=True
    ).first()


def _claimed(value: Any, received: datetime) -> datetime | None:
    """The phone's claimed capture time, kept beside the server's; None without one."""
    if value is None or value == "":
        return None
    try:
        # parse_datetime raises ValueError for a well-formed impossible time (30 February, 25:00).
        moment = value if isinstance(value, datetime) else parse_datetime(str(value).strip()[:40])
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        raise InvalidInput(
            _("Give the time with its time zone."), code="datetime_invalid", field="captured_at"
        )
    if moment > received + CLOCK_SKEW:
        raise InvalidInput(
            _("The capture time is in the future; check the phone's clock."),
            code="captured_at_future",
            field="captured_at",
        )
    if moment < received - OLDEST_CAPTURE:
        raise InvalidInput(
            _("Photos taken more than 7 days ago cannot be sent any more."),
            code="captured_at_too_old",
            field="captured_at",
        )
    return min(moment, received)


def photo_place(customer: Customer) -> str:
    """Where the watermark says the photo was taken: the customer's site (WGS-84), else its
    default address's city and district, else a dash. Never the photo's own GPS, which the
    served file must not reveal."""
    site = CustomerSite.objects.filter(
        customer=customer, latitude__isnull=False, longitude__isnull=False
    ).first()
    if site is not None and site.latitude is not None and site.longitude is not None:
        return f"{site.latitude:.6f}, {site.longitude:.6f}"
    address = Address.objects.filter(customer=customer, is_default=True).first()
    text = f"{address.city}{address.district}".strip() if address is not None else ""
    return text or NO_PLACE


# Attaching to a check-in


def _photo_not_found(index: int) -> InvalidInput:
    return InvalidInput(_("Photo not found."), code="photo_not_found", field=f"photo_ids.{index}")


def _attachable(rep: User, customer: Customer) -> QuerySet[VisitPhoto]:
    return VisitPhoto.objects.filter(rep=rep, customer=customer, visit__isnull=True)


def _named(photo_ids: Sequence[Any], queryset: QuerySet[VisitPhoto]) -> list[VisitPhoto]:
    """The photos `photo_ids` name, in their order (a repeated id once); the first id that names
    no photo of `queryset` is photo_not_found at its index."""
    if len(photo_ids) > MAX_VISIT_PHOTOS:
        raise InvalidInput(
            _("At most %(n)d photos per check-in.") % {"n": MAX_VISIT_PHOTOS},
            code="too_many_photos",
            field="photo_ids",
        )
    ids = [parse_id(value) for value in photo_ids]
    found = {photo.pk: photo for photo in queryset.filter(pk__in=[pk for pk in ids if pk is not None])}
    named: list[VisitPhoto] = []
    for index, pk in enumerate(ids):
        if pk is None or pk not in found:
            raise _photo_not_found(index)
        if found[pk] not in named:
            named.append(found[pk])
    return named


def visit_photos_check(*, rep: User, customer: Customer, photo_ids: Sequence[Any]) -> None:
    """Before a check-in is written: each id names a photo this rep uploaded at this customer
    that no check-in has taken yet (at most 9)."""
    _named(photo_ids, _attachable(rep, customer))


def visit_photos_attach(*, visit: Visit, photo_ids: Sequence[Any]) -> list[VisitPhoto]:
    """Within the check-in's transaction: the named photos, locked and checked again (another
    check-in may have taken one meanwhile), become the visit's, each flagged when it looks like
    a photo of another visit."""
    photos = _named(photo_ids, _attachable(visit.rep, visit.customer).select_for_update())
    for photo in photos:
        photo.visit = visit
        photo.reused_from = _earlier_copy(photo, visit)
        photo.save(update_fields=["visit", "reused_from"])
    return photos


def _earlier_copy(photo: VisitPhoto, visit: Visit) -> VisitPhoto | None:
    """The first photo of another visit whose pHash looks like this one's (photos.looks_reused).
    PostgreSQL narrows the candidates by the Hamming distance (bit_count of the XOR of the
    hashes as bit(64)), so no photo table is read into Python."""
    column = f"{connection.ops.quote_name(VisitPhoto._meta.db_table)}.{connection.ops.quote_name('phash')}"
    distance = RawSQL(f"bit_count(('x' || {column})::bit(64) # ('x' || %s)::bit(64))", (photo.phash,))
    candidates = (
        VisitPhoto.objects.filter(visit__isnull=False)
        .exclude(visit=visit)
        .annotate(bits=distance)
        .filter(bits__lte=REUSE_THRESHOLD)
        .order_by("created_at", "id")
        .only("id", "phash")
    )
    return next((c for c in candidates if looks_reused(c.phash, photo.phash)), None)
