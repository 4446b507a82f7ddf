"""A distributor's own downline (下级), read by its people: the members of its subtree below it,
with what each bought this month and when it last reported its stock. Read-only.

Only the caller's subtree, from its membership (`portal_membership`): the prefix of its own path
finds its descendants and nothing else — never itself, a sibling, an ancestor or another
branch. A member named by id outside that subtree is "not found", exactly like an id that does
not exist. Staff read the whole network through selectors/network.py instead.

This month's purchases: the member's orders dated this month on the workspace's clock that count
as sales (approved and beyond, as sales' own reports count them), at their amount net of goods
returned; its order count is the same orders'. In a fixed number of queries per page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, F, Max, Sum, Value
from django.db.models.functions import Coalesce

from saas.accounts.actors import Actor
from saas.core.clock import tenant_today
from saas.core.ids import parse_id
from saas.core.paging import check_page
from saas.distribution.access import distributor_not_found, portal_membership
from saas.distribution.models import ChannelStockReport, Distributor
from saas.distribution.periods import add_months, month_of
from saas.sales.models import SOLD_STATUSES, SalesOrder

ZERO = Decimal(0)


@dataclass(frozen=True)
class DownlineMember:
    distributor: Distributor
    depth: int  # below the caller: 1 for a direct child
    purchase_amount: Decimal  # this month, tax included, net of returns
    order_count: int  # this month
    last_stock_report_on: date | None


@dataclass(frozen=True)
class DownlinePage:
    total_count: int
    items: list[DownlineMember]


def _subtree(actor: Actor) -> tuple[Distributor, Any]:
    _user, mine = portal_membership(actor)
    rows = (
        Distributor.objects.filter(path__startswith=mine.path)
        .exclude(pk=mine.pk)
        .select_related("customer", "level")
    )
    return mine, rows


def _members(mine: Distributor, distributors: list[Distributor]) -> list[DownlineMember]:
    first = month_of(tenant_today())
    money = DecimalField(max_digits=18, decimal_places=2)
    bought: dict[int, tuple[Decimal, int]] = {
        row["customer_id"]: (Decimal(row["amount"]), int(row["count"]))
        for row in SalesOrder.objects.filter(
            customer_id__in=[d.customer_id for d in distributors],
            status__in=SOLD_STATUSES,
            order_date__gte=first,
            order_date__lt=add_months(first, 1),
        )
        .values("customer_id")
        .annotate(
            amount=Coalesce(Sum(F("total_amount") - F("returned_amount"), output_field=money), Value(ZERO)),
            count=Count("id"),
        )
    }
    reported = dict(
        ChannelStockReport.objects.filter(distributor__in=distributors, current=True)
        .values("distributor_id")
        .annotate(latest=Max("report_date"))
        .values_list("distributor_id", "latest")
    )
    return [
        DownlineMember(
            distributor=d,
            depth=d.depth - mine.depth,
            purchase_amount=bought.get(d.customer_id, (ZERO, 0))[0],
            order_count=bought.get(d.customer_id, (ZERO, 0))[1],
            last_stock_report_on=reported.get(d.pk),
        )
        for d in distributors
    ]


def my_downline(*, actor: Actor, limit: int = 50, offset: int = 0) -> DownlinePage:
    """The caller's distributor's subtree below it, in tree order (each parent before its own)."""
    check_page(limit, offset)
    mine, rows = _subtree(actor)
    page = list(rows.order_by("path")[offset : offset + limit])
    return DownlinePage(total_count=rows.count(), items=_members(mine, page))


def my_downline_member(*, actor: Actor, member_id: Any) -> DownlineMember:
    """One member of the caller's subtree; anyone else's id is not found."""
    mine, rows = _subtree(actor)
    pk = parse_id(member_id)
    found = rows.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise distributor_not_found("id")
    return _members(mine, [found])[0]
