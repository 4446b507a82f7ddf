"""What every value from outside must be before any domain code sees it: the shared input rules.

These are checked once, where input enters (the GraphQL input guard, the request middleware),
so no service, selector or SQL query ever receives a NUL byte, a NaN or a 30-digit "id".
Below them, the cleaning mechanism every service uses (text, decimals, dates); field rules
(lengths, ranges, decimal places of one column, codes) stay with the domain services.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput

# C0 controls (NUL among them: PostgreSQL refuses it in text), DEL and the C1 controls.
# Tab, line feed and carriage return are ordinary text in remarks and addresses.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# A decimal from outside: no column of ours holds more than 18 integer digits, and no rule needs
# more than 10 decimals. Bounding both keeps Decimal arithmetic (28 digits) from ever raising.
MAX_INTEGER_DIGITS = 18
MAX_DECIMAL_PLACES = 10


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def strip_control_characters(text: str) -> str:
    """For searches and look-ups, where a user expects a stray control character to be ignored."""
    return _CONTROL.sub("", text)


def decimal_problem(value: Any) -> str | None:
    """Why `value` is not an acceptable decimal (a code), or None when it is.

    Codes: `decimal_invalid` (not a number, NaN, Infinity, too many decimals),
    `decimal_out_of_range` (more integer digits than any column holds).
    """
    if isinstance(value, bool):
        return "decimal_invalid"
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        return "decimal_invalid"
    if not number.is_finite():
        return "decimal_invalid"
    if number.is_zero():
        return None
    if number.adjusted() >= MAX_INTEGER_DIGITS:
        return "decimal_out_of_range"
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMAL_PLACES:
        # 1.50000000000 is fine once normalised; only real precision beyond the cap is refused.
        normalised = number.normalize().as_tuple().exponent
        if isinstance(normalised, int) and normalised < -MAX_DECIMAL_PLACES:
            return "decimal_invalid"
    return None


# The cleaning mechanism the services share. Each domain keeps its own rules (which field, which
# range, which code); these only say how a text, a number, a date is read and refused.


def clean_text(value: str | None, field: str, max_length: int, required: bool = False) -> str:
    """The text trimmed; `required` refuses an empty one, and it is at most `max_length` long."""
    text = (value or "").strip()
    if required and not text:
        raise InvalidInput(_("This field is required."), code="required", field=field)
    if len(text) > max_length:
        raise InvalidInput(_("At most %(n)d characters.") % {"n": max_length}, code="too_long", field=field)
    return text


def parse_decimal(value: Any) -> Decimal | None:
    """The finite number in `value` (a Decimal, an int or its text), or None when there is none."""
    if isinstance(value, bool):
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def clean_decimal(value: Any, field: str, code: str) -> Decimal:
    """The finite number in `value`, or InvalidInput("Enter a number.") with the domain's `code`."""
    number = parse_decimal(value)
    if number is None:
        raise InvalidInput(_("Enter a number."), code=code, field=field)
    return number


def too_precise(value: Decimal, places: int = 3) -> bool:
    """More decimals than `places` as written (1.5000 has 4): the stricter reading, for quantities."""
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -places


def decimal_places(value: Decimal) -> int:
    """The decimals that carry a value (1.500 has 1): the lenient reading, for prices."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def clean_date(value: Any, field: str) -> date | None:
    """None for nothing, a date as given, or one written YYYY-MM-DD; date_invalid otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InvalidInput(_("Enter a date as YYYY-MM-DD."), code="date_invalid", field=field) from exc
