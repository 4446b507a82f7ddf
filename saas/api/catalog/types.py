"""GraphQL types of the catalog: categories, products, SKUs, pack units, images.

Relations resolve from what the selectors prefetched (or the per-request category index), so
a page of products costs the same number of queries whatever its length.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import cast

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.catalog.loaders import category_index
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.restricted import COST, restricted
from saas.catalog import selectors
from saas.catalog.models import SKU, Category, PackUnit, Product, ProductImage
from saas.catalog.starter_sets import StarterSet


@strawberry.enum(description="Archived products and SKUs are hidden from everyone without catalog.manage.")
class CatalogStatus(enum.Enum):
    ACTIVE = "active"
    ARCHIVED = "archived"


@strawberry.type(
    name="Spec", description="One specification and its values, in display order: 颜色 = [红, 蓝]."
)
class SpecType:
    name: str
    values: list[str]


@strawberry.type(name="SpecValue", description="A SKU's value for one specification: 颜色 = 红.")
class SpecValueType:
    name: str
    value: str


@strawberry.type(name="StarterSet", description="A ready-made category tree a new workspace can start from.")
class StarterSetType:
    code: str
    name: str
    category_count: int


def starter_set_type(starter: StarterSet) -> StarterSetType:
    return StarterSetType(code=starter.code, name=starter.name, category_count=starter.category_count)


@strawberry_django.type(Category, name="Category", description="A product category; categories nest.")
class CategoryType:
    id: strawberry.ID
    name: str
    sort_order: int

    @strawberry_django.field
    def parent_id(self, root: Category) -> strawberry.ID | None:
        return strawberry.ID(str(root.parent_id)) if root.parent_id else None

    @strawberry_django.field
    def parent(self, root: Category, info: Info) -> CategoryType | None:
        if root.parent_id is None:
            return None
        return cast(CategoryType | None, category_index(info).by_id.get(root.parent_id))

    @strawberry_django.field
    def children(self, root: Category, info: Info) -> list[CategoryType]:
        return cast(list[CategoryType], category_index(info).children.get(root.pk, []))

    @strawberry_django.field(description="Names from the top level down: [男装, T恤].")
    def path(self, root: Category, info: Info) -> list[str]:
        return category_index(info).path(root)


@strawberry_django.type(
    PackUnit, name="PackUnit", description="A larger unit: 箱 = 12 件 (factor base units)."
)
class PackUnitType:
    id: strawberry.ID
    name: str
    factor: Decimal
    barcode: str | None


@strawberry_django.type(ProductImage, name="ProductImage", description="A product photo, in display order.")
class ProductImageType:
    id: strawberry.ID
    sort_order: int

    @strawberry_django.field(
        description="Path of the image on this workspace's host; needs a signed-in user."
    )
    def url(self, root: ProductImage) -> str:
        return f"/catalog/images/{root.pk}/"


def _ordered_spec_values(sku: SKU) -> list[tuple[str, str]]:
    # jsonb does not keep key order; the product's spec_names does.
    values = sku.spec_values or {}
    names = [name for name in sku.product.spec_names if name in values]
    names += sorted(name for name in values if name not in names)
    return [(name, str(values[name])) for name in names]


@strawberry_django.type(
    SKU,
    name="Sku",
    description="A SKU (stock-keeping unit): one combination of a product's spec values, the unit "
    "that is stocked, priced and sold. The one SKU type: every list and document shows this.",
)
class SkuType:
    id: strawberry.ID
    code: str
    barcode: str | None
    list_price: Decimal
    created_at: datetime
    updated_at: datetime = strawberry_django.field(
        description="When it last changed; the skus list syncs by it (updatedSince)."
    )

    @strawberry_django.field
    def status(self, root: SKU) -> CatalogStatus:
        return CatalogStatus(root.status)

    @strawberry_django.field(
        description="Purchase cost per base unit, in the workspace currency.", extensions=restricted(COST)
    )
    def cost_price(self, root: SKU) -> Decimal | None:
        return root.cost_price

    @strawberry_django.field(description="The SKU's values, in the product's specification order.")
    def spec_values(self, root: SKU) -> list[SpecValueType]:
        return [SpecValueType(name=name, value=value) for name, value in _ordered_spec_values(root)]

    @strawberry_django.field(description="The values joined for display: 红 / M.")
    def spec_label(self, root: SKU) -> str:
        return " / ".join(value for _name, value in _ordered_spec_values(root))

    @strawberry_django.field(description="The product's name: what people call the goods.")
    def name(self, root: SKU) -> str:
        return root.product.name

    @strawberry_django.field(description="The unit stock is counted in (件, kg): the product's base unit.")
    def base_unit(self, root: SKU) -> str:
        return root.product.base_unit

    @strawberry_django.field(description="The product's code.")
    def product_code(self, root: SKU) -> str:
        return root.product.code

    @strawberry_django.field
    def product_id(self, root: SKU) -> strawberry.ID:
        return strawberry.ID(str(root.product_id))

    @strawberry_django.field
    def product(self, root: SKU) -> ProductType:
        return cast(ProductType, root.product)


@strawberry_django.type(
    Product, name="Product", description="A product (SPU); each combination of its spec values is a SKU."
)
class ProductType:
    id: strawberry.ID
    code: str
    name: str
    brand: str
    description: str
    base_unit: str
    spec_names: list[str]
    created_at: datetime
    updated_at: datetime

    @strawberry_django.field
    def status(self, root: Product) -> CatalogStatus:
        return CatalogStatus(root.status)

    @strawberry_django.field
    def specs(self, root: Product) -> list[SpecType]:
        options = root.spec_options or {}
        return [SpecType(name=name, values=list(options.get(name, []))) for name in root.spec_names]

    @strawberry_django.field
    def category_id(self, root: Product) -> strawberry.ID | None:
        return strawberry.ID(str(root.category_id)) if root.category_id else None

    @strawberry_django.field
    def category(self, root: Product, info: Info) -> CategoryType | None:
        if root.category_id is None:
            return None
        return cast(CategoryType | None, category_index(info).by_id.get(root.category_id))

    @strawberry_django.field(
        description="The SKUs the caller may see: archived ones only with catalog.manage."
    )
    def skus(self, root: Product, info: Info) -> list[SkuType]:
        prefetched: list[SKU] | None = getattr(root, "visible_skus", None)
        if prefetched is None:
            prefetched = list(selectors.sku_list(actor=current_actor(info), product_id=root.pk))
        return cast(list[SkuType], prefetched)

    @strawberry_django.field
    def pack_units(self, root: Product) -> list[PackUnitType]:
        return cast(list[PackUnitType], list(root.pack_units.all()))

    @strawberry_django.field
    def images(self, root: Product) -> list[ProductImageType]:
        return cast(list[ProductImageType], list(root.images.all()))


@strawberry.type
class ProductPage(Page[ProductType]):
    pass


@strawberry.type
class SkuPage(Page[SkuType]):
    pass
