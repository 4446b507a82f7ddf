"""GraphQL type for the current workspace."""

from __future__ import annotations

from datetime import datetime

import strawberry


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
    status: str
    time_zone: str
    currency: str
    plan: str | None
    created_at: datetime
