"""Reads of channel stock: a distributor's own reports (the portal), and the network's stock,
sell-through and days of cover per distributor and SKU (the workspace's staff).

Who sees what: a distributor's people see their own distributor's reports and nothing of any
other, not even of their own downline: the portal shows one distributor's business (its orders,
wallet and prices are its own too), and a downline's stock is the downline's commercial
information, which the brand may share with an upline but has not said it does. Staff with
distribution.view (a key with distribution:read) see the whole network.

The numbers, per distributor and SKU, from the reports that count (the latest of each day):
- stock: the SKU's line in the distributor's latest report that has it (`as_of` is its date);
- sold: the units sold reported in the last 30 days (today and the 29 days before), each report
  saying what sold since the previous one;
- days of cover: stock ÷ (sold ÷ 30), the days the stock lasts at that pace; null when nothing
  sold in the window (no pace to divide by).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, DecimalField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU
from saas.core.clock import tenant_today
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.core.paging import check_page
from saas.distribution.access import distributor_not_found, portal_membership, require_network_viewer
from saas.distribution.models import ChannelStockLine, ChannelStockReport, Distributor

WINDOW_DAYS = 30
QUANTITY = DecimalField(max_digits=20, decimal_places=3)
ZERO = Decimal(0)


def my_channel_stock_reports(*, actor: Actor) -> QuerySet[ChannelStockReport]:
    """The caller's distributor's reports, newest date first (replaced ones too: the history),
    with their lines and SKUs."""
    _user, distributor = portal_membership(actor)
    lines = ChannelStockLine.objects.select_related("sku__product").order_by("row_no", "id")
    return (
        ChannelStockReport.objects.filter(distributor=distributor)
        .select_related("reported_by")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .order_by("-report_date", "-id")
    )


@dataclass(frozen=True)
class StockRow:
    distributor: Distributor  # with its customer and level
    sku: SKU  # with its product
    on_hand: Decimal
    as_of: date  # the date of the report the stock is from
    sold: Decimal  # in the window
    average_daily_sold: Decimal
    days_of_cover: Decimal | None  # None: nothing sold in the window


@dataclass(frozen=True)
class StockPage:
    total_count: int
    rows: list[StockRow]
    window_from: date
    window_to: date
    total_on_hand: Decimal  # over every row of the filter, not only this page
    total_sold: Decimal
    total_days_of_cover: Decimal | None


def _pace(on_hand: Decimal, sold: Decimal) -> tuple[Decimal, Decimal | None]:
    average = (sold / WINDOW_DAYS).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if sold <= 0:
        return average, None
    cover = (on_hand * WINDOW_DAYS / sold).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return average, cover


def _scope(distributor_id: Any, subtree: bool) -> Q:
    if distributor_id in (None, ""):
        return Q()
    pk = parse_id(distributor_id)
    path = (
        Distributor.objects.filter(pk=pk).values_list("path", flat=True).first() if pk is not None else None
    )
    if path is None:
        raise distributor_not_found("distributor_id")
    if subtree:
        return Q(report__distributor__path__startswith=path)
    return Q(report__distributor_id=pk)


def channel_stock(
    *,
    actor: Actor,
    distributor_id: Any = None,
    sku_id: Any = None,
    subtree: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> StockPage:
    """The network's channel stock per distributor and SKU, in tree order then SKU code;
    `distributor_id` narrows to one distributor (with its downline when `subtree`), `sku_id`
    to one SKU. A fixed number of queries per page."""
    require_network_viewer(actor)
    check_page(limit, offset)
    today = tenant_today()
    start = today - timedelta(days=WINDOW_DAYS - 1)
    lines = ChannelStockLine.objects.filter(report__current=True).filter(_scope(distributor_id, subtree))
    if sku_id not in (None, ""):
        pk = parse_id(sku_id)
        if pk is None:
            raise InvalidInput(_("Enter a valid id."), code="id_invalid", field="sku_id")
        lines = lines.filter(sku_id=pk)
    latest = (
        ChannelStockLine.objects.filter(
            report__current=True,
            report__distributor_id=OuterRef("report__distributor_id"),
            sku_id=OuterRef("sku_id"),
        )
        .order_by("-report__report_date", "-report_id")
        .values("on_hand")[:1]
    )
    grouped = (
        lines.values("report__distributor_id", "sku_id")
        .annotate(
            as_of=Max("report__report_date"),
            sold_in_window=Coalesce(
                Sum("sold", filter=Q(report__report_date__gte=start, report__report_date__lte=today)),
                ZERO,
                output_field=QUANTITY,
            ),
            stock=Subquery(latest, output_field=QUANTITY),
        )
        .order_by("report__distributor__path", "sku__code")
    )
    totals = grouped.aggregate(
        count=Count("sku_id"),
        on_hand=Coalesce(Sum("stock"), ZERO, output_field=QUANTITY),
        sold=Coalesce(Sum("sold_in_window"), ZERO, output_field=QUANTITY),
    )
    page = list(grouped[offset : offset + limit])
    distributors = Distributor.objects.select_related("customer", "level").in_bulk(
        {row["report__distributor_id"] for row in page}
    )
    skus = SKU.objects.select_related("product").in_bulk({row["sku_id"] for row in page})
    rows = []
    for row in page:
        on_hand, sold = Decimal(row["stock"] or 0), Decimal(row["sold_in_window"])
        average, cover = _pace(on_hand, sold)
        rows.append(
            StockRow(
                distributor=distributors[row["report__distributor_id"]],
                sku=skus[row["sku_id"]],
                on_hand=on_hand,
                as_of=row["as_of"],
                sold=sold,
                average_daily_sold=average,
                days_of_cover=cover,
            )
        )
    total_on_hand, total_sold = Decimal(totals["on_hand"]), Decimal(totals["sold"])
    return StockPage(
        total_count=int(totals["count"]),
        rows=rows,
        window_from=start,
        window_to=today,
        total_on_hand=total_on_hand,
        total_sold=total_sold,
        total_days_of_cover=_pace(total_on_hand, total_sold)[1],
    )
