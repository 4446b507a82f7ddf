"""Changing what the printed order and delivery note show (PrintSettings), one kind at a time."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from saas.accounts.actors import Actor, user_of
from saas.core.inputs import clean_text
from saas.sales.models import PrintSettings
from saas.sales.selectors.print_settings import clean_print_kind, require_print_settings_manager

TEXT_LIMITS = {"header_text": 200, "footer_text": 200, "signature_text": 60}
SWITCHES = ("show_prices", "show_discounts", "show_amounts", "show_remarks", "amount_in_words")


@transaction.atomic
def print_settings_save(
    *,
    actor: Actor,
    kind: Any,
    show_prices: bool | None = None,
    show_discounts: bool | None = None,
    show_amounts: bool | None = None,
    show_remarks: bool | None = None,
    amount_in_words: bool | None = None,
    header_text: str | None = None,
    footer_text: str | None = None,
    signature_text: str | None = None,
) -> PrintSettings:
    """Changes what is given (None keeps it). Every text is checked before anything is written,
    so a bad one changes nothing."""
    cleaned_kind = clean_print_kind(kind)
    require_print_settings_manager(actor, cleaned_kind)
    given_texts = {"header_text": header_text, "footer_text": footer_text, "signature_text": signature_text}
    texts = {
        name: clean_text(value, name, TEXT_LIMITS[name])
        for name, value in given_texts.items()
        if value is not None
    }
    switches = dict(
        zip(SWITCHES, (show_prices, show_discounts, show_amounts, show_remarks, amount_in_words), strict=True)
    )
    row, _created = PrintSettings.objects.select_for_update().get_or_create(kind=cleaned_kind)
    for name, value in {**texts, **{k: v for k, v in switches.items() if v is not None}}.items():
        setattr(row, name, value)
    row.updated_by = user_of(actor)
    row.updated_at = timezone.now()
    row.save()
    return row


@transaction.atomic
def print_settings_reset(*, actor: Actor, kind: Any) -> str:
    """Back to the defaults; returns the kind."""
    cleaned_kind = clean_print_kind(kind)
    require_print_settings_manager(actor, cleaned_kind)
    PrintSettings.objects.filter(kind=cleaned_kind).delete()
    return cleaned_kind
