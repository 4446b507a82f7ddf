"""Returns report (退货统计): accepted customer returns of a period by reason, product or SKU.

Returns count once accepted (approved, received or settled), dated by `return_date`
(tenant-local), through the visibility of their orders. Figures come from the return lines:
number of returns, quantity in base units, amount (the order line's price for it) and, for
holders of cost.view only, the cost (quantity × unit cost). Two SQL queries: rows and totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db.models import Count, DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.tenancy import current_tenant
from saas.reports.access import may_see_costs, require_report_viewer
from saas.reports.filters import clean_choice
from saas.reports.labels import party_text, reason_label, sku_text
from saas.reports.periods import DateRange, clean_range
from saas.sales.models import ReturnStatus, SalesReturnLine
from saas.sales.selectors.visibility import order_filter

ZERO = Decimal(0)
MONEY = DecimalField(max_digits=18, decimal_places=2)
COST = DecimalField(max_digits=20, decimal_places=4)
QTY = DecimalField(max_digits=18, decimal_places=3)
COUNTED = (ReturnStatus.APPROVED, ReturnStatus.RECEIVED, ReturnStatus.SETTLED)


class ReturnsGroup(StrEnum):
    REASON = "reason"
    PRODUCT = "product"
    SKU = "sku"


@dataclass(frozen=True)
class ReturnsRow:
    key: str
    label: str
    return_count: int
    quantity: Decimal
    amount: Decimal
    cost: Decimal | None  # only for holders of cost.view


@dataclass(frozen=True)
class ReturnsReport:
    group_by: ReturnsGroup
    period: DateRange
    currency: str
    rows: list[ReturnsRow]
    totals: ReturnsRow
    truncated: bool
    shows_cost: bool


_COLUMNS: dict[ReturnsGroup, tuple[str, ...]] = {
    ReturnsGroup.REASON: ("sales_return__reason",),
    ReturnsGroup.PRODUCT: (
        "order_line__sku__product_id",
        "order_line__sku__product__code",
        "order_line__sku__product__name",
    ),
    ReturnsGroup.SKU: (
        "order_line__sku_id",
        "order_line__sku__code",
        "order_line__sku__product__name",
        "order_line__sku__spec_values",
    ),
}


def _figures() -> dict[str, Any]:
    return {
        "return_count": Count("sales_return_id", distinct=True),
        "sum_quantity": Coalesce(Sum("quantity", output_field=QTY), Value(ZERO), output_field=QTY),
        "sum_amount": Coalesce(Sum("amount", output_field=MONEY), Value(ZERO), output_field=MONEY),
        "sum_cost": Coalesce(
            Sum(F("quantity") * F("unit_cost"), output_field=COST), Value(ZERO), output_field=COST
        ),
    }


def _key_and_label(group: ReturnsGroup, row: dict[str, Any]) -> tuple[str, str]:
    if group is ReturnsGroup.REASON:
        return row["sales_return__reason"], reason_label(row["sales_return__reason"])
    if group is ReturnsGroup.PRODUCT:
        return str(row["order_line__sku__product_id"]), party_text(
            row["order_line__sku__product__code"], row["order_line__sku__product__name"]
        )
    label = sku_text(row["order_line__sku__product__name"], row["order_line__sku__spec_values"])
    return str(row["order_line__sku_id"]), f"{row['order_line__sku__code']} {label}"


def _row(key: str, label: str, figures: dict[str, Any], *, with_cost: bool) -> ReturnsRow:
    return ReturnsRow(
        key=key,
        label=label,
        return_count=figures["return_count"] or 0,
        quantity=figures["sum_quantity"],
        amount=figures["sum_amount"],
        cost=figures["sum_cost"].quantize(Decimal("0.01")) if with_cost else None,
    )


def returns_report(
    *,
    actor: Actor,
    group_by: ReturnsGroup | str,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 1000,
) -> ReturnsReport:
    user = require_report_viewer(actor)
    group = clean_choice(ReturnsGroup, group_by, "group_by", "group_invalid")
    period = clean_range(date_from, date_to)
    with_cost = may_see_costs(user)
    lines = SalesReturnLine.objects.filter(
        order_filter(user, prefix="sales_return__order__"),
        sales_return__status__in=COUNTED,
        sales_return__return_date__range=(period.start, period.end),
    )
    columns = _COLUMNS[group]
    grouped = lines.values(*columns).annotate(**_figures()).order_by("-sum_amount", columns[0])
    fetched = list(grouped[: limit + 1])
    totals = lines.aggregate(**_figures())
    return ReturnsReport(
        group_by=group,
        period=period,
        currency=current_tenant().currency,
        rows=[_row(*_key_and_label(group, row), row, with_cost=with_cost) for row in fetched[:limit]],
        totals=_row("", _("Total"), totals, with_cost=with_cost),
        truncated=len(fetched) > limit,
        shows_cost=with_cost,
    )
