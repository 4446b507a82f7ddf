"""Ids as they arrive from users: only ASCII digits and at most 18 of them are an id.

`str.isdigit()` is true for "²" and "①", which int() refuses, and a 30-digit number overflows
PostgreSQL's bigint: both would be a 500 instead of a clear not-found.
"""

from __future__ import annotations

from typing import Any

from saas.core.errors import NotFound

MAX_ID_DIGITS = 18


def is_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS


def parse_id(value: Any) -> int | None:
    """The id in what a user sent (a GraphQL ID, a form or query-string value), or None."""
    if isinstance(value, bool) or value is None or not is_id(value):
        return None
    return int(str(value).strip())


def clean_id(value: Any, field: str, not_found: str) -> int:
    """The id, or NotFound on `field`: a malformed id finds nothing, like an unknown one."""
    pk = parse_id(value)
    if pk is None:
        raise NotFound(not_found, field=field)
    return pk
