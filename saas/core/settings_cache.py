"""A workspace's settings rows (one row per workspace: the sales settings…) kept in the process,
so a hot path (placing an order) does not read them from the database on every call.

Each process keeps (schema, model) -> (loaded at, version, row). The version is a token in the
shared cache, one per workspace and model (one GET, no SQL). Saving or deleting such a row
(`settings_cache_register` connects the signals) writes a new token at once, so the saving process,
and a test whose transaction never commits, sees its change on its next read; and again when the
transaction commits, so a worker that read the old row between the save and the commit and kept it
under the first new token reads it again. The token is read before the row: a save during the read
leaves the row kept under the old token, read again next time.

A row is kept at most SPARROW_TENANT_CACHE_SECONDS (60 by default): the bound for a change made
without save() (a queryset update) or a save rolled back after the same process read it. A row
just created is not kept (its creation may still roll back). Each caller gets its own copy, so
nothing one sets on it reaches another.
"""

from __future__ import annotations

import copy
import os
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models.signals import post_delete, post_save

from saas.core.cache import SHARED

M = TypeVar("M", bound=models.Model)

_lock = threading.Lock()
# (schema, model label) -> (loaded at, version then, row)
_rows: dict[tuple[str, str], tuple[float, str | None, Any]] = {}


def _token_key(schema: str, label: str) -> str:
    # Named with its schema, not the connection's: an on-commit callback may run on another.
    return f"{SHARED}settings-version:{schema}:{label}"


def cached_settings(model: type[M], load: Callable[[], tuple[M, bool]]) -> M:
    """The workspace's `model` row; `load` reads it from the database (row, created)."""
    schema, label = str(connection.schema_name), model._meta.label  # type: ignore[attr-defined]
    version = cache.get(_token_key(schema, label))
    entry = _rows.get((schema, label))
    max_age = float(os.environ.get("SPARROW_TENANT_CACHE_SECONDS", "60"))
    if entry is not None and entry[1] == version and time.monotonic() - entry[0] < max_age:
        return copy.copy(entry[2])  # type: ignore[no-any-return]
    row, created = load()
    if not created:
        with _lock:
            _rows[(schema, label)] = (time.monotonic(), version, row)
    return copy.copy(row)


def _changed(sender: type[models.Model], **_signal: Any) -> None:
    key = _token_key(str(connection.schema_name), sender._meta.label)  # type: ignore[attr-defined]
    cache.set(key, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(key, uuid.uuid4().hex, timeout=None))


def settings_cache_register(model: type[models.Model]) -> None:
    """Keep `model`'s row per process (cached_settings), read again after any save or delete."""
    uid = f"settings-cache:{model._meta.label}"
    post_save.connect(_changed, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(_changed, sender=model, dispatch_uid=uid, weak=False)


def settings_cache_forget() -> None:
    """Drop this process's rows (tests start cold, whatever ran before)."""
    with _lock:
        _rows.clear()
