"""Query: dashboard, the signed-in user's to-do counts."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from saas.accounts.todos import todo_counts
from saas.api.permissions import current_user


@strawberry.type
class TodoCount:
    key: str
    count: int


@strawberry.type
class Dashboard:
    todos: list[TodoCount]


@strawberry.type
class DashboardQueries:
    @strawberry.field(description="To-do counts for the home screen; keys depend on the user's roles.")
    def dashboard(self, info: Info) -> Dashboard:
        counts = todo_counts(actor=current_user(info))
        return Dashboard(todos=[TodoCount(key=key, count=count) for key, count in counts])
