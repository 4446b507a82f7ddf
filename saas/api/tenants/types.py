"""GraphQL type for the current workspace."""

from __future__ import annotations

from datetime import datetime

import strawberry


@strawberry.type
class TenantType:
    slug: str
    name: str
    status: str
    time_zone: str
    currency: str
    plan: str | None
    created_at: datetime
