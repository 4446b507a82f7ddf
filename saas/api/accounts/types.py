"""GraphQL types for users and roles."""

from __future__ import annotations

from datetime import datetime

import strawberry
import strawberry_django
from django.utils.translation import get_language

from saas.accounts.models import Role, User
from saas.api.pagination import Page


@strawberry_django.type(Role)
class RoleType:
    code: str
    scopes: list[str]

    @strawberry_django.field(description="The role's name in the request's language.")
    def name(self, root: Role) -> str:
        return root.display_name(get_language() or "zh-hans")


@strawberry_django.type(User)
class UserType:
    id: strawberry.ID
    email: str
    full_name: str
    phone: str
    language: str
    is_active: bool
    date_joined: datetime
    last_login: datetime | None

    @strawberry_django.field(prefetch_related=["roles"])
    def roles(self, root: User) -> list[RoleType]:
        return list(root.roles.all())  # type: ignore[arg-type]

    @strawberry_django.field(prefetch_related=["roles"], description="Every scope the user's roles grant.")
    def scopes(self, root: User) -> list[str]:
        return sorted(root.scopes)


@strawberry.type
class UserPage(Page[UserType]):
    pass


@strawberry.input
class UserInviteInput:
    email: str
    full_name: str
    roles: list[str]
    language: str = "zh-hans"
    idempotency_key: str | None = None


@strawberry.input
class ProfileInput:
    full_name: str | None = None
    phone: str | None = None
    language: str | None = None
