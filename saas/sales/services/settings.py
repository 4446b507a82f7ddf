"""The workspace's sales settings (one row): review, credit policy, sign-back, default tax rate,
backorders."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor
from saas.core.errors import Forbidden, InvalidInput
from saas.core.settings_cache import cached_settings
from saas.sales.models import CreditPolicy, SalesSettings
from saas.sales.services.inputs import clean_rate


def sales_settings() -> SalesSettings:
    """The row, kept per process until it changes (saas/core/settings_cache.py): every order
    operation reads it."""
    return cached_settings(SalesSettings, _settings_read)


def _settings_read() -> tuple[SalesSettings, bool]:
    """(the row, created): made with the defaults on first use (a concurrent first use finds the
    other's row)."""
    row = SalesSettings.objects.order_by("pk").first()
    if row is not None:
        return row, False
    return SalesSettings.objects.get_or_create(pk=1)


@transaction.atomic
def sales_settings_update(
    *,
    actor: Actor,
    review_required: bool | None = None,
    credit_policy: str | None = None,
    signback_required: bool | None = None,
    default_tax_rate: Any = None,
    backorders_allowed: bool | None = None,
) -> SalesSettings:
    user = require_actor(actor)
    if not user.has_scope(scopes.TENANT_MANAGE):
        raise Forbidden(_("You are not allowed to do this."), code="forbidden")
    row = SalesSettings.objects.select_for_update().get(pk=_settings_read()[0].pk)
    if review_required is not None:
        row.review_required = review_required
    if signback_required is not None:
        row.signback_required = signback_required
    if credit_policy is not None:
        if credit_policy not in CreditPolicy.values:
            raise InvalidInput(
                _("Unknown credit policy."), code="credit_policy_invalid", field="credit_policy"
            )
        row.credit_policy = credit_policy
    if default_tax_rate is not None:
        row.default_tax_rate = clean_rate(default_tax_rate, "default_tax_rate")
    if backorders_allowed is not None:
        row.backorders_allowed = backorders_allowed
    row.save()
    return row


def default_tax_rate() -> Decimal:
    return Decimal(sales_settings().default_tax_rate)
