"""Types of the distribution network: levels, distributors, wallets and their entries, price lists.

Money is Decimal yuan (the ledger keeps integer fen). A distributor's wallet and its entries
resolve through the wallet selector, so only staff who may see wallets, or the distributor's
own people, read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.catalog.types import CategoryType, SkuType
from saas.api.distribution.enums import DistributorStatus, WalletKind, WalletPocket
from saas.api.errors import FieldError
from saas.api.permissions import current_actor
from saas.api.who import actor_name
from saas.core.paging import check_page
from saas.distribution import models
from saas.distribution.selectors.credit import credit_available
from saas.distribution.selectors.wallet import wallet_entries
from saas.distribution.services.common import from_fen
from saas.distribution.workspace_settings import distribution_settings

_SETTINGS = "_sparrow_distribution_settings"


def workspace_settings(info: Info) -> models.DistributionSettings:
    """The settings row, read once per request however many distributors ask (the request
    belongs to one workspace and dies with it)."""
    request = info.context.request
    row: models.DistributionSettings | None = getattr(request, _SETTINGS, None)
    if row is None:
        row = distribution_settings()
        setattr(request, _SETTINGS, row)
    return row


def _id(pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(str(pk))


@strawberry.type(name="DistributorLevel", description="A tier of the network (省代, 市代, 零售商).")
class DistributorLevelType:
    id: strawberry.ID
    code: str = strawberry.field(description="The level's code, unique in the workspace.")
    name: str = strawberry.field(description="The level's name.")
    rank: int = strawberry.field(description="1 for the top of the network; larger further down.")
    min_order_amount: Decimal = strawberry.field(
        description="The least an order of this level may come to, tax included; 0: no minimum."
    )
    _level: strawberry.Private[models.DistributorLevel]

    @strawberry.field(
        description="Categories (with their subcategories) the level may see and order. With "
        "catalogProductIds both empty: the whole active catalogue."
    )
    def catalog_category_ids(self) -> list[strawberry.ID]:
        return [strawberry.ID(str(e.category_id)) for e in self._level.catalog_entries.all() if e.category_id]

    @strawberry.field(description="Products the level may see and order besides its categories.")
    def catalog_product_ids(self) -> list[strawberry.ID]:
        return [strawberry.ID(str(e.product_id)) for e in self._level.catalog_entries.all() if e.product_id]

    @classmethod
    def of(cls, level: models.DistributorLevel) -> DistributorLevelType:
        return cls(
            id=strawberry.ID(str(level.pk)),
            code=level.code,
            name=level.name,
            rank=level.rank,
            min_order_amount=level.min_order_amount,
            _level=level,
        )


@strawberry.type(name="WalletEntry", description="One line of a wallet's ledger; entries are never changed.")
class WalletEntryType:
    id: strawberry.ID
    number: str = strawberry.field(description="The entry's number, WE-2026-000001.")
    kind: WalletKind = strawberry.field(description="What the entry records.")  # type: ignore[valid-type]
    pocket: WalletPocket = strawberry.field(description="The balance it moves.")  # type: ignore[valid-type]
    amount: Decimal = strawberry.field(
        description="Yuan, signed from the distributor's side: positive, the workspace owes it more."
    )
    balance_after: Decimal = strawberry.field(description="The pocket's balance after this entry, in yuan.")
    reference: str = strawberry.field(
        description="The document behind it: a bank serial, a voucher, an order."
    )
    order_id: strawberry.ID | None = strawberry.field(description="The sales order it paid or refunded.")
    order_number: str | None = strawberry.field(description="That order's number.")
    note: str = strawberry.field(description="Why, in the recorder's words.")
    actor_name: str | None
    created_at: datetime

    @classmethod
    def of(cls, entry: models.WalletEntry) -> WalletEntryType:
        return cls(
            id=strawberry.ID(str(entry.pk)),
            number=entry.number,
            kind=WalletKind(entry.kind),
            pocket=WalletPocket(entry.pocket),
            amount=from_fen(entry.amount_fen),
            balance_after=from_fen(entry.balance_after_fen),
            reference=entry.reference,
            order_id=_id(entry.order_id),
            order_number=entry.order.number if entry.order is not None else None,
            note=entry.note,
            actor_name=actor_name(entry.actor, entry.actor_label, entry.actor_kind),
            created_at=entry.created_at,
        )


@strawberry.type(name="Wallet", description="What the workspace owes a distributor (钱包), in yuan.")
class WalletType:
    balance: Decimal = strawberry.field(
        description="The cash balance: prepayments and commissions less what they paid."
    )
    rebate_balance: Decimal = strawberry.field(
        description="The rebate balance (返利): pays at most the workspace's cap of an order."
    )
    _distributor_id: strawberry.Private[int]

    @strawberry.field(description="The ledger, newest first.")
    def entries(
        self,
        info: Info,
        limit: int = 20,
        offset: int = 0,
        kind: WalletKind | None = None,  # type: ignore[valid-type]
        pocket: WalletPocket | None = None,  # type: ignore[valid-type]
    ) -> list[WalletEntryType]:
        check_page(limit, offset)
        rows = wallet_entries(
            actor=current_actor(info),
            distributor_id=self._distributor_id,
            kind=kind.value if kind is not None else None,
            pocket=pocket.value if pocket is not None else None,
        )
        return [WalletEntryType.of(entry) for entry in rows[offset : offset + limit]]

    @classmethod
    def of(cls, distributor: models.Distributor) -> WalletType:
        wallet = getattr(distributor, "wallet", None)
        return cls(
            balance=from_fen(wallet.cash_fen if wallet else 0),
            rebate_balance=from_fen(wallet.rebate_fen if wallet else 0),
            _distributor_id=distributor.pk,
        )


@strawberry.type(name="DistributorMember", description="A person who orders for a distributor.")
class DistributorMemberType:
    user: UserType = strawberry.field(description="The person (the distributor role).")
    created_at: datetime


@strawberry.type(
    name="Distributor", description="A distributor of the workspace, tied to its customer record."
)
class DistributorType:
    id: strawberry.ID
    name: str = strawberry.field(description="The distributor's name: its customer's.")
    customer_id: strawberry.ID = strawberry.field(
        description="Its customer record: orders, receivables and statements are the customer's."
    )
    code: str = strawberry.field(description="Its customer's code.")
    level: DistributorLevelType = strawberry.field(description="Its tier in the network.")
    parent_id: strawberry.ID | None = strawberry.field(description="Its parent in the network; null: a root.")
    depth: int = strawberry.field(description="0 for a root, 1 for its downline, and so on.")
    sales_area: str = strawberry.field(description="The area it sells in (销售区域).")
    credit_limit: Decimal = strawberry.field(
        description="What it may owe on orders placed on credit, in yuan."
    )
    status: DistributorStatus = strawberry.field(description="Whether it may order.")  # type: ignore[valid-type]
    created_at: datetime
    wallet: WalletType = strawberry.field(description="Its wallet: balances and ledger.")
    _distributor: strawberry.Private[models.Distributor]

    @strawberry.field(
        description="The credit limit less what it owes and its credit orders awaiting review; "
        "never below 0. Weighed per distributor: ask for it on one, not on long lists."
    )
    def credit_available(self) -> Decimal:
        return credit_available(self._distributor)

    @strawberry.field(
        description="The workspace's cap on rebates paying an order, in percent of the order "
        "(返利抵扣上限; the same for every distributor): checkout offers at most this much."
    )
    def rebate_cap_percent(self, info: Info) -> Decimal:
        return workspace_settings(info).rebate_cap_percent

    @strawberry.field(description="The people who order for it.")
    def members(self) -> list[DistributorMemberType]:
        return [
            DistributorMemberType(user=member.user, created_at=member.created_at)  # type: ignore[arg-type]
            for member in self._distributor.members.all()
        ]

    @classmethod
    def of(cls, distributor: models.Distributor) -> DistributorType:
        return cls(
            id=strawberry.ID(str(distributor.pk)),
            name=distributor.customer.name,
            customer_id=strawberry.ID(str(distributor.customer_id)),
            code=distributor.customer.code,
            level=DistributorLevelType.of(distributor.level),
            parent_id=_id(distributor.parent_id),
            depth=distributor.depth,
            sales_area=distributor.sales_area,
            credit_limit=distributor.credit_limit,
            status=DistributorStatus(distributor.status),
            created_at=distributor.created_at,
            wallet=WalletType.of(distributor),
            _distributor=distributor,
        )


@strawberry.type
class DistributorPage:
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[DistributorType] = strawberry.field(description="The rows of this page, in tree order.")


@strawberry.type(
    name="DistributorTree", description="The network in tree order: a parent before its downline."
)
class DistributorTreeType:
    nodes: list[DistributorType] = strawberry.field(
        description="Each distributor once; parentId and depth place it in the tree."
    )
    truncated: bool = strawberry.field(
        description="More than 2,000 distributors: ask for a subtree (rootId)."
    )


@strawberry.type(
    name="PriceBreak", description="From a quantity on: a fixed price or a percent off the list price."
)
class PriceBreakType:
    min_quantity: Decimal = strawberry.field(
        description="The break applies to a line of at least this many base units."
    )
    fixed_price: Decimal | None = strawberry.field(
        description="Per base unit, tax included; null: a discount."
    )
    discount_percent: Decimal | None = strawberry.field(
        description="Percent off the SKU's list price (10: 9折); null: a fixed price."
    )


@strawberry.type(name="PriceListItem", description="The prices of one SKU or one category in a list.")
class PriceListItemType:
    sku: SkuType | None = strawberry.field(description="The SKU priced; null for a category.")
    category: CategoryType | None = strawberry.field(
        description="The category priced (with its subcategories); null for a SKU."
    )
    case_quantity: int | None = strawberry.field(
        description="Lines must be multiples of this; null: any quantity."
    )
    breaks: list[PriceBreakType] = strawberry.field(description="Quantity breaks, lowest first.")


def _items(rules: Iterable[models.PriceRule]) -> list[PriceListItemType]:
    grouped: dict[tuple[int | None, int | None], list[models.PriceRule]] = {}
    for rule in rules:
        grouped.setdefault((rule.sku_id, rule.category_id), []).append(rule)
    return [
        PriceListItemType(
            sku=found[0].sku,  # type: ignore[arg-type]
            category=found[0].category,  # type: ignore[arg-type]
            case_quantity=found[0].case_quantity,
            breaks=[
                PriceBreakType(
                    min_quantity=rule.min_quantity,
                    fixed_price=rule.fixed_price,
                    discount_percent=rule.discount_percent,
                )
                for rule in sorted(found, key=lambda rule: rule.min_quantity)
            ],
        )
        for found in grouped.values()
    ]


@strawberry.type(
    name="PriceList", description="One version of a level's or a distributor's price list (价目表)."
)
class PriceListType:
    id: strawberry.ID
    name: str = strawberry.field(description="The list's name, shown in each price's explanation.")
    level: DistributorLevelType | None = strawberry.field(
        description="The level it prices; null: a distributor's."
    )
    distributor_id: strawberry.ID | None = strawberry.field(
        description="The distributor it prices; null: a level's."
    )
    distributor_name: str | None = strawberry.field(description="That distributor's name.")
    effective_from: date = strawberry.field(description="In force from this day (the workspace's time zone).")
    version: int = strawberry.field(description="1, 2, 3… per level or distributor, in the order saved.")
    note: str
    created_at: datetime
    items: list[PriceListItemType] = strawberry.field(
        description="Its SKUs and categories with their prices."
    )

    @classmethod
    def of(cls, price_list: models.PriceList) -> PriceListType:
        distributor = price_list.distributor
        return cls(
            id=strawberry.ID(str(price_list.pk)),
            name=price_list.name,
            level=DistributorLevelType.of(price_list.level) if price_list.level else None,
            distributor_id=_id(price_list.distributor_id),
            distributor_name=distributor.customer.name if distributor else None,
            effective_from=price_list.effective_from,
            version=price_list.version,
            note=price_list.note,
            created_at=price_list.created_at,
            items=_items(price_list.rules.all()),
        )


@strawberry.type
class PriceListPage:
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[PriceListType] = strawberry.field(description="The versions, newest first.")


@strawberry.type(name="DistributionSettings", description="The workspace's distribution rules.")
class DistributionSettingsType:
    rebate_cap_percent: Decimal = strawberry.field(
        description="Rebates pay at most this percent of an order (返利抵扣上限); 0: none."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        description="The warehouse distributor orders ship from; null: the first active one."
    )

    @classmethod
    def of(cls, row: models.DistributionSettings) -> DistributionSettingsType:
        return cls(rebate_cap_percent=row.rebate_cap_percent, warehouse_id=_id(row.warehouse_id))


@strawberry.type
class DistributorPayload:
    distributor: DistributorType | None
    errors: list[FieldError]


@strawberry.type
class DistributorLevelPayload:
    level: DistributorLevelType | None
    errors: list[FieldError]


@strawberry.type
class DistributorMemberPayload:
    member: DistributorMemberType | None
    errors: list[FieldError]


@strawberry.type
class PriceListPayload:
    price_list: PriceListType | None
    errors: list[FieldError]


@strawberry.type
class WalletEntryPayload:
    entry: WalletEntryType | None
    errors: list[FieldError]


@strawberry.type
class DistributionSettingsPayload:
    settings: DistributionSettingsType | None
    errors: list[FieldError]
