"""Reads of users and roles for a user, always through row visibility."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor, require_person
from saas.accounts.models import Role, User
from saas.accounts.view_models import LIST_NAMES, ListColumns, SavedView
from saas.accounts.visibility import RowRule, visible_rows
from saas.core.errors import InvalidInput, NotFound

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


def _list_name(value: str) -> str:
    if value not in LIST_NAMES:
        raise InvalidInput(_("This list is unknown."), code="list_invalid", field="list")
    return value


def list_columns_of(*, actor: Actor, list_name: str) -> list[str] | None:
    """The columns this person chose for a list; None when they never chose (the app's defaults)."""
    user = require_person(actor)
    row = ListColumns.objects.filter(user=user, list_name=_list_name(list_name)).first()
    return None if row is None else list(row.columns)


def saved_view_list(*, actor: Actor, list_name: str) -> QuerySet[SavedView]:
    """This person's own views of a list, by name: a view is never shared."""
    user = require_person(actor)
    return SavedView.objects.filter(user=user, list_name=_list_name(list_name)).order_by("name", "id")
