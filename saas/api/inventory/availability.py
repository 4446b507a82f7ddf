"""Availability as a band (in stock / low / out) for those who may not see stock numbers, and
the workspace's setting of what distributors see. The rule is saas.inventory.availability's."""

from __future__ import annotations

import enum

import strawberry
from strawberry.types import Info

from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.core.errors import InvalidInput
from saas.core.ids import is_id
from saas.inventory import availability
from saas.inventory.services.availability import distributor_availability_set

MAX_PRODUCTS = 100

AvailabilityBand = strawberry.enum(
    availability.AvailabilityBand,
    name="AvailabilityBand",
    description="Stock as a distributor may see it: no quantities, no warning levels.",
)


@strawberry.enum(description="What distributors see of the stock: a band (the default) or nothing.")
class DistributorAvailability(enum.Enum):
    BAND = "band"
    HIDDEN = "hidden"


@strawberry.type
class SkuAvailability:
    sku_id: strawberry.ID
    band: AvailabilityBand | None = strawberry.field(  # type: ignore[valid-type]
        description="Null when the workspace shows distributors nothing."
    )


@strawberry.type(description="One product's availability band and each of its SKUs'.")
class ProductAvailability:
    product_id: strawberry.ID
    band: AvailabilityBand | None = strawberry.field(  # type: ignore[valid-type]
        description="Null when the workspace shows distributors nothing."
    )
    skus: list[SkuAvailability]


@strawberry.type
class DistributorAvailabilityPayload:
    mode: DistributorAvailability | None
    errors: list[FieldError]


@strawberry.type
class AvailabilityQueries:
    @strawberry.field(
        description="In stock, low or out per product and SKU, for a page of products; for "
        "inventory.view and inventory.view_availability. Unknown products are left out."
    )
    def product_availability(self, info: Info, product_ids: list[strawberry.ID]) -> list[ProductAvailability]:
        if len(product_ids) > MAX_PRODUCTS:
            raise InvalidInput(f"At most {MAX_PRODUCTS} products.", code="too_many_lines", field="productIds")
        ids = [int(value) for value in product_ids if is_id(value)]
        found = availability.availability_list(actor=current_actor(info), product_ids=ids)
        return [
            ProductAvailability(
                product_id=strawberry.ID(str(product_id)),
                band=band,
                skus=[SkuAvailability(sku_id=strawberry.ID(str(pk)), band=one) for pk, one in skus.items()],
            )
            for product_id, (band, skus) in found.items()
        ]

    @strawberry.field(description="What distributors see of the stock; for tenant.manage and orders.review.")
    def distributor_availability(self, info: Info) -> DistributorAvailability:
        return DistributorAvailability(availability.distributor_availability_get(actor=current_actor(info)))


@strawberry.type
class AvailabilityMutations:
    @strawberry.mutation(description="Show distributors a band (in stock / low / out) or nothing.")
    def distributor_availability_set(
        self, info: Info, mode: DistributorAvailability
    ) -> DistributorAvailabilityPayload:
        row, errors = run_service(
            lambda: distributor_availability_set(actor=current_actor(info), mode=mode.value)
        )
        return DistributorAvailabilityPayload(
            mode=DistributorAvailability(row.distributor_availability) if row is not None else None,
            errors=errors,
        )
