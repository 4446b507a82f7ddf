"""The workspace's shipping setup: settings, its own carriers, print templates and the logo."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.shipping.access import require_settings_manager, require_shipper
from saas.shipping.carriers import clean_pattern
from saas.shipping.models import Carrier, PrintTemplate, ShippingSettings
from saas.shipping.printing.fields import clean_kind, clean_template_fields
from saas.shipping.services.inputs import clean_id, clean_text
from saas.shipping.uploads import check_image

CARRIER_CODE = re.compile(r"^[A-Z0-9&_-]{2,20}$")
MAX_OVERDUE_DAYS = 365
MAX_LOGO_BYTES = 1024 * 1024


def shipping_settings() -> ShippingSettings:
    """The row, made with the defaults on first use (a concurrent first use finds the other's row)."""
    row = ShippingSettings.objects.order_by("pk").first()
    if row is None:
        row, _created = ShippingSettings.objects.get_or_create(pk=1)
    return row


def _locked_settings() -> ShippingSettings:
    return ShippingSettings.objects.select_for_update().get(pk=shipping_settings().pk)


@transaction.atomic
def shipping_settings_update(
    *,
    actor: Actor,
    signback_overdue_days: int | None = None,
    delivery_note_shows_prices: bool | None = None,
    require_verification: bool | None = None,
    print_company_name: str | None = None,
    print_phone: str | None = None,
    print_address: str | None = None,
    print_footer: str | None = None,
) -> ShippingSettings:
    require_settings_manager(actor)
    row = _locked_settings()
    if signback_overdue_days is not None:
        if not 1 <= signback_overdue_days <= MAX_OVERDUE_DAYS:
            raise InvalidInput(
                _("Enter 1 to %(n)d days.") % {"n": MAX_OVERDUE_DAYS},
                code="days_invalid",
                field="signback_overdue_days",
            )
        row.signback_overdue_days = signback_overdue_days
    if delivery_note_shows_prices is not None:
        row.delivery_note_shows_prices = delivery_note_shows_prices
    if require_verification is not None:
        row.require_verification = require_verification
    for name, value, field, limit in (
        ("print_company_name", print_company_name, "print_company_name", 100),
        ("print_phone", print_phone, "print_phone", 30),
        ("print_address", print_address, "print_address", 200),
        ("print_footer", print_footer, "print_footer", 200),
    ):
        if value is not None:
            setattr(row, name, clean_text(value, field, limit))
    row.save()
    return row


def shipping_logo_set(*, actor: Actor, upload: File | None) -> ShippingSettings:
    """Replace the letterhead logo (PNG or JPEG, at most 1 MB); the old file goes after commit."""
    require_settings_manager(actor)
    suffix = check_image(upload, max_bytes=MAX_LOGO_BYTES, field="file", allowed=(".png", ".jpg"))
    assert upload is not None
    with transaction.atomic():
        row = _locked_settings()
        old_name = row.logo.name
        storage = row.logo.storage
        row.logo.save(f"logo{suffix}", upload, save=False)
        try:
            row.save(update_fields=["logo"])
        except BaseException:
            if row.logo.name:
                storage.delete(row.logo.name)
            raise
        if old_name:
            transaction.on_commit(lambda: storage.delete(old_name))
    return row


def _clean_carrier_code(value: str | None) -> str:
    code = (value or "").strip().upper()
    if not CARRIER_CODE.match(code):
        raise InvalidInput(
            _("2-20 capital letters, digits, '&', '-' or '_'."), code="code_invalid", field="code"
        )
    return code


@transaction.atomic
def carrier_create(
    *,
    actor: Actor,
    code: str,
    name_zh: str,
    name_en: str = "",
    tracking_pattern: str = "",
    phone: str = "",
    priority: int = 0,
    idempotency_key: str | None = None,
) -> Carrier:
    """A carrier of the workspace's own (a local logistics company, a city courier); retrying with
    the same idempotency key returns the first carrier, not code_taken."""
    require_shipper(actor)
    carrier = Carrier(
        code=_clean_carrier_code(code),
        name_zh=clean_text(name_zh, "name_zh", 40, required=True),
        name_en=clean_text(name_en, "name_en", 40) or clean_text(name_zh, "name_zh", 40),
        tracking_pattern=clean_pattern(tracking_pattern),
        phone=clean_text(phone, "phone", 30),
        priority=max(0, min(int(priority), 1000)),
        is_builtin=False,
    )

    def write() -> dict[str, int]:
        try:
            with transaction.atomic():
                carrier.save()
        except IntegrityError as exc:
            raise InvalidInput(
                _("A carrier with this code exists."), code="code_taken", field="code"
            ) from exc
        return {"pk": carrier.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="carrier_create", write=write
    )
    # Carriers are switched off, never deleted: the first one is there to re-read.
    return Carrier.objects.get(pk=result["pk"]) if replayed else carrier


@transaction.atomic
def carrier_update(
    *,
    actor: Actor,
    carrier_id: Any,
    name_zh: str | None = None,
    name_en: str | None = None,
    tracking_pattern: str | None = None,
    phone: str | None = None,
    priority: int | None = None,
    is_active: bool | None = None,
) -> Carrier:
    """Built-in carriers can be switched off or given a phone number; their names and patterns
    are maintained by Sparrow. The workspace's own carriers can change everything."""
    require_shipper(actor)
    pk = clean_id(carrier_id, "id", _("Carrier not found."))
    carrier = Carrier.objects.select_for_update().filter(pk=pk).first()
    if carrier is None:
        raise NotFound(_("Carrier not found."), field="id")
    if carrier.is_builtin and any(v is not None for v in (name_zh, name_en, tracking_pattern, priority)):
        raise InvalidInput(
            _("Built-in carriers can only be switched on or off."), code="carrier_builtin", field="id"
        )
    if name_zh is not None:
        carrier.name_zh = clean_text(name_zh, "name_zh", 40, required=True)
    if name_en is not None:
        carrier.name_en = clean_text(name_en, "name_en", 40) or carrier.name_zh
    if tracking_pattern is not None:
        carrier.tracking_pattern = clean_pattern(tracking_pattern)
    if phone is not None:
        carrier.phone = clean_text(phone, "phone", 30)
    if priority is not None:
        carrier.priority = max(0, min(int(priority), 1000))
    if is_active is not None:
        carrier.is_active = is_active
    carrier.save()
    return carrier


@transaction.atomic
def print_template_save(*, actor: Actor, kind: str, fields: Any, title: str = "") -> PrintTemplate:
    require_settings_manager(actor)
    kind = clean_kind(kind)
    cleaned = clean_template_fields(kind, fields)
    template, _created = PrintTemplate.objects.select_for_update().get_or_create(kind=kind)
    template.fields = cleaned
    template.title = clean_text(title, "title", 60)
    template.updated_by = user_of(actor)
    template.updated_at = timezone.now()
    template.save()
    return template


@transaction.atomic
def print_template_reset(*, actor: Actor, kind: str) -> str:
    """Back to the default fields; returns the kind."""
    require_settings_manager(actor)
    kind = clean_kind(kind)
    PrintTemplate.objects.filter(kind=kind).delete()
    return kind
