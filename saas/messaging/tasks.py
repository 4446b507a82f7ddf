"""Messaging's nightly chore: each workspace removes the pictures uploaded and never sent."""

from __future__ import annotations

from saas.core.jobs import system_task, tenant_task
from saas.core.tenancy import workspace_schemas
from saas.messaging.message_services import unsent_images_purge


@tenant_task(queue="default")
def messaging_unsent_images_purge() -> int:
    """This workspace's pictures uploaded over a day ago that no message names: removed."""
    return unsent_images_purge()


@system_task(periodic="40 3 * * *")
def messaging_unsent_images_nightly(timestamp: int) -> int:
    """At 03:40 (server time): each workspace purges its unsent pictures, in a job of its own."""
    schemas = workspace_schemas()
    for schema in schemas:
        messaging_unsent_images_purge.defer_for(schema)
    return len(schemas)
