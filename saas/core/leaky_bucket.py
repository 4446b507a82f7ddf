"""Leaky buckets shared by every process: one atomic Lua script in Redis, process memory without it.

A bucket holds up to `capacity` points and drains `rate` points a second. A request that would
overflow it is refused, told how long until it fits, and adds nothing. The state is the level and
the time it was measured, in a Redis hash that expires once the bucket would be empty. The whole
read-drain-add-write runs in one script, so processes taking from one bucket never overspend it.

Time comes from the caller (`now=`, seconds since the epoch, default the wall clock), which keeps
the script deterministic and lets tests move time without sleeping. Hosts whose clocks disagree
a little never refill a bucket twice: time never runs backwards for a bucket.

Redis is reached the way the cache reaches it (saas/core/cache.py): the default cache's
connection, and while Redis is unreachable its outage window, logged once, with buckets kept in
process memory meanwhile (each process then counts alone, as the sign-in throttle does). Without
REDIS_URL (the embedded default, one process) the buckets live in memory.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from redis.exceptions import NoScriptError

from saas.core.cache import ResilientRedisCache

# KEYS[1]: the bucket. ARGV: cost, capacity, rate (points a second), now (seconds, as text).
# Returns {allowed (0/1), level after, seconds until the cost fits}; numbers travel as text because
# Redis truncates a Lua number to an integer on the way out.
TAKE_SCRIPT = """
local cost = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'level', 'at')
local level = tonumber(state[1]) or 0
local at = state[2] or ARGV[4]
if now > tonumber(at) then
  level = math.max(0, level - (now - tonumber(at)) * rate)
  at = ARGV[4]
end
local allowed = 0
local wait = 0
if level + cost <= capacity then
  level = level + cost
  allowed = 1
else
  wait = (level + cost - capacity) / rate
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'at', at)
redis.call('PEXPIRE', KEYS[1], math.ceil(level / rate * 1000) + 1000)
return {allowed, tostring(level), tostring(wait)}
"""
TAKE_SHA = hashlib.sha1(TAKE_SCRIPT.encode()).hexdigest()  # Redis names scripts by their SHA-1


@dataclass(frozen=True)
class BucketAnswer:
    allowed: bool
    level: float  # points in the bucket after this request
    capacity: int
    # 0 when allowed; math.inf when the cost is larger than the whole bucket (it never fits).
    retry_after_seconds: float

    @property
    def remaining(self) -> float:
        return max(0.0, self.capacity - self.level)


def take(
    bucket: str,
    cost: int,
    *,
    capacity: int,
    rate: float,
    now: float | None = None,
    backend: BaseCache | None = None,
) -> BucketAnswer:
    """Adds `cost` points to the bucket if they fit. `take(bucket, 0, ...)` only reads it.
    `backend` is the cache whose Redis holds the buckets (default: the default cache)."""
    if rate <= 0 or capacity < 0 or cost < 0:
        raise ValueError("a bucket needs a positive rate, and capacity and cost of at least 0")
    at = time.time() if now is None else now
    backend = caches["default"] if backend is None else backend
    key = backend.make_key(bucket)
    if isinstance(backend, ResilientRedisCache):
        answer = backend._try(
            "leaky bucket",
            lambda: _redis_take(backend, key, cost, capacity, rate, at),
            lambda: _memory.take(key, cost, capacity, rate, at),
        )
    else:
        answer = _memory.take(key, cost, capacity, rate, at)
    if cost > capacity:
        return BucketAnswer(False, answer.level, capacity, math.inf)
    return answer


def _redis_take(
    backend: ResilientRedisCache, key: str, cost: int, capacity: int, rate: float, now: float
) -> BucketAnswer:
    client = backend._cache.get_client(key, write=True)
    args = (cost, capacity, repr(float(rate)), repr(float(now)))
    try:
        allowed, level, wait = client.evalsha(TAKE_SHA, 1, key, *args)
    except NoScriptError:  # a restarted or new Redis: EVAL loads the script for the next EVALSHA
        allowed, level, wait = client.eval(TAKE_SCRIPT, 1, key, *args)
    return BucketAnswer(bool(allowed), float(level), capacity, float(wait))


class MemoryBuckets:
    """The same arithmetic as TAKE_SCRIPT, under one lock, for one process."""

    # Past this many buckets, drained ones are dropped (anonymous callers each have one).
    SWEEP_ABOVE = 10_000

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: dict[str, tuple[float, float, float]] = {}  # key -> (level, at, empty at)

    def take(self, key: str, cost: int, capacity: int, rate: float, now: float) -> BucketAnswer:
        with self._lock:
            level, at, _empty = self._state.get(key, (0.0, now, now))
            if now > at:
                level, at = max(0.0, level - (now - at) * rate), now
            if level + cost <= capacity:
                level += cost
                answer = BucketAnswer(True, level, capacity, 0.0)
            else:
                answer = BucketAnswer(False, level, capacity, (level + cost - capacity) / rate)
            self._state[key] = (level, at, at + level / rate)
            if len(self._state) > self.SWEEP_ABOVE:
                self._state = {k: state for k, state in self._state.items() if state[2] > now}
            return answer


_memory = MemoryBuckets()
