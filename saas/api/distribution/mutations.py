"""Mutations of the distribution network (distribution.manage): distributors and their place in
the tree, levels, who belongs to a distributor, price lists and the settings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.distribution.enums import DistributorStatus
from saas.api.distribution.types import (
    DistributionSettingsPayload,
    DistributionSettingsType,
    DistributorLevelPayload,
    DistributorLevelType,
    DistributorMemberPayload,
    DistributorMemberType,
    DistributorPayload,
    DistributorType,
    PriceListPayload,
    PriceListType,
)
from saas.api.errors import run_service
from saas.api.permissions import current_actor
from saas.distribution.services import network, prices


@strawberry.input(description="A customer made a distributor.")
class DistributorCreateInput:
    customer_id: strawberry.ID = strawberry.field(
        description="The customer record it is (one distributor each)."
    )
    level_id: strawberry.ID = strawberry.field(description="Its level.")
    parent_id: strawberry.ID | None = strawberry.field(default=None, description="Its parent; null: a root.")
    sales_area: str | None = strawberry.field(default=None, description="The area it sells in (at most 60).")
    credit_limit: Decimal | None = strawberry.field(
        default=None, description="What it may owe on credit orders, in yuan; null: 0 (no credit)."
    )
    idempotency_key: str | None = strawberry.field(default=None, description="A retry returns the first one.")


@strawberry.input(description="What changes; fields left out stay as they are.")
class DistributorUpdateInput:
    level_id: strawberry.ID | None = strawberry.field(default=None, description="A new level.")
    sales_area: str | None = strawberry.field(default=None, description="The area it sells in.")
    credit_limit: Decimal | None = strawberry.field(default=None, description="In yuan.")
    status: DistributorStatus | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="SUSPENDED: it orders nothing until made ACTIVE again."
    )


@strawberry.input(description="A level, new (no id) or changed.")
class DistributorLevelInput:
    id: strawberry.ID | None = strawberry.field(
        default=None, description="The level to change; null: a new one."
    )
    code: str = strawberry.field(description="Unique in the workspace (at most 20).")
    name: str = strawberry.field(description="At most 40 characters: 省代, 市代, 零售商.")
    rank: int = strawberry.field(default=1, description="1 for the top of the network, 1–99.")
    min_order_amount: Decimal | None = strawberry.field(
        default=None, description="The least an order may come to, in yuan; null: 0."
    )
    catalog_category_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="With catalogProductIds, the whole set the level may order; both left out: unchanged; "
        "both empty: the whole active catalogue.",
    )
    catalog_product_ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Products the level may order besides its categories."
    )


@strawberry.input(
    description="From a quantity on: a fixed price or a percent off the list price (one of them)."
)
class PriceBreakInput:
    min_quantity: Decimal = strawberry.field(default=Decimal(1), description="Base units; 1: every line.")
    fixed_price: Decimal | None = strawberry.field(default=None, description="Per base unit, tax included.")
    discount_percent: Decimal | None = strawberry.field(
        default=None, description="Percent off the list price, 0 to under 100 (10: 9折)."
    )


@strawberry.input(description="The prices of one SKU or one category (one of them) in a list.")
class PriceListItemInput:
    sku_id: strawberry.ID | None = strawberry.field(default=None, description="A SKU.")
    category_id: strawberry.ID | None = strawberry.field(
        default=None, description="A category, with its subcategories."
    )
    case_quantity: int | None = strawberry.field(
        default=None, description="Lines must be multiples of this; null: any quantity."
    )
    breaks: list[PriceBreakInput] = strawberry.field(description="1 to 10 quantity breaks.")


@strawberry.input(description="A new version of a level's or a distributor's price list (one of them).")
class PriceListSaveInput:
    level_id: strawberry.ID | None = strawberry.field(default=None, description="The level it prices.")
    distributor_id: strawberry.ID | None = strawberry.field(
        default=None, description="The distributor it prices."
    )
    name: str = strawberry.field(description="Shown in each price's explanation (at most 60).")
    effective_from: date = strawberry.field(description="In force from this day: today or later.")
    items: list[PriceListItemInput] = strawberry.field(description="Up to 500 SKUs and categories.")
    note: str | None = strawberry.field(default=None, description="Why it changed (at most 200).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry returns the first version."
    )


def _distributor(call: object) -> DistributorPayload:
    found, errors = run_service(call)  # type: ignore[arg-type]
    return DistributorPayload(distributor=DistributorType.of(found) if found else None, errors=errors)


def _member(call: object) -> DistributorMemberPayload:
    found, errors = run_service(call)  # type: ignore[arg-type]
    member = DistributorMemberType(user=found.user, created_at=found.created_at) if found else None  # type: ignore[arg-type]
    return DistributorMemberPayload(member=member, errors=errors)


@strawberry.type
class DistributionMutations:
    @strawberry.mutation(
        description="Make a customer a distributor, with its wallet; needs distribution.manage."
    )
    def distributor_create(self, info: Info, input: DistributorCreateInput) -> DistributorPayload:
        return _distributor(
            lambda: network.distributor_create(
                actor=current_actor(info),
                customer_id=input.customer_id,
                level_id=input.level_id,
                parent_id=input.parent_id,
                sales_area=input.sales_area or "",
                credit_limit=input.credit_limit if input.credit_limit is not None else "0",
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="Change a distributor's level, area, credit limit or status.")
    def distributor_update(
        self, info: Info, id: strawberry.ID, input: DistributorUpdateInput
    ) -> DistributorPayload:
        return _distributor(
            lambda: network.distributor_update(
                actor=current_actor(info),
                distributor_id=id,
                level_id=input.level_id,
                sales_area=input.sales_area,
                credit_limit=input.credit_limit,
                status=model_value(input.status),
            )
        )

    @strawberry.mutation(
        description="Move a distributor, with its downline, under another parent (null: a root); "
        "parent_cycle when the parent is in its own downline."
    )
    def distributor_move(
        self,
        info: Info,
        id: strawberry.ID,
        parent_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The new parent; null: a root.")
        ] = None,
    ) -> DistributorPayload:
        return _distributor(
            lambda: network.distributor_move(
                actor=current_actor(info), distributor_id=id, parent_id=parent_id
            )
        )

    @strawberry.mutation(description="Create or change a level and what it may order.")
    def distributor_level_save(self, info: Info, input: DistributorLevelInput) -> DistributorLevelPayload:
        level, errors = run_service(
            lambda: network.level_save(
                actor=current_actor(info),
                level_id=input.id,
                code=input.code,
                name=input.name,
                rank=input.rank,
                min_order_amount=input.min_order_amount if input.min_order_amount is not None else "0",
                catalog_category_ids=input.catalog_category_ids,
                catalog_product_ids=input.catalog_product_ids,
            )
        )
        return DistributorLevelPayload(level=DistributorLevelType.of(level) if level else None, errors=errors)

    @strawberry.mutation(
        description="Invite a new person of the distributor role to order for a distributor (an e-mail "
        "follows); needs users.manage too."
    )
    def distributor_member_invite(
        self,
        info: Info,
        distributor_id: Annotated[strawberry.ID, strawberry.argument(description="The distributor.")],
        email: Annotated[str, strawberry.argument(description="Their e-mail: the invitation goes there.")],
        full_name: Annotated[str, strawberry.argument(description="Their name (at most 60).")],
        language: Annotated[str | None, strawberry.argument(description="zh-hans (default) or en.")] = None,
        idempotency_key: str | None = None,
    ) -> DistributorMemberPayload:
        return _member(
            lambda: network.member_invite(
                actor=current_actor(info),
                distributor_id=distributor_id,
                email=email,
                full_name=full_name,
                language=language or "zh-hans",
                idempotency_key=idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Let an existing person of the distributor role order for a distributor."
    )
    def distributor_member_add(
        self,
        info: Info,
        distributor_id: Annotated[strawberry.ID, strawberry.argument(description="The distributor.")],
        user_id: Annotated[
            strawberry.ID, strawberry.argument(description="The person, of the distributor role.")
        ],
    ) -> DistributorMemberPayload:
        return _member(
            lambda: network.member_add(
                actor=current_actor(info), distributor_id=distributor_id, user_id=user_id
            )
        )

    @strawberry.mutation(description="The person no longer orders for their distributor (the account stays).")
    def distributor_member_remove(
        self, info: Info, user_id: Annotated[strawberry.ID, strawberry.argument(description="The person.")]
    ) -> DistributorMemberPayload:
        _done, errors = run_service(lambda: network.member_remove(actor=current_actor(info), user_id=user_id))
        return DistributorMemberPayload(member=None, errors=errors)

    @strawberry.mutation(
        description="Save a new version of a level's or a distributor's price list, in force from "
        "effectiveFrom (today or later); earlier versions stay."
    )
    def price_list_save(self, info: Info, input: PriceListSaveInput) -> PriceListPayload:
        saved, errors = run_service(
            lambda: prices.price_list_save(
                actor=current_actor(info),
                level_id=input.level_id,
                distributor_id=input.distributor_id,
                name=input.name,
                effective_from=input.effective_from,
                note=input.note or "",
                idempotency_key=input.idempotency_key,
                items=[
                    prices.PriceItemInput(
                        sku_id=item.sku_id,
                        category_id=item.category_id,
                        case_quantity=item.case_quantity,
                        breaks=[
                            prices.PriceBreakInput(
                                min_quantity=step.min_quantity,
                                fixed_price=step.fixed_price,
                                discount_percent=step.discount_percent,
                            )
                            for step in item.breaks
                        ],
                    )
                    for item in input.items
                ],
            )
        )
        return PriceListPayload(price_list=PriceListType.of(saved) if saved else None, errors=errors)

    @strawberry.mutation(description="Change the rebate cap or the warehouse distributor orders ship from.")
    def distribution_settings_update(
        self,
        info: Info,
        rebate_cap_percent: Annotated[
            Decimal | None, strawberry.argument(description="Percent of an order rebates may pay, 0–100.")
        ] = None,
        warehouse_id: Annotated[
            strawberry.ID | None,
            strawberry.argument(description="The warehouse distributor orders ship from."),
        ] = None,
    ) -> DistributionSettingsPayload:
        row, errors = run_service(
            lambda: prices.distribution_settings_update(
                actor=current_actor(info), rebate_cap_percent=rebate_cap_percent, warehouse_id=warehouse_id
            )
        )
        return DistributionSettingsPayload(
            settings=DistributionSettingsType.of(row) if row else None, errors=errors
        )
