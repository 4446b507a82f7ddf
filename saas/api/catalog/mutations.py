"""Mutations of the catalog: products, SKUs, pack units, images, categories and starter sets.

Each resolver converts its input, calls one service and returns a payload whose `errors`
carry field, code and message. Products come back through the selector, so the payload shows
exactly what the caller may see (no cost price without cost.view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import strawberry
from strawberry.types import Info

from saas.accounts.actors import Actor
from saas.api.catalog import inputs
from saas.api.catalog.loaders import forget_categories
from saas.api.catalog.types import CategoryType, ProductType, SkuType
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.catalog import selectors, services
from saas.catalog.models import SKU, Category, Product


@strawberry.type
class ProductPayload:
    product: ProductType | None
    errors: list[FieldError]


@strawberry.type
class ProductCreatePayload:
    product: ProductType | None
    replayed: bool = strawberry.field(description="True when this idempotency key was already used.")
    errors: list[FieldError]


@strawberry.type
class SkuPayload:
    sku: SkuType | None
    errors: list[FieldError]


@strawberry.type
class CategoryPayload:
    category: CategoryType | None
    errors: list[FieldError]


@strawberry.type
class CategoryDeletePayload:
    deleted_id: strawberry.ID | None
    errors: list[FieldError]


@strawberry.type
class CategoryStarterPayload:
    categories: list[CategoryType] = strawberry.field(description="The set's top-level categories.")
    errors: list[FieldError]


def _product_payload(info: Info, call: Callable[[Actor], Product]) -> ProductPayload:
    def run() -> Product:
        actor = current_actor(info)
        product = call(actor)
        return selectors.product_get(actor=actor, product_id=product.pk)

    product, errors = run_service(run)
    return ProductPayload(product=cast(ProductType | None, product), errors=errors)


def _category_payload(info: Info, call: Callable[[Actor], Category]) -> CategoryPayload:
    category, errors = run_service(lambda: call(current_actor(info)))
    forget_categories(info)
    return CategoryPayload(category=cast(CategoryType | None, category), errors=errors)


@strawberry.type
class CatalogMutations:
    @strawberry.mutation(
        description="Create a product; its specifications expand into one SKU per combination."
    )
    def product_create(self, info: Info, input: inputs.ProductCreateInput) -> ProductCreatePayload:
        def run() -> tuple[Product, bool]:
            actor = current_actor(info)
            created = services.product_create(
                actor=actor,
                code=input.code,
                name=input.name,
                category_id=inputs.optional_id(input.category_id, field="categoryId"),
                brand=input.brand,
                description=input.description,
                base_unit=input.base_unit,
                specs=inputs.spec_drafts(input.specs),
                list_price=input.list_price,
                cost_price=input.cost_price,
                skus=inputs.sku_drafts(input.skus),
                idempotency_key=input.idempotency_key,
            )
            return selectors.product_get(actor=actor, product_id=created.product.pk), created.replayed

        result, errors = run_service(run)
        return ProductCreatePayload(
            product=cast(ProductType | None, result[0] if result else None),
            replayed=bool(result and result[1]),
            errors=errors,
        )

    @strawberry.mutation(
        description="Edit a product. Removed spec values archive their SKUs; added ones add SKUs."
    )
    def product_update(
        self, info: Info, id: strawberry.ID, input: inputs.ProductUpdateInput
    ) -> ProductPayload:
        return _product_payload(
            info,
            lambda actor: services.product_update(
                actor=actor,
                product_id=inputs.parse_id(id),
                code=input.code,
                name=input.name,
                category_id=inputs.id_or_keep(input.category_id, field="categoryId"),
                brand=input.brand,
                description=input.description,
                base_unit=input.base_unit,
                specs=None if input.specs is None else inputs.spec_drafts(input.specs),
                list_price=input.list_price,
                cost_price=input.cost_price,
                skus=inputs.sku_drafts(input.skus),
            ),
        )

    @strawberry.mutation(
        description="Hide a product from everyone without catalog.manage; nothing is deleted."
    )
    def product_archive(self, info: Info, id: strawberry.ID) -> ProductPayload:
        return _product_payload(
            info, lambda actor: services.product_archive(actor=actor, product_id=inputs.parse_id(id))
        )

    @strawberry.mutation
    def product_restore(self, info: Info, id: strawberry.ID) -> ProductPayload:
        return _product_payload(
            info, lambda actor: services.product_restore(actor=actor, product_id=inputs.parse_id(id))
        )

    @strawberry.mutation(description="Change a SKU's prices, barcode or status.")
    def sku_update(self, info: Info, id: strawberry.ID, input: inputs.SkuUpdateInput) -> SkuPayload:
        def run() -> SKU:
            return services.sku_update(
                actor=current_actor(info),
                sku_id=inputs.parse_id(id),
                list_price=input.list_price,
                cost_price=input.cost_price,
                barcode=inputs.barcode_or_keep(input.barcode),
                status=input.status.value if input.status else None,
            )

        sku, errors = run_service(run)
        return SkuPayload(sku=cast(SkuType | None, sku), errors=errors)

    @strawberry.mutation(description="Replace a product's pack units (箱 = 12 件); at most 10.")
    def pack_unit_set(
        self, info: Info, product_id: strawberry.ID, units: list[inputs.PackUnitInput]
    ) -> ProductPayload:
        return _product_payload(
            info,
            lambda actor: services.pack_unit_set(
                actor=actor,
                product_id=inputs.parse_id(product_id, field="productId"),
                units=inputs.pack_unit_drafts(units),
            ),
        )

    @strawberry.mutation(description="Delete a product image (upload: POST /catalog/products/<id>/images/).")
    def product_image_delete(self, info: Info, id: strawberry.ID) -> ProductPayload:
        return _product_payload(
            info, lambda actor: services.product_image_delete(actor=actor, image_id=inputs.parse_id(id))
        )

    @strawberry.mutation
    def category_create(self, info: Info, input: inputs.CategoryCreateInput) -> CategoryPayload:
        return _category_payload(
            info,
            lambda actor: services.category_create(
                actor=actor,
                name=input.name,
                parent_id=inputs.optional_id(input.parent_id, field="parentId"),
                sort_order=input.sort_order,
                idempotency_key=input.idempotency_key,
            ),
        )

    @strawberry.mutation(
        description="Rename and/or move a category; moving it under itself is category_cycle."
    )
    def category_update(
        self, info: Info, id: strawberry.ID, input: inputs.CategoryUpdateInput
    ) -> CategoryPayload:
        return _category_payload(
            info,
            lambda actor: services.category_update(
                actor=actor,
                category_id=inputs.parse_id(id),
                name=input.name,
                parent_id=inputs.id_or_keep(input.parent_id, field="parentId"),
                sort_order=input.sort_order,
            ),
        )

    @strawberry.mutation(
        description="Delete an empty category; one with products or children is category_in_use."
    )
    def category_delete(self, info: Info, id: strawberry.ID) -> CategoryDeletePayload:
        def run() -> strawberry.ID:
            category_id = inputs.parse_id(id)
            services.category_delete(actor=current_actor(info), category_id=category_id)
            return strawberry.ID(str(category_id))

        deleted, errors = run_service(run)
        forget_categories(info)
        return CategoryDeletePayload(deleted_id=deleted, errors=errors)

    @strawberry.mutation(
        description="Add an industry's starter categories (see categoryStarterSets); safe to repeat."
    )
    def category_starter_apply(self, info: Info, industry: str) -> CategoryStarterPayload:
        roots, errors = run_service(
            lambda: services.category_starter_apply(actor=current_actor(info), industry=industry[:40])
        )
        forget_categories(info)
        return CategoryStarterPayload(categories=cast(list[CategoryType], roots or []), errors=errors)
