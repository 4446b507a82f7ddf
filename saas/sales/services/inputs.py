"""Input checks shared by the sales services: ids, texts, dates, rates, prices, money.

Each raises InvalidInput or NotFound with a stable code and the input field it is about, so a
form can put the message next to the right box (`lines.3.discountRate`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput
from saas.core.ids import clean_id as clean_id  # re-exported: the domain's callers import it here
from saas.core.ids import parse_id as parse_id
from saas.core.inputs import clean_date as clean_date  # re-exported, as clean_id
from saas.core.inputs import clean_decimal, too_precise
from saas.core.inputs import clean_text as clean_text  # re-exported, as clean_id
from saas.inventory.services.common import MAX_QUANTITY

MAX_MONEY = Decimal("100000000000")  # 10^11 per line or expense; 100 lines stay inside money_field
RATE_STEP = Decimal("0.01")
PRICE_STEP = Decimal("0.0001")


def clean_rate(value: Any, field: str) -> Decimal:
    """A percentage from 0 to 100 with at most 2 decimals (13 for 13 % VAT)."""
    rate = clean_decimal(value, field, "rate_invalid")
    if rate < 0 or rate > 100 or too_precise(rate, 2):
        raise InvalidInput(
            _("Enter a percentage from 0 to 100, with at most 2 decimals."), code="rate_invalid", field=field
        )
    return rate.quantize(RATE_STEP)


def clean_price(value: Any, field: str) -> Decimal:
    """A unit price: zero (free samples) or more, at most 4 decimals."""
    price = clean_decimal(value, field, "price_invalid")
    if price < 0 or price > MAX_QUANTITY or too_precise(price, 4):
        raise InvalidInput(
            _("Prices are zero or more, with at most 4 decimals."), code="price_invalid", field=field
        )
    return price.quantize(PRICE_STEP)


def clean_amount(value: Any, field: str) -> Decimal:
    """Money: positive, in cents."""
    amount = clean_decimal(value, field, "amount_invalid")
    if amount <= 0 or amount >= MAX_MONEY or too_precise(amount, 2):
        raise InvalidInput(
            _("Amounts are positive, with at most 2 decimals."), code="amount_invalid", field=field
        )
    return amount.quantize(Decimal("0.01"))
