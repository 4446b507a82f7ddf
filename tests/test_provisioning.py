"""The template schema and the pool of ready schemas."""

from __future__ import annotations

from django.db import connection
from django_tenants.utils import schema_exists

from tenants import provisioning
from tenants.models import ReadySchema
from tests.fixtures.jobs import run_job


def test_pool_refill_tops_up_to_the_target_and_no_further(world, db):
    ReadySchema.objects.all().delete()
    assert provisioning.pool_refill(2) == 2
    assert provisioning.pool_refill(2) == 0
    names = list(ReadySchema.objects.values_list("schema_name", flat=True))
    assert len(names) == 2 and all(schema_exists(name) for name in names)
    assert all(name.startswith(provisioning.POOL_PREFIX) for name in names)


def test_stale_ready_schemas_are_dropped_not_handed_out(world, db):
    ReadySchema.objects.all().delete()
    provisioning.pool_refill(1)
    stale = ReadySchema.objects.get()
    stale.fingerprint = "0" * 32  # as if cloned before the last deploy's migrations
    stale.save()
    provisioning.pool_refill(1)
    assert not schema_exists(stale.schema_name)
    fresh = ReadySchema.objects.get()
    assert fresh.fingerprint == provisioning.template_fingerprint()


def test_template_fingerprint_changes_when_a_migration_is_applied(world, db):
    before = provisioning.template_fingerprint()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO sparrow_template.django_migrations (app, name, applied) VALUES ('x', '0001_new', now())"
        )
    assert provisioning.template_fingerprint() != before


def test_a_sign_up_queues_one_pool_refill_job_which_tops_the_pool_up(world, db, settings):
    settings.SPARROW_POOL_REFILL = "job"
    settings.SPARROW_POOL_SIZE = settings.SPARROW_POOL_MAX = 2  # the recent sign-ups ask no more
    ReadySchema.objects.all().delete()

    first = provisioning.pool_refill_later()
    assert first is not None
    assert provisioning.pool_refill_later() is None  # one waits already: a burst queues one

    assert run_job(first) == 2
    ready = list(ReadySchema.objects.filter(fingerprint=provisioning.template_fingerprint()))
    assert len(ready) == 2 and all(schema_exists(row.schema_name) for row in ready)


def test_pool_refill_jobs_are_off_when_configured_so(world, db, settings):
    settings.SPARROW_POOL_REFILL = "off"
    assert provisioning.pool_refill_later() is None


def test_constraint_names_are_restored_on_a_schema_that_lost_them(world, db, alpha):
    schema = alpha.tenant.schema_name
    with connection.cursor() as cursor:
        cursor.execute(
            f'ALTER TABLE "{schema}".inventory_stocklevel RENAME CONSTRAINT stocklevel_unique_sku_warehouse TO lost_name'
        )
    assert provisioning.constraint_names_restore(schema) == 1
    assert provisioning.constraint_names_restore(schema) == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
            "WHERE n.nspname = %s AND conname = 'stocklevel_unique_sku_warehouse'",
            [schema],
        )
        assert cursor.fetchone() is not None


def test_the_pool_grows_with_the_sign_up_rate_within_its_bounds(world, db, settings):
    from datetime import UTC, datetime, timedelta

    from tenants.models import Tenant

    settings.SPARROW_POOL_SIZE, settings.SPARROW_POOL_MAX = 2, 10
    burst = datetime(2100, 3, 1, 9, 0, tzinfo=UTC)  # after every other workspace's sign-up

    def sign_ups(count: int, start: int) -> None:
        for n in range(start, start + count):
            Tenant.objects.create(slug=f"burst{n}", name="店", schema_name=f"burst{n}", created_at=burst)

    assert provisioning.pool_target(now=burst) == 2  # nobody signed up lately: the floor
    sign_ups(3, 0)
    assert provisioning.pool_target(now=burst) == 6  # twice the last ten minutes' sign-ups
    sign_ups(5, 3)
    assert provisioning.pool_target(now=burst) == 10  # never beyond the ceiling
    assert provisioning.pool_target(now=burst + timedelta(minutes=11)) == 2  # the burst is over
