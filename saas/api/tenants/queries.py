"""Query: tenant, the workspace this request's host belongs to."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from saas.api.permissions import current_user
from saas.api.tenants.enums import WorkspaceStatus
from saas.api.tenants.types import TenantType, WorkspaceType


@strawberry.type
class TenantQueries:
    @strawberry.field(description="Name and address of this host's workspace; no sign-in needed.")
    def workspace(self, info: Info) -> WorkspaceType:
        tenant = info.context.request.tenant
        return WorkspaceType(slug=tenant.slug, name=tenant.name)

    @strawberry.field(description="The workspace of this host.")
    def tenant(self, info: Info) -> TenantType:
        current_user(info)
        tenant = info.context.request.tenant
        return TenantType(
            slug=tenant.slug,
            name=tenant.name,
            status=WorkspaceStatus(tenant.status),
            time_zone=tenant.time_zone,
            currency=tenant.currency,
            plan=tenant.plan.name if tenant.plan_id else None,
            plan_code=tenant.plan.code if tenant.plan_id else None,
            created_at=tenant.created_at,
        )
