"""The order list for export (订单导出): the app's own order list, with its filters, as a file.

It is a report, so it needs `reports.view` like every other one (the warehouse, which has none,
works from the shipping screens and pick lists instead). It runs the list screen's selector
(saas.sales.selectors.orders.order_list), so an export shows exactly the orders the list shows:
a rep their own, managers and finance all. Any status by default (drafts included, for their owner);
dated by order_date, this month unless a period is given. One SQL query, newest first, capped at
MAX_EXPORT_ORDERS rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from saas.accounts.actors import Actor
from saas.core.tenancy import current_tenant
from saas.reports.access import require_order_lister
from saas.reports.periods import DateRange, clean_range
from saas.sales.models import SalesOrder
from saas.sales.selectors.orders import order_list as list_orders
from saas.sales.selectors.visibility import may_see_order_money

MAX_EXPORT_ORDERS = 20000


@dataclass(frozen=True)
class OrderList:
    period: DateRange
    currency: str
    orders: list[SalesOrder]  # with customer, rep and warehouse loaded
    shows_money: bool
    truncated: bool


def order_list(
    *,
    actor: Actor,
    date_from: date | None = None,
    date_to: date | None = None,
    statuses: list[str] | None = None,
    rep_id: Any = None,
    customer_id: Any = None,
    sku_id: Any = None,
    search: str = "",
    warehouse_id: Any = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    ids: list[str] | None = None,
    limit: int = MAX_EXPORT_ORDERS,
) -> OrderList:
    """`ids` (the rows picked in the desktop table) export those orders whatever their date."""
    user = require_order_lister(actor)
    period = clean_range(date_from, date_to)
    queryset = list_orders(
        actor=user,
        statuses=[status.strip().lower() for status in statuses] if statuses else None,
        customer_id=customer_id,
        rep_id=rep_id,
        date_from=None if ids else period.start,
        date_to=None if ids else period.end,
        search=search,
        sku_id=sku_id,
        warehouse_id=warehouse_id,
        amount_min=amount_min,
        amount_max=amount_max,
        ids=ids,
        with_lines=False,
    )
    fetched = list(queryset[: limit + 1])
    return OrderList(
        period=period,
        currency=current_tenant().currency,
        orders=fetched[:limit],
        shows_money=may_see_order_money(user),
        truncated=len(fetched) > limit,
    )
