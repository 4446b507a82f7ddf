"""Partner sync: an `updated_at` every write moves, and keyset pages over (updated_at, id).

A partner copies a list by asking for the rows changed since its last sync (`updatedSince`) and
following `after: endCursor` until `hasNextPage` is false. The pages are ordered by
(updated_at, id), so a row changed while the partner pages moves behind the cursor and comes
again on a later page instead of being skipped, and a cursor stays valid however the list grows.

`updated_at` is only as good as its writers: `auto_now` covers `save()` and creates, but
`QuerySet.update()`, `F()` expressions, `bulk_update` and `save(update_fields=[...])` bypass it,
so every such write to a synced table sets `updated_at=TOUCH` (or lists "updated_at") itself.

A cursor is opaque to the caller (base64 of the list's name, the row's updated_at and id); one of
another list, or anything else, is `cursor_invalid`. It carries no tenant: it is only a position,
and every query already runs in the caller's own schema.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.core.clock import tenant_zone
from saas.core.errors import InvalidInput

M = TypeVar("M", bound=models.Model)

# The value for `updated_at` in `.update()` calls: the database's clock at that statement
# (Django's Now() is STATEMENT_TIMESTAMP() on PostgreSQL, so it moves within a transaction).
TOUCH = Now()
SYNC_FIELDS = ("updated_at", "id")
CURSOR_VERSION = "1"


def updated_at_field() -> models.DateTimeField[datetime, datetime]:
    """The `updated_at` of a synced table: set by every save, and by the database for inserts
    that name no value (old code still running during a deploy, raw SQL)."""
    return models.DateTimeField(auto_now=True, db_default=Now())


def sync_index(name: str) -> models.Index:
    """The index a sync page walks: (updated_at, id)."""
    return models.Index(fields=list(SYNC_FIELDS), name=name)


@dataclass(frozen=True)
class Position:
    """Where a page ended: the last row's updated_at and id."""

    updated_at: datetime
    id: int


def encode_cursor(list_name: str, row: Any) -> str:
    text = f"{CURSOR_VERSION}|{list_name}|{row.updated_at.isoformat()}|{row.pk}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor_invalid() -> InvalidInput:
    return InvalidInput(
        _("This cursor is not one this list gave out; start again without it."),
        code="cursor_invalid",
        field="after",
    )


def decode_cursor(list_name: str, cursor: str) -> Position:
    """The position a cursor of this list names; anything else is `cursor_invalid`."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, name, moment, row_id = base64.urlsafe_b64decode(padded.encode("ascii")).decode().split("|")
        updated_at = datetime.fromisoformat(moment)
        pk = int(row_id)
    except (ValueError, UnicodeError, binascii.Error):
        raise cursor_invalid() from None
    if version != CURSOR_VERSION or name != list_name or updated_at.tzinfo is None or not 0 < pk < 2**63:
        raise cursor_invalid()
    return Position(updated_at=updated_at, id=pk)


def aware(moment: datetime) -> datetime:
    """A moment without an offset is read on the workspace's clock, as its people write times."""
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, tenant_zone())


def changed_since(queryset: models.QuerySet[M], since: datetime | None) -> models.QuerySet[M]:
    """The rows changed at or after `since` (inclusive: rows of the same instant are not lost),
    in sync order."""
    ordered = queryset.order_by(*SYNC_FIELDS)
    return ordered if since is None else ordered.filter(updated_at__gte=aware(since))


def keyset_page(
    queryset: models.QuerySet[M],
    *,
    after: Position | None,
    size: int,
    fetch: Callable[[models.QuerySet[M], int, int], list[Any]] | None = None,
) -> tuple[list[Any], bool]:
    """Up to `size` rows of a `changed_since` queryset after `after`, and whether more follow;
    model instances, or what `fetch(queryset, start, stop)` reads (a list's plain rows)."""
    if after is not None:
        # The first condition alone lets the (updated_at, id) index bound the scan.
        queryset = queryset.filter(updated_at__gte=after.updated_at).filter(
            models.Q(updated_at__gt=after.updated_at) | models.Q(pk__gt=after.id)
        )
    rows = list(queryset[: size + 1]) if fetch is None else fetch(queryset, 0, size + 1)
    return rows[:size], len(rows) > size
