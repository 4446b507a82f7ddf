"""Row-level visibility: the one mechanism every selector uses to filter what an actor sees.

It fails closed. A selector called without an actor raises; an actor with neither the
"see all" nor the "see own" scope sees nothing. Domains describe their rule once:

    ORDER_VISIBILITY = RowRule(all_scope=ORDERS_VIEW_ALL, own_scope=ORDERS_VIEW_OWN, owner_field="rep")

and their selectors call `visible_rows(Order.objects.all(), actor=actor, rule=ORDER_VISIBILITY)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet

if TYPE_CHECKING:
    from saas.accounts.models import User

M = TypeVar("M", bound=Model)


class MissingActor(RuntimeError):
    """A read for a user was attempted without saying who the user is."""


@dataclass(frozen=True)
class RowRule:
    all_scope: str
    # Lookup from the row to the user who owns it ("rep", "customer__owner", "pk" for users).
    # None: only holders of all_scope see any row.
    owner_field: str | None = None
    # Scope needed to see own rows; None means every signed-in user sees their own rows.
    own_scope: str | None = None


def require_actor(actor: User | None) -> User:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise MissingActor("A selector needs the acting user; visibility fails closed.")
    if not actor.is_active:
        raise MissingActor("An inactive user sees nothing.")
    return actor


def visible_rows(queryset: QuerySet[M], *, actor: User | None, rule: RowRule) -> QuerySet[M]:
    user = require_actor(actor)
    if user.has_scope(rule.all_scope):
        return queryset
    if rule.owner_field and (rule.own_scope is None or user.has_scope(rule.own_scope)):
        lookup: dict[str, Any] = {rule.owner_field: user.pk}
        return queryset.filter(**lookup)
    return queryset.none()
