"""Shared set-up of the benchmark scripts: a database of their own, then Django.

Each benchmark drops and recreates its database on the server DATABASE_URL names (or on the
embedded one), so it never touches development or test data, and runs the same way each time.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path
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
