"""Each report's result laid out as a Table (columns, rows, totals, header lines) for export."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saas.reports.arrears import CustomerArrears
from saas.reports.labels import status_label
from saas.reports.orders import OrderList
from saas.reports.periods import DateRange, tenant_now_text
from saas.reports.profit import ProfitGroup, ProfitReport, ProfitRow
from saas.reports.returns import ReturnsReport, ReturnsRow
from saas.reports.sales import SalesPeriod, SalesReport
from saas.reports.statistics import LINE_GROUPS, OrderStatistics, StatisticsRow
from saas.reports.tables import Cell, Column, Kind, Table

GROUP_HEADERS: dict[str, Promise] = {
    "day": gettext_lazy("Date"),
    "month": gettext_lazy("Month"),
    "year": gettext_lazy("Year"),
    "rep": gettext_lazy("Sales rep"),
    "customer": gettext_lazy("Customer"),
    "status": gettext_lazy("Status"),
    "product": gettext_lazy("Product"),
    "sku": gettext_lazy("SKU"),
    "order": gettext_lazy("Order number"),
    "reason": gettext_lazy("Return reason"),
}


STATISTICS_TITLES: dict[str, Promise] = {
    "day": gettext_lazy("Order statistics by day"),
    "month": gettext_lazy("Order statistics by month"),
    "rep": gettext_lazy("Order statistics by sales rep"),
    "customer": gettext_lazy("Order statistics by customer"),
    "status": gettext_lazy("Order statistics by status"),
    "product": gettext_lazy("Order statistics by product"),
    "sku": gettext_lazy("Order statistics by SKU"),
}
PROFIT_TITLES: dict[str, Promise] = {
    "order": gettext_lazy("Profit by order"),
    "customer": gettext_lazy("Profit by customer"),
    "rep": gettext_lazy("Profit by sales rep"),
    "product": gettext_lazy("Profit by product"),
}
RETURNS_TITLES: dict[str, Promise] = {
    "reason": gettext_lazy("Returns by reason"),
    "product": gettext_lazy("Returns by product"),
    "sku": gettext_lazy("Returns by SKU"),
}


def _meta(title: str, period: DateRange | None, currency: str, truncated: bool) -> list[tuple[str, str]]:
    lines = [(_("Report"), title)]
    if period is not None:
        lines.append((_("Period"), str(period)))
    lines += [(_("Currency"), currency), (_("Generated at"), tenant_now_text())]
    if truncated:
        lines.append((_("Note"), _("Only the first rows are shown; the totals cover all of them.")))
    return lines


def statistics_table(result: OrderStatistics) -> Table:
    by_line = result.group_by in LINE_GROUPS
    columns = [Column(GROUP_HEADERS[result.group_by]), Column(gettext_lazy("Orders"), Kind.INT)]
    if by_line:
        columns.append(Column(gettext_lazy("Quantity"), Kind.QUANTITY))
    columns += [
        Column(gettext_lazy("Amount"), Kind.MONEY),
        Column(gettext_lazy("Discount"), Kind.MONEY),
        Column(gettext_lazy("Tax"), Kind.MONEY),
    ]
    if not by_line:
        columns += [Column(gettext_lazy("Received"), Kind.MONEY), Column(gettext_lazy("Balance"), Kind.MONEY)]

    def cells(row: StatisticsRow) -> list[Cell]:
        values: list[Cell] = [row.label, row.order_count]
        if by_line:
            values.append(row.quantity)
        values += [row.amount, row.discount_amount, row.tax_amount]
        if not by_line:
            values += [row.received_amount, row.balance]
        return values

    title = str(STATISTICS_TITLES[result.group_by])
    return Table(
        name=f"order-statistics-{result.group_by}-{result.period.start:%Y%m%d}-{result.period.end:%Y%m%d}",
        title=title,
        columns=columns,
        rows=[cells(row) for row in result.rows],
        totals=cells(result.totals),
        meta=_meta(title, result.period, result.currency, result.truncated),
        truncated=result.truncated,
    )


SALES_TITLES: dict[SalesPeriod, Promise] = {
    SalesPeriod.DAY: gettext_lazy("Daily sales report"),
    SalesPeriod.MONTH: gettext_lazy("Monthly sales report"),
    SalesPeriod.YEAR: gettext_lazy("Yearly sales report"),
}


def sales_table(result: SalesReport) -> Table:
    columns = [
        Column(GROUP_HEADERS[result.period]),
        Column(gettext_lazy("Orders"), Kind.INT),
        Column(gettext_lazy("Sales amount"), Kind.MONEY),
        Column(gettext_lazy("Previous orders"), Kind.INT),
        Column(gettext_lazy("Previous sales amount"), Kind.MONEY),
        Column(gettext_lazy("Orders change %"), Kind.PERCENT),
        Column(gettext_lazy("Amount change %"), Kind.PERCENT),
    ]
    rows: list[list[Cell]] = [
        [
            row.label,
            row.current.order_count,
            row.current.amount,
            None if row.previous is None else row.previous.order_count,
            None if row.previous is None else row.previous.amount,
            row.order_count_change_percent,
            row.amount_change_percent,
        ]
        for row in result.rows
    ]
    totals: list[Cell] = [
        _("Total"),
        result.totals.order_count,
        result.totals.amount,
        result.previous_totals.order_count,
        result.previous_totals.amount,
        result.order_count_change_percent,
        result.amount_change_percent,
    ]
    title = str(SALES_TITLES[result.period])
    meta = _meta(title, result.range, result.currency, False)
    meta.insert(2, (_("Previous period"), str(result.previous_range)))
    return Table(
        name=f"sales-{result.period}-{result.range.start:%Y%m%d}-{result.range.end:%Y%m%d}",
        title=title,
        columns=columns,
        rows=rows,
        totals=totals,
        meta=meta,
    )


def profit_table(result: ProfitReport) -> Table:
    by_order = result.group_by is ProfitGroup.ORDER
    by_product = result.group_by is ProfitGroup.PRODUCT
    columns = [Column(GROUP_HEADERS[result.group_by])]
    if by_order:
        columns += [
            Column(gettext_lazy("Order date"), Kind.DATE),
            Column(gettext_lazy("Customer")),
            Column(gettext_lazy("Sales rep")),
        ]
    else:
        columns.append(Column(gettext_lazy("Orders"), Kind.INT))
    columns += [
        Column(gettext_lazy("Revenue"), Kind.MONEY),
        Column(gettext_lazy("Cost of goods"), Kind.MONEY),
    ]
    if not by_product:
        columns.append(Column(gettext_lazy("Expenses"), Kind.MONEY))
    columns += [
        Column(gettext_lazy("Gross profit") if by_product else gettext_lazy("Profit"), Kind.MONEY),
        Column(gettext_lazy("Margin %"), Kind.PERCENT),
    ]

    def cells(row: ProfitRow, *, total: bool = False) -> list[Cell]:
        values: list[Cell] = [row.label]
        if by_order:
            values += [None, None, None] if total else [row.order_date, row.customer, row.rep]
        else:
            values.append(row.order_count)
        values += [row.revenue, row.cost]
        if not by_product:
            values.append(row.expenses)
        return [*values, row.profit, row.margin_percent]

    title = str(PROFIT_TITLES[result.group_by])
    return Table(
        name=f"profit-{result.group_by}-{result.period.start:%Y%m%d}-{result.period.end:%Y%m%d}",
        title=title,
        columns=columns,
        rows=[cells(row) for row in result.rows],
        totals=cells(result.totals, total=True),
        meta=_meta(title, result.period, result.currency, result.truncated),
        truncated=result.truncated,
    )


def arrears_table(result: CustomerArrears) -> Table:
    columns = [
        Column(gettext_lazy("Customer code")),
        Column(gettext_lazy("Customer")),
        Column(gettext_lazy("Owner rep")),
        Column(gettext_lazy("Unpaid orders"), Kind.INT),
        Column(gettext_lazy("Open order amount"), Kind.MONEY),
        Column(gettext_lazy("Returned"), Kind.MONEY),
        Column(gettext_lazy("Received"), Kind.MONEY),
        Column(gettext_lazy("Balance owed"), Kind.MONEY),
        Column(gettext_lazy("Oldest unpaid order"), Kind.DATE),
        Column(gettext_lazy("Days outstanding"), Kind.INT),
    ]
    rows: list[list[Cell]] = [
        [
            row.code,
            row.name,
            row.owner,
            row.unpaid_order_count,
            row.amount,
            row.returned,
            row.received,
            row.balance,
            row.oldest_unpaid_date,
            row.days_outstanding,
        ]
        for row in result.rows
    ]
    t = result.totals
    totals: list[Cell] = [
        _("Total"),
        _("%(n)d customers") % {"n": t.customer_count},
        None,
        t.unpaid_order_count,
        t.amount,
        t.returned,
        t.received,
        t.balance,
        None,
        None,
    ]
    title = _("Customer arrears")
    meta = _meta(title, None, result.currency, result.truncated)
    meta.insert(1, (_("As of"), result.as_of.isoformat()))
    return Table(
        name=f"arrears-{result.as_of:%Y%m%d}",
        title=title,
        columns=columns,
        rows=rows,
        totals=totals,
        meta=meta,
        truncated=result.truncated,
    )


def returns_table(result: ReturnsReport) -> Table:
    columns = [
        Column(GROUP_HEADERS[result.group_by]),
        Column(gettext_lazy("Returns"), Kind.INT),
        Column(gettext_lazy("Quantity"), Kind.QUANTITY),
        Column(gettext_lazy("Amount"), Kind.MONEY),
    ]
    if result.shows_cost:
        columns.append(Column(gettext_lazy("Cost"), Kind.MONEY))

    def cells(row: ReturnsRow) -> list[Cell]:
        values: list[Cell] = [row.label, row.return_count, row.quantity, row.amount]
        return [*values, row.cost] if result.shows_cost else values

    title = str(RETURNS_TITLES[result.group_by])
    return Table(
        name=f"returns-{result.group_by}-{result.period.start:%Y%m%d}-{result.period.end:%Y%m%d}",
        title=title,
        columns=columns,
        rows=[cells(row) for row in result.rows],
        totals=cells(result.totals),
        meta=_meta(title, result.period, result.currency, result.truncated),
        truncated=result.truncated,
    )


def orders_table(result: OrderList) -> Table:
    columns = [
        Column(gettext_lazy("Order number")),
        Column(gettext_lazy("Order date"), Kind.DATE),
        Column(gettext_lazy("Customer")),
        Column(gettext_lazy("Sales rep")),
        Column(gettext_lazy("Status")),
        Column(gettext_lazy("Warehouse")),
    ]
    money = [
        gettext_lazy("Amount"),
        gettext_lazy("Discount"),
        gettext_lazy("Tax"),
        gettext_lazy("Expenses"),
        gettext_lazy("Received"),
        gettext_lazy("Returned"),
        gettext_lazy("Balance"),
    ]
    if result.shows_money:
        columns += [Column(header, Kind.MONEY) for header in money]
    rows: list[list[Cell]] = []
    for order in result.orders:
        row: list[Cell] = [
            order.number,
            order.order_date,
            order.customer.name or order.customer.code,
            order.rep.full_name,
            status_label(order.status),
            order.warehouse.name,
        ]
        if result.shows_money:
            row += [
                order.total_amount,
                order.discount_amount,
                order.tax_amount,
                order.expense_amount,
                order.received_amount,
                order.returned_amount,
                order.outstanding,
            ]
        rows.append(row)
    title = _("Sales orders")
    return Table(
        name=f"orders-{result.period.start:%Y%m%d}-{result.period.end:%Y%m%d}",
        title=title,
        columns=columns,
        rows=rows,
        meta=_meta(title, result.period, result.currency, result.truncated),
        truncated=result.truncated,
    )
