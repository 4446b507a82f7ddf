"""GraphQL type for the current workspace."""

from __future__ import annotations

from datetime import datetime

import strawberry

from saas.api.tenants.enums import WorkspaceStatus


@strawberry.type(
    description="What anyone may know about this host's workspace: its name for the login screen."
)
class WorkspaceType:
    slug: str
    name: str


@strawberry.type
class TenantType:
    slug: str
    name: str
    status: WorkspaceStatus
    time_zone: str
    currency: str
    plan: str | None = strawberry.field(description="The plan's name as the operator wrote it.")
    plan_code: str | None = strawberry.field(
        description="The plan's code (free, standard, pro): the app names the plan in the user's language."
    )
    created_at: datetime
