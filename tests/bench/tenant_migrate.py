"""`sparrow migrate` at 500 and 2,000 workspaces: no-op and one new migration, new path against old.

    make bench-migrate    or   .venv/bin/python tests/bench/tenant_migrate.py [--sizes 500,2000] [--fresh]

Runs in `sparrow_bench_tenancy`, a population kept between runs (tests/bench/tenant_population.py).
The process loads the probe app (tests/bench/migration_probe) without its migration; the
"one new migration" rows name the migration, so the template and every workspace become stale.

  no-op, new     migrate_all(): public, template check, one fingerprint query, constraint names
                 check, nothing migrated; SQL counted on the main connection
  no-op, old     per schema what `sparrow migrate` did before: migrate_schemas for the schema
                 (Django's migrate, the recorder listing every table) and constraint_names_restore;
                 timed on a sample of schemas, ms per tenant times the tenants for the total
  1 migration    the probe's migration on a sample of stale schemas: new = schemas_migrate with
                 forked workers; old = migrate_schemas per schema. Then taken back everywhere.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.migration_probe.settings"
from bench_setup import percentile  # noqa: E402
from tenant_population import django_on_population, population_ensure, rss_mb  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PROBE_TAKE_BACK = """
DROP TABLE IF EXISTS {schema}.migration_probe_probe;
DELETE FROM {schema}.django_migrations WHERE app = 'migration_probe';
DELETE FROM {schema}.auth_permission WHERE content_type_id IN
    (SELECT id FROM {schema}.django_content_type WHERE app_label = 'migration_probe');
