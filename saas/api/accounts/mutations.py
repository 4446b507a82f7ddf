"""Mutations: login, logout, userInvite, userDeactivate, userReactivate, userSetRoles, profileUpdate."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

import strawberry
from strawberry.types import Info

from saas.accounts import selectors, services
from saas.accounts.authentication import session_login, session_logout
from saas.accounts.models import User
from saas.api.accounts.types import ProfileInput, UserInviteInput, UserType
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_user
from saas.core.errors import NotFound


@strawberry.type
class UserPayload:
    user: UserType | None
    errors: list[FieldError]


@strawberry.type
class UserInvitePayload:
    user: UserType | None
    replayed: bool = strawberry.field(description="True when this idempotency key was already used.")
    errors: list[FieldError]


@strawberry.type
class LogoutPayload:
    ok: bool


def _target(info: Info, id: strawberry.ID) -> tuple[User, User]:
    actor = current_user(info)
    try:
        user_id = int(id)
    except ValueError as exc:
        raise NotFound("User not found.") from exc
    return actor, selectors.user_get(actor=actor, user_id=user_id)


def _user_payload(user: User | None, errors: list[FieldError]) -> UserPayload:
    return UserPayload(user=cast(UserType | None, user), errors=errors)


def _act_on_user(info: Info, id: strawberry.ID, action: Callable[..., User]) -> UserPayload:
    """Find the colleague the caller may see, then run one service on them."""

    def call() -> User:
        actor, target = _target(info, id)
        return action(actor=actor, user=target)

    user, errors = run_service(call)
    return _user_payload(user, errors)


@strawberry.type
class AccountMutations:
    @strawberry.mutation(description="Sign in with e-mail and password; starts a session cookie.")
    def login(self, info: Info, email: str, password: str) -> UserPayload:
        user, errors = run_service(
            lambda: session_login(request=info.context.request, email=email[:254], password=password[:128])
        )
        return _user_payload(user, errors)

    @strawberry.mutation
    def logout(self, info: Info) -> LogoutPayload:
        session_logout(request=info.context.request)
        return LogoutPayload(ok=True)

    @strawberry.mutation(description="Invite a colleague by e-mail with one or more roles.")
    def user_invite(self, info: Info, input: UserInviteInput) -> UserInvitePayload:
        result, errors = run_service(
            lambda: services.user_invite(
                actor=current_user(info),
                email=input.email,
                full_name=input.full_name,
                role_codes=input.roles[:10],
                language=input.language,
                idempotency_key=input.idempotency_key,
            )
        )
        return UserInvitePayload(
            user=cast(UserType | None, result.user if result else None),
            replayed=bool(result and result.replayed),
            errors=errors,
        )

    @strawberry.mutation(description="Stop a colleague from signing in; open sessions end.")
    def user_deactivate(self, info: Info, id: strawberry.ID) -> UserPayload:
        return _act_on_user(info, id, services.user_deactivate)

    @strawberry.mutation
    def user_reactivate(self, info: Info, id: strawberry.ID) -> UserPayload:
        return _act_on_user(info, id, services.user_reactivate)

    @strawberry.mutation
    def user_set_roles(self, info: Info, id: strawberry.ID, roles: list[str]) -> UserPayload:
        return _act_on_user(info, id, partial(services.user_set_roles, role_codes=roles[:10]))

    @strawberry.mutation(description="Change the signed-in user's own name, phone or language.")
    def profile_update(self, info: Info, input: ProfileInput) -> UserPayload:
        user, errors = run_service(
            lambda: services.profile_update(
                actor=current_user(info),
                full_name=input.full_name,
                phone=input.phone,
                language=input.language,
            )
        )
        return _user_payload(user, errors)
