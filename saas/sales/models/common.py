"""Field helpers shared by the sales tables."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models

CENT = Decimal("0.01")
ZERO = Decimal("0")


def money_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(max_digits=16, decimal_places=2, **options)


def price_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """Unit prices, to 4 decimals (0.0125 元 per screw)."""
    return models.DecimalField(max_digits=14, decimal_places=4, **options)


def rate_field(**options: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """A percentage: 13.00 for 13 % VAT, 5.00 for 5 % off."""
    return models.DecimalField(max_digits=5, decimal_places=2, **options)


def to_money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
