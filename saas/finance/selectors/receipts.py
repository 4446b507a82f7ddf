"""Receipts and refunds (收款, 退款) for users: every one for those who see all money, for a rep
those allocated to their own orders or of their own customers (showing only their own orders'
allocations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.core.list_filters import in_range
from saas.core.sorting import sorted_by
from saas.finance.models import Receipt, ReceiptAllocation, ReceiptKind
from saas.finance.selectors.access import touching_own
from saas.sales.selectors.visibility import money_viewer, sees_all_money

# The columns the receipts table sorts by (saas/core/sorting.py): a receipt is money, so whoever
# may list receipts may sort by their amounts.
RECEIPT_SORTS = {
    "number": "number",
    "received_on": "received_on",
    "customer": "customer__name",
    "kind": "kind",
    "method": "method",
    "amount": "amount",
}


def receipt_list(
    *,
    actor: Actor,
    customer_id: Any = None,
    order_id: Any = None,
    kind: str | None = None,
    include_void: bool = True,
    date_from: date | None = None,
    date_to: date | None = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> QuerySet[Receipt]:
    """Latest day first unless `sort` names a column of RECEIPT_SORTS; days are received_on.
    Whoever may list receipts sees their money, so the amount range needs no further scope."""
    user = money_viewer(actor)
    allocations = ReceiptAllocation.objects.select_related("order").order_by("order_id")
    queryset = Receipt.objects.select_related("customer", "created_by")
    if not sees_all_money(user):
        queryset = queryset.filter(touching_own(user, ReceiptAllocation.objects.all(), "receipt_id"))
        allocations = allocations.filter(order__rep_id=user.pk)
    queryset = queryset.prefetch_related(Prefetch("allocations", queryset=allocations))
    if customer_id is not None:
        queryset = queryset.filter(customer_id=clean_id(customer_id, "customerId", _("Customer not found.")))
    if order_id is not None:
        pk = clean_id(order_id, "orderId", _("Order not found."))
        queryset = queryset.filter(pk__in=ReceiptAllocation.objects.filter(order_id=pk).values("receipt_id"))
    if kind:
        if kind not in ReceiptKind.values:
            raise InvalidInput(_("Unknown receipt kind."), code="kind_invalid", field="kind")
        queryset = queryset.filter(kind=kind)
    if not include_void:
        queryset = queryset.filter(is_void=False)
    queryset = in_range(queryset, "received_on", date_from, date_to)
    queryset = in_range(queryset, "amount", amount_min, amount_max)
    if sort is None:
        return queryset.order_by("-received_on", "-id")
    return sorted_by(queryset, columns=RECEIPT_SORTS, key=sort, descending=descending)


def receipt_get(*, actor: Actor, receipt_id: Any) -> Receipt:
    pk = clean_id(receipt_id, "id", _("Receipt not found."))
    receipt = receipt_list(actor=actor).filter(pk=pk).first()
    if receipt is None:
        raise NotFound(_("Receipt not found."), field="id")
    return receipt
