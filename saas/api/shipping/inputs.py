"""GraphQL inputs of shipping. Lists are checked by the services (at most 100 lines per shipment,
500 rows per batch); strings by their max lengths."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from saas.api.sales.enums import DeliveryMethod, SalesOrderStatus
from saas.api.shipping.enums import ShipmentStatus
from saas.api.shipping.setup_types import PrintAlign


@strawberry.input
class ShipmentLineInput:
    line_id: strawberry.ID = strawberry.field(description="The sales order line.")
    quantity: Decimal = strawberry.field(description="Base units.")


@strawberry.input
class ShipmentCreateInput:
    order_id: strawberry.ID
    lines: list[ShipmentLineInput] | None = strawberry.field(
        default=None, description="Omit to take everything still open (from one warehouse)."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Needed when the open lines lie in several warehouses."
    )
    carrier_id: strawberry.ID | None = strawberry.field(
        default=None, description="Omit to detect it from the tracking number."
    )
    tracking_number: str = ""
    note: str = ""
    ship: bool = strawberry.field(
        default=True, description="False: a packing shipment to verify and ship later."
    )
    idempotency_key: str | None = None


@strawberry.input
class ShipmentShipInput:
    id: strawberry.ID
    carrier_id: strawberry.ID | None = None
    tracking_number: str | None = strawberry.field(default=None, description="Omit to keep the packed one.")
    idempotency_key: str | None = None


@strawberry.input
class ShipmentBatchRowInput:
    order_id: strawberry.ID | None = None
    order_number: str = strawberry.field(
        default="", description="Instead of orderId: typed, scanned or imported."
    )
    tracking_number: str = ""
    carrier_id: strawberry.ID | None = None
    carrier_name: str = strawberry.field(default="", description="A code or name as in a sheet: SF, 顺丰.")


@strawberry.input
class ShipmentBatchShipInput:
    rows: list[ShipmentBatchRowInput]
    idempotency_key: str | None = None


@strawberry.input
class ShipmentSignBackInput:
    shipment_id: strawberry.ID
    signature_png: str = strawberry.field(
        description="canvas.toDataURL('image/png') or bare base64, at most 1 MB. Photos: POST to "
        "/shipping/shipments/<id>/sign-back/."
    )
    signed_at: datetime | None = strawberry.field(default=None, description="Default: now.")
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class ShipmentFilterInput:
    status: ShipmentStatus | None = None
    order_id: strawberry.ID | None = None
    carrier_id: strawberry.ID | None = None
    warehouse_id: strawberry.ID | None = None
    date_from: date | None = strawberry.field(default=None, description="Ship date, the workspace's day.")
    date_to: date | None = None
    search: str = strawberry.field(
        default="", description="Shipment, tracking or order number, customer, receiver."
    )
    customer_id: strawberry.ID | None = strawberry.field(default=None, description="The order's customer.")


@strawberry.input
class ShippingOrderFilterInput:
    statuses: list[SalesOrderStatus] | None = strawberry.field(
        default=None, description="PENDING_SHIPMENT, PARTLY_SHIPPED, PENDING_SIGNBACK; default the first two."
    )
    delivery_method: DeliveryMethod | None = None
    rep_id: strawberry.ID | None = None
    customer_id: strawberry.ID | None = None
    warehouse_id: strawberry.ID | None = None
    date_from: date | None = strawberry.field(
        default=None, description="Due date: requested, else order date."
    )
    date_to: date | None = None
    search: str = ""


@strawberry.input
class CarrierCreateInput:
    code: str
    name_zh: str
    name_en: str = ""
    tracking_pattern: str = strawberry.field(
        default="", description="A regular expression, e.g. ^HT\\d{12}$."
    )
    phone: str = ""
    priority: int = 0
    idempotency_key: str | None = None


@strawberry.input
class CarrierUpdateInput:
    name_zh: str | None = None
    name_en: str | None = None
    tracking_pattern: str | None = None
    phone: str | None = None
    priority: int | None = None
    is_active: bool | None = None


@strawberry.input
class ShippingSettingsInput:
    signback_overdue_days: int | None = None
    delivery_note_shows_prices: bool | None = None
    require_verification: bool | None = None
    print_company_name: str | None = None
    print_phone: str | None = None
    print_address: str | None = None
    print_footer: str | None = None


@strawberry.input
class PrintFieldInput:
    field: str
    visible: bool = True
    align: PrintAlign = PrintAlign.LEFT
