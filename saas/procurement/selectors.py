"""Reads of procurement data for a user: each takes the actor and refuses without the right scope.

List selectors fetch what their GraphQL lists show in a fixed number of queries (select_related
and prefetches), so a page of 100 orders costs the same few queries as a page of 3.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Round
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import NotFound
from saas.core.ids import clean_id
from saas.core.list_filters import in_range
from saas.core.models import DocumentEvent
from saas.core.sorting import sorted_by
from saas.procurement.access import (
    require_buyer,
    require_payables_viewer,
    require_procurement_viewer,
)
from saas.procurement.models import (
    COMMITTED_STATUSES,
    GoodsReceipt,
    GoodsReceiptLine,
    PurchaseOrder,
    PurchaseOrderLine,
    ReturnSource,
    Supplier,
    SupplierItem,
    SupplierPayment,
    SupplierReturn,
    SupplierReturnLine,
)
from saas.procurement.replenishment import Suggestion, compute_suggestion

PO_DOC_TYPE = "purchase_order"


def _supplier_filter(supplier_id: Any) -> int:
    return clean_id(supplier_id, "supplier_id", _("Supplier not found."))


def supplier_list(*, actor: Actor, search: str = "", active: bool | None = None) -> QuerySet[Supplier]:
    require_procurement_viewer(actor)
    queryset = Supplier.objects.prefetch_related(
        "contacts", Prefetch("items", queryset=SupplierItem.objects.select_related("sku__product"))
    )
    if search:
        queryset = queryset.filter(Q(code__icontains=search) | Q(name__icontains=search))
    if active is not None:
        queryset = queryset.filter(is_active=active)
    return queryset.order_by("code")


def supplier_get(*, actor: Actor, supplier_id: Any) -> Supplier:
    supplier = (
        supplier_list(actor=actor).filter(pk=clean_id(supplier_id, "id", _("Supplier not found."))).first()
    )
    if supplier is None:
        raise NotFound(_("Supplier not found."), field="id")
    return supplier


def _order_queryset() -> QuerySet[PurchaseOrder]:
    return PurchaseOrder.objects.select_related("supplier", "created_by").prefetch_related(
        Prefetch("lines", queryset=PurchaseOrderLine.objects.select_related("sku__product", "warehouse"))
    )


def _receipt_prefetch(prefix: str = "") -> Prefetch:  # type: ignore[type-arg]
    return Prefetch(
        f"{prefix}receipts",
        queryset=GoodsReceipt.objects.select_related("created_by").prefetch_related(
            Prefetch("lines", queryset=GoodsReceiptLine.objects.select_related("sku__product", "warehouse"))
        ),
    )


# The columns the purchase order table sorts by (saas/core/sorting.py); amounts are sums over
# lines, so they do not sort here.
PURCHASE_ORDER_SORTS = {
    "number": "number",
    "created_at": "created_at",
    "supplier": "supplier__name",
    "status": "status",
    "expected_date": "expected_date",
}


def _line_amount() -> Round:
    """A purchase order line's amount as the API shows it: quantity × price, to the cent."""
    return Round(F("quantity") * F("unit_price"), 2)


def _order_amount() -> Coalesce:
    """An order's amount as the API shows it: the sum of its lines' amounts."""
    return _sum_per_parent(PurchaseOrderLine.objects.all(), "order", _line_amount())


def purchase_order_list(
    *,
    actor: Actor,
    status: str | None = None,
    supplier_id: Any = None,
    warehouse_id: Any = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    with_receipts: bool = False,
    sort: str | None = None,
    descending: bool = False,
) -> QuerySet[PurchaseOrder]:
    """Newest first unless `sort` names a column of PURCHASE_ORDER_SORTS. A warehouse matches the
    orders with a line bound for it. Whoever may list purchase orders sees their amounts, so the
    amount range needs no further scope."""
    require_procurement_viewer(actor)
    queryset = _order_queryset()
    if with_receipts:
        queryset = queryset.prefetch_related(_receipt_prefetch())
    if status:
        queryset = queryset.filter(status=status)
    if supplier_id is not None:
        queryset = queryset.filter(supplier_id=_supplier_filter(supplier_id))
    if warehouse_id not in (None, ""):
        pk = clean_id(warehouse_id, "warehouse_id", _("Warehouse not found."))
        queryset = queryset.filter(
            pk__in=PurchaseOrderLine.objects.filter(warehouse_id=pk).values("order_id")
        )
    if amount_min is not None or amount_max is not None:
        queryset = in_range(
            queryset.annotate(amount_total=_order_amount()), "amount_total", amount_min, amount_max
        )
    if sort is None:
        return queryset.order_by("-id")
    return sorted_by(queryset, columns=PURCHASE_ORDER_SORTS, key=sort, descending=descending)


