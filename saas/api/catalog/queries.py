"""Queries of the catalog: categories, starter sets, products, SKUs, look-up by barcode."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, cast

import strawberry
from strawberry.types import Info

from saas.api.catalog.inputs import optional_id, parse_id
from saas.api.catalog.loaders import category_index
from saas.api.catalog.projection import PRODUCT_ROWS, SKU_ROWS
from saas.api.catalog.types import (
    CatalogStatus,
    CategoryType,
    ProductPage,
    ProductType,
    SkuPage,
    SkuType,
    StarterSetType,
    starter_set_type,
)
from saas.api.pagination import After, First, UpdatedSince, page_window
from saas.api.permissions import current_actor
from saas.api.projection import fetcher
from saas.api.sorting import SortDirection, sort_key
from saas.catalog import selectors
from saas.catalog.starter_sets import STARTER_SETS

MAX_SEARCH = 100


@strawberry.enum(description="The columns the product list sorts by.")
class ProductSortField(Enum):
    CODE = strawberry.enum_value("code", description="Product code.")
    NAME = strawberry.enum_value("name", description="Name.")
    BRAND = strawberry.enum_value("brand", description="Brand.")
    CATEGORY = strawberry.enum_value("category", description="The category's name.")
    CREATED_AT = strawberry.enum_value("created_at", description="When it was added.")


@strawberry.input(description="Sort the product list by one column (then by id); offset pages only.")
class ProductOrderBy:
    field: ProductSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


@strawberry.type
class CatalogQueries:
    @strawberry.field(description="Top-level categories (with children), or every category in tree order.")
    def categories(self, info: Info, flat: bool = False) -> list[CategoryType]:
        index = category_index(info)
        return cast(list[CategoryType], index.depth_first() if flat else index.roots())

    @strawberry.field(description="The industries whose starter categories categoryStarterApply can add.")
    def category_starter_sets(self, info: Info) -> list[StarterSetType]:
        current_actor(info)
        return [starter_set_type(starter) for starter in STARTER_SETS.values()]

    @strawberry.field(
        description="Products the caller may see, newest first. `search` matches names, codes and "
        "brands (also pinyin and pinyin initials: hsc finds 红色衬衫), SKU codes, and barcodes exactly; "
        "status null lists both statuses (archived only for catalog.manage)."
    )
    def products(
        self,
        info: Info,
        search: str = "",
        category_id: strawberry.ID | None = None,
        status: CatalogStatus | None = CatalogStatus.ACTIVE,
        order_by: Annotated[
            ProductOrderBy | None,
            strawberry.argument(description="A column to sort by; cursor paging keeps (updatedAt, id)."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
    ) -> ProductPage:
        sort, descending = sort_key(order_by)
        queryset = selectors.product_list(
            sort=sort,
            descending=descending,
            actor=current_actor(info),
            search=search[:MAX_SEARCH],
            category_id=optional_id(category_id, field="categoryId"),
            status=status.value if status else None,
        )
        window = page_window(
            info,
            queryset,
            list_name="products",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
            fetch=fetcher(info, PRODUCT_ROWS),
        )
        return ProductPage(
            total_count=window.total_count,
            items=cast(list[ProductType], window.rows),
            page_info=window.page_info,
        )

    @strawberry.field
    def product(self, info: Info, id: strawberry.ID) -> ProductType:
        return cast(ProductType, selectors.product_get(actor=current_actor(info), product_id=parse_id(id)))

    @strawberry.field(description="The SKU with this barcode, or null when no visible SKU has it.")
    def sku_by_barcode(self, info: Info, barcode: str) -> SkuType | None:
        return cast(SkuType | None, selectors.sku_by_barcode(actor=current_actor(info), barcode=barcode))

    @strawberry.field(description="SKUs the caller may see; `search` works as for products.")
    def skus(
        self,
        info: Info,
        search: str = "",
        product_id: strawberry.ID | None = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
    ) -> SkuPage:
        queryset = selectors.sku_list(
            actor=current_actor(info),
            search=search[:MAX_SEARCH],
            product_id=optional_id(product_id, field="productId"),
        )
        window = page_window(
            info,
            queryset,
            list_name="skus",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
            fetch=fetcher(info, SKU_ROWS),
        )
        return SkuPage(
            total_count=window.total_count, items=cast(list[SkuType], window.rows), page_info=window.page_info
        )
