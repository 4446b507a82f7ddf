"""Reads of customer returns for users: who sees which return, lists, and return statistics.

- finance.view or orders.view_all: every return; orders.view_own (reps): returns of their orders.
- inventory.manage (the warehouse, who books returned goods in): every return, but the API shows
  it no amounts (they are order money, see may_see_order_money).
- anyone else: nothing (lists refuse with `forbidden`, look-ups find nothing).
Statistics are money, so they follow the order-money rule only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor, require_actor
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.core.list_filters import in_range
from saas.core.models import DocumentEvent
from saas.core.sorting import sorted_by
from saas.sales.models import ReturnReason, ReturnStatus, SalesReturn, SalesReturnLine
from saas.sales.selectors.visibility import may_see_order_money, order_money_filter, sees_all_money

RETURN_DOC = "sales_return"
# Returns that count in statistics: approved ones and the goods that came back.
COUNTED_STATUSES = (ReturnStatus.APPROVED, ReturnStatus.RECEIVED, ReturnStatus.SETTLED)
REASON_LABELS: dict[str, Any] = {
    ReturnReason.QUALITY: gettext_lazy("Quality problem"),
    ReturnReason.WRONG_ITEM: gettext_lazy("Wrong item sent"),
    ReturnReason.DAMAGED: gettext_lazy("Damaged in transit"),
    ReturnReason.NOT_NEEDED: gettext_lazy("No longer needed"),
    ReturnReason.OTHER: gettext_lazy("Other reason"),
}


def return_filter(actor: Actor) -> Q:
    """The visibility rule as a Q on SalesReturn; matches nothing for an actor who may see none."""
    user = require_actor(actor)
    if sees_all_money(user) or user.has_scope(scopes.INVENTORY_MANAGE):
        return Q()
    if user.has_scope(scopes.ORDERS_VIEW_OWN):
        return Q(order__rep_id=user.pk)
    return Q(pk__in=[])


def visible_returns(actor: Actor) -> QuerySet[SalesReturn]:
    return SalesReturn.objects.filter(return_filter(actor))


def _require_return_viewer(actor: Actor) -> None:
    require_scopes(
        actor, scopes.ORDERS_VIEW_ALL, scopes.FINANCE_VIEW, scopes.ORDERS_VIEW_OWN, scopes.INVENTORY_MANAGE
    )


# The columns the returns table sorts by (saas/core/sorting.py); the amount only for those who
# see order money (the warehouse could otherwise learn amounts by bisecting).
RETURN_SORTS = {
    "number": "number",
    "return_date": "return_date",
    "customer": "order__customer__name",
    "status": "status",
    "reason": "reason",
    "warehouse": "warehouse__name",
    "amount": "amount",
}


def sales_return_list(
    *,
    actor: Actor,
    status: str | None = None,
    order_id: Any = None,
    customer_id: Any = None,
    date_from: date | None = None,
    date_to: date | None = None,
    warehouse_id: Any = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> QuerySet[SalesReturn]:
    """Newest first unless `sort` names a column of RETURN_SORTS; days are return dates. The
    amount (range or sort) is for those who see order money, as in the order list."""
    _require_return_viewer(actor)
    money = sort == "amount" or amount_min is not None or amount_max is not None
    if money and not may_see_order_money(actor):
        field = "order_by" if sort == "amount" else "amount_min"
        raise Forbidden(_("You may not see the amounts of orders."), field=field)
    queryset = (
        visible_returns(actor)
        .select_related("order__customer", "warehouse", "created_by")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=SalesReturnLine.objects.select_related("order_line__sku__product").order_by("id"),
            )
        )
    )
    if status:
        if status not in ReturnStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        queryset = queryset.filter(status=status)
    if order_id is not None:
        queryset = queryset.filter(order_id=clean_id(order_id, "order_id", _("Order not found.")))
    if customer_id is not None:
        pk = clean_id(customer_id, "customer_id", _("Customer not found."))
        queryset = queryset.filter(order__customer_id=pk)
    queryset = in_range(queryset, "return_date", date_from, date_to)
    if warehouse_id not in (None, ""):
        pk = clean_id(warehouse_id, "warehouse_id", _("Warehouse not found."))
        queryset = queryset.filter(warehouse_id=pk)
    queryset = in_range(queryset, "amount", amount_min, amount_max)
    if sort is None:
        return queryset.order_by("-id")
    return sorted_by(queryset, columns=RETURN_SORTS, key=sort, descending=descending)


def sales_return_get(*, actor: Actor, return_id: Any) -> SalesReturn:
    pk = clean_id(return_id, "id", _("Return not found."))
    sales_return = sales_return_list(actor=actor).filter(pk=pk).first()
    if sales_return is None:
        raise NotFound(_("Return not found."), field="id")
    return sales_return


def attach_return_events(returns: Iterable[SalesReturn]) -> None:
    """Give each return its status history as `.events`, in one query for all of them."""
    returns = list(returns)
    by_return: dict[int, list[DocumentEvent]] = defaultdict(list)
    for event in (
        DocumentEvent.objects.filter(doc_type=RETURN_DOC, doc_id__in=[r.pk for r in returns])
        .select_related("actor")
        .order_by("id")
    ):
        by_return[event.doc_id].append(event)
    for sales_return in returns:
        sales_return.events = by_return[sales_return.pk]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ReturnStat:
    key: str  # the reason code, or the product's or customer's id
    code: str  # product or customer code; the reason code again for reasons
    name: str
    count: int  # returns
    quantity: Decimal  # base units
    amount: Decimal


@dataclass(frozen=True)
class ReturnStatistics:
    date_from: date
    date_to: date
    total: ReturnStat
    by_reason: list[ReturnStat]
    by_product: list[ReturnStat]
    by_customer: list[ReturnStat]


def _sums(rows: QuerySet[Any], *fields: str) -> list[dict[str, Any]]:
    quantity = DecimalField(max_digits=18, decimal_places=3)
    money = DecimalField(max_digits=18, decimal_places=2)
    return list(
        rows.values(*fields)
        .annotate(
            count=Count("sales_return", distinct=True),
            quantity=Sum("quantity", output_field=quantity),
            amount=Sum("amount", output_field=money),
        )
        .order_by("-amount", *fields)
    )


def return_statistics(*, actor: Actor, date_from: date, date_to: date) -> ReturnStatistics:
    """Approved, received and settled returns dated in [date_from, date_to] (the workspace's
    days): how many, how much and how many pieces, by reason, by product and by customer."""
    if date_from > date_to:
        raise InvalidInput(_("The start is after the end."), code="date_range_invalid", field="from")
    lines = SalesReturnLine.objects.filter(
        order_money_filter(actor, prefix="sales_return__order__"),
        sales_return__status__in=COUNTED_STATUSES,
        sales_return__return_date__gte=date_from,
        sales_return__return_date__lte=date_to,
    )
    product = "order_line__sku__product"
    customer = "sales_return__order__customer"
    by_reason = [
        ReturnStat(
            row["sales_return__reason"],
            row["sales_return__reason"],
            str(REASON_LABELS.get(row["sales_return__reason"], row["sales_return__reason"])),
            row["count"],
            row["quantity"],
            row["amount"],
        )
        for row in _sums(lines, "sales_return__reason")
    ]
    by_product = [
        ReturnStat(
            str(row[f"{product}_id"]),
            row[f"{product}__code"],
            row[f"{product}__name"],
            row["count"],
            row["quantity"],
            row["amount"],
        )
        for row in _sums(lines, f"{product}_id", f"{product}__code", f"{product}__name")
    ]
    by_customer = [
        ReturnStat(
            str(row[f"{customer}_id"]),
            row[f"{customer}__code"],
            row[f"{customer}__name"],
            row["count"],
            row["quantity"],
            row["amount"],
        )
        for row in _sums(lines, f"{customer}_id", f"{customer}__code", f"{customer}__name")
    ]
    totals = lines.aggregate(
        count=Count("sales_return", distinct=True), quantity=Sum("quantity"), amount=Sum("amount")
    )
    total = ReturnStat(
        "",
        "",
        str(_("All returns")),
        totals["count"],
        totals["quantity"] or Decimal("0.000"),
        totals["amount"] or Decimal("0.00"),
    )
    return ReturnStatistics(date_from, date_to, total, by_reason, by_product, by_customer)