def purchase_order_get(*, actor: Actor, order_id: Any) -> PurchaseOrder:
    pk = clean_id(order_id, "id", _("Purchase order not found."))
    order = purchase_order_list(actor=actor, with_receipts=True).filter(pk=pk).first()
    if order is None:
        raise NotFound(_("Purchase order not found."), field="id")
    attach_events([order])
    return order


def attach_events(orders: Iterable[PurchaseOrder]) -> None:
    """Give each order its status history as `.events`, in one query for all of them."""
    orders = list(orders)
    by_order: dict[int, list[DocumentEvent]] = defaultdict(list)
    for event in DocumentEvent.objects.filter(
        doc_type=PO_DOC_TYPE, doc_id__in=[o.pk for o in orders]
    ).select_related("actor"):
        by_order[event.doc_id].append(event)
    for order in orders:
        order.events = by_order[order.pk]  # type: ignore[attr-defined]


def supplier_return_list(*, actor: Actor, supplier_id: Any = None) -> QuerySet[SupplierReturn]:
    require_procurement_viewer(actor)
    queryset = SupplierReturn.objects.select_related("supplier", "created_by").prefetch_related(
        Prefetch("lines", queryset=SupplierReturnLine.objects.select_related("sku__product", "warehouse"))
    )
    if supplier_id is not None:
        queryset = queryset.filter(supplier_id=_supplier_filter(supplier_id))
    return queryset.order_by("-id")


def supplier_payment_list(*, actor: Actor, supplier_id: Any = None) -> QuerySet[SupplierPayment]:
    require_payables_viewer(actor)
    queryset = SupplierPayment.objects.select_related("supplier", "created_by")
    if supplier_id is not None:
        queryset = queryset.filter(supplier_id=_supplier_filter(supplier_id))
    return queryset.order_by("-paid_on", "-id")


@dataclass(frozen=True)
class Payable:
    """What a supplier is owed: received (accepted goods) − returned from stock − paid."""

    supplier: Supplier
    ordered: Decimal  # approved orders and later, at order prices
    received: Decimal
    returned: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.received - self.returned - self.paid


def _sum_per_parent(queryset: QuerySet[Any], parent_path: str, amount: Any) -> Coalesce:
    """The sum of `amount` over the rows of `queryset` whose `parent_path` is the outer row (0
    when none), as a subquery for annotating the parents."""
    money = DecimalField(max_digits=18, decimal_places=2)
    total = (
        queryset.filter(**{parent_path: OuterRef("pk")})
        .order_by()
        .values(parent_path)
        .annotate(total=Sum(amount, output_field=money))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=money), Value(Decimal(0)), output_field=money)


def payable_list(
    *, actor: Actor, supplier_id: Any = None, outstanding_only: bool = False
) -> QuerySet[Supplier]:
    """Suppliers annotated with ordered, received, returned and paid; one query for any number."""
    require_payables_viewer(actor)
    queryset = Supplier.objects.annotate(
        ordered=_sum_per_parent(
            PurchaseOrderLine.objects.filter(order__status__in=COMMITTED_STATUSES),
            "order__supplier",
            _line_amount(),
        ),
        received=_sum_per_parent(
            GoodsReceiptLine.objects.all(), "receipt__order__supplier", F("accepted_amount")
        ),
        returned=_sum_per_parent(
            SupplierReturnLine.objects.filter(source=ReturnSource.STOCK),
            "supplier_return__supplier",
            F("amount"),
        ),
        paid=_sum_per_parent(SupplierPayment.objects.all(), "supplier", F("amount")),
    ).annotate(balance=F("received") - F("returned") - F("paid"))
    if supplier_id is not None:
        queryset = queryset.filter(pk=_supplier_filter(supplier_id))
    if outstanding_only:
        queryset = queryset.exclude(balance=0)
    return queryset.order_by("code")


def payables_of(suppliers: Iterable[Supplier]) -> list[Payable]:
    return [
        Payable(
            supplier=s,
            ordered=s.ordered,  # type: ignore[attr-defined]
            received=s.received,  # type: ignore[attr-defined]
            returned=s.returned,  # type: ignore[attr-defined]
            paid=s.paid,  # type: ignore[attr-defined]
        )
        for s in suppliers
    ]


def replenishment_suggestion(*, actor: Actor, warehouse_ids: list[Any] | None = None) -> Suggestion:
    """What to buy now; only buyers ask, since only they can act on it."""
    require_buyer(actor)
    ids = None
    if warehouse_ids is not None:
        ids = [
            clean_id(w, f"warehouse_ids.{i}", _("Warehouse not found.")) for i, w in enumerate(warehouse_ids)
        ]
    return compute_suggestion(warehouse_ids=ids)
