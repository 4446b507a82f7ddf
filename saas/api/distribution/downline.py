"""A distributor's downline for its people (`myDownline`, `myDownlineMember`): the members of its
subtree below it, read-only (saas/distribution/selectors/downline.py decides who is in it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from saas.distribution.selectors.downline import DownlineMember


@strawberry.type(
    name="DownlineMember",
    description="A distributor below the caller's in the network, with this month's purchases.",
)
class DownlineMemberType:
    id: strawberry.ID = strawberry.field(description="The member distributor's id.")
    name: str = strawberry.field(description="Its name (its customer record's).")
    level_name: str = strawberry.field(description="Its level (省代, 市代, 零售商).")
    depth: int = strawberry.field(description="How far below the caller: 1 for a direct child.")
    parent_id: strawberry.ID | None = strawberry.field(description="The distributor directly above it.")
    sales_area: str = strawberry.field(description="Its sales area.")
    active: bool = strawberry.field(description="False while it is suspended.")
    purchase_amount: Decimal = strawberry.field(
        description="This month's orders (dated this month, approved and beyond), tax included, net of "
        "goods returned."
    )
    order_count: int = strawberry.field(description="How many orders that is.")
    last_stock_report_on: date | None = strawberry.field(
        description="The date of its latest channel stock report; null: none yet."
    )

    @classmethod
    def of(cls, member: DownlineMember) -> DownlineMemberType:
        row = member.distributor
        return cls(
            id=strawberry.ID(str(row.pk)),
            name=row.customer.name,
            level_name=row.level.name,
            depth=member.depth,
            parent_id=strawberry.ID(str(row.parent_id)) if row.parent_id is not None else None,
            sales_area=row.sales_area,
            active=row.status == "active",
            purchase_amount=member.purchase_amount,
            order_count=member.order_count,
            last_stock_report_on=member.last_stock_report_on,
        )


@strawberry.type(
    description="One page of a distributor's downline: the rows asked for and how many there are."
)
class DownlinePage:
    total_count: int = strawberry.field(description="Members in the whole subtree below the caller.")
    items: list[DownlineMemberType] = strawberry.field(
        description="The rows of this page, in tree order (each member before those below it)."
    )
