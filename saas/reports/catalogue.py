"""The reports a URL can name, each built from query-string parameters into a Table.

    /reports/order-statistics.csv?group=customer&from=2025-10-01&to=2025-10-31&status=completed&rep=7
    /reports/sales.xlsx?period=month&anchor=2025-10-01        (period: day | month | year, years=5)
    /reports/profit.csv?group=product&from=…&to=…             (group: order | customer | rep | product)
    /reports/arrears.xlsx
    /reports/returns.csv?group=reason&from=…&to=…             (group: reason | product | sku)
    /reports/orders.xlsx?from=…&to=…&status=…&rep=…&customer=…&sku=…&q=…&warehouse=…&min=…&max=…
                        &ids=1,2,3   (the order list's filters; ids: those orders, any date)
    /reports/customers.xlsx, products, stock, receipts, suppliers, purchase-orders, shipments
                                                              (their lists' filters: list_exports.py)

Dates are YYYY-MM-DD; without them a report covers this month in the workspace's time zone.
A bad parameter raises InvalidInput with a stable code (date_invalid, group_invalid, …).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput, NotFound
from saas.core.inputs import parse_decimal, too_precise
from saas.reports.arrears import customer_arrears
from saas.reports.filters import OrderFilters
from saas.reports.list_exports import LIST_EXPORTS
from saas.reports.orders import order_list
from saas.reports.profit import profit_report
from saas.reports.report_tables import (
    arrears_table,
    orders_table,
    profit_table,
    returns_table,
    sales_table,
    statistics_table,
)
from saas.reports.returns import returns_report
from saas.reports.sales import sales_report
from saas.reports.statistics import order_statistics
from saas.reports.tables import Table

EXPORT_MAX_ROWS = 10000
MAX_PARAM_LENGTH = 40


class Params:
    """Typed reads of a query string; every problem is an InvalidInput naming the parameter."""

    def __init__(self, query: QueryDict) -> None:
        self.query = query

    def text(self, name: str, default: str = "") -> str:
        value = (self.query.get(name) or default).strip()
        if len(value) > MAX_PARAM_LENGTH:
            raise InvalidInput(_("This value is too long."), code="too_long", field=name)
        return value

    def date(self, name: str) -> date | None:
        value = self.text(name)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidInput(_("Enter a date as YYYY-MM-DD."), code="date_invalid", field=name) from exc

    def integer(self, name: str, default: int) -> int:
        value = self.text(name)
        if not value:
            return default
        if not (value.isascii() and value.isdigit()):
            raise InvalidInput(_("Enter a whole number."), code=f"{name}_invalid", field=name)
        return int(value)

    def amount(self, name: str) -> Decimal | None:
        value = self.text(name)
        if not value:
            return None
        number = parse_decimal(value)
        if number is None or too_precise(number, 2) or abs(number) >= 10**15:
            raise InvalidInput(_("Enter an amount."), code="decimal_invalid", field=name)
        return number

    def many(self, name: str, at_most: int = 20) -> list[str] | None:
        """Repeated (?status=a&status=b) or comma-separated (?status=a,b) values."""
        values = [part.strip() for raw in self.query.getlist(name) for part in raw.split(",") if part.strip()]
        if len(values) > at_most:
            raise InvalidInput(_("Too many values."), code="too_many_values", field=name)
        return values or None


def _statistics(actor: Actor, p: Params) -> Table:
    filters = OrderFilters.of(
        statuses=p.many("status"),
        rep_id=p.text("rep"),
        customer_id=p.text("customer"),
        product_id=p.text("product"),
        sku_id=p.text("sku"),
    )
    result = order_statistics(
        actor=actor,
        group_by=p.text("group", "day"),
        date_from=p.date("from"),
        date_to=p.date("to"),
        filters=filters,
        limit=EXPORT_MAX_ROWS,
    )
    return statistics_table(result)


def _sales(actor: Actor, p: Params) -> Table:
    return sales_table(
        sales_report(
            actor=actor, period=p.text("period", "day"), anchor=p.date("anchor"), years=p.integer("years", 5)
        )
    )


def _profit(actor: Actor, p: Params) -> Table:
    result = profit_report(
        actor=actor,
        group_by=p.text("group", "order"),
        date_from=p.date("from"),
        date_to=p.date("to"),
        limit=EXPORT_MAX_ROWS,
    )
    return profit_table(result)


def _arrears(actor: Actor, p: Params) -> Table:
    return arrears_table(customer_arrears(actor=actor, limit=EXPORT_MAX_ROWS))


def _returns(actor: Actor, p: Params) -> Table:
    result = returns_report(
        actor=actor,
        group_by=p.text("group", "reason"),
        date_from=p.date("from"),
        date_to=p.date("to"),
        limit=EXPORT_MAX_ROWS,
    )
    return returns_table(result)


def _orders(actor: Actor, p: Params) -> Table:
    result = order_list(
        actor=actor,
        date_from=p.date("from"),
        date_to=p.date("to"),
        statuses=p.many("status"),
        rep_id=p.text("rep"),
        customer_id=p.text("customer"),
        sku_id=p.text("sku"),
        search=p.text("q"),
        warehouse_id=p.text("warehouse"),
        amount_min=p.amount("min"),
        amount_max=p.amount("max"),
        ids=p.many("ids", at_most=500),
    )
    return orders_table(result)


REPORTS: dict[str, Callable[[Any, Params], Table]] = {
    "order-statistics": _statistics,
    "sales": _sales,
    "profit": _profit,
    "arrears": _arrears,
    "returns": _returns,
    "orders": _orders,
    **LIST_EXPORTS,  # the other main lists with their filters (list_exports.py)
}


def build_table(name: str, *, actor: Actor, query: QueryDict) -> Table:
    build = REPORTS.get(name)
    if build is None:
        raise NotFound(_("There is no such report."), field="name")
    return build(actor, Params(query))
