"""What the printed order and delivery note show (PrintSettings), for the print views and for
the people who manage them. A kind with no saved row reads as the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput
from saas.sales.models import PrintDocument, PrintSettings


@dataclass(frozen=True)
class PrintOptions:
    kind: str
    show_prices: bool = True
    show_discounts: bool = True
    show_amounts: bool = True
    show_remarks: bool = True
    amount_in_words: bool = True
    header_text: str = ""
    footer_text: str = ""
    signature_text: str = ""
    customised: bool = False
    updated_at: datetime | None = None


def clean_print_kind(value: Any, field: str = "kind") -> str:
    kind = str(value or "").strip().lower().replace("-", "_")
    if kind not in PrintDocument.values:
        raise InvalidInput(_("Unknown document kind."), code="print_kind_invalid", field=field)
    return kind


def require_print_settings_manager(actor: Actor, kind: str) -> Actor:
    """Workspace settings are the owner's and admins' (tenant.manage); the delivery note is the
    warehouse's paper too, so whoever sets up shipping (shipping.manage) may change it."""
    if kind == PrintDocument.DELIVERY_NOTE:
        return require_scopes(actor, scopes.TENANT_MANAGE, scopes.SHIPPING_MANAGE)
    return require_scopes(actor, scopes.TENANT_MANAGE)


def options_of(row: PrintSettings) -> PrintOptions:
    return PrintOptions(
        kind=row.kind,
        show_prices=row.show_prices,
        show_discounts=row.show_discounts,
        show_amounts=row.show_amounts,
        show_remarks=row.show_remarks,
        amount_in_words=row.amount_in_words,
        header_text=row.header_text,
        footer_text=row.footer_text,
        signature_text=row.signature_text,
        customised=True,
        updated_at=row.updated_at,
    )


def print_options(kind: str) -> PrintOptions:
    """The workspace's layout of one document, for the print views. It holds nobody's data, so
    it needs no actor; who sees money is the view's decision, made from the actor."""
    row = PrintSettings.objects.filter(kind=kind).first()
    return options_of(row) if row else PrintOptions(kind=kind)


def print_settings_get(*, actor: Actor, kind: Any) -> PrintOptions:
    cleaned = clean_print_kind(kind)
    require_print_settings_manager(actor, cleaned)
    return print_options(cleaned)
