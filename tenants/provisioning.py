"""Fast tenant schemas: a migrated template schema, and a pool of ready clones of it.

Replaying every migration for each new tenant is slow and grows with history. Instead:
- `template_ensure()` migrates one template schema (at deploy and on `sparrow up`);
- `pool_refill()` clones the template into a few spare schemas ahead of time (a job after each
  sign-up and every few minutes: tenants/tasks.py);
- `schema_provision()` (inside the sign-up transaction) renames a spare schema to the new
  tenant's name, which takes milliseconds, or clones the template when the pool is empty.
PostgreSQL DDL is transactional, so a sign-up that fails half-way puts the spare back.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_exists

from saas.core.tenancy import tenant_db
from tenants.cloning import schema_clone
from tenants.models import ReadySchema, Tenant
from tenants.recorder import schema_plan, targeted_recorder

logger = logging.getLogger(__name__)

POOL_PREFIX = "sparrow_pool_"
# Any constant works; it only has to be the same in every process that refills the pool.
REFILL_LOCK_KEY = 7_310_220_415
# The pool holds what sign-ups took in this window, twice over (see pool_target).
RATE_WINDOW = timedelta(minutes=10)


def template_schema() -> str:
    return str(settings.SPARROW_TEMPLATE_SCHEMA)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def template_ensure(verbosity: int = 0) -> str:
    """Create the template schema if needed and bring it to the latest tenant migrations."""
    tenant_db().set_schema_to_public()
    if not schema_exists(template_schema()):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA {_quote(template_schema())}")
    # A full `migrate` costs about a second even with nothing to do (post-migrate signals, the
    # model-changes check); asking the plan first costs one query.
    if schema_plan(template_schema()):
        with targeted_recorder():
            call_command(
                "migrate_schemas",
                schema_name=template_schema(),
                tenant=True,
                interactive=False,
                verbosity=verbosity,
            )
    tenant_db().set_schema_to_public()
    return template_fingerprint()


def template_fingerprint() -> str:
    """md5 of the template's applied migrations: equal fingerprints, equal table layouts."""
    # The schema name is a quoted identifier from settings, never user input.
    query = "SELECT md5(string_agg(app || '.' || name, ',' ORDER BY app, name)) FROM {}.django_migrations"
    with connection.cursor() as cursor:
        cursor.execute(query.format(_quote(template_schema())))
        row = cursor.fetchone()
    if not row or not row[0]:
        raise RuntimeError("The template schema is not migrated; run `sparrow migrate`.")
    return str(row[0])


# Pairs (table, name in the template, name in the clone) of constraints with the same table and
# definition but another name.
RENAMED_CONSTRAINTS_SQL = """
WITH template AS (
    SELECT c.relname AS tbl, con.conname, pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s
), clone AS (
    SELECT c.relname AS tbl, con.conname, pg_get_constraintdef(con.oid) AS def
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s
)
SELECT template.tbl, template.conname, clone.conname
FROM template JOIN clone ON clone.tbl = template.tbl AND clone.def = template.def
WHERE clone.conname <> template.conname
"""


def _clone_template(new_schema: str, fingerprint: str | None = None) -> None:
    tenant_db().set_schema_to_public()
    schema_clone(template_schema(), fingerprint or template_fingerprint(), new_schema)


def constraint_names_restore(schema: str) -> int:
    """Give a schema's constraints the template's names; returns how many were renamed.

    clone_schema() recreates multi-column unique constraints under PostgreSQL's default
    names. Migrations find constraints by Django's names, so a later RemoveConstraint would
    fail on every cloned tenant. Renaming a unique constraint renames its index too.
    """
    with connection.cursor() as cursor:
        cursor.execute(RENAMED_CONSTRAINTS_SQL, [template_schema(), schema])
        renames = cursor.fetchall()
        for table, template_name, clone_name in renames:
            cursor.execute(
                f"ALTER TABLE {_quote(schema)}.{_quote(table)} "
                f"RENAME CONSTRAINT {_quote(clone_name)} TO {_quote(template_name)}"
            )
    return len(renames)


def _claim_ready_schema(fingerprint: str) -> str | None:
    """Take one ready schema for this transaction; concurrent sign-ups never get the same one."""
    row = (
        ReadySchema.objects.select_for_update(skip_locked=True)
        .filter(fingerprint=fingerprint)
        .order_by("created_at")
        .first()
    )
    if row is None:
        return None
    name = row.schema_name
    row.delete()
    return name


def schema_provision(schema_name: str) -> str:
    """Give `schema_name` a fresh, fully migrated tenant schema. Call inside a transaction.

    Returns "pool" or "clone", the path taken (the benchmark reports both).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("schema_provision must run inside transaction.atomic()")
    tenant_db().set_schema_to_public()
    spare = _claim_ready_schema(template_fingerprint())
    if spare is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER SCHEMA {_quote(spare)} RENAME TO {_quote(schema_name)}")
        return "pool"
    _clone_template(schema_name)
    return "clone"


def pool_target(now: datetime | None = None) -> int:
    """How many ready schemas to keep: the sign-ups of the last RATE_WINDOW, twice over, within
    SPARROW_POOL_SIZE and SPARROW_POOL_MAX.

    A clone takes one to two seconds on a busy server, so a burst of sign-ups (a campaign, a
    trade fair) outruns one refill; the refill after each sign-up and every five minutes then
    grows the pool while the burst lasts and lets it shrink back as sign-ups thin out (spare
    schemas are not dropped, only not replaced).
    """
    since = (now or timezone.now()) - RATE_WINDOW
    recent = Tenant.objects.filter(created_at__gte=since).exclude(schema_name="public").count()
    floor, ceiling = settings.SPARROW_POOL_SIZE, max(settings.SPARROW_POOL_SIZE, settings.SPARROW_POOL_MAX)
    return min(ceiling, max(floor, 2 * recent))


def pool_refill(target: int | None = None) -> int:
    """Top the pool up to `target` fresh schemas (pool_target() by default); drop stale ones.
    Returns how many were made.

    A session-level advisory lock keeps two processes from refilling at once.
    """
    target = pool_target() if target is None else target
    tenant_db().set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [REFILL_LOCK_KEY])
        row = cursor.fetchone()
        if not row or not row[0]:
            return 0
    made = 0
    try:
        fingerprint = template_fingerprint()
        pool_discard_stale(fingerprint)
        while ReadySchema.objects.filter(fingerprint=fingerprint).count() < target:
            name = POOL_PREFIX + uuid.uuid4().hex[:16]
            with transaction.atomic():
                _clone_template(name, fingerprint)
                ReadySchema.objects.create(schema_name=name, fingerprint=fingerprint)
            made += 1
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [REFILL_LOCK_KEY])
    return made


def pool_discard_stale(fingerprint: str) -> int:
    """Drop ready schemas cloned from an older template (after a deploy added migrations)."""
    dropped = 0
    for row in ReadySchema.objects.exclude(fingerprint=fingerprint):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {_quote(row.schema_name)} CASCADE")
            row.delete()
        dropped += 1
    return dropped


def pool_refill_later() -> int | None:
    """Queue a pool refill job (SPARROW_POOL_REFILL=job), e.g. after a sign-up has committed.

    Returns the job id, or None when refilling is off or a refill job is already waiting.
    """
    if settings.SPARROW_POOL_REFILL != "job":
        return None
    from tenants.tasks import pool_refill_job

    try:
        return pool_refill_job.defer_unless_queued()
    except Exception:  # a refill not queued only makes the next sign-up slower; the schedule refills
        logger.exception("could not queue a pool refill")
        return None
