"""One page type for every list: `Page[T]`, named per entity so the schema keeps its names.

    @strawberry.type(name="ProductPage", description=...)
    class ProductPage(Page[ProductType]): ...

A list pages by offset (`limit`, `offset`: the app) or, where partners sync it, also by cursor
(`updatedSince`, `after`, `first`: saas.core.sync). A resolver of a synced list takes the three
arguments below and hands the selector's queryset to `page_window`, which checks the page,
counts only when `totalCount` was asked for, and says where the page ends:

    window = page_window(info, queryset, list_name="products", limit=limit, offset=offset,
                         first=first, after=after, updated_since=updated_since,
                         fetch=fetcher(info, PRODUCT))
    return ProductPage(total_count=window.total_count, items=window.rows, page_info=window.page_info)

`fetch` (saas/api/projection.py) reads the page as plain rows of only the asked-for columns when
the list's shape covers the query's selection; None (the default) reads model instances.

Other lists check the page with `saas.core.paging.check_page` (also what selectors use) and
return `XPage(total_count=..., items=...)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.procurement.selection import selects
from saas.api.projection import Fetch
from saas.core.errors import InvalidInput
from saas.core.paging import check_page
from saas.core.sync import changed_since, decode_cursor, encode_cursor, keyset_page

T = TypeVar("T")
M = TypeVar("M", bound=Model)

SYNCED_LISTS = "products, skus, customers, salesOrders, shipments, stockLevels, receipts"

UpdatedSince = Annotated[
    datetime | None,
    strawberry.argument(
        description="Sync: only rows changed at or after this moment (inclusive), in the order they "
        "changed (updatedAt, then id), paged by cursor. A time without an offset is read in the "
        "workspace's time zone. Start the next sync a little before the last row's updatedAt."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(
        description="Sync: the pageInfo.endCursor of the page before; the rows after it in "
        "(updatedAt, id) order. Opaque; one of another list is cursor_invalid."
    ),
]
First = Annotated[
    int | None,
    strawberry.argument(
        description="Sync: rows per cursor page, 1-100 (default: limit). Given alone it starts "
        "a cursor paging over the whole list."
    ),
]


@strawberry.type(description="Where a page ends and whether more rows follow it.")
class PageInfo:
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page (cursor paging). On an empty page the cursor "
        "asked with, so a sync can poll from it; null when paging by offset."
    )
    has_next_page: bool = strawberry.field(description="More rows follow this page.")


@strawberry.type(description="One page of a list: the rows asked for and how many there are in all.")
class Page(Generic[T]):
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[T] = strawberry.field(description="The rows of this page, in the list's order.")
    page_info: PageInfo | None = strawberry.field(
        default=None,
        description=f"Where this page ends. Set on the lists partners sync ({SYNCED_LISTS}); null on "
        "lists that page by offset only.",
    )


@dataclass(frozen=True)
class Window(Generic[M]):
    rows: list[Any]
    total_count: int
    page_info: PageInfo


def _models(queryset: QuerySet[Any], start: int, stop: int) -> list[Any]:
    return list(queryset[start:stop])


def page_window(
    info: Info,
    queryset: QuerySet[M],
    *,
    list_name: str,
    limit: int,
    offset: int,
    first: int | None = None,
    after: str | None = None,
    updated_since: datetime | None = None,
    fetch: Fetch | None = None,
) -> Window[M]:
    """One page of a visible queryset: by offset in the list's own order, or, once any of
    `first`, `after` or `updatedSince` is given, by cursor in (updated_at, id) order. The rows
    are model instances, or what `fetch` reads (plain rows of a projection)."""
    read = fetch or _models
    counted = selects(info, "totalCount")
    if first is None and after is None and updated_since is None:
        check_page(limit, offset)
        rows = read(queryset, offset, offset + limit + 1)  # one more says whether a next page exists
        total = queryset.count() if counted else 0
        return Window(rows[:limit], total, PageInfo(end_cursor=None, has_next_page=len(rows) > limit))
    size = limit if first is None else first
    check_page(size, 0)
    if offset:
        raise InvalidInput(
            _("A cursor page starts after a cursor, not at an offset; leave offset out."),
            code="page_invalid",
            field="offset",
        )
    position = None if after is None else decode_cursor(list_name, after)
    changed = changed_since(queryset, updated_since)
    rows, more = keyset_page(changed, after=position, size=size, fetch=read)
    end = encode_cursor(list_name, rows[-1]) if rows else after
    return Window(rows, changed.count() if counted else 0, PageInfo(end_cursor=end, has_next_page=more))
