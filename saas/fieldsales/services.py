"""Field sales writes: the workspace's field settings, customers' sites and QR codes, check-in and check-out."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.core.inputs import clean_text
from saas.core.tenancy import require_tenant_schema
from saas.customers.access import visible_customer
from saas.customers.models import Customer
from saas.fieldsales import geo
from saas.fieldsales.access import require_field_manager, require_field_person, require_field_reader
from saas.fieldsales.events import VisitCheckedIn
from saas.fieldsales.models import CustomerSite, FieldSettings, Visit
from saas.fieldsales.photo_services import visit_photos_attach, visit_photos_check
from saas.fieldsales.proofs import qr_svg, qr_token, verify_qr_token

# A check-in the phone says happened more than this before it arrived was captured offline.
OFFLINE_AFTER = timedelta(minutes=2)
# The outbox keeps check-ins for a week; older claims are refused rather than backdated.
OLDEST_CAPTURE = timedelta(days=7)
# Phones' clocks drift: a claim this far ahead of the server is still accepted (as the server's time).
CLOCK_SKEW = timedelta(minutes=5)
CLIENT_ID_LENGTH = 64


def field_settings() -> FieldSettings:
    """The workspace's field settings, made with the defaults (and a QR key) on first use."""
    found = FieldSettings.objects.first()
    if found is not None and found.qr_key:
        return found
    with transaction.atomic():
        found = FieldSettings.objects.select_for_update().first() or FieldSettings()
        if not found.qr_key:
            found.qr_key = secrets.token_hex(32)
        found.save()
    return found


def field_settings_update(
    *, actor: Actor, radius_m: int | None = None, position_retention_days: int | None = None
) -> FieldSettings:
    require_field_manager(actor)
    settings_row = field_settings()
    if radius_m is not None:
        if not 10 <= radius_m <= 5000:
            raise InvalidInput(
                _("The radius is 10 to 5,000 metres."), code="radius_invalid", field="radius_meters"
            )
        settings_row.radius_m = radius_m
    if position_retention_days is not None:
        if not 7 <= position_retention_days <= 3650:
            raise InvalidInput(
                _("Positions are kept 7 to 3,650 days."),
                code="retention_invalid",
                field="position_retention_days",
            )
        settings_row.position_retention_days = position_retention_days
    settings_row.save()
    return settings_row


def _site(customer: Customer, *, lock: bool = False) -> CustomerSite:
    queryset = CustomerSite.objects.select_for_update() if lock else CustomerSite.objects
    site, _created = queryset.get_or_create(customer=customer)
    return site


def customer_site_set(
    *,
    actor: Actor,
    customer_id: Any,
    latitude: Any,
    longitude: Any,
    system: str = geo.CoordinateSystem.WGS84,
) -> CustomerSite:
    """Where a customer is, as picked on a map of `system` (stored in WGS-84). A rep sets their own
    customers' sites; a manager anyone's."""
    require_field_reader(actor)
    customer = visible_customer(actor, customer_id, field="customer_id")
    try:
        source = geo.CoordinateSystem(system)
    except ValueError:
        raise InvalidInput(
            _("Unknown map system."), code="coordinate_system_invalid", field="system"
        ) from None
    point = geo.to_wgs84(geo.clean_point(latitude, longitude), source)
    with transaction.atomic():
        site = _site(customer, lock=True)
        site.latitude = _degrees(point.latitude)
        site.longitude = _degrees(point.longitude)
        site.source_system = source.value
        site.set_at = timezone.now()
        site.set_by = user_of(actor)
        site.save()
    return site


