"""Field sales jobs: each night, every workspace's rankings rollup and the forgetting of old positions."""

from __future__ import annotations

from saas.core.jobs import system_task, tenant_task
from saas.core.tenancy import workspace_schemas
from saas.fieldsales import rollup
from saas.fieldsales.retention import positions_forget


@tenant_task(queue="default")
def field_rollup_recent() -> int:
    """The nightly chores of one workspace: re-add yesterday and today, forget old positions."""
    rollup.rollup_recent()
    visits, _originals = positions_forget()
    return visits


@system_task(periodic="20 2 * * *")
def field_rollup_nightly(timestamp: int) -> int:
    """At 02:20 (server time): each workspace rolls up its yesterday and today and forgets positions
    past its retention period, in a job of its own."""
    schemas = workspace_schemas()
    for schema in schemas:
        field_rollup_recent.defer_for(schema)
    return len(schemas)
