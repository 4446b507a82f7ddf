"""Reads of sales orders for users: lists with filters, one order with its history, queue
counts, a customer's recent lines for quick re-entry and its prices (tier or list) for order entry. Everything starts from
`visible_orders(actor)`; whether prices show is `may_see_order_money(actor)`, applied by the API.

List selectors fetch what their GraphQL lists show in a fixed number of queries, so a page of
100 orders with lines, customers and products costs the same few queries as a page of 10.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor
from saas.catalog.models import PackUnit
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.list_filters import in_range
from saas.core.models import DocumentEvent
from saas.core.sorting import sorted_by
from saas.customers.models import Customer
from saas.customers.visibility import visible_customers
from saas.sales.customer_prices import CustomerPrice, customer_prices
from saas.sales.models import (
    OrderExpense,
    OrderRevision,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
)
from saas.sales.selectors.visibility import may_see_order_money, visible_orders

ORDER_DOC_TYPE = "sales_order"
MAX_RECENT_ORDERS = 10
MAX_RECENT_LINES = 50
MAX_LISTED_IDS = 500
# The columns the order list may be sorted on (the desktop table's headers), by their API name.
ORDER_SORTS = {
    "number": "number",
    "order_date": "order_date",
    "customer": "customer__name",
    "rep": "rep__full_name",
    "warehouse": "warehouse__name",
    "status": "status",
    "total_amount": "total_amount",
    "created_at": "created_at",
}
MONEY_SORTS = frozenset({"total_amount"})


def _id_filter(value: Any, field: str) -> int:
    pk = parse_id(value)
    if pk is None:
        raise InvalidInput(_("Enter a valid id."), code="id_invalid", field=field)
    return pk


def line_prefetch(prefix: str = "") -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        f"{prefix}lines",
        queryset=SalesOrderLine.objects.select_related("sku__product", "warehouse").order_by("line_no"),
    )


def order_list(
    *,
    actor: Actor,
    statuses: Sequence[str] | None = None,
    customer_id: Any = None,
    rep_id: Any = None,
    date_from: date | None = None,
    date_to: date | None = None,
    search: str = "",
    sku_id: Any = None,
    warehouse_id: Any = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    ids: Sequence[Any] | None = None,
    sort: str | None = None,
    descending: bool = False,
    with_lines: bool = True,
) -> QuerySet[SalesOrder]:
    """Newest first unless `sort` names a column of ORDER_SORTS. Dates are order dates, which are
    already days in the workspace's time zone. Amounts (filter or sort) are for those who see the
    orders' money: anyone else could learn them by bisecting."""
    if (amount_min is not None or amount_max is not None or sort in MONEY_SORTS) and not may_see_order_money(
        actor
    ):
        raise Forbidden(_("You may not see the amounts of orders."), field="amount_min")
    queryset = visible_orders(actor).select_related("customer", "rep", "warehouse")
    if with_lines:
        queryset = queryset.prefetch_related(line_prefetch())
    if statuses:
        unknown = [s for s in statuses if s not in OrderStatus.values]
        if unknown:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="statuses")
        queryset = queryset.filter(status__in=list(statuses))
    if customer_id not in (None, ""):
        queryset = queryset.filter(customer_id=_id_filter(customer_id, "customer_id"))
    if rep_id not in (None, ""):
        queryset = queryset.filter(rep_id=_id_filter(rep_id, "rep_id"))
    if date_from is not None:
        queryset = queryset.filter(order_date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(order_date__lte=date_to)
    search = (search or "").strip()[:100]
    if search:
        # Customers first (a small table), then orders by customer id: no join of every order.
        customers = Customer.objects.filter(Q(name__icontains=search) | Q(code__iexact=search)).values("pk")
        queryset = queryset.filter(Q(number__icontains=search) | Q(customer_id__in=customers))
    if sku_id not in (None, ""):
        sku = _id_filter(sku_id, "sku_id")
        queryset = queryset.filter(pk__in=SalesOrderLine.objects.filter(sku_id=sku).values("order_id"))
    if warehouse_id not in (None, ""):
        queryset = queryset.filter(warehouse_id=_id_filter(warehouse_id, "warehouse_id"))
    queryset = in_range(queryset, "total_amount", amount_min, amount_max)
    if ids is not None:
        if len(ids) > MAX_LISTED_IDS:
            raise InvalidInput(
                _("At most %(n)d orders at a time.") % {"n": MAX_LISTED_IDS},
                code="too_many_lines",
                field="ids",
            )
        queryset = queryset.filter(pk__in=[_id_filter(value, "ids") for value in ids])
    if sort is None:
        return queryset.order_by("-id")
    return sorted_by(queryset, columns=ORDER_SORTS, key=sort, descending=descending)


def order_get(*, actor: Actor, order_id: Any) -> SalesOrder:
    """One order with lines, expenses, revisions and its status history (`.events`)."""
    pk = parse_id(order_id)
    order = (
        order_list(actor=actor)
        .prefetch_related(
            Prefetch("expenses", queryset=OrderExpense.objects.select_related("created_by")),
            Prefetch("revisions", queryset=OrderRevision.objects.select_related("actor")),
        )
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if order is None:
        raise NotFound(_("Sales order not found."), field="id")
    attach_events([order])
    return order


def attach_events(orders: Iterable[SalesOrder]) -> None:
    """Give each order its status history as `.events`, in one query for all of them."""
    orders = list(orders)
    by_order: dict[int, list[DocumentEvent]] = defaultdict(list)
    for event in (
        DocumentEvent.objects.filter(doc_type=ORDER_DOC_TYPE, doc_id__in=[o.pk for o in orders])
        .select_related("actor")
        .order_by("id")
    ):
        by_order[event.doc_id].append(event)
    for order in orders:
        order.events = by_order[order.pk]  # type: ignore[attr-defined]


def events_for(order: SalesOrder) -> list[DocumentEvent]:
    events = getattr(order, "events", None)
    if events is None:
        attach_events([order])
        events = order.events  # type: ignore[attr-defined]
    return list(events)


def queue_counts(*, actor: Actor) -> dict[str, int]:
    """How many visible orders are in each status; one query."""
    counts = dict.fromkeys(OrderStatus.values, 0)
    for row in visible_orders(actor).order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def queue_count(actor: Actor, status: str) -> int:
    return visible_orders(actor).filter(status=status).count()


@dataclass(frozen=True)
class RecentLine:
    """A line the customer bought lately, to put on a new order with one tap."""

    line: SalesOrderLine
    order: SalesOrder
    pack_unit_id: int | None


def customer_recent_lines(*, actor: Actor, customer_id: Any, orders: int = 5) -> list[RecentLine]:
    """The lines of the customer's latest orders (not cancelled), newest first, one per SKU and
    unit. The customer must be one the actor sees."""
    pk = parse_id(customer_id)
    if pk is None or not visible_customers(actor).filter(pk=pk).exists():
        raise NotFound(_("Customer not found."), field="customer_id")
    recent = list(
        visible_orders(actor)
        .filter(customer_id=pk)
        .exclude(status=OrderStatus.CANCELLED)
        .select_related("customer")
        .prefetch_related(line_prefetch())
        .order_by("-id")[: max(1, min(orders, MAX_RECENT_ORDERS))]
    )
    product_ids = {line.sku.product_id for order in recent for line in order.lines.all()}
    packs = {
        (pack.product_id, pack.name): pack.pk for pack in PackUnit.objects.filter(product_id__in=product_ids)
    }
    seen: set[tuple[int, str]] = set()
    result: list[RecentLine] = []
    for order in recent:
        for line in order.lines.all():
            key = (line.sku_id, line.unit_name)
            if key in seen:
                continue
            seen.add(key)
            pack_id = (
                None if Decimal(line.unit_factor) == 1 else packs.get((line.sku.product_id, line.unit_name))
            )
            result.append(RecentLine(line=line, order=order, pack_unit_id=pack_id))
    return result[:MAX_RECENT_LINES]


MAX_PRICED_SKUS = 100


def order_line_prices(*, actor: Actor, customer_id: Any, sku_ids: Sequence[Any]) -> list[CustomerPrice]:
    """The customer's price of each SKU (its tier price, else the list price) for order entry, in
    the order asked; unknown ids are left out. The caller writes orders (orders.edit) and sees the
    customer; whether the amounts show is the API's order-money rule."""
    require_scopes(actor, scopes.ORDERS_EDIT)
    pk = parse_id(customer_id)
    if pk is None or not visible_customers(actor).filter(pk=pk).exists():
        raise NotFound(_("Customer not found."), field="customer_id")
    if len(sku_ids) > MAX_PRICED_SKUS:
        raise InvalidInput(
            _("At most %(count)s products at a time.") % {"count": MAX_PRICED_SKUS},
            code="too_many_skus",
            field="sku_ids",
        )
    wanted = [sku for sku in (parse_id(one) for one in sku_ids) if sku is not None]
    prices = customer_prices(pk, wanted)
    return [prices[sku] for sku in dict.fromkeys(wanted) if sku in prices]
