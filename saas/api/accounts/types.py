"""GraphQL types for users and roles."""

from __future__ import annotations

from datetime import datetime

import strawberry
import strawberry_django
from django.utils.translation import get_language

from saas.accounts.models import Role, User
from saas.api.pagination import Page
from saas.api.restricted import PERSON_DETAILS, restricted


@strawberry_django.type(Role, name="Role", description="A role: a named set of scopes a user can be given.")
class RoleType:
    code: str
    scopes: list[str]

    @strawberry_django.field(description="The role's name in the request's language.")
    def name(self, root: Role) -> str:
        return root.display_name(get_language() or "zh-hans")


@strawberry_django.type(
    User,
    name="User",
    description="A person of this workspace: a rep, an owner of customers, whoever acted. The one "
    "user type: everyone reached sees the name; the account's details are for the person and "
    "users.view_all.",
)
class UserType:
    id: strawberry.ID
    full_name: str
    email: str | None = strawberry_django.field(
        description="Sign-in e-mail address.", extensions=restricted(PERSON_DETAILS)
    )
    phone: str | None = strawberry_django.field(
        description="Mobile number.", extensions=restricted(PERSON_DETAILS)
    )
    language: str | None = strawberry_django.field(
        description="The app's language for them: zh-hans or en.", extensions=restricted(PERSON_DETAILS)
    )
    is_active: bool | None = strawberry_django.field(
        description="False: deactivated, may not sign in.", extensions=restricted(PERSON_DETAILS)
    )
    date_joined: datetime | None = strawberry_django.field(
        description="When the account was created.", extensions=restricted(PERSON_DETAILS)
    )
    last_login: datetime | None = strawberry_django.field(
        description="Last sign-in; null when never.", extensions=restricted(PERSON_DETAILS)
    )

    @strawberry_django.field(
        prefetch_related=["roles"], description="The roles given.", extensions=restricted(PERSON_DETAILS)
    )
    def roles(self, root: User) -> list[RoleType] | None:
        return list(root.roles.all())  # type: ignore[arg-type]

    @strawberry_django.field(
        prefetch_related=["roles"],
        description="Every scope the user's roles grant.",
        extensions=restricted(PERSON_DETAILS),
    )
    def scopes(self, root: User) -> list[str] | None:
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
