"""Updating many rows, each to its own values, in one `UPDATE … FROM (VALUES …)` statement.

Django's `bulk_update` writes `SET col = CASE WHEN id = 1 THEN … WHEN id = 2 THEN … END` per
column: the SQL grows with rows × columns and PostgreSQL evaluates every CASE for every row, about
3 ms of CPU for an order's five lines and levels against 0.2 ms for a VALUES list joined by id.

    update_rows(StockLevel, levels, ["on_hand", "reserved", "updated_at"])

Like `bulk_update` it bypasses `save()`: `auto_now` fields move only when listed and set by the
caller (saas/core/sync.py's rule for synced tables).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def update_rows(model: type[models.Model], rows: Sequence[models.Model], fields: Sequence[str]) -> int:
    """Write `fields` of each row (matched by primary key) in one statement; returns rows changed."""
    if not rows or not fields:
        return 0
    meta = model._meta
    pk = meta.pk
    assert pk is not None
    columns = [meta.get_field(name) for name in fields]
    if any(not isinstance(field, models.Field) or not field.concrete for field in columns):
        raise ValueError(f"update_rows writes concrete columns only: {fields}")
    concrete: list[models.Field[Any, Any]] = [field for field in columns if isinstance(field, models.Field)]
    quote = connection.ops.quote_name
    # Each value is cast to its column's type: VALUES alone would guess text or numeric.
    casts = [f"%s::{pk.db_type(connection)}"] + [f"%s::{field.db_type(connection)}" for field in concrete]
    row_sql = "(" + ", ".join(casts) + ")"
    params: list[Any] = []
    for row in rows:
        params.append(pk.get_db_prep_value(row.pk, connection))
        params.extend(field.get_db_prep_save(getattr(row, field.attname), connection) for field in concrete)
    names = ["pk_"] + [f"v{index}" for index in range(len(concrete))]
    assignments = ", ".join(
        f"{quote(str(field.column))} = v.{name}" for field, name in zip(concrete, names[1:], strict=True)
    )
    values = ", ".join([row_sql] * len(rows))
    table, key = quote(meta.db_table), quote(str(pk.column))
    # Identifiers come from the model's meta, values only as parameters.
    sql = f"UPDATE {table} AS t SET {assignments} FROM (VALUES {values}) AS v({', '.join(names)}) WHERE t.{key} = v.pk_"  # noqa: S608, E501
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)
