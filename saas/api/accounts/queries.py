"""Queries: me, users, user, roles."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.types import Info

from saas.accounts import selectors
from saas.api.accounts.types import RoleType, UserPage, UserType
from saas.api.permissions import current_user
from saas.core.errors import InvalidInput
from saas.core.paging import check_page


@strawberry.type
class AccountQueries:
    @strawberry.field(description="The signed-in user.")
    def me(self, info: Info) -> UserType:
        return cast(UserType, selectors.user_get(actor=current_user(info), user_id=current_user(info).pk))

    @strawberry.field(description="Colleagues the caller may see, in the order they joined.")
    def users(
        self, info: Info, search: str = "", active: bool | None = None, limit: int = 50, offset: int = 0
    ) -> UserPage:
        check_page(limit, offset)
        queryset = selectors.user_list(actor=current_user(info), search=search[:100], active=active)
        return UserPage(
            total_count=queryset.count(),
            items=cast(list[UserType], list(queryset[offset : offset + limit])),
        )

    @strawberry.field
    def user(self, info: Info, id: strawberry.ID) -> UserType:
        try:
            user_id = int(id)
        except ValueError as exc:
            raise InvalidInput("Malformed id.", code="not_found") from exc
        return cast(UserType, selectors.user_get(actor=current_user(info), user_id=user_id))

    @strawberry.field
    def roles(self, info: Info) -> list[RoleType]:
        return cast(list[RoleType], list(selectors.role_list(actor=current_user(info))))
