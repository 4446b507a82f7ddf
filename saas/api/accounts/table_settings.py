"""The desktop tables' settings of the signed-in person: the columns of each list and saved views
(queries and mutations; people only, each sees only their own)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.accounts import saved_views, selectors
from saas.accounts.view_models import SavedView
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_user

ListName = Annotated[
    str,
    strawberry.argument(
        description="The list: orders, customers, products, purchase-orders, receipts, shipments, returns."
    ),
]


@strawberry.type(
    name="SavedView", description="A named view of a list: its filters and sort, and its columns."
)
class SavedViewType:
    id: strawberry.ID = strawberry.field(description="The view's id.")
    list_name: str = strawberry.field(
        name="list", description="The list it is a view of (orders, customers…)."
    )
    name: str = strawberry.field(description="What its owner called it.")
    query: str = strawberry.field(
        description="The list's URL query without '?': filters and sort (from=…&status=…&sort=-order_date)."
    )
    columns: list[str] = strawberry.field(
        description="The columns shown, in order; empty: the list's defaults."
    )
    updated_at: datetime = strawberry.field(description="When it was last saved.")


def _view(row: SavedView) -> SavedViewType:
    return SavedViewType(
        id=strawberry.ID(str(row.pk)),
        list_name=row.list_name,
        name=row.name,
        query=row.query,
        columns=list(row.columns),
        updated_at=row.updated_at,
    )


@strawberry.input(description="A view to save; with id, one of the caller's own views changes.")
class SavedViewInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="Empty: a new view.")
    list_name: str = strawberry.field(
        name="list", description="The list it is a view of (orders, customers…)."
    )
    name: str = strawberry.field(description="1-60 characters, unique per person and list.")
    query: str = strawberry.field(default="", description="The list's URL query (at most 1,000 characters).")
    columns: list[str] = strawberry.field(default_factory=lambda: [], description="The columns, at most 30.")


@strawberry.type(description="The view as saved, or why not.")
class SavedViewPayload:
    view: SavedViewType | None = strawberry.field(description="The view as saved.")
    errors: list[FieldError] = strawberry.field(description="Why it was not saved.")


@strawberry.type(description="Whether the view was deleted.")
class SavedViewDeletePayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The id of the deleted view.")
    errors: list[FieldError] = strawberry.field(description="Why it was not deleted (not_found).")


@strawberry.type(description="The columns as kept, or why not.")
class ListColumnsPayload:
    columns: list[str] = strawberry.field(description="The columns as kept; empty: back to the defaults.")
    errors: list[FieldError] = strawberry.field(description="Why they were not kept.")


@strawberry.type
class TableSettingsQueries:
    @strawberry.field(
        description="The columns the signed-in person chose for a list, in order; null when never chosen."
    )
    def list_columns(self, info: Info, list: ListName) -> list[str] | None:
        return selectors.list_columns_of(actor=current_user(info), list_name=list)

    @strawberry.field(description="The signed-in person's own saved views of a list, by name.")
    def saved_views(self, info: Info, list: ListName) -> list[SavedViewType]:
        return [_view(row) for row in selectors.saved_view_list(actor=current_user(info), list_name=list)]


@strawberry.type
class TableSettingsMutations:
    @strawberry.mutation(
        description="Keep the columns the signed-in person shows in a list (on the server: they follow "
        "the person to every device); an empty list goes back to the defaults."
    )
    def list_columns_set(
        self,
        info: Info,
        list: ListName,
        columns: Annotated[
            list[str], strawberry.argument(description="The column keys in order, at most 30.")
        ],
    ) -> ListColumnsPayload:
        kept, errors = run_service(
            lambda: saved_views.list_columns_set(
                actor=current_user(info), list_name=list, columns=columns[:31]
            )
        )
        return ListColumnsPayload(columns=kept or [], errors=errors)

    @strawberry.mutation(description="Save a view of a list (its filters, sort and columns) under a name.")
    def saved_view_save(self, info: Info, input: SavedViewInput) -> SavedViewPayload:
        row, errors = run_service(
            lambda: saved_views.saved_view_save(
                actor=current_user(info),
                list_name=input.list_name,
                name=input.name,
                query=input.query,
                columns=input.columns[:31],
                view_id=input.id,
            )
        )
        return SavedViewPayload(view=None if row is None else _view(row), errors=errors)

    @strawberry.mutation(description="Delete one of the signed-in person's saved views.")
    def saved_view_delete(self, info: Info, id: strawberry.ID) -> SavedViewDeletePayload:
        pk, errors = run_service(lambda: saved_views.saved_view_delete(actor=current_user(info), view_id=id))
        return SavedViewDeletePayload(
            deleted_id=None if pk is None else strawberry.ID(str(pk)), errors=errors
        )
