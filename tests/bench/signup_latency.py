"""Sign-up latency at 500 and 2,000 existing workspaces: pool and clone paths, new clone against old.

    make bench-signup    or   .venv/bin/python tests/bench/signup_latency.py [--sizes 500,2000] [--fresh]

Runs in `sparrow_bench_tenancy`, a population kept between runs (tests/bench/tenant_population.py;
`--fresh` drops it). Each sign-up sample is a full form POST to /signup/ through Django's whole
middleware stack in-process (validation, password hashing, tenant row, schema, domain, owner);
only the network hop is missing. Rows:
  pool         a ready schema is waiting (the normal case: the pool is refilled in the background)
  clone        the pool is empty and the template is cloned inside the request (the fallback)
  clone-schema the schema copy alone, new script (tenants/cloning.py), rolled back
  clone-old    the same with django-tenants' clone_schema() and the constraint-name repair, the
               path before this change, measured in the same run (the ratio's baseline)
The sign-ups a run makes are removed at its end, so the population stays as it was.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import percentile  # noqa: E402
from tenant_population import django_on_population, population_ensure, rss_mb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,2000")
    parser.add_argument("--samples", type=int, default=30, help="pool-path sign-ups per size")
    parser.add_argument("--clone-samples", type=int, default=8, help="empty-pool sign-ups per size")
    parser.add_argument("--fresh", action="store_true", help="drop the kept population first")
    args = parser.parse_args()

    django_on_population(args.fresh)
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_tenants.clone import CLONE_SCHEMA_FUNCTION

    from saas.cli import migrate_everything
    from tenants import provisioning
    from tenants.models import Domain, ReadySchema, Tenant
    from tenants.services import public_tenant_ensure

    migrate_everything()
    public_tenant_ensure()
    with connection.cursor() as cursor:  # the old path's function, for the baseline rows
        cursor.execute("SELECT 1 FROM pg_proc WHERE proname = 'clone_schema'")
        if cursor.fetchone() is None:
            cursor.execute(
                CLONE_SCHEMA_FUNCTION.format(db_user=settings.DATABASES["default"]["USER"] or "postgres")
            )
    counter = 0
    made: list[str] = []

    def timed_signup(client: Client) -> tuple[float, int]:
        nonlocal counter
        counter += 1
        slug = f"new{os.getpid()}x{counter:04d}"
        form = {
            "company_name": f"新店{slug}",
            "slug": slug,
            "owner_name": "陈明",
            "email": f"chen@{slug}.cn",
            "password": "Spring-Tea-2026!",
        }
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post("/signup/", form)
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 302, response.content[:300]
        connection.set_schema_to_public()
        made.append(slug)
        return elapsed, len(queries)

    def clone_only(old: bool) -> float:
        started = time.perf_counter()
        with transaction.atomic():
            if old:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT clone_schema(%s, 'bench_probe_clone', 'DATA')",
                        [provisioning.template_schema()],
                    )
                provisioning.constraint_names_restore("bench_probe_clone")
            else:
                provisioning._clone_template("bench_probe_clone")
            elapsed = (time.perf_counter() - started) * 1000
            transaction.set_rollback(True)
        return elapsed

    client = Client(HTTP_HOST="localhost")
    rows = []
    notes = []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            built = population_ensure(size)
            if built:
                notes.append(f"{size}: {built:.0f} s to add workspaces to the kept population")
            provisioning.pool_refill(3)
            timed_signup(client)  # warm imports, the clone script and caches once
            existing = Tenant.objects.exclude(schema_name="public").count()
            for path, samples in (
                ("pool", args.samples),
                ("clone", args.clone_samples),
                ("clone-schema", args.clone_samples),
                ("clone-old", max(3, args.clone_samples // 2)),
            ):
                times, query_counts = [], []
                for _ in range(samples):
                    if path == "pool":
                        provisioning.pool_refill(3)
                        t, q = timed_signup(client)
                    elif path == "clone":
                        provisioning.pool_discard_stale("-")  # drops every ready schema
                        t, q = timed_signup(client)
                    else:
                        t, q = clone_only(old=path == "clone-old"), 0
                    times.append(t)
                    query_counts.append(q)
                rows.append(
                    (
                        existing,
                        path,
                        samples,
                        statistics.median(times),
                        percentile(times, 95),
                        max(times),
                        statistics.median(query_counts),
                        rss_mb(),
                    )
                )
    finally:
        connection.set_schema_to_public()
        gone = list(Tenant.objects.filter(slug__in=made).values_list("schema_name", flat=True))
        Domain.objects.filter(tenant__slug__in=made).delete()
        Tenant.objects.filter(slug__in=made).delete()
        with connection.cursor() as cursor:
            for schema in gone:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        provisioning.pool_discard_stale("-")
        ReadySchema.objects.all().delete()

    from django.contrib.auth.hashers import make_password

    started = time.perf_counter()
    make_password("Spring-Tea-2026!")
    hash_ms = (time.perf_counter() - started) * 1000

    print()
    print(
        f"Sign-up latency (full POST /signup/, in-process), PostgreSQL {connection.pg_version // 10000}, "
        f"{os.cpu_count()} cores"
    )
    print(
        f"{'tenants':>8} {'path':>12} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL':>5} "
        f"{'old/new':>7} {'RSS MB':>7}"
    )
    by_path = {(row[0], row[1]): row for row in rows}
    for existing, path, n, p50, p95, worst, queries, rss in rows:
        ratio = f"{p50 / by_path[(existing, 'clone-schema')][3]:>7.1f}" if path == "clone-old" else f"{'':>7}"
        print(
            f"{existing:>8} {path:>12} {n:>4} {p50:>8.1f} {p95:>8.1f} {worst:>8.1f} {queries:>5.0f} {ratio} {rss:>7.0f}"
        )
    print(f"(of which one Argon2id password hash: {hash_ms:.1f} ms)")
    for note in notes:
        print(f"  {note}")
    connection.close()


if __name__ == "__main__":
    main()
