"""A list's order chosen by its caller (the desktop tables' sortable columns): only the columns
a list names may be sorted on, and the id breaks ties so offset pages never repeat or skip a row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from django.db.models import F, Model, QuerySet
from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput

M = TypeVar("M", bound=Model)


def sorted_by(
    queryset: QuerySet[M],
    *,
    columns: Mapping[str, str],
    key: str | None,
    descending: bool = False,
    field: str = "order_by",
) -> QuerySet[M]:
    """`queryset` ordered by the column `key` names in `columns` (its ORM path), then by id in the
    same direction; `key=None` keeps the queryset's own order. Empty values sort last both ways,
    as a spreadsheet does."""
    if key is None:
        return queryset
    path = columns.get(key)
    if path is None:
        raise InvalidInput(_("This list cannot be sorted by that."), code="order_by_invalid", field=field)
    if descending:
        return queryset.order_by(F(path).desc(nulls_last=True), "-id")
    return queryset.order_by(F(path).asc(nulls_last=True), "id")
