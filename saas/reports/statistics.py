"""Order query statistics (订单查询统计): order counts and amounts for a period, grouped by day,
month, rep, customer, status, product or SKU, with filters.

Two SQL queries whatever the data: the grouped rows (ordered and capped), and the totals of
everything filtered, so totals stay right when the rows are capped. Grouped by product or SKU,
the figures come from the order lines (quantity in base units, line amounts); grouped by
anything else, from the order headers (total, discount, tax, received, and the balance: what
the orders still owe, each at least zero, as finance.selectors.balances defines it). Only groups
with orders appear; days without orders are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.tenancy import current_tenant
from saas.finance.selectors.balances import order_outstanding
from saas.reports.access import require_report_viewer
from saas.reports.filters import OrderFilters, clean_choice
from saas.reports.labels import STATUS_ORDER, party_text, sku_text, status_label
from saas.reports.periods import MAX_RANGE_DAYS, DateRange, clean_range
from saas.sales.models import SalesOrder, SalesOrderLine
from saas.sales.selectors.visibility import order_filter, visible_orders

MAX_DAY_ROWS = 366
ZERO = Decimal(0)
MONEY = DecimalField(max_digits=18, decimal_places=2)
QTY = DecimalField(max_digits=18, decimal_places=3)


class StatisticsGroup(StrEnum):
    DAY = "day"
    MONTH = "month"
    REP = "rep"
    CUSTOMER = "customer"
    STATUS = "status"
    PRODUCT = "product"
    SKU = "sku"


LINE_GROUPS = (StatisticsGroup.PRODUCT, StatisticsGroup.SKU)


@dataclass(frozen=True)
class StatisticsRow:
    key: str  # the group's id, date (2025-10-31, 2025-10) or status code; "" for totals
    label: str
    order_count: int
    amount: Decimal
    discount_amount: Decimal
    tax_amount: Decimal
    quantity: Decimal | None = None  # base units; by product and SKU only
    received_amount: Decimal | None = None  # by order header only
    balance: Decimal | None = None  # Σ outstanding (finance.selectors.balances); order header only


@dataclass(frozen=True)
class OrderStatistics:
    group_by: StatisticsGroup
    period: DateRange
    filters: OrderFilters
    currency: str
    rows: list[StatisticsRow]
    totals: StatisticsRow
    truncated: bool  # more groups than `limit`; totals still cover them all


def _money(expression: Any) -> Coalesce:
    return Coalesce(Sum(expression, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _header_figures() -> dict[str, Any]:
    return {
        "order_count": Count("id"),
        "sum_amount": _money("total_amount"),
        "sum_discount": _money("discount_amount"),
        "sum_tax": _money("tax_amount"),
        "sum_received": _money("received_amount"),
        # Per order, never below zero: an order overpaid after a return owes nothing, and its
        # excess is no discount on another order's debt (the receivables show it as overpaid).
        "sum_balance": _money(order_outstanding()),
    }


def _line_figures() -> dict[str, Any]:
    return {
        "order_count": Count("order_id", distinct=True),
        "sum_quantity": Coalesce(Sum("base_quantity", output_field=QTY), Value(ZERO), output_field=QTY),
        "sum_amount": _money("amount"),
        "sum_discount": _money("discount_amount"),
        "sum_tax": _money("tax_amount"),
    }


# group -> (the values() columns, the ordering of the rows)
_HEADER_GROUPS: dict[StatisticsGroup, tuple[tuple[str, ...], tuple[str, ...]]] = {
    StatisticsGroup.DAY: (("order_date",), ("order_date",)),
    StatisticsGroup.MONTH: (("month",), ("month",)),
    StatisticsGroup.REP: (("rep_id", "rep__full_name", "rep__email"), ("-sum_amount", "rep_id")),
    StatisticsGroup.CUSTOMER: (
        ("customer_id", "customer__code", "customer__name"),
        ("-sum_amount", "customer_id"),
    ),
    StatisticsGroup.STATUS: (("status",), ("status",)),
}
_LINE_GROUPS: dict[StatisticsGroup, tuple[str, ...]] = {
    StatisticsGroup.PRODUCT: ("sku__product_id", "sku__product__code", "sku__product__name"),
    StatisticsGroup.SKU: ("sku_id", "sku__code", "sku__product__name", "sku__spec_values"),
}


def _key_and_label(group: StatisticsGroup, row: dict[str, Any]) -> tuple[str, str]:
    if group is StatisticsGroup.DAY:
        day: date = row["order_date"]
        return day.isoformat(), day.isoformat()
    if group is StatisticsGroup.MONTH:
        month: date = row["month"]
        return month.strftime("%Y-%m"), month.strftime("%Y-%m")
    if group is StatisticsGroup.REP:
        return str(row["rep_id"]), row["rep__full_name"] or row["rep__email"]
    if group is StatisticsGroup.CUSTOMER:
        return str(row["customer_id"]), party_text(row["customer__code"], row["customer__name"])
    if group is StatisticsGroup.STATUS:
        return row["status"], status_label(row["status"])
    if group is StatisticsGroup.PRODUCT:
        return str(row["sku__product_id"]), party_text(row["sku__product__code"], row["sku__product__name"])
    return str(
        row["sku_id"]
    ), f"{row['sku__code']} {sku_text(row['sku__product__name'], row['sku__spec_values'])}"


def _row(key: str, label: str, figures: dict[str, Any], *, by_line: bool) -> StatisticsRow:
    return StatisticsRow(
        key=key,
        label=label,
        order_count=figures["order_count"] or 0,
        amount=figures["sum_amount"],
        discount_amount=figures["sum_discount"],
        tax_amount=figures["sum_tax"],
        quantity=figures["sum_quantity"] if by_line else None,
        received_amount=None if by_line else figures["sum_received"],
        balance=None if by_line else figures["sum_balance"],
    )


def _orders(actor: Actor, period: DateRange, filters: OrderFilters) -> QuerySet[SalesOrder]:
    return visible_orders(actor).filter(
        filters.on_orders(),
        filters.orders_with_lines(),
        order_date__range=(period.start, period.end),
    )


def _lines(actor: Actor, period: DateRange, filters: OrderFilters) -> QuerySet[SalesOrderLine]:
    return SalesOrderLine.objects.filter(
        order_filter(actor, prefix="order__"),
        filters.on_orders("order__"),
        filters.on_lines(),
        order__order_date__range=(period.start, period.end),
    )


def order_statistics(
    *,
    actor: Actor,
    group_by: StatisticsGroup | str,
    date_from: date | None = None,
    date_to: date | None = None,
    filters: OrderFilters | None = None,
    limit: int = 1000,
) -> OrderStatistics:
    require_report_viewer(actor)
    group = clean_choice(StatisticsGroup, group_by, "group_by", "group_invalid")
    period = clean_range(
        date_from, date_to, max_days=MAX_DAY_ROWS if group is StatisticsGroup.DAY else MAX_RANGE_DAYS
    )
    filters = filters or OrderFilters()
    by_line = group in LINE_GROUPS
    if by_line:
        lines = _lines(actor, period, filters)
        columns = _LINE_GROUPS[group]
        grouped = lines.values(*columns).annotate(**_line_figures()).order_by("-sum_amount", columns[0])
        totals = lines.aggregate(**_line_figures())
    else:
        orders = _orders(actor, period, filters)
        columns, ordering = _HEADER_GROUPS[group]
        keys = (
            orders.values(month=TruncMonth("order_date"))
            if group is StatisticsGroup.MONTH
            else orders.values(*columns)
        )
        grouped = keys.annotate(**_header_figures()).order_by(*ordering)
        totals = orders.aggregate(**_header_figures())
    fetched = list(grouped[: limit + 1])
    rows = [_row(*_key_and_label(group, row), row, by_line=by_line) for row in fetched[:limit]]
    if group is StatisticsGroup.STATUS:
        rows.sort(key=lambda row: STATUS_ORDER.get(row.key, 99))
    return OrderStatistics(
        group_by=group,
        period=period,
        filters=filters,
        currency=current_tenant().currency,
        rows=rows,
        totals=_row("", _("Total"), totals, by_line=by_line),
        truncated=len(fetched) > limit,
    )
