"""`sparrow migrate` migrates only stale schemas, in forked workers, and reports a failing one.

These tests commit: the workers are other processes and see only committed schemas. The
workspaces made here are dropped afterwards and the pool's one ready schema is put back.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test.utils import CaptureQueriesContext

from saas import cli
from saas.core.tenancy import schema_context, tenant_db
from tenants import migrating, provisioning
from tenants.models import Domain, ReadySchema, Tenant
from tenants.services import tenant_signup

SLUGS = ("mig-stale", "mig-broken", "mig-current", "mig-renamed")


def _recorded(schema: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT id, app, name, applied FROM "{schema}".django_migrations ORDER BY id')  # noqa: S608
        return cursor.fetchall()


def _roll_back_last_migration(schema: str, app: str = "messaging") -> tuple[str, str]:
    """Unapply `app`'s latest migration in `schema`, as if the schema missed the last deploy."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    leaf = next(node for node in graph.leaf_nodes() if node[0] == app)
    parent = next(node for node in graph.node_map[leaf].parents if node.key[0] == app).key
    tenant_db().set_schema(schema)
    try:
        call_command(MigrateCommand(), app, parent[1], interactive=False, verbosity=0)
    finally:
        tenant_db().set_schema_to_public()
    return leaf


@pytest.fixture
def workspaces(world, django_db_blocker, settings) -> Iterator[dict[str, str]]:
    settings.SPARROW_POOL_SIZE = settings.SPARROW_POOL_MAX = 1
    with django_db_blocker.unblock():
        schemas = {}
        for slug in SLUGS:
            result = tenant_signup(
                company_name=slug,
                slug=slug,
                owner_name="店主",
                email=f"boss@{slug}.cn",
                password="Spring-Tea-2026!",
            )
            schemas[slug] = result.tenant.schema_name
        try:
            yield schemas
        finally:
            connection.set_schema_to_public()
            Domain.objects.filter(tenant__slug__in=SLUGS).delete()
            Tenant.objects.filter(slug__in=SLUGS).delete()
            with connection.cursor() as cursor:
                for schema in schemas.values():
                    cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            ReadySchema.objects.all().delete()
            provisioning.pool_refill(1)


def test_migrate_compares_fingerprints_and_migrates_only_the_stale_ones(
    workspaces, django_db_blocker, capsys
):
    with django_db_blocker.unblock():
        stale, broken, current = workspaces["mig-stale"], workspaces["mig-broken"], workspaces["mig-current"]
        leaf = _roll_back_last_migration(stale)
        _roll_back_last_migration(broken)
        with schema_context(broken), connection.cursor() as cursor:
            # What the migration creates is already there: it fails in this schema only.
            cursor.execute("CREATE TABLE messaging_productalias (id int)")
        renamed = workspaces["mig-renamed"]
        with connection.cursor() as cursor:
            cursor.execute(
                f'ALTER TABLE "{renamed}".inventory_stocklevel '
                "RENAME CONSTRAINT stocklevel_unique_sku_warehouse TO lost_name"
            )
        untouched = {schema: _recorded(schema) for schema in (current, renamed, "t_alpha", "t_beta")}
        template = provisioning.template_fingerprint()

        # One query tells which schemas exist and have a recorder table, one call compares them
        # all (after defining the session's function that does it).
        with CaptureQueriesContext(connection) as queries:
            found = migrating.schema_fingerprints(list(workspaces.values()))
        assert len(queries.captured_queries) == 3
        assert {schema for schema, fingerprint in found.items() if fingerprint != template} == {stale, broken}

        code = cli.main(["migrate", "--workers", "2"])
        table = capsys.readouterr().out

        assert code == 1
        lines = {line.split()[0]: line.split() for line in table.splitlines() if line.split()}
        assert lines[stale][1:3] == ["migrated", "1"]
        assert lines[broken][1] == "failed" and "already exists" in " ".join(lines[broken])
        assert lines[renamed][1:3] == ["repaired", "1"]
        assert current not in lines and "t_alpha" not in lines
        assert (leaf[0], leaf[1]) in {(row[1], row[2]) for row in _recorded(stale)}
        with schema_context(stale), connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM messaging_productalias")  # the table is back
        # Schemas already current were not migrated: their recorder rows are exactly as before.
        for schema, rows in untouched.items():
            assert _recorded(schema) == rows, schema
        assert migrating.schema_fingerprints([stale])[stale] == template
        assert migrating.schema_fingerprints([broken])[broken] != template


def test_a_second_run_finds_nothing_to_do(workspaces, django_db_blocker):
    with django_db_blocker.unblock():
        report = migrating.migrate_all(workers=2)

    assert report.results == [] and report.failed == []
    assert report.current == report.schemas == Tenant.objects.exclude(schema_name="public").count()


def test_a_missing_schema_is_reported_and_the_rest_proceed(workspaces, django_db_blocker):
    with django_db_blocker.unblock():
        stale = workspaces["mig-stale"]
        _roll_back_last_migration(stale)
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{workspaces["mig-broken"]}" CASCADE')

        report = migrating.migrate_all(workers=1)

    outcomes = {result.schema: result.outcome for result in report.results}
    assert outcomes == {workspaces["mig-broken"]: "failed", stale: "migrated"}
    assert report.failed[0].error == "schema does not exist"


def test_the_pool_is_rebuilt_from_the_new_template(workspaces, django_db_blocker):
    with django_db_blocker.unblock():
        ReadySchema.objects.update(fingerprint="0" * 32)  # cloned before the deploy's migrations
        old = set(ReadySchema.objects.values_list("schema_name", flat=True))

        assert cli.main(["migrate", "--workers", "1"]) == 0

        fresh = list(ReadySchema.objects.values_list("schema_name", "fingerprint"))
    assert fresh and not old & {name for name, _fp in fresh}
    assert {fp for _name, fp in fresh} == {provisioning.template_fingerprint()}
