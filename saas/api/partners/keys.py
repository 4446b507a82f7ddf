"""API keys in GraphQL: for the workspace's owners and admins, signed in (never for a key)."""

from __future__ import annotations

from datetime import datetime, timedelta

import strawberry
from strawberry.types import Info

from saas.api.errors import run_service
from saas.api.partners.types import ApiKeyPayload, ApiKeySecretPayload, ApiKeyType
from saas.api.permissions import current_actor
from saas.partners import scopes as partner_scopes
from saas.partners import selectors
from saas.partners.services import keys


@strawberry.input(description="A new API key.")
class ApiKeyCreateInput:
    name: str = strawberry.field(description="What it is for (1-80 characters), such as 用友 ERP.")
    scopes: list[str] = strawberry.field(
        description="`<area>:read` or `<area>:write` per area (apiKeyScopes)."
    )
    expires_at: datetime | None = strawberry.field(
        default=None, description="When it stops working; null: never (at most 3 years)."
    )
    idempotency_key: str | None = strawberry.field(
        default=None,
        description="Retrying with the same key returns the first key (without its secret: rotate "
        "it if that answer was lost) instead of making a second.",
    )
    allowed_ips: list[str] | None = strawberry.field(
        default=None, description="Addresses or networks (CIDR) it may call from; empty: any (at most 20)."
    )


def _secret_payload(call: object) -> ApiKeySecretPayload:
    issued, errors = run_service(call)  # type: ignore[arg-type]
    if issued is None:
        return ApiKeySecretPayload(api_key=None, secret=None, errors=errors)
    return ApiKeySecretPayload(
        api_key=ApiKeyType.of(issued.key), secret=issued.secret, replayed=issued.replayed, errors=errors
    )


@strawberry.type
class ApiKeyQueries:
    @strawberry.field(description="The workspace's API keys, newest first (owners and admins).")
    def api_keys(self, info: Info) -> list[ApiKeyType]:
        return [ApiKeyType.of(key) for key in selectors.api_keys(current_actor(info))]

    @strawberry.field(description="Every scope a key may be given: `<area>:read` and `<area>:write`.")
    def api_key_scopes(self) -> list[str]:
        return list(partner_scopes.ALL)


@strawberry.type
class ApiKeyMutations:
    @strawberry.mutation(description="Make an API key; its secret is in this answer only.")
    def api_key_create(self, info: Info, input: ApiKeyCreateInput) -> ApiKeySecretPayload:
        return _secret_payload(
            lambda: keys.api_key_create(
                actor=current_actor(info),
                name=input.name,
                scopes=input.scopes,
                expires_at=input.expires_at,
                allowed_ips=input.allowed_ips,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Stop a key at once (its previous secret too). Revoking twice is harmless."
    )
    def api_key_revoke(self, info: Info, id: strawberry.ID) -> ApiKeyPayload:
        key, errors = run_service(lambda: keys.api_key_revoke(actor=current_actor(info), key_id=id))
        return ApiKeyPayload(api_key=ApiKeyType.of(key) if key else None, errors=errors)

    @strawberry.mutation(
        description="A new secret for a key, shown once; the old one keeps working for graceHours "
        "(default 24, 0-168) so the partner can switch without an outage."
    )
    def api_key_rotate(
        self, info: Info, id: strawberry.ID, grace_hours: int | None = None
    ) -> ApiKeySecretPayload:
        grace = None if grace_hours is None else timedelta(hours=grace_hours)
        return _secret_payload(lambda: keys.api_key_rotate(actor=current_actor(info), key_id=id, grace=grace))
