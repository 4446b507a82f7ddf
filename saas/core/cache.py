"""The cache backend for production: Redis, and process memory while Redis cannot be reached.

Redis is a cache here, never the only place a sign-in depends on (shared/DESIGN.md). When a call
to Redis fails, this backend logs a warning, serves that call and every call for the next
`RETRY_SECONDS` from a per-process memory cache, then tries Redis again. For the sign-in
throttle that means it keeps counting failures per worker process while Redis is away: weaker
than one shared count, but an attacker who can knock Redis over still cannot guess without
limit (failing open would allow that), and no write lands in the database for a passing outage
(degrading to the database would need a table and a write per failed attempt in every tenant).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection

logger = logging.getLogger(__name__)
T = TypeVar("T")

RETRY_SECONDS = 10.0
SHARED = "shared:"
# Django makes a cache object per thread and per async context: the outage window and the
# fallback memory belong to the process, shared by all of them.
_down_until: dict[str, float] = {}


def redis_unreachable(exc: BaseException) -> bool:
    """Redis could not be reached (refused, timed out, the network): an outage, not a bug.
    The cache here and the channel layer (saas/realtime/layers.py) both ride those out."""
    import redis.exceptions

    return isinstance(exc, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError | OSError)


def make_key(key: str, key_prefix: str, version: Any) -> str:
    """django-tenants' key (the schema first, so tenants never share an entry); a key that starts
    with `shared:` is one key for every schema, the one it would have in public. Switching the
    connection to public for such a key would cost a `SET search_path` on the next query."""
    if key.startswith(SHARED):
        return f"public:{key_prefix}:{version}:{key[len(SHARED) :]}"
    return f"{connection.schema_name}:{key_prefix}:{version}:{key}"  # type: ignore[attr-defined]


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        # The same key function as Redis: the fallback keeps the tenant prefix in every key.
        # LocMemCache shares its memory between instances of the same name.
        self._server = str(server)
        self._fallback = LocMemCache(f"sparrow-fallback:{self._server}", params)

    @property
    def degraded(self) -> bool:
        """True while calls go to process memory because Redis failed recently."""
        return time.monotonic() < _down_until.get(self._server, 0.0)

    def retry_now(self) -> None:
        """Ends the outage window: the next call asks Redis again."""
        _down_until.pop(self._server, None)

    def _try(self, name: str, primary: Callable[[], T], fallback: Callable[[], T]) -> T:
        if self.degraded:
            return fallback()
        try:
            return primary()
        except Exception as exc:  # redis raises ConnectionError, TimeoutError, or OSError
            if redis_unreachable(exc):
                logger.warning(
                    "Redis cache unreachable (%s: %s); using process memory for %.0f s",
                    name,
                    exc,
                    RETRY_SECONDS,
                )
                _down_until[self._server] = time.monotonic() + RETRY_SECONDS
                return fallback()
            raise

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        args = (key, value, timeout)
        return self._try(
            "add",
            lambda: super(ResilientRedisCache, self).add(*args, version=version),
            lambda: self._fallback.add(*args, version=version),
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._try(
            "get",
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda: self._fallback.get(key, default, version),
        )

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> None:
        args = (key, value, timeout)
        self._try(
            "set",
            lambda: super(ResilientRedisCache, self).set(*args, version=version),
            lambda: self._fallback.set(*args, version=version),
        )

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> bool:
        args = (key, timeout)
        return self._try(
            "touch",
            lambda: super(ResilientRedisCache, self).touch(*args, version=version),
            lambda: self._fallback.touch(*args, version=version),
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._try(
            "delete",
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda: self._fallback.delete(key, version),
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._try(
            "get_many",
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda: self._fallback.get_many(keys, version),
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._try(
            "has_key",
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda: self._fallback.has_key(key, version),
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self._try(
            "incr",
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            lambda: self._fallback.incr(key, delta, version),
        )

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None) -> list[Any]:
        args = (data, timeout)
        return self._try(
            "set_many",
            lambda: super(ResilientRedisCache, self).set_many(*args, version=version),
            lambda: self._fallback.set_many(*args, version=version),
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._try(
            "delete_many",
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda: self._fallback.delete_many(keys, version),
        )

    def clear(self) -> None:
        self._fallback.clear()
        self._try("clear", lambda: super(ResilientRedisCache, self).clear(), lambda: None)