DELETE FROM {schema}.django_content_type WHERE app_label = 'migration_probe';
"""


def counted(call):  # type: ignore[no-untyped-def]
    """(seconds, SQL statements on the main connection, result) of one call."""
    from django.db import connection

    executed = 0

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal executed
        executed += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        result = call()
        seconds = time.perf_counter() - started
    return seconds, executed, result


def old_path(schema: str) -> float:
    """What `sparrow migrate` did per tenant before: migrate_schemas and the constraint repair."""
    from django.core.management import call_command

    from tenants import provisioning

    started = time.perf_counter()
    call_command("migrate_schemas", schema_name=schema, tenant=True, interactive=False, verbosity=0)
    provisioning.constraint_names_restore(schema)
    return time.perf_counter() - started


def command_run(workers: int) -> tuple[float, float]:
    """`sparrow migrate` as a process: (seconds, peak RSS in MB of it and its workers)."""
    import resource

    env = {**os.environ, "SPARROW_POOL_SIZE": "0", "SPARROW_POOL_MAX": "0"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "saas.cli", "migrate", "--workers", str(workers)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def take_back(schemas: list[str]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for schema in schemas:
            cursor.execute(PROBE_TAKE_BACK.format(schema=connection.ops.quote_name(schema)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500,2000")
    parser.add_argument("--samples", type=int, default=5, help="no-op runs per size")
    parser.add_argument("--old-sample", type=int, default=10, help="schemas timed on the old path")
    parser.add_argument("--new-sample", type=int, default=100, help="stale schemas migrated on the new path")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="drop the kept population first")
    args = parser.parse_args()

    django_on_population(args.fresh)
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings

    from saas.cli import migrate_everything
    from tenants import migrating, provisioning
    from tenants.services import public_tenant_ensure

    migrate_everything()
    public_tenant_ensure()
    rows: list[tuple] = []
    notes: list[str] = []
    for size in [int(s) for s in args.sizes.split(",")]:
        built = population_ensure(size)
        if built:
            notes.append(f"{size}: {built:.0f} s to add workspaces to the kept population")
        schemas = migrating.tenant_schemas()
        n = len(schemas)

        # No-op, new path, in this process (median of runs) and once as the command.
        runs, sql = [], 0
        for _ in range(args.samples):
            seconds, sql, report = counted(lambda: migrating.migrate_all(workers=args.workers))
            assert not report.results, report.table()
            runs.append(seconds * 1000)
        steps = ", ".join(f"{step} {s * 1000:.0f}" for step, s in report.seconds.items())
        rows.append((n, "no-op", "new", args.samples, statistics.median(runs), percentile(runs, 95), n, sql))
        command_seconds, command_rss = command_run(args.workers)
        notes.append(
            f"{n}: no-op steps (ms) {steps}; `sparrow migrate` as a process {command_seconds:.1f} s "
            f"({command_seconds * 1000 / n:.1f} ms per tenant, Python and Django start-up included), "
            f"peak RSS {command_rss:.0f} MB"
        )

        # No-op, old path, per schema on a sample.
        sample = schemas[:: max(1, n // args.old_sample)][: args.old_sample]
        old = [old_path(schema) * 1000 for schema in sample]
        per_tenant_old = statistics.median(old)
        rows.append((n, "no-op", "old", len(sample), per_tenant_old * n, percentile(old, 95) * n, n, None))

        # One new migration.
        with override_settings(MIGRATION_MODULES={"migration_probe": settings.PROBE_MIGRATIONS}):
            started = time.perf_counter()
            fingerprint = provisioning.template_ensure()
            template_ms = (time.perf_counter() - started) * 1000
            found = migrating.schema_fingerprints(schemas)
            stale = [schema for schema in schemas if found.get(schema) != fingerprint]
            assert len(stale) == n, (len(stale), n)
            new_sample = stale[: args.new_sample]
            started = time.perf_counter()
            results, worker_rss_kb = migrating.schemas_migrate(new_sample, args.workers)
            new_seconds = time.perf_counter() - started
            assert all(result.outcome == "migrated" for result in results), [r.error for r in results][:3]
            per_schema = [result.seconds * 1000 for result in results]
            old_sample = stale[args.new_sample :: max(1, (n - args.new_sample) // args.old_sample)][
                : args.old_sample
            ]
            old = [old_path(schema) * 1000 for schema in old_sample]
        take_back([provisioning.template_schema(), *new_sample, *old_sample])
        migrating.tenant_schemas()  # the connection is usable again
        per_tenant_new = new_seconds * 1000 / len(new_sample)
        rows.append(
            (n, "1 migration", "new", len(new_sample), per_tenant_new * n, None, len(new_sample), None)
        )
        rows.append(
            (
                n,
                "1 migration",
                "old",
                len(old_sample),
                statistics.median(old) * n,
                None,
                len(old_sample),
                None,
            )
        )
        notes.append(
            f"{n}: 1 migration, new: template {template_ms:.0f} ms; per schema in a worker p50 "
            f"{statistics.median(per_schema):.0f} ms, p95 {percentile(per_schema, 95):.0f} ms, "
            f"{args.workers} workers: {per_tenant_new:.0f} ms per tenant of wall time; workers' peak RSS "
            f"{worker_rss_kb / 1024:.0f} MB; old per schema p50 {statistics.median(old):.0f} ms"
        )

    print()
    print(
        f"sparrow migrate at scale, PostgreSQL {connection.pg_version // 10000}, {os.cpu_count()} cores, "
        f"{args.workers} workers (totals for all tenants; old and 1-migration totals projected from "
        "the per-schema sample)"
    )
    print(
        f"{'tenants':>7} {'case':>11} {'path':>4} {'n':>4} {'total ms':>10} {'p95 ms':>9} "
        f"{'ms/tenant':>9} {'SQL':>6} {'old/new':>7}"
    )
    by_case = {(row[0], row[1], row[2]): row for row in rows}
    for tenants, case, path, samples, total, p95, _measured, sql in rows:
        new_total = by_case[(tenants, case, "new")][4]
        ratio = f"{total / new_total:>7.1f}" if path == "old" else f"{'1.0':>7}"
        p95_text = f"{p95:>9.0f}" if p95 is not None else f"{'-':>9}"
        sql_text = f"{sql:>6}" if sql is not None else f"{'-':>6}"
        print(
            f"{tenants:>7} {case:>11} {path:>4} {samples:>4} {total:>10.0f} {p95_text} "
            f"{total / tenants:>9.1f} {sql_text} {ratio}"
        )
    for note in notes:
        print(f"  {note}")
    print(f"  benchmark process peak RSS {rss_mb():.0f} MB")
    connection.close()


if __name__ == "__main__":
    main()
