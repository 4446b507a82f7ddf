"""One page type for every list: `Page[T]`, named per entity so the schema keeps its names.

    @strawberry.type(name="ProductPage", description=...)
    class ProductPage(Page[ProductType]): ...

A resolver checks the page with `saas.core.paging.check_page` (also what selectors use), then
returns `ProductPage(total_count=..., items=...)`.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

T = TypeVar("T")


@strawberry.type(description="One page of a list: the rows asked for and how many there are in all.")
class Page(Generic[T]):
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[T] = strawberry.field(description="The rows of this page, in the list's order.")
