"""Queries of the distribution network for the workspace's staff: distributors (with a subtree
filter), the tree, levels, price lists, wallets' entries and the settings."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.distribution.enums import DistributorStatus, WalletKind, WalletPocket
from saas.api.distribution.types import (
    DistributionSettingsType,
    DistributorLevelType,
    DistributorPage,
    DistributorTreeType,
    DistributorType,
    PriceListPage,
    PriceListType,
    WalletEntryType,
)
from saas.api.permissions import current_actor
from saas.core.paging import check_page
from saas.distribution.access import require_network_viewer
from saas.distribution.selectors import network
from saas.distribution.selectors.wallet import wallet_entries
from saas.distribution.workspace_settings import distribution_settings

SubtreeOf = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="Only this distributor and everyone under it in the network."),
]
RootId = Annotated[
    strawberry.ID | None,
    strawberry.argument(description="Only this distributor's subtree; null: the whole network."),
]
LevelId = Annotated[strawberry.ID | None, strawberry.argument(description="Only distributors of this level.")]
DistributorId = Annotated[
    strawberry.ID | None, strawberry.argument(description="Only this distributor's lists.")
]
PriceLevelId = Annotated[strawberry.ID | None, strawberry.argument(description="Only this level's lists.")]


@strawberry.type
class DistributionQueries:
    @strawberry.field(
        description="The network's distributors in tree order; for distribution.view. Search matches names, "
        "customer codes and sales areas."
    )
    def distributors(
        self,
        info: Info,
        search: str = "",
        level_id: LevelId = None,
        status: DistributorStatus | None = None,  # type: ignore[valid-type]
        subtree_of: SubtreeOf = None,
        limit: int = 20,
        offset: int = 0,
    ) -> DistributorPage:
        check_page(limit, offset)
        rows = network.distributor_list(
            actor=current_actor(info),
            search=search,
            level_id=level_id,
            status=model_value(status),
            subtree_of=subtree_of,
        ).prefetch_related("members__user__roles")
        return DistributorPage(
            total_count=rows.count(), items=[DistributorType.of(row) for row in rows[offset : offset + limit]]
        )

    @strawberry.field(description="One distributor; for distribution.view.")
    def distributor(self, info: Info, id: strawberry.ID) -> DistributorType:
        return DistributorType.of(network.distributor_get(actor=current_actor(info), distributor_id=id))

    @strawberry.field(description="The network (or a subtree) in tree order, at most 2,000 distributors.")
    def distributor_tree(self, info: Info, root_id: RootId = None) -> DistributorTreeType:
        tree = network.distributor_tree(actor=current_actor(info), root_id=root_id)
        return DistributorTreeType(
            nodes=[DistributorType.of(node) for node in tree.nodes], truncated=tree.truncated
        )

    @strawberry.field(description="The network's levels, top first, with what each may order.")
    def distributor_levels(self, info: Info) -> list[DistributorLevelType]:
        return [DistributorLevelType.of(level) for level in network.level_list(actor=current_actor(info))]

    @strawberry.field(
        description="Price list versions, newest first; the one in force on a day is the first whose "
        "effectiveFrom is on or before it."
    )
    def price_lists(
        self,
        info: Info,
        level_id: PriceLevelId = None,
        distributor_id: DistributorId = None,
        limit: int = 20,
        offset: int = 0,
    ) -> PriceListPage:
        check_page(limit, offset)
        rows = network.price_list_list(
            actor=current_actor(info), level_id=level_id, distributor_id=distributor_id
        )
        return PriceListPage(
            total_count=rows.count(), items=[PriceListType.of(row) for row in rows[offset : offset + limit]]
        )

    @strawberry.field(
        description="A distributor's wallet entries, newest first; for distribution.view or finance.view "
        "(a distributor's own people: their own wallet)."
    )
    def wallet_entries(
        self,
        info: Info,
        distributor_id: Annotated[strawberry.ID, strawberry.argument(description="Whose wallet.")],
        kind: WalletKind | None = None,  # type: ignore[valid-type]
        pocket: Annotated[
            WalletPocket | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only entries of this balance (cash or rebate)."),
        ] = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[WalletEntryType]:
        check_page(limit, offset)
        rows = wallet_entries(
            actor=current_actor(info),
            distributor_id=distributor_id,
            kind=model_value(kind),
            pocket=model_value(pocket),
        )
        return [WalletEntryType.of(entry) for entry in rows[offset : offset + limit]]

    @strawberry.field(description="The workspace's distribution rules; for distribution.view.")
    def distribution_settings(self, info: Info) -> DistributionSettingsType:
        require_network_viewer(current_actor(info))
        return DistributionSettingsType.of(distribution_settings())
