"""The procurement domain's events: goods received against purchase orders."""

from __future__ import annotations

from dataclasses import dataclass

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.procurement.models import GoodsReceipt, PurchaseOrder


@domain_event("purchase_order.received", object_type="purchase_order")
@dataclass(frozen=True, kw_only=True)
class PurchaseOrderReceived(DomainEvent):
    """Goods arrived against a purchase order (all of it, or part)."""

    id: str = described("the purchase order's GraphQL id")
    number: str = described("the purchase order's number")
    status: str = described("partly_received or received")
    supplier_id: str = described("the supplier's GraphQL id")
    supplier_name: str = described("the supplier's name")
    goods_receipt_id: str = described("the goods receipt's GraphQL id")
    goods_receipt_number: str = described("the goods receipt's number")

    @classmethod
    def of(cls, order: PurchaseOrder, receipt: GoodsReceipt) -> PurchaseOrderReceived:
        return cls(
            id=graphql_id(order.pk),
            number=order.number,
            status=str(order.status),
            supplier_id=graphql_id(order.supplier_id),
            supplier_name=order.supplier.name,
            goods_receipt_id=graphql_id(receipt.pk),
            goods_receipt_number=receipt.number,
        )
