"""Ids as they arrive from users: only ASCII digits and at most 18 of them are an id.

`str.isdigit()` is true for "²" and "①", which int() refuses, and a 30-digit number overflows
PostgreSQL's bigint: both would be a 500 instead of a clear not-found.
"""

from __future__ import annotations

from typing import Any

MAX_ID_DIGITS = 18


def is_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS
