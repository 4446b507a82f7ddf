"""GraphQL types of shipping: carriers and suggestions, shipments, packages being verified, batch
results, orders to ship, pick lists, daily lists, settings and print templates.

The types are plain views built from the selectors' rows (`*_view` functions), so whether money
shows is decided once per request: prices and amounts are null for people who may not see order
money (the warehouse). SKUs and warehouses appear through small shipping-own types.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

import strawberry
from django.utils import translation
from strawberry.types import Info

from saas.api.actions import AVAILABLE_ACTIONS, ShipmentActionEnum
from saas.api.catalog.types import SkuType
from saas.api.errors import FieldError
from saas.api.inventory.types import WarehouseType
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.restricted import ORDER_MONEY, restricted
from saas.api.sales.enums import DeliveryMethod, SalesOrderStatus
from saas.api.shipping.enums import ShipmentStatus, SignBackProofKind
from saas.api.who import actor_name
from saas.catalog.models import SKU
from saas.core.models import DocumentEvent
from saas.inventory.models import Warehouse
from saas.sales.models import SalesOrder
from saas.shipping import carriers as carrier_rules
from saas.shipping.actions import ShipmentAction, shipment_actions
from saas.shipping.models import Carrier, Shipment, SignBackProof

CENT = Decimal("0.01")


@strawberry.enum(description="How sure the suggestion is (see carrierSuggest).")
class CarrierConfidence(enum.Enum):
    HIGH = carrier_rules.HIGH
    MEDIUM = carrier_rules.MEDIUM
    LOW = carrier_rules.LOW
    PARTIAL = carrier_rules.PARTIAL


def sku_view(sku: SKU) -> SkuType:
    """The catalog's one SKU type resolves from the row itself."""
    return cast(SkuType, sku)


def warehouse_view(warehouse: Warehouse) -> WarehouseType:
    """Inventory's one warehouse type resolves from the row itself."""
    return cast(WarehouseType, warehouse)


@strawberry.type(name="Carrier")
class CarrierType:
    id: strawberry.ID
    code: str
    name: str = strawberry.field(description="In the user's language.")
    name_zh: str
    name_en: str
    tracking_pattern: str
    phone: str = strawberry.field(description="Customer service, for tap-to-call.")
    priority: int
    is_builtin: bool
    is_active: bool


def carrier_view(carrier: Carrier) -> CarrierType:
    return CarrierType(
        id=strawberry.ID(str(carrier.pk)),
        code=carrier.code,
        name=carrier.display_name(translation.get_language() or "zh-hans"),
        name_zh=carrier.name_zh,
        name_en=carrier.name_en,
        tracking_pattern=carrier.tracking_pattern,
        phone=carrier.phone,
        priority=carrier.priority,
        is_builtin=carrier.is_builtin,
        is_active=carrier.is_active,
    )


@strawberry.type
class CarrierCandidate:
    carrier: CarrierType
    confidence: CarrierConfidence
    complete: bool = strawberry.field(description="The number as typed is a whole number of this carrier.")
    used_count: int = strawberry.field(description="This workspace's shipments with numbers of this shape.")
    taken_by: str | None = strawberry.field(description="The shipment already using this number, if any.")


@strawberry.type
class CarrierSuggestion:
    tracking_number: str = strawberry.field(description="Normalised: upper case, no spaces or hyphens.")
    well_formed: bool
    candidates: list[CarrierCandidate] = strawberry.field(description="Best first.")
    best: CarrierCandidate | None = strawberry.field(
        description="The one clear carrier (high or medium confidence, alone), to preselect."
    )


@strawberry.type(name="ShipmentEvent", description="One status change: who, when, from, to, why.")
class ShipmentEventType:
    from_status: ShipmentStatus | None = strawberry.field(description="Null: the shipment was created.")
    to_status: ShipmentStatus
    note: str
    created_at: datetime
    actor_name: str | None


def event_view(event: DocumentEvent) -> ShipmentEventType:
    return ShipmentEventType(
        from_status=ShipmentStatus(event.from_status) if event.from_status else None,
        to_status=ShipmentStatus(event.to_status),
        note=event.note,
        created_at=event.created_at,
        actor_name=actor_name(event.actor, event.actor_label, event.actor_kind),
    )


@strawberry.type(name="ShipmentLine")
class ShipmentLineType:
    id: strawberry.ID
    order_line_id: strawberry.ID
    sku: SkuType
    quantity: Decimal = strawberry.field(description="Base units.")
    amount: Decimal | None = strawberry.field(
        description="The order's price for these goods, tax included.", extensions=restricted(ORDER_MONEY)
    )


@strawberry.type(name="SignBackProof")
class SignBackProofType:
    id: strawberry.ID
    kind: SignBackProofKind
    url: str = strawberry.field(description="GET it with the session; served only inside this workspace.")
    created_at: datetime


def proof_view(proof: SignBackProof) -> SignBackProofType:
    return SignBackProofType(
        id=strawberry.ID(str(proof.pk)),
        kind=SignBackProofKind(proof.kind),
        url=f"/shipping/proofs/{proof.pk}/",
        created_at=proof.created_at,
    )


