"""Django's migration recorder made to find its table by name, and a schema's missing migrations.

`MigrationRecorder.has_table` lists every table the connection can see to find django_migrations,
and a `migrate` asks five times. With thousands of tenant schemas that list is most of the cost
of a migrate that has nothing to do, and it is paid per schema: quadratic in the tenants.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from saas.core.tenancy import tenant_db


def _has_own_table(recorder: MigrationRecorder) -> bool:
    """Whether the first schema on the path has django_migrations: one indexed lookup."""
    if getattr(recorder, "_has_table", False):  # Django's own cache of the answer
        return True
    with recorder.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_class WHERE relname = 'django_migrations' "
            "AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
        )
        found = cursor.fetchone() is not None
    recorder._has_table = found  # type: ignore[attr-defined]
    return found


@contextmanager
def targeted_recorder() -> Iterator[None]:
    """Inside, the recorder asks for its one table instead of listing all of them."""
    original = MigrationRecorder.has_table
    MigrationRecorder.has_table = _has_own_table  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        MigrationRecorder.has_table = original  # type: ignore[method-assign]


def schema_plan(schema: str) -> int:
    """How many migrations `schema` lacks (all of them when it has no django_migrations)."""
    with targeted_recorder():
        tenant_db().set_schema(schema, include_public=False)
        try:
            executor = MigrationExecutor(connection)
            return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        finally:
            tenant_db().set_schema_to_public()
