"""Reads of users and roles for a user, always through row visibility."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor
from saas.accounts.models import Role, User
from saas.accounts.visibility import RowRule, visible_rows
from saas.core.errors import NotFound

# Whoever may view all users sees everyone; any other user sees only their own account.
USER_VISIBILITY = RowRule(all_scope=scopes.USERS_VIEW_ALL, owner_field="pk")


def user_list(*, actor: Actor, search: str = "", active: bool | None = None) -> QuerySet[User]:
    queryset = visible_rows(User.objects.prefetch_related("roles"), actor=actor, rule=USER_VISIBILITY)
    if search:
        queryset = queryset.filter(
            Q(email__icontains=search) | Q(full_name__icontains=search) | Q(phone__icontains=search)
        )
    if active is not None:
        queryset = queryset.filter(is_active=active)
    return queryset.order_by("id")


def user_get(*, actor: Actor, user_id: int) -> User:
    try:
        return user_list(actor=actor).get(pk=user_id)
    except User.DoesNotExist as exc:
        raise NotFound("User not found.") from exc


def role_list(*, actor: Actor) -> QuerySet[Role]:
    require_actor(actor)
    return Role.objects.order_by("id")
