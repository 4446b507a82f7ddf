"""Named locks for one workspace, held until the transaction ends (PostgreSQL advisory locks).

For work that must run one at a time but has no single row to lock: two jobs recomputing the
same day's figures, two people entering the same new customer. The workspace's schema is part
of the name, so workspaces never wait for each other.
"""

from __future__ import annotations

from django.db import connection

from saas.core.tenancy import require_tenant_schema


def workspace_lock(name: str) -> None:
    """Waits for the lock `name` of the current workspace and holds it until the transaction
    ends (commit or rollback). Call it inside `transaction.atomic()`."""
    key = f"{require_tenant_schema()}:{name}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
