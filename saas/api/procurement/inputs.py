"""GraphQL inputs of procurement. Lists are checked by the services (at most 100 lines, 10
contacts); strings by their max lengths."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.input(name="SupplierContactInput")
class ContactInput:
    name: str
    phone: str = ""
    email: str = ""


@strawberry.input
class SupplierCreateInput:
    code: str
    name: str
    contacts: list[ContactInput] = strawberry.field(default_factory=list)
    payment_terms_days: int = 0
    address: str = ""
    notes: str = ""
    idempotency_key: str | None = None


@strawberry.input
class SupplierUpdateInput:
    name: str | None = None
    contacts: list[ContactInput] | None = strawberry.field(
        default=None, description="Replaces every contact when given."
    )
    payment_terms_days: int | None = None
    address: str | None = None
    notes: str | None = None
    is_active: bool | None = None


@strawberry.input
class SupplierItemInput:
    supplier_id: strawberry.ID
    sku_id: strawberry.ID
    price: Decimal = strawberry.field(
        description="Per pack unit when packUnitId is given, else per base unit."
    )
    pack_unit_id: strawberry.ID | None = None
    min_order_qty: Decimal = strawberry.field(default=Decimal(0), description="Base units.")
    lead_time_days: int = 0
    supplier_sku_code: str = ""
    is_active: bool = True


@strawberry.input
class PurchaseOrderLineInput:
    sku_id: strawberry.ID
    warehouse_id: strawberry.ID
    quantity: Decimal = strawberry.field(
        description="In the supplier's unit for this SKU, else the base unit."
    )
    unit_price: Decimal | None = strawberry.field(default=None, description="Empty: the supplier's price.")


@strawberry.input
class PurchaseOrderCreateInput:
    supplier_id: strawberry.ID
    lines: list[PurchaseOrderLineInput]
    expected_date: date | None = None
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class PurchaseOrderUpdateInput:
    lines: list[PurchaseOrderLineInput] | None = strawberry.field(
        default=None, description="Replaces every line when given."
    )
    expected_date: date | None = strawberry.field(default=strawberry.UNSET, description="null clears it.")
    note: str | None = None


@strawberry.input
class GoodsReceiptLineInput:
    line_id: strawberry.ID = strawberry.field(description="The purchase order line.")
    accepted_qty: Decimal = strawberry.field(default=Decimal(0), description="Base units.")
    rejected_qty: Decimal = strawberry.field(default=Decimal(0), description="Base units.")
    reject_reason: str = ""
    bin_id: strawberry.ID | None = strawberry.field(
        default=None, description="The bin (库位) the accepted goods go to, in the line's warehouse."
    )


@strawberry.input
class GoodsReceiptCreateInput:
    purchase_order_id: strawberry.ID
    lines: list[GoodsReceiptLineInput]
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class SupplierReturnLineInput:
    quantity: Decimal = strawberry.field(description="Base units.")
    receipt_line_id: strawberry.ID | None = strawberry.field(
        default=None, description="Return goods rejected on this receipt line; or give skuId and warehouseId."
    )
    sku_id: strawberry.ID | None = None
    warehouse_id: strawberry.ID | None = None


@strawberry.input
class SupplierReturnCreateInput:
    supplier_id: strawberry.ID
    lines: list[SupplierReturnLineInput]
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class SupplierPaymentInput:
    supplier_id: strawberry.ID
    amount: Decimal
    paid_on: date | None = strawberry.field(default=None, description="Empty: today in the workspace.")
    method: str = ""
    reference: str = ""
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class ReplenishmentLineInput:
    supplier_id: strawberry.ID
    sku_id: strawberry.ID
    warehouse_id: strawberry.ID
    quantity: Decimal = strawberry.field(
        description="In the supplier's unit (the suggestion's orderQuantity)."
    )
    unit_price: Decimal | None = None
