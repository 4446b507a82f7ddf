"""`orderBy` of the lists a desktop table sorts by its column headers: one direction enum for all,
and `sort_key` to hand the selector the column and the direction. Each list names its own sortable
columns as an enum (only those), mapped to ORM paths by its selector (saas/core/sorting.py)."""

from __future__ import annotations

from enum import Enum
from typing import Any, Protocol

import strawberry


@strawberry.enum(description="Which way a sorted column runs.")
class SortDirection(Enum):
    ASC = strawberry.enum_value("asc", description="Smallest, earliest or A first.")
    DESC = strawberry.enum_value("desc", description="Largest, latest or Z first.")


class OrderByInput(Protocol):
    field: Any
    direction: SortDirection


def sort_key(order_by: OrderByInput | None) -> tuple[str | None, bool]:
    """(column, descending) for the selector; (None, False) keeps the list's own order."""
    if order_by is None:
        return None, False
    return str(order_by.field.value), order_by.direction == SortDirection.DESC
