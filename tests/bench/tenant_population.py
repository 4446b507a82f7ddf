"""A database with thousands of workspace schemas, kept between runs (make bench-migrate, bench-signup).

Creating 2,000 schemas takes a while (each clone builds about 660 indexes, and PostgreSQL 15
syncs each new index file to disk), so the database `sparrow_bench_tenancy` is not dropped: a
later run finds the population there and only adds what is missing. `--fresh` on either
benchmark drops it first; a template whose migrations changed is migrated like production.

Population workspaces are a tenant row, a domain and a schema cloned from the template (the
sign-up's clone path without an owner), made by a few threads with a connection each, their
rows dated a year back so they do not count as recent sign-ups for the pool.
"""

from __future__ import annotations

import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import fresh_database_url  # noqa: E402

POPULATION_DB = "sparrow_bench_tenancy"
PREFIX = "pop"


def django_on_population(fresh: bool) -> None:
    """Point Django at the population database, creating it when missing (or when `fresh`)."""
    import psycopg

    from saas.environment import data_dir, embedded_database_url

    base = os.environ.get("DATABASE_URL") or embedded_database_url(data_dir())
    parsed = urlparse(base.replace("postgres://", "postgresql://", 1))
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [POPULATION_DB]).fetchone()
    url = (
        fresh_database_url(POPULATION_DB)
        if fresh or not exists
        else urlunparse(parsed._replace(path=f"/{POPULATION_DB}"))
    )
    os.environ["DATABASE_URL"] = url
    os.environ["SPARROW_POOL_REFILL"] = "off"  # benchmarks refill between samples, untimed
    os.environ["SPARROW_DB_POOL"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")
    import django

    django.setup()


def _clone_batch(names: list[str], fingerprint: str) -> None:
    from django.db import connection, transaction

    from tenants import provisioning

    try:
        for name in names:
            with transaction.atomic():
                provisioning._clone_template(name, fingerprint)
    finally:
        connection.close()


def population_ensure(size: int, threads: int = 4) -> float:
    """At least `size` workspaces exist; returns the seconds spent adding the missing ones."""
    from django.db import connection

    from tenants import provisioning
    from tenants.models import Domain, Tenant

    existing = Tenant.objects.exclude(schema_name="public").count()
    if existing >= size:
        return 0.0
    started = time.perf_counter()
    fingerprint = provisioning.template_fingerprint()
    taken = set(Tenant.objects.values_list("schema_name", flat=True))
    names: list[str] = []
    number = 0
    while len(names) < size - existing:
        number += 1
        name = f"t_{PREFIX}{number:05d}"
        if name not in taken:
            names.append(name)
    with connection.cursor() as cursor:  # schemas left by an interrupted run
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [names])
        for (leftover,) in cursor.fetchall():
            cursor.execute(f'DROP SCHEMA "{leftover}" CASCADE')
    batches = [names[index::threads] for index in range(threads)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for future in [pool.submit(_clone_batch, batch, fingerprint) for batch in batches]:
            future.result()
    a_year_ago = datetime(2025, 1, 1, tzinfo=UTC)
    tenants = Tenant.objects.bulk_create(
        [
            Tenant(slug=name[2:], name=f"店铺{name[2:]}", schema_name=name, created_at=a_year_ago)
            for name in names
        ],
        batch_size=500,
    )
    Domain.objects.bulk_create(
        [Domain(domain=f"{tenant.slug}.bench.local", tenant=tenant, is_primary=True) for tenant in tenants],
        batch_size=500,
    )
    return time.perf_counter() - started


def rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(
        description="build the benchmark population (used by the two benchmarks)"
    )
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    django_on_population(args.fresh)
    from saas.cli import migrate_everything
    from tenants.services import public_tenant_ensure

    migrate_everything()
    public_tenant_ensure()
    took = population_ensure(args.size)
    print(f"population of {args.size}: {took:.0f} s spent adding workspaces")


if __name__ == "__main__":
    main()
