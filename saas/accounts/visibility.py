"""Row-level visibility: the one mechanism every selector uses to filter what an actor sees.

It fails closed. A selector called without an actor raises; an actor with neither the
"see all" nor the "see own" scope sees nothing. It knows every kind of actor
(saas/accounts/actors.py): people see all rows or their own; an API key or a job sees all rows
through an all-rows scope and owns none. Domains describe their rule once:

    ORDER_VISIBILITY = RowRule(all_scope=ORDERS_VIEW_ALL, own_scope=ORDERS_VIEW_OWN, owner_field="rep")

and their selectors call `visible_rows(Order.objects.all(), actor=actor, rule=ORDER_VISIBILITY)`.
Work only people may do checks `saas.accounts.actors.require_person` (Forbidden for the others).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from saas.accounts.actors import Actor, MissingActor, owner_id, require_actor

M = TypeVar("M", bound=Model)

__all__ = ["MissingActor", "RowRule", "row_visible", "visible_rows"]


@dataclass(frozen=True)
class RowRule:
    all_scope: str
    # Lookup from the row to the user who owns it ("rep", "customer__owner", "pk" for users).
    # None: only holders of all_scope see any row.
    owner_field: str | None = None
    # Scope needed to see own rows; None means every signed-in user sees their own rows.
    own_scope: str | None = None


def visible_rows(queryset: QuerySet[M], *, actor: Actor, rule: RowRule) -> QuerySet[M]:
    acting = require_actor(actor)
    if acting.has_scope(rule.all_scope):
        return queryset
    owner = owner_id(acting)
    if (
        owner is not None
        and rule.owner_field
        and (rule.own_scope is None or acting.has_scope(rule.own_scope))
    ):
        lookup: dict[str, Any] = {rule.owner_field: owner}
        return queryset.filter(**lookup)
    return queryset.none()


def row_visible(owner: int | None, *, actor: Actor, rule: RowRule) -> bool:
    """The same rule for one row already in hand, given the id of the user who owns it."""
    acting = require_actor(actor)
    if acting.has_scope(rule.all_scope):
        return True
    mine = owner_id(acting)
    return (
        mine is not None
        and owner == mine
        and rule.owner_field is not None
        and (rule.own_scope is None or acting.has_scope(rule.own_scope))
    )
