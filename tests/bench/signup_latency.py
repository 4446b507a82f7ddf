"""Sign-up latency at 10, 100 and 500 existing tenants: prints a table (p50, p95, queries).

    make bench-signup            or   .venv/bin/python tests/bench/signup_latency.py [--sizes 10,100,500]

Runs against its own database `sparrow_bench` on the server DATABASE_URL names (or the embedded
one), dropped and recreated first. Each sample is a full form POST to /signup/ through Django's
whole middleware stack in-process (validation, password hashing, tenant row, schema, domain,
owner); only the network hop is missing. Two paths are measured:
  pool   a ready schema is waiting (the normal case: the pool is refilled in the background)
  clone  the pool is empty and the template is cloned inside the request (the fallback)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,500")
    parser.add_argument("--samples", type=int, default=30, help="pool-path sign-ups per size")
    parser.add_argument("--clone-samples", type=int, default=8, help="empty-pool sign-ups per size")
    args = parser.parse_args()

    django_on_fresh_database(BENCH_DB)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saas.cli import migrate_everything
    from tenants import provisioning
    from tenants.models import ReadySchema, Tenant
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    counter = 0

    def next_slug(prefix: str) -> str:
        nonlocal counter
        counter += 1
        return f"{prefix}{counter:05d}"

    def grow_to(size: int) -> None:
        provisioning.pool_refill(20)
        while Tenant.objects.exclude(schema_name="public").count() < size:
            slug = next_slug("shop")
            tenant_signup(
                company_name=f"店铺{slug}",
                slug=slug,
                owner_name="店主",
                email=f"boss@{slug}.cn",
                password="Spring-Tea-2026!",
            )
            if not ReadySchema.objects.exists():
                provisioning.pool_refill(20)

    def timed_signup(client: Client) -> tuple[float, int]:
        slug = next_slug("new")
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
        return elapsed, len(queries)

    client = Client(HTTP_HOST="localhost")
    timed_signup(client)  # warm caches, imports and the clone function once
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        grow_to(size)
        existing = Tenant.objects.exclude(schema_name="public").count()
        for path, samples in (("pool", args.samples), ("clone", args.clone_samples)):
            times, query_counts = [], []
            for _ in range(samples):
                if path == "pool":
                    provisioning.pool_refill(3)
                else:
                    provisioning.pool_discard_stale("-")  # drops every ready schema
                t, q = timed_signup(client)
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
                )
            )

    from django.contrib.auth.hashers import make_password

    started = time.perf_counter()
    make_password("Spring-Tea-2026!")
    hash_ms = (time.perf_counter() - started) * 1000

    print()
    print(
        f"Sign-up latency (full POST /signup/, in-process), PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} cores"
    )
    print(f"{'tenants':>8} {'path':>6} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'SQL/signup':>11}")
    for existing, path, n, p50, p95, worst, queries in rows:
        print(f"{existing:>8} {path:>6} {n:>4} {p50:>8.1f} {p95:>8.1f} {worst:>8.1f} {queries:>11.0f}")
    print(f"(of which one Argon2id password hash: {hash_ms:.1f} ms)")
    connection.close()


if __name__ == "__main__":
    main()
