"""Throttles repeated failed logins, per e-mail and per client address, in the tenant's cache.

Cache keys are made by django-tenants' key function, which prefixes the schema: a lock in one
workspace never locks the same e-mail address in another.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def _keys(email: str, client_ip: str) -> list[str]:
    return [_key("email", email), _key("ip", client_ip)]


def login_is_locked(email: str, client_ip: str) -> bool:
    limit = settings.SPARROW_LOGIN_MAX_FAILURES
    counts: dict[str, int] = cache.get_many(_keys(email, client_ip))
    # An address gets more room than one account: an office shares one public IP.
    return counts.get(_key("email", email), 0) >= limit or counts.get(_key("ip", client_ip), 0) >= limit * 4


def login_failed(email: str, client_ip: str) -> None:
    for key in _keys(email, client_ip):
        # add() starts the window; incr() keeps its expiry, so the lock lasts a fixed time.
        if not cache.add(key, 1, timeout=settings.SPARROW_LOGIN_LOCK_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=settings.SPARROW_LOGIN_LOCK_SECONDS)


def login_succeeded(email: str) -> None:
    cache.delete(_key("email", email))
