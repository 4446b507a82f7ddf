"""GraphQL types of procurement: suppliers, orders, receipts, returns, payments, payables,
replenishment suggestions.

SKUs and warehouses are the catalog's and inventory's one type of each (a SKU's cost needs
cost.view there as everywhere); documents name their supplier with the one Supplier type.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.actions import AVAILABLE_ACTIONS, PurchaseOrderActionEnum
from saas.api.catalog.types import SkuType
from saas.api.inventory.types import WarehouseType
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.procurement.enums import PurchaseOrderStatus, SupplierReturnSource
from saas.api.who import actor_name, person_name
from saas.core.models import DocumentEvent
from saas.procurement import models
from saas.procurement.actions import PurchaseOrderAction, purchase_order_actions
from saas.procurement.replenishment import SuggestedLine, SuggestedOrder, Suggestion
from saas.procurement.selectors import Payable, attach_events


@strawberry_django.type(models.SupplierContact, name="SupplierContact")
class SupplierContactType:
    name: str
    phone: str
    email: str


@strawberry_django.type(models.SupplierItem, name="SupplierItem")
class SupplierItemType:
    id: strawberry.ID
    sku: SkuType
    supplier_sku_code: str
    unit_name: str
    unit_factor: Decimal = strawberry_django.field(description="Base units in one unitName.")
    price: Decimal = strawberry_django.field(description="Per unitName.")
    min_order_qty: Decimal = strawberry_django.field(
        description="Base units, for the SKU's total on one order."
    )
    lead_time_days: int
    is_active: bool

    @strawberry_django.field(description="The price per base unit.")
    def base_price(self, root: models.SupplierItem) -> Decimal:
        return root.base_price


@strawberry_django.type(models.Supplier, name="Supplier")
class SupplierType:
    id: strawberry.ID
    code: str
    name: str
    payment_terms_days: int
    address: str
    notes: str
    is_active: bool
    contacts: list[SupplierContactType]
    items: list[SupplierItemType]


@strawberry.type(name="PurchaseOrderEvent", description="One status change: who, when, from, to, why.")
class DocumentEventType:
    from_status: PurchaseOrderStatus | None = strawberry.field(description="Null: the order was created.")
    to_status: PurchaseOrderStatus
    note: str
    created_at: datetime
    actor_name: str | None


def event_view(event: DocumentEvent) -> DocumentEventType:
    return DocumentEventType(
        from_status=PurchaseOrderStatus(event.from_status) if event.from_status else None,
        to_status=PurchaseOrderStatus(event.to_status),
        note=event.note,
        created_at=event.created_at,
        actor_name=actor_name(event.actor, event.actor_label, event.actor_kind),
    )


@strawberry_django.type(models.PurchaseOrderLine, name="PurchaseOrderLine")
class PurchaseOrderLineType:
    id: strawberry.ID
    sku: SkuType
    warehouse: WarehouseType
    unit_name: str
    unit_factor: Decimal
    quantity: Decimal = strawberry_django.field(description="In unitName.")
    unit_price: Decimal = strawberry_django.field(description="Per unitName.")
    base_quantity: Decimal
    received_qty: Decimal = strawberry_django.field(description="Accepted into stock, base units.")
    rejected_qty: Decimal = strawberry_django.field(description="Refused at inspection, base units.")

    @strawberry_django.field
    def amount(self, root: models.PurchaseOrderLine) -> Decimal:
        return root.amount

    @strawberry_django.field(description="Base units still expected; rejected goods are still owed.")
    def outstanding_qty(self, root: models.PurchaseOrderLine) -> Decimal:
        return root.outstanding_qty


@strawberry_django.type(models.GoodsReceiptLine, name="GoodsReceiptLine")
class GoodsReceiptLineType:
    id: strawberry.ID
    sku: SkuType
    warehouse: WarehouseType
    accepted_qty: Decimal
    rejected_qty: Decimal
    returned_qty: Decimal = strawberry_django.field(description="Of the rejected, sent back so far.")
    reject_reason: str
    unit_cost: Decimal
    accepted_amount: Decimal

    @strawberry_django.field
    def order_line_id(self, root: models.GoodsReceiptLine) -> strawberry.ID:
        return strawberry.ID(str(root.order_line_id))


@strawberry_django.type(models.GoodsReceipt, name="GoodsReceipt")
class GoodsReceiptType:
    id: strawberry.ID
    number: str
    note: str
    created_at: datetime
    lines: list[GoodsReceiptLineType]

    @strawberry_django.field
    def created_by_name(self, root: models.GoodsReceipt) -> str:
        return person_name(root.created_by)


@strawberry_django.type(models.PurchaseOrder, name="PurchaseOrder")
class PurchaseOrderType:
    id: strawberry.ID
    number: str
    status: PurchaseOrderStatus
    supplier: SupplierType
    currency: str
    expected_date: date | None
    note: str
    created_at: datetime
    lines: list[PurchaseOrderLineType]
    receipts: list[GoodsReceiptType]

    @strawberry_django.field
    def created_by_name(self, root: models.PurchaseOrder) -> str:
        return person_name(root.created_by)

    @strawberry_django.field
    def amount(self, root: models.PurchaseOrder) -> Decimal:
        return sum((line.amount for line in root.lines.all()), Decimal(0))

    @strawberry_django.field(description="Status history, oldest first.")
    def events(self, root: models.PurchaseOrder) -> list[DocumentEventType]:
        events = getattr(root, "events", None)
        if events is None:  # not attached by the selector: this order alone
            attach_events([root])
            events = root.events  # type: ignore[attr-defined]
        return [event_view(event) for event in events]

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: models.PurchaseOrder, info: Info) -> list[PurchaseOrderActionEnum]:  # type: ignore[valid-type]
        return [PurchaseOrderAction(name) for name in purchase_order_actions(root, current_actor(info))]


@strawberry_django.type(models.SupplierReturnLine, name="SupplierReturnLine")
class SupplierReturnLineType:
    id: strawberry.ID
    source: SupplierReturnSource
    sku: SkuType
    warehouse: WarehouseType
    quantity: Decimal
    unit_cost: Decimal
    amount: Decimal

    @strawberry_django.field
    def receipt_line_id(self, root: models.SupplierReturnLine) -> strawberry.ID | None:
        return None if root.receipt_line_id is None else strawberry.ID(str(root.receipt_line_id))


@strawberry_django.type(models.SupplierReturn, name="SupplierReturn")
class SupplierReturnType:
    id: strawberry.ID
    number: str
    supplier: SupplierType
    note: str
    created_at: datetime
    lines: list[SupplierReturnLineType]

    @strawberry_django.field
    def amount(self, root: models.SupplierReturn) -> Decimal:
        return sum((line.amount for line in root.lines.all()), Decimal(0))


@strawberry_django.type(models.SupplierPayment, name="SupplierPayment")
class SupplierPaymentType:
    id: strawberry.ID
    supplier: SupplierType
    amount: Decimal
    currency: str
    paid_on: date
    method: str
    reference: str
    note: str
    created_at: datetime


@strawberry.type(name="Payable", description="What a supplier is owed: received − returned − paid.")
class PayableType:
    supplier: SupplierType
    ordered: Decimal = strawberry.field(description="Approved orders and later, at order prices.")
    received: Decimal = strawberry.field(description="Value of accepted goods.")
    returned: Decimal = strawberry.field(description="Value of goods returned from stock.")
    paid: Decimal
    balance: Decimal


def payable_view(row: Payable) -> PayableType:
    return PayableType(
        supplier=row.supplier,  # type: ignore[arg-type]
        ordered=row.ordered,
        received=row.received,
        returned=row.returned,
        paid=row.paid,
        balance=row.balance,
    )


@strawberry.type(name="SuggestedLine")
class SuggestedLineType:
    sku_id: strawberry.ID
    sku_code: str
    sku_name: str
    spec_label: str
    base_unit: str
    warehouse_id: strawberry.ID
    warehouse_code: str
    warehouse_name: str
    available: Decimal
    in_transit: Decimal
    on_order: Decimal
    demand: Decimal = strawberry.field(description="Extra demand not yet reserved (e.g. sales shortfalls).")
    reorder_point: Decimal | None
    min_qty: Decimal | None
    max_qty: Decimal | None
    need: Decimal = strawberry.field(description="Base units to reach the target.")
    quantity: Decimal = strawberry.field(description="Proposed base units, after pack and MOQ rounding.")
    order_quantity: Decimal = strawberry.field(description="The proposal in unitName: what to confirm.")
    supplier_id: strawberry.ID | None
    unit_name: str
    unit_factor: Decimal
    unit_price: Decimal | None
    min_order_qty: Decimal
    lead_time_days: int | None
    amount: Decimal | None


@strawberry.type(name="SuggestedOrder", description="One draft order to be: a supplier, many warehouses.")
class SuggestedOrderType:
    supplier_id: strawberry.ID
    supplier_code: str
    supplier_name: str
    amount: Decimal
    lines: list[SuggestedLineType]


@strawberry.type(name="ReplenishmentSuggestion")
class ReplenishmentSuggestionType:
    orders: list[SuggestedOrderType]
    unsourced: list[SuggestedLineType] = strawberry.field(
        description="Short, but no active supplier sells it."
    )


def _line_view(line: SuggestedLine) -> SuggestedLineType:
    return SuggestedLineType(
        sku_id=strawberry.ID(str(line.sku_id)),
        sku_code=line.sku_code,
        sku_name=line.sku_name,
        spec_label=line.spec_label,
        base_unit=line.base_unit,
        warehouse_id=strawberry.ID(str(line.warehouse_id)),
        warehouse_code=line.warehouse_code,
        warehouse_name=line.warehouse_name,
        available=line.available,
        in_transit=line.in_transit,
        on_order=line.on_order,
        demand=line.demand,
        reorder_point=line.reorder_point,
        min_qty=line.min_qty,
        max_qty=line.max_qty,
        need=line.need,
        quantity=line.quantity,
        order_quantity=line.order_quantity,
        supplier_id=None if line.supplier_id is None else strawberry.ID(str(line.supplier_id)),
        unit_name=line.unit_name,
        unit_factor=line.unit_factor,
        unit_price=line.unit_price,
        min_order_qty=line.min_order_qty,
        lead_time_days=line.lead_time_days,
        amount=line.amount,
    )


def _order_view(order: SuggestedOrder) -> SuggestedOrderType:
    return SuggestedOrderType(
        supplier_id=strawberry.ID(str(order.supplier_id)),
        supplier_code=order.supplier_code,
        supplier_name=order.supplier_name,
        amount=order.amount,
        lines=[_line_view(line) for line in order.lines],
    )


def suggestion_view(suggestion: Suggestion) -> ReplenishmentSuggestionType:
    return ReplenishmentSuggestionType(
        orders=[_order_view(order) for order in suggestion.orders],
        unsourced=[_line_view(line) for line in suggestion.unsourced],
    )


@strawberry.type
class SupplierPage(Page[SupplierType]):
    pass


@strawberry.type
class PurchaseOrderPage(Page[PurchaseOrderType]):
    pass


@strawberry.type
class SupplierReturnPage(Page[SupplierReturnType]):
    pass


@strawberry.type
class SupplierPaymentPage(Page[SupplierPaymentType]):
    pass


@strawberry.type
class PayablePage(Page[PayableType]):
    pass
