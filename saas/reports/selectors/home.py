"""The home screen's figures (首页): how today and this month are going, for whoever asks.

Definitions, all in the workspace's time zone and all through the order-money rule
(saas.sales.selectors.visibility), so a rep counts only their own orders and customers and the
warehouse, which may not see money, is refused (the API answers those fields null):

- sales: orders that count as sold (SOLD_STATUSES) by their order day, as the sales reports
  (销售日报) count them, so the home and the reports agree;
- collections (回款): receipts received that day, payments less refunds, void ones left out;
- receivables due: what sold orders still owe whose due day (first shipment, else approval,
  plus the customer's payment terms: finance.selectors.receivables) is today or past.

Comparisons: today against yesterday, and this month so far against the same days of last
month (1 to today's day, capped at last month's length), so the 5th is never compared with a
whole month. The series are the last 30 days, one row per day with zeros; the 7-day chart is
its last 7 rows. Each block is one SQL query, whatever the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, DateField, F, Func, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate

from saas.accounts.actors import Actor
from saas.core.clock import tenant_today, tenant_zone
from saas.finance.models import Receipt, ReceiptKind
from saas.finance.selectors.access import customer_money_filter
from saas.finance.selectors.balances import MONEY, ZERO, order_balance
from saas.inventory.models import StockLevel
from saas.inventory.selectors import LOW_STOCK
from saas.reports.periods import add_months, month_start
from saas.sales.models import SOLD_STATUSES, SalesOrder
from saas.sales.selectors.visibility import money_viewer, order_money_filter

SERIES_DAYS = 30
LOW_STOCK_SHOWN = 5


@dataclass(frozen=True)
class Periods:
    """One figure today, yesterday, this month so far and the same days of last month."""

    today: Decimal
    yesterday: Decimal
    month: Decimal
    last_month: Decimal


@dataclass(frozen=True)
class DayFigures:
    day: date
    amount: Decimal
    orders: int


@dataclass(frozen=True)
class HomeSales:
    amount: Periods
    orders: Periods  # counts, as whole Decimals so one type serves both
    days: list[DayFigures]  # the last SERIES_DAYS days, oldest first, today last


@dataclass(frozen=True)
class ReceivablesDue:
    amount: Decimal  # due today or earlier
    orders: int
    overdue_amount: Decimal  # past the due day
    overdue_orders: int


@dataclass(frozen=True)
class LowStockRow:
    sku_code: str
    name: str
    warehouse: str
    available: Decimal
    reorder_point: Decimal | None


@dataclass(frozen=True)
class LowStock:
    count: int
    rows: list[LowStockRow]  # the LOW_STOCK_SHOWN furthest below their line


@dataclass(frozen=True)
class Window:
    """The days the figures cover, derived from today."""

    today: date

    @property
    def yesterday(self) -> date:
        return self.today - timedelta(days=1)

    @property
    def month_first(self) -> date:
        return month_start(self.today)

    @property
    def last_month_first(self) -> date:
        return add_months(self.month_first, -1)

    @property
    def last_month_same_day(self) -> date:
        """Today's day of the month in last month (the 31st → last month's last day)."""
        return add_months(self.today, -1)

    @property
    def series_first(self) -> date:
        return self.today - timedelta(days=SERIES_DAYS - 1)

    @property
    def first(self) -> date:
        return min(self.last_month_first, self.series_first, self.yesterday)

    def periods(self, by_day: dict[date, Decimal]) -> Periods:
        def between(first: date, last: date) -> Decimal:
            return sum((value for day, value in by_day.items() if first <= day <= last), Decimal(0))

        return Periods(
            today=by_day.get(self.today, Decimal(0)),
            yesterday=by_day.get(self.yesterday, Decimal(0)),
            month=between(self.month_first, self.today),
            last_month=between(self.last_month_first, self.last_month_same_day),
        )

    def series_days(self) -> list[date]:
        return [self.series_first + timedelta(days=n) for n in range(SERIES_DAYS)]


def home_window(on: date | None = None) -> Window:
    return Window(today=on or tenant_today())


def home_sales(*, actor: Actor, on: date | None = None) -> HomeSales:
    """Sales amount and order count per day over the window, in one query."""
    user = money_viewer(actor)
    window = home_window(on)
    rows = (
        SalesOrder.objects.filter(
            order_money_filter(user),
            status__in=SOLD_STATUSES,
            order_date__gte=window.first,
            order_date__lte=window.today,
        )
        .values("order_date")
        .annotate(n=Count("id"), amount=Coalesce(Sum("total_amount"), Value(ZERO), output_field=MONEY))
        .order_by()
        .values_list("order_date", "n", "amount")
    )
    amounts: dict[date, Decimal] = {}
    counts: dict[date, Decimal] = {}
    for day, n, amount in rows:
        amounts[day], counts[day] = amount, Decimal(n)
    return HomeSales(
        amount=window.periods(amounts),
        orders=window.periods(counts),
        days=[
            DayFigures(day, amounts.get(day, ZERO), int(counts.get(day, 0))) for day in window.series_days()
        ],
    )


def home_collections(*, actor: Actor, on: date | None = None) -> Periods:
    """Collections (回款) per day of the customers whose money the caller sees, in one query."""
    user = money_viewer(actor)
    window = home_window(on)
    rows = (
        Receipt.objects.filter(
            customer_money_filter(user, prefix="customer__"),
            is_void=False,
            received_on__gte=window.first,
            received_on__lte=window.today,
        )
        .values("received_on")
        .annotate(
            paid=Coalesce(Sum("amount", filter=Q(kind=ReceiptKind.PAYMENT)), Value(ZERO), output_field=MONEY),
            refunded=Coalesce(
                Sum("amount", filter=Q(kind=ReceiptKind.REFUND)), Value(ZERO), output_field=MONEY
            ),
        )
        .order_by()
        .values_list("received_on", "paid", "refunded")
    )
    return window.periods({day: paid - refunded for day, paid, refunded in rows})


class _PlusDays(Func):
    """date + integer days (PostgreSQL date arithmetic)."""

    arg_joiner = " + "
    template = "(%(expressions)s)"
    output_field = DateField()


def home_receivables_due(*, actor: Actor, on: date | None = None) -> ReceivablesDue:
    """What sold orders still owe on or after their due day, in one query. The due day is the
    receivables screen's (receivable_since + payment terms), computed in SQL here."""
    user = money_viewer(actor)
    today = on or tenant_today()
    zone = tenant_zone()
    since = Coalesce(
        TruncDate("shipped_at", tzinfo=zone), TruncDate("approved_at", tzinfo=zone), F("order_date")
    )
    terms = Coalesce(F("customer__payment_terms_days"), Value(0), output_field=IntegerField())
    totals = (
        SalesOrder.objects.filter(order_money_filter(user), status__in=SOLD_STATUSES)
        .annotate(balance=order_balance(), due=_PlusDays(since, terms))
        .filter(balance__gt=0, due__lte=today)
        .aggregate(
            orders=Count("id"),
            amount=Coalesce(Sum("balance"), Value(ZERO), output_field=MONEY),
            overdue_orders=Count("id", filter=Q(due__lt=today)),
            overdue_amount=Coalesce(Sum("balance", filter=Q(due__lt=today)), Value(ZERO), output_field=MONEY),
        )
    )
    return ReceivablesDue(
        amount=totals["amount"],
        orders=totals["orders"],
        overdue_amount=totals["overdue_amount"],
        overdue_orders=totals["overdue_orders"],
    )


def home_low_stock() -> LowStock:
    """Stock levels at or below their line (the to-do's count) and the few furthest below it.
    Internal stock numbers: the API shows them only to callers who see them."""
    levels = StockLevel.objects.filter(LOW_STOCK)
    rows = [
        LowStockRow(
            sku_code=level.sku.code,
            name=level.sku.product.name,
            warehouse=level.warehouse.name,
            available=level.available,
            reorder_point=level.reorder_point if level.reorder_point is not None else level.min_qty,
        )
        for level in levels.select_related("sku__product", "warehouse").order_by("available", "id")[
            :LOW_STOCK_SHOWN
        ]
    ]
    count = len(rows) if len(rows) < LOW_STOCK_SHOWN else levels.count()
    return LowStock(count=count, rows=rows)
