"""Shared set-up of the benchmark scripts: a database of their own, then Django.

Each benchmark drops and recreates its database on the server DATABASE_URL names (or on the
embedded one), so it never touches development or test data, and runs the same way each time.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def fresh_database_url(name: str) -> str:
    """Drop and recreate database `name`; return its URL."""
    import psycopg

    from saas.environment import data_dir, embedded_database_url

    base = os.environ.get("DATABASE_URL") or embedded_database_url(data_dir())
    parsed = urlparse(base.replace("postgres://", "postgresql://", 1))  # psycopg wants postgresql://
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunparse(parsed._replace(path=f"/{name}"))


def django_on_fresh_database(name: str) -> None:
    """Point Django at a fresh database `name` and set it up; the pool refill stays manual."""
    os.environ["DATABASE_URL"] = fresh_database_url(name)
    os.environ["SPARROW_POOL_REFILL"] = "off"  # benchmarks refill between samples, untimed
    os.environ["SPARROW_DB_POOL"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")
    import django

    django.setup()


def percentile(values: list[float], pct: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def signed_in_session(user: Any) -> str:
    """A database session signed in as `user`: its key, for a benchmark's HTTP client cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "saas.accounts.backends.EmailBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def timed(call: Callable[[], Any], samples: int) -> tuple[float, float, int]:
    """(p50 ms, p95 ms, SQL statements of one call), after one warm-up call."""
    from django.db import connection

    executed: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        executed.append(sql)
        return execute(sql, params, many, context)

    call()
    with connection.execute_wrapper(count):
        call()
    found = []
    for _ in range(samples):
        started = time.perf_counter()
        call()
        found.append((time.perf_counter() - started) * 1000)
    return statistics.median(found), percentile(found, 95), len(executed)
