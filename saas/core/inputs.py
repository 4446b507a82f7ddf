"""What every value from outside must be before any domain code sees it: the shared input rules.

These are checked once, where input enters (the GraphQL input guard, the request middleware),
so no service, selector or SQL query ever receives a NUL byte, a NaN or a 30-digit "id".
Field rules (lengths, ranges, decimal places of one column) stay with the domain services.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

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
