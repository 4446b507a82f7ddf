"""The daily rollup behind rankings: one row per rep and day (FieldDailyStats), kept by jobs.

What a day counts, in the workspace's time zone:
- sales amount: the totals of the rep's orders approved that day that still count as sold
  (an order cancelled later drops out when its day is rolled up again);
- collections (回款): receipts received that day from the rep's customers (the customer's owner
  now), payments less refunds, void receipts left out;
- new customers: customers the rep owns that were created that day;
- visits: the rep's check-ins that day (when they happened: an offline check-in counts on the
  day it was captured, as the rep's day shows it).

`rollup_day(day)` recomputes a whole day for every rep in four grouped queries and replaces the
day's rows, so running it twice changes nothing. The `field_rollup` consumer of the event
fan-out rolls up the days an event touches (an approval, a cancellation, a receipt, a new
customer, a check-in), so rankings move seconds after the fact; a nightly job rolls up
yesterday and today in every workspace to catch what no event reports (a customer changing
hands).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from saas.core.clock import day_bounds, tenant_date, tenant_today
from saas.core.locks import workspace_lock
from saas.core.models import LoggedEvent
from saas.customers.models import Customer
from saas.fieldsales.models import FieldDailyStats, Visit
from saas.finance.models import Receipt, ReceiptKind
from saas.sales.models import SalesOrder
from saas.sales.models.orders import SOLD_STATUSES

ZERO = Decimal("0")
ROLLUP_EVENTS = frozenset(
    {
        "sales_order.approved",
        "sales_order.cancelled",
        "receipt.recorded",
        "customer.created",
        "visit.checked_in",
    }
)


@dataclass(frozen=True)
class Sold:
    """A rep's sales of a day: how many orders and their total."""

    orders: int
    amount: Decimal


def sales_by_rep(day: date, rep_ids: Collection[int] | None = None) -> dict[int, Sold]:
    """Each rep's sales of `day` (of `rep_ids` only, when given): their orders approved that day
    that still count as sold. The rankings and the team's day (team_day.py) both count this."""
    start, end = day_bounds(day)
    orders = SalesOrder.objects.filter(approved_at__gte=start, approved_at__lt=end, status__in=SOLD_STATUSES)
    if rep_ids is not None:
        orders = orders.filter(rep_id__in=rep_ids)
    return {
        rep_id: Sold(count, total or ZERO)
        for rep_id, count, total in orders.values("rep_id")
        .annotate(n=Count("id"), total=Sum("total_amount"))
        .values_list("rep_id", "n", "total")
    }


def collections_by_rep(day: date, rep_ids: Collection[int] | None = None) -> dict[int, Decimal]:
    """Each rep's collections (回款) of `day` (of `rep_ids` only, when given): receipts received
    that day from the customers they own, payments less refunds, void receipts left out."""
    receipts = Receipt.objects.filter(received_on=day, is_void=False, customer__owner__isnull=False)
    if rep_ids is not None:
        receipts = receipts.filter(customer__owner_id__in=rep_ids)
    return {
        owner: (paid or ZERO) - (refunded or ZERO)
        for owner, paid, refunded in receipts.values("customer__owner_id")
        .annotate(
            paid=Sum("amount", filter=Q(kind=ReceiptKind.PAYMENT)),
            refunded=Sum("amount", filter=Q(kind=ReceiptKind.REFUND)),
        )
        .values_list("customer__owner_id", "paid", "refunded")
    }


def rollup_day(day: date) -> int:
    """Recompute every rep's numbers of `day`; returns how many reps had any. One job at a time
    per day: two at once would each delete the day's rows and insert their own (the second
    failing on the unique day and rep), so each waits for the day's lock, then reads and
    replaces what the one before it committed."""
    with transaction.atomic():
        workspace_lock(f"fieldsales.rollup:{day.isoformat()}")
        return _rollup_day(day)


def _rollup_day(day: date) -> int:
    start, end = day_bounds(day)
    sales = {rep_id: sold.amount for rep_id, sold in sales_by_rep(day).items()}
    collections = collections_by_rep(day)
    won: dict[int, int] = dict(
        Customer.objects.filter(created_at__gte=start, created_at__lt=end, owner__isnull=False)
        .values("owner_id")
        .annotate(n=Count("id"))
        .values_list("owner_id", "n")
    )
    seen: dict[int, int] = dict(
        Visit.objects.annotate(happened=Coalesce("captured_at", "checked_in_at"))
        .filter(happened__gte=start, happened__lt=end)
        .values("rep_id")
        .annotate(n=Count("id"))
        .values_list("rep_id", "n")
    )
    reps = set(sales) | set(collections) | set(won) | set(seen)
    FieldDailyStats.objects.filter(day=day).delete()
    FieldDailyStats.objects.bulk_create(
        FieldDailyStats(
            day=day,
            rep_id=rep_id,
            sales_amount=sales.get(rep_id, ZERO),
            collections=collections.get(rep_id, ZERO),
            new_customers=won.get(rep_id, 0),
            visits=seen.get(rep_id, 0),
        )
        for rep_id in reps
    )
    return len(reps)


def days_of(record: LoggedEvent) -> set[date]:
    """The days an event changes the numbers of."""
    days = {tenant_date(record.occurred_at)}
    payload = record.payload
    if record.name == "sales_order.cancelled":
        approved = (
            SalesOrder.objects.filter(pk=record.object_id or 0).values_list("approved_at", flat=True).first()
        )
        if approved is not None:
            days.add(tenant_date(approved))
    if record.name == "visit.checked_in" and isinstance(payload.get("capturedAt"), str):
        days.add(tenant_date(datetime.fromisoformat(payload["capturedAt"])))
    if record.name == "receipt.recorded" and isinstance(payload.get("receivedOn"), str):
        days.add(date.fromisoformat(payload["receivedOn"]))
    return days


def on_event(record: LoggedEvent) -> None:
    """The `field_rollup` consumer: roll up the days the event touches."""
    for day in sorted(days_of(record)):
        rollup_day(day)


def rollup_recent() -> None:
    """Yesterday and today, for the nightly job."""
    today = tenant_today()
    rollup_day(today - timedelta(days=1))
    rollup_day(today)
