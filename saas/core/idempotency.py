"""Runs a write at most once per (actor, idempotency key); a retry returns the first result.

The actor is a person (keyed by the user) or a partner key or job (keyed by its kind and ref).

The key row is inserted in the same transaction as the write. A concurrent retry blocks on the
unique index until the first commits, then reads the stored result: never a second record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.db import transaction
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
    if key is None:
        with transaction.atomic():
            return write(), False
    check_key(key)
    with transaction.atomic():
        if by.user_id is not None:
            who: dict[str, Any] = {"actor_id": by.user_id}
        else:
            who = {"actor__isnull": True, "actor_kind": by.kind.value, "actor_ref": by.ref}
        record, created = IdempotencyKey.objects.select_for_update().get_or_create(
            **who, key=key, defaults={"operation": operation}
        )
        if not created:
            if record.operation != operation:
                raise InvalidInput(
                    _("This idempotency key was already used for another action."),
                    code="idempotency_key_reused",
                    field="idempotency_key",
                )
            return record.result, True
        result = write()
        record.result = result
        record.save(update_fields=["result"])
        return result, False
