"""Who is in the chat right now: people with a `messages` subscription open, in any process.

The inbox notification of a new message is for people away (saas/messaging/delivery.py), so
the subscription counts itself in for its person while it runs: a counter per person in the
cache (Redis in production, shared by every server; the key carries the workspace's schema),
with a lease the running subscriptions renew. A process killed without leaving keeps its
count only until the lease runs out unrenewed. Every failure errs towards "away": a
person is then told once more than needed, never left untold.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

LEASE_SECONDS = 90
RENEW_SECONDS = 30  # each running subscription renews the lease this often


def _key(user_id: int) -> str:
    return f"messaging:present:{user_id}"


def presence_enter(user_id: int) -> None:
    key = _key(user_id)
    try:
        cache.add(key, 0, LEASE_SECONDS)
        cache.incr(key)
        cache.touch(key, LEASE_SECONDS)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, LEASE_SECONDS)


def presence_renew(user_id: int) -> None:
    key = _key(user_id)
    if not cache.touch(key, LEASE_SECONDS):
        cache.add(key, 1, LEASE_SECONDS)  # the lease ran out while the subscription still runs


def presence_leave(user_id: int) -> None:
    key = _key(user_id)
    try:
        if cache.decr(key) <= 0:
            cache.delete(key)
    except ValueError:  # gone already
        pass


def present(user_ids: list[int]) -> set[int]:
    """Those of these people with a `messages` subscription open now."""
    if not user_ids:
        return set()
    counts = cache.get_many([_key(pk) for pk in user_ids])
    return {pk for pk in user_ids if int(counts.get(_key(pk)) or 0) > 0}
