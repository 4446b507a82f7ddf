"""GraphQL inputs of the catalog mutations, and their conversion to the services' drafts.

Lists are not truncated here: the services refuse oversized lists with a typed error
(too_many_lines, too_many_specs, …) rather than silently dropping lines.
"""

from __future__ import annotations

from decimal import Decimal

import strawberry
from django.utils.translation import gettext as _

from saas.api.catalog.types import CatalogStatus
from saas.catalog.drafts import KEEP, Keep, PackUnitDraft, SkuDraft, SpecDraft
from saas.core.errors import NotFound


def parse_id(value: strawberry.ID | str, *, field: str | None = "id") -> int:
    """A database id from a GraphQL ID; a malformed one is simply not found."""
    try:
        number = int(str(value))
    except ValueError as exc:
        raise NotFound(_("Not found."), field=field) from exc
    if number <= 0:
        raise NotFound(_("Not found."), field=field)
    return number


def optional_id(value: strawberry.ID | None, *, field: str) -> int | None:
    return None if value is None else parse_id(value, field=field)


def id_or_keep(value: strawberry.ID | None, *, field: str) -> int | None | Keep:
    """UNSET keeps the current value, null clears it, an id sets it."""
    if value is strawberry.UNSET:
        return KEEP
    return optional_id(value, field=field)


def barcode_or_keep(value: str | None) -> str | None | Keep:
    """UNSET keeps the barcode; null or "" clears it."""
    return KEEP if value is strawberry.UNSET else value


@strawberry.input
class SpecInput:
    name: str
    values: list[str]


@strawberry.input
class SpecValueInput:
    name: str
    value: str


@strawberry.input(
    description="Details for the SKU of one combination; omitted details use the product's defaults."
)
class SkuDraftInput:
    spec_values: list[SpecValueInput]
    code: str | None = None
    barcode: str | None = None
    list_price: Decimal | None = None
    cost_price: Decimal | None = None


@strawberry.input
class ProductCreateInput:
    code: str
    name: str
    category_id: strawberry.ID | None = None
    brand: str = ""
    description: str = ""
    base_unit: str = "件"
    specs: list[SpecInput] = strawberry.field(default_factory=list)
    list_price: Decimal | None = strawberry.field(default=None, description="Default for every SKU.")
    cost_price: Decimal | None = strawberry.field(
        default=None, description="Default for every SKU; needs cost.view."
    )
    skus: list[SkuDraftInput] = strawberry.field(default_factory=list)
    idempotency_key: str | None = None


@strawberry.input(
    description="Only the fields given change. `specs` replaces the whole list of specifications."
)
class ProductUpdateInput:
    code: str | None = None
    name: str | None = None
    category_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="null: no category."
    )
    brand: str | None = None
    description: str | None = None
    base_unit: str | None = None
    specs: list[SpecInput] | None = None
    list_price: Decimal | None = strawberry.field(
        default=None, description="Price of the SKUs this edit adds."
    )
    cost_price: Decimal | None = strawberry.field(
        default=None, description="Cost of the SKUs this edit adds."
    )
    skus: list[SkuDraftInput] = strawberry.field(default_factory=list)


@strawberry.input
class SkuUpdateInput:
    list_price: Decimal | None = None
    cost_price: Decimal | None = None
    barcode: str | None = strawberry.field(default=strawberry.UNSET, description='null or "" clears it.')
    status: CatalogStatus | None = None


@strawberry.input
class PackUnitInput:
    name: str
    factor: Decimal
    barcode: str | None = None


@strawberry.input
class CategoryCreateInput:
    name: str
    parent_id: strawberry.ID | None = None
    sort_order: int | None = None
    idempotency_key: str | None = None


@strawberry.input
class CategoryUpdateInput:
    name: str | None = None
    parent_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="null: top level."
    )
    sort_order: int | None = None


def spec_drafts(specs: list[SpecInput]) -> list[SpecDraft]:
    return [SpecDraft(name=spec.name, values=list(spec.values)) for spec in specs]


def sku_drafts(skus: list[SkuDraftInput]) -> list[SkuDraft]:
    return [
        SkuDraft(
            spec_values={item.name: item.value for item in sku.spec_values},
            code=sku.code,
            barcode=sku.barcode,
            list_price=sku.list_price,
            cost_price=sku.cost_price,
        )
        for sku in skus
    ]


def pack_unit_drafts(units: list[PackUnitInput]) -> list[PackUnitDraft]:
    return [PackUnitDraft(name=unit.name, factor=unit.factor, barcode=unit.barcode) for unit in units]
