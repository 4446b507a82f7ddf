"""The to-do counts on the home dashboard. Each domain registers its own counters with
`todo_counter_register` from its AppConfig.ready(), so accounts never imports the domains.

A counter is shown only to actors holding its scope, and counts only rows they may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor
from saas.accounts.models import User


@dataclass(frozen=True)
class TodoCounter:
    key: str  # stable; the app maps it to a label and a screen
    scope: str | tuple[str, ...]  # several: holding any one of them is enough
    count: Callable[[Actor], int]

    def shown_to(self, actor: Actor) -> bool:
        wanted = (self.scope,) if isinstance(self.scope, str) else self.scope
        return any(actor.has_scope(scope) for scope in wanted)


def _pending_invitations(actor: Actor) -> int:
    # Invited colleagues who have not chosen a password yet (Django marks an unusable
    # password with a leading "!").
    return User.objects.filter(is_active=True, last_login__isnull=True, password__startswith="!").count()


TODO_COUNTERS: list[TodoCounter] = [
    TodoCounter(key="users.pending_invitations", scope=scopes.USERS_MANAGE, count=_pending_invitations),
]


def todo_counter_register(counter: TodoCounter) -> None:
    if all(existing.key != counter.key for existing in TODO_COUNTERS):
        TODO_COUNTERS.append(counter)


def todo_counts(*, actor: Actor) -> list[tuple[str, int]]:
    acting = require_actor(actor)
    return [(counter.key, counter.count(acting)) for counter in TODO_COUNTERS if counter.shown_to(acting)]