def _degrees(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def customer_qr_rotate(*, actor: Actor, customer_id: Any) -> tuple[CustomerSite, str]:
    """A new QR code for the customer: every earlier print stops proving presence. Returns the site
    and the new code's text (to print)."""
    require_field_manager(actor)
    customer = visible_customer(actor, customer_id, field="customer_id")
    with transaction.atomic():
        site = _site(customer, lock=True)
        site.qr_version += 1
        site.save(update_fields=["qr_version"])
    return site, customer_qr_text(customer, site)


def customer_qr_text(customer: Customer, site: CustomerSite) -> str:
    """The text the customer's printed QR code holds (its current version)."""
    key = bytes.fromhex(field_settings().qr_key)
    return qr_token(customer.pk, site.qr_version, key, workspace=require_tenant_schema())


def _qr_verified(customer: Customer, code: str) -> bool:
    site = CustomerSite.objects.filter(customer=customer).first()
    version = site.qr_version if site is not None else 1
    key = bytes.fromhex(field_settings().qr_key)
    return verify_qr_token(
        code, workspace=require_tenant_schema(), customer_id=customer.pk, versions={version: key}
    )


def _captured(captured_at: datetime | None, received: datetime) -> datetime | None:
    if captured_at is None:
        return None
    if timezone.is_naive(captured_at):
        raise InvalidInput(
            _("Give the time with its time zone."), code="datetime_invalid", field="captured_at"
        )
    if captured_at < received - OLDEST_CAPTURE:
        raise InvalidInput(
            _("Check-ins older than 7 days cannot be sent any more."),
            code="captured_at_too_old",
            field="captured_at",
        )
    # A phone whose clock runs ahead claims a time still to come: the server's time stands in
    # (the device clock is never trusted over the server's, only kept beside it).
    return min(captured_at, received)


def _client_id(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    text = value.strip()
    if len(text) > CLIENT_ID_LENGTH:
        raise InvalidInput(
            _("At most %(n)d characters.") % {"n": CLIENT_ID_LENGTH}, code="too_long", field="client_id"
        )
    return text


def visit_check_in(
    *,
    actor: Actor,
    customer_id: Any,
    latitude: Any = None,
    longitude: Any = None,
    accuracy: Any = None,
    captured_at: datetime | None = None,
    client_id: str | None = None,
    qr_code: str | None = None,
    photo_ids: list[Any] | None = None,
    notes: str = "",
) -> Visit:
    """A rep checks in at a customer. The server's clock decides `checked_in_at`; the phone's
    claimed time is kept as `captured_at` and, when it is minutes behind, marks the check-in as
    captured offline. A resend with the same `client_id` returns the first visit."""
    rep = require_field_person(actor)
    client = _client_id(client_id)
    if client is not None:
        existing = Visit.objects.filter(rep=rep, client_id=client).first()
        if existing is not None:
            return existing
    customer = visible_customer(rep, customer_id, field="customer_id")
    received = timezone.now()
    captured = _captured(captured_at, received)
    if photo_ids:
        # Uploaded before (saas/fieldsales/views.py), each by this rep at this customer and
        # not yet in a visit; attached below, in the visit's own transaction.
        visit_photos_check(rep=rep, customer=customer, photo_ids=photo_ids)
    if (latitude is None) != (longitude is None):
        raise InvalidInput(
            _("Give both latitude and longitude, or neither."), code="position_incomplete", field="latitude"
        )
    point = geo.clean_point(latitude, longitude) if latitude is not None else None
    fix = geo.clean_accuracy(accuracy) if point is not None and accuracy is not None else None
    qr = (qr_code or "").strip()
    cleaned_notes = clean_text(notes, field="notes", max_length=2000)
    radius = field_settings().radius_m
    visit = Visit(
        rep=rep,
        customer=customer,
        client_id=client,
        checked_in_at=received,
        captured_at=captured,
        captured_offline=captured is not None and received - captured > OFFLINE_AFTER,
        radius_m=radius,
        qr_verified=bool(qr) and _qr_verified(customer, qr),
        notes=cleaned_notes,
    )
    if qr and not visit.qr_verified:
        raise InvalidInput(
            _("This QR code is not this customer's, or it was replaced."), code="qr_invalid", field="qr_code"
        )
    if point is not None:
        visit.latitude, visit.longitude = _degrees(point.latitude), _degrees(point.longitude)
        visit.accuracy_m = Decimal(str(round(fix, 1))) if fix is not None else None
        site = CustomerSite.objects.filter(customer=customer, latitude__isnull=False).first()
        if site is not None and site.latitude is not None and site.longitude is not None:
            there = geo.Point(float(site.latitude), float(site.longitude))
            distance = geo.distance_meters(point, there)
            visit.distance_m = round(distance)
            # A fix without its accuracy cannot show the rep was within the radius.
            visit.verdict = (
                geo.range_verdict(distance, fix, radius) if fix is not None else Visit.Verdict.UNVERIFIABLE
            )
    try:
        with transaction.atomic():
            visit.save()
            if photo_ids:
                visit_photos_attach(visit=visit, photo_ids=photo_ids)
            emit(VisitCheckedIn.of(visit), by=actor_stamp(rep))
    except IntegrityError:
        # The same client_id raced in from a second request: the first one's visit is the answer.
        if client is None:
            raise
        return Visit.objects.get(rep=rep, client_id=client)
    return visit


def visit_check_out(
    *,
    actor: Actor,
    visit_id: Any,
    latitude: Any = None,
    longitude: Any = None,
    accuracy: Any = None,
    notes: str | None = None,
) -> Visit:
    """The rep leaves: the time (server), where, and notes. Only the visit's own rep, once."""
    rep = require_field_person(actor)
    with transaction.atomic():
        visit = (
            Visit.objects.select_for_update()
            .filter(pk=clean_id(visit_id, "id", _("Visit not found.")), rep=rep)
            .first()
        )
        if visit is None:
            raise NotFound(_("Visit not found."), field="id")
        if visit.checked_out_at is not None:
            raise InvalidInput(
                _("This visit was already checked out."), code="already_checked_out", field="id"
            )
        if (latitude is None) != (longitude is None):
            raise InvalidInput(
                _("Give both latitude and longitude, or neither."),
                code="position_incomplete",
                field="latitude",
            )
        if latitude is not None:
            point = geo.clean_point(latitude, longitude)
            visit.checkout_latitude, visit.checkout_longitude = (
                _degrees(point.latitude),
                _degrees(point.longitude),
            )
            if accuracy is not None:
                visit.checkout_accuracy_m = Decimal(str(round(geo.clean_accuracy(accuracy), 1)))
        if notes is not None:
            visit.notes = clean_text(notes, field="notes", max_length=2000)
        visit.checked_out_at = timezone.now()
        visit.save()
    return visit


def customer_qr_code(*, actor: Actor, customer_id: Any) -> tuple[str, str]:
    """The text and a printable SVG of the customer's current QR code (field.manage): print it for
    the shop's counter. Rotating it (customer_qr_rotate) makes every older print stop working."""
    require_field_manager(actor)
    customer = visible_customer(actor, customer_id, field="customer_id")
    site = CustomerSite.objects.filter(customer=customer).first() or CustomerSite(customer=customer)
    text = customer_qr_text(customer, site)
    return text, qr_svg(text)