@strawberry.type(name="ShipmentOrder", description="The order a shipment belongs to, as shipping needs it.")
class ShipmentOrderType:
    id: strawberry.ID
    number: str
    status: SalesOrderStatus
    customer_name: str
    rep_name: str
    receiver: str
    receiver_phone: str
    address: str
    delivery_method: DeliveryMethod


def address_of(order: SalesOrder) -> str:
    return "".join(
        p for p in (order.ship_province, order.ship_city, order.ship_district, order.ship_detail) if p
    )


@strawberry.type(name="Shipment")
class ShipmentType:
    id: strawberry.ID
    number: str
    status: ShipmentStatus
    order: ShipmentOrderType
    delivery_method: DeliveryMethod
    warehouse: WarehouseType
    carrier: CarrierType | None
    tracking_number: str
    note: str
    ship_date: date | None = strawberry.field(description="The workspace's day it shipped.")
    shipped_at: datetime | None
    shipped_by_name: str | None
    verified: bool
    verified_at: datetime | None
    signed_at: datetime | None = strawberry.field(description="When the customer signed, as reported.")
    sign_recorded_at: datetime | None
    signed_by_name: str | None = strawberry.field(description="Who recorded the sign-back.")
    sign_latitude: Decimal | None
    sign_longitude: Decimal | None
    sign_note: str
    updated_at: datetime = strawberry.field(
        description="When it last changed (status, tracking, sign-back); the shipments list syncs by it."
    )
    total_quantity: Decimal
    lines: list[ShipmentLineType]
    proofs: list[SignBackProofType]
    events: list[ShipmentEventType] = strawberry.field(
        description="Filled by `shipment(id)`; empty in lists."
    )
    delivery_note_url: str = strawberry.field(description="Printable HTML; add &format=pdf for a PDF.")

    @strawberry.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, info: Info) -> list[ShipmentActionEnum]:  # type: ignore[valid-type]
        return [ShipmentAction(name) for name in shipment_actions(self.status.value, current_actor(info))]


def _line_amount(line: object, money: bool) -> Decimal | None:
    if not money:
        return None
    order_line = line.order_line  # type: ignore[attr-defined]
    base = Decimal(order_line.base_quantity) or Decimal(1)
    return (Decimal(order_line.amount) * Decimal(line.quantity) / base).quantize(CENT, rounding=ROUND_HALF_UP)  # type: ignore[attr-defined]


def shipment_view(shipment: Shipment, *, money: bool) -> ShipmentType:
    order = shipment.order
    lines = list(shipment.lines.all())
    return ShipmentType(
        id=strawberry.ID(str(shipment.pk)),
        number=shipment.number,
        status=ShipmentStatus(shipment.status),
        order=ShipmentOrderType(
            id=strawberry.ID(str(order.pk)),
            number=order.number,
            status=SalesOrderStatus(order.status),
            customer_name=order.customer.name,
            rep_name=order.rep.full_name,
            receiver=order.ship_receiver or order.contact_name,
            receiver_phone=order.ship_phone or order.contact_phone,
            address=address_of(order),
            delivery_method=DeliveryMethod(order.delivery_method),
        ),
        warehouse=warehouse_view(shipment.warehouse),
        delivery_method=DeliveryMethod(shipment.delivery_method),
        carrier=carrier_view(shipment.carrier) if shipment.carrier else None,
        tracking_number=shipment.tracking_number,
        note=shipment.note,
        ship_date=shipment.ship_date,
        shipped_at=shipment.shipped_at,
        shipped_by_name=shipment.shipped_by.full_name if shipment.shipped_by else None,
        verified=shipment.verified_at is not None,
        verified_at=shipment.verified_at,
        signed_at=shipment.signed_at,
        sign_recorded_at=shipment.sign_recorded_at,
        signed_by_name=shipment.signed_by.full_name if shipment.signed_by else None,
        sign_latitude=shipment.sign_latitude,
        sign_longitude=shipment.sign_longitude,
        sign_note=shipment.sign_note,
        updated_at=shipment.updated_at,
        total_quantity=sum((Decimal(line.quantity) for line in lines), Decimal(0)),
        lines=[
            ShipmentLineType(
                id=strawberry.ID(str(line.pk)),
                order_line_id=strawberry.ID(str(line.order_line_id)),
                sku=sku_view(line.sku),
                quantity=line.quantity,
                amount=_line_amount(line, money),
            )
            for line in lines
        ],
        proofs=[proof_view(proof) for proof in shipment.proofs.all()],
        events=[event_view(event) for event in getattr(shipment, "events", [])],
        delivery_note_url=f"/shipping/print/delivery-note/?shipments={shipment.pk}",
    )


@strawberry.type
class ShipmentPage(Page[ShipmentType]):
    pass


@strawberry.type(name="ShipmentBatchRow")
class BatchRowType:
    row: int = strawberry.field(description="The row's position in the request, from 0.")
    order_id: strawberry.ID | None
    order_number: str
    ok: bool
    shipment: ShipmentType | None
    errors: list[FieldError]


@strawberry.type(name="ShipmentBatch")
class ShipmentBatchType:
    id: strawberry.ID
    row_count: int
    shipped_count: int
    failed_count: int
    created_at: datetime
    rows: list[BatchRowType]
