"""Filters the lists share. A list's range filters (days, amounts) each bound one column from
below, above, both or neither; the bounds arrive already cleaned by the selector."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


def in_range(queryset: QuerySet[M], column: str, low: Any, high: Any) -> QuerySet[M]:
    """The rows whose `column` is at least `low` and at most `high`; a bound of None is open."""
    if low is not None:
        queryset = queryset.filter(**{f"{column}__gte": low})
    if high is not None:
        queryset = queryset.filter(**{f"{column}__lte": high})
    return queryset
