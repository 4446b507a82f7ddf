"""Runs a write at most once per (actor, idempotency key); a retry returns the first result.

The actor is a person (keyed by the user) or a partner key or job (keyed by its kind and ref).

The key row is inserted in the same transaction as the write, first, with `INSERT … ON CONFLICT
DO NOTHING`: a concurrent retry blocks on the unique index until the first commits, then finds
the row and reads the stored result: never a second record. No savepoint is needed for that (the
conflict is no error), so a first call costs one INSERT before the write and one UPDATE after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _

from saas.core.audit import ActorStamp
from saas.core.errors import InvalidInput
from saas.core.models import IdempotencyKey

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{8,80}$")


def check_key(key: str) -> None:
    if not KEY_PATTERN.match(key):
        raise InvalidInput(
            _("The idempotency key must be 8-80 letters, digits, '-', '_', '.' or ':'."),
            code="idempotency_key_invalid",
            field="idempotency_key",
        )


def run_once(
    *, by: ActorStamp, key: str | None, operation: str, write: Callable[[], dict[str, Any]]
) -> tuple[dict[str, Any], bool]:
    """Run `write` unless this actor (`by`) already ran `operation` with `key`.

    `write` returns a small JSON-able reference to what it made; the caller re-reads the object.
    Returns (result, replayed).
    """
    # Called outside any transaction (a service's own door), this block is the transaction
    # itself: no savepoint. Inside a caller's, it is one, so a refusal rolls back only this write.
    if key is None:
        with transaction.atomic():
            return write(), False
    check_key(key)
    with transaction.atomic():
        pk = _claim(by, key, operation)
        if pk is None:
            if by.user_id is not None:
                who: dict[str, Any] = {"actor_id": by.user_id}
            else:
                who = {"actor__isnull": True, "actor_kind": by.kind.value, "actor_ref": by.ref}
            record = IdempotencyKey.objects.select_for_update().get(**who, key=key)
            if record.operation != operation:
                raise InvalidInput(
                    _("This idempotency key was already used for another action."),
                    code="idempotency_key_reused",
                    field="idempotency_key",
                )
            return record.result, True
        result = write()
        IdempotencyKey.objects.filter(pk=pk).update(result=result)
        return result, False


def _claim(by: ActorStamp, key: str, operation: str) -> int | None:
    """Insert the key's row; its id, or None when this actor used the key already (either unique
    index: the person's, or the kind and ref of a key or job)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_idempotencykey (actor_id, actor_kind, actor_ref, key, operation, result, created_at) "
            "VALUES (%s, %s, %s, %s, %s, '{}'::jsonb, now()) ON CONFLICT DO NOTHING RETURNING id",
            [by.user_id, by.kind.value, "" if by.user_id is not None else by.ref, key, operation],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])
